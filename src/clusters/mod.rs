//! Events gathered for the map at a million events: a spatial index built once per dataset
//! ([`SpatialIndex`]), clusters on a grid per zoom level ([`Clusters`]), and a background
//! builder so that no frame waits for them ([`ClusterWorker`]). Knows nothing of egui.

mod grid;
mod index;
mod worker;

pub use grid::{
    Cluster, ClusterInput, ClusterKey, Clusters, MAX_LEVEL, MIX, level_for_zoom, short_count,
};
pub use index::SpatialIndex;
pub use worker::{BUILD_IN_FRAME, Built, ClusterWorker};
