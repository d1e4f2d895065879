//! The map's legend, driven as a person would: it names the colours in view with their
//! counts; a click on an entry shows only those events, Ctrl+click adds more; "Colour by"
//! recolours the map by event type and the legend follows.

use chronomap::map::{COLOR_BY_LABEL, legend_label};
use chronomap::model::{Role, parse_filter};
use chronomap::tint::{ColorBy, Tint};
use chronomap::ui::{CHART_SUMMARY, palette};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

mod common;

use common::harness;

#[test]
fn a_click_on_an_initiator_in_the_legend_shows_only_its_events() {
    let mut harness = harness();
    harness.get_by_label(&legend_label("Houthis")).click();
    harness.run_steps(3);
    let app = harness.state();
    let houthis = app.dataset().actors().id_of("houthis").expect("built in");
    assert!(!app.visible_events().is_empty());
    for &index in app.visible_events() {
        assert!(
            app.dataset()
                .mentions(index)
                .any(|(a, r)| a == houthis && r == Role::Initiator)
        );
    }
    assert_eq!(
        app.view().filter,
        parse_filter("initiator:houthis").expect("valid")
    );
}

#[test]
fn colouring_by_type_recolours_the_events_and_the_legend_names_types() {
    let mut harness = harness();
    harness.get_by_label(COLOR_BY_LABEL).click();
    harness.run_steps(2);
    harness.get_by_label("event type").click();
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(app.view().color_by, ColorBy::Type);
    let dataset = app.dataset();
    let index = dataset
        .index_of("al-asad-missile-attack")
        .expect("built in");
    let by_type = palette::tint_color(dataset, app.view(), Tint::Type(dataset.type_id(index)));
    assert_eq!(palette::event_color(dataset, app.view(), index), by_type);
    // The chart's bars are stacked by type too.
    let chart = harness.get_by_label_contains(CHART_SUMMARY);
    let summary = chart.accesskit_node().label().unwrap_or_default();
    assert!(summary.contains("by event type: "), "{summary}");
    assert!(summary.contains("Airstrike "), "{summary}");
    // The legend names types now; Ctrl+click adds a second one.
    harness.get_by_label(&legend_label("Airstrike")).click();
    harness.run_steps(3);
    harness
        .get_by_label(&legend_label("Missile attack"))
        .click_modifiers(egui::Modifiers::COMMAND);
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(
        app.view().filter,
        parse_filter("type:Airstrike type:\"Missile attack\"").expect("valid")
    );
    for &index in app.visible_events() {
        let label = app.dataset().type_label(index);
        assert!(label == "Airstrike" || label == "Missile attack", "{label}");
    }
}
