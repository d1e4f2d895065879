//! The time control with a fixed time step: every mode, loop, speed and boundary.

use chronomap::model::{SECONDS_PER_DAY, TimePoint};
use chronomap::time::{LoopMode, MAX_SPEED, MIN_SPEED, TimeAction, TimeControl, TimeMode};

const DAY: i64 = SECONDS_PER_DAY;

fn day(n: i64) -> TimePoint {
    TimePoint(n * DAY)
}

/// Data from day 0 to day 10.
fn control() -> TimeControl {
    TimeControl::new(Some((day(0), day(10))))
}

#[test]
fn it_starts_paused_at_the_end_and_never_asks_for_frames_while_paused() {
    let mut time = control();
    assert_eq!(time.time(), day(10));
    assert!(!time.is_playing());
    for _ in 0..10 {
        assert!(!time.update(0.016, &[]), "a paused control is idle");
    }
    assert_eq!(time.time(), day(10));
}

#[test]
fn cumulative_playback_moves_at_its_speed_and_stops_at_the_end() {
    let mut time = control();
    time.go_to_start();
    time.set_speed(DAY as f64); // one day per second
    time.play();
    assert!(time.update(0.25, &[]));
    assert_eq!(time.time(), TimePoint(DAY / 4));
    for _ in 0..3 {
        time.update(0.25, &[]);
    }
    assert_eq!(time.time(), day(1));
    // Run past the end: loop off stops at the end.
    for _ in 0..100 {
        time.update(0.25, &[]);
    }
    assert_eq!(time.time(), day(10));
    assert!(!time.is_playing());
}

#[test]
fn a_long_frame_is_clamped_so_playback_does_not_jump() {
    let mut time = control();
    time.go_to_start();
    time.set_speed(DAY as f64);
    time.play();
    time.update(5.0, &[]);
    assert_eq!(
        time.time(),
        TimePoint(DAY / 4),
        "5 s of stall counts as 0.25 s"
    );
}

#[test]
fn speed_is_kept_between_an_hour_and_a_month_per_second() {
    let mut time = control();
    time.set_speed(1.0);
    assert_eq!(time.speed(), MIN_SPEED);
    time.set_speed(1e12);
    assert_eq!(time.speed(), MAX_SPEED);
    time.set_speed(f64::NAN);
    assert_eq!(time.speed(), DAY as f64);
}

#[test]
fn loop_all_starts_again_and_loop_selection_repeats_its_stretch() {
    let mut time = control();
    time.set_loop_mode(LoopMode::All);
    time.set_speed(MAX_SPEED);
    time.play();
    assert_eq!(
        time.time(),
        day(0),
        "playing from the end starts at the beginning"
    );
    for _ in 0..5 {
        time.update(0.25, &[]);
    }
    assert!(time.is_playing(), "looping never stops");
    assert!(time.time() < day(10));

    let mut time = control();
    time.set_loop_mode(LoopMode::Selection);
    time.set_selection(Some((day(6), day(4)))); // reversed on purpose
    assert_eq!(time.selection(), Some((day(4), day(6))));
    time.set_speed(DAY as f64);
    time.play();
    assert_eq!(time.time(), day(4));
    for _ in 0..40 {
        time.update(0.25, &[]);
        assert!(
            time.time() >= day(4) && time.time() <= day(6),
            "{}",
            time.time()
        );
    }
}

#[test]
fn window_mode_shows_a_moving_window() {
    let mut time = control();
    time.set_mode(TimeMode::Window);
    time.set_window_secs(3 * DAY);
    time.set_time(day(5));
    assert_eq!(time.visible_span(), (Some(day(2)), day(5)));
    assert!(time.shows(day(3), day(4)));
    assert!(!time.shows(day(1), day(2)), "ended when the window opens");
    assert!(
        time.shows(day(1), day(3)),
        "a span reaching into the window"
    );
    assert!(!time.shows(day(6), day(7)), "not begun yet");

    time.set_window(day(8), day(7));
    assert_eq!(time.visible_span(), (Some(day(7)), day(8)));
    time.set_window_secs(10);
    assert_eq!(time.window_secs(), 3_600, "at least an hour");
}

#[test]
fn cumulative_mode_shows_everything_begun() {
    let mut time = control();
    time.set_time(day(5));
    assert_eq!(time.visible_span(), (None, day(5)));
    assert!(time.shows(day(0), day(1)));
    assert!(time.shows(day(5), day(6)));
    assert!(!time.shows(TimePoint(5 * DAY + 1), day(6)));
}

#[test]
fn step_mode_jumps_from_event_to_event() {
    let starts = [day(1), day(3), day(3), day(7)];
    let mut time = control();
    time.set_mode(TimeMode::Step);
    time.go_to_start();
    time.play();
    let mut visited = Vec::new();
    for _ in 0..20 {
        time.update(0.25, &starts);
        if visited.last() != Some(&time.time()) {
            visited.push(time.time());
        }
    }
    assert_eq!(visited, vec![day(0), day(1), day(3), day(7), day(10)]);
    assert!(!time.is_playing(), "stops after the last event");
}

#[test]
fn stepping_visits_every_event_even_with_equal_times() {
    let starts = [day(1), day(3), day(3), day(7)];
    let mut time = control();
    time.go_to_start();
    let mut selected = None;
    let mut order = Vec::new();
    while let Some(index) = time.apply(TimeAction::StepNext, &starts, selected) {
        assert_eq!(time.time(), starts[index]);
        selected = Some(index);
        order.push(index);
    }
    assert_eq!(order, vec![0, 1, 2, 3]);
    assert_eq!(selected, Some(3), "past the last event nothing changes");

    let mut back = Vec::new();
    while let Some(index) = time.apply(TimeAction::StepPrevious, &starts, selected) {
        selected = Some(index);
        back.push(index);
    }
    assert_eq!(back, vec![2, 1, 0]);
}

#[test]
fn stepping_without_a_selection_starts_from_the_cursor() {
    let starts = [day(1), day(3), day(7)];
    let mut time = control();
    time.set_time(day(4));
    assert_eq!(time.step_next(&starts, None), Some(2));
    time.set_time(day(4));
    assert_eq!(time.step_previous(&starts, None), Some(1));
}

#[test]
fn an_empty_dataset_or_a_single_event_is_handled() {
    let mut empty = TimeControl::new(None);
    empty.play();
    assert!(!empty.is_playing());
    assert!(!empty.update(0.25, &[]));
    assert_eq!(empty.step_next(&[], None), None);
    assert_eq!(empty.step_previous(&[], None), None);

    let mut single = TimeControl::new(Some((day(2), day(3))));
    let starts = [TimePoint(2 * DAY + 3_600)];
    single.go_to_start();
    assert_eq!(single.apply(TimeAction::StepNext, &starts, None), Some(0));
    assert_eq!(single.apply(TimeAction::StepNext, &starts, Some(0)), None);
    assert_eq!(
        single.apply(TimeAction::StepPrevious, &starts, Some(0)),
        None
    );
}

#[test]
fn the_cursor_stays_within_the_data() {
    let mut time = control();
    time.set_time(day(-5));
    assert_eq!(time.time(), day(0));
    time.set_time(day(50));
    assert_eq!(time.time(), day(10));
    time.apply(TimeAction::GoToStart, &[], None);
    assert_eq!(time.time(), day(0));
    time.apply(TimeAction::GoToEnd, &[], None);
    assert_eq!(time.time(), day(10));
}

#[test]
fn stepping_pauses_playback() {
    let starts = [day(1), day(3)];
    let mut time = control();
    time.go_to_start();
    time.play();
    time.apply(TimeAction::StepNext, &starts, None);
    assert!(!time.is_playing());
}
