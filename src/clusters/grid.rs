//! Events gathered into clusters on a grid of Web Mercator cells, one grid per level: at
//! level `L` the world is `2^L` cells across, so at map zoom `z` level `z + 2` has cells
//! of 64 to 128 points. Each cluster keeps its count, its centre, its extent, how many of
//! its events are placed only to a region or country, and its mix of colours.

use rustc_hash::FxHashMap;

use crate::model::{Dataset, EventIndex, GeoPrecision};
use crate::tint::{ColorBy, Tint};

use super::index::SpatialIndex;

/// The finest level: Web Mercator positions are `f32`, good to about 2^-24 of the world.
pub const MAX_LEVEL: u8 = 24;

/// How many colours a cluster's mix keeps; the rest are counted together.
pub const MIX: usize = 4;

/// The level whose cells are 64 to 128 points wide at map zoom `zoom`.
pub fn level_for_zoom(zoom: f64) -> u8 {
    let zoom = if zoom.is_finite() { zoom.max(0.0) } else { 0.0 };
    ((zoom.floor() as u32) + 2).min(u32::from(MAX_LEVEL)) as u8
}

/// Events near each other on the map at one level, drawn as one shape.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// How many events it holds.
    pub count: u32,
    /// The mean Web Mercator position of its events.
    pub center: [f32; 2],
    /// The corners of the box around its events.
    pub min: [f32; 2],
    /// See `min`.
    pub max: [f32; 2],
    /// How many of its events are placed only to a region or a country.
    pub vague: u32,
    /// Its earliest event (the one a click on a single event selects).
    pub first: EventIndex,
    /// Its most frequent tints with their counts, most frequent first; unused entries have
    /// a count of 0. Events of other tints are `count` minus the sum.
    pub mix: [(Tint, u32); MIX],
}

impl Cluster {
    fn new(index: EventIndex, at: [f32; 2]) -> Self {
        Cluster {
            count: 0,
            center: [0.0, 0.0],
            min: at,
            max: at,
            vague: 0,
            first: index,
            mix: [(Tint::Actor(None), 0); MIX],
        }
    }

    /// The tint of most of its events.
    pub fn dominant(&self) -> Tint {
        self.mix[0].0
    }

    /// Whether its events all stand at one point (no zoom will split them).
    pub fn is_stacked(&self) -> bool {
        self.min == self.max
    }

    /// Adds `other` to this cluster (two clusters drawn so close that they would overlap).
    pub fn absorb(&mut self, other: &Cluster) {
        let total = (self.count + other.count).max(1) as f32;
        let (a, b) = (self.count as f32 / total, other.count as f32 / total);
        self.center = [
            self.center[0] * a + other.center[0] * b,
            self.center[1] * a + other.center[1] * b,
        ];
        self.min = [self.min[0].min(other.min[0]), self.min[1].min(other.min[1])];
        self.max = [self.max[0].max(other.max[0]), self.max[1].max(other.max[1])];
        self.count += other.count;
        self.vague += other.vague;
        self.first = self.first.min(other.first);
        for &(tint, count) in other.mix.iter().filter(|(_, count)| *count > 0) {
            add_to_mix(&mut self.mix, tint, count);
        }
    }
}

/// Adds `count` events of `tint` to a mix, keeping the most frequent first. A tint that
/// does not fit is left out of the mix (it is counted among "others").
fn add_to_mix(mix: &mut [(Tint, u32); MIX], tint: Tint, count: u32) {
    if let Some(entry) = mix.iter_mut().find(|(t, n)| *n > 0 && *t == tint) {
        entry.1 += count;
    } else if let Some(last) = mix.last_mut()
        && last.1 < count
    {
        *last = (tint, count);
    } else {
        return;
    }
    mix.sort_by_key(|entry| std::cmp::Reverse(entry.1));
}

/// What a set of clusters was built from, so that the map knows when to build again.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterKey {
    /// The dataset's generation.
    pub generation: u64,
    /// Tells the sets of visible events apart (the app numbers each one).
    pub visible: u64,
    /// The grid level.
    pub level: u8,
    /// The cells covered, `[min_x, min_y, max_x, max_y]` in cells of `level`, ends
    /// included; `None` for the whole world.
    pub area: Option<[u32; 4]>,
    /// What the events are coloured by.
    pub color_by: ColorBy,
    /// Which parts of the dataset have a colour of their own.
    pub recoloured: Vec<bool>,
}

/// The clusters of the visible events in an area at one level, sorted by cell so that the
/// cells in view are found by binary search.
#[derive(Debug, Default)]
pub struct Clusters {
    key: Option<ClusterKey>,
    /// `y << 32 | x` of each cluster's cell, ascending.
    cells: Vec<u64>,
    clusters: Vec<Cluster>,
}

/// Everything a build reads.
pub struct ClusterInput<'a> {
    /// The dataset.
    pub dataset: &'a Dataset,
    /// The events on show, in time order (ascending indices).
    pub visible: &'a [EventIndex],
    /// The dataset's spatial index, for areas smaller than the world.
    pub index: Option<&'a SpatialIndex>,
}

impl Clusters {
    /// Gathers the visible events in `key.area` into clusters at `key.level`. Walks the
    /// visible events for the whole world; for a smaller area, asks the spatial index for
    /// the events in it (when there is no index, walks the visible events and skips those
    /// outside).
    pub fn build(input: &ClusterInput<'_>, key: ClusterKey) -> Clusters {
        let level = key.level.min(MAX_LEVEL);
        let scale = (1u64 << level) as f32;
        let top = (1u64 << level).saturating_sub(1) as f32;
        let mercator = input.dataset.mercator();
        let mut slots: FxHashMap<u64, u32> = FxHashMap::default();
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut sums: Vec<[f64; 2]> = Vec::new();
        let mut mixes: FxHashMap<(u32, Tint), u32> = FxHashMap::default();
        let mut add = |index: EventIndex| {
            let Some(&at) = mercator.get(index) else {
                return;
            };
            if at[0].is_nan() || at[1].is_nan() {
                return;
            }
            let x = (at[0] * scale).clamp(0.0, top) as u32;
            let y = (at[1] * scale).clamp(0.0, top) as u32;
            if let Some([x0, y0, x1, y1]) = key.area
                && (x < x0 || x > x1 || y < y0 || y > y1)
            {
                return;
            }
            let cell = (u64::from(y) << 32) | u64::from(x);
            let slot = *slots.entry(cell).or_insert_with(|| {
                clusters.push(Cluster::new(index, at));
                sums.push([0.0, 0.0]);
                (clusters.len() - 1) as u32
            });
            let cluster = &mut clusters[slot as usize];
            cluster.count += 1;
            cluster.min = [cluster.min[0].min(at[0]), cluster.min[1].min(at[1])];
            cluster.max = [cluster.max[0].max(at[0]), cluster.max[1].max(at[1])];
            cluster.first = cluster.first.min(index);
            if matches!(
                input.dataset.geo_precision(index),
                GeoPrecision::Region | GeoPrecision::Country
            ) {
                cluster.vague += 1;
            }
            let sum = &mut sums[slot as usize];
            sum[0] += f64::from(at[0]);
            sum[1] += f64::from(at[1]);
            let tint = Tint::of(input.dataset, key.color_by, &key.recoloured, index);
            *mixes.entry((slot, tint)).or_default() += 1;
        };
        match (key.area, input.index) {
            (Some([x0, y0, x1, y1]), Some(index)) => {
                let min = [x0 as f32 / scale, y0 as f32 / scale];
                let max = [(x1 + 1) as f32 / scale, (y1 + 1) as f32 / scale];
                for candidate in index.in_box(min, max) {
                    if input.visible.binary_search(&candidate).is_ok() {
                        add(candidate);
                    }
                }
            }
            _ => input.visible.iter().for_each(|&index| add(index)),
        }
        for (cluster, sum) in clusters.iter_mut().zip(&sums) {
            let n = f64::from(cluster.count.max(1));
            cluster.center = [(sum[0] / n) as f32, (sum[1] / n) as f32];
        }
        for ((slot, tint), count) in mixes {
            add_to_mix(&mut clusters[slot as usize].mix, tint, count);
        }
        let mut order: Vec<(u64, u32)> = slots.into_iter().collect();
        order.sort_unstable();
        let cells = order.iter().map(|(cell, _)| *cell).collect();
        let clusters = order
            .iter()
            .map(|(_, slot)| clusters[*slot as usize].clone())
            .collect();
        Clusters {
            key: Some(key),
            cells,
            clusters,
        }
    }

    /// What these clusters were built from (`None` for an empty set made by default).
    pub fn key(&self) -> Option<&ClusterKey> {
        self.key.as_ref()
    }

    /// How many clusters there are.
    pub fn len(&self) -> usize {
        self.clusters.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty()
    }

    /// Every cluster, by cell.
    pub fn all(&self) -> &[Cluster] {
        &self.clusters
    }

    /// The clusters whose cell meets the Web Mercator box from `min` to `max`: one binary
    /// search per row of cells, so the cost follows what is in view.
    pub fn in_view(&self, min: [f32; 2], max: [f32; 2]) -> impl Iterator<Item = &Cluster> + '_ {
        let level = self.key.as_ref().map_or(0, |key| key.level);
        let scale = (1u64 << level) as f32;
        let top = (1u64 << level).saturating_sub(1) as f32;
        let cell = |v: f32| (v * scale).clamp(0.0, top) as u64;
        let (x0, y0, x1, y1) = (cell(min[0]), cell(min[1]), cell(max[0]), cell(max[1]));
        (y0..=y1).flat_map(move |y| {
            let from = self.cells.partition_point(|&c| c < (y << 32 | x0));
            let to = self.cells.partition_point(|&c| c <= (y << 32 | x1));
            self.clusters[from..to.max(from)].iter()
        })
    }
}

/// A count as a map label: 950, 1.2k, 35k, 1.2M.
pub fn short_count(count: u32) -> String {
    match count {
        0..=999 => count.to_string(),
        1_000..=9_949 => format!("{:.1}k", f64::from(count) / 1_000.0),
        9_950..=999_499 => format!("{:.0}k", f64::from(count) / 1_000.0),
        _ => format!("{:.1}M", f64::from(count) / 1_000_000.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorId, synthetic};

    fn key(level: u8, area: Option<[u32; 4]>) -> ClusterKey {
        ClusterKey {
            generation: 0,
            visible: 0,
            level,
            area,
            color_by: ColorBy::Initiator,
            recoloured: Vec::new(),
        }
    }

    #[test]
    fn cluster_counts_add_up_to_the_events_in_view() {
        let dataset = synthetic::dataset(30_000, 60, 3);
        let index = SpatialIndex::build(&dataset);
        // Every other event on show, as a time cursor or a filter would leave them.
        let visible: Vec<EventIndex> = dataset.indices().filter(|i| i % 3 != 0).collect();
        let input = ClusterInput {
            dataset: &dataset,
            visible: &visible,
            index: Some(&index),
        };
        for level in [2, 5, 8, 12, 16, 20] {
            let clusters = Clusters::build(&input, key(level, None));
            let total: u32 = clusters.all().iter().map(|c| c.count).sum();
            assert_eq!(total as usize, visible.len(), "level {level}");
            for cluster in clusters.all() {
                let mixed: u32 = cluster.mix.iter().map(|(_, n)| n).sum();
                assert!(mixed <= cluster.count);
                assert!(cluster.mix[0].1 > 0, "a cluster has a dominant tint");
            }
            // A box in view: the clusters found add up to the visible events in its cells.
            let scale = (1u64 << level) as f32;
            let (min, max) = ([0.58, 0.40], [0.62, 0.44]);
            let in_view: u32 = clusters.in_view(min, max).map(|c| c.count).sum();
            let cell = |v: f32| (v * scale) as u32;
            let expected = visible
                .iter()
                .map(|&i| dataset.mercator()[i])
                .filter(|m| {
                    (cell(min[0])..=cell(max[0])).contains(&cell(m[0]))
                        && (cell(min[1])..=cell(max[1])).contains(&cell(m[1]))
                })
                .count();
            assert_eq!(in_view as usize, expected, "level {level}");
        }
    }

    #[test]
    fn an_area_built_through_the_index_matches_one_built_by_walking() {
        let dataset = synthetic::dataset(20_000, 30, 9);
        let index = SpatialIndex::build(&dataset);
        let visible: Vec<EventIndex> = dataset.indices().filter(|i| i % 2 == 0).collect();
        let level = 10;
        let area = Some([610, 390, 640, 420]);
        let with_index = Clusters::build(
            &ClusterInput {
                dataset: &dataset,
                visible: &visible,
                index: Some(&index),
            },
            key(level, area),
        );
        let walked = Clusters::build(
            &ClusterInput {
                dataset: &dataset,
                visible: &visible,
                index: None,
            },
            key(level, area),
        );
        assert!(!with_index.is_empty());
        assert_eq!(with_index.cells, walked.cells);
        for (a, b) in with_index.all().iter().zip(walked.all()) {
            assert_eq!(
                (a.count, a.first, a.min, a.max),
                (b.count, b.first, b.min, b.max)
            );
        }
    }

    #[test]
    fn clusters_split_as_the_level_grows_until_each_event_stands_alone() {
        let dataset = synthetic::dataset(2_000, 30, 5);
        let visible: Vec<EventIndex> = dataset.indices().collect();
        let input = ClusterInput {
            dataset: &dataset,
            visible: &visible,
            index: None,
        };
        let counts: Vec<usize> = (2..=MAX_LEVEL)
            .map(|level| Clusters::build(&input, key(level, None)).len())
            .collect();
        assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
        assert_eq!(counts.last().copied(), Some(visible.len()));
        assert!(counts[0] < 10);
    }

    #[test]
    fn a_merged_cluster_keeps_its_counts_and_its_mix() {
        let a_tint = Tint::Actor(Some(ActorId(1)));
        let b_tint = Tint::Actor(Some(ActorId(2)));
        let mut a = Cluster::new(5, [0.5, 0.5]);
        a.count = 10;
        a.center = [0.5, 0.5];
        a.mix[0] = (a_tint, 10);
        let mut b = Cluster::new(3, [0.6, 0.5]);
        b.count = 30;
        b.vague = 4;
        b.center = [0.6, 0.5];
        b.mix[0] = (b_tint, 25);
        b.mix[1] = (a_tint, 5);
        a.absorb(&b);
        assert_eq!((a.count, a.vague, a.first), (40, 4, 3));
        assert_eq!(a.mix[0], (b_tint, 25));
        assert_eq!(a.mix[1], (a_tint, 15));
        assert!((a.center[0] - 0.575).abs() < 1e-6);
        assert_eq!(a.max, [0.6, 0.5]);
    }

    #[test]
    fn counts_read_short() {
        assert_eq!(short_count(950), "950");
        assert_eq!(short_count(1_234), "1.2k");
        assert_eq!(short_count(35_200), "35k");
        assert_eq!(short_count(1_200_000), "1.2M");
    }
}
