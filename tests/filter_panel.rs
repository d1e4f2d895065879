//! The filter panel, driven as a person would: find Kataib Hezbollah by typing part of its
//! name, tick it and see only its events on the map, in the table and in the counts; add a
//! type; remove a filter with its chip; the counts beside each value follow the other
//! filters.

use chronomap::ChronomapApp;
use chronomap::io::load_builtin;
use chronomap::model::{EventIndex, parse_filter};
use chronomap::ui::{
    CHART_SUMMARY, FILTERS_LABEL, FIND_ACTOR_LABEL, TABLE_LABEL, chip_label, facet_label,
};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

mod common;

fn harness() -> Harness<'static, ChronomapApp> {
    let mut harness = common::harness_on(load_builtin(), [1500.0, 1000.0]);
    harness.get_by_label(FILTERS_LABEL).click();
    harness.run_steps(3);
    harness
}

fn passing(app: &ChronomapApp, expression: &str) -> Vec<EventIndex> {
    let filter = parse_filter(expression).expect("valid");
    let matcher = filter.matcher(app.dataset());
    app.visible_events()
        .iter()
        .copied()
        .filter(|&i| matcher.admits(i))
        .collect()
}

/// The chart's series add up to `expected` events, one of them Kataib Hezbollah's.
fn assert_chart_counts(harness: &Harness<'static, ChronomapApp>, expected: u32) {
    let chart = harness.get_by_label_contains(CHART_SUMMARY);
    let summary = chart.accesskit_node().label().unwrap_or_default();
    let (_, series) = summary.split_once(": ").expect("series");
    let total: u32 = series
        .split(", ")
        .map(|entry| {
            let (_, count) = entry.rsplit_once(' ').expect("a count");
            count.parse::<u32>().expect("a number")
        })
        .sum();
    assert_eq!(total, expected, "{summary}");
    assert!(series.contains("Kataib Hezbollah "), "{summary}");
}

#[test]
fn an_actor_found_by_name_and_ticked_leaves_only_its_events() {
    let mut harness = harness();
    let all = harness.state().visible_events().len();
    let kh_events = passing(harness.state(), "actor:kataib_hezbollah").len() as u32;
    harness.get_by_label(FIND_ACTOR_LABEL).click();
    harness.run_steps(1);
    harness.get_by_label(FIND_ACTOR_LABEL).type_text("hezb");
    harness.run_steps(2);
    // The count beside it is the number of its events.
    let label = facet_label("Kataib Hezbollah", kh_events);
    harness.get_by_label(&label).click();
    harness.run_steps(4);
    let app = harness.state();
    assert_eq!(app.visible_events().len() as u32, kh_events);
    assert!(app.visible_events().len() < all);
    assert_eq!(
        app.visible_events(),
        passing(app, "actor:kataib_hezbollah").as_slice()
    );
    // The chart counts only its events, stacked by who carried them out (Kataib
    // Hezbollah in any role: the United States struck it).
    assert_chart_counts(&harness, kh_events);
    // The table shows the same events.
    harness.get_by_label(TABLE_LABEL).click();
    harness.run_steps(3);
    harness.get_by_label(&format!("{kh_events} events"));

    // Its chip removes it again.
    harness
        .get_by_label(&chip_label("actor:kataib_hezbollah"))
        .click();
    harness.run_steps(4);
    assert_eq!(harness.state().visible_events().len(), all);
}

#[test]
fn a_type_narrows_the_map_and_the_actor_counts_follow() {
    let mut harness = harness();
    let airstrikes = passing(harness.state(), "type:airstrike").len() as u32;
    // The types come after the built-in dataset's 24 actors, below the window: the box is
    // ticked through accesskit, as a screen reader would.
    harness
        .get_by_label(&facet_label("Airstrike", airstrikes))
        .click_accesskit();
    harness.run_steps(4);
    assert_eq!(harness.state().visible_events().len() as u32, airstrikes);
    // Actor counts now count airstrikes only.
    let us_airstrikes = passing(harness.state(), "actor:us type:airstrike").len() as u32;
    harness.get_by_label(&facet_label("United States", us_airstrikes));
    // Clear everything from the chip.
    harness.get_by_label(&chip_label("type:Airstrike")).click();
    harness.run_steps(4);
    assert_eq!(
        harness.state().visible_events().len(),
        harness.state().dataset().len()
    );
}

/// Kataib Hezbollah as initiator: only what it carried out, on the map, in the table and
/// in the chart, where every bar is its own.
#[test]
fn kataib_hezbollah_as_initiator_leaves_only_what_it_did() {
    let mut harness = harness();
    let any_role = passing(harness.state(), "actor:kataib_hezbollah").len() as u32;
    let as_initiator = passing(harness.state(), "initiator:kataib_hezbollah");
    assert!(!as_initiator.is_empty() && (as_initiator.len() as u32) < any_role);
    harness.get_by_label("initiator").click();
    harness.run_steps(2);
    harness.get_by_label(FIND_ACTOR_LABEL).click();
    harness.run_steps(1);
    harness.get_by_label(FIND_ACTOR_LABEL).type_text("kataib");
    harness.run_steps(2);
    harness
        .get_by_label(&facet_label("Kataib Hezbollah", any_role))
        .click();
    harness.run_steps(4);
    assert_eq!(harness.state().visible_events(), as_initiator.as_slice());
    assert_eq!(
        harness.state().view().filter.actors.first().map(|c| c.role),
        Some(chronomap::model::ActorRole::Initiator)
    );
    let n = as_initiator.len() as u32;
    assert_chart_counts(&harness, n);
    harness.get_by_label(TABLE_LABEL).click();
    harness.run_steps(3);
    harness.get_by_label(&format!("{n} events"));
}
