//! View → Export video…: the settings a person chooses, and a recording under way, with its
//! progress and Cancel. (The frames themselves need a real window: `tests/export_steps.rs`
//! records the story under Xvfb.)

mod common;

use chronomap::export_video::{Playback, VideoOutcome};
use chronomap::ui;
use egui_kittest::kittest::Queryable as _;

#[test]
fn the_menu_opens_the_settings_with_the_story_and_the_playback_range() {
    let mut harness = common::harness();
    harness
        .get_by_label(chronomap::app::VIEW_MENU_LABEL)
        .click();
    harness.run_steps(4);
    harness.get_by_label(ui::EXPORT_VIDEO_LABEL).click();
    harness.run_steps(4);
    harness.get_by_label(ui::EXPORT_VIDEO_TITLE);
    let steps = harness.state().presenter().story().steps.len();
    harness.get_by_label(&format!("The story ({steps} steps)"));
    // The time control runs from the day before the first event (7 October 2023) to the
    // end of the day of the last one to begin (23 January 2024).
    harness.get_by_label("Playback from 2023-10-06 to 2024-01-23");
    harness.get_by_label(ui::VideoFormat::Gif.label()).click();
    harness.run_steps(2);
    harness.get_by_label_contains("Playback from").click();
    harness.run_steps(2);
    let dialog = harness.state_mut().video_dialog_mut();
    assert_eq!(dialog.format, ui::VideoFormat::Gif);
    assert_eq!(dialog.recording, ui::Recording::Playback);
    harness.get_by_label(ui::SAVE_VIDEO_LABEL);
}

#[test]
fn a_recording_holds_the_clock_still_until_its_frame_is_written_and_cancel_leaves_nothing() {
    let folder = tempfile::tempdir().expect("a folder");
    let path = folder.path().join("story.gif");
    let outcome = VideoOutcome::default();
    let mut harness = common::harness();
    harness
        .state_mut()
        .start_video_export(
            path.clone(),
            25,
            Playback::Story { hold_secs: 1.0 },
            outcome.clone(),
        )
        .expect("the recording starts");
    harness.run_steps(20);
    let app = harness.state();
    assert!(app.is_exporting_video());
    assert!(
        app.presenter().is_active(),
        "a story is recorded as presented"
    );
    assert_eq!(app.presenter().step(), 0);
    // No frame can be written here (a headless window delivers no image), so the clock
    // has not moved: the time cursor is still where its glide to the first step starts.
    assert!(app.presenter().is_gliding());

    harness.get_by_label(ui::VIDEO_PROGRESS_TITLE);
    harness.get_by_label_contains("Writing story.gif");
    harness.get_by_label(ui::CANCEL_VIDEO_LABEL).click();
    harness.run_steps(4);
    let app = harness.state();
    assert!(!app.is_exporting_video());
    assert!(!app.presenter().is_active(), "back to the app");
    let said = app.video_outcome().expect("an outcome").clone();
    assert!(said.is_err_and(|message| message.contains("cancelled")));
    harness.get_by_label_contains("Video: ");
    let left: Vec<_> = std::fs::read_dir(folder.path())
        .expect("the folder")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    assert!(
        left.is_empty(),
        "a cancelled recording leaves nothing: {left:?}"
    );
    assert!(matches!(
        outcome.lock().expect("the outcome").as_ref(),
        Some(Err(_))
    ));
}

#[test]
fn a_playback_recording_starts_the_time_control_at_the_range_start() {
    let folder = tempfile::tempdir().expect("a folder");
    let mut harness = common::harness();
    let (from, to) = harness.state().playback_range().expect("a range");
    harness
        .state_mut()
        .start_video_export(
            folder.path().join("frames"),
            10,
            Playback::Range { from, to },
            VideoOutcome::default(),
        )
        .expect("the recording starts");
    harness.run_steps(10);
    let app = harness.state();
    assert!(app.view().time.is_playing());
    assert_eq!(
        app.view().time.time(),
        from,
        "no frame written, so no time passed"
    );
    harness.get_by_label(ui::CANCEL_VIDEO_LABEL).click();
    harness.run_steps(4);
    assert!(!harness.state().view().time.is_playing());
    assert!(!folder.path().join("frames").exists());
}

#[test]
fn a_second_recording_is_refused_while_one_runs() {
    let folder = tempfile::tempdir().expect("a folder");
    let mut harness = common::harness();
    let story = Playback::Story { hold_secs: 1.0 };
    let app = harness.state_mut();
    app.start_video_export(
        folder.path().join("a.gif"),
        25,
        story,
        VideoOutcome::default(),
    )
    .expect("the first starts");
    let second = app.start_video_export(
        folder.path().join("b.gif"),
        25,
        story,
        VideoOutcome::default(),
    );
    assert!(second.is_err());
    app.cancel_video_export();
}
