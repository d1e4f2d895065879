//! [`TimeControl`]: the one time control behind the slider, the timeline and playback.
//!
//! It is a model, not a widget: the UI reads it and changes it through its methods, and
//! `update(dt)` advances playback. It never looks at the clock itself, so tests drive it
//! with a fixed time step.

use crate::model::{SECONDS_PER_DAY, TimePoint};

/// The longest frame step playback will take, so a stalled frame does not jump far ahead.
const MAX_DT_SECS: f32 = 0.25;
/// The slowest playback speed: one hour of data per second.
pub const MIN_SPEED: f64 = 3_600.0;
/// The fastest playback speed: thirty days of data per second.
pub const MAX_SPEED: f64 = 30.0 * SECONDS_PER_DAY as f64;

/// What the cursor selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TimeMode {
    /// Every event that has begun by the cursor.
    Cumulative,
    /// Events that overlap a window of fixed width ending at the cursor.
    Window,
    /// Every event that has begun by the cursor; playback jumps from event to event.
    Step,
}

impl TimeMode {
    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            TimeMode::Cumulative => "Cumulative",
            TimeMode::Window => "Window",
            TimeMode::Step => "Step",
        }
    }
}

/// What playback does at the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LoopMode {
    /// Stop at the end.
    Off,
    /// Start again from the beginning of the data.
    All,
    /// Start again from the beginning of the loop selection.
    Selection,
}

impl LoopMode {
    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            LoopMode::Off => "Loop off",
            LoopMode::All => "Loop all",
            LoopMode::Selection => "Loop selection",
        }
    }
}

/// The current time, the mode, and playback.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeControl {
    time: TimePoint,
    mode: TimeMode,
    window_secs: i64,
    playing: bool,
    speed: f64,
    loop_mode: LoopMode,
    /// Where the data starts and ends; `None` for an empty dataset.
    bounds: Option<(TimePoint, TimePoint)>,
    /// The stretch that "loop selection" repeats.
    selection: Option<(TimePoint, TimePoint)>,
    /// Data seconds owed to the cursor but not yet applied (playback moves in whole seconds).
    carry_secs: f64,
    /// Real seconds between steps in step mode.
    step_interval_secs: f32,
    /// Real seconds since the last step.
    step_elapsed_secs: f32,
}

impl TimeControl {
    /// A paused control over `bounds`, with the cursor at the end so that everything shows.
    pub fn new(bounds: Option<(TimePoint, TimePoint)>) -> Self {
        TimeControl {
            time: bounds.map_or_else(TimePoint::default, |(_, end)| end),
            mode: TimeMode::Cumulative,
            window_secs: 3 * SECONDS_PER_DAY,
            playing: false,
            speed: SECONDS_PER_DAY as f64,
            loop_mode: LoopMode::Off,
            bounds,
            selection: None,
            carry_secs: 0.0,
            step_interval_secs: 1.0,
            step_elapsed_secs: 0.0,
        }
    }

    /// The cursor.
    pub fn time(&self) -> TimePoint {
        self.time
    }

    /// Where the data starts and ends.
    pub fn bounds(&self) -> Option<(TimePoint, TimePoint)> {
        self.bounds
    }

    /// Moves the cursor, within the data's bounds.
    pub fn set_time(&mut self, time: TimePoint) {
        self.time = self.clamp(time);
        self.carry_secs = 0.0;
    }

    /// The mode.
    pub fn mode(&self) -> TimeMode {
        self.mode
    }

    /// Changes the mode.
    pub fn set_mode(&mut self, mode: TimeMode) {
        self.mode = mode;
        self.step_elapsed_secs = 0.0;
    }

    /// The width of the window in window mode, in seconds.
    pub fn window_secs(&self) -> i64 {
        self.window_secs
    }

    /// Sets the window width (at least an hour).
    pub fn set_window_secs(&mut self, seconds: i64) {
        self.window_secs = seconds.max(3_600);
    }

    /// Shows the stretch `[from, to]` as a window: window mode, cursor at its end.
    pub fn set_window(&mut self, from: TimePoint, to: TimePoint) {
        let (from, to) = if from <= to { (from, to) } else { (to, from) };
        self.set_window_secs(to.0 - from.0);
        self.mode = TimeMode::Window;
        self.set_time(to);
    }

    /// What the cursor selects: events that overlap `(from, to]`, where `from` is `None`
    /// when everything before `to` counts.
    pub fn visible_span(&self) -> (Option<TimePoint>, TimePoint) {
        match self.mode {
            TimeMode::Cumulative | TimeMode::Step => (None, self.time),
            TimeMode::Window => (Some(self.time.plus_seconds(-self.window_secs)), self.time),
        }
    }

    /// Whether playback is running.
    pub fn is_playing(&self) -> bool {
        self.playing
    }

    /// Starts playback; from the end of the data, it starts again from the beginning.
    pub fn play(&mut self) {
        let Some((start, end)) = self.loop_range() else {
            return;
        };
        if self.time >= end || self.time < start {
            self.time = start;
        }
        self.playing = true;
        self.carry_secs = 0.0;
        self.step_elapsed_secs = 0.0;
    }

    /// Pauses playback.
    pub fn pause(&mut self) {
        self.playing = false;
    }

    /// Plays if paused, pauses if playing.
    pub fn toggle_play(&mut self) {
        if self.playing {
            self.pause();
        } else {
            self.play();
        }
    }

    /// Data seconds per real second.
    pub fn speed(&self) -> f64 {
        self.speed
    }

    /// Sets the speed, from an hour to thirty days of data per second.
    pub fn set_speed(&mut self, data_secs_per_sec: f64) {
        self.speed = if data_secs_per_sec.is_finite() {
            data_secs_per_sec.clamp(MIN_SPEED, MAX_SPEED)
        } else {
            SECONDS_PER_DAY as f64
        };
    }

    /// Real seconds between steps in step mode.
    pub fn step_interval_secs(&self) -> f32 {
        self.step_interval_secs
    }

    /// The loop mode.
    pub fn loop_mode(&self) -> LoopMode {
        self.loop_mode
    }

    /// Changes the loop mode.
    pub fn set_loop_mode(&mut self, loop_mode: LoopMode) {
        self.loop_mode = loop_mode;
    }

    /// The stretch "loop selection" repeats.
    pub fn selection(&self) -> Option<(TimePoint, TimePoint)> {
        self.selection
    }

    /// Sets the stretch "loop selection" repeats.
    pub fn set_selection(&mut self, selection: Option<(TimePoint, TimePoint)>) {
        self.selection = selection.map(|(a, b)| if a <= b { (a, b) } else { (b, a) });
    }

    /// Moves the cursor to the start of the data.
    pub fn go_to_start(&mut self) {
        if let Some((start, _)) = self.bounds {
            self.set_time(start);
        }
    }

    /// Moves the cursor to the end of the data.
    pub fn go_to_end(&mut self) {
        if let Some((_, end)) = self.bounds {
            self.set_time(end);
        }
    }

    /// The event after `current` in time order (or, with none, the first that starts after
    /// the cursor); moves the cursor to its start. `starts` are the events' starts, sorted.
    /// Events with equal times are visited one by one.
    pub fn step_next(&mut self, starts: &[TimePoint], current: Option<usize>) -> Option<usize> {
        let next = match current {
            Some(index) if index < starts.len() && starts[index] == self.time => index + 1,
            _ => starts.partition_point(|start| *start <= self.time),
        };
        let start = *starts.get(next)?;
        self.set_time(start);
        Some(next)
    }

    /// The event before `current` in time order (or, with none, the last that starts before
    /// the cursor); moves the cursor to its start.
    pub fn step_previous(&mut self, starts: &[TimePoint], current: Option<usize>) -> Option<usize> {
        let previous = match current {
            Some(index) if index < starts.len() && starts[index] == self.time => {
                index.checked_sub(1)?
            }
            _ => starts
                .partition_point(|start| *start < self.time)
                .checked_sub(1)?,
        };
        let start = *starts.get(previous)?;
        self.set_time(start);
        Some(previous)
    }

    /// Advances playback by `dt_secs` of real time. `starts` are the events' starts, sorted
    /// (used in step mode). Returns whether the view changed and must be repainted; a paused
    /// control never asks for a repaint, so the app is idle when nothing moves.
    pub fn update(&mut self, dt_secs: f32, starts: &[TimePoint]) -> bool {
        if !self.playing {
            return false;
        }
        let Some((loop_start, loop_end)) = self.loop_range() else {
            self.playing = false;
            return false;
        };
        let dt = dt_secs.clamp(0.0, MAX_DT_SECS);
        let before = self.time;
        match self.mode {
            TimeMode::Cumulative | TimeMode::Window => {
                self.carry_secs += self.speed * f64::from(dt);
                let whole = self.carry_secs.floor();
                self.carry_secs -= whole;
                let next = self.time.plus_seconds(whole as i64);
                if next >= loop_end {
                    self.reach_end(loop_start, loop_end);
                } else {
                    self.time = next;
                }
            }
            TimeMode::Step => {
                self.step_elapsed_secs += dt;
                if self.step_elapsed_secs >= self.step_interval_secs {
                    self.step_elapsed_secs = 0.0;
                    let next = starts.partition_point(|start| *start <= self.time);
                    match starts.get(next) {
                        Some(start) if *start <= loop_end => self.time = *start,
                        _ => self.reach_end(loop_start, loop_end),
                    }
                }
            }
        }
        // Playing asks for frames even between steps, so the next step comes on time.
        self.playing || self.time != before
    }

    fn reach_end(&mut self, loop_start: TimePoint, loop_end: TimePoint) {
        match self.loop_mode {
            LoopMode::Off => {
                self.time = loop_end;
                self.playing = false;
            }
            LoopMode::All | LoopMode::Selection => self.time = loop_start,
        }
        self.carry_secs = 0.0;
    }

    /// The stretch playback runs over.
    fn loop_range(&self) -> Option<(TimePoint, TimePoint)> {
        match (self.loop_mode, self.selection) {
            (LoopMode::Selection, Some(selection)) => Some(selection),
            _ => self.bounds,
        }
    }

    fn clamp(&self, time: TimePoint) -> TimePoint {
        match self.bounds {
            Some((start, end)) => time.clamp(start, end),
            None => time,
        }
    }
}

/// The playback speeds offered in the UI, as (data seconds per second, label).
pub const SPEED_PRESETS: [(f64, &str); 7] = [
    (3_600.0, "1 hour/s"),
    (6.0 * 3_600.0, "6 hours/s"),
    (SECONDS_PER_DAY as f64, "1 day/s"),
    (3.0 * SECONDS_PER_DAY as f64, "3 days/s"),
    (7.0 * SECONDS_PER_DAY as f64, "1 week/s"),
    (14.0 * SECONDS_PER_DAY as f64, "2 weeks/s"),
    (30.0 * SECONDS_PER_DAY as f64, "1 month/s"),
];

/// The window widths offered in the UI, as (seconds, label).
pub const WINDOW_PRESETS: [(i64, &str); 5] = [
    (SECONDS_PER_DAY, "1 day"),
    (3 * SECONDS_PER_DAY, "3 days"),
    (7 * SECONDS_PER_DAY, "1 week"),
    (14 * SECONDS_PER_DAY, "2 weeks"),
    (30 * SECONDS_PER_DAY, "30 days"),
];

/// A change to the time control asked for by the UI.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TimeAction {
    /// Move the cursor.
    SetTime(TimePoint),
    /// Play or pause.
    TogglePlay,
    /// Go to the next event in time (and select it).
    StepNext,
    /// Go to the previous event in time (and select it).
    StepPrevious,
    /// Move the cursor before the first event.
    GoToStart,
    /// Move the cursor to the end of the data.
    GoToEnd,
    /// Change the mode.
    SetMode(TimeMode),
    /// Change the playback speed (data seconds per second).
    SetSpeed(f64),
    /// Change the loop mode.
    SetLoop(LoopMode),
    /// Change the window width, in seconds.
    SetWindowWidth(i64),
    /// Show `[from, to]` as a window.
    SetWindow(TimePoint, TimePoint),
    /// Set the stretch "loop selection" repeats.
    SetLoopSelection(Option<(TimePoint, TimePoint)>),
}

impl TimeControl {
    /// Applies an action. `starts` are the events' starts, sorted; `selected` is the
    /// selected event. Returns the event to select when the action steps to one.
    pub fn apply(
        &mut self,
        action: TimeAction,
        starts: &[TimePoint],
        selected: Option<usize>,
    ) -> Option<usize> {
        match action {
            TimeAction::SetTime(time) => self.set_time(time),
            TimeAction::TogglePlay => self.toggle_play(),
            TimeAction::StepNext => {
                self.pause();
                return self.step_next(starts, selected);
            }
            TimeAction::StepPrevious => {
                self.pause();
                return self.step_previous(starts, selected);
            }
            TimeAction::GoToStart => self.go_to_start(),
            TimeAction::GoToEnd => self.go_to_end(),
            TimeAction::SetMode(mode) => self.set_mode(mode),
            TimeAction::SetSpeed(speed) => self.set_speed(speed),
            TimeAction::SetLoop(loop_mode) => self.set_loop_mode(loop_mode),
            TimeAction::SetWindowWidth(seconds) => self.set_window_secs(seconds),
            TimeAction::SetWindow(from, to) => self.set_window(from, to),
            TimeAction::SetLoopSelection(selection) => self.set_selection(selection),
        }
        None
    }

    /// Whether an event spanning `[start, end)` is inside what the cursor selects.
    pub fn shows(&self, start: TimePoint, end: TimePoint) -> bool {
        let (from, to) = self.visible_span();
        start <= to && from.is_none_or(|from| end > from || (start == end && start > from))
    }
}
