//! The filter box, driven as a person would: type an expression and press Enter, and the
//! map, the counts and the lists show only what passes; a mistake is explained and changes
//! nothing; Clear brings everything back.

use chronomap::ChronomapApp;
use chronomap::model::Role;
use chronomap::ui::{CLEAR_FILTER_LABEL, FILTER_LABEL};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;

use common::{harness, settle};

fn type_filter(harness: &mut Harness<'static, ChronomapApp>, expression: &str) {
    let filter = harness.get_by_label(FILTER_LABEL);
    filter.click();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness.get_by_label(FILTER_LABEL).type_text(expression);
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(4);
}

#[test]
fn an_actor_typed_in_the_filter_box_leaves_only_its_events() {
    let mut harness = harness();
    let all = harness.state().visible_events().len();
    type_filter(&mut harness, "initiator:\"Kataib Hezbollah\"");
    let app = harness.state();
    let dataset = app.dataset();
    let kh = dataset
        .actors()
        .id_of("kataib_hezbollah")
        .expect("built in");
    let shown = app.visible_events();
    assert!(
        !shown.is_empty() && shown.len() < all,
        "{} of {all}",
        shown.len()
    );
    for &index in shown {
        assert!(
            dataset
                .mentions(index)
                .any(|(actor, role)| actor == kh && role == Role::Initiator),
            "{} is not by Kataib Hezbollah",
            dataset.title(index)
        );
    }
    // The count says so.
    let count = format!("{} of {all} events on the map", shown.len());
    harness.get_by_label(&count);

    // Clear: everything is back.
    harness.get_by_label(CLEAR_FILTER_LABEL).click();
    harness.run_steps(3);
    assert_eq!(harness.state().visible_events().len(), all);
}

#[test]
fn a_word_finds_its_place_whatever_the_apostrophe_and_a_mistake_changes_nothing() {
    let mut harness = harness();
    let all = harness.state().visible_events().len();
    type_filter(&mut harness, "Qaim");
    let shown = harness.state().visible_events().to_vec();
    assert!(!shown.is_empty() && shown.len() < all);
    let dataset = harness.state().dataset();
    for &index in &shown {
        let event = dataset.event(index).expect("an event");
        let text = format!(
            "{} {} {} {} {}",
            event.title,
            event.summary,
            event.place,
            event.notes.unwrap_or_default(),
            event
                .sources
                .iter()
                .map(|c| c.quote.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        );
        assert!(
            chronomap::model::fold(&text).contains("qaim"),
            "{}",
            event.title
        );
    }

    type_filter(&mut harness, "type:airstrike colour:red");
    harness.get_by_label_contains("unknown filter 'colour:'");
    assert_eq!(harness.state().visible_events(), shown, "nothing changed");
}

#[test]
fn a_large_dataset_is_filtered_in_the_background_and_the_map_follows() {
    let loaded = chronomap::model::Loaded {
        dataset: chronomap::model::synthetic::dataset(150_000, 100, 3),
        problems: Vec::new(),
    };
    let mut harness = common::harness_on(loaded, [1400.0, 900.0]);
    type_filter(&mut harness, "initiator:actor_3");
    settle(&mut harness);
    let app = harness.state();
    let dataset = app.dataset();
    let actor = dataset.actors().id_of("actor_3").expect("synthetic actor");
    let expected: Vec<usize> = dataset
        .indices()
        .filter(|&i| {
            dataset
                .mentions(i)
                .any(|(a, role)| a == actor && role == Role::Initiator)
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(app.visible_events(), expected);
}

#[test]
fn the_selection_goes_when_a_filter_hides_it_and_an_event_chosen_anyway_says_why() {
    let mut harness = harness();
    let al_asad = harness
        .state()
        .dataset()
        .index_of("al-asad-missile-attack")
        .expect("built in");
    harness
        .state_mut()
        .apply(chronomap::Command::Select(Some(al_asad)));
    harness.run_steps(2);
    type_filter(&mut harness, "actor:houthis");
    assert_eq!(harness.state().view().selected, None, "the filter hides it");
    // Chosen again (from a link, say), it says what keeps it off the map.
    harness
        .state_mut()
        .apply(chronomap::Command::Select(Some(al_asad)));
    harness.run_steps(3);
    harness.get_by_label(chronomap::ui::HIDDEN_BY_FILTERS_NOTE);
}

#[test]
fn the_events_on_show_are_exported_and_a_failed_export_says_why() {
    let mut harness = harness();
    type_filter(&mut harness, "initiator:houthis");
    let shown: Vec<String> = {
        let app = harness.state();
        let mut ids: Vec<String> = app
            .visible_events()
            .iter()
            .map(|&i| app.dataset().id(i).to_owned())
            .collect();
        ids.sort();
        ids
    };
    let folder = tempfile::tempdir().expect("a folder");
    let path = folder.path().join("houthis.geojson");
    harness.state_mut().export_shown_to(path.clone());
    settle(&mut harness);
    let message = format!("Wrote {} events to houthis.geojson", shown.len());
    harness.get_by_label(&message);
    let base = chronomap::io::builtin_base();
    let written =
        chronomap::io::import::import_file_with(&path, &Default::default(), Some(&base)).dataset;
    let mut ids: Vec<String> = written
        .indices()
        .map(|i| written.id(i).to_owned())
        .collect();
    ids.sort();
    assert_eq!(ids, shown);

    let nowhere = folder.path().join("no such folder").join("x.csv");
    harness.state_mut().export_shown_to(nowhere);
    settle(&mut harness);
    assert!(matches!(harness.state().export_outcome(), Some(Err(_))));
    harness.get_by_label_contains("Export failed:");
}
