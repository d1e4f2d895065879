//! Presenter mode: entered from the View menu or with F5, stepped with a clicker's keys,
//! each step putting back its time, selection and camera, and left with Esc.

mod common;

use chronomap::story::Story;
use chronomap::ui;
use egui::Key;
use egui_kittest::kittest::Queryable as _;

fn story() -> Story {
    Story::builtin().expect("the built-in story")
}

/// Runs frames until the camera has arrived and the time cursor has glided to the step.
fn arrive(harness: &mut egui_kittest::Harness<'static, chronomap::ChronomapApp>) {
    common::run_until(harness, "the step to be reached", |h| {
        !h.state().map().is_flying() && !h.state().presenter().is_gliding()
    });
}

#[test]
fn the_arrow_keys_step_through_the_story_and_esc_leaves() {
    let story = story();
    let mut harness = common::harness();
    harness
        .get_by_label(chronomap::app::VIEW_MENU_LABEL)
        .click();
    harness.run_steps(4);
    harness.get_by_label(ui::PRESENT_LABEL).click();
    harness.run_steps(4);
    assert!(harness.state().presenter().is_active());
    assert_eq!(harness.state().presenter().step(), 0);
    harness.get_by_label_contains(&story.steps[0].caption[0].text);
    // The side panel gives way; the timeline stays.
    assert!(harness.query_by_label(ui::EVENTS_TAB).is_none());
    harness.get_by_label(ui::SLIDER_LABEL);

    for _ in 0..3 {
        harness.key_press(Key::ArrowRight);
        harness.run_steps(4);
    }
    arrive(&mut harness);
    let step = &story.steps[3];
    let app = harness.state();
    assert_eq!(app.presenter().step(), 3);
    let selected = step.selected.as_deref().expect("the step selects an event");
    let index = app.dataset().index_of(selected).expect("the event exists");
    assert_eq!(app.view().selected, Some(index));
    assert_eq!(
        app.view().time.time(),
        step.time.cursor_time().expect("a cursor"),
        "the time cursor has arrived at the step's time"
    );
    harness.get_by_label_contains(&step.caption[0].text);
    harness.get_by_label_contains(&step.caption[1].text);
    harness.get_by_label_contains(&format!("On the map: {}", app.dataset().title(index)));

    harness.key_press(Key::ArrowLeft);
    harness.run_steps(4);
    assert_eq!(harness.state().presenter().step(), 2);
    harness.get_by_label_contains(&story.steps[2].caption[0].text);

    harness.key_press(Key::Escape);
    harness.run_steps(4);
    assert!(!harness.state().presenter().is_active());
    assert!(
        harness
            .query_by_label_contains(&story.steps[2].caption[0].text)
            .is_none()
    );
    // Back in the app, the step's event is selected in the source panel.
    harness.get_by_label(ui::EVENTS_TAB);
}

#[test]
fn f5_enters_home_end_and_the_dots_jump_and_c_shows_the_chart() {
    let story = story();
    let last = story.steps.len() - 1;
    let mut harness = common::harness();
    harness.key_press(Key::F5);
    harness.run_steps(4);
    assert!(harness.state().presenter().is_active());
    harness.key_press(Key::End);
    harness.run_steps(4);
    assert_eq!(harness.state().presenter().step(), last);
    // Past the last step, → stays there.
    harness.key_press(Key::Space);
    harness.run_steps(4);
    assert_eq!(harness.state().presenter().step(), last);
    harness.key_press(Key::Home);
    harness.run_steps(4);
    assert_eq!(harness.state().presenter().step(), 0);
    harness.key_press(Key::PageDown);
    harness.run_steps(4);
    assert_eq!(harness.state().presenter().step(), 1);
    harness.key_press(Key::PageUp);
    harness.run_steps(4);
    assert_eq!(harness.state().presenter().step(), 0);
    harness
        .get_by_label(&ui::step_dot_label(5, &story.steps[5].title))
        .click();
    harness.run_steps(4);
    assert_eq!(harness.state().presenter().step(), 5);
    arrive(&mut harness);
    harness.get_by_label_contains(&story.steps[5].caption[1].text);
    // The escalation chart comes and goes with C, its bars described for screen readers.
    assert!(
        harness
            .query_by_label_contains(ui::ESCALATION_CHART_TITLE)
            .is_none()
    );
    harness.key_press(Key::C);
    common::run_until(&mut harness, "the chart to be counted", |h| {
        h.query_by_label_contains("in all; most").is_some()
    });
    harness.key_press(Key::C);
    harness.run_steps(4);
    assert!(harness.query_by_label_contains("in all; most").is_none());
    harness.get_by_label(ui::LEAVE_PRESENTER_LABEL).click();
    harness.run_steps(4);
    assert!(!harness.state().presenter().is_active());
}

#[test]
fn the_story_editor_adds_the_view_reorders_deletes_saves_and_keeps_the_story_on_a_bad_file() {
    let story = story();
    let count = story.steps.len();
    let mut harness = common::harness();
    let al_asad = harness
        .state()
        .dataset()
        .index_of("al-asad-missile-attack")
        .expect("the event");
    harness
        .state_mut()
        .apply(chronomap::Command::Select(Some(al_asad)));
    harness.state_mut().show_story_editor(true);
    harness.run_steps(4);
    harness.get_by_label(ui::ADD_VIEW_AS_STEP_LABEL).click();
    harness.run_steps(4);
    let steps = &harness.state().presenter().story().steps;
    assert_eq!(steps.len(), count + 1);
    let added = steps.last().expect("a step");
    assert_eq!(added.selected.as_deref(), Some("al-asad-missile-attack"));
    assert!(added.caption.is_empty());

    // Move the new step up one place, then delete it.
    // The editor's window is shorter than the list: pressed through accesskit, as a screen
    // reader would.
    harness
        .get_by_label(&ui::step_button_label("Move up", count))
        .click_accesskit();
    harness.run_steps(4);
    let steps = &harness.state().presenter().story().steps;
    assert_eq!(
        steps[count - 1].selected.as_deref(),
        Some("al-asad-missile-attack")
    );
    assert_eq!(steps[count].title, story.steps[count - 1].title);
    harness
        .get_by_label(&ui::step_button_label("Delete", count - 1))
        .click_accesskit();
    harness.run_steps(4);
    assert_eq!(harness.state().presenter().story(), &story);

    // Saved atomically, it reads back the same.
    let folder = tempfile::tempdir().expect("a folder");
    let saved = folder.path().join("saved.json");
    harness.state_mut().save_story_to(saved.clone());
    common::run_until(&mut harness, "the story to be saved", |h| {
        !h.state().is_busy_with_story_file()
    });
    assert_eq!(
        harness.state().story_outcome(),
        Some(&Ok("Saved the story to saved.json".to_owned()))
    );
    assert_eq!(Story::read(&saved).expect("it reads back"), story);

    // A story naming an event that does not exist is refused, and the open one kept.
    let bad = folder.path().join("bad.json");
    let text = std::fs::read_to_string(&saved).expect("the saved story");
    std::fs::write(
        &bad,
        text.replace("al-asad-missile-attack", "no-such-event"),
    )
    .expect("bad");
    harness.state_mut().open_story_file(bad);
    common::run_until(&mut harness, "the story to be read", |h| {
        !h.state().is_busy_with_story_file()
    });
    let Some(Err(message)) = harness.state().story_outcome() else {
        panic!("the bad story was opened");
    };
    assert!(
        message.contains("bad.json: step 6 ('The attack on Al-Asad air base'), field 'selected': there is no event 'no-such-event'"),
        "{message}"
    );
    assert_eq!(harness.state().presenter().story(), &story);
    assert!(
        harness
            .query_all_by_label_contains("field 'selected': there is no event 'no-such-event'")
            .count()
            >= 1,
        "the editor says why"
    );

    // A file that is not a story at all says so, and the open one is kept.
    let broken = folder.path().join("broken.json");
    std::fs::write(
        &broken,
        "{ \"chronomap_story\": 1, \"steps\": [ { \"title\": \"x\" } ] }",
    )
    .expect("broken");
    harness.state_mut().open_story_file(broken);
    common::run_until(&mut harness, "the story to be read", |h| {
        !h.state().is_busy_with_story_file()
    });
    let Some(Err(message)) = harness.state().story_outcome() else {
        panic!("the broken story was opened");
    };
    assert!(
        message.contains("broken.json: step 1 ('x'), field 'time': is missing"),
        "{message}"
    );
    assert_eq!(harness.state().presenter().story(), &story);
}
