//! Turning records into a checked [`Dataset`]: the validation every load goes through.
//!
//! Checks: ids are unique; every actor and source id exists; every quote occurs in its
//! article (ignoring differences in white space); coordinates are valid; dates parse and
//! `end >= start`; precisions and event types come from the vocabulary; a figure's qualifier
//! comes from [`FIGURE_QUALIFIERS`] and has a figure; an actor's `basis` and `facts` quote
//! their articles; an `origin` has a place, valid coordinates, a precision and quotes found
//! in their articles. A record that fails is left out and a [`Problem`] names the file, the
//! feature and the field; the rest loads. An actor whose `basis` fails keeps no parent; an
//! event whose `origin` fails loads without it.

use std::collections::HashSet;

use geo::Point;

use super::actor::{Actor, ActorId, Actors, Rgb};
use super::dataset::Dataset;
use super::event::{
    Citation, Claim, Dispute, Event, EventType, GeoPrecision, INJURED_QUALIFIER, KILLED_QUALIFIER,
    Origin,
};
use super::problem::Problem;
use super::quote::FoldedText;
use super::record::{ActorRecord, BasisRecord, CitationRecord, EventRecord, SourceRecord};
use super::source::{Source, SourceId, Sources};
use super::time::{DateValue, EventTime, TimePrecision};

/// A dataset being loaded, with the problems found so far.
#[derive(Debug)]
pub struct DatasetBuilder {
    events_file: String,
    actors: Actors,
    sources: Sources,
    /// The folded text of each source, by source id, for quote checks.
    folded: Vec<FoldedText>,
    events: Vec<Event>,
    seen_ids: HashSet<String>,
    problems: Vec<Problem>,
    /// Actors' `basis` and `facts`, checked once the articles are known:
    /// (file, actor, basis, facts).
    actor_citations: Vec<ActorCitations>,
    /// How many of the problems cost only part of an event (its origin), not the event.
    partial_problems: usize,
}

/// An actor's `basis` and `facts` as read, waiting for the articles they quote.
#[derive(Debug)]
struct ActorCitations {
    file: String,
    actor: ActorId,
    basis: Option<BasisRecord>,
    facts: Vec<BasisRecord>,
}

/// The words a figure may carry before its number, as the articles write them ("over 130",
/// "at least two"); a figure without one is exact.
pub const FIGURE_QUALIFIERS: [&str; 7] = [
    "at least",
    "over",
    "more than",
    "about",
    "around",
    "almost",
    "up to",
];

/// The result of a load: what could be loaded, and what was wrong.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// The events, actors and sources that passed the checks.
    pub dataset: Dataset,
    /// Everything that did not, in file order.
    pub problems: Vec<Problem>,
}

impl DatasetBuilder {
    /// Starts a dataset whose events come from `events_file` (the name problems will cite).
    pub fn new(events_file: impl Into<String>) -> Self {
        DatasetBuilder {
            events_file: events_file.into(),
            actors: Actors::default(),
            sources: Sources::default(),
            folded: Vec::new(),
            events: Vec::new(),
            seen_ids: HashSet::new(),
            problems: Vec::new(),
            actor_citations: Vec::new(),
            partial_problems: 0,
        }
    }

    /// Adds the actors of `file`, checking ids, colours and parents.
    pub fn add_actors(&mut self, file: &str, records: Vec<ActorRecord>) {
        let mut parents = Vec::new();
        for record in records {
            if self.actors.id_of(&record.id).is_some() {
                self.problems.push(Problem::in_field(
                    file,
                    &record.id,
                    "id",
                    "this actor id is used twice",
                ));
                continue;
            }
            let color = Rgb::parse_hex(&record.color).unwrap_or_else(|| {
                self.problems.push(Problem::in_field(
                    file,
                    &record.id,
                    "color",
                    format!("'{}' is not a colour like #1f77b4", record.color),
                ));
                super::actor::UNKNOWN_ACTOR_COLOR
            });
            let id = self.actors.insert(Actor {
                key: record.id.clone(),
                name: record.name,
                aliases: record.aliases,
                parent: None,
                parent_basis: None,
                facts: Vec::new(),
                color,
            });
            if record.basis.is_some() && record.parent.is_none() {
                self.problems.push(Problem::in_field(
                    file,
                    &record.id,
                    "basis",
                    "states a nesting, but the actor has no parent",
                ));
            }
            if record.basis.is_some() || !record.facts.is_empty() {
                self.actor_citations.push(ActorCitations {
                    file: file.to_owned(),
                    actor: id,
                    basis: record.basis,
                    facts: record.facts,
                });
            }
            if let Some(parent) = record.parent {
                parents.push((id, record.id, parent));
            }
        }
        for (id, key, parent_key) in parents {
            match self.actors.id_of(&parent_key) {
                Some(parent) if parent != id => self.actors.set_parent(id, parent),
                _ => self.problems.push(Problem::in_field(
                    file,
                    key,
                    "parent",
                    format!("'{parent_key}' is not another actor in this file"),
                )),
            }
        }
    }

    /// Adds an article with its metadata from `file` and its full text.
    pub fn add_source(&mut self, file: &str, record: SourceRecord, text: String) {
        if self.sources.id_of(&record.id).is_some() {
            self.problems.push(Problem::in_field(
                file,
                &record.id,
                "id",
                "this source id is used twice",
            ));
            return;
        }
        let published = record.published.as_deref().and_then(|text| {
            text.parse::<jiff::civil::Date>()
                .map_err(|err| {
                    self.problems.push(Problem::in_field(
                        file,
                        &record.id,
                        "published",
                        format!("'{text}' is not a date like 2024-01-23: {err}"),
                    ));
                })
                .ok()
        });
        self.folded.push(FoldedText::new(&text));
        self.sources.insert(Source {
            key: record.id,
            file: record.file,
            headline: record.headline,
            outlet: record.outlet,
            wire: record.wire,
            published,
            notes: record.notes,
            text,
        });
    }

    /// Records a problem found by a reader (a feature it could not read at all).
    pub fn push_problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    /// The name of the events file, for readers' messages.
    pub fn events_file(&self) -> &str {
        &self.events_file
    }

    /// Checks an event record and adds it; returns whether it was added.
    pub fn add_event(&mut self, record: EventRecord) -> bool {
        let problems_before = self.problems.len();
        let partial_before = self.partial_problems;
        let event = self.check_event(record);
        let partial = self.partial_problems - partial_before;
        match event {
            Some(event) if self.problems.len() - partial == problems_before => {
                self.seen_ids.insert(event.id.clone());
                self.events.push(event);
                true
            }
            _ => false,
        }
    }

    /// Finishes the load: checks the actors' `basis` and `facts` against the articles.
    pub fn finish(mut self) -> Loaded {
        for pending in std::mem::take(&mut self.actor_citations) {
            self.resolve_actor_citations(pending);
        }
        Loaded {
            dataset: Dataset::new(self.events, self.actors, self.sources),
            problems: self.problems,
        }
    }

    /// Finds an actor's quote in its article; a problem names the actor and the field.
    fn actor_citation(
        &mut self,
        file: &str,
        actor_key: &str,
        field: &str,
        record: &BasisRecord,
    ) -> Option<Citation> {
        let Some(source) = self.sources.id_of(&record.source) else {
            self.problems.push(Problem::in_field(
                file,
                actor_key,
                field,
                format!("unknown source id '{}'", record.source),
            ));
            return None;
        };
        let found = self
            .folded
            .get(source.0 as usize)
            .is_some_and(|text| text.find(&record.quote).is_some());
        if !found {
            let preview: String = record.quote.chars().take(60).collect();
            self.problems.push(Problem::in_field(
                file,
                actor_key,
                field,
                format!(
                    "the quote \"{preview}…\" does not occur in {}",
                    record.source
                ),
            ));
            return None;
        }
        Some(Citation {
            source,
            quote: record.quote.clone(),
        })
    }

    fn resolve_actor_citations(&mut self, pending: ActorCitations) {
        let key = self
            .actors
            .get(pending.actor)
            .map(|actor| actor.key.clone())
            .unwrap_or_default();
        let basis = pending
            .basis
            .as_ref()
            .and_then(|basis| self.actor_citation(&pending.file, &key, "basis", basis));
        let mut facts = Vec::with_capacity(pending.facts.len());
        for fact in &pending.facts {
            if let Some(citation) = self.actor_citation(&pending.file, &key, "facts", fact) {
                facts.push(citation);
            }
        }
        if let Some(actor) = self.actors.get_mut(pending.actor) {
            if pending.basis.is_some() {
                // A nesting that no sentence states is not kept.
                if basis.is_none() {
                    actor.parent = None;
                }
                actor.parent_basis = basis;
            }
            actor.facts = facts;
        }
    }

    fn problem(&mut self, feature: &str, field: &str, message: impl Into<String>) {
        self.problems.push(Problem::in_field(
            self.events_file.clone(),
            feature,
            field,
            message,
        ));
    }

    fn check_event(&mut self, record: EventRecord) -> Option<Event> {
        let id = record.id.trim().to_owned();
        if id.is_empty() {
            self.problem("(no id)", "id", "every feature needs a non-empty id");
            return None;
        }
        if self.seen_ids.contains(&id) {
            self.problem(&id, "id", "this id is used by an earlier feature");
        }
        for (field, value) in [("title", &record.title), ("place", &record.place)] {
            if value.trim().is_empty() {
                self.problem(&id, field, "must not be empty");
            }
        }

        let time = self.check_time(&id, &record);
        let position = self.check_position(&id, record.lon_lat);
        let geo_precision =
            self.parse_vocabulary::<GeoPrecision>(&id, "geo_precision", &record.geo_precision);
        let event_type = EventType::parse(&record.event_type);
        if event_type.is_none() {
            let known: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
            self.problem(
                &id,
                "event_type",
                format!(
                    "'{}' is not one of: {}",
                    record.event_type,
                    known.join(", ")
                ),
            );
        }
        if let Some(country) = &record.country
            && (country.len() != 3 || !country.bytes().all(|b| b.is_ascii_uppercase()))
        {
            self.problem(
                &id,
                "country",
                format!("'{country}' is not an ISO 3166-1 alpha-3 code like IRQ"),
            );
        }
        let initiators = self.check_actors(&id, "initiators", &record.initiators);
        let targets = self.check_actors(&id, "targets", &record.targets);
        let supporters = self.check_actors(&id, "supporters", &record.supporters);
        let killed = self.check_count(&id, "killed", record.killed);
        let injured = self.check_count(&id, "injured", record.injured);
        let mut attributes = Vec::new();
        for (field, qualifier, figure) in [
            (KILLED_QUALIFIER, &record.killed_qualifier, killed),
            (INJURED_QUALIFIER, &record.injured_qualifier, injured),
        ] {
            let Some(qualifier) = qualifier else {
                continue;
            };
            if !FIGURE_QUALIFIERS.contains(&qualifier.as_str()) {
                self.problem(
                    &id,
                    field,
                    format!(
                        "'{qualifier}' is not one of: {}",
                        FIGURE_QUALIFIERS.join(", ")
                    ),
                );
            } else if figure.is_none() {
                self.problem(&id, field, "qualifies a figure that is not given");
            } else {
                attributes.push((field.to_owned(), qualifier.clone()));
            }
        }
        let sources = self.check_citations(&id, "sources", &record.sources);
        let disputes = self.check_disputes(&id, &record);
        let origin = self.check_origin(&id, &record);

        Some(Event {
            id,
            title: record.title,
            summary: record.summary,
            time: time?,
            place: record.place,
            country: record.country,
            sea: record.sea,
            position: Some(position?),
            geo_precision: geo_precision?,
            event_type: event_type?.label().to_owned(),
            initiators,
            targets,
            supporters,
            killed,
            injured,
            sources,
            disputes,
            origin,
            notes: record.notes,
            url: None,
            attributes,
        })
    }

    fn check_time(&mut self, id: &str, record: &EventRecord) -> Option<EventTime> {
        let start = DateValue::parse(&record.start)
            .map_err(|err| self.problem(id, "start", err))
            .ok();
        let end = match record.end.as_deref() {
            None => None,
            Some(text) => Some(
                DateValue::parse(text)
                    .map_err(|err| self.problem(id, "end", err))
                    .ok()?,
            ),
        };
        let precision =
            self.parse_vocabulary::<TimePrecision>(id, "time_precision", &record.time_precision);
        let start = start?;
        if let Some(end) = &end
            && end.end() < start.start()
        {
            self.problem(
                id,
                "end",
                format!(
                    "ends ({}) before it starts ({})",
                    record.end.as_deref().unwrap_or_default(),
                    record.start
                ),
            );
            return None;
        }
        Some(EventTime {
            start,
            end,
            precision: precision?,
        })
    }

    fn check_position(&mut self, id: &str, (lon, lat): (f64, f64)) -> Option<Point<f64>> {
        if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
            self.problem(
                id,
                "geometry",
                format!("longitude {lon} is outside -180..180"),
            );
            return None;
        }
        if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
            self.problem(id, "geometry", format!("latitude {lat} is outside -90..90"));
            return None;
        }
        Some(Point::new(lon, lat))
    }

    fn parse_vocabulary<T: serde::de::DeserializeOwned>(
        &mut self,
        id: &str,
        field: &str,
        value: &str,
    ) -> Option<T> {
        serde_json::from_value(serde_json::Value::String(value.to_owned()))
            .map_err(|err| {
                // serde's message lists the expected variants.
                let detail = err.to_string();
                let expected = detail
                    .split("expected ")
                    .nth(1)
                    .unwrap_or(&detail)
                    .to_owned();
                self.problem(id, field, format!("'{value}' is not one of {expected}"));
            })
            .ok()
    }

    fn check_actors(&mut self, id: &str, field: &str, keys: &[String]) -> Vec<ActorId> {
        let mut ids = Vec::with_capacity(keys.len());
        for key in keys {
            match self.actors.id_of(key) {
                Some(actor) => ids.push(actor),
                None => self.problem(id, field, format!("unknown actor id '{key}'")),
            }
        }
        ids
    }

    fn check_count(&mut self, id: &str, field: &str, value: Option<f64>) -> Option<u32> {
        let value = value?;
        if value.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&value) {
            self.problem(
                id,
                field,
                format!("{value} is not a whole number of people"),
            );
            return None;
        }
        Some(value as u32)
    }

    fn source_id(&mut self, id: &str, field: &str, key: &str) -> Option<SourceId> {
        let found = self.sources.id_of(key);
        if found.is_none() {
            self.problem(id, field, format!("unknown source id '{key}'"));
        }
        found
    }

    fn check_citations(
        &mut self,
        id: &str,
        field: &str,
        records: &[CitationRecord],
    ) -> Vec<Citation> {
        let mut citations = Vec::with_capacity(records.len());
        for citation in records {
            let Some(source) = self.source_id(id, field, &citation.source) else {
                continue;
            };
            let found = self
                .folded
                .get(source.0 as usize)
                .is_some_and(|text| text.find(&citation.quote).is_some());
            if !found {
                let preview: String = citation.quote.chars().take(60).collect();
                self.problem(
                    id,
                    field,
                    format!(
                        "the quote \"{preview}…\" does not occur in {}",
                        citation.source
                    ),
                );
                continue;
            }
            citations.push(Citation {
                source,
                quote: citation.quote.clone(),
            });
        }
        citations
    }

    /// The event's origin, or `None` (with a problem naming `origin.<field>`) when it is
    /// incomplete or wrong: the event itself still loads.
    fn check_origin(&mut self, id: &str, record: &EventRecord) -> Option<Origin> {
        let origin = record.origin.as_ref()?;
        let before = self.problems.len();
        let checked = origin.check();
        if let Err(problems) = &checked {
            for (field, message) in problems {
                self.problem(id, field, message.clone());
            }
        }
        let sources = self.check_citations(id, "origin.sources", &origin.sources);
        if self.problems.len() > before {
            for problem in &mut self.problems[before..] {
                problem
                    .message
                    .push_str("; the event loads without its origin");
            }
            self.partial_problems += self.problems.len() - before;
            return None;
        }
        let (position, geo_precision) = checked.ok()?;
        Some(Origin {
            place: origin.place.clone(),
            position,
            geo_precision,
            sources,
            notes: origin.notes.clone(),
        })
    }

    fn check_disputes(&mut self, id: &str, record: &EventRecord) -> Vec<Dispute> {
        let mut disputes = Vec::with_capacity(record.disputes.len());
        for dispute in &record.disputes {
            if dispute.claims.len() < 2 {
                self.problem(
                    id,
                    "disputes",
                    format!(
                        "the dispute over '{}' needs at least two claims",
                        dispute.field
                    ),
                );
            }
            let claims = dispute
                .claims
                .iter()
                .map(|claim| Claim {
                    value: claim.value.clone(),
                    sources: claim
                        .sources
                        .iter()
                        .filter_map(|key| self.source_id(id, "disputes", key))
                        .collect(),
                    note: claim.note.clone(),
                })
                .collect();
            disputes.push(Dispute {
                field: dispute.field.clone(),
                claims,
            });
        }
        disputes
    }
}
