//! The app driven as a person would: find widgets by their labels, click, drag the slider,
//! and look at what the map and the source panel show.

use chronomap::ChronomapApp;
use chronomap::io::load;
use chronomap::map::marker_label;
use chronomap::model::{Loaded, TimePoint};
use chronomap::ui::{BACK_LABEL, PROBLEMS_TITLE, SLIDER_LABEL, claim_label};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use common::harness;

mod common;

fn harness_with(loaded: Loaded) -> Harness<'static, ChronomapApp> {
    common::harness_on(loaded, [1400.0, 900.0])
}

/// The Al-Asad missile attack: (index, title, first quote).
fn al_asad(app: &ChronomapApp) -> (usize, String, String) {
    let dataset = app.dataset();
    let (index, event) = dataset
        .iter_events()
        .enumerate()
        .find(|(_, event)| event.place.contains("Asad") && event.event_type == "Missile attack")
        .expect("the built-in data has the Al-Asad attack");
    (index, event.title.clone(), event.sources[0].quote.clone())
}

/// The event that comes first in time: (title, start).
fn first_event(app: &ChronomapApp) -> (String, TimePoint) {
    let dataset = app.dataset();
    let event = &dataset.event(0).expect("an event");
    (event.title.clone(), dataset.span_of(0).expect("an event").0)
}

#[test]
fn clicking_a_marker_shows_the_sentences_that_report_it() {
    let mut harness = harness();
    let (index, title, quote) = al_asad(harness.state());
    assert!(
        harness.query_by_label(&quote).is_none(),
        "nothing is selected yet"
    );

    harness.get_by_label(&marker_label(&title)).click();
    harness.run_steps(3);

    assert_eq!(harness.state().view().selected, Some(index));
    harness.get_by_label(&quote);
    // The articles disagree on the day of the attack; both claims are on show.
    let event = &harness.state().dataset().event(index).expect("an event");
    let dispute = event
        .disputes
        .iter()
        .find(|d| d.field == "start")
        .expect("the day of the attack is disputed");
    for claim in &dispute.claims {
        harness.get_by_label(&claim_label(&claim.value));
    }

    harness.get_by_label(BACK_LABEL).click();
    harness.run_steps(3);
    assert_eq!(harness.state().view().selected, None);
    assert!(harness.query_by_label(&quote).is_none());
}

#[test]
fn choosing_an_event_from_the_list_selects_it() {
    let mut harness = harness();
    let (index, title, quote) = al_asad(harness.state());
    // In the list, the title is a link; on the map, the marker has its own label.
    harness.get_by_label(&title).click();
    harness.run_steps(3);
    assert_eq!(harness.state().view().selected, Some(index));
    harness.get_by_label(&quote);
}

#[test]
fn moving_the_slider_back_hides_later_events_from_the_map() {
    let mut harness = harness();
    let (_, al_asad_title, _) = al_asad(harness.state());
    let (first_title, first_start) = first_event(harness.state());
    let al_asad_marker = marker_label(&al_asad_title);
    harness.get_by_label(&al_asad_marker);

    // Just after the first event began: only events that had begun by then are shown.
    harness
        .get_by_label(SLIDER_LABEL)
        .set_value_accesskit(first_start.plus_seconds(3600).as_f64());
    harness.run_steps(3);
    assert!(
        harness.query_by_label(&al_asad_marker).is_none(),
        "Al-Asad is later"
    );
    harness.get_by_label(&marker_label(&first_title));
    assert!(harness.state().visible_events().len() < harness.state().dataset().len());

    // The end key brings every event back.
    harness.get_by_label(SLIDER_LABEL).focus();
    harness.run_steps(1);
    harness.key_press(egui::Key::End);
    harness.run_steps(3);
    harness.get_by_label(&al_asad_marker);
    assert_eq!(
        harness.state().visible_events().len(),
        harness.state().dataset().len()
    );

    // Home goes before the first event: the map is empty.
    harness.key_press(egui::Key::Home);
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label(&marker_label(&first_title))
            .is_none()
    );
    assert_eq!(harness.state().visible_events().len(), 0);
}

#[test]
fn a_broken_events_file_is_shown_as_problems_not_a_crash() {
    let mut files = chronomap::io::builtin_files();
    files.events_file = "broken.geojson".into();
    files.events = r#"{"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [42.44, 33.79]},
         "properties": {"id": "no-date", "title": "T", "place": "P", "time_precision": "day",
                        "geo_precision": "site", "event_type": "airstrike"}}]}"#
        .into();
    let loaded = load(&files, &|file| chronomap::io::article(file));
    let harness = harness_with(loaded);
    harness.get_by_label(PROBLEMS_TITLE);
    harness.get_by_label("broken.geojson: feature 'no-date', field 'start': is missing");
}

#[test]
fn thousands_of_events_are_drawn_as_clusters_and_the_app_keeps_running() {
    let dataset = chronomap::model::synthetic::dataset(5_000, 300, 5);
    let loaded = Loaded {
        dataset,
        problems: Vec::new(),
    };
    let mut harness = harness_with(loaded);
    harness.run_steps(4);
    assert_eq!(harness.state().visible_events().len(), 5_000);
    // Too many for a marker each: the map shows clusters with counts.
    let clusters = harness.query_all_by_label_contains("Cluster of ").count();
    assert!((1..500).contains(&clusters), "{clusters} clusters");
    // Time still moves the set.
    harness.key_press(egui::Key::Home);
    harness.run_steps(2);
    assert_eq!(harness.state().visible_events().len(), 0);
}
