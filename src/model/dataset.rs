//! A loaded dataset: events sorted by time with an index, plus their actors and sources.

use std::collections::HashMap;
use std::ops::Range;

use super::actor::Actors;
use super::event::Event;
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
    actors: Actors,
    sources: Sources,
}

impl Dataset {
    /// Builds the dataset and its index. Events are sorted by start, then by id, so the order
    /// is the same whatever order the file had.
    pub fn new(mut events: Vec<Event>, actors: Actors, sources: Sources) -> Self {
        events.sort_by(|a, b| {
            a.time
                .span()
                .0
                .cmp(&b.time.span().0)
                .then_with(|| a.id.cmp(&b.id))
        });
        let (starts, ends) = events.iter().map(|event| event.time.span()).unzip();
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
