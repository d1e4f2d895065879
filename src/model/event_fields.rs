//! What the store knows about one event, read from its columns: text, time, place,
//! actors, quotes and disputes. The store itself is in `dataset.rs`.

use std::borrow::Cow;
use std::ops::Range;

use geo::Point;

use super::actor::ActorId;
use super::columns::Vocabulary;
use super::dataset::{Dataset, EventIndex, NO_END, TimeKind};
use super::event::{Citation, Dispute, Event, GeoPrecision};
use super::source::SourceId;
use super::time::{EventTime, TimePrecision};
use super::writer::{Role, unpack};

impl Dataset {
    /// The whole event at `index`, assembled from the columns: for the one event a panel
    /// shows, not for walking many.
    pub fn event(&self, index: EventIndex) -> Option<Event> {
        let row = self.row(index)?;
        let mut initiators = Vec::new();
        let mut targets = Vec::new();
        let mut supporters = Vec::new();
        for (actor, role) in self.mentions(index) {
            match role {
                Role::Initiator => initiators.push(actor),
                Role::Target => targets.push(actor),
                Role::Supporter => supporters.push(actor),
            }
        }
        let text = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        Some(Event {
            id: self.cold.ids.get(row).to_owned(),
            title: self.title(index).into_owned(),
            summary: self.cold.summaries.get(row).to_owned(),
            time: self.time(index)?,
            place: self.cold.places.get(row).to_owned(),
            country: self.country(index).map(str::to_owned),
            sea: self.sea(index).map(str::to_owned),
            position: self.position(index),
            geo_precision: self.geo_precisions[index],
            event_type: self.type_label(index).to_owned(),
            initiators,
            targets,
            supporters,
            killed: self.killed(index),
            injured: self.injured(index),
            sources: self
                .citations(index)
                .map(|(source, quote)| Citation {
                    source,
                    quote: quote.to_owned(),
                })
                .collect(),
            disputes: self.disputes(index).to_vec(),
            origin: self.origin(index).cloned(),
            notes: text(self.cold.notes.get(row)),
            url: text(self.cold.urls.get(row)),
            attributes: self
                .attributes(index)
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        })
    }

    /// Every event, assembled one at a time in time order: for tests and small datasets;
    /// views read the columns instead.
    pub fn iter_events(&self) -> impl Iterator<Item = Event> + '_ {
        self.indices().filter_map(|index| self.event(index))
    }

    /// The index of the event with this id. The id index is built on first use.
    pub fn index_of(&self, id: &str) -> Option<EventIndex> {
        let by_id = self.by_id.get_or_init(|| {
            let mut order: Vec<u32> = (0..self.rows.len() as u32).collect();
            // Equal ids (two layers, or a file that repeats one) keep file order, so the
            // first is found.
            order.sort_by(|&a, &b| {
                self.id(a as usize)
                    .cmp(self.id(b as usize))
                    .then_with(|| self.rows[a as usize].cmp(&self.rows[b as usize]))
            });
            order
        });
        let found = by_id.partition_point(|&index| self.id(index as usize) < id);
        by_id
            .get(found)
            .map(|&index| index as usize)
            .filter(|&index| self.id(index) == id)
    }

    /// The stable id of event `index`.
    pub fn id(&self, index: EventIndex) -> &str {
        self.row(index).map_or("", |row| self.cold.ids.get(row))
    }

    /// The title, or when the file gives none, its type and place ("Air/drone strike ·
    /// Jurf al-Sakhar").
    pub fn title(&self, index: EventIndex) -> Cow<'_, str> {
        let Some(row) = self.row(index) else {
            return Cow::Borrowed("");
        };
        let title = self.cold.titles.get(row);
        if !title.is_empty() {
            return Cow::Borrowed(title);
        }
        let place = self.cold.places.get(row);
        match (self.type_label(index), place.is_empty()) {
            ("", true) => Cow::Borrowed(self.cold.ids.get(row)),
            ("", false) => Cow::Borrowed(place),
            (kind, true) => Cow::Borrowed(kind),
            (kind, false) => Cow::Owned(format!("{kind} · {place}")),
        }
    }

    /// The title as the file gives it (may be empty; see [`Self::title`]).
    pub fn stored_title(&self, index: EventIndex) -> &str {
        self.row(index).map_or("", |row| self.cold.titles.get(row))
    }

    /// The summary (may be empty).
    pub fn summary(&self, index: EventIndex) -> &str {
        self.row(index)
            .map_or("", |row| self.cold.summaries.get(row))
    }

    /// The place name (may be empty).
    pub fn place(&self, index: EventIndex) -> &str {
        self.row(index).map_or("", |row| self.cold.places.get(row))
    }

    /// The notes (may be empty).
    pub fn notes(&self, index: EventIndex) -> &str {
        self.row(index).map_or("", |row| self.cold.notes.get(row))
    }

    /// The web address the file gives (may be empty). Shown as text; see `ui::links`.
    pub fn url(&self, index: EventIndex) -> &str {
        self.row(index).map_or("", |row| self.cold.urls.get(row))
    }

    /// The other fields of the record, as (name, value) pairs.
    pub fn attributes(&self, index: EventIndex) -> impl Iterator<Item = (&str, &str)> {
        let stored = self
            .row(index)
            .map_or("", |row| self.cold.attributes.get(row));
        super::attributes::decode(&self.attribute_names, stored)
    }

    /// When the event happened, as the file gave it.
    pub fn time(&self, index: EventIndex) -> Option<EventTime> {
        let kind = *self.kinds.get(index)?;
        let start = TimeKind::value(kind.start, self.starts[index], false);
        let end = (kind.end != NO_END).then(|| TimeKind::value(kind.end, self.ends[index], true));
        Some(EventTime {
            start,
            end,
            precision: kind.precision,
        })
    }

    /// How precisely the time of event `index` is known.
    pub fn time_precision(&self, index: EventIndex) -> Option<TimePrecision> {
        self.kinds.get(index).map(|kind| kind.precision)
    }

    /// Where the event is, or `None` when the file gives no location.
    pub fn position(&self, index: EventIndex) -> Option<Point<f64>> {
        self.positions
            .get(index)
            .copied()
            .filter(|point| !point.x().is_nan())
    }

    /// Every event's position in time order; NaN for unlocated events.
    pub fn positions(&self) -> &[Point<f64>] {
        &self.positions
    }

    /// Every event's Web Mercator position in `[0, 1]`, in time order; NaN for unlocated.
    pub fn mercator(&self) -> &[[f32; 2]] {
        &self.mercator
    }

    /// How precisely the place of event `index` is known.
    pub fn geo_precision(&self, index: EventIndex) -> GeoPrecision {
        self.geo_precisions
            .get(index)
            .copied()
            .unwrap_or(GeoPrecision::Country)
    }

    /// The type id of each event, in time order (see [`Self::event_types`]).
    pub fn type_ids(&self) -> &[u16] {
        &self.types
    }

    /// The event types of this dataset: chronomap's nine, or a file's own (ACLED sub-event
    /// types, CAMEO codes…).
    pub fn event_types(&self) -> &Vocabulary {
        &self.types_vocabulary
    }

    /// The id of event `index`'s type in [`Self::event_types`] (0 when it has none).
    pub fn type_id(&self, index: EventIndex) -> u16 {
        self.types.get(index).copied().unwrap_or(0)
    }

    /// The type of event `index`, as a label.
    pub fn type_label(&self, index: EventIndex) -> &str {
        self.types
            .get(index)
            .and_then(|&id| self.types_vocabulary.name(id))
            .unwrap_or("")
    }

    /// The country of event `index`, if any.
    pub fn country(&self, index: EventIndex) -> Option<&str> {
        self.countries
            .get(index)
            .and_then(|&id| self.countries_vocabulary.name(id))
    }

    /// The countries of this dataset.
    pub fn countries(&self) -> &Vocabulary {
        &self.countries_vocabulary
    }

    /// The sea of event `index`, if any.
    pub fn sea(&self, index: EventIndex) -> Option<&str> {
        self.seas
            .get(index)
            .and_then(|&id| self.seas_vocabulary.name(id))
    }

    /// People killed, where the file gives a figure.
    pub fn killed(&self, index: EventIndex) -> Option<u32> {
        let row = self.row(index)?;
        self.cold
            .killed
            .get(row)
            .copied()
            .filter(|&n| n != u32::MAX)
    }

    /// People injured, where the file gives a figure.
    pub fn injured(&self, index: EventIndex) -> Option<u32> {
        let row = self.row(index)?;
        self.cold
            .injured
            .get(row)
            .copied()
            .filter(|&n| n != u32::MAX)
    }

    pub(super) fn span_in(ends: &[u32], row: usize) -> Range<usize> {
        let from = if row == 0 { 0 } else { ends[row - 1] as usize };
        from..ends.get(row).map_or(from, |&end| end as usize)
    }

    /// The actors of event `index` with their roles, main actors first.
    pub fn mentions(&self, index: EventIndex) -> impl Iterator<Item = (ActorId, Role)> + '_ {
        self.mentions_with_association(index)
            .map(|(actor, role, _)| (actor, role))
    }

    /// The actors of event `index` with their roles and whether each is only associated
    /// with its side (ACLED's `assoc_actor_1/2`) rather than its main actor.
    pub fn mentions_with_association(
        &self,
        index: EventIndex,
    ) -> impl Iterator<Item = (ActorId, Role, bool)> + '_ {
        let range = self
            .row(index)
            .map_or(0..0, |row| Self::span_in(&self.cold.mention_ends, row));
        self.cold.mentions[range]
            .iter()
            .map(|&packed| unpack(packed))
    }

    /// The actors of event `index` in one role.
    pub fn actors_in_role(
        &self,
        index: EventIndex,
        role: Role,
    ) -> impl Iterator<Item = ActorId> + '_ {
        self.mentions(index)
            .filter(move |(_, r)| *r == role)
            .map(|(actor, _)| actor)
    }

    /// The quotes of event `index`: (source, words).
    pub fn citations(&self, index: EventIndex) -> impl Iterator<Item = (SourceId, &str)> + '_ {
        let range = self
            .row(index)
            .map_or(0..0, |row| Self::span_in(&self.cold.citation_ends, row));
        range.map(|i| {
            (
                self.cold.citation_sources[i],
                self.cold.citation_quotes.get(i),
            )
        })
    }

    /// The sources of event `index`, without the words.
    pub fn citation_sources(&self, index: EventIndex) -> &[SourceId] {
        let range = self
            .row(index)
            .map_or(0..0, |row| Self::span_in(&self.cold.citation_ends, row));
        &self.cold.citation_sources[range]
    }

    /// The distinct sources that report event `index`, in citation order.
    pub fn reporting_sources(&self, index: EventIndex) -> Vec<SourceId> {
        let mut seen = Vec::new();
        for &source in self.citation_sources(index) {
            if !seen.contains(&source) {
                seen.push(source);
            }
        }
        seen
    }

    /// Whether exactly one source reports event `index`.
    pub fn is_single_source(&self, index: EventIndex) -> bool {
        match self.citation_sources(index).split_first() {
            Some((first, rest)) => rest.iter().all(|source| source == first),
            None => false,
        }
    }

    /// Where the sources disagree about event `index`.
    pub fn disputes(&self, index: EventIndex) -> &[Dispute] {
        self.row(index)
            .and_then(|row| self.cold.disputes.get(&(row as u32)))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether the sources disagree about event `index`.
    pub fn is_disputed(&self, index: EventIndex) -> bool {
        !self.disputes(index).is_empty()
    }
}
