//! The timeline driven as a person would: play, step with the keyboard, set a window.

use chronomap::ChronomapApp;
use chronomap::map::marker_label;
use chronomap::model::TimePoint;
use chronomap::time::TimeMode;
use chronomap::ui::{SLIDER_LABEL, timeline_labels};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use jiff::civil;

use common::harness;

mod common;

fn title_of(harness: &Harness<'_, ChronomapApp>, id: &str) -> String {
    let dataset = harness.state().dataset();
    let index = dataset.index_of(id).expect("event");
    dataset.event(index).expect("an event").title.clone()
}

#[test]
fn pressing_play_makes_events_appear_one_after_another() {
    let mut harness = harness();
    harness.get_by_label(timeline_labels::START).click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().visible_events().len(),
        0,
        "nothing before the first event"
    );

    harness.get_by_label(timeline_labels::SPEED).click();
    harness.run_steps(3);
    harness.get_by_label("1 month/s").click();
    harness.run_steps(1);
    harness.get_by_label(timeline_labels::PLAY).click();
    harness.run_steps(2);
    assert!(harness.state().view().time.is_playing());
    harness.get_by_label(timeline_labels::PAUSE);

    let mut counts = vec![harness.state().visible_events().len()];
    for _ in 0..20 {
        harness.run_steps(1); // 0.25 s of real time: about a week of data
        counts.push(harness.state().visible_events().len());
    }
    assert!(
        counts.windows(2).all(|w| w[0] <= w[1]),
        "cumulative: never fewer ({counts:?})"
    );
    assert!(
        counts.last() > counts.first(),
        "more events appeared ({counts:?})"
    );
    assert_eq!(
        *counts.last().expect("counts"),
        harness.state().dataset().len(),
        "played to the end"
    );
    assert!(
        !harness.state().view().time.is_playing(),
        "stopped at the end"
    );
}

#[test]
fn the_right_arrow_selects_the_next_event_in_time() {
    let mut harness = harness();
    harness.key_press(egui::Key::Home);
    harness.run_steps(2);
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    let first = harness
        .state()
        .dataset()
        .event(0)
        .expect("an event")
        .title
        .clone();
    assert_eq!(harness.state().view().selected, Some(0));
    harness.get_by_label(&first); // its title is shown in the source panel

    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(harness.state().view().selected, Some(1));
    let second = harness
        .state()
        .dataset()
        .event(1)
        .expect("an event")
        .title
        .clone();
    harness.get_by_label(&second);

    harness.key_press(egui::Key::ArrowLeft);
    harness.run_steps(2);
    assert_eq!(harness.state().view().selected, Some(0));
}

#[test]
fn space_plays_and_pauses() {
    let mut harness = harness();
    harness.key_press(egui::Key::Space);
    harness.run_steps(1);
    assert!(harness.state().view().time.is_playing());
    harness.key_press(egui::Key::Space);
    harness.run_steps(1);
    assert!(!harness.state().view().time.is_playing());
}

#[test]
fn a_three_day_window_leaves_older_events_off_the_map() {
    let mut harness = harness();
    harness.get_by_label(timeline_labels::MODE).click();
    harness.run_steps(3);
    harness.get_by_label("Window").click();
    harness.run_steps(2);
    assert_eq!(harness.state().view().time.mode(), TimeMode::Window);
    assert_eq!(harness.state().view().time.window_secs(), 3 * 86_400);

    // Put the cursor at the end of 21 January: the window is 19–21 January.
    let end_of_21st = TimePoint::from_date(civil::date(2024, 1, 22));
    harness
        .get_by_label(SLIDER_LABEL)
        .set_value_accesskit(end_of_21st.as_f64());
    harness.run_steps(3);

    let al_asad = marker_label(&title_of(&harness, "al-asad-missile-attack"));
    let baghdad = marker_label(&title_of(&harness, "baghdad-drone-strike-abu-taqwa"));
    let later = marker_label(&title_of(&harness, "us-strike-al-qaim"));
    harness.get_by_label(&al_asad);
    assert!(
        harness.query_by_label(&baghdad).is_none(),
        "4 January is outside the window"
    );
    assert!(
        harness.query_by_label(&later).is_none(),
        "23 January has not come yet"
    );

    // Back to cumulative: the older events return.
    harness.get_by_label(timeline_labels::MODE).click();
    harness.run_steps(3);
    harness.get_by_label("Cumulative").click();
    harness.run_steps(2);
    harness.get_by_label(&baghdad);
}

#[test]
fn selecting_an_event_outside_the_window_moves_the_cursor_to_it() {
    let mut harness = harness();
    harness.get_by_label(timeline_labels::MODE).click();
    harness.run_steps(3);
    harness.get_by_label("Window").click();
    harness.run_steps(2);
    let dataset = harness.state().dataset();
    let index = dataset
        .index_of("baghdad-drone-strike-abu-taqwa")
        .expect("event");
    let (start, _) = dataset.span_of(index).expect("span");
    harness
        .state_mut()
        .apply(chronomap::Command::Select(Some(index)));
    harness.run_steps(2);
    assert_eq!(harness.state().view().time.time(), start);
    assert!(harness.state().visible_events().contains(&index));
}

#[test]
fn the_arrow_keys_still_step_after_clicking_a_timeline_button() {
    let mut harness = harness();
    harness.get_by_label(timeline_labels::START).click();
    harness.run_steps(2);
    harness.get_by_label(timeline_labels::NEXT).click();
    harness.run_steps(2);
    assert_eq!(harness.state().view().selected, Some(0));
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(harness.state().view().selected, Some(1));
}
