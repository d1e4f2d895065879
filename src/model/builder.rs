//! Turning records into a checked [`Dataset`]: the validation every load goes through.
//!
//! Checks: ids are unique; every actor and source id exists; every quote occurs in its
//! article (ignoring differences in white space); coordinates are valid; dates parse and
//! `end >= start`; precisions and event types come from the vocabulary. A record that fails
//! is left out and a [`Problem`] names the file, the feature and the field; the rest loads.

use std::collections::HashSet;

use geo::Point;

use super::actor::{Actor, ActorId, Actors, Rgb};
use super::dataset::Dataset;
use super::event::{Citation, Claim, Dispute, Event, EventType, GeoPrecision};
use super::problem::Problem;
use super::quote::FoldedText;
use super::record::{ActorRecord, EventRecord, SourceRecord};
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
}

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
                color,
            });
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
        let event = self.check_event(record);
        match event {
            Some(event) if self.problems.len() == problems_before => {
                self.seen_ids.insert(event.id.clone());
                self.events.push(event);
                true
            }
            _ => false,
        }
    }

    /// Finishes the load.
    pub fn finish(self) -> Loaded {
        Loaded {
            dataset: Dataset::new(self.events, self.actors, self.sources),
            problems: self.problems,
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
        let killed = self.check_count(&id, "killed", record.killed);
        let injured = self.check_count(&id, "injured", record.injured);
        let sources = self.check_citations(&id, &record);
        let disputes = self.check_disputes(&id, &record);

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
            supporters: Vec::new(),
            killed,
            injured,
            sources,
            disputes,
            notes: record.notes,
            url: None,
            attributes: Vec::new(),
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

    fn check_citations(&mut self, id: &str, record: &EventRecord) -> Vec<Citation> {
        let mut citations = Vec::with_capacity(record.sources.len());
        for citation in &record.sources {
            let Some(source) = self.source_id(id, "sources", &citation.source) else {
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
                    "sources",
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
