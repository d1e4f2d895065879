//! A loaded dataset: events sorted by time with an index, plus their actors and sources.

use std::collections::HashMap;
use std::ops::Range;

use super::actor::{ActorId, Actors};
use super::event::Event;
use super::filter::EventFilter;
use super::source::SourceId;
use super::source::Sources;
use super::time::{SECONDS_PER_DAY, TimePoint};

/// The position of an event in [`Dataset::events`].
pub type EventIndex = usize;

/// Events sorted by start time, so that "which events have begun by time t" is one binary
/// search, with the actors and sources they refer to.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    events: Vec<Event>,
    /// `starts[i]` is where `events[i]` begins on the axis; sorted ascending.
    starts: Vec<TimePoint>,
    /// `ends[i]` is where `events[i]` ends on the axis.
    ends: Vec<TimePoint>,
    by_id: HashMap<String, EventIndex>,
    /// `leads[i]` is the lead initiator of `events[i]` (`None` when it has none): a compact
    /// column, so that counting a million events by actor touches only a few megabytes.
    leads: Vec<Option<ActorId>>,
    /// The longest span of any event, in seconds: how far before a window an event that
    /// overlaps it can start.
    max_span_secs: i64,
    actors: Actors,
    sources: Sources,
}

impl Dataset {
    /// Builds the dataset and its index. Events are sorted by start, then by id, so the order
    /// is the same whatever order the file had.
    pub fn new(events: Vec<Event>, actors: Actors, sources: Sources) -> Self {
        // Spans are computed once per event, then events are put in order by a permutation,
        // so sorting a million events does no date arithmetic in its comparisons.
        let spans: Vec<(TimePoint, TimePoint)> =
            events.iter().map(|event| event.time.span()).collect();
        let mut order: Vec<usize> = (0..events.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            spans[a]
                .0
                .cmp(&spans[b].0)
                .then_with(|| events[a].id.cmp(&events[b].id))
        });
        let mut slots: Vec<Option<Event>> = events.into_iter().map(Some).collect();
        let events: Vec<Event> = order.iter().filter_map(|&i| slots[i].take()).collect();
        let (starts, ends): (Vec<TimePoint>, Vec<TimePoint>) =
            order.iter().map(|&i| spans[i]).unzip();
        let leads = events.iter().map(Event::lead_initiator).collect();
        let max_span_secs = starts
            .iter()
            .zip(&ends)
            .map(|(start, end)| end.0 - start.0)
            .max()
            .unwrap_or(0);
        let by_id = events
            .iter()
            .enumerate()
            .map(|(index, event)| (event.id.clone(), index))
            .collect();
        Dataset {
            events,
            starts,
            ends,
            by_id,
            leads,
            max_span_secs,
            actors,
            sources,
        }
    }

    /// All events, sorted by start time.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The event at an index.
    pub fn event(&self, index: EventIndex) -> Option<&Event> {
        self.events.get(index)
    }

    /// The index of the event with this id.
    pub fn index_of(&self, id: &str) -> Option<EventIndex> {
        self.by_id.get(id).copied()
    }

    /// The actors events refer to.
    pub fn actors(&self) -> &Actors {
        &self.actors
    }

    /// The articles events cite.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// How many events there are.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether there are no events.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Where event `index` starts and ends on the time axis.
    pub fn span_of(&self, index: EventIndex) -> Option<(TimePoint, TimePoint)> {
        Some((*self.starts.get(index)?, *self.ends.get(index)?))
    }

    /// The indices of the events that have begun by `time` (start ≤ time): a prefix of
    /// [`Self::events`], found by binary search.
    pub fn begun_by(&self, time: TimePoint) -> Range<EventIndex> {
        0..self.starts.partition_point(|start| *start <= time)
    }

    /// The indices of the events that begin in `[from, to]`, by two binary searches.
    pub fn beginning_between(&self, from: TimePoint, to: TimePoint) -> Range<EventIndex> {
        let first = self.starts.partition_point(|start| *start < from);
        let end = self.starts.partition_point(|start| *start <= to);
        first..end.max(first)
    }

    /// The lead initiator of each event, in the order of [`Self::events`].
    pub fn leads(&self) -> &[Option<ActorId>] {
        &self.leads
    }

    /// Every quote taken from `source`: the event, the citation's place among that event's
    /// sources, and the quoted words, in event order.
    pub fn citations_in(
        &self,
        source: SourceId,
    ) -> impl Iterator<Item = (EventIndex, usize, &str)> + '_ {
        self.events
            .iter()
            .enumerate()
            .flat_map(move |(index, event)| {
                event
                    .sources
                    .iter()
                    .enumerate()
                    .filter(move |(_, citation)| citation.source == source)
                    .map(move |(n, citation)| (index, n, citation.quote.as_str()))
            })
    }

    /// Where each event starts, in the order of [`Self::events`] (sorted).
    pub fn starts(&self) -> &[TimePoint] {
        &self.starts
    }

    /// The events whose span overlaps the window `(from, to]`: they begin by `to` and end
    /// after `from`. Candidates are found by binary search on the starts, widened by the
    /// longest span in the data, so the cost is O(log n + k).
    pub fn overlapping(
        &self,
        from: TimePoint,
        to: TimePoint,
    ) -> impl Iterator<Item = EventIndex> + '_ {
        let candidates = self.beginning_between(from.plus_seconds(-self.max_span_secs), to);
        candidates.filter(move |&index| {
            let (start, end) = (self.starts[index], self.ends[index]);
            // A zero-length event (an instant) overlaps when it lies inside the window.
            end > from || (start == end && start > from)
        })
    }

    /// Puts into `out` (cleared first) the events on show: those that overlap `(from, to]`
    /// (everything begun by `to` when `from` is `None`) and that `filter` admits, in time
    /// order. Time is found by binary search; the filter only looks at those candidates,
    /// and with no filter nothing else is read.
    pub fn collect_visible(
        &self,
        from: Option<TimePoint>,
        to: TimePoint,
        filter: &EventFilter,
        out: &mut Vec<EventIndex>,
    ) {
        out.clear();
        let admits = |index: &EventIndex| filter.admits(&self.events[*index]);
        match (from, filter.is_empty()) {
            (None, true) => out.extend(self.begun_by(to)),
            (None, false) => out.extend(self.begun_by(to).filter(admits)),
            (Some(from), true) => out.extend(self.overlapping(from, to)),
            (Some(from), false) => out.extend(self.overlapping(from, to).filter(admits)),
        }
    }

    /// The earliest start and the latest end of all events, or `None` when there are none.
    pub fn time_extent(&self) -> Option<(TimePoint, TimePoint)> {
        let first = *self.starts.first()?;
        let last = self.ends.iter().copied().max()?;
        Some((first, last))
    }

    /// Where the time slider runs: from a day before the first event begins to the end of the
    /// day on which the last event begins, so that its two ends show an empty map and every
    /// event.
    pub fn slider_range(&self) -> Option<(TimePoint, TimePoint)> {
        let first = *self.starts.first()?;
        let last = *self.starts.last()?;
        let end_of_last_day = TimePoint::from_date(last.date()).plus_seconds(SECONDS_PER_DAY);
        Some((first.plus_seconds(-SECONDS_PER_DAY), end_of_last_day))
    }
}
