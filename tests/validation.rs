//! Loading and validating datasets: good files load, each kind of bad input gives a message
//! naming the file, the feature and the field, and the rest of the file still loads.

use chronomap::io::{DatasetFiles, load, load_builtin, load_events_file};
use chronomap::model::{Loaded, Problem};

const ARTICLE: &str = "The strikes targeted facilities in Jurf al-Sakhar.\nThey hit\nthree sites.";

const ACTORS: &str = r##"[
  {"id": "us", "name": "United States", "aliases": ["US"], "parent": null, "color": "#1f5fbf"},
  {"id": "kh", "name": "Kataib Hezbollah", "aliases": [], "parent": null, "color": "#c0392b"}
]"##;

const SOURCES: &str = r#"[
  {"id": "a1", "file": "a1.txt", "headline": null, "outlet": null, "published": null, "notes": "test"}
]"#;

fn feature(id: &str, extra: &str) -> String {
    format!(
        r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [44.1, 32.9]}},
            "properties": {{"id": "{id}", "title": "Strike {id}", "summary": "s",
              "start": "2024-01-23", "time_precision": "day", "place": "Jurf al-Sakhar",
              "country": "IRQ", "geo_precision": "town", "event_type": "airstrike",
              "initiators": ["us"], "targets": ["kh"], "killed": null, "injured": null,
              "sources": [{{"source": "a1", "quote": "They hit three sites."}}],
              "disputes": [] {extra} }} }}"#
    )
}

fn with_override(id: &str, field: &str, value: &str) -> String {
    // Later keys win in serde_json, so appending a key overrides the default.
    feature(id, &format!(", \"{field}\": {value}"))
}

fn load_features(features: &[String]) -> Loaded {
    let events = format!(
        r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
        features.join(",")
    );
    load_text(&events)
}

fn load_text(events: &str) -> Loaded {
    let files = DatasetFiles {
        events_file: "my-events.geojson".into(),
        events: events.into(),
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

fn only_problem(loaded: &Loaded) -> &Problem {
    assert_eq!(loaded.problems.len(), 1, "problems: {:#?}", loaded.problems);
    &loaded.problems[0]
}

#[test]
fn the_built_in_dataset_loads_without_problems() {
    let loaded = load_builtin();
    let messages: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert!(messages.is_empty(), "{messages:#?}");
    assert!(
        loaded.dataset.len() >= 12,
        "only {} events",
        loaded.dataset.len()
    );
    assert_eq!(loaded.dataset.sources().len(), 5);
}

#[test]
fn a_good_feature_loads_with_a_quote_that_spans_a_line_break() {
    let loaded = load_features(&[feature("ok", "")]);
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    let event = &loaded.dataset.event(0).expect("an event");
    assert_eq!(event.id, "ok");
    assert_eq!(
        loaded.dataset.actors().name(event.initiators[0]),
        "United States"
    );
}

#[test]
fn a_quote_missing_from_its_article_names_the_feature_and_field() {
    let bad = with_override(
        "bad-quote",
        "sources",
        r#"[{"source": "a1", "quote": "They hit four sites."}]"#,
    );
    let loaded = load_features(&[feature("good", ""), bad]);
    let problem = only_problem(&loaded);
    assert_eq!(problem.file, "my-events.geojson");
    assert_eq!(problem.feature.as_deref(), Some("bad-quote"));
    assert_eq!(problem.field.as_deref(), Some("sources"));
    assert!(
        problem.message.contains("does not occur in a1"),
        "{}",
        problem.message
    );
    // The good feature still loads.
    assert_eq!(loaded.dataset.len(), 1);
    assert_eq!(loaded.dataset.event(0).expect("an event").id, "good");
}

#[test]
fn unknown_actors_and_sources_are_named() {
    let loaded = load_features(&[with_override("who", "initiators", r#"["houthis"]"#)]);
    let problem = only_problem(&loaded);
    assert_eq!(problem.field.as_deref(), Some("initiators"));
    assert!(problem.message.contains("unknown actor id 'houthis'"));

    let loaded = load_features(&[with_override(
        "where-from",
        "sources",
        r#"[{"source": "nope", "quote": "They hit three sites."}]"#,
    )]);
    assert!(
        only_problem(&loaded)
            .message
            .contains("unknown source id 'nope'")
    );
}

#[test]
fn duplicate_ids_are_refused() {
    let loaded = load_features(&[feature("twice", ""), feature("twice", "")]);
    let problem = only_problem(&loaded);
    assert_eq!(problem.feature.as_deref(), Some("twice"));
    assert_eq!(problem.field.as_deref(), Some("id"));
    assert_eq!(loaded.dataset.len(), 1);
}

#[test]
fn dates_must_parse_and_end_must_not_precede_start() {
    let loaded = load_features(&[with_override("when", "start", r#""Saturday""#)]);
    let problem = only_problem(&loaded);
    assert_eq!(problem.field.as_deref(), Some("start"));
    assert!(
        problem.message.contains("'Saturday' is not a date"),
        "{}",
        problem.message
    );

    let loaded = load_features(&[with_override("backwards", "end", r#""2024-01-01""#)]);
    let problem = only_problem(&loaded);
    assert_eq!(problem.field.as_deref(), Some("end"));
    assert!(problem.message.contains("before it starts"));

    let loaded = load_features(&[with_override("fuzzy", "time_precision", r#""fortnight""#)]);
    let problem = only_problem(&loaded);
    assert_eq!(problem.field.as_deref(), Some("time_precision"));
    assert!(
        problem.message.contains("'fortnight'"),
        "{}",
        problem.message
    );
}

#[test]
fn coordinates_must_be_a_valid_point() {
    let loaded = load_features(&[feature("far", "").replace("[44.1, 32.9]", "[44.1, 132.9]")]);
    let problem = only_problem(&loaded);
    assert_eq!(problem.feature.as_deref(), Some("far"));
    assert_eq!(problem.field.as_deref(), Some("geometry"));
    assert!(problem.message.contains("latitude 132.9"));

    let line = feature("line", "").replace(
        r#""type": "Point", "coordinates": [44.1, 32.9]"#,
        r#""type": "LineString", "coordinates": [[44.1, 32.9], [44.2, 33.0]]"#,
    );
    let problem = load_features(&[line]).problems.remove(0);
    assert_eq!(problem.field.as_deref(), Some("geometry"));
    assert!(
        problem
            .message
            .contains("must be a Point, not a LineString"),
        "{}",
        problem.message
    );
}

#[test]
fn wrong_types_name_the_field() {
    let loaded = load_features(&[with_override("typed", "killed", r#""two""#)]);
    let problem = only_problem(&loaded);
    assert_eq!(problem.feature.as_deref(), Some("typed"));
    assert_eq!(problem.field.as_deref(), Some("killed"));
    assert!(
        problem
            .message
            .contains("must be a number or null, not text")
    );
}

#[test]
fn broken_files_are_reported_not_fatal() {
    let loaded = load_text("{ not json");
    let problem = only_problem(&loaded);
    assert_eq!(problem.file, "my-events.geojson");
    assert!(
        problem.message.contains("not valid JSON (line 1"),
        "{}",
        problem.message
    );
    assert!(loaded.dataset.is_empty());

    let loaded = load_text(r#"{"type": "Feature"}"#);
    assert!(
        only_problem(&loaded)
            .message
            .contains("not a GeoJSON FeatureCollection")
    );
}

#[test]
fn a_real_file_on_disk_loads_and_a_missing_one_falls_back() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("events.geojson");
    std::fs::write(&path, "[1, 2").expect("write");
    let loaded = load_events_file(&path);
    let problem = only_problem(&loaded);
    assert_eq!(problem.file, path.display().to_string());
    assert!(problem.message.contains("not valid JSON"));

    let missing = dir.path().join("missing.geojson");
    let loaded = load_events_file(&missing);
    assert!(loaded.problems[0].message.contains("could not be read"));
    assert!(
        !loaded.dataset.is_empty(),
        "the built-in events are shown instead"
    );
    // The file that failed is left as it was.
    assert_eq!(
        std::fs::read_to_string(&path).expect("still there"),
        "[1, 2"
    );
}

#[test]
fn problems_read_as_sentences() {
    let problem = Problem::in_field("events.geojson", "al-asad", "start", "is missing");
    assert_eq!(
        problem.to_string(),
        "events.geojson: feature 'al-asad', field 'start': is missing"
    );
}

#[test]
fn a_point_outside_the_country_it_names_is_reported() {
    // Tehran is in Iran, not Iraq.
    let wrong = feature("wrong-country", "").replace("[44.1, 32.9]", "[51.39, 35.69]");
    let loaded = load_features(&[wrong]);
    let problem = only_problem(&loaded);
    assert_eq!(problem.feature.as_deref(), Some("wrong-country"));
    assert_eq!(problem.field.as_deref(), Some("country"));
    assert!(
        problem.message.contains("lies in IRN, not in IRQ"),
        "{}",
        problem.message
    );
}

#[test]
fn a_sea_event_must_be_in_the_sea_it_names() {
    let at_sea = |id: &str, lon_lat: &str| {
        feature(id, r#", "country": null, "sea": "Red Sea""#).replace("[44.1, 32.9]", lon_lat)
    };
    let loaded = load_features(&[at_sea("in-the-red-sea", "[40.0, 18.0]")]);
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);

    let loaded = load_features(&[at_sea("in-the-desert", "[45.0, 24.0]")]);
    let problem = only_problem(&loaded);
    assert_eq!(problem.field.as_deref(), Some("sea"));
    assert!(
        problem.message.contains("on land, in SAU"),
        "{}",
        problem.message
    );

    let loaded = load_features(&[at_sea("in-the-gulf", "[51.0, 27.0]")]);
    let problem = only_problem(&loaded);
    assert!(
        problem.message.contains("not in the Red Sea"),
        "{}",
        problem.message
    );
}

#[test]
fn a_figure_carries_a_qualifier_from_the_vocabulary_and_only_with_a_figure() {
    let good = feature("over", r#", "killed": 130, "killed_qualifier": "over""#);
    let loaded = load_features(&[good]);
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    let event = loaded.dataset.event(0).expect("the event");
    assert_eq!(
        event.figure_words(event.killed, chronomap::model::KILLED_QUALIFIER),
        "over 130"
    );

    let unknown = feature("nearly", r#", "killed": 3, "killed_qualifier": "nearly""#);
    let loaded = load_features(&[unknown]);
    let problem = only_problem(&loaded);
    assert_eq!(problem.feature.as_deref(), Some("nearly"));
    assert_eq!(problem.field.as_deref(), Some("killed_qualifier"));
    assert!(
        problem
            .message
            .contains("'nearly' is not one of: at least, over")
    );

    let bare = with_override("bare", "injured_qualifier", r#""about""#);
    let loaded = load_features(&[bare]);
    let problem = only_problem(&loaded);
    assert_eq!(problem.field.as_deref(), Some("injured_qualifier"));
    assert!(problem.message.contains("not given"), "{}", problem.message);
}

#[test]
fn supporters_are_a_third_role_with_checked_ids() {
    let good = with_override("backed", "supporters", r#"["kh"]"#);
    let loaded = load_features(&[good]);
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    let event = loaded.dataset.event(0).expect("the event");
    assert_eq!(event.supporters.len(), 1);
    assert_eq!(
        loaded.dataset.actors().name(event.supporters[0]),
        "Kataib Hezbollah"
    );

    let unknown = with_override("nobody", "supporters", r#"["nobody"]"#);
    let loaded = load_features(&[unknown]);
    let problem = only_problem(&loaded);
    assert_eq!(problem.field.as_deref(), Some("supporters"));
    assert!(problem.message.contains("unknown actor id 'nobody'"));
}
