//! **View → Export video…**: choosing what to record (the story, or the time control over
//! a range), the format and the frame rate, then where to write it; and, while it records,
//! a progress bar with Cancel in a small window of its own, so that it is never in the
//! frames.

use std::path::PathBuf;

use crate::background::{Job, Poll};
use crate::export_video::{MAX_FPS, MIN_FPS, Playback, VideoExport};
use crate::model::TimePoint;

/// The View menu's entry.
pub const EXPORT_VIDEO_LABEL: &str = "Export video…";
/// The settings window's title.
pub const EXPORT_VIDEO_TITLE: &str = "Export video";
/// The button that asks where to write the video.
pub const SAVE_VIDEO_LABEL: &str = "Save video…";
/// The progress window's title.
pub const VIDEO_PROGRESS_TITLE: &str = "Exporting video";
/// The button that stops a recording.
pub const CANCEL_VIDEO_LABEL: &str = "Cancel";

/// What to record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recording {
    /// The open story, step by step.
    Story,
    /// The time control playing over its selection, or over all the events.
    Playback,
}

/// The file written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VideoFormat {
    /// An MP4 video (H.264).
    Mp4,
    /// An animated GIF.
    Gif,
    /// Numbered PNG files in a new folder.
    Pngs,
}

impl VideoFormat {
    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            VideoFormat::Mp4 => "MP4 video",
            VideoFormat::Gif => "Animated GIF",
            VideoFormat::Pngs => "PNG frames (a new folder)",
        }
    }
}

/// A recording asked for: where, how fast, what.
#[derive(Clone, Debug, PartialEq)]
pub struct VideoRequest {
    /// The file, or the new folder for PNG frames.
    pub path: PathBuf,
    /// Frames a second.
    pub fps: u32,
    /// What is played.
    pub playback: Playback,
}

enum Stage {
    Idle,
    Asking,
    Choosing(Job<(), Option<PathBuf>>),
}

/// The settings window and the file dialog behind it.
pub struct VideoDialog {
    stage: Stage,
    /// What to record.
    pub recording: Recording,
    /// The file written.
    pub format: VideoFormat,
    /// Frames a second.
    pub fps: u32,
    /// Seconds each step of a story is held once reached.
    pub hold_secs: f32,
}

impl Default for VideoDialog {
    fn default() -> Self {
        VideoDialog {
            stage: Stage::Idle,
            recording: Recording::Story,
            format: VideoFormat::Mp4,
            fps: 25,
            hold_secs: 3.0,
        }
    }
}

/// What the settings window needs to know of the app.
pub struct VideoChoices {
    /// Steps in the open story.
    pub steps: usize,
    /// The range the time control would play over.
    pub range: Option<(TimePoint, TimePoint)>,
    /// The window's size in pixels: the frames' size.
    pub size: [u32; 2],
}

impl VideoDialog {
    /// Opens the settings window.
    pub fn ask(&mut self) {
        if matches!(self.stage, Stage::Idle) {
            self.stage = Stage::Asking;
        }
    }

    /// Whether the settings window or the file dialog is open.
    pub fn is_open(&self) -> bool {
        !matches!(self.stage, Stage::Idle)
    }

    /// Shows the settings window; once a file has been chosen, the recording asked for.
    pub fn ui(&mut self, ctx: &egui::Context, choices: &VideoChoices) -> Option<VideoRequest> {
        match &self.stage {
            Stage::Idle => None,
            Stage::Asking => {
                let mut open = true;
                let mut save = false;
                egui::Window::new(EXPORT_VIDEO_TITLE)
                    .open(&mut open)
                    .collapsible(false)
                    .resizable(false)
                    .show(ctx, |ui| save = self.settings_ui(ui, choices));
                if save {
                    let format = self.format;
                    let pick = move || pick_path(format);
                    self.stage = Stage::Choosing(
                        Job::spawn("video-dialog", ctx, (), pick)
                            .unwrap_or_else(|path| Job::ready((), path)),
                    );
                } else if !open {
                    self.stage = Stage::Idle;
                }
                None
            }
            Stage::Choosing(job) => match job.poll() {
                Poll::Ready(Some(path)) => {
                    self.stage = Stage::Idle;
                    self.request(path, choices)
                }
                Poll::Ready(None) | Poll::Lost => {
                    self.stage = Stage::Asking;
                    None
                }
                Poll::Pending => None,
            },
        }
    }

    /// The recording to make into `path` with the settings chosen; `None` if there is
    /// nothing to play.
    pub fn request(&self, path: PathBuf, choices: &VideoChoices) -> Option<VideoRequest> {
        let playback = match self.recording {
            Recording::Story => Playback::Story {
                hold_secs: self.hold_secs,
            },
            Recording::Playback => {
                let (from, to) = choices.range?;
                Playback::Range { from, to }
            }
        };
        Some(VideoRequest {
            path,
            fps: self.fps,
            playback,
        })
    }

    /// The settings; returns whether Save was clicked.
    fn settings_ui(&mut self, ui: &mut egui::Ui, choices: &VideoChoices) -> bool {
        egui::Grid::new("video_settings")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                ui.label("Record");
                ui.vertical(|ui| {
                    let story = format!("The story ({} steps)", choices.steps);
                    ui.radio_value(&mut self.recording, Recording::Story, story);
                    let playback = match choices.range {
                        // The range ends at midnight after its last day: name that day.
                        Some((from, to)) => format!(
                            "Playback from {} to {}",
                            from.date(),
                            to.plus_seconds(-1).date()
                        ),
                        None => "Playback (no events)".to_owned(),
                    };
                    ui.add_enabled_ui(choices.range.is_some(), |ui| {
                        ui.radio_value(&mut self.recording, Recording::Playback, playback)
                            .on_hover_text(
                                "The time control plays at its speed and in its mode, over \
                                 its selection if there is one",
                            );
                    });
                });
                ui.end_row();
                if self.recording == Recording::Story {
                    ui.label("Each step");
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::DragValue::new(&mut self.hold_secs)
                                .range(0.5..=60.0)
                                .speed(0.1)
                                .suffix(" s"),
                        );
                        ui.label("once reached");
                    });
                    ui.end_row();
                }
                ui.label("Format");
                ui.vertical(|ui| {
                    for format in [VideoFormat::Mp4, VideoFormat::Gif, VideoFormat::Pngs] {
                        ui.radio_value(&mut self.format, format, format.label());
                    }
                });
                ui.end_row();
                ui.label("Frame rate");
                ui.add(
                    egui::DragValue::new(&mut self.fps)
                        .range(MIN_FPS..=MAX_FPS)
                        .suffix(" fps"),
                );
                ui.end_row();
                ui.label("Size");
                ui.label(format!(
                    "{} × {} pixels, the window's size",
                    choices.size[0], choices.size[1]
                ));
                ui.end_row();
            });
        ui.label(
            egui::RichText::new(
                "Every frame is drawn in full before it is written, so recording takes longer \
                 than playing.",
            )
            .weak(),
        );
        let can = match self.recording {
            Recording::Story => choices.steps > 0,
            Recording::Playback => choices.range.is_some(),
        };
        ui.add_enabled(can, egui::Button::new(SAVE_VIDEO_LABEL))
            .clicked()
    }
}

/// Asks where to write (a native dialog): a file for MP4 and GIF, a new folder's name for
/// PNG frames.
fn pick_path(format: VideoFormat) -> Option<PathBuf> {
    let dialog = rfd::FileDialog::new().set_title("Export video");
    match format {
        VideoFormat::Mp4 => dialog
            .add_filter("MP4 video", &["mp4"])
            .set_file_name("chronomap.mp4")
            .save_file()
            .map(|path| path.with_extension("mp4")),
        VideoFormat::Gif => dialog
            .add_filter("Animated GIF", &["gif"])
            .set_file_name("chronomap.gif")
            .save_file()
            .map(|path| path.with_extension("gif")),
        VideoFormat::Pngs => dialog
            .set_file_name("chronomap-frames")
            .save_file()
            .map(|path| path.with_extension("")),
    }
}

/// The progress of a recording with a Cancel button, in a window of its own (or inside the
/// main one where a second window is not possible); returns whether Cancel was clicked.
pub fn video_progress_ui(ctx: &egui::Context, export: &VideoExport) -> bool {
    let name = export.path().file_name().map_or_else(
        || export.path().display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    let frames = export.frames_written();
    let seconds = frames as f32 / export.fps() as f32;
    let progress = export.progress();
    let finishing = export.is_finishing();
    let builder = egui::ViewportBuilder::default()
        .with_title(VIDEO_PROGRESS_TITLE)
        .with_inner_size([380.0, 130.0])
        .with_resizable(false)
        // Above the main window, which a recording keeps drawing.
        .with_window_level(egui::WindowLevel::AlwaysOnTop);
    ctx.show_viewport_immediate(
        egui::ViewportId::from_hash_of("video-progress"),
        builder,
        |ui, class| {
            let mut cancel = false;
            let mut contents = |ui: &mut egui::Ui| {
                ui.label(format!("Writing {name}"));
                let text = if finishing {
                    "Finishing the file…".to_owned()
                } else {
                    format!(
                        "{frames} frames ({seconds:.1} s) · {:.0}%",
                        progress * 100.0
                    )
                };
                ui.add(egui::ProgressBar::new(progress).text(text));
                cancel = ui.button(CANCEL_VIDEO_LABEL).clicked();
            };
            if class == egui::ViewportClass::EmbeddedWindow {
                contents(ui);
            } else {
                egui::CentralPanel::default().show(ui, |ui| contents(ui));
            }
            // A closed progress window is a Cancel too.
            cancel || ui.input(|input| input.viewport().close_requested())
        },
    )
}
