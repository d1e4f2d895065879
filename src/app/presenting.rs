//! Presenting a story: each step puts back its time, filters, camera and selection, as a
//! view file does, but the camera flies there and the time cursor glides.

use super::ChronomapApp;
use crate::model::{Problem, parse_filter};
use crate::story::{StepCamera, Story};

impl ChronomapApp {
    /// The presenter: the open story, the step shown, and whether presenting is on.
    pub fn presenter(&self) -> &crate::ui::Presenter {
        &self.presenter
    }

    /// Opens `story` for presenting, if it fits the events on show; otherwise says which
    /// step and field do not, and keeps the story already open.
    pub fn open_story(&mut self, story: Story, name: &str) -> Result<(), String> {
        let problems = story.problems_with(&self.dataset);
        if let Some(first) = problems.first() {
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            let message = format!("{name}: {first}{more}; the open story is kept");
            for problem in &problems {
                self.problems.push(Problem::in_file(name, problem.clone()));
            }
            self.presenter.message = Some(message.clone());
            return Err(message);
        }
        self.presenter.message = None;
        let presenting = self.presenter.is_active();
        self.presenter.set_story(story);
        if presenting {
            self.show_step(0);
        }
        Ok(())
    }

    /// Starts presenting at the step last shown, or stops.
    pub(super) fn present(&mut self, on: bool) {
        if !on {
            self.presenter.set_active(false);
            self.presenter.leave_fullscreen(&self.ctx);
            return;
        }
        if self.presenter.story().steps.is_empty() {
            self.presenter.message = Some("the story has no steps to present".into());
            return;
        }
        let problems = self.presenter.story().problems_with(&self.dataset);
        if let Some(first) = problems.first() {
            // The story names events that the layers on show do not have.
            self.presenter.message = Some(format!(
                "the story does not fit the events on show: {first}"
            ));
            return;
        }
        self.presenter.message = None;
        self.presenter.set_active(true);
        // A control keeping keyboard focus would take the clicker's keys.
        self.ctx.memory_mut(|memory| {
            if let Some(id) = memory.focused() {
                memory.surrender_focus(id);
            }
        });
        let step = self.presenter.step();
        self.show_step(step);
    }

    /// Shows step `n` of the open story: its filters and selection at once, the camera
    /// flying and the time cursor gliding to it.
    pub(super) fn show_step(&mut self, n: usize) {
        let Some(step) = self.presenter.story().steps.get(n).cloned() else {
            return;
        };
        let time = &mut self.view.time;
        time.pause();
        time.set_mode(step.time.mode);
        time.set_window_secs(step.time.window_secs);
        let from = time.time();
        // Checked when the story was read.
        let to = step.time.cursor_time().unwrap_or(from);
        self.presenter.go_to(n, from, to);
        // Checked when the story was read, too.
        if let Ok(filter) = parse_filter(&step.filter) {
            self.view.filter = filter;
        }
        self.view.selected = step
            .selected
            .as_deref()
            .and_then(|id| self.dataset.index_of(id));
        match &step.camera {
            StepCamera::At { lon, lat, zoom } => {
                let caption = crate::ui::caption_inset;
                self.map
                    .fly_to_view(walkers::lon_lat(*lon, *lat), *zoom, caption);
            }
            StepCamera::Fit { fit } => {
                let positions = fit
                    .iter()
                    .filter_map(|id| self.dataset.index_of(id))
                    .filter_map(|index| self.dataset.position(index))
                    .collect();
                self.map.fly_to_fit(positions, crate::ui::caption_inset);
            }
        }
        self.refresh_visible();
    }

    /// Moves the time cursor along its glide to the step's time.
    pub(super) fn glide_time(&mut self, dt_secs: f32) {
        if let Some(time) = self.presenter.advance(dt_secs) {
            self.view.time.set_time(time);
            self.ctx.request_repaint();
        }
    }
}

/// The presenter on the built-in story; if that could not be read (a broken build), an
/// empty story and the reason.
pub(super) fn builtin_presenter() -> crate::ui::Presenter {
    match Story::builtin() {
        Ok(story) => crate::ui::Presenter::new(story),
        Err(message) => {
            log::error!("{message}");
            let mut presenter = crate::ui::Presenter::new(Story {
                chronomap_story: crate::story::STORY_VERSION,
                title: String::new(),
                steps: Vec::new(),
            });
            presenter.message = Some(message);
            presenter
        }
    }
}

impl ChronomapApp {
    /// Makes the app present its story and write an image of every step once each is fully
    /// drawn, then close (`--export-steps`).
    #[must_use]
    pub fn with_steps_export(mut self, export: crate::export_steps::StepsExport) -> Self {
        self.steps_export = Some(export);
        self.present(true);
        self
    }

    /// Moves `--export-steps` along: once the step on show is reached and every tile of it
    /// drawn, its image is taken; once that is written, the next step is shown.
    pub(super) fn continue_steps_export(&mut self, ctx: &egui::Context) {
        if self.steps_export.is_none() {
            return;
        }
        let settled = self.loads.is_empty()
            && self.combining.is_none()
            && self.filtering.is_none()
            && self.pending_view.is_none()
            && self.presenter.is_active()
            && !self.presenter.is_gliding()
            && self.map.tiles_settled();
        let next = self
            .steps_export
            .as_mut()
            .and_then(|export| export.update(ctx, settled));
        if let Some(step) = next {
            self.show_step(step);
        }
    }
}
