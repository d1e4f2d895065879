//! Importing GeoJSON: chronomap's own events file, or any FeatureCollection (or single
//! Feature) of points, read as a stream.
//!
//! The file is never held as one JSON tree. A serde visitor walks the top-level object;
//! its `features` list is visited one element at a time, and each feature is parsed into a
//! small `serde_json::Value`, turned into a row of a [`DatasetWriter`] and dropped, so a
//! million features cost the store and one feature's tree. The other members may come in
//! any order (`type` after `features`), and `crs` (from the 2008 specification), `bbox`
//! and foreign members are skipped without being built. serde_json's recursion limit stays
//! on, so a file nested 100,000 levels deep is an error, not a stack overflow.
//!
//! The first feature with properties decides the schema: chronomap's (`start`,
//! `event_type` and a precision) or a generic one (see `geojson_feature`).
//!
//! [`DatasetWriter`]: crate::model::DatasetWriter

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::geojson_feature::{FeatureError, FeatureReader};
use super::report::{Format, ImportReport, Imported, Progress};
use crate::io::properties::kind;
use crate::model::Dataset;

/// How often progress is reported and cancellation checked, in features.
const PROGRESS_EVERY: u64 = 1000;

/// Imports a GeoJSON file (see the module docs). Never panics on any input: a file that
/// cannot be read gives a report with an `error` and an empty dataset.
pub fn import_geojson(file: &str, bytes: &[u8], progress: &Progress) -> Imported {
    import_geojson_with(file, bytes, progress, None)
}

/// Imports a GeoJSON file whose chronomap features may cite the actors and articles of
/// `base` (the built-in dataset): those are copied into the new dataset first, so its
/// events keep their actors' colours and parents, and quotes from an article with text are
/// checked against it (a quote it does not contain is left out and reported).
///
/// Rejected features name their number as `row` (from 1) and, in `line`, the line of the
/// file where they start; that line is found by a scan of the bytes that runs only as far
/// as the last rejected feature, and is 0 when it cannot be found.
pub fn import_geojson_with(
    file: &str,
    bytes: &[u8],
    progress: &Progress,
    base: Option<&Dataset>,
) -> Imported {
    // A byte-order mark is not JSON, but Windows editors write one.
    let json = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut stream = Stream {
        progress,
        reader: FeatureReader::new(base),
        report: ImportReport::new(file),
        lines: LineFinder::new(json),
        features: 0,
        single: false,
        fatal: None,
        cancelled: false,
        full: false,
    };
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let members = Root {
        stream: &mut stream,
    }
    .deserialize(&mut deserializer)
    .and_then(|members| deserializer.end().map(|()| members));
    stream.finish(members)
}

/// The state of one import while the parser walks the file.
struct Stream<'a> {
    progress: &'a Progress,
    reader: FeatureReader<'a>,
    report: ImportReport,
    lines: LineFinder<'a>,
    /// Features met so far (each element of `features`, whatever it holds).
    features: u64,
    /// Whether the file is one top-level Feature.
    single: bool,
    /// Why the file is not GeoJSON that can be read, when it is valid JSON.
    fatal: Option<String>,
    cancelled: bool,
    /// Whether the store filled up (then `fatal` says so).
    full: bool,
}

/// The members of the top-level object that are kept until its end: those a single
/// Feature needs, and its `type`. `features` is not kept: it is read as it comes.
#[derive(Default)]
struct RootMembers {
    kind: Option<Value>,
    has_features: bool,
    id: Option<Value>,
    geometry: Option<Value>,
    properties: Option<Value>,
}

/// A stand-in error that stops the parser; the real reason is in the [`Stream`].
fn stop<E: de::Error>() -> E {
    E::custom("import stopped")
}

impl Stream<'_> {
    fn not_geojson<E: de::Error>(&mut self, holds: &str) -> E {
        self.fatal = Some(format!(
            "not GeoJSON: the file holds {holds}, not a FeatureCollection or a Feature"
        ));
        stop()
    }

    /// Reads one element of `features`; false when the import must stop.
    fn feature(&mut self, value: Value) -> bool {
        self.features += 1;
        let row = self.features;
        let result = match value {
            Value::Object(mut object) => {
                let kind_member = object.remove("type");
                let id = object.remove("id");
                let geometry = object.remove("geometry");
                let properties = object.remove("properties");
                self.reader.read(
                    row,
                    kind_member.as_ref(),
                    id.as_ref(),
                    geometry.as_ref(),
                    properties.as_ref(),
                )
            }
            other => Err(FeatureError::Rejected {
                column: "feature".to_owned(),
                reason: format!("must be an object, not {}", kind(&other)),
            }),
        };
        let mut dropped = std::mem::take(&mut self.reader.dropped);
        if !dropped.is_empty() {
            let line = self.line(row);
            for (column, reason) in dropped.drain(..) {
                self.report.reject(row, line, Some(&column), reason);
            }
        }
        // Hand the buffer back so that its capacity is reused.
        self.reader.dropped = dropped;
        match result {
            Ok(()) => {}
            Err(FeatureError::Rejected { column, reason }) => {
                let line = self.line(row);
                self.report.reject(row, line, Some(&column), reason);
            }
            Err(FeatureError::Full(full)) => {
                self.fatal = Some(format!(
                    "too large for the event store at feature {row}: {full}"
                ));
                self.full = true;
                return false;
            }
        }
        if row.is_multiple_of(PROGRESS_EVERY) {
            self.progress.advance(0, PROGRESS_EVERY);
            if self.progress.is_cancelled() {
                self.cancelled = true;
                return false;
            }
        }
        true
    }

    fn line(&mut self, row: u64) -> u64 {
        if self.single {
            self.lines.root_line()
        } else {
            self.lines.feature_line(row)
        }
    }

    fn finish(mut self, members: Result<RootMembers, serde_json::Error>) -> Imported {
        self.progress.advance(0, self.features % PROGRESS_EVERY);
        let file = self.report.file.clone();
        let members = match members {
            Ok(members) => members,
            // A cancelled import keeps what it read, and says it stopped.
            Err(_) if self.cancelled => return self.loaded(),
            Err(_) if self.fatal.is_some() => {
                let format = if self.full {
                    self.reader.format()
                } else {
                    None
                };
                return failed(&file, format, self.fatal.unwrap_or_default());
            }
            Err(err) => return failed(&file, self.reader.format(), json_error(&err)),
        };
        let kind = members.kind.as_ref();
        let kind_name = kind.and_then(Value::as_str);
        if members.has_features {
            match kind {
                Some(Value::String(name)) if name == "FeatureCollection" => {}
                None => self.report.notes.push(
                    "the file has no \"type\"; it was read as a FeatureCollection".to_owned(),
                ),
                Some(other) => {
                    let shown = kind_name.map_or_else(|| other.to_string(), str::to_owned);
                    return failed(
                        &file,
                        None,
                        format!(
                            "not a GeoJSON FeatureCollection: it has \"features\" but its \
                             \"type\" is {shown}"
                        ),
                    );
                }
            }
            return self.loaded();
        }
        match kind_name {
            Some("Feature") => {
                self.single = true;
                self.features = 1;
                let result = self.reader.read(
                    1,
                    None,
                    members.id.as_ref(),
                    members.geometry.as_ref(),
                    members.properties.as_ref(),
                );
                for (column, reason) in std::mem::take(&mut self.reader.dropped) {
                    let line = self.lines.root_line();
                    self.report.reject(1, line, Some(&column), reason);
                }
                match result {
                    Ok(()) => {}
                    Err(FeatureError::Rejected { column, reason }) => {
                        let line = self.lines.root_line();
                        self.report.reject(1, line, Some(&column), reason);
                    }
                    Err(FeatureError::Full(full)) => {
                        return failed(&file, self.reader.format(), full.to_string());
                    }
                }
                self.progress.advance(0, 1);
                self.loaded()
            }
            Some("FeatureCollection") => failed(
                &file,
                None,
                "the FeatureCollection has no \"features\" list",
            ),
            Some(
                geometry @ ("Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon"
                | "MultiPolygon" | "GeometryCollection"),
            ) => failed(
                &file,
                None,
                format!(
                    "the file holds a bare {geometry} geometry, not a Feature or a \
                     FeatureCollection; it has no date or properties to show"
                ),
            ),
            Some(other) => failed(
                &file,
                None,
                format!(
                    "not GeoJSON: its \"type\" is \"{other}\", not \"FeatureCollection\" or \
                     \"Feature\""
                ),
            ),
            None => failed(
                &file,
                None,
                "not GeoJSON: the object has neither a \"type\" nor \"features\"",
            ),
        }
    }

    /// The dataset and report of a file that could be read (or was cancelled part way).
    fn loaded(mut self) -> Imported {
        self.report.rows = self.features;
        self.report.cancelled = self.cancelled;
        self.report.format = Some(self.reader.format().unwrap_or(Format::Geojson));
        let dataset = self.reader.finish(&mut self.report);
        Imported {
            dataset,
            report: self.report,
        }
    }
}

fn failed(file: &str, format: Option<Format>, error: impl Into<String>) -> Imported {
    Imported {
        dataset: Dataset::default(),
        report: ImportReport::failed(file, format, error),
    }
}

/// "not valid JSON at line L, column C: …", from serde_json's message without its own
/// position suffix.
fn json_error(err: &serde_json::Error) -> String {
    let message = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message);
    if message == "recursion limit exceeded" {
        return format!(
            "cannot be read at line {}, column {}: the JSON is nested more than 128 levels deep",
            err.line(),
            err.column()
        );
    }
    format!(
        "not valid JSON at line {}, column {}: {message}",
        err.line(),
        err.column()
    )
}

/// The top-level value.
struct Root<'s, 'a> {
    stream: &'s mut Stream<'a>,
}

impl<'de> DeserializeSeed<'de> for Root<'_, '_> {
    type Value = RootMembers;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Root<'_, '_> {
    type Value = RootMembers;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON FeatureCollection or Feature")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RootMembers, A::Error> {
        let mut members = RootMembers::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "features" => {
                    members.has_features = true;
                    map.next_value_seed(Features {
                        stream: &mut *self.stream,
                    })?;
                }
                "type" => members.kind = Some(map.next_value()?),
                // Kept for a single Feature; in a FeatureCollection they are foreign
                // members, small in practice.
                "id" => members.id = Some(map.next_value()?),
                "geometry" => members.geometry = Some(map.next_value()?),
                "properties" => members.properties = Some(map.next_value()?),
                // `crs`, `bbox` and foreign members: skipped, never built.
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(members)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<RootMembers, A::Error> {
        Err(self.stream.not_geojson("a list"))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<RootMembers, E> {
        Err(self.stream.not_geojson("text"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<RootMembers, E> {
        Err(self.stream.not_geojson("true/false"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<RootMembers, E> {
        Err(self.stream.not_geojson("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<RootMembers, E> {
        Err(self.stream.not_geojson("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<RootMembers, E> {
        Err(self.stream.not_geojson("a number"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<RootMembers, E> {
        Err(self.stream.not_geojson("null"))
    }
}

/// The `features` member, read one feature at a time.
struct Features<'s, 'a> {
    stream: &'s mut Stream<'a>,
}

impl Features<'_, '_> {
    fn not_a_list<E: de::Error>(self, holds: &str) -> E {
        self.stream.fatal = Some(format!(
            "not a GeoJSON FeatureCollection: its \"features\" must be a list, not {holds}"
        ));
        stop()
    }
}

impl<'de> DeserializeSeed<'de> for Features<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Features<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of GeoJSON features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // Each feature is a small tree, built, read and dropped before the next; the
        // parser's recursion limit applies inside it.
        while let Some(feature) = seq.next_element::<Value>()? {
            if !self.stream.feature(feature) {
                return Err(stop());
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(self.not_a_list("an object"))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(self.not_a_list("text"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(self.not_a_list("true/false"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(self.not_a_list("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(self.not_a_list("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(self.not_a_list("a number"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(self.not_a_list("null"))
    }
}

/// Finds the line on which each feature starts. serde_json does not say where it is in the
/// input, so the bytes are scanned separately, for strings, nesting and the `features`
/// list of the top-level object. The scan is lazy and never goes back: it runs only when a
/// feature is rejected, only as far as that feature, so a file with no rejections is not
/// scanned at all, and one with rejections at most once.
struct LineFinder<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
    depth: u32,
    in_string: bool,
    escaped: bool,
    string_start: usize,
    /// Whether the last string completed directly in the top-level object was `features`
    /// (the key of the value that follows).
    after_features_key: bool,
    /// Whether the scan is inside the `features` list (its elements are at depth 2).
    in_features: bool,
    /// Whether the next value at depth 2 begins a feature.
    expect_feature: bool,
    /// Features whose start the scan has passed.
    started: u64,
    /// The line of the feature the scan passed last.
    last_line: u64,
}

impl<'a> LineFinder<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineFinder {
            bytes,
            pos: 0,
            line: 1,
            depth: 0,
            in_string: false,
            escaped: false,
            string_start: 0,
            after_features_key: false,
            in_features: false,
            expect_feature: false,
            started: 0,
            last_line: 0,
        }
    }

    /// The line of the first non-blank byte: where a single top-level Feature starts.
    fn root_line(&self) -> u64 {
        let blank = self
            .bytes
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .filter(|&&b| b == b'\n')
            .count();
        1 + blank as u64
    }

    /// The line on which feature `feature` (from 1) starts, or 0 when the scan has already
    /// passed it (features are asked for in order) or cannot find it.
    fn feature_line(&mut self, feature: u64) -> u64 {
        if feature == self.started {
            return self.last_line;
        }
        if feature < self.started {
            return 0;
        }
        while let Some(&byte) = self.bytes.get(self.pos) {
            self.pos += 1;
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if byte == b'\\' {
                    self.escaped = true;
                } else if byte == b'"' {
                    self.in_string = false;
                    if self.depth == 1 {
                        self.after_features_key =
                            self.bytes.get(self.string_start..self.pos - 1) == Some(b"features");
                    }
                }
                continue;
            }
            match byte {
                b'\n' => {
                    self.line += 1;
                    continue;
                }
                b' ' | b'\t' | b'\r' => continue,
                _ => {}
            }
            let starts_feature =
                self.expect_feature && self.in_features && self.depth == 2 && byte != b']';
            if starts_feature {
                self.expect_feature = false;
                self.started += 1;
                self.last_line = self.line;
            }
            match byte {
                b'"' => {
                    self.in_string = true;
                    self.string_start = self.pos;
                }
                b'{' | b'[' => {
                    if byte == b'[' && self.depth == 1 && self.after_features_key {
                        self.in_features = true;
                        self.expect_feature = true;
                    }
                    self.depth += 1;
                }
                b'}' | b']' => {
                    if byte == b']' && self.in_features && self.depth == 2 {
                        self.in_features = false;
                        self.expect_feature = false;
                    }
                    self.depth = self.depth.saturating_sub(1);
                }
                b',' if self.in_features && self.depth == 2 => self.expect_feature = true,
                _ => {}
            }
            if starts_feature && self.started == feature {
                return self.line;
            }
        }
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Role, TimePrecision};

    fn import(json: &str) -> Imported {
        import_geojson("test.geojson", json.as_bytes(), &Progress::default())
    }

    fn collection(features: &str) -> String {
        format!(r#"{{"type": "FeatureCollection", "features": [{features}]}}"#)
    }

    fn point_feature(props: &str, lon: f64, lat: f64) -> String {
        format!(
            r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [{lon}, {lat}]}},
               "properties": {{{props}}}}}"#
        )
    }

    #[test]
    fn the_built_in_events_load_as_chronomap_geojson_against_the_built_in_dataset() {
        let base = crate::io::load_builtin().dataset;
        let text = include_str!("../../../assets/events.geojson");
        let imported = import_geojson_with(
            "assets/events.geojson",
            text.as_bytes(),
            &Progress::default(),
            Some(&base),
        );
        let (dataset, report) = (&imported.dataset, &imported.report);
        assert_eq!(report.format, Some(Format::ChronomapGeojson));
        assert_eq!(report.error, None);
        assert_eq!(report.rejections, Vec::new());
        assert_eq!(report.outcome(), "loaded");
        assert_eq!((report.rows, dataset.len()), (34, 34));
        assert!(dataset.has_builtin_types());
        // Every event is the one the built-in load builds, field by field.
        for index in base.indices() {
            let ours = dataset.index_of(base.id(index)).expect("same ids");
            assert_eq!(dataset.event(ours), base.event(index));
        }
        let asad = dataset
            .index_of("al-asad-missile-attack")
            .expect("the Al-Asad event");
        let disputes = dataset.disputes(asad);
        assert_eq!(disputes.len(), 3, "{disputes:?}");
        assert_eq!(disputes[0].field, "start");
        assert_eq!(disputes[0].claims.len(), 3);
        let quotes: Vec<(String, &str)> = dataset
            .citations(asad)
            .map(|(source, quote)| {
                let key = dataset.sources().get(source).expect("known").key.clone();
                (key, quote)
            })
            .collect();
        assert_eq!(quotes.len(), 7);
        assert_eq!(quotes[6].0, "004_55a844751e730994");
        assert!(quotes[0].1.starts_with("The attack was a retaliation"));
        let kh = dataset.actors().id_of("kataib_hezbollah").expect("actor");
        assert_eq!(dataset.lead(asad), Some(kh));
        assert_eq!(
            dataset.actors().get(kh).map(|actor| actor.color),
            base.actors().get(kh).map(|actor| actor.color),
            "actors keep their colours"
        );
    }

    #[test]
    fn chronomap_features_cite_unknown_sources_as_records_and_drop_missing_quotes() {
        let base = crate::io::load_builtin().dataset;
        let props = r#""id": "x", "title": "T", "start": "2024-01-20", "time_precision": "day",
            "place": "P", "country": "IRQ", "geo_precision": "town", "event_type": "attack",
            "initiators": ["kataib_hezbollah", "new_group"], "targets": ["us"],
            "supporters": ["iran"], "injured": 2, "url": "https://example.org/a", "extra": 5,
            "sources": [{"source": "000_96d07c357b66a4b0", "quote": "not in the article"},
                        {"source": "my_notes", "quote": "anything"}]"#;
        let json = collection(&point_feature(props, 43.0, 33.0));
        let imported = import_geojson_with(
            "mine.geojson",
            json.as_bytes(),
            &Progress::default(),
            Some(&base),
        );
        let (dataset, report) = (&imported.dataset, &imported.report);
        assert_eq!(report.format, Some(Format::ChronomapGeojson));
        assert_eq!(dataset.len(), 1);
        assert_eq!(report.rejected, 1, "{report:?}");
        assert_eq!(report.rejections[0].column.as_deref(), Some("sources"));
        assert_eq!(report.rejections[0].row, 1);
        assert_eq!(report.outcome(), "partial");
        let event = dataset.event(0).expect("the event");
        assert_eq!(event.sources.len(), 1);
        let source = dataset
            .sources()
            .get(event.sources[0].source)
            .expect("record");
        assert_eq!(source.key, "my_notes");
        assert_eq!(event.initiators.len(), 2);
        assert_eq!(dataset.actors().name(event.initiators[1]), "new_group");
        assert_eq!(dataset.actors_in_role(0, Role::Supporter).count(), 1);
        assert_eq!(event.injured, Some(2));
        assert_eq!(event.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(event.attributes, [("extra".to_owned(), "5".to_owned())]);
        assert_eq!(event.event_type, "Attack");
    }

    #[test]
    fn chronomap_features_with_bad_fields_are_rejected_with_the_field() {
        let bad = r#""id": "bad", "start": "2024-13-01", "time_precision": "day",
            "geo_precision": "town", "event_type": " ""#;
        let good = r#""id": "good", "start": "2024-01-20", "time_precision": "day",
            "geo_precision": "town", "event_type": "order""#;
        let json = collection(&format!(
            "{},\n{},\n{}",
            point_feature(good, 1.0, 1.0),
            point_feature(bad, 1.0, 1.0),
            point_feature(good, 1.0, 1.0)
        ));
        let report = import(&json).report;
        assert_eq!(report.rows, 3);
        assert_eq!(report.rejected, 2);
        assert_eq!(report.rejections[0].row, 2);
        assert_eq!(report.rejections[0].column.as_deref(), Some("start"));
        assert!(
            report.rejections[0].reason.contains("event_type"),
            "{report:?}"
        );
        assert_eq!(report.rejections[1].row, 3);
        assert!(report.rejections[1].reason.contains("earlier feature"));
    }

    #[test]
    fn a_generic_collection_keeps_other_properties_as_attributes() {
        let json = collection(&point_feature(
            r#""Date": "2024-01-20", "name": "Erbil", "fatalities": 3, "actor": "X",
               "url": "https://www.bbc.co.uk/news/1", "nested": {"a": [1, 2]}, "flag": true,
               "empty": null"#,
            44.0,
            36.2,
        ));
        let imported = import(&json);
        let (dataset, report) = (&imported.dataset, &imported.report);
        assert_eq!(report.format, Some(Format::Geojson));
        assert_eq!(report.outcome(), "loaded");
        let event = dataset.event(0).expect("one event");
        assert_eq!(event.id, "feature-1");
        assert_eq!(
            (event.title.as_str(), event.place.as_str()),
            ("Erbil", "Erbil")
        );
        assert_eq!(
            event.time.start,
            DateValue::Day(jiff::civil::date(2024, 1, 20))
        );
        assert_eq!(event.time.precision, TimePrecision::Day);
        assert_eq!(event.killed, Some(3));
        assert_eq!(event.url.as_deref(), Some("https://www.bbc.co.uk/news/1"));
        let source = dataset
            .sources()
            .get(event.sources[0].source)
            .expect("host");
        assert_eq!(source.key, "bbc.co.uk");
        let mut attributes = event.attributes.clone();
        attributes.sort();
        assert_eq!(
            attributes,
            [
                ("actor".to_owned(), "X".to_owned()),
                ("flag".to_owned(), "true".to_owned()),
                ("nested".to_owned(), r#"{"a":[1,2]}"#.to_owned()),
            ]
        );
        assert_eq!(event.position, Some(geo::Point::new(44.0, 36.2)));
    }

    use crate::model::DateValue;

    #[test]
    fn dates_in_other_forms_and_impossible_dates() {
        let features = [
            r#""id": "a", "timestamp": 1705708800000"#,
            r#""id": "b", "event_date": "20 January 2024""#,
            r#""id": "c", "datetime": "2024-01-20T10:00:00""#,
            r#""id": "d", "date": "2024-01-20", "end": "2024-01-19""#,
            r#""id": "e", "date": "2024-01-00""#,
            r#""id": "f", "date": "2024-01-20T25:00:00Z""#,
            r#""id": "g", "title": "no date""#,
        ]
        .map(|props| point_feature(props, 1.0, 2.0))
        .join(",\n");
        let imported = import(&collection(&features));
        let (dataset, report) = (&imported.dataset, &imported.report);
        assert_eq!(dataset.len(), 3);
        let time = |id: &str| dataset.time(dataset.index_of(id).expect(id)).expect("time");
        assert_eq!(time("a").start.start().to_string(), "2024-01-20");
        assert_eq!(
            time("b").start,
            DateValue::Day(jiff::civil::date(2024, 1, 20))
        );
        assert_eq!(time("c").start.start().to_string(), "2024-01-20 10:00");
        let columns: Vec<(u64, Option<&str>)> = report
            .rejections
            .iter()
            .map(|r| (r.row, r.column.as_deref()))
            .collect();
        assert_eq!(
            columns,
            [
                (4, Some("end")),
                (5, Some("date")),
                (6, Some("date")),
                (7, Some("properties")),
            ]
        );
        assert!(
            report.notes.iter().any(|note| note.contains("read as UTC")),
            "{:?}",
            report.notes
        );
    }

    #[test]
    fn a_single_feature_loads_as_one_event() {
        let imported = import(&point_feature(
            r#""date": "2024-01-20", "title": "One""#,
            10.0,
            20.0,
        ));
        assert_eq!(imported.report.outcome(), "loaded");
        assert_eq!(imported.report.rows, 1);
        assert_eq!(imported.dataset.len(), 1);
        assert_eq!(imported.dataset.title(0), "One");
        // A single feature that is rejected still names its row and line.
        let imported = import(&format!(
            "\n\n{}",
            point_feature(r#""date": "2024-01-20""#, 10.0, 95.0)
        ));
        assert_eq!(imported.dataset.len(), 0);
        assert_eq!(imported.report.rejections[0].row, 1);
        assert_eq!(imported.report.rejections[0].line, 3);
    }

    #[test]
    fn positions_with_altitude_and_an_old_crs_member_load() {
        let json = format!(
            r#"{{"type": "FeatureCollection",
                "crs": {{"type": "name", "properties": {{"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}}},
                "bbox": [0, 0, 50, 50], "generator": {{"deep": [[[1]]]}},
                "features": [{}]}}"#,
            point_feature(r#""date": "2024-01-20""#, 44.5, 33.25)
                .replace("33.25]", "33.25, 120.5]")
        );
        let imported = import(&json);
        assert_eq!(imported.report.outcome(), "loaded", "{:?}", imported.report);
        assert_eq!(
            imported.dataset.position(0),
            Some(geo::Point::new(44.5, 33.25))
        );
    }

    #[test]
    fn features_without_geometry_are_kept_unlocated() {
        let json = collection(
            r#"{"type": "Feature", "geometry": null, "properties": {"date": "2024-01-20"}},
               {"type": "Feature", "properties": {"date": "2024-01-21"}}"#,
        );
        let imported = import(&json);
        assert_eq!(imported.dataset.len(), 2);
        assert_eq!(imported.dataset.position(0), None);
        assert_eq!(imported.dataset.located_count(), 0);
        assert_eq!(
            imported.report.notes,
            ["2 features have no geometry and are kept without a place"]
        );
    }

    #[test]
    fn lines_and_polygons_are_reduced_to_their_centroid() {
        let json = collection(
            r#"{"type": "Feature", "properties": {"date": "2024-01-20"}, "geometry":
                 {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]]}},
               {"type": "Feature", "properties": {"date": "2024-01-20"}, "geometry":
                 {"type": "LineString", "coordinates": [[10, 10], [12, 10]]}},
               {"type": "Feature", "properties": {"date": "2024-01-20"}, "geometry":
                 {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]}}"#,
        );
        let imported = import(&json);
        assert_eq!(imported.dataset.len(), 3);
        let id = imported.dataset.index_of("feature-1").expect("polygon");
        assert_eq!(
            imported.dataset.position(id),
            Some(geo::Point::new(2.0, 1.0))
        );
        assert_eq!(
            imported.report.notes,
            ["1 line and 2 polygons were reduced to their centroid"]
        );
    }

    #[test]
    fn out_of_range_coordinates_are_rejected_with_row_and_line() {
        let json = format!(
            "{{\n\"type\": \"FeatureCollection\",\n\"features\": [\n{},\n{},\n{}\n]}}",
            point_feature(r#""date": "2024-01-20""#, 10.0, 20.0),
            point_feature(
                r#""date": "2024-01-20", "note": "a \"quoted\" [bracket""#,
                10.0,
                95.0
            ),
            point_feature(r#""date": "2024-01-20""#, 200.0, 20.0),
        );
        let imported = import(&json);
        assert_eq!(imported.dataset.len(), 1, "{:?}", imported.report);
        let report = &imported.report;
        assert_eq!(report.outcome(), "partial");
        assert_eq!(report.rejected, 2);
        let first = &report.rejections[0];
        assert_eq!((first.row, first.column.as_deref()), (2, Some("geometry")));
        assert!(first.reason.contains("latitude 95"), "{first:?}");
        // Each feature literal spans two lines: they start on lines 4, 6 and 8.
        assert_eq!(first.line, 6);
        assert_eq!(report.rejections[1].line, 8);
        assert!(report.rejections[1].reason.contains("longitude 200"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        for json in [
            collection(&deep),
            collection(&format!(
                r#"{{"type": "Feature", "geometry": null, "properties": {{"a": {deep}}}}}"#
            )),
            deep.clone(),
        ] {
            let imported = import(&json);
            assert!(imported.report.error.is_some(), "{:?}", imported.report);
            assert_eq!(imported.dataset.len(), 0);
        }
        let error = import(&collection(&deep)).report.error.unwrap_or_default();
        assert!(error.contains("nested more than 128 levels"), "{error}");
        // A foreign member is skipped without being built, however deep it is.
        let skipped = format!(r#"{{"type": "FeatureCollection", "x": {deep}, "features": []}}"#);
        assert_eq!(import(&skipped).report.outcome(), "loaded");
    }

    #[test]
    fn broken_json_names_line_and_column_and_loads_nothing() {
        let json = format!(
            "{{\"type\": \"FeatureCollection\", \"features\": [\n{},\n{{\"type\": \"Feature\",, }}]}}",
            point_feature(r#""date": "2024-01-20""#, 1.0, 2.0)
        );
        let imported = import(&json);
        let error = imported.report.error.clone().unwrap_or_default();
        assert!(
            error.starts_with("not valid JSON at line 4, column 20: "),
            "{error}"
        );
        assert_eq!(imported.dataset.len(), 0);
        assert_eq!(imported.report.outcome(), "rejected");
        let truncated = import(r#"{"type": "FeatureCollection", "features": ["#);
        assert!(
            truncated
                .report
                .error
                .is_some_and(|e| e.starts_with("not valid JSON at line 1"))
        );
        assert!(import("").report.error.is_some());
        assert!(import("{} trailing").report.error.is_some());
    }

    #[test]
    fn other_json_is_a_clear_error() {
        for (json, says) in [
            ("[1, 2]", "holds a list"),
            ("42", "holds a number"),
            (
                r#"{"type": "Point", "coordinates": [1, 2]}"#,
                "bare Point geometry",
            ),
            (r#"{"type": "Topology"}"#, "\"Topology\""),
            (r#"{"type": "FeatureCollection"}"#, "no \"features\""),
            (
                r#"{"type": "FeatureCollection", "features": null}"#,
                "must be a list",
            ),
            (r#"{"name": "x"}"#, "neither"),
        ] {
            let report = import(json).report;
            let error = report.error.unwrap_or_default();
            assert!(error.contains(says), "{json}: {error}");
        }
    }

    #[test]
    fn an_empty_collection_loads_no_events() {
        let imported = import(r#"{"type": "FeatureCollection", "features": []}"#);
        assert_eq!(imported.report.outcome(), "loaded");
        assert_eq!(imported.report.format, Some(Format::Geojson));
        assert_eq!((imported.report.rows, imported.dataset.len()), (0, 0));
    }

    #[test]
    fn members_may_come_in_any_order() {
        let json = format!(
            "\u{feff}{{\"features\": [{}], \"bbox\": [1, 2, 1, 2], \"type\": \"FeatureCollection\"}}",
            point_feature(r#""date": "2024-01-20""#, 1.0, 2.0)
        );
        let imported = import(&json);
        assert_eq!(imported.report.outcome(), "loaded", "{:?}", imported.report);
        assert_eq!(imported.dataset.len(), 1);
        let wrong = format!(
            r#"{{"features": [{}], "type": "Feature"}}"#,
            point_feature(r#""date": "2024-01-20""#, 1.0, 2.0)
        );
        assert!(import(&wrong).report.error.is_some());
    }

    #[test]
    fn progress_is_reported_and_cancel_stops() {
        let features = vec![point_feature(r#""date": "2024-01-20""#, 1.0, 2.0); 2500].join(",");
        let json = collection(&features);
        let progress = Progress::default();
        let imported = import_geojson("big.geojson", json.as_bytes(), &progress);
        assert_eq!(imported.dataset.len(), 2500);
        assert_eq!(progress.snapshot().2, 2500);
        let cancelled = Progress::default();
        cancelled.cancel();
        let imported = import_geojson("big.geojson", json.as_bytes(), &cancelled);
        assert!(imported.report.cancelled);
        assert_eq!(imported.report.rows, 1000);
        assert_eq!(imported.report.outcome(), "rejected");
    }

    #[test]
    fn repeated_ids_are_made_unique_in_generic_files() {
        let feature = point_feature(r#""id": 7, "date": "2024-01-20""#, 1.0, 2.0);
        let imported = import(&collection(&format!("{feature},{feature}")));
        assert_eq!(imported.dataset.len(), 2);
        assert!(imported.dataset.index_of("7").is_some());
        assert!(imported.dataset.index_of("7#2").is_some());
        assert_eq!(imported.report.notes.len(), 1);
    }

    #[test]
    fn odd_elements_are_rejected_one_by_one() {
        let json = collection(
            r#"null, 5, {"type": "Point", "coordinates": [1, 2]},
               {"type": "Feature", "geometry": null, "properties": [1]},
               {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]},
                "properties": {"date": "2024-01-20", "odd\u001ename": "a\u001fb"}}"#,
        );
        let imported = import(&json);
        let columns: Vec<Option<&str>> = imported
            .report
            .rejections
            .iter()
            .map(|r| r.column.as_deref())
            .collect();
        assert_eq!(
            columns,
            [
                Some("feature"),
                Some("feature"),
                Some("type"),
                Some("properties")
            ]
        );
        assert_eq!(imported.dataset.len(), 1);
        let attributes: Vec<(&str, &str)> = imported.dataset.attributes(0).collect();
        assert_eq!(
            attributes,
            [("odd name", "a b")],
            "separators cannot split the list"
        );
    }
}
