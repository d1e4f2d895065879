//! The event store: a loaded dataset held in columns, sorted by time, with its actors,
//! sources and vocabularies.
//!
//! Columns that every frame or filter reads (time, position, lead initiator, type, country,
//! precision) are sorted by start time, so "which events have begun by time t" is one binary
//! search. Everything else (text, actor mentions, quotes, figures) stays in file order and
//! is reached through `rows`, so sorting moves only a few compact columns. An event's text
//! lives in shared buffers addressed by offsets; a million events cost about 130 bytes each
//! beyond their text (see the README and `tests/store_memory.rs`).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use geo::Point;
use jiff::Timestamp;

use super::actor::{ActorId, Actors};
use super::columns::Vocabulary;
use super::event::{Event, GeoPrecision, Origin};
use super::source::{SourceId, Sources};
use super::time::{DateValue, EventTime, SECONDS_PER_DAY, TimePoint, TimePrecision};
use super::word_index::WordIndex;
use super::writer::{DatasetWriter, Role, Rows, unpack};

/// The position of an event in the dataset's time order.
pub type EventIndex = usize;

/// How an event's start and end were written, so that [`EventTime`] can be given back as
/// the file had it: a calendar day, or an instant with its UTC offset in minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TimeKind {
    pub(super) start: i16,
    pub(super) end: i16,
    pub(super) precision: TimePrecision,
}

/// Marks a calendar day (not an instant).
const DAY: i16 = i16::MIN;
/// Marks "no end given".
pub(super) const NO_END: i16 = i16::MIN + 1;

impl TimeKind {
    pub(crate) fn of(time: &EventTime) -> Self {
        let code = |value: &DateValue| match value {
            DateValue::Day(_) => DAY,
            DateValue::Instant { .. } => {
                let minutes = value.offset_secs() / 60;
                i16::try_from(minutes).unwrap_or(0).clamp(-24 * 60, 24 * 60)
            }
        };
        TimeKind {
            start: code(&time.start),
            end: time.end.as_ref().map_or(NO_END, code),
            precision: time.precision,
        }
    }

    /// The value at `point` on the axis written as `code`; `end_of_span` when `point` is the
    /// exclusive end of a day.
    pub(super) fn value(code: i16, point: TimePoint, end_of_span: bool) -> DateValue {
        if code == DAY {
            let point = if end_of_span {
                point.plus_seconds(-SECONDS_PER_DAY)
            } else {
                point
            };
            return DateValue::Day(point.date());
        }
        let timestamp = Timestamp::from_second(point.0).unwrap_or(Timestamp::UNIX_EPOCH);
        let local = TimePoint(point.0 + i64::from(code) * 60).date_time();
        DateValue::Instant { timestamp, local }
    }
}

/// The names a dataset's ids stand for: event types, countries, seas and attribute names.
pub(crate) struct Vocabularies {
    pub types: Vocabulary,
    pub countries: Vocabulary,
    pub seas: Vocabulary,
    pub attribute_names: Vocabulary,
}

/// Hands each dataset a new number, so that caches keyed on it never show another
/// dataset's figures.
static GENERATION: AtomicU64 = AtomicU64::new(1);

/// A loaded dataset (see the module docs).
#[derive(Debug)]
pub struct Dataset {
    pub(super) generation: u64,
    // Sorted by start time.
    pub(super) starts: Vec<TimePoint>,
    pub(super) ends: Vec<TimePoint>,
    pub(super) kinds: Vec<TimeKind>,
    pub(super) positions: Vec<Point<f64>>,
    /// Web Mercator, `[0, 1]` on both axes (y down), NaN when unlocated: projected once.
    pub(super) mercator: Vec<[f32; 2]>,
    pub(super) leads: Vec<Option<ActorId>>,
    pub(super) types: Vec<u16>,
    pub(super) countries: Vec<u16>,
    pub(super) seas: Vec<u16>,
    pub(super) geo_precisions: Vec<GeoPrecision>,
    /// `rows[i]` is where event `i` stands in the file-order columns.
    pub(super) rows: Vec<u32>,
    // In file order.
    pub(super) cold: Rows,
    /// Event indices ordered by id, built on first use.
    pub(super) by_id: OnceLock<Vec<u32>>,
    /// The words of every event's text, built on the first word search.
    pub(super) word_index: OnceLock<WordIndex>,
    /// The actors of every event in time order, built on the first filter or count.
    pub(super) mentions_by_time: OnceLock<MentionsByTime>,
    /// The longest span of any event, in seconds: how far before a window an event that
    /// overlaps it can start.
    pub(super) max_span_secs: i64,
    pub(super) actors: Actors,
    pub(super) sources: Sources,
    pub(super) types_vocabulary: Vocabulary,
    pub(super) countries_vocabulary: Vocabulary,
    pub(super) seas_vocabulary: Vocabulary,
    /// The names of the other fields (see `attributes.rs`).
    pub(super) attribute_names: Vocabulary,
    pub(super) builtin_types: bool,
    /// Where each part of a combined dataset begins in file order (see [`Self::part_of`]);
    /// empty for a dataset read from one file.
    pub(super) part_starts: Vec<u32>,
    /// The events that have an origin, in time order: built once per dataset, so the map
    /// draws arcs without walking every event each frame.
    pub(super) with_origin: Vec<EventIndex>,
}

/// The actors of every event, laid out in time order, so that a pass over the events (a
/// filter, facet counts) reads them one after another instead of jumping about the
/// file-order columns.
#[derive(Clone, Debug, Default)]
pub struct MentionsByTime {
    /// `ends[i]` ends event `i`'s mentions in `packed`.
    ends: Vec<u32>,
    packed: Vec<u32>,
}

impl MentionsByTime {
    /// The actors of event `index` with their roles (as [`Dataset::mentions`]).
    pub fn of(&self, index: EventIndex) -> impl Iterator<Item = (ActorId, Role)> + '_ {
        let from = if index == 0 {
            0
        } else {
            self.ends.get(index - 1).map_or(0, |&end| end as usize)
        };
        let to = self.ends.get(index).map_or(from, |&end| end as usize);
        self.packed
            .get(from..to)
            .unwrap_or(&[])
            .iter()
            .map(|&packed| {
                let (actor, role, _) = unpack(packed);
                (actor, role)
            })
    }
}

impl Default for Dataset {
    fn default() -> Self {
        DatasetWriter::new().finish()
    }
}

impl Clone for Dataset {
    fn clone(&self) -> Self {
        Dataset {
            generation: GENERATION.fetch_add(1, Ordering::Relaxed),
            starts: self.starts.clone(),
            ends: self.ends.clone(),
            kinds: self.kinds.clone(),
            positions: self.positions.clone(),
            mercator: self.mercator.clone(),
            leads: self.leads.clone(),
            types: self.types.clone(),
            countries: self.countries.clone(),
            seas: self.seas.clone(),
            geo_precisions: self.geo_precisions.clone(),
            rows: self.rows.clone(),
            cold: self.cold.clone(),
            by_id: self.by_id.clone(),
            // A clone may be changed; its words are indexed again when searched.
            word_index: OnceLock::new(),
            mentions_by_time: OnceLock::new(),
            max_span_secs: self.max_span_secs,
            actors: self.actors.clone(),
            sources: self.sources.clone(),
            types_vocabulary: self.types_vocabulary.clone(),
            countries_vocabulary: self.countries_vocabulary.clone(),
            seas_vocabulary: self.seas_vocabulary.clone(),
            attribute_names: self.attribute_names.clone(),
            builtin_types: self.builtin_types,
            part_starts: self.part_starts.clone(),
            with_origin: self.with_origin.clone(),
        }
    }
}

/// Web Mercator of a point, in `[0, 1]` with y growing south.
pub fn mercator(point: Point<f64>) -> [f32; 2] {
    let x = (point.x() + 180.0) / 360.0;
    let lat = point.y().clamp(-85.051_13, 85.051_13).to_radians();
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    [x as f32, y as f32]
}

fn gather<T: Copy>(column: &[T], order: &[u32]) -> Vec<T> {
    order.iter().map(|&row| column[row as usize]).collect()
}

impl Dataset {
    /// Builds a dataset from whole events (tests, synthetic data, the built-in format).
    pub fn new(events: Vec<Event>, actors: Actors, sources: Sources) -> Self {
        let mut writer = DatasetWriter::with_builtin_types();
        *writer.actors_mut() = actors;
        *writer.sources_mut() = sources;
        for event in &events {
            // Whole events are small data sets; a full store cannot happen here.
            if writer.push_event(event).is_err() {
                break;
            }
        }
        writer.finish()
    }

    pub(crate) fn from_rows(
        mut cold: Rows,
        actors: Actors,
        sources: Sources,
        vocabularies: Vocabularies,
        builtin_types: bool,
    ) -> Self {
        let Vocabularies {
            types: types_vocabulary,
            countries: countries_vocabulary,
            seas: seas_vocabulary,
            attribute_names,
        } = vocabularies;
        // Sort by (start, file row): deterministic, and no text is compared.
        let mut keyed: Vec<(TimePoint, u32)> = cold
            .starts
            .iter()
            .enumerate()
            .map(|(row, start)| (*start, row as u32))
            .collect();
        keyed.sort_unstable();
        let rows: Vec<u32> = keyed.iter().map(|(_, row)| *row).collect();
        drop(keyed);
        let starts = gather(&cold.starts, &rows);
        let ends = gather(&cold.ends, &rows);
        cold.starts = Vec::new();
        cold.ends = Vec::new();
        let kinds = gather(&cold.kinds, &rows);
        cold.kinds = Vec::new();
        let positions = gather(&cold.positions, &rows);
        cold.positions = Vec::new();
        let mercator = positions
            .iter()
            .map(|&point| {
                if point.x().is_nan() {
                    [f32::NAN, f32::NAN]
                } else {
                    mercator(point)
                }
            })
            .collect();
        let types = gather(&cold.types, &rows);
        cold.types = Vec::new();
        let countries = gather(&cold.countries, &rows);
        cold.countries = Vec::new();
        let seas = gather(&cold.seas, &rows);
        cold.seas = Vec::new();
        let geo_precisions = gather(&cold.geo_precisions, &rows);
        cold.geo_precisions = Vec::new();
        let leads = rows
            .iter()
            .map(|&row| {
                let row = row as usize;
                let from = if row == 0 {
                    0
                } else {
                    cold.mention_ends[row - 1] as usize
                };
                cold.mentions[from..cold.mention_ends[row] as usize]
                    .iter()
                    .map(|&packed| unpack(packed))
                    .find(|(_, role, _)| *role == Role::Initiator)
                    .map(|(actor, _, _)| actor)
            })
            .collect();
        for column in cold.text_columns_mut() {
            column.shrink_to_fit();
        }
        cold.killed.shrink_to_fit();
        cold.injured.shrink_to_fit();
        cold.mentions.shrink_to_fit();
        cold.mention_ends.shrink_to_fit();
        cold.citation_sources.shrink_to_fit();
        cold.citation_ends.shrink_to_fit();
        // Origins are rare: a dataset without any skips the pass over its rows.
        let with_origin = if cold.origins.is_empty() {
            Vec::new()
        } else {
            rows.iter()
                .enumerate()
                .filter(|(_, row)| cold.origins.contains_key(row))
                .map(|(index, _)| index)
                .collect()
        };
        let max_span_secs = starts
            .iter()
            .zip(&ends)
            .map(|(start, end)| end.0 - start.0)
            .max()
            .unwrap_or(0);
        Dataset {
            generation: GENERATION.fetch_add(1, Ordering::Relaxed),
            starts,
            ends,
            kinds,
            positions,
            mercator,
            leads,
            types,
            countries,
            seas,
            geo_precisions,
            rows,
            cold,
            by_id: OnceLock::new(),
            word_index: OnceLock::new(),
            mentions_by_time: OnceLock::new(),
            max_span_secs,
            actors,
            sources,
            types_vocabulary,
            countries_vocabulary,
            seas_vocabulary,
            attribute_names,
            builtin_types,
            part_starts: Vec::new(),
            with_origin,
        }
    }

    /// Where the attack of event `index` came from, when its file says.
    pub fn origin(&self, index: EventIndex) -> Option<&Origin> {
        let row = self.row(index)?;
        self.cold.origins.get(&(row as u32))
    }

    /// The events that have an origin, in time order (see [`Self::origin`]).
    pub fn events_with_origin(&self) -> &[EventIndex] {
        &self.with_origin
    }

    /// The index of the words in every event's text, built on first use (about a second
    /// for a million events; callers on the UI thread should ask for it only on small
    /// datasets).
    pub fn word_index(&self) -> &WordIndex {
        self.word_index.get_or_init(|| WordIndex::build(self))
    }

    /// Every event's actors, in time order (built on first use: tens of milliseconds for
    /// a million events, so for background threads on a large dataset).
    pub fn mentions_by_time(&self) -> &MentionsByTime {
        self.mentions_by_time.get_or_init(|| {
            let mut ends = Vec::with_capacity(self.len());
            let mut packed = Vec::with_capacity(self.cold.mentions.len());
            for &row in &self.rows {
                let range = Self::span_in(&self.cold.mention_ends, row as usize);
                packed.extend_from_slice(self.cold.mentions.get(range).unwrap_or(&[]));
                ends.push(packed.len() as u32);
            }
            MentionsByTime { ends, packed }
        })
    }

    /// Whether the index of words has been built (a first search builds it).
    pub fn has_word_index(&self) -> bool {
        self.word_index.get().is_some()
    }

    /// A number no other dataset loaded in this run has: caches keyed on it are never stale.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Every event index, in time order.
    pub fn indices(&self) -> Range<EventIndex> {
        0..self.starts.len()
    }

    pub(super) fn row(&self, index: EventIndex) -> Option<usize> {
        self.rows.get(index).map(|&row| row as usize)
    }

    /// The actors events refer to.
    pub fn actors(&self) -> &Actors {
        &self.actors
    }

    /// The sources events cite.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// How many events there are.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Which of the datasets put together by [`Dataset::combine`] event `index` came from,
    /// counting from 0 in the order they were given; 0 for a dataset read from one file.
    /// Lets each layer keep its own colour on a map that shows several.
    pub fn part_of(&self, index: EventIndex) -> usize {
        let Some(&row) = self.rows.get(index) else {
            return 0;
        };
        // The parts were written one after another, so file rows are in part order.
        self.part_starts
            .partition_point(|&start| start <= row)
            .saturating_sub(1)
    }

    /// How many datasets were put together into this one (see [`Self::part_of`]); 1 for
    /// a dataset read from one file.
    pub fn part_count(&self) -> usize {
        self.part_starts.len().max(1)
    }

    /// Whether there are no events.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// How many events have a location.
    pub fn located_count(&self) -> usize {
        self.positions.iter().filter(|p| !p.x().is_nan()).count()
    }

    /// Where event `index` starts and ends on the time axis.
    pub fn span_of(&self, index: EventIndex) -> Option<(TimePoint, TimePoint)> {
        Some((*self.starts.get(index)?, *self.ends.get(index)?))
    }

    /// The indices of the events that have begun by `time` (start ≤ time): a prefix of the
    /// time order, found by binary search.
    pub fn begun_by(&self, time: TimePoint) -> Range<EventIndex> {
        0..self.starts.partition_point(|start| *start <= time)
    }

    /// The indices of the events that begin in `[from, to]`, by two binary searches.
    pub fn beginning_between(&self, from: TimePoint, to: TimePoint) -> Range<EventIndex> {
        let first = self.starts.partition_point(|start| *start < from);
        let end = self.starts.partition_point(|start| *start <= to);
        first..end.max(first)
    }

    /// The lead initiator of each event, in time order.
    pub fn leads(&self) -> &[Option<ActorId>] {
        &self.leads
    }

    /// The lead initiator of event `index`: the actor whose colour it is drawn in.
    pub fn lead(&self, index: EventIndex) -> Option<ActorId> {
        self.leads.get(index).copied().flatten()
    }

    /// Every quote taken from `source`: the event, the citation's place among that event's
    /// sources, and the quoted words, in event order.
    pub fn citations_in(
        &self,
        source: SourceId,
    ) -> impl Iterator<Item = (EventIndex, usize, &str)> + '_ {
        self.indices().flat_map(move |index| {
            self.citations(index)
                .enumerate()
                .filter(move |(_, (s, _))| *s == source)
                .map(move |(n, (_, quote))| (index, n, quote))
        })
    }

    /// Where each event starts, in time order (sorted).
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
        self.window_candidates(Some(from), to)
            .filter(move |&index| self.in_window(index, Some(from), to))
    }

    /// The events that may be in the window `(from, to]` (everything begun by `to` when
    /// `from` is `None`): a range of the time order, by binary search. Those that are in it
    /// pass [`Self::in_window`].
    pub fn window_candidates(&self, from: Option<TimePoint>, to: TimePoint) -> Range<EventIndex> {
        match from {
            None => self.begun_by(to),
            Some(from) => self.beginning_between(from.plus_seconds(-self.max_span_secs), to),
        }
    }

    /// Whether event `index`, one of [`Self::window_candidates`], is in the window.
    pub fn in_window(&self, index: EventIndex, from: Option<TimePoint>, to: TimePoint) -> bool {
        let (Some(&start), Some(&end)) = (self.starts.get(index), self.ends.get(index)) else {
            return false;
        };
        match from {
            None => start <= to,
            // A zero-length event (an instant) overlaps when it lies inside the window.
            Some(from) => start <= to && (end > from || (start == end && start > from)),
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

    /// Bytes held on the heap beyond the text itself: columns, offsets and indexes (the id
    /// index included once built). For the memory figures in the README.
    pub fn overhead_bytes(&self) -> usize {
        fn vec<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        let text_offsets = self
            .cold
            .text_columns()
            .iter()
            .map(|column| column.len() * 4)
            .sum::<usize>();
        vec(&self.starts)
            + vec(&self.ends)
            + vec(&self.kinds)
            + vec(&self.positions)
            + vec(&self.mercator)
            + vec(&self.leads)
            + vec(&self.types)
            + vec(&self.countries)
            + vec(&self.seas)
            + vec(&self.geo_precisions)
            + vec(&self.rows)
            + vec(&self.with_origin)
            + self.by_id.get().map_or(0, vec)
            + text_offsets
            + vec(&self.cold.killed)
            + vec(&self.cold.injured)
            + vec(&self.cold.mentions)
            + vec(&self.cold.mention_ends)
            + vec(&self.cold.citation_sources)
            + vec(&self.cold.citation_ends)
    }

    /// Bytes of text kept: ids, titles, notes, places, quotes…
    pub fn text_bytes(&self) -> usize {
        self.cold
            .text_columns()
            .iter()
            .map(|column| column.text_bytes())
            .sum()
    }

    /// Whether the type vocabulary is chronomap's own nine types.
    pub fn has_builtin_types(&self) -> bool {
        self.builtin_types
    }
}

/// Lookups by file row, for the places where the index is not yet known.
impl Dataset {
    /// All disputes, by event index (the built-in data has a handful).
    pub fn disputed_indices(&self) -> Vec<EventIndex> {
        let rows: HashMap<u32, ()> = self.cold.disputes.keys().map(|&row| (row, ())).collect();
        if rows.is_empty() {
            return Vec::new();
        }
        self.indices()
            .filter(|&index| rows.contains_key(&self.rows[index]))
            .collect()
    }
}
