//! Counting events per day, week or month for the timeline chart, stacked by what the
//! events are coloured by (their initiator, target, type or layer; see `tint.rs`).
//!
//! Events are sorted by start, so binning walks the events and the bin edges together,
//! once: no date arithmetic per event, and only the events inside the chart's range are
//! touched (found by binary search).

use jiff::civil;

use crate::model::{ActorId, Dataset, EventIndex, FilterResult, SECONDS_PER_DAY, TimePoint};
use crate::tint::{ColorBy, Tint};

/// How much time one bar covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinSize {
    /// One hour.
    Hour,
    /// One calendar day.
    Day,
    /// One week, Monday to Sunday.
    Week,
    /// One calendar month.
    Month,
}

impl BinSize {
    /// The size that gives at most about `max_bins` bars over `span_secs`.
    pub fn for_span(span_secs: i64, max_bins: i64) -> Self {
        let max_bins = max_bins.max(1);
        if span_secs <= max_bins * 3_600 {
            BinSize::Hour
        } else if span_secs <= max_bins * SECONDS_PER_DAY {
            BinSize::Day
        } else if span_secs <= max_bins * 7 * SECONDS_PER_DAY {
            BinSize::Week
        } else {
            BinSize::Month
        }
    }

    /// A label for people ("per day").
    pub fn label(self) -> &'static str {
        match self {
            BinSize::Hour => "per hour",
            BinSize::Day => "per day",
            BinSize::Week => "per week",
            BinSize::Month => "per month",
        }
    }

    /// The start of the bin that contains `time`.
    fn floor(self, time: TimePoint) -> TimePoint {
        match self {
            BinSize::Hour => TimePoint(time.0.div_euclid(3_600) * 3_600),
            BinSize::Day => TimePoint(time.0.div_euclid(SECONDS_PER_DAY) * SECONDS_PER_DAY),
            BinSize::Week => {
                // 1970-01-01 was a Thursday; the Monday before it was 3 days earlier.
                let monday_offset = 3 * SECONDS_PER_DAY;
                let week = 7 * SECONDS_PER_DAY;
                TimePoint((time.0 + monday_offset).div_euclid(week) * week - monday_offset)
            }
            BinSize::Month => {
                let date = time.date();
                TimePoint::from_date(civil::date(date.year(), date.month(), 1))
            }
        }
    }

    /// The start of the next bin after the one starting at `start`.
    fn next(self, start: TimePoint) -> TimePoint {
        match self {
            BinSize::Hour => start.plus_seconds(3_600),
            BinSize::Day => start.plus_seconds(SECONDS_PER_DAY),
            BinSize::Week => start.plus_seconds(7 * SECONDS_PER_DAY),
            BinSize::Month => {
                let date = start.date();
                let (year, month) = if date.month() == 12 {
                    (date.year().saturating_add(1), 1)
                } else {
                    (date.year(), date.month() + 1)
                };
                civil::Date::new(year, month, 1).map_or_else(
                    |_| start.plus_seconds(31 * SECONDS_PER_DAY),
                    TimePoint::from_date,
                )
            }
        }
    }

    /// Bin edges covering `[from, to]`: the first at or before `from`, the last after `to`.
    /// At most `limit` bins are made.
    pub fn edges(self, from: TimePoint, to: TimePoint, limit: usize) -> Vec<TimePoint> {
        let mut edges = vec![self.floor(from)];
        while let Some(&last) = edges.last() {
            if last > to || edges.len() > limit {
                break;
            }
            let next = self.next(last);
            if next <= last {
                break;
            }
            edges.push(next);
        }
        edges
    }
}

/// One stacked series of the chart: the counts of one tint (an initiator, say), or of all
/// the others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    /// The tint, or `None` for all the others together.
    pub tint: Option<Tint>,
    /// Events per bin.
    pub counts: Vec<u32>,
}

/// Event counts per bin, stacked by tint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bins {
    /// The bin size.
    pub size: BinSize,
    /// `edges[i]..edges[i + 1]` is bin `i`.
    pub edges: Vec<TimePoint>,
    /// The series, biggest first.
    pub series: Vec<Series>,
    /// Events (passing the filter) that began before the first edge, for a cumulative line.
    pub before: u64,
}

impl Bins {
    /// The total per bin, over all series.
    pub fn totals(&self) -> Vec<u32> {
        let mut totals = vec![0u32; self.edges.len().saturating_sub(1)];
        for series in &self.series {
            for (total, count) in totals.iter_mut().zip(&series.counts) {
                *total += count;
            }
        }
        totals
    }

    /// The running total at the end of each bin, counting events before the first bin.
    pub fn cumulative(&self) -> Vec<u64> {
        let mut running = self.before;
        self.totals()
            .into_iter()
            .map(|count| {
                running += u64::from(count);
                running
            })
            .collect()
    }
}

/// What the bars are stacked by: the view's colour choice, and which parts of the dataset
/// (layers) have a colour of their own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stacking {
    /// What the events are coloured by.
    pub by: ColorBy,
    /// Per part of the dataset, whether the user gave its layer a colour.
    pub recoloured: Vec<bool>,
}

impl Stacking {
    /// Tints as numbers from 0: actors first, then "no actor", types, and layers.
    fn slots(&self, dataset: &Dataset) -> Slots {
        Slots {
            actors: dataset.actors().len(),
            types: dataset.event_types().len() + 1,
            layers: dataset.part_count().max(1),
        }
    }

    /// Whether an event's tint is its lead initiator, read straight from the dataset's
    /// column without touching the event's record.
    fn is_lead(&self) -> bool {
        self.by == ColorBy::Initiator && !self.recoloured.iter().any(|on| *on)
    }
}

/// The numbering of tints (see [`Stacking::slots`]).
struct Slots {
    actors: usize,
    types: usize,
    layers: usize,
}

impl Slots {
    fn len(&self) -> usize {
        self.actors + 1 + self.types + self.layers
    }

    fn of_lead(&self, lead: Option<ActorId>) -> usize {
        lead.map(|actor| actor.0 as usize)
            .filter(|&slot| slot < self.actors)
            .unwrap_or(self.actors)
    }

    fn of(&self, tint: Tint) -> usize {
        match tint {
            Tint::Actor(actor) => self.of_lead(actor),
            Tint::Type(id) => self.actors + 1 + usize::from(id).min(self.types - 1),
            Tint::Layer(part) => self.actors + 1 + self.types + part.min(self.layers - 1),
        }
    }

    fn tint(&self, slot: usize) -> Tint {
        if slot < self.actors {
            Tint::Actor(Some(ActorId(slot as u32)))
        } else if slot == self.actors {
            Tint::Actor(None)
        } else if slot < self.actors + 1 + self.types {
            Tint::Type((slot - self.actors - 1) as u16)
        } else {
            Tint::Layer(slot - self.actors - 1 - self.types)
        }
    }
}

/// Counts the events that pass the filter (`shown`), starting in `[from, to]`, in bins of
/// `size`, stacked by `stacking`: the `max_series - 1` most frequent tints get their own
/// series and the rest share one.
pub fn bin_events(
    dataset: &Dataset,
    shown: &FilterResult,
    stacking: &Stacking,
    (from, to): (TimePoint, TimePoint),
    size: BinSize,
    max_series: usize,
) -> Bins {
    /// The largest tint-by-bin table filled in one pass (4 MB of counts).
    const DENSE_CELLS: usize = 1 << 20;
    bin_events_with(
        dataset,
        shown,
        stacking,
        (from, to),
        (size, max_series),
        DENSE_CELLS,
    )
}

/// [`bin_events`], counting in one pass through a tint-by-bin table when it has at most
/// `dense_cells` cells, and in two passes otherwise.
fn bin_events_with(
    dataset: &Dataset,
    shown: &FilterResult,
    stacking: &Stacking,
    (from, to): (TimePoint, TimePoint),
    (size, max_series): (BinSize, usize),
    dense_cells: usize,
) -> Bins {
    const MAX_BINS: usize = 5_000;
    let edges = size.edges(from, to, MAX_BINS);
    let bin_count = edges.len().saturating_sub(1);
    let (Some(&first_edge), Some(&last_edge)) = (edges.first(), edges.last()) else {
        return Bins {
            size,
            edges,
            series: Vec::new(),
            before: 0,
        };
    };
    let range = dataset.beginning_between(first_edge, last_edge.plus_seconds(-1));
    // With no filter, every event counts; coloured by initiator, only the start and
    // lead-initiator columns are read, never the event records.
    let no_filter = shown.hides_nothing();
    let admitted = |index: &EventIndex| shown.admits(*index);
    let starts = &dataset.starts()[range.clone()];
    let kept: Vec<bool> = if no_filter {
        Vec::new()
    } else {
        range.clone().map(|index| admitted(&index)).collect()
    };
    let counted = |i: usize| no_filter || kept[i];
    let slots = stacking.slots(dataset);
    let slot_count = slots.len();
    let event_slots: Vec<u32> = if stacking.is_lead() {
        dataset.leads()[range.clone()]
            .iter()
            .map(|&lead| slots.of_lead(lead) as u32)
            .collect()
    } else {
        range
            .clone()
            .map(|index| {
                let tint = Tint::of(dataset, stacking.by, &stacking.recoloured, index);
                slots.of(tint) as u32
            })
            .collect()
    };
    let slot_of = |i: usize| event_slots[i] as usize;

    // When a tint-by-bin table is small enough, one pass fills it and the series are its
    // rows; otherwise a first pass ranks the tints and a second counts only the series.
    let dense = slot_count.saturating_mul(bin_count) <= dense_cells;
    let mut cells: Vec<u32> = Vec::new();
    let mut per_slot = vec![0u64; slot_count];
    if dense {
        cells = vec![0; slot_count * bin_count];
        walk_bins(starts, &edges, &counted, |i, bin| {
            cells[slot_of(i) * bin_count + bin] += 1;
        });
        for (slot, total) in per_slot.iter_mut().enumerate() {
            *total = cells[slot * bin_count..(slot + 1) * bin_count]
                .iter()
                .map(|&n| u64::from(n))
                .sum();
        }
    } else {
        for i in 0..starts.len() {
            if counted(i) {
                per_slot[slot_of(i)] += 1;
            }
        }
    }

    // "No initiator known" (with colours by actor) always joins the others.
    let unknown = slots.of_lead(None);
    let by_actor = matches!(stacking.by, ColorBy::Initiator | ColorBy::Target);
    let mut ranked: Vec<usize> = (0..slot_count)
        .filter(|&slot| per_slot[slot] > 0 && !(by_actor && slot == unknown))
        .collect();
    ranked.sort_by_key(|&slot| std::cmp::Reverse(per_slot[slot]));
    let own = max_series.saturating_sub(1).max(1);
    let mut series_of_slot = vec![usize::MAX; slot_count];
    let mut series: Vec<Series> = Vec::new();
    for &slot in ranked.iter().take(own) {
        series_of_slot[slot] = series.len();
        series.push(Series {
            tint: Some(slots.tint(slot)),
            counts: vec![0; bin_count],
        });
    }
    let other = series.len();
    if ranked.len() > own || (by_actor && per_slot[unknown] > 0) {
        series.push(Series {
            tint: None,
            counts: vec![0; bin_count],
        });
        for slot in series_of_slot
            .iter_mut()
            .filter(|slot| **slot == usize::MAX)
        {
            *slot = other;
        }
    }

    if dense {
        for (slot, &target) in series_of_slot.iter().enumerate() {
            let Some(series) = series.get_mut(target) else {
                continue;
            };
            let row = &cells[slot * bin_count..(slot + 1) * bin_count];
            for (count, n) in series.counts.iter_mut().zip(row) {
                *count += n;
            }
        }
    } else {
        walk_bins(starts, &edges, &counted, |i, bin| {
            if let Some(series) = series.get_mut(series_of_slot[slot_of(i)]) {
                series.counts[bin] += 1;
            }
        });
    }

    let before = if no_filter {
        dataset.begun_by(first_edge.plus_seconds(-1)).len() as u64
    } else {
        dataset
            .begun_by(first_edge.plus_seconds(-1))
            .filter(admitted)
            .count() as u64
    };
    Bins {
        size,
        edges,
        series,
        before,
    }
}

/// Calls `visit(i, bin)` for each counted event `i` with the bin its start falls in,
/// walking the sorted starts and the sorted edges together.
fn walk_bins(
    starts: &[TimePoint],
    edges: &[TimePoint],
    counted: &impl Fn(usize) -> bool,
    mut visit: impl FnMut(usize, usize),
) {
    let bin_count = edges.len().saturating_sub(1);
    let mut bin = 0usize;
    for (i, start) in starts.iter().enumerate() {
        if !counted(i) {
            continue;
        }
        while bin + 1 < bin_count && *start >= edges[bin + 1] {
            bin += 1;
        }
        visit(i, bin);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic;

    #[test]
    fn one_pass_and_two_passes_count_the_same() {
        let dataset = synthetic::dataset(5_000, 200, 9);
        let range = dataset.slider_range().expect("events");
        let everything = FilterResult::everything(&dataset);
        let filter = crate::model::parse_filter("type:airstrike").expect("valid");
        let some = FilterResult::compute(&dataset, &filter);
        for by in ColorBy::ALL {
            let stacking = Stacking {
                by,
                recoloured: Vec::new(),
            };
            for shown in [&everything, &some] {
                for size in [BinSize::Day, BinSize::Week] {
                    for series in [2, 4, 12] {
                        let shape = (size, series);
                        let dense =
                            bin_events_with(&dataset, shown, &stacking, range, shape, usize::MAX);
                        let sparse = bin_events_with(&dataset, shown, &stacking, range, shape, 0);
                        assert_eq!(dense, sparse, "{by:?}, {size:?}, {series} series");
                    }
                }
            }
        }
    }
}
