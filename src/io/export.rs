//! Writing events out: chronomap GeoJSON (every field kept) and CSV (the column layout in
//! the README). Files are written to a temporary file beside the target and renamed into
//! place, so a failure never leaves half a file and never touches an existing one.

use std::io::{BufWriter, Write};
use std::path::Path;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::{Dataset, EventIndex, EventType, INJURED_QUALIFIER, KILLED_QUALIFIER, Role};

/// The formats events can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// chronomap's own GeoJSON.
    Geojson,
    /// CSV with the columns of [`CSV_COLUMNS`].
    Csv,
}

impl ExportFormat {
    /// The format a file name asks for, by its extension.
    pub fn for_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "geojson" | "json" => Some(ExportFormat::Geojson),
            "csv" => Some(ExportFormat::Csv),
            _ => None,
        }
    }
}

/// The columns of chronomap's CSV, in order. Lists are joined with `; `.
pub const CSV_COLUMNS: [&str; 28] = [
    "id",
    "title",
    "start",
    "end",
    "time_precision",
    "place",
    "country",
    "sea",
    "latitude",
    "longitude",
    "geo_precision",
    "event_type",
    "initiators",
    "targets",
    "supporters",
    "killed",
    "injured",
    "sources",
    "quotes",
    "url",
    "summary",
    "notes",
    "origin_place",
    "origin_latitude",
    "origin_longitude",
    "origin_precision",
    "origin_sources",
    "origin_quotes",
];

/// Why events could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The target's extension names no format.
    #[error("{0}: the file name must end in .geojson or .csv")]
    UnknownFormat(String),
    /// Writing failed.
    #[error("{file}: could not be written: {source}")]
    Io {
        /// The target file.
        file: String,
        /// The error.
        source: std::io::Error,
    },
    /// A CSV record could not be written.
    #[error("{file}: could not be written: {source}")]
    Csv {
        /// The target file.
        file: String,
        /// The error.
        source: csv::Error,
    },
}

/// Writes the events `indices` of `dataset` to `path`, in the format its extension names.
pub fn export(dataset: &Dataset, indices: &[EventIndex], path: &Path) -> Result<(), ExportError> {
    let file = path.display().to_string();
    let format =
        ExportFormat::for_path(path).ok_or_else(|| ExportError::UnknownFormat(file.clone()))?;
    let io = |source| ExportError::Io {
        file: file.clone(),
        source,
    };
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::NamedTempFile::new_in(directory).map_err(io)?;
    {
        let mut out = BufWriter::new(temporary.as_file_mut());
        match format {
            ExportFormat::Geojson => write_geojson(dataset, indices, &mut out).map_err(io)?,
            ExportFormat::Csv => {
                write_csv(dataset, indices, &mut out).map_err(|source| ExportError::Csv {
                    file: file.clone(),
                    source,
                })?;
            }
        }
        out.flush().map_err(io)?;
    }
    // A temporary file is private to its owner; the result gets the usual permissions.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let permissions = std::fs::Permissions::from_mode(0o644);
        temporary
            .as_file()
            .set_permissions(permissions)
            .map_err(io)?;
    }
    temporary.as_file().sync_all().map_err(io)?;
    temporary.persist(path).map_err(|err| io(err.error))?;
    Ok(())
}

/// The names of the actors of event `index` in `role`; `associated` picks the actors only
/// associated with the side.
fn actor_keys(dataset: &Dataset, index: EventIndex, role: Role, associated: bool) -> Vec<&str> {
    dataset
        .mentions_with_association(index)
        .filter(|(_, r, a)| *r == role && *a == associated)
        .filter_map(|(actor, _, _)| dataset.actors().get(actor).map(|a| a.key.as_str()))
        .collect()
}

/// The type as chronomap's files name it: `missile_attack` for the nine built-in types, the
/// file's own label otherwise.
fn type_name(dataset: &Dataset, index: EventIndex) -> String {
    let label = dataset.type_label(index);
    match EventType::from_label(label) {
        Some(event_type) if dataset.has_builtin_types() => event_type.as_str().to_owned(),
        _ => label.to_owned(),
    }
}

/// One feature of chronomap GeoJSON.
fn feature(dataset: &Dataset, index: EventIndex) -> Value {
    let mut properties = Map::new();
    let mut put = |key: &str, value: Value| {
        properties.insert(key.to_owned(), value);
    };
    let text = |s: &str| {
        if s.is_empty() {
            Value::Null
        } else {
            Value::String(s.to_owned())
        }
    };
    let time = dataset.time(index);
    put("id", Value::String(dataset.id(index).to_owned()));
    put("title", Value::String(dataset.title(index).into_owned()));
    put("summary", Value::String(dataset.summary(index).to_owned()));
    put(
        "start",
        time.as_ref()
            .map_or(Value::Null, |t| Value::String(t.start.to_iso())),
    );
    put(
        "end",
        time.as_ref()
            .and_then(|t| t.end.as_ref())
            .map_or(Value::Null, |end| Value::String(end.to_iso())),
    );
    put(
        "time_precision",
        time.as_ref().map_or(Value::Null, |t| {
            Value::String(t.precision.as_str().to_owned())
        }),
    );
    put("place", Value::String(dataset.place(index).to_owned()));
    put("country", text(dataset.country(index).unwrap_or("")));
    if let Some(sea) = dataset.sea(index) {
        put("sea", Value::String(sea.to_owned()));
    }
    put(
        "geo_precision",
        Value::String(dataset.geo_precision(index).as_str().to_owned()),
    );
    put("event_type", Value::String(type_name(dataset, index)));
    let list = |names: Vec<&str>| Value::from(names);
    put(
        "initiators",
        list(actor_keys(dataset, index, Role::Initiator, false)),
    );
    put(
        "targets",
        list(actor_keys(dataset, index, Role::Target, false)),
    );
    let supporters = actor_keys(dataset, index, Role::Supporter, false);
    if !supporters.is_empty() {
        put("supporters", list(supporters));
    }
    for (key, role) in [
        ("initiator_associates", Role::Initiator),
        ("target_associates", Role::Target),
    ] {
        let associates = actor_keys(dataset, index, role, true);
        if !associates.is_empty() {
            put(key, list(associates));
        }
    }
    put(
        "killed",
        dataset.killed(index).map_or(Value::Null, Value::from),
    );
    put(
        "injured",
        dataset.injured(index).map_or(Value::Null, Value::from),
    );
    // A figure's qualifier ("over" 130) is written beside the figure, as the format has it.
    for (name, value) in dataset.attributes(index) {
        if name == KILLED_QUALIFIER || name == INJURED_QUALIFIER {
            put(name, Value::String(value.to_owned()));
        }
    }
    let sources: Vec<Value> = dataset
        .citations(index)
        .map(|(source, quote)| {
            let key = dataset.sources().get(source).map_or("", |s| s.key.as_str());
            serde_json::json!({ "source": key, "quote": quote })
        })
        .collect();
    put("sources", Value::Array(sources));
    let disputes: Vec<Value> = dataset
        .disputes(index)
        .iter()
        .map(|dispute| {
            let claims: Vec<Value> = dispute
                .claims
                .iter()
                .map(|claim| {
                    let sources: Vec<&str> = claim
                        .sources
                        .iter()
                        .filter_map(|s| dataset.sources().get(*s).map(|s| s.key.as_str()))
                        .collect();
                    let mut value = serde_json::json!({ "value": claim.value, "sources": sources });
                    if let (Some(note), Value::Object(map)) = (&claim.note, &mut value) {
                        map.insert("note".to_owned(), Value::String(note.clone()));
                    }
                    value
                })
                .collect();
            serde_json::json!({ "field": dispute.field, "claims": claims })
        })
        .collect();
    if !disputes.is_empty() {
        put("disputes", Value::Array(disputes));
    }
    if let Some(origin) = dataset.origin(index) {
        let sources: Vec<Value> = origin
            .sources
            .iter()
            .map(|citation| {
                let key = dataset
                    .sources()
                    .get(citation.source)
                    .map_or("", |s| s.key.as_str());
                serde_json::json!({ "source": key, "quote": citation.quote })
            })
            .collect();
        let mut value = serde_json::json!({
            "place": origin.place,
            "coordinates": [origin.position.x(), origin.position.y()],
            "geo_precision": origin.geo_precision.as_str(),
            "sources": sources,
        });
        if let (Some(notes), Value::Object(map)) = (&origin.notes, &mut value) {
            map.insert("notes".to_owned(), Value::String(notes.clone()));
        }
        put("origin", value);
    }
    put("notes", text(dataset.notes(index)));
    if !dataset.url(index).is_empty() {
        put("url", Value::String(dataset.url(index).to_owned()));
    }
    let attributes: Map<String, Value> = dataset
        .attributes(index)
        .filter(|(name, _)| *name != KILLED_QUALIFIER && *name != INJURED_QUALIFIER)
        .map(|(name, value)| (name.to_owned(), Value::String(value.to_owned())))
        .collect();
    if !attributes.is_empty() {
        put("attributes", Value::Object(attributes));
    }
    let geometry = dataset.position(index).map_or(
        Value::Null,
        |point| serde_json::json!({ "type": "Point", "coordinates": [point.x(), point.y()] }),
    );
    serde_json::json!({ "type": "Feature", "geometry": geometry, "properties": properties })
}

/// Writes a FeatureCollection one feature at a time, so no whole-file tree is built.
fn write_geojson(
    dataset: &Dataset,
    indices: &[EventIndex],
    out: &mut impl Write,
) -> std::io::Result<()> {
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
    for (n, &index) in indices.iter().enumerate() {
        if n > 0 {
            out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut *out, &feature(dataset, index))?;
    }
    out.write_all(b"\n]}\n")
}

#[derive(Serialize)]
struct CsvRow<'a> {
    id: &'a str,
    title: String,
    start: String,
    end: String,
    time_precision: &'static str,
    place: &'a str,
    country: &'a str,
    sea: &'a str,
    latitude: String,
    longitude: String,
    geo_precision: &'static str,
    event_type: String,
    initiators: String,
    targets: String,
    supporters: String,
    killed: String,
    injured: String,
    sources: String,
    quotes: String,
    url: &'a str,
    summary: &'a str,
    notes: &'a str,
    origin_place: &'a str,
    origin_latitude: String,
    origin_longitude: String,
    origin_precision: &'static str,
    origin_sources: String,
    origin_quotes: String,
}

/// Writes RFC 4180 CSV with a header of [`CSV_COLUMNS`].
fn write_csv(
    dataset: &Dataset,
    indices: &[EventIndex],
    out: &mut impl Write,
) -> Result<(), csv::Error> {
    // The header is written by hand, so that a file with no events still has one.
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    writer.write_record(CSV_COLUMNS)?;
    for &index in indices {
        let time = dataset.time(index);
        let position = dataset.position(index);
        let names = |role| {
            let mut all = actor_keys(dataset, index, role, false);
            all.extend(actor_keys(dataset, index, role, true));
            all.join("; ")
        };
        let figure = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        let citations: Vec<(&str, &str)> = dataset
            .citations(index)
            .map(|(source, quote)| {
                let key = dataset.sources().get(source).map_or("", |s| s.key.as_str());
                (key, quote)
            })
            .collect();
        let origin = dataset.origin(index);
        let origin_citations: Vec<(&str, &str)> = origin
            .map(|origin| {
                origin
                    .sources
                    .iter()
                    .map(|citation| {
                        let key = dataset
                            .sources()
                            .get(citation.source)
                            .map_or("", |s| s.key.as_str());
                        (key, citation.quote.as_str())
                    })
                    .collect()
            })
            .unwrap_or_default();
        writer.serialize(CsvRow {
            id: dataset.id(index),
            title: dataset.title(index).into_owned(),
            start: time.as_ref().map(|t| t.start.to_iso()).unwrap_or_default(),
            end: time
                .as_ref()
                .and_then(|t| t.end.as_ref())
                .map(|e| e.to_iso())
                .unwrap_or_default(),
            time_precision: time.as_ref().map_or("", |t| t.precision.as_str()),
            place: dataset.place(index),
            country: dataset.country(index).unwrap_or(""),
            sea: dataset.sea(index).unwrap_or(""),
            latitude: position.map(|p| p.y().to_string()).unwrap_or_default(),
            longitude: position.map(|p| p.x().to_string()).unwrap_or_default(),
            geo_precision: dataset.geo_precision(index).as_str(),
            event_type: type_name(dataset, index),
            initiators: names(Role::Initiator),
            targets: names(Role::Target),
            supporters: names(Role::Supporter),
            killed: figure(dataset.killed(index)),
            injured: figure(dataset.injured(index)),
            sources: source_column(&citations),
            quotes: quote_column(&citations),
            url: dataset.url(index),
            summary: dataset.summary(index),
            notes: dataset.notes(index),
            origin_place: origin.map_or("", |o| o.place.as_str()),
            origin_latitude: origin
                .map(|o| o.position.y().to_string())
                .unwrap_or_default(),
            origin_longitude: origin
                .map(|o| o.position.x().to_string())
                .unwrap_or_default(),
            origin_precision: origin.map_or("", |o| o.geo_precision.as_str()),
            origin_sources: source_column(&origin_citations),
            origin_quotes: quote_column(&origin_citations),
        })?;
    }
    writer.flush()?;
    Ok(())
}

/// The sources of some citations as one CSV cell: their keys, separated by "; ".
fn source_column(citations: &[(&str, &str)]) -> String {
    citations
        .iter()
        .map(|(key, _)| *key)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The quotes of some citations as one CSV cell, separated by a blank line.
fn quote_column(citations: &[(&str, &str)]) -> String {
    citations
        .iter()
        .map(|(_, quote)| *quote)
        .collect::<Vec<_>>()
        .join("\n\n")
}
