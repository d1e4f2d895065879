//! The spatial index of a dataset: every located event in an R-tree over its Web Mercator
//! position, built once per dataset, so that "which events are in this box" never walks
//! the whole dataset.

use rstar::primitives::GeomWithData;
use rstar::{AABB, RTree};

use crate::model::{Dataset, EventIndex};

/// One located event in the tree: its Web Mercator position and its index.
type Entry = GeomWithData<[f32; 2], u32>;

/// The located events of one dataset in an R-tree (see the module docs).
pub struct SpatialIndex {
    tree: RTree<Entry>,
    /// The dataset it was built for.
    generation: u64,
}

impl SpatialIndex {
    /// Indexes every located event of `dataset`. Bulk loading takes about half a second
    /// per million events, so build it off the UI thread.
    pub fn build(dataset: &Dataset) -> Self {
        let entries: Vec<Entry> = dataset
            .mercator()
            .iter()
            .enumerate()
            .filter(|(_, m)| !m[0].is_nan() && !m[1].is_nan())
            .filter_map(|(index, m)| Some(Entry::new(*m, u32::try_from(index).ok()?)))
            .collect();
        SpatialIndex {
            tree: RTree::bulk_load(entries),
            generation: dataset.generation(),
        }
    }

    /// The generation of the dataset this index belongs to.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How many events it holds (the located ones).
    pub fn len(&self) -> usize {
        self.tree.size()
    }

    /// Whether it holds no events.
    pub fn is_empty(&self) -> bool {
        self.tree.size() == 0
    }

    /// The events whose Web Mercator position lies in the box from `min` to `max`, edges
    /// included, in no particular order.
    pub fn in_box(&self, min: [f32; 2], max: [f32; 2]) -> impl Iterator<Item = EventIndex> + '_ {
        let envelope = AABB::from_corners(min, max);
        self.tree
            .locate_in_envelope(&envelope)
            .map(|entry| entry.data as EventIndex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic;

    /// A small deterministic generator, so that the boxes differ from run to run of the
    /// loop but not between runs of the test.
    fn next(state: &mut u64) -> f32 {
        *state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((*state >> 40) as f32) / ((1u64 << 24) as f32)
    }

    #[test]
    fn the_index_finds_exactly_what_a_linear_scan_finds() {
        let dataset = synthetic::dataset(20_000, 40, 7);
        let index = SpatialIndex::build(&dataset);
        let located = dataset.mercator().iter().filter(|m| !m[0].is_nan()).count();
        assert_eq!(index.len(), located);
        let (mut lo, mut hi) = ([1.0f32; 2], [0.0f32; 2]);
        for m in dataset.mercator().iter().filter(|m| !m[0].is_nan()) {
            lo = [lo[0].min(m[0]), lo[1].min(m[1])];
            hi = [hi[0].max(m[0]), hi[1].max(m[1])];
        }
        let mut state = 1;
        // Random boxes from the size of the data down to a few metres (deep zooms).
        for round in 0..200 {
            let size = (hi[0] - lo[0]).max(hi[1] - lo[1]) / 2f32.powi(round % 16);
            let x = lo[0] + next(&mut state) * (hi[0] - lo[0]);
            let y = lo[1] + next(&mut state) * (hi[1] - lo[1]);
            let (min, max) = ([x - size / 2.0, y - size / 2.0], [x + size / 2.0, y + size]);
            let mut found: Vec<EventIndex> = index.in_box(min, max).collect();
            found.sort_unstable();
            let scanned: Vec<EventIndex> = dataset
                .mercator()
                .iter()
                .enumerate()
                .filter(|(_, m)| {
                    m[0] >= min[0] && m[0] <= max[0] && m[1] >= min[1] && m[1] <= max[1]
                })
                .map(|(index, _)| index)
                .collect();
            assert_eq!(found, scanned, "box {min:?}–{max:?}");
        }
    }
}
