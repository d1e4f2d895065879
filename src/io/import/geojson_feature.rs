//! Turning one GeoJSON feature into a row of the event store, for [`super::geojson`].
//!
//! Two readings share the geometry and date code here: chronomap's own schema (the
//! README's "Data format"), mapped field by field and checked as the built-in load checks
//! it, and any other GeoJSON of points, whose date, title, place and link are found among
//! commonly used property names and whose other properties are kept as attributes.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};

use geo::{
    Centroid, Coord, Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint,
    MultiPolygon, Point, Polygon,
};
use jiff::{Timestamp, civil, tz::TimeZone};
use serde_json::{Map, Value};

use super::report::{Format, ImportReport};
use crate::io::properties::{Properties, kind};
use crate::model::{
    ActorId, Citation, Claim, Dataset, DatasetWriter, DateValue, Dispute, EventRow, EventTime,
    EventType, FoldedText, GeoPrecision, Origin, OriginRecord, Role, SourceId, StoreFull,
    TimePrecision,
};

/// Why a feature was not loaded.
#[derive(Debug)]
pub(super) enum FeatureError {
    /// The feature is left out: the property at fault and what is wrong.
    Rejected { column: String, reason: String },
    /// The store is full: the import stops.
    Full(StoreFull),
}

fn reject(column: &str, reason: impl Into<String>) -> FeatureError {
    FeatureError::Rejected {
        column: column.to_owned(),
        reason: reason.into(),
    }
}

impl From<StoreFull> for FeatureError {
    fn from(full: StoreFull) -> Self {
        FeatureError::Full(full)
    }
}

/// Which schema the file follows, decided on its first feature with properties.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Chronomap,
    Generic,
}

/// Whether a feature's properties are chronomap's: `start` and `event_type` are common
/// names, so one of the two precisions, which only chronomap writes, must be there too.
fn is_chronomap(properties: &Map<String, Value>) -> bool {
    properties.contains_key("start")
        && properties.contains_key("event_type")
        && (properties.contains_key("time_precision") || properties.contains_key("geo_precision"))
}

/// What a feature's geometry was, for the report's notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// No geometry (null, missing or empty): the event has no place on the map.
    Missing,
    /// A point, used as it is.
    Point,
    /// A LineString or MultiLineString, reduced to its centroid.
    Line,
    /// A Polygon or MultiPolygon, reduced to its centroid.
    Polygon,
    /// A MultiPoint, reduced to its centroid.
    MultiPoint,
    /// A GeometryCollection, reduced to its first point or its centroid.
    Collection,
}

/// How many loaded features needed a word in the report.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    unlocated: u64,
    lines: u64,
    polygons: u64,
    multipoints: u64,
    collections: u64,
    naive_times: u64,
    renamed_ids: u64,
}

/// The roles a generic property can play, each with the names it is found under, best
/// first. Names are compared without regard to case.
const DATE: usize = 0;
const END: usize = 1;
const TITLE: usize = 2;
const PLACE: usize = 3;
const URL: usize = 4;
const SOURCE: usize = 5;
const ID: usize = 6;
const SUMMARY: usize = 7;
const TYPE: usize = 8;
const COUNTRY: usize = 9;
const KILLED: usize = 10;
const ROLES: usize = 11;
const ROLE_NAMES: [&[&str]; ROLES] = [
    &[
        "date",
        "datetime",
        "date_time",
        "timestamp",
        "time",
        "start",
        "start_date",
        "startdate",
        "start_time",
        "begin",
        "begin_date",
        "event_date",
        "eventdate",
        "event_time",
        "when",
        "occurred",
        "occurred_at",
    ],
    &["end", "end_date", "enddate", "end_time", "finish", "until"],
    &["title", "name", "headline"],
    &["place", "location", "name"],
    &["url", "link", "source_url", "href"],
    &["source", "sources"],
    &["id"],
    &["summary", "description"],
    &["event_type"],
    &["country"],
    &["killed", "fatalities", "deaths"],
];
/// Only these date keys may hold a number, read as epoch seconds or milliseconds: a number
/// under `date` or `start` is more likely a year or a serial day than a Unix time.
const EPOCH_KEYS: [&str; 2] = ["timestamp", "time"];
/// A property name's place in each role's list; `u8::MAX` where it plays no such role.
type KeyClass = [u8; ROLES];
/// Property names remembered with their roles; most files use the same few names in every
/// feature, so each is classified once. A file whose names never repeat stops adding here.
const MAX_CACHED_KEYS: usize = 4096;

/// chronomap's own property names: any other property is kept as an attribute.
const CHRONOMAP_KEYS: [&str; 24] = [
    "id",
    "title",
    "summary",
    "start",
    "end",
    "time_precision",
    "place",
    "country",
    "sea",
    "geo_precision",
    "event_type",
    "initiators",
    "targets",
    "supporters",
    "killed",
    "injured",
    "sources",
    "disputes",
    "origin",
    "notes",
    "url",
    "initiator_associates",
    "target_associates",
    "attributes",
];

/// Reads features one at a time into a [`DatasetWriter`].
pub(super) struct FeatureReader<'a> {
    base: Option<&'a Dataset>,
    writer: Option<DatasetWriter>,
    mode: Option<Mode>,
    /// Hashes of the ids loaded so far. 64-bit hashes of a million ids collide with a
    /// chance of about one in twenty million, and cost an eighth of keeping the ids.
    ids: HashSet<u64>,
    hasher: RandomState,
    /// The articles' text folded for quote checks, built the first time one is cited.
    folded: HashMap<SourceId, FoldedText>,
    keys: HashMap<String, KeyClass>,
    counts: Counts,
    /// Reused for every feature's attributes, so that a row costs no allocation for them.
    attributes: String,
    /// Quotes left out of the feature just read: (column, reason). The event itself loads.
    pub(super) dropped: Vec<(String, String)>,
}

impl<'a> FeatureReader<'a> {
    /// A reader whose chronomap features may cite the actors and articles of `base`.
    pub(super) fn new(base: Option<&'a Dataset>) -> Self {
        FeatureReader {
            base,
            writer: None,
            mode: None,
            ids: HashSet::new(),
            hasher: RandomState::new(),
            folded: HashMap::new(),
            keys: HashMap::new(),
            counts: Counts::default(),
            attributes: String::new(),
            dropped: Vec::new(),
        }
    }

    /// The format seen so far: plain GeoJSON until a feature has chronomap's properties.
    pub(super) fn format(&self) -> Option<Format> {
        match self.mode {
            Some(Mode::Chronomap) => Some(Format::ChronomapGeojson),
            Some(Mode::Generic) => Some(Format::Geojson),
            None => None,
        }
    }

    /// Reads one feature from its members (`type`, `id`, `geometry`, `properties`) and
    /// appends it. `row` is the feature's number, from 1, used for ids made up.
    pub(super) fn read(
        &mut self,
        row: u64,
        kind_member: Option<&Value>,
        id: Option<&Value>,
        geometry: Option<&Value>,
        properties: Option<&Value>,
    ) -> Result<(), FeatureError> {
        match kind_member {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) if text == "Feature" => {}
            Some(Value::String(text)) => {
                return Err(reject("type", format!("is \"{text}\", not \"Feature\"")));
            }
            Some(other) => {
                return Err(reject(
                    "type",
                    format!("must be \"Feature\", not {}", kind(other)),
                ));
            }
        }
        let empty = Map::new();
        let properties = match properties {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(map)) => map,
            Some(other) => {
                return Err(reject(
                    "properties",
                    format!("must be an object, not {}", kind(other)),
                ));
            }
        };
        if self.mode.is_none() && !properties.is_empty() {
            self.mode = Some(if is_chronomap(properties) {
                Mode::Chronomap
            } else {
                Mode::Generic
            });
        }
        let (position, shape) =
            read_geometry(geometry).map_err(|reason| reject("geometry", reason))?;
        match self.mode {
            Some(Mode::Chronomap) => self.chronomap(id, properties, position, shape),
            _ => self.generic(row, id, properties, position, shape),
        }
    }

    /// Counts what the report says about a loaded feature.
    fn count(&mut self, shape: Shape) {
        let counts = &mut self.counts;
        match shape {
            Shape::Missing => counts.unlocated += 1,
            Shape::Point => {}
            Shape::Line => counts.lines += 1,
            Shape::Polygon => counts.polygons += 1,
            Shape::MultiPoint => counts.multipoints += 1,
            Shape::Collection => counts.collections += 1,
        }
    }

    fn chronomap(
        &mut self,
        id_member: Option<&Value>,
        properties: &Map<String, Value>,
        position: Option<Point<f64>>,
        shape: Shape,
    ) -> Result<(), FeatureError> {
        let mut props = Properties::new(properties);
        let id = props
            .optional_text("id")
            .or_else(|| id_member.and_then(scalar_text))
            .unwrap_or_default();
        let id = id.trim();
        let title = props.optional_text("title").unwrap_or_default();
        let summary = props.optional_text("summary").unwrap_or_default();
        let start = props.optional_text("start");
        let end = props.optional_text("end");
        let time_precision = props.optional_text("time_precision");
        let place = props.optional_text("place").unwrap_or_default();
        let country = props.optional_text("country");
        let sea = props.optional_text("sea");
        let geo_precision = props.optional_text("geo_precision");
        let event_type = props.optional_text("event_type");
        let initiators = props.text_list("initiators");
        let targets = props.text_list("targets");
        let supporters = props.text_list("supporters");
        let initiator_associates = props.text_list("initiator_associates");
        let target_associates = props.text_list("target_associates");
        let killed = props.optional_number("killed");
        let injured = props.optional_number("injured");
        let citations = read_citations(&mut props);
        let disputes = read_disputes(&mut props);
        let origin = crate::io::read_origin(&props);
        let notes = props.optional_text("notes").unwrap_or_default();
        let url = props.optional_text("url").unwrap_or_default();
        let mut errors = std::mem::take(&mut props.errors);
        if id.is_empty() {
            errors.push(("id".into(), "every feature needs a non-empty id".into()));
        }
        let start = required(&mut errors, "start", start.as_deref(), DateValue::parse);
        let end = end.as_deref().and_then(|text| {
            DateValue::parse(text)
                .map_err(|e| errors.push(("end".into(), e)))
                .ok()
        });
        let time_precision = required(
            &mut errors,
            "time_precision",
            time_precision.as_deref(),
            |text| {
                time_precision_named(text).ok_or_else(|| {
                    format!("'{text}' is not one of exact, day, week, month, approximate")
                })
            },
        );
        let geo_precision = required(
            &mut errors,
            "geo_precision",
            geo_precision.as_deref(),
            |text| {
                geo_precision_named(text)
                    .ok_or_else(|| format!("'{text}' is not one of site, town, region, country"))
            },
        );
        // One of chronomap's nine types by its file name, or a type of the file's own (an
        // ACLED sub-event type written by `convert`), kept as it is.
        let event_type = required(&mut errors, "event_type", event_type.as_deref(), |text| {
            if text.trim().is_empty() {
                return Err("must not be empty".to_owned());
            }
            Ok(EventType::parse(text).map_or_else(|| text.to_owned(), |t| t.label().to_owned()))
        });
        let mut error = |field: &str, message: String| errors.push((field.to_owned(), message));
        let killed = whole_number(killed).map_err(|e| error("killed", e)).ok();
        let injured = whole_number(injured).map_err(|e| error("injured", e)).ok();
        if let (Some(start), Some(end)) = (&start, &end)
            && ends_before(start, end)
        {
            error("end", format!("ends ({end}) before it starts ({start})"));
        }
        let id_hash = self.hasher.hash_one(id);
        if !id.is_empty() && self.ids.contains(&id_hash) {
            error("id", format!("'{id}' is used by an earlier feature"));
        }
        let (
            Some(start),
            Some(precision),
            Some(geo_precision),
            Some(event_type),
            Some(killed),
            Some(injured),
        ) = (
            start,
            time_precision,
            geo_precision,
            event_type,
            killed,
            injured,
        )
        else {
            return Err(combined(errors));
        };
        if !errors.is_empty() {
            return Err(combined(errors));
        }

        let (mode, base) = (self.mode, self.base);
        let writer = self.writer.get_or_insert_with(|| new_writer(mode, base));
        let mut mentions: Vec<(ActorId, Role)> = Vec::new();
        for (keys, role) in [
            (&initiators, Role::Initiator),
            (&targets, Role::Target),
            (&supporters, Role::Supporter),
        ] {
            for key in keys {
                mentions.push((writer.actor(key)?, role));
            }
        }
        let mut associates: Vec<(ActorId, Role)> = Vec::new();
        for (keys, role) in [
            (&initiator_associates, Role::Initiator),
            (&target_associates, Role::Target),
        ] {
            for key in keys {
                associates.push((writer.actor(key)?, role));
            }
        }
        let mut quotes: Vec<(SourceId, &str)> = Vec::with_capacity(citations.len());
        for (key, quote) in &citations {
            let source = writer.source_record(key);
            // Only an article with text can be checked; a source the file names without
            // one (or one added as a record) is kept as the file gives it.
            if let Some(article) = writer.sources().get(source).filter(|s| !s.text.is_empty()) {
                let folded = self
                    .folded
                    .entry(source)
                    .or_insert_with(|| FoldedText::new(&article.text));
                if folded.find(quote).is_none() {
                    let preview: String = quote.chars().take(60).collect();
                    self.dropped.push((
                        "sources".to_owned(),
                        format!(
                            "the quote \"{preview}…\" does not occur in {key}; the event loads \
                             without it"
                        ),
                    ));
                    continue;
                }
            }
            quotes.push((source, quote));
        }
        let disputes: Vec<Dispute> = disputes
            .into_iter()
            .map(|(field, claims)| Dispute {
                field,
                claims: claims
                    .into_iter()
                    .map(|(value, sources, note)| Claim {
                        value,
                        sources: sources
                            .iter()
                            .map(|key| writer.source_record(key))
                            .collect(),
                        note,
                    })
                    .collect(),
            })
            .collect();

        self.attributes.clear();
        for (name, value) in properties {
            if !CHRONOMAP_KEYS.contains(&name.as_str()) {
                push_attribute(&mut self.attributes, name, value);
            }
        }
        // The other fields of a converted file, written by `convert` as one object.
        if let Some(Value::Object(attributes)) = properties.get("attributes") {
            for (name, value) in attributes {
                push_attribute(&mut self.attributes, name, value);
            }
        }
        let event_type = writer.event_type(&event_type);
        let country = writer.country(country.as_deref().unwrap_or(""));
        let sea = writer.sea(sea.as_deref().unwrap_or(""));
        let row = EventRow {
            id,
            title: &title,
            summary: &summary,
            place: &place,
            notes: &notes,
            url: &url,
            attributes: &self.attributes,
            time: EventTime {
                start,
                end,
                precision,
            },
            position,
            geo_precision,
            event_type,
            country,
            sea,
            killed,
            injured,
        };
        writer.push_with_associates(&row, &mentions, &associates, &quotes)?;
        writer.set_last_disputes(disputes);
        if let Some(record) = origin {
            self.add_origin(id, &record);
        }
        self.ids.insert(id_hash);
        self.count(shape);
        Ok(())
    }

    /// Checks the `origin` of the feature just pushed and records it; a bad one is reported
    /// (naming the event and the field) and left out, and the event keeps its row.
    fn add_origin(&mut self, id: &str, record: &OriginRecord) {
        let Some(writer) = self.writer.as_mut() else {
            return;
        };
        let checked = record.check();
        let mut problems = checked.as_ref().err().cloned().unwrap_or_default();
        let mut sources = Vec::with_capacity(record.sources.len());
        for citation in &record.sources {
            let source = writer.source_record(&citation.source);
            if let Some(article) = writer.sources().get(source).filter(|s| !s.text.is_empty()) {
                let folded = self
                    .folded
                    .entry(source)
                    .or_insert_with(|| FoldedText::new(&article.text));
                if folded.find(&citation.quote).is_none() {
                    let preview: String = citation.quote.chars().take(60).collect();
                    problems.push((
                        "origin.sources".to_owned(),
                        format!(
                            "the quote \"{preview}…\" does not occur in {}",
                            citation.source
                        ),
                    ));
                    continue;
                }
            }
            sources.push(Citation {
                source,
                quote: citation.quote.clone(),
            });
        }
        match checked {
            Ok((position, geo_precision)) if problems.is_empty() => {
                writer.set_last_origin(Origin {
                    place: record.place.clone(),
                    position,
                    geo_precision,
                    sources,
                    notes: record.notes.clone(),
                });
            }
            _ => {
                for (field, message) in problems {
                    self.dropped.push((
                        field,
                        format!("event '{id}': {message}; the event loads without its origin"),
                    ));
                }
            }
        }
    }

    /// The properties of `properties` that play each role, best name first.
    fn pick<'p>(
        &mut self,
        properties: &'p Map<String, Value>,
    ) -> [Option<(&'p str, &'p Value)>; ROLES] {
        let mut picked: [Option<(&str, &Value)>; ROLES] = [None; ROLES];
        let mut rank = [u8::MAX; ROLES];
        for (name, value) in properties {
            let class = match self.keys.get(name.as_str()) {
                Some(class) => *class,
                None => {
                    let class = classify(name);
                    if self.keys.len() < MAX_CACHED_KEYS {
                        self.keys.insert(name.clone(), class);
                    }
                    class
                }
            };
            for role in 0..ROLES {
                if class[role] < rank[role] {
                    rank[role] = class[role];
                    picked[role] = Some((name.as_str(), value));
                }
            }
        }
        picked
    }

    fn generic(
        &mut self,
        row: u64,
        id_member: Option<&Value>,
        properties: &Map<String, Value>,
        position: Option<Point<f64>>,
        shape: Shape,
    ) -> Result<(), FeatureError> {
        let picked = self.pick(properties);
        // The names whose values were used; every other property becomes an attribute.
        let mut used: Vec<&str> = Vec::with_capacity(8);

        let Some((date_key, date_value)) = picked[DATE] else {
            return Err(reject(
                "properties",
                "has no date (a date, time, timestamp or start property)",
            ));
        };
        let (start, mut naive) =
            date_property(date_key, date_value).map_err(|reason| reject(date_key, reason))?;
        used.push(date_key);
        let mut end = None;
        if let Some((end_key, end_value)) = picked[END]
            && !is_blank(end_value)
        {
            let (value, end_naive) =
                date_property(end_key, end_value).map_err(|reason| reject(end_key, reason))?;
            if ends_before(&start, &value) {
                return Err(reject(
                    end_key,
                    format!("ends ({value}) before it starts ({start})"),
                ));
            }
            naive |= end_naive;
            end = Some(value);
            used.push(end_key);
        }
        let precision = match start {
            DateValue::Day(_) => TimePrecision::Day,
            DateValue::Instant { .. } => TimePrecision::Exact,
        };

        let mut renamed = false;
        let id = match id_member.and_then(scalar_text) {
            Some(id) if !id.trim().is_empty() => id,
            _ => text_in(&picked, ID, &mut used).unwrap_or_else(|| format!("feature-{row}")),
        };
        let mut id_hash = self.hasher.hash_one(id.as_str());
        let id = if self.ids.contains(&id_hash) {
            // Files from elsewhere repeat ids (one per part of a multi-part place); the
            // event is kept under an id of its own, so that looking it up finds it.
            renamed = true;
            let unique = format!("{id}#{row}");
            id_hash = self.hasher.hash_one(unique.as_str());
            unique
        } else {
            id
        };
        let title = text_in(&picked, TITLE, &mut used).unwrap_or_default();
        let place = text_in(&picked, PLACE, &mut used).unwrap_or_default();
        let summary = text_in(&picked, SUMMARY, &mut used).unwrap_or_default();
        let event_type = text_in(&picked, TYPE, &mut used);
        let country = text_in(&picked, COUNTRY, &mut used);
        let url = text_in(&picked, URL, &mut used).unwrap_or_default();
        let killed = picked[KILLED].and_then(|(name, value)| {
            let count = whole_number(value.as_f64()).ok().flatten()?;
            used.push(name);
            Some(count)
        });
        let mut source_names: Vec<String> = Vec::new();
        if let Some((name, value)) = picked[SOURCE] {
            match value {
                Value::String(text) if !text.trim().is_empty() => {
                    source_names.push(text.trim().to_owned());
                    used.push(name);
                }
                Value::Array(items) if items.iter().all(Value::is_string) => {
                    source_names.extend(
                        items
                            .iter()
                            .filter_map(Value::as_str)
                            .map(str::trim)
                            .filter(|text| !text.is_empty())
                            .map(str::to_owned),
                    );
                    used.push(name);
                }
                _ => {}
            }
        }
        if let Some(host) = url_host(&url) {
            source_names.push(host.to_owned());
        }

        self.attributes.clear();
        for (name, value) in properties {
            if !used.contains(&name.as_str()) {
                push_attribute(&mut self.attributes, name, value);
            }
        }
        let (mode, base) = (self.mode, self.base);
        let writer = self.writer.get_or_insert_with(|| new_writer(mode, base));
        let mut citations: Vec<(SourceId, &str)> = Vec::with_capacity(source_names.len());
        for name in &source_names {
            let source = writer.source_record(name);
            if !citations.iter().any(|(known, _)| *known == source) {
                // A record gives no words to quote: the citation names the source only.
                citations.push((source, ""));
            }
        }
        let event_type = event_type.map_or(0, |name| writer.event_type(name.trim()));
        let country = country.map_or(0, |name| writer.country(name.trim()));
        let row = EventRow {
            id: &id,
            title: &title,
            summary: &summary,
            place: &place,
            notes: "",
            url: &url,
            attributes: &self.attributes,
            time: EventTime {
                start,
                end,
                precision,
            },
            position,
            geo_precision: match shape {
                Shape::Point | Shape::Missing => GeoPrecision::Site,
                // A centroid stands for a whole line or area.
                _ => GeoPrecision::Region,
            },
            event_type,
            country,
            sea: 0,
            killed,
            injured: None,
        };
        writer.push(&row, &[], &citations)?;
        self.ids.insert(id_hash);
        self.count(shape);
        let counts = &mut self.counts;
        counts.naive_times += u64::from(naive);
        counts.renamed_ids += u64::from(renamed);
        Ok(())
    }

    /// The dataset read, with the report's notes on what was changed to load it.
    pub(super) fn finish(self, report: &mut ImportReport) -> Dataset {
        let counts = self.counts;
        let plural = |n: u64, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        if counts.unlocated > 0 {
            report.notes.push(if counts.unlocated == 1 {
                "1 feature has no geometry and is kept without a place".to_owned()
            } else {
                format!(
                    "{} features have no geometry and are kept without a place",
                    counts.unlocated
                )
            });
        }
        let reduced: Vec<String> = [
            (counts.lines, "line", "lines"),
            (counts.polygons, "polygon", "polygons"),
            (counts.multipoints, "multi-point", "multi-points"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
        if !reduced.is_empty() {
            let total = counts.lines + counts.polygons + counts.multipoints;
            let list = match reduced.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => reduced.join(""),
            };
            report.notes.push(if total == 1 {
                format!("{list} was reduced to its centroid")
            } else {
                format!("{list} were reduced to their centroid")
            });
        }
        if counts.collections > 0 {
            report.notes.push(format!(
                "{} reduced to their first point, or their centroid when they hold none",
                plural(
                    counts.collections,
                    "geometry collection was",
                    "geometry collections were"
                )
            ));
        }
        if counts.naive_times > 0 {
            report.notes.push(format!(
                "{} no time zone and {} read as UTC",
                plural(
                    counts.naive_times,
                    "feature has a date-time with",
                    "features have date-times with"
                ),
                if counts.naive_times == 1 {
                    "was"
                } else {
                    "were"
                }
            ));
        }
        if counts.renamed_ids > 0 {
            report.notes.push(format!(
                "{} an id already used by an earlier feature, so #<feature number> was added \
                 to {}",
                plural(counts.renamed_ids, "feature had", "features had"),
                if counts.renamed_ids == 1 {
                    "it"
                } else {
                    "them"
                }
            ));
        }
        let (mode, base) = (self.mode, self.base);
        self.writer
            .unwrap_or_else(|| new_writer(mode, base))
            .finish()
    }
}

/// A writer for `mode`: chronomap's starts from the nine built-in types and from the
/// actors and articles of `base`, which its files cite by id.
fn new_writer(mode: Option<Mode>, base: Option<&Dataset>) -> DatasetWriter {
    match mode {
        Some(Mode::Chronomap) => {
            let mut writer = DatasetWriter::with_builtin_types();
            if let Some(base) = base {
                // Cloned whole, so the actors keep their colours and parents, and ids match.
                *writer.actors_mut() = base.actors().clone();
                *writer.sources_mut() = base.sources().clone();
            }
            writer
        }
        _ => DatasetWriter::new(),
    }
}

/// One rejection for all of a feature's problems, at the first property at fault.
fn combined(errors: Vec<(String, String)>) -> FeatureError {
    let column = errors
        .first()
        .map_or_else(|| "properties".to_owned(), |(field, _)| field.clone());
    let reason = errors
        .iter()
        .enumerate()
        .map(|(i, (field, message))| {
            if i == 0 {
                message.clone()
            } else {
                format!("{field}: {message}")
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    FeatureError::Rejected {
        column,
        reason: if reason.is_empty() {
            "could not be read".to_owned()
        } else {
            reason
        },
    }
}

/// The value of a property every chronomap feature must have, read by `parse`; a missing
/// or unreadable one is added to `errors`.
fn required<T>(
    errors: &mut Vec<(String, String)>,
    field: &str,
    text: Option<&str>,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Option<T> {
    let Some(text) = text else {
        errors.push((field.to_owned(), "is missing".to_owned()));
        return None;
    };
    parse(text)
        .map_err(|message| errors.push((field.to_owned(), message)))
        .ok()
}

/// `sources`: (source id, quote) pairs; problems go to `props.errors`.
fn read_citations(props: &mut Properties<'_>) -> Vec<(String, String)> {
    let objects = props.object_list("sources");
    let mut citations = Vec::with_capacity(objects.len());
    for object in objects {
        let mut citation = Properties::new(object);
        let source = citation.text("source");
        let quote = citation.text("quote");
        if citation.errors.is_empty() {
            citations.push((source, quote));
        }
        for (field, message) in citation.errors {
            props
                .errors
                .push(("sources".into(), format!("{field} {message}")));
        }
    }
    citations
}

/// A dispute as read: the field and its claims (value, source ids, note).
type DisputeParts = (String, Vec<(String, Vec<String>, Option<String>)>);

/// `disputes`; problems go to `props.errors`.
fn read_disputes(props: &mut Properties<'_>) -> Vec<DisputeParts> {
    let objects = props.object_list("disputes");
    let mut disputes = Vec::with_capacity(objects.len());
    for object in objects {
        let mut dispute = Properties::new(object);
        let field = dispute.text("field");
        let claims = dispute
            .object_list("claims")
            .into_iter()
            .map(|claim_object| {
                let mut claim = Properties::new(claim_object);
                let parts = (
                    claim.text_or_number("value"),
                    claim.text_list("sources"),
                    claim.optional_text("note"),
                );
                dispute.errors.append(&mut claim.errors);
                parts
            })
            .collect();
        for (inner, message) in dispute.errors {
            props
                .errors
                .push(("disputes".into(), format!("{inner} {message}")));
        }
        disputes.push((field, claims));
    }
    disputes
}

fn time_precision_named(name: &str) -> Option<TimePrecision> {
    [
        TimePrecision::Exact,
        TimePrecision::Day,
        TimePrecision::Week,
        TimePrecision::Month,
        TimePrecision::Approximate,
    ]
    .into_iter()
    .find(|precision| precision.as_str() == name)
}

fn geo_precision_named(name: &str) -> Option<GeoPrecision> {
    [
        GeoPrecision::Site,
        GeoPrecision::Town,
        GeoPrecision::Region,
        GeoPrecision::Country,
    ]
    .into_iter()
    .find(|precision| precision.as_str() == name)
}

/// Whether `end` lies before `start`. A day that ends just as the start begins (the day
/// before it) is before it; an instant equal to the start is not.
fn ends_before(start: &DateValue, end: &DateValue) -> bool {
    match end {
        DateValue::Day(_) => end.end() <= start.start(),
        DateValue::Instant { .. } => end.end() < start.start(),
    }
}

/// A count of people: absent, or a whole number that fits.
fn whole_number(value: Option<f64>) -> Result<Option<u32>, String> {
    match value {
        None => Ok(None),
        Some(value) if value.fract() == 0.0 && (0.0..f64::from(u32::MAX)).contains(&value) => {
            Ok(Some(value as u32))
        }
        Some(value) => Err(format!("{value} is not a whole number of people")),
    }
}

/// A string or number as text (ids may be either).
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// The text of the property picked for `role`, if it is non-empty text or a number; its
/// name is then marked as used.
fn text_in<'p>(
    picked: &[Option<(&'p str, &'p Value)>; ROLES],
    role: usize,
    used: &mut Vec<&'p str>,
) -> Option<String> {
    let (name, value) = picked[role]?;
    let text = scalar_text(value).filter(|text| !text.trim().is_empty())?;
    used.push(name);
    Some(text)
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

fn classify(name: &str) -> KeyClass {
    let mut class = [u8::MAX; ROLES];
    for (role, names) in ROLE_NAMES.iter().enumerate() {
        if let Some(rank) = names
            .iter()
            .position(|known| name.eq_ignore_ascii_case(known))
        {
            class[role] = rank as u8;
        }
    }
    class
}

/// Appends `name\u{1f}value\u{1e}`: text as it is, numbers and true/false as written,
/// lists and objects as compact JSON; nulls are left out. The two separators are replaced
/// in names and values, so that a value cannot split the list.
fn push_attribute(out: &mut String, name: &str, value: &Value) {
    let rendered;
    let text = match value {
        Value::Null => return,
        Value::String(text) => text.as_str(),
        Value::Bool(flag) => {
            if *flag {
                "true"
            } else {
                "false"
            }
        }
        // `Value`'s Display is compact JSON (and a number's digits).
        other => {
            rendered = other.to_string();
            rendered.as_str()
        }
    };
    let push_clean = |out: &mut String, text: &str| {
        if text.contains(['\u{1e}', '\u{1f}']) {
            out.extend(text.chars().map(|c| match c {
                '\u{1e}' | '\u{1f}' => ' ',
                c => c,
            }));
        } else {
            out.push_str(text);
        }
    };
    push_clean(out, name);
    out.push('\u{1f}');
    push_clean(out, text);
    out.push('\u{1e}');
}

/// The host of a web address, without `www.`, user or port: the source an address cites.
pub(super) fn url_host(url: &str) -> Option<&str> {
    let url = url.trim();
    let rest = match url.find("://") {
        Some(at) => &url[at + 3..],
        None if url.starts_with("www.") => url,
        None => return None,
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    // A port follows the last colon; an IPv6 address in brackets keeps its own colons.
    let host = match host.strip_prefix('[') {
        Some(inner) => inner.split(']').next().unwrap_or(inner),
        None => host.split(':').next().unwrap_or(host),
    };
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// The date of a generic date property: text in one of the forms [`parse_date_text`]
/// reads, or, under `timestamp` or `time`, a Unix time. Returns whether a date-time had no
/// offset and was read as UTC.
pub(super) fn date_property(key: &str, value: &Value) -> Result<(DateValue, bool), String> {
    let epoch_key = EPOCH_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k));
    match value {
        Value::String(text) => {
            let trimmed = text.trim();
            if epoch_key
                && !trimmed.is_empty()
                && trimmed
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
                && let Ok(number) = trimmed.parse::<f64>()
            {
                return parse_epoch(number).map(|date| (date, false));
            }
            parse_date_text(text)
        }
        Value::Number(number) if epoch_key => number
            .as_f64()
            .ok_or_else(|| format!("{number} is not a Unix time"))
            .and_then(parse_epoch)
            .map(|date| (date, false)),
        Value::Number(number) => Err(format!(
            "{number} is a number, not a date like 2024-01-20 (only a timestamp or time \
             property may hold a Unix time)"
        )),
        Value::Null => Err("is empty".to_owned()),
        other => Err(format!(
            "must be a date like 2024-01-20, not {}",
            kind(other)
        )),
    }
}

/// A Unix time in seconds, or in milliseconds when it is too large to be seconds (10¹¹
/// seconds is the year 5138; 10¹¹ milliseconds is 1973).
pub(super) fn parse_epoch(number: f64) -> Result<DateValue, String> {
    if !number.is_finite() {
        return Err(format!("{number} is not a Unix time"));
    }
    let millis = if number.abs() >= 1e11 {
        number
    } else {
        number * 1000.0
    };
    let millis = millis.round();
    if millis.abs() > 1e17 {
        return Err(format!("{number} is too far from 1970 to be a Unix time"));
    }
    let timestamp = Timestamp::from_millisecond(millis as i64)
        .map_err(|err| format!("{number} is not a Unix time: {err}"))?;
    Ok(DateValue::Instant {
        timestamp,
        local: timestamp.to_zoned(TimeZone::UTC).datetime(),
    })
}

/// Reads `2024-01-20` (a calendar day, never moved by a time zone), `2024-01-20T14:30:00Z`
/// or with an offset, `2024-01-20 14:30` (a space for the `T`), a date-time without an
/// offset (read as UTC; the flag returned says so), `2024/01/20`, and `20 January 2024`,
/// `Jan 20, 2024` or `Saturday 20 January 2024`. Impossible values (month 13, day 0, hour
/// 25, 30 February) are errors, never rolled over.
pub(super) fn parse_date_text(text: &str) -> Result<(DateValue, bool), String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("is empty".to_owned());
    }
    let bytes = text.as_bytes();
    let iso = bytes.len() >= 10 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-';
    if iso {
        let spaced;
        let text = if bytes.len() > 10 && (bytes[10] == b' ' || bytes[10] == b't') {
            spaced = format!("{}T{}", &text[..10], text[11..].trim_start());
            spaced.as_str()
        } else {
            text
        };
        return match DateValue::parse(text) {
            Ok(value) => Ok((value, false)),
            Err(err) if text.contains('T') && !has_offset(text) => {
                let local: civil::DateTime = text.parse().map_err(|_| err)?;
                let timestamp = local
                    .to_zoned(TimeZone::UTC)
                    .map_err(|e| format!("'{text}': {e}"))?
                    .timestamp();
                Ok((DateValue::Instant { timestamp, local }, true))
            }
            Err(err) => Err(err),
        };
    }
    let slashed = bytes.len() == 10
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'/'
        && bytes[7] == b'/';
    if slashed {
        let number = |range: std::ops::Range<usize>| text[range].parse::<i8>().ok();
        if let (Ok(year), Some(month), Some(day)) =
            (text[..4].parse::<i16>(), number(5..7), number(8..10))
        {
            return civil::Date::new(year, month, day)
                .map(|date| (DateValue::Day(date), false))
                .map_err(|err| format!("'{text}' is not a date: {err}"));
        }
    }
    match written_date(text) {
        Some(Ok(date)) => Ok((DateValue::Day(date), false)),
        Some(Err(err)) => Err(err),
        None => Err(format!(
            "'{text}' is not a date like 2024-01-20, 2024-01-20T14:30:00Z or 20 January 2024"
        )),
    }
}

/// Whether the time part of an ISO date-time ends in `Z` or gives an offset.
fn has_offset(text: &str) -> bool {
    let time = text.find(['T', 't']).map_or("", |at| &text[at + 1..]);
    time.ends_with(['Z', 'z']) || time.contains(['+', '-', '['])
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month named by a full English name or its first three letters (and `Sept`).
fn month_named(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    super::fields::MONTHS
        .iter()
        .position(|month| *month == word || (word.len() <= 4 && month.starts_with(&word)))
        .map(|index| index as i8 + 1)
}

/// `20 January 2024`, `20th Jan 2024`, `January 20, 2024`, with an optional weekday first.
/// `None` when the text is not of that shape; an error when it is but names no real day.
fn written_date(text: &str) -> Option<Result<civil::Date, String>> {
    let mut words: Vec<&str> = text
        .split([' ', ',', '\t'])
        .filter(|word| !word.is_empty())
        .collect();
    if words.len() == 4 {
        let first = words[0].trim_end_matches('.').to_ascii_lowercase();
        if first.len() >= 3 && WEEKDAYS.iter().any(|day| day.starts_with(&first)) {
            words.remove(0);
        }
    }
    let [a, b, year] = words[..] else {
        return None;
    };
    let day_number = |word: &str| {
        let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        digits.parse::<i8>().ok()
    };
    let (day, month) = match (day_number(a), month_named(a)) {
        (Some(day), _) => (day, month_named(b)?),
        (None, Some(month)) => (day_number(b)?, month),
        (None, None) => return None,
    };
    if year.len() != 4 {
        return None;
    }
    let year: i16 = year.parse().ok()?;
    Some(civil::Date::new(year, month, day).map_err(|err| format!("'{text}' is not a date: {err}")))
}

/// Where a feature is: its point, or the representative point of another geometry, and
/// what the geometry was. `Ok((None, Shape::Missing))` for a null, missing or empty one.
pub(super) fn read_geometry(
    geometry: Option<&Value>,
) -> Result<(Option<Point<f64>>, Shape), String> {
    let object = match geometry {
        None | Some(Value::Null) => return Ok((None, Shape::Missing)),
        Some(Value::Object(object)) => object,
        Some(other) => {
            return Err(format!(
                "must be a GeoJSON geometry object, not {}",
                kind(other)
            ));
        }
    };
    let Some(geometry) = to_geo(object)? else {
        return Ok((None, Shape::Missing));
    };
    let (point, shape) = match &geometry {
        Geometry::Point(point) => (Some(*point), Shape::Point),
        Geometry::LineString(_) | Geometry::MultiLineString(_) => {
            (geometry.centroid(), Shape::Line)
        }
        Geometry::Polygon(_) | Geometry::MultiPolygon(_) => (geometry.centroid(), Shape::Polygon),
        Geometry::MultiPoint(_) => (geometry.centroid(), Shape::MultiPoint),
        Geometry::GeometryCollection(collection) => (
            first_point(collection).or_else(|| geometry.centroid()),
            Shape::Collection,
        ),
        _ => (geometry.centroid(), Shape::Polygon),
    };
    // Every vertex was checked, so a centroid is in range; a degenerate one (no length, no
    // area) may still be missing.
    match point.filter(|p| p.x().is_finite() && p.y().is_finite()) {
        Some(point) => Ok((Some(point), shape)),
        None => Ok((None, Shape::Missing)),
    }
}

fn first_point(collection: &GeometryCollection<f64>) -> Option<Point<f64>> {
    collection.iter().find_map(|member| match member {
        Geometry::Point(point) => Some(*point),
        Geometry::GeometryCollection(inner) => first_point(inner),
        _ => None,
    })
}

/// A GeoJSON geometry object as a `geo` geometry; `None` when it is empty. Collections
/// nest no deeper than the JSON parser's recursion limit allows, so recursing is safe.
fn to_geo(object: &Map<String, Value>) -> Result<Option<Geometry<f64>>, String> {
    let kind_name = match object.get("type") {
        Some(Value::String(name)) => name.as_str(),
        Some(other) => return Err(format!("its \"type\" must be text, not {}", kind(other))),
        None => return Err("has no \"type\"".to_owned()),
    };
    if kind_name == "GeometryCollection" {
        let members = match object.get("geometries") {
            Some(Value::Array(members)) => members,
            Some(Value::Null) | None => return Ok(None),
            Some(other) => {
                return Err(format!(
                    "\"geometries\" must be a list, not {}",
                    kind(other)
                ));
            }
        };
        let mut collection = Vec::with_capacity(members.len());
        for member in members {
            let Value::Object(member) = member else {
                return Err(format!(
                    "a GeometryCollection holds {}, not a geometry",
                    kind(member)
                ));
            };
            collection.extend(to_geo(member)?);
        }
        return Ok((!collection.is_empty())
            .then(|| Geometry::GeometryCollection(GeometryCollection::from(collection))));
    }
    let coordinates = match object.get("coordinates") {
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err(format!(
                "its \"coordinates\" must be a list, not {}",
                kind(other)
            ));
        }
        None => return Err("has no \"coordinates\"".to_owned()),
    };
    if coordinates.is_empty() {
        return Ok(None);
    }
    let geometry = match kind_name {
        "Point" => Geometry::Point(Point::from(position(coordinates)?)),
        "MultiPoint" => Geometry::MultiPoint(MultiPoint::new(
            positions(coordinates)?
                .into_iter()
                .map(Point::from)
                .collect(),
        )),
        "LineString" => Geometry::LineString(LineString::new(positions(coordinates)?)),
        "MultiLineString" => Geometry::MultiLineString(MultiLineString::new(
            lists(coordinates)?
                .into_iter()
                .map(|line| positions(line).map(LineString::new))
                .collect::<Result<Vec<_>, _>>()?,
        )),
        "Polygon" => Geometry::Polygon(polygon(coordinates)?),
        "MultiPolygon" => Geometry::MultiPolygon(MultiPolygon::new(
            lists(coordinates)?
                .into_iter()
                .map(polygon)
                .collect::<Result<Vec<_>, _>>()?,
        )),
        other => return Err(format!("'{other}' is not a GeoJSON geometry type")),
    };
    Ok(Some(geometry))
}

/// A position `[longitude, latitude]` or `[longitude, latitude, altitude]` (the altitude
/// is not used), checked to lie on the globe.
fn position(items: &[Value]) -> Result<Coord<f64>, String> {
    let (Some(lon), Some(lat)) = (
        items.first().and_then(Value::as_f64),
        items.get(1).and_then(Value::as_f64),
    ) else {
        return Err("a position needs a longitude and a latitude, as numbers".to_owned());
    };
    if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
        return Err(format!("longitude {lon} is outside -180..180"));
    }
    if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
        return Err(format!("latitude {lat} is outside -90..90"));
    }
    Ok(Coord { x: lon, y: lat })
}

fn lists(items: &[Value]) -> Result<Vec<&[Value]>, String> {
    items
        .iter()
        .map(|item| match item {
            Value::Array(inner) => Ok(inner.as_slice()),
            other => Err(format!(
                "coordinates must be nested lists, not {}",
                kind(other)
            )),
        })
        .collect()
}

fn positions(items: &[Value]) -> Result<Vec<Coord<f64>>, String> {
    lists(items)?.into_iter().map(position).collect()
}

fn polygon(rings: &[Value]) -> Result<Polygon<f64>, String> {
    let mut rings = lists(rings)?
        .into_iter()
        .map(|ring| positions(ring).map(LineString::new))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter();
    let exterior = rings.next().unwrap_or_else(|| LineString::new(Vec::new()));
    Ok(Polygon::new(exterior, rings.collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> civil::Date {
        match parse_date_text(text) {
            Ok((DateValue::Day(date), false)) => date,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn dates_in_common_forms_are_calendar_days() {
        assert_eq!(day("2024-01-20"), civil::date(2024, 1, 20));
        assert_eq!(day(" 2024/01/20 "), civil::date(2024, 1, 20));
        assert_eq!(day("20 January 2024"), civil::date(2024, 1, 20));
        assert_eq!(day("20th Jan 2024"), civil::date(2024, 1, 20));
        assert_eq!(day("January 20, 2024"), civil::date(2024, 1, 20));
        assert_eq!(day("Sat, 20 Jan 2024"), civil::date(2024, 1, 20));
        assert_eq!(day("1 Sept 2023"), civil::date(2023, 9, 1));
        // A day sits at 00:00 of its own date on the axis, whatever the time zone.
        let (value, _) = parse_date_text("2024-01-20").expect("a date");
        assert_eq!(value.start().to_string(), "2024-01-20");
    }

    #[test]
    fn impossible_dates_are_errors_not_rolled_over() {
        for text in [
            "2024-13-01",
            "2024-01-00",
            "2024-02-30",
            "2024-01-20T25:00:00Z",
            "2024-01-20T10:61:00+03:00",
            "2024/13/01",
            "32 January 2024",
            "0 January 2024",
            "30 February 2023",
            "20 Janvier 2024",
            "yesterday",
            "",
        ] {
            assert!(parse_date_text(text).is_err(), "{text} should be an error");
        }
    }

    #[test]
    fn date_times_keep_their_offset_and_naive_ones_are_read_as_utc() {
        let (value, naive) = parse_date_text("2024-01-24T02:30:00+03:00").expect("valid");
        assert!(!naive);
        assert_eq!(value.start().to_string(), "2024-01-23 23:30");
        let (value, naive) = parse_date_text("2024-01-24 02:30:00Z").expect("valid");
        assert!(!naive);
        assert_eq!(value.start().to_string(), "2024-01-24 02:30");
        let (value, naive) = parse_date_text("2024-01-24T02:30").expect("valid");
        assert!(naive, "no offset");
        assert_eq!(value.start().to_string(), "2024-01-24 02:30");
    }

    #[test]
    fn unix_times_are_read_only_under_timestamp_or_time() {
        let seconds = serde_json::json!(1_705_708_800);
        let (value, _) = date_property("Timestamp", &seconds).expect("seconds");
        assert_eq!(value.start().to_string(), "2024-01-20");
        let millis = serde_json::json!(1_705_708_800_000_i64);
        let (value, _) = date_property("time", &millis).expect("milliseconds");
        assert_eq!(value.start().to_string(), "2024-01-20");
        let (value, _) = date_property("time", &serde_json::json!("1705708800")).expect("text");
        assert_eq!(value.start().to_string(), "2024-01-20");
        assert!(date_property("date", &seconds).is_err());
        assert!(date_property("date", &serde_json::json!(true)).is_err());
    }

    #[test]
    fn geometries_reduce_to_a_point_and_bad_coordinates_are_errors() {
        let read = |json: serde_json::Value| read_geometry(Some(&json));
        let (point, shape) =
            read(serde_json::json!({"type": "Point", "coordinates": [44.0, 33.0, 120.0]}))
                .expect("valid");
        assert_eq!((point, shape), (Some(Point::new(44.0, 33.0)), Shape::Point));
        let (point, shape) = read(serde_json::json!({"type": "Polygon",
            "coordinates": [[[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0], [0.0, 0.0]]]}))
        .expect("valid");
        assert_eq!((point, shape), (Some(Point::new(1.0, 1.0)), Shape::Polygon));
        let (point, shape) = read(serde_json::json!({"type": "LineString",
            "coordinates": [[10.0, 10.0], [12.0, 10.0]]}))
        .expect("valid");
        assert_eq!((point, shape), (Some(Point::new(11.0, 10.0)), Shape::Line));
        let (point, shape) = read(
            serde_json::json!({"type": "GeometryCollection", "geometries": [
            {"type": "LineString", "coordinates": [[0.0, 0.0], [1.0, 1.0]]},
            {"type": "Point", "coordinates": [5.0, 6.0]}]}),
        )
        .expect("valid");
        assert_eq!(
            (point, shape),
            (Some(Point::new(5.0, 6.0)), Shape::Collection)
        );
        assert_eq!(
            read(serde_json::json!({"type": "Point", "coordinates": []})).expect("empty"),
            (None, Shape::Missing)
        );
        for bad in [
            serde_json::json!({"type": "Point", "coordinates": [200.0, 10.0]}),
            serde_json::json!({"type": "Point", "coordinates": [10.0, 95.0]}),
            serde_json::json!({"type": "Point", "coordinates": ["10", "20"]}),
            serde_json::json!({"type": "Point", "coordinates": [10.0]}),
            serde_json::json!({"type": "LineString", "coordinates": [[0.0, 0.0], [0.0, -91.0]]}),
            serde_json::json!({"type": "Circle", "coordinates": [0.0, 0.0]}),
            serde_json::json!({"coordinates": [0.0, 0.0]}),
            serde_json::json!("POINT (0 0)"),
        ] {
            assert!(read(bad.clone()).is_err(), "{bad}");
        }
    }

    #[test]
    fn hosts_are_taken_from_addresses() {
        assert_eq!(url_host("https://www.bbc.co.uk/news/1"), Some("bbc.co.uk"));
        assert_eq!(
            url_host("http://user@example.org:8080?q"),
            Some("example.org")
        );
        assert_eq!(url_host("www.reuters.com/world"), Some("reuters.com"));
        assert_eq!(url_host("not a link"), None);
        assert_eq!(url_host("https://"), None);
    }
}
