//! Reading chronomap's own event format: a GeoJSON FeatureCollection of Points whose
//! properties follow the schema in the README.

use serde_json::{Map, Value};

use super::properties::{Properties, kind};
use crate::model::{
    CitationRecord, ClaimRecord, DatasetBuilder, DisputeRecord, EventRecord, OriginRecord, Problem,
};

/// Reads every feature of `text` into `builder`. A feature that cannot be read is reported
/// and skipped; a file that is not a FeatureCollection is reported as a whole.
pub fn read_events(text: &str, builder: &mut DatasetBuilder) {
    let file = builder.events_file().to_owned();
    let root: Value = match serde_json::from_str(text) {
        Ok(root) => root,
        Err(err) => {
            builder.push_problem(Problem::in_file(
                file,
                format!(
                    "not valid JSON (line {}, column {}): {err}",
                    err.line(),
                    err.column()
                ),
            ));
            return;
        }
    };
    let kind_of_root = root.get("type").and_then(Value::as_str);
    if kind_of_root != Some("FeatureCollection") {
        builder.push_problem(Problem::in_file(
            file,
            "not a GeoJSON FeatureCollection (its \"type\" must be \"FeatureCollection\")",
        ));
        return;
    }
    let Some(features) = root.get("features").and_then(Value::as_array) else {
        builder.push_problem(Problem::in_file(file, "its \"features\" must be a list"));
        return;
    };
    for (position, feature) in features.iter().enumerate() {
        match read_feature(feature, position) {
            Ok(record) => {
                builder.add_event(record);
            }
            Err(problems) => {
                for (feature, field, message) in problems {
                    builder.push_problem(Problem::in_field(file.clone(), feature, field, message));
                }
            }
        }
    }
}

type FeatureProblems = Vec<(String, String, String)>;

fn read_feature(feature: &Value, position: usize) -> Result<EventRecord, FeatureProblems> {
    let fallback_name = format!("#{} in the list", position + 1);
    let Some(object) = feature.as_object() else {
        return Err(vec![(
            fallback_name,
            "feature".into(),
            format!("must be an object, not {}", kind(feature)),
        )]);
    };
    let empty = Map::new();
    let properties = match object.get("properties") {
        Some(Value::Object(map)) => map,
        Some(Value::Null) | None => &empty,
        Some(other) => {
            return Err(vec![(
                fallback_name,
                "properties".into(),
                format!("must be an object, not {}", kind(other)),
            )]);
        }
    };
    let name = properties
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| !id.trim().is_empty())
        .map_or(fallback_name, str::to_owned);

    let mut problems = Vec::new();
    let lon_lat = match read_point(object.get("geometry")) {
        Ok(point) => point,
        Err(message) => {
            problems.push((name.clone(), "geometry".to_owned(), message));
            (f64::NAN, f64::NAN)
        }
    };

    let mut props = Properties::new(properties);
    let record = EventRecord {
        id: props.text("id"),
        title: props.text("title"),
        summary: props.optional_text("summary").unwrap_or_default(),
        start: props.text("start"),
        end: props.optional_text("end"),
        time_precision: props.text("time_precision"),
        place: props.text("place"),
        country: props.optional_text("country"),
        sea: props.optional_text("sea"),
        lon_lat,
        geo_precision: props.text("geo_precision"),
        event_type: props.text("event_type"),
        initiators: props.text_list("initiators"),
        targets: props.text_list("targets"),
        supporters: props.text_list("supporters"),
        killed: props.optional_number("killed"),
        killed_qualifier: props.optional_text("killed_qualifier"),
        injured: props.optional_number("injured"),
        injured_qualifier: props.optional_text("injured_qualifier"),
        sources: read_citations(&mut props),
        disputes: read_disputes(&mut props),
        origin: read_origin(&props),
        notes: props.optional_text("notes"),
    };
    problems.extend(
        props
            .errors
            .into_iter()
            .map(|(field, message)| (name.clone(), field, message)),
    );
    if problems.is_empty() {
        Ok(record)
    } else {
        Err(problems)
    }
}

fn read_point(geometry: Option<&Value>) -> Result<(f64, f64), String> {
    let geometry = match geometry {
        None | Some(Value::Null) => return Err("is missing: every event needs a Point".into()),
        Some(geometry) => geometry,
    };
    let geometry: geojson::Geometry = serde_json::from_value(geometry.clone())
        .map_err(|err| format!("is not valid GeoJSON geometry: {err}"))?;
    match geometry.value {
        geojson::GeometryValue::Point { coordinates } => match coordinates.as_slice() {
            [lon, lat, ..] => Ok((*lon, *lat)),
            _ => Err("a Point needs a longitude and a latitude".into()),
        },
        other => Err(format!("must be a Point, not a {}", other.type_name())),
    }
}

/// `origin`: `{ "place", "coordinates": [lon, lat], "geo_precision", "sources", "notes" }`.
/// What cannot be read is kept in the record's `unreadable`, for the builder to report: a
/// bad origin costs the event its origin, not the event.
pub(crate) fn read_origin(props: &Properties<'_>) -> Option<OriginRecord> {
    let object = match props_object(props, "origin")? {
        Ok(object) => object,
        Err(message) => {
            return Some(OriginRecord {
                unreadable: vec![("origin".into(), message)],
                ..OriginRecord::default()
            });
        }
    };
    let mut origin = Properties::new(object);
    let lon_lat = match object.get("coordinates").and_then(Value::as_array) {
        Some(items) => match items.as_slice() {
            [lon, lat] => (
                lon.as_f64().unwrap_or(f64::NAN),
                lat.as_f64().unwrap_or(f64::NAN),
            ),
            _ => (f64::NAN, f64::NAN),
        },
        None => (f64::NAN, f64::NAN),
    };
    if lon_lat.0.is_nan() || lon_lat.1.is_nan() {
        origin.errors.push((
            "coordinates".into(),
            "must be two numbers, [longitude, latitude]".into(),
        ));
    }
    let mut record = OriginRecord {
        place: origin.optional_text("place").unwrap_or_default(),
        lon_lat,
        geo_precision: origin.text("geo_precision"),
        sources: read_citations(&mut origin),
        notes: origin.optional_text("notes"),
        unreadable: Vec::new(),
    };
    record.unreadable = origin
        .errors
        .into_iter()
        .map(|(field, message)| (format!("origin.{field}"), message))
        .collect();
    Some(record)
}

/// The object under `field`: `None` when absent or `null`, an error for another kind.
fn props_object<'a>(
    props: &Properties<'a>,
    field: &str,
) -> Option<Result<&'a Map<String, Value>, String>> {
    match props.get(field) {
        None | Some(Value::Null) => None,
        Some(Value::Object(object)) => Some(Ok(object)),
        Some(other) => Some(Err(format!("must be an object, not {}", kind(other)))),
    }
}

fn read_citations(props: &mut Properties<'_>) -> Vec<CitationRecord> {
    let objects = props.object_list("sources");
    let mut citations = Vec::with_capacity(objects.len());
    for object in objects {
        let mut citation = Properties::new(object);
        let record = CitationRecord {
            source: citation.text("source"),
            quote: citation.text("quote"),
        };
        let ok = citation.errors.is_empty();
        for (field, message) in citation.errors {
            props
                .errors
                .push(("sources".into(), format!("{field} {message}")));
        }
        if ok {
            citations.push(record);
        }
    }
    citations
}

fn read_disputes(props: &mut Properties<'_>) -> Vec<DisputeRecord> {
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
                let record = ClaimRecord {
                    value: claim.text_or_number("value"),
                    sources: claim.text_list("sources"),
                    note: claim.optional_text("note"),
                };
                dispute.errors.append(&mut claim.errors);
                record
            })
            .collect();
        for (inner, message) in dispute.errors {
            props
                .errors
                .push(("disputes".into(), format!("{inner} {message}")));
        }
        disputes.push(DisputeRecord { field, claims });
    }
    disputes
}
