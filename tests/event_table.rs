//! The event table, driven as a person would: open it, see the events on show, sort by a
//! column, click a row to select its event, move with ↓; a filter narrows it too.

use chronomap::ChronomapApp;
use chronomap::io::load_builtin;
use chronomap::model::{ActorChoice, ActorRole, EventFilter};
use chronomap::ui::{TABLE_LABEL, TableColumn, sorted_events};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;

fn harness() -> Harness<'static, ChronomapApp> {
    let mut harness = common::harness_on(load_builtin(), [1400.0, 1000.0]);
    harness.get_by_label(TABLE_LABEL).click();
    harness.run_steps(3);
    harness
}

#[test]
fn the_table_lists_the_events_on_show_and_a_click_selects_one() {
    let mut harness = harness();
    let count = harness.state().visible_events().len();
    harness.get_by_label(&format!("{count} events"));
    // The oldest event is the first row.
    let first = harness.state().visible_events()[0];
    let title = harness.state().dataset().title(first).into_owned();
    // Its title appears in the table and in the source panel's list; the table's cell is
    // the leftmost. A pointer click on it selects the row's event.
    harness
        .get_all_by_label(&title)
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("its row")
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().view().selected, Some(first));

    // ↓ moves to the next row.
    harness.key_press(egui::Key::ArrowDown);
    harness.run_steps(3);
    let second = harness.state().visible_events()[1];
    assert_eq!(harness.state().view().selected, Some(second));
}

#[test]
fn a_click_on_a_heading_sorts_by_that_column_and_again_reverses_it() {
    let mut harness = harness();
    harness.get_by_label("Killed").click();
    harness.run_steps(3);

    let app = harness.state();
    let expected = sorted_events(
        app.dataset(),
        app.visible_events(),
        TableColumn::Killed,
        false,
    );
    assert!(
        expected
            .windows(2)
            .all(|w| app.dataset().killed(w[0]) <= app.dataset().killed(w[1]))
    );
    // The most killed comes last; click again and it comes first.
    harness.get_by_label("Killed ⏶").click();
    harness.run_steps(3);
    harness.get_by_label("Killed ⏷");
}

#[test]
fn a_filter_narrows_the_table() {
    let mut harness = harness();
    let mut filter = EventFilter::default();
    filter.actors.insert(ActorChoice {
        actor: "houthis".to_owned(),
        role: ActorRole::Initiator,
    });
    harness
        .state_mut()
        .apply(chronomap::Command::SetFilter(filter));
    harness.run_steps(3);
    let shown = harness.state().visible_events().len();
    assert!(shown > 0 && shown < harness.state().dataset().len());
    harness.get_by_label(&format!("{shown} events"));
}
