//! What a filter leaves of a dataset, worked out once per change of filter or dataset and
//! then read by every view: the map, the chart, the timeline marks, the table, the lists
//! and the facet counts. A change of time reads it again without looking at any event's
//! fields, so playing through a million events never runs the filter.

use std::sync::atomic::{AtomicU64, Ordering};

use super::dataset::{Dataset, EventIndex};
use super::filter::{EventFilter, Matcher};
use super::time::TimePoint;

/// Below this many events, one thread is quicker than starting a second.
const ONE_THREAD_BELOW: usize = 20_000;

/// Numbers every result, so a view that caches what it drew from one knows when it is new.
static SERIAL: AtomicU64 = AtomicU64::new(1);

/// The result of one filter over one dataset (see the module docs).
#[derive(Clone, Debug)]
pub struct FilterResult {
    serial: u64,
    generation: u64,
    filter: EventFilter,
    /// Per event, in time order: the kinds of filter it fails (bits of
    /// [`super::filter::facet`], as [`Matcher::failures`] gives them). Empty for a filter
    /// that hides nothing.
    failures: Vec<u16>,
}

impl FilterResult {
    /// Runs `filter` over every event of `dataset`, on two threads when it is large.
    pub fn compute(dataset: &Dataset, filter: &EventFilter) -> FilterResult {
        let failures = if filter.is_empty() {
            Vec::new()
        } else {
            let matcher = filter.matcher(dataset);
            let len = dataset.len();
            let mut failures = vec![0u16; len];
            if len < ONE_THREAD_BELOW {
                fill(&matcher, 0, &mut failures);
            } else {
                let (first, second) = failures.split_at_mut(len / 2);
                std::thread::scope(|scope| {
                    let matcher = &matcher;
                    scope.spawn(move || fill(matcher, 0, first));
                    fill(matcher, len / 2, second);
                });
            }
            failures
        };
        FilterResult {
            serial: SERIAL.fetch_add(1, Ordering::Relaxed),
            generation: dataset.generation(),
            filter: filter.clone(),
            failures,
        }
    }

    /// The result of no filter: every event of `dataset` passes.
    pub fn everything(dataset: &Dataset) -> FilterResult {
        Self::compute(dataset, &EventFilter::default())
    }

    /// Whether this is `filter`'s result over `dataset`.
    pub fn is_for(&self, dataset: &Dataset, filter: &EventFilter) -> bool {
        self.generation == dataset.generation() && self.filter == *filter
    }

    /// A number no other result has: caches drawn from this one are keyed on it.
    pub fn serial(&self) -> u64 {
        self.serial
    }

    /// The generation of the dataset this was worked out on.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The filter this is the result of.
    pub fn filter(&self) -> &EventFilter {
        &self.filter
    }

    /// Whether the filter hides nothing.
    pub fn hides_nothing(&self) -> bool {
        self.failures.is_empty()
    }

    /// Whether event `index` passes the filter.
    pub fn admits(&self, index: EventIndex) -> bool {
        self.failures(index) == 0
    }

    /// The kinds of filter event `index` fails (see [`Matcher::failures`]).
    pub fn failures(&self, index: EventIndex) -> u16 {
        if self.failures.is_empty() {
            0
        } else {
            self.failures.get(index).copied().unwrap_or(u16::MAX)
        }
    }

    /// Puts into `out` (cleared first) the events on show: those that overlap
    /// `(from, to]` (everything begun by `to` when `from` is `None`) and pass the filter,
    /// in time order. Time is two binary searches; then one lookup per event.
    pub fn collect_visible(
        &self,
        dataset: &Dataset,
        from: Option<TimePoint>,
        to: TimePoint,
        out: &mut Vec<EventIndex>,
    ) {
        out.clear();
        let admits = |index: &EventIndex| self.admits(*index);
        match (from, self.hides_nothing()) {
            (None, true) => out.extend(dataset.begun_by(to)),
            (None, false) => out.extend(dataset.begun_by(to).filter(admits)),
            (Some(from), true) => out.extend(dataset.overlapping(from, to)),
            (Some(from), false) => out.extend(dataset.overlapping(from, to).filter(admits)),
        }
    }
}

/// Fills `out` with the failures of the events from `first` on.
fn fill(matcher: &Matcher<'_>, first: EventIndex, out: &mut [u16]) {
    for (offset, slot) in out.iter_mut().enumerate() {
        *slot = matcher.failures(first + offset);
    }
}
