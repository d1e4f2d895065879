//! Filling the event store row by row, in file order, without building an `Event` per row.
//!
//! Importers intern actors, sources, types and countries here and push one [`EventRow`] per
//! record; [`DatasetWriter::finish`] sorts the hot columns by time and builds the id index.
//! Two writers filled on two threads can be joined with [`DatasetWriter::append`].

use std::collections::HashMap;

use geo::Point;

use super::actor::{Actor, ActorId, Actors, Rgb};
use super::attributes::AttributeEncoder;
use super::columns::{ColumnFull, TextColumn, Vocabulary};
use super::dataset::{Dataset, TimeKind, Vocabularies};
use super::event::{Dispute, Event, EventType, GeoPrecision, Origin};
use super::source::{Source, SourceId, Sources};
use super::time::{DateValue, EventTime, TimePoint, TimePrecision};

/// The part an actor plays in an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// It acted: an initiator (ACLED `actor1` and `assoc_actor_1`).
    Initiator,
    /// It was acted on: a target (ACLED `actor2` and `assoc_actor_2`).
    Target,
    /// It supported the action without carrying it out.
    Supporter,
}

impl Role {
    pub(crate) fn code(self) -> u32 {
        match self {
            Role::Initiator => 0,
            Role::Target => 1,
            Role::Supporter => 2,
        }
    }

    pub(crate) fn from_code(code: u32) -> Self {
        match code {
            0 => Role::Initiator,
            1 => Role::Target,
            _ => Role::Supporter,
        }
    }
}

/// One actor mention packed in 32 bits: the actor id in the low 29, the role in the next 2,
/// and in the top bit whether the actor is associated with the side rather than named as its
/// main actor (ACLED's `assoc_actor_1` beside `actor1`).
pub(crate) const MENTION_ROLE_SHIFT: u32 = 29;
pub(crate) const MAX_ACTORS: u32 = 1 << MENTION_ROLE_SHIFT;
pub(crate) const ASSOCIATED_BIT: u32 = 1 << 31;

/// Packs a mention (see [`MENTION_ROLE_SHIFT`]).
fn pack(actor: ActorId, role: Role, associated: bool) -> u32 {
    let flag = if associated { ASSOCIATED_BIT } else { 0 };
    actor.0 | (role.code() << MENTION_ROLE_SHIFT) | flag
}

/// The actor, role and associated flag of a packed mention.
pub(crate) fn unpack(packed: u32) -> (ActorId, Role, bool) {
    (
        ActorId(packed & (MAX_ACTORS - 1)),
        Role::from_code((packed >> MENTION_ROLE_SHIFT) & 0b11),
        packed & ASSOCIATED_BIT != 0,
    )
}

/// One event as an importer hands it over: borrowed text, so pushing a row allocates nothing
/// but the growth of the columns.
#[derive(Clone, Debug)]
pub struct EventRow<'a> {
    /// Stable id, unique in the file.
    pub id: &'a str,
    /// Short title; may be empty, and is then made from the type and place when shown.
    pub title: &'a str,
    /// A sentence or two; may be empty.
    pub summary: &'a str,
    /// The place name.
    pub place: &'a str,
    /// How the place, time or figures were determined; may be empty.
    pub notes: &'a str,
    /// A web address the file gives for the event; may be empty. Shown as text.
    pub url: &'a str,
    /// Other fields of the record, as `name\u{1f}value` pairs separated by `\u{1e}`.
    pub attributes: &'a str,
    /// When.
    pub time: EventTime,
    /// Where; `None` when the file gives no usable location.
    pub position: Option<Point<f64>>,
    /// How precisely the place is known.
    pub geo_precision: GeoPrecision,
    /// The event type id from [`DatasetWriter::event_type`].
    pub event_type: u16,
    /// The country id from [`DatasetWriter::country`] (0 for none).
    pub country: u16,
    /// The sea id from [`DatasetWriter::sea`] (0 for none).
    pub sea: u16,
    /// People killed, where the file gives a figure.
    pub killed: Option<u32>,
    /// People injured, where the file gives a figure.
    pub injured: Option<u32>,
}

/// The columns of the store in file order: what a writer fills.
#[derive(Clone, Debug, Default)]
pub(crate) struct Rows {
    pub starts: Vec<TimePoint>,
    pub ends: Vec<TimePoint>,
    pub kinds: Vec<TimeKind>,
    pub positions: Vec<Point<f64>>,
    pub geo_precisions: Vec<GeoPrecision>,
    pub types: Vec<u16>,
    pub countries: Vec<u16>,
    pub seas: Vec<u16>,
    pub ids: TextColumn,
    pub titles: TextColumn,
    pub summaries: TextColumn,
    pub places: TextColumn,
    pub notes: TextColumn,
    pub urls: TextColumn,
    pub attributes: TextColumn,
    /// `u32::MAX` for none.
    pub killed: Vec<u32>,
    /// `u32::MAX` for none.
    pub injured: Vec<u32>,
    /// Packed actor mentions of every row, one after another; `mention_ends[row]` ends a row's.
    pub mentions: Vec<u32>,
    pub mention_ends: Vec<u32>,
    pub citation_sources: Vec<SourceId>,
    pub citation_quotes: TextColumn,
    pub citation_ends: Vec<u32>,
    /// Disputes, rare, by row.
    pub disputes: HashMap<u32, Vec<Dispute>>,
    /// Launch places, rare, by row: a side table, so a million events without one cost
    /// nothing.
    pub origins: HashMap<u32, Origin>,
}

impl Rows {
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Every text column, in one fixed order.
    pub fn text_columns(&self) -> [&TextColumn; 8] {
        [
            &self.ids,
            &self.titles,
            &self.summaries,
            &self.places,
            &self.notes,
            &self.urls,
            &self.attributes,
            &self.citation_quotes,
        ]
    }

    /// Every text column, in the order of [`Self::text_columns`].
    pub fn text_columns_mut(&mut self) -> [&mut TextColumn; 8] {
        [
            &mut self.ids,
            &mut self.titles,
            &mut self.summaries,
            &mut self.places,
            &mut self.notes,
            &mut self.urls,
            &mut self.attributes,
            &mut self.citation_quotes,
        ]
    }
}

/// A dataset being written, row by row, with its actors, sources and vocabularies.
#[derive(Clone, Debug)]
pub struct DatasetWriter {
    pub(crate) rows: Rows,
    pub(crate) actors: Actors,
    pub(crate) sources: Sources,
    pub(crate) types: Vocabulary,
    pub(crate) countries: Vocabulary,
    pub(crate) seas: Vocabulary,
    /// The names of the other fields, kept once (see `attributes.rs`).
    attributes: AttributeEncoder,
    /// Whether the type vocabulary is chronomap's own nine types (the built-in format).
    builtin_types: bool,
}

/// The store cannot take another row.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreFull {
    /// A text column passed 4 GiB.
    #[error(transparent)]
    Text(#[from] ColumnFull),
    /// More than 4,294,967,295 events, actor mentions or quotes.
    #[error("more than 4,294,967,295 rows, actor mentions or quotes")]
    Rows,
    /// More than about a billion actors.
    #[error("more than 536,870,912 distinct actors")]
    Actors,
}

impl Default for DatasetWriter {
    fn default() -> Self {
        Self::new()
    }
}

/// Colours for actors that a file names but does not colour: chosen by a hash of the name,
/// so that an actor has the same colour in every layer and every run.
const ACTOR_PALETTE: [[u8; 3]; 12] = [
    [47, 95, 208],
    [200, 40, 63],
    [232, 115, 26],
    [46, 157, 90],
    [142, 68, 173],
    [22, 153, 181],
    [176, 150, 20],
    [95, 124, 138],
    [214, 76, 160],
    [120, 90, 40],
    [0, 128, 128],
    [160, 60, 30],
];

/// The colour of an actor that its file does not colour (see [`ACTOR_PALETTE`]).
pub fn actor_color_for(name: &str) -> Rgb {
    // FNV-1a: stable across runs and platforms, unlike the std hasher.
    let mut hash: u32 = 0x811c_9dc5;
    for byte in name.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    Rgb(ACTOR_PALETTE[hash as usize % ACTOR_PALETTE.len()])
}

impl DatasetWriter {
    /// An empty writer whose type vocabulary is the file's own.
    pub fn new() -> Self {
        DatasetWriter {
            rows: Rows::default(),
            actors: Actors::default(),
            sources: Sources::default(),
            types: Vocabulary::default(),
            countries: Vocabulary::default(),
            seas: Vocabulary::default(),
            attributes: AttributeEncoder::default(),
            builtin_types: false,
        }
    }

    /// An empty writer for chronomap's own format: its type vocabulary is the nine built-in
    /// types, in order, so type id `i + 1` is `EventType::ALL[i]`.
    pub fn with_builtin_types() -> Self {
        let mut writer = Self::new();
        writer.types = Vocabulary::with_names(EventType::ALL.iter().map(|t| t.label()));
        writer.builtin_types = true;
        writer
    }

    /// How many rows have been written.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no row has been written.
    pub fn is_empty(&self) -> bool {
        self.rows.len() == 0
    }

    /// The actors so far, to add records with colours and parents.
    pub fn actors_mut(&mut self) -> &mut Actors {
        &mut self.actors
    }

    /// The actors so far.
    pub fn actors(&self) -> &Actors {
        &self.actors
    }

    /// The sources so far, to add articles.
    pub fn sources_mut(&mut self) -> &mut Sources {
        &mut self.sources
    }

    /// The sources so far.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// The id of the actor a file names `name`, adding it (with a colour from its name) if
    /// it is new. The name is also its key.
    pub fn actor(&mut self, name: &str) -> Result<ActorId, StoreFull> {
        if let Some(id) = self.actors.id_of(name) {
            return Ok(id);
        }
        if self.actors.len() as u32 >= MAX_ACTORS - 1 {
            return Err(StoreFull::Actors);
        }
        Ok(self.actors.insert(Actor {
            key: name.to_owned(),
            name: name.to_owned(),
            aliases: Vec::new(),
            parent: None,
            parent_basis: None,
            facts: Vec::new(),
            color: actor_color_for(name),
        }))
    }

    /// The id of a source that is a record of the file (an ACLED `source`, a GDELT site),
    /// not an article with text; added if new.
    pub fn source_record(&mut self, name: &str) -> SourceId {
        if let Some(id) = self.sources.id_of(name) {
            return id;
        }
        self.sources.insert(Source {
            key: name.to_owned(),
            file: String::new(),
            headline: None,
            outlet: Some(name.to_owned()),
            wire: None,
            published: None,
            notes: String::new(),
            text: String::new(),
        })
    }

    /// The id of an event type, added if new (an ACLED sub-event type, a CAMEO code…).
    pub fn event_type(&mut self, name: &str) -> u16 {
        self.types.intern(name)
    }

    /// The id of one of chronomap's nine built-in types.
    pub fn builtin_type(&mut self, event_type: EventType) -> u16 {
        self.types.intern(event_type.label())
    }

    /// The id of a country name or code, added if new; 0 for an empty one.
    pub fn country(&mut self, name: &str) -> u16 {
        self.countries.intern(name)
    }

    /// The id of a sea, added if new; 0 for an empty one.
    pub fn sea(&mut self, name: &str) -> u16 {
        self.seas.intern(name)
    }

    /// Appends one event with its actor mentions and its quotes (source, words).
    pub fn push(
        &mut self,
        row: &EventRow<'_>,
        mentions: &[(ActorId, Role)],
        citations: &[(SourceId, &str)],
    ) -> Result<(), StoreFull> {
        self.push_with_associates(row, mentions, &[], citations)
    }

    /// Like [`Self::push`], with actors associated with a side besides its main actors
    /// (ACLED's `assoc_actor_1` and `assoc_actor_2`): they filter as that side's role, but
    /// summaries that count "actor 1 and actor 2" leave them out.
    pub fn push_with_associates(
        &mut self,
        row: &EventRow<'_>,
        mentions: &[(ActorId, Role)],
        associates: &[(ActorId, Role)],
        citations: &[(SourceId, &str)],
    ) -> Result<(), StoreFull> {
        let attributes = self.attributes.encode(row.attributes);
        let rows = &mut self.rows;
        let mention_end = u32::try_from(rows.mentions.len() + mentions.len() + associates.len())
            .map_err(|_| StoreFull::Rows)?;
        let citation_end = u32::try_from(rows.citation_sources.len() + citations.len())
            .map_err(|_| StoreFull::Rows)?;
        if u32::try_from(rows.len() + 1).is_err() {
            return Err(StoreFull::Rows);
        }
        // Every text column is checked before any column grows, so a full column never
        // leaves the columns with different lengths.
        let quotes_len: usize = citations.iter().map(|(_, quote)| quote.len()).sum();
        let fits = [
            (&rows.ids, row.id.len()),
            (&rows.titles, row.title.len()),
            (&rows.summaries, row.summary.len()),
            (&rows.places, row.place.len()),
            (&rows.notes, row.notes.len()),
            (&rows.urls, row.url.len()),
            (&rows.attributes, attributes.len()),
            (&rows.citation_quotes, quotes_len),
        ]
        .iter()
        .all(|(column, extra)| column.fits(*extra));
        if !fits {
            return Err(StoreFull::Text(ColumnFull));
        }
        rows.ids.push(row.id)?;
        rows.titles.push(row.title)?;
        rows.summaries.push(row.summary)?;
        rows.places.push(row.place)?;
        rows.notes.push(row.notes)?;
        rows.urls.push(row.url)?;
        rows.attributes.push(attributes)?;
        for (_, quote) in citations {
            rows.citation_quotes.push(quote)?;
        }
        let (start, end) = row.time.span();
        rows.starts.push(start);
        rows.ends.push(end);
        rows.kinds.push(TimeKind::of(&row.time));
        rows.positions
            .push(row.position.unwrap_or(Point::new(f64::NAN, f64::NAN)));
        rows.geo_precisions.push(row.geo_precision);
        rows.types.push(row.event_type);
        rows.countries.push(row.country);
        rows.seas.push(row.sea);
        rows.killed.push(row.killed.unwrap_or(u32::MAX));
        rows.injured.push(row.injured.unwrap_or(u32::MAX));
        rows.mentions.extend(
            mentions
                .iter()
                .map(|&(actor, role)| pack(actor, role, false))
                .chain(
                    associates
                        .iter()
                        .map(|&(actor, role)| pack(actor, role, true)),
                ),
        );
        rows.mention_ends.push(mention_end);
        rows.citation_sources
            .extend(citations.iter().map(|(source, _)| *source));
        rows.citation_ends.push(citation_end);
        Ok(())
    }

    /// Appends a whole event whose actors and sources are already in this writer.
    pub fn push_event(&mut self, event: &Event) -> Result<(), StoreFull> {
        let event_type = self.event_type(&event.event_type);
        let country = self.country(event.country.as_deref().unwrap_or(""));
        let sea = self.sea(event.sea.as_deref().unwrap_or(""));
        let mut attributes = String::new();
        for (name, value) in &event.attributes {
            attributes.push_str(name);
            attributes.push('\u{1f}');
            attributes.push_str(value);
            attributes.push('\u{1e}');
        }
        let row = EventRow {
            id: &event.id,
            title: &event.title,
            summary: &event.summary,
            place: &event.place,
            notes: event.notes.as_deref().unwrap_or(""),
            url: event.url.as_deref().unwrap_or(""),
            attributes: &attributes,
            time: event.time.clone(),
            position: event.position,
            geo_precision: event.geo_precision,
            event_type,
            country,
            sea,
            killed: event.killed,
            injured: event.injured,
        };
        let mentions: Vec<(ActorId, Role)> = event
            .initiators
            .iter()
            .map(|&a| (a, Role::Initiator))
            .chain(event.targets.iter().map(|&a| (a, Role::Target)))
            .chain(event.supporters.iter().map(|&a| (a, Role::Supporter)))
            .collect();
        let citations: Vec<(SourceId, &str)> = event
            .sources
            .iter()
            .map(|c| (c.source, c.quote.as_str()))
            .collect();
        self.push(&row, &mentions, &citations)?;
        self.set_last_disputes(event.disputes.clone());
        if let Some(origin) = &event.origin {
            self.set_last_origin(origin.clone());
        }
        Ok(())
    }

    /// Records where the attack of the row most recently pushed came from.
    pub fn set_last_origin(&mut self, origin: Origin) {
        if let Some(last) = self.rows.len().checked_sub(1) {
            self.rows.origins.insert(last as u32, origin);
        }
    }

    /// Records the disputes of the row most recently pushed.
    pub fn set_last_disputes(&mut self, disputes: Vec<Dispute>) {
        if disputes.is_empty() {
            return;
        }
        if let Some(last) = self.rows.len().checked_sub(1) {
            self.rows.disputes.insert(last as u32, disputes);
        }
    }

    /// Appends every row of `other` (written on another thread), re-interning its actors,
    /// sources and vocabularies into this writer's.
    pub fn append(&mut self, other: DatasetWriter) -> Result<(), StoreFull> {
        let actor_map: Vec<ActorId> = other
            .actors
            .iter()
            .map(|(_, actor)| match self.actors.id_of(&actor.key) {
                Some(id) => id,
                None => self.actors.insert(actor.clone()),
            })
            .collect();
        let source_map: Vec<SourceId> = other
            .sources
            .iter()
            .map(|(_, source)| match self.sources.id_of(&source.key) {
                Some(id) => id,
                None => self.sources.insert(source.clone()),
            })
            .collect();
        let remap = |from: &Vocabulary, to: &mut Vocabulary| -> Vec<u16> {
            std::iter::once(0)
                .chain(from.iter().map(|(_, name)| to.intern(name)))
                .collect()
        };
        let type_map = remap(&other.types, &mut self.types);
        let country_map = remap(&other.countries, &mut self.countries);
        let sea_map = remap(&other.seas, &mut self.seas);
        let lookup = |map: &[u16], id: u16| map.get(usize::from(id)).copied().unwrap_or(0);

        let base_row = self.rows.len() as u32;
        let base_mentions = u32::try_from(self.rows.mentions.len()).map_err(|_| StoreFull::Rows)?;
        let base_citations =
            u32::try_from(self.rows.citation_sources.len()).map_err(|_| StoreFull::Rows)?;
        let mut theirs = other.rows;
        if let Some(mut recoder) = self.attributes.recode_from(other.attributes.names()) {
            let mut recoded = TextColumn::default();
            for row in 0..theirs.attributes.len() {
                recoded.push(recoder.recode(theirs.attributes.get(row)))?;
            }
            theirs.attributes = recoded;
        }
        let ours = &mut self.rows;
        for (column, other_column) in ours
            .text_columns_mut()
            .into_iter()
            .zip(theirs.text_columns())
        {
            column.append(other_column)?;
        }
        ours.starts.extend_from_slice(&theirs.starts);
        ours.ends.extend_from_slice(&theirs.ends);
        ours.kinds.extend_from_slice(&theirs.kinds);
        ours.positions.extend_from_slice(&theirs.positions);
        ours.geo_precisions
            .extend_from_slice(&theirs.geo_precisions);
        ours.types
            .extend(theirs.types.iter().map(|&id| lookup(&type_map, id)));
        ours.countries
            .extend(theirs.countries.iter().map(|&id| lookup(&country_map, id)));
        ours.seas
            .extend(theirs.seas.iter().map(|&id| lookup(&sea_map, id)));
        ours.killed.extend_from_slice(&theirs.killed);
        ours.injured.extend_from_slice(&theirs.injured);
        ours.mentions.extend(theirs.mentions.iter().map(|&packed| {
            let (actor, role, associated) = unpack(packed);
            let actor = actor_map.get(actor.0 as usize).copied().unwrap_or(actor);
            pack(actor, role, associated)
        }));
        ours.mention_ends
            .extend(theirs.mention_ends.iter().map(|end| end + base_mentions));
        ours.citation_sources
            .extend(theirs.citation_sources.iter().map(|source| {
                source_map
                    .get(source.0 as usize)
                    .copied()
                    .unwrap_or(*source)
            }));
        ours.citation_ends
            .extend(theirs.citation_ends.iter().map(|end| end + base_citations));
        for (row, disputes) in theirs.disputes {
            ours.disputes.insert(row + base_row, disputes);
        }
        for (row, mut origin) in theirs.origins {
            for citation in &mut origin.sources {
                citation.source = source_map
                    .get(citation.source.0 as usize)
                    .copied()
                    .unwrap_or(citation.source);
            }
            ours.origins.insert(row + base_row, origin);
        }
        Ok(())
    }

    /// Sorts the events by time and builds the indexes.
    pub fn finish(self) -> Dataset {
        Dataset::from_rows(
            self.rows,
            self.actors,
            self.sources,
            Vocabularies {
                types: self.types,
                countries: self.countries,
                seas: self.seas,
                attribute_names: self.attributes.into_names(),
            },
            self.builtin_types,
        )
    }
}

/// A convenience for tests and the built-in format: the [`EventTime`] of a day.
pub fn day_time(date: jiff::civil::Date, precision: TimePrecision) -> EventTime {
    EventTime {
        start: DateValue::Day(date),
        end: None,
        precision,
    }
}
