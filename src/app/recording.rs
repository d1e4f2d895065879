//! Recording a playback to a video (View → Export video…, `--export-video`): the app's
//! clock is handed to the export, which moves it on by one frame's time between frames and
//! holds it still while a frame settles and is written.

use super::ChronomapApp;
use crate::export_video::{Moment, Next, Playback, VideoExport, VideoOutcome};

/// A recording asked for on the command line (`--export-video`).
pub struct CommandLineVideo {
    /// The file, or new folder, to write.
    pub path: std::path::PathBuf,
    /// Frames a second.
    pub fps: u32,
    /// The story, each step held this long once reached; `None` records the time control
    /// playing over its range.
    pub hold_secs: Option<f32>,
    /// What was written, or why not.
    pub outcome: VideoOutcome,
}

impl ChronomapApp {
    /// Starts recording `playback` to `path` at `fps`. A story is presented from its first
    /// step; a range is played by the time control from its start. Fails at once, with a
    /// message naming the file, if the export cannot start.
    pub fn start_video_export(
        &mut self,
        path: std::path::PathBuf,
        fps: u32,
        playback: Playback,
        outcome: VideoOutcome,
    ) -> Result<(), String> {
        if self.is_exporting_video() {
            return Err("a video is already being exported".into());
        }
        let steps = self.presenter.story().steps.len();
        let export = VideoExport::start(&self.ctx, path, fps, playback, steps, outcome)?;
        match playback {
            Playback::Story { .. } => {
                self.presenter.set_step(0);
                self.present(true);
                if !self.presenter.is_active() {
                    let message = self
                        .presenter
                        .message
                        .clone()
                        .unwrap_or_else(|| "the story cannot be presented".into());
                    return Err(message);
                }
            }
            Playback::Range { from, .. } => {
                self.present(false);
                let time = &mut self.view.time;
                time.pause();
                time.set_time(from);
                time.play();
                self.refresh_visible();
            }
        }
        self.video = Some(export);
        self.video_outcome = None;
        Ok(())
    }

    /// Makes the app record a playback once every file given has loaded, then close
    /// (`--export-video`). `story` records the story, holding each step `hold_secs`;
    /// otherwise the time control plays over its range.
    #[must_use]
    pub fn with_video_export(mut self, request: CommandLineVideo) -> Self {
        self.rendering_only = true;
        self.video_asked = Some(request);
        self
    }

    /// Starts the recording asked for on the command line once the files have loaded; if
    /// it cannot start, says why and closes.
    fn start_asked_video(&mut self) {
        if !self.loads.is_empty()
            || self.combining.is_some()
            || self.filtering.is_some()
            || self.pending_view.is_some()
        {
            self.ctx.request_repaint();
            return;
        }
        let Some(request) = self.video_asked.take() else {
            return;
        };
        let playback = match request.hold_secs {
            Some(hold_secs) => Ok(Playback::Story { hold_secs }),
            None => self
                .playback_range()
                .map(|(from, to)| Playback::Range { from, to })
                .ok_or_else(|| "there are no events to play".to_owned()),
        };
        let outcome = std::sync::Arc::clone(&request.outcome);
        let started = playback.and_then(|playback| {
            self.start_video_export(request.path, request.fps, playback, request.outcome)
        });
        match started {
            Ok(()) => self.video = self.video.take().map(VideoExport::closing_the_window),
            Err(message) => {
                if let Ok(mut slot) = outcome.lock() {
                    *slot = Some(Err(message));
                }
                self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Whether a video is being recorded.
    pub fn is_exporting_video(&self) -> bool {
        self.video
            .as_ref()
            .is_some_and(|video| !video.is_finished())
    }

    /// The video being recorded, if any.
    pub fn video_export(&self) -> Option<&VideoExport> {
        self.video.as_ref().filter(|video| !video.is_finished())
    }

    /// Stops the recording under way and removes what was written of it.
    pub fn cancel_video_export(&mut self) {
        if let Some(video) = &mut self.video {
            video.cancel(&self.ctx);
        }
        self.end_video_export();
    }

    /// Where the recording's playback stands.
    fn moment(&self) -> Moment {
        Moment {
            step: self.presenter.step(),
            arrived: !self.presenter.is_gliding() && !self.map.is_flying(),
            time: self.view.time.time(),
            playing: self.view.time.is_playing(),
        }
    }

    /// The time this draw moves the app's clocks on by: while recording, one frame's time
    /// right after a frame was written, otherwise none; without a recording, the frame's
    /// real time. A recording's frame written, the next step is shown here, before the
    /// draw.
    pub(super) fn frame_dt(&mut self, ui: &egui::Ui) -> f32 {
        let moment = self.moment();
        let Some(video) = self.video.as_mut().filter(|video| !video.is_finished()) else {
            self.map.use_fixed_clock(None);
            return ui.input(|input| input.stable_dt);
        };
        let next = video.begin_draw(ui.ctx(), moment);
        let dt = video.frame_dt();
        let finished = video.is_finished();
        match next {
            Next::Carry => {}
            Next::ShowStep(step) => self.show_step(step),
            Next::Stop => self.view.time.pause(),
        }
        if finished {
            self.end_video_export();
            return 0.0;
        }
        self.map.use_fixed_clock(Some(dt));
        dt
    }

    /// At the end of a draw: asks for the frame's image once it is fully drawn.
    pub(super) fn continue_video_export(&mut self, ctx: &egui::Context) {
        let moment = self.moment();
        let Some(video) = &mut self.video else {
            return;
        };
        if video.is_finished() {
            return;
        }
        let story = matches!(video.playback(), Playback::Story { .. });
        let settled = self.loads.is_empty()
            && self.combining.is_none()
            && self.filtering.is_none()
            && self.pending_view.is_none()
            && (!story || self.presenter.is_active())
            && self.map.frame_drawn();
        video.end_draw(ctx, settled, moment);
        if video.is_finished() {
            self.end_video_export();
        }
    }

    /// After a recording: what it gave, for the top bar, and the app back as it was.
    fn end_video_export(&mut self) {
        self.map.use_fixed_clock(None);
        let Some(video) = self.video.take() else {
            return;
        };
        self.view.time.pause();
        if matches!(video.playback(), Playback::Story { .. }) && self.presenter.is_active() {
            self.present(false);
        }
        self.video_outcome = match video.outcome() {
            Some(Ok(written)) => Some(Ok(format!(
                "Wrote {} ({} frames)",
                file_name(&written.path),
                written.frames
            ))),
            Some(Err(message)) => Some(Err(message)),
            None => None,
        };
    }

    /// What the last recording gave: "Wrote story.mp4 (412 frames)", or why not.
    pub fn video_outcome(&self) -> Option<&Result<String, String>> {
        self.video_outcome.as_ref()
    }
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

impl ChronomapApp {
    /// The range the time control plays over: its selection, or all the events.
    pub fn playback_range(&self) -> Option<(crate::model::TimePoint, crate::model::TimePoint)> {
        let time = &self.view.time;
        time.selection()
            .or_else(|| time.bounds())
            .filter(|(from, to)| from < to)
    }

    /// Moves the recording on, shows its progress (with Cancel), and the settings window of
    /// View → Export video….
    pub(super) fn video_ui(&mut self, ctx: &egui::Context) {
        if self.video_asked.is_some() {
            self.start_asked_video();
        }
        self.continue_video_export(ctx);
        if let Some(video) = self.video_export()
            && crate::ui::video_progress_ui(ctx, video)
        {
            self.cancel_video_export();
        }
        let size = ctx.content_rect().size() * ctx.pixels_per_point();
        let choices = crate::ui::VideoChoices {
            steps: self.presenter.story().steps.len(),
            range: self.playback_range(),
            size: [size.x.round() as u32, size.y.round() as u32],
        };
        if let Some(request) = self.video_dialog.ui(ctx, &choices) {
            let outcome = VideoOutcome::default();
            if let Err(message) =
                self.start_video_export(request.path, request.fps, request.playback, outcome)
            {
                self.video_outcome = Some(Err(message));
            }
        }
    }

    /// View → Export image…: its size and what the last export gave.
    pub fn image_export(&self) -> &crate::export_image::ExportImage {
        &self.export_image
    }

    /// Opens View → Export video….
    pub fn ask_video_export(&mut self) {
        self.video_dialog.ask();
    }

    /// The settings of View → Export video… (what, format, frame rate).
    pub fn video_dialog_mut(&mut self) -> &mut crate::ui::VideoDialog {
        &mut self.video_dialog
    }
}
