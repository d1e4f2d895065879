//! Where an attack came from: an event's optional `origin` is read from chronomap GeoJSON
//! (the built-in files and files the user opens), checked, written back out, and a bad one
//! is reported naming the file, the event and the field while the event itself loads.

use chronomap::io::import::{Progress, import_bytes, import_file};
use chronomap::io::{CSV_COLUMNS, DatasetFiles, export, load, load_builtin};
use chronomap::model::{GeoPrecision, Loaded};

const ARTICLE: &str =
    "Sunday's attack involved 17 ballistic missiles and rockets, launched from within Iraq.";

const ACTORS: &str = r##"[
  {"id": "kh", "name": "Kataib Hezbollah", "aliases": [], "parent": null, "color": "#c0392b"},
  {"id": "us", "name": "United States", "aliases": [], "parent": null, "color": "#1f5fbf"}
]"##;

const SOURCES: &str = r#"[
  {"id": "a1", "file": "a1.txt", "headline": null, "outlet": null, "published": null, "notes": "test"}
]"#;

const GOOD_ORIGIN: &str = r#"{"place": "Iraq", "coordinates": [44.5, 34.3], "geo_precision": "country",
    "sources": [{"source": "a1", "quote": "launched from within Iraq."}]}"#;

fn feature(id: &str, origin: &str) -> String {
    format!(
        r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [42.4412, 33.7856]}},
            "properties": {{"id": "{id}", "title": "Attack {id}", "summary": "s",
              "start": "2024-01-20", "time_precision": "day", "place": "Al-Asad airbase",
              "country": "IRQ", "geo_precision": "site", "event_type": "missile_attack",
              "initiators": ["kh"], "targets": ["us"], "killed": null, "injured": null,
              "sources": [{{"source": "a1", "quote": "17 ballistic missiles and rockets"}}],
              "disputes": [], "origin": {origin} }} }}"#
    )
}

fn collection(features: &[String]) -> String {
    format!(
        r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
        features.join(",")
    )
}

fn load_features(features: &[String]) -> Loaded {
    let files = DatasetFiles {
        events_file: "my-events.geojson".into(),
        events: collection(features).into(),
        actors_file: "actors.json".into(),
        actors: ACTORS.into(),
        sources_file: "sources.json".into(),
        sources: SOURCES.into(),
    };
    load(&files, &|file| {
        if file == "a1.txt" {
            Ok(ARTICLE.to_owned())
        } else {
            Err(format!("no article {file}"))
        }
    })
}

/// The bad origins, each with the field its problem must name.
fn bad_origins() -> Vec<(&'static str, String, &'static str)> {
    vec![
        (
            "bad-latitude",
            GOOD_ORIGIN.replace("[44.5, 34.3]", "[44.5, 134.3]"),
            "origin.coordinates",
        ),
        (
            "unknown-precision",
            GOOD_ORIGIN.replace("\"country\"", "\"province\""),
            "origin.geo_precision",
        ),
        (
            "no-place",
            GOOD_ORIGIN.replace("\"place\": \"Iraq\", ", ""),
            "origin.place",
        ),
        (
            "no-coordinates",
            GOOD_ORIGIN.replace("\"coordinates\": [44.5, 34.3], ", ""),
            "origin.coordinates",
        ),
        ("not-an-object", "\"Iraq\"".to_owned(), "origin"),
    ]
}

#[test]
fn an_origin_loads_with_its_place_point_precision_and_quote() {
    let loaded = load_features(&[feature("good", GOOD_ORIGIN)]);
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    let dataset = loaded.dataset;
    let index = dataset.index_of("good").expect("loaded");
    assert_eq!(dataset.events_with_origin(), [index]);
    let origin = dataset.origin(index).expect("an origin");
    assert_eq!(origin.place, "Iraq");
    assert_eq!((origin.position.x(), origin.position.y()), (44.5, 34.3));
    assert_eq!(origin.geo_precision, GeoPrecision::Country);
    assert_eq!(origin.sources.len(), 1);
    assert_eq!(origin.sources[0].quote, "launched from within Iraq.");
}

#[test]
fn a_bad_origin_is_reported_by_event_and_field_and_the_event_loads_without_it() {
    let mut features: Vec<String> = bad_origins()
        .iter()
        .map(|(id, origin, _)| feature(id, origin))
        .collect();
    let unquoted = GOOD_ORIGIN.replace("launched from within Iraq.", "launched from Syria.");
    features.push(feature("quote-not-in-article", &unquoted));
    let loaded = load_features(&features);
    let mut expected: Vec<(&str, &str)> = bad_origins()
        .iter()
        .map(|(id, _, field)| (*id, *field))
        .collect();
    expected.push(("quote-not-in-article", "origin.sources"));
    for (id, field) in expected {
        let problem = loaded
            .problems
            .iter()
            .find(|p| p.feature.as_deref() == Some(id))
            .unwrap_or_else(|| panic!("no problem for {id}: {:#?}", loaded.problems));
        assert_eq!(problem.field.as_deref(), Some(field), "{problem}");
        assert_eq!(problem.file, "my-events.geojson");
        assert!(problem.message.contains("without its origin"), "{problem}");
        let index = loaded.dataset.index_of(id).expect("the event is kept");
        assert!(loaded.dataset.origin(index).is_none(), "{id}");
    }
    assert!(loaded.dataset.events_with_origin().is_empty());
}

#[test]
fn an_opened_file_reads_origins_and_reports_bad_ones_naming_the_event() {
    let mut features = vec![feature("good", GOOD_ORIGIN)];
    features.extend(
        bad_origins()
            .iter()
            .map(|(id, origin, _)| feature(id, origin)),
    );
    let text = collection(&features);
    let imported = import_bytes("opened.geojson", text.as_bytes(), &Progress::default());
    let dataset = &imported.dataset;
    assert_eq!(dataset.len(), 1 + bad_origins().len(), "every event loads");
    let good = dataset.index_of("good").expect("loaded");
    let origin = dataset.origin(good).expect("an origin");
    assert_eq!(origin.place, "Iraq");
    assert_eq!(origin.geo_precision, GeoPrecision::Country);
    assert_eq!(dataset.events_with_origin(), [good]);
    for (id, _, field) in bad_origins() {
        let rejection = imported
            .report
            .rejections
            .iter()
            .find(|r| r.reason.contains(&format!("'{id}'")))
            .unwrap_or_else(|| panic!("no report for {id}: {:#?}", imported.report.rejections));
        assert_eq!(rejection.column.as_deref(), Some(field), "{rejection:?}");
        assert!(rejection.reason.contains("without its origin"));
        let index = dataset.index_of(id).expect("kept");
        assert!(dataset.origin(index).is_none());
    }
}

#[test]
fn origins_survive_a_round_trip_through_geojson_and_are_written_to_csv() {
    let builtin = load_builtin().dataset;
    let all: Vec<usize> = builtin.indices().collect();
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("events.geojson");
    export(&builtin, &all, &path).expect("written");
    let back = import_file(&path, &Progress::default());
    assert_eq!(back.report.rejected, 0, "{:?}", back.report.rejections);
    let id = "al-asad-missile-attack";
    let before = builtin
        .origin(builtin.index_of(id).expect("present"))
        .expect("an origin");
    let after = back
        .dataset
        .origin(back.dataset.index_of(id).expect("present"))
        .expect("kept");
    assert_eq!(after.place, before.place);
    assert_eq!(after.position, before.position);
    assert_eq!(after.geo_precision, before.geo_precision);
    assert_eq!(after.notes, before.notes);
    let quotes = |origin: &chronomap::model::Origin| -> Vec<String> {
        origin.sources.iter().map(|c| c.quote.clone()).collect()
    };
    assert_eq!(quotes(after), quotes(before));
    assert_eq!(
        back.dataset.events_with_origin().len(),
        builtin.events_with_origin().len()
    );

    let csv_path = folder.path().join("events.csv");
    export(&builtin, &all, &csv_path).expect("written");
    let mut reader = csv::Reader::from_path(&csv_path).expect("readable");
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, CSV_COLUMNS);
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let row = reader
        .records()
        .map(|r| r.expect("a row"))
        .find(|r| &r[0] == id)
        .expect("the Al-Asad row");
    assert_eq!(&row[column("origin_place")], "Iraq");
    assert_eq!(&row[column("origin_latitude")], "34.3");
    assert_eq!(&row[column("origin_longitude")], "44.5");
    assert_eq!(&row[column("origin_precision")], "country");
    assert!(row[column("origin_quotes")].contains("launched from within Iraq"));
}
