//! chronomap: a desktop map-and-timeline viewer for geocoded events reported in the news.
//!
//! The crate is layered: [`model`] is pure data (no egui, no files); [`io`] reads files into
//! it; [`map`] and [`ui`] draw it; [`app`] ties them together.

pub mod animation;
pub mod app;
pub mod background;
pub mod basemap;
pub mod clusters;
pub mod escalation;
pub mod export_image;
pub mod export_shown;
pub mod export_steps;
pub mod export_video;
pub mod io;
pub mod loading;
pub mod map;
pub mod model;
pub mod screenshot;
pub mod state;
pub mod story;
mod tile_queue;
pub mod time;
pub mod tint;
pub mod ui;
pub mod video_mp4;
pub mod view_file;

pub use app::ChronomapApp;
pub use state::{Command, ViewContext, ViewState};
