//! **View → Export image…**: the current view as a PNG at a chosen size. The window is made
//! that size, the view is left to settle (every tile drawn), the image is taken and written
//! on a background thread, and the window goes back to the size it had.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use egui::{Vec2, ViewportCommand};

use crate::background::{Job, Poll};

/// The menu entry.
pub const EXPORT_IMAGE_LABEL: &str = "Export image…";
/// The title of the window that asks for the size.
pub const EXPORT_IMAGE_TITLE: &str = "Export image";
/// Its button that asks where to save.
pub const SAVE_IMAGE_LABEL: &str = "Save PNG…";

/// Frames drawn at the new size before the image can be taken.
const MIN_FRAMES: u32 = 10;
/// Frames after which the image is taken even if tiles are still pending.
const MAX_SETTLE_FRAMES: u32 = 900;
/// Frames to wait for the window to take its new size.
const MAX_RESIZE_FRAMES: u32 = 120;

/// Where an export stands.
enum Stage {
    /// Nothing under way.
    Idle,
    /// The size window is open.
    Asking,
    /// The save dialog is open on its own thread.
    Saving(Job<(), Option<PathBuf>>),
    /// The window is being made the chosen size and the view left to settle.
    Settling {
        path: PathBuf,
        restore: Vec2,
        frames: u32,
    },
    /// The image was asked of the window; the write lands here.
    Writing {
        restore: Vec2,
        slot: Arc<Mutex<Option<Result<PathBuf, String>>>>,
    },
}

/// An image export from the View menu.
pub struct ExportImage {
    stage: Stage,
    /// The size asked for, in pixels.
    pub width: u32,
    /// The size asked for, in pixels.
    pub height: u32,
    /// "Wrote v.png (1920 × 1080)", or why not.
    pub outcome: Option<Result<String, String>>,
}

impl Default for ExportImage {
    fn default() -> Self {
        ExportImage {
            stage: Stage::Idle,
            width: 1920,
            height: 1080,
            outcome: None,
        }
    }
}

impl ExportImage {
    /// Opens the window that asks for the size.
    pub fn ask(&mut self) {
        if matches!(self.stage, Stage::Idle) {
            self.stage = Stage::Asking;
        }
    }

    /// Whether an image is being made (the app keeps its hands off the window meanwhile).
    pub fn is_busy(&self) -> bool {
        matches!(self.stage, Stage::Settling { .. } | Stage::Writing { .. })
    }

    /// Shows the size window while it is open, and moves an export along. `settled` says
    /// whether every tile in view is drawn.
    pub fn ui(&mut self, ctx: &egui::Context, settled: bool) {
        let ppp = ctx.pixels_per_point();
        match &mut self.stage {
            Stage::Idle => {}
            Stage::Asking => {
                let mut open = true;
                let mut save = false;
                egui::Window::new(EXPORT_IMAGE_TITLE)
                    .open(&mut open)
                    .collapsible(false)
                    .resizable(false)
                    .show(ctx, |ui| {
                        ui.label("The image shows the current view at this size, in pixels.");
                        ui.horizontal(|ui| {
                            ui.add(egui::DragValue::new(&mut self.width).range(320..=7680));
                            ui.label("×");
                            ui.add(egui::DragValue::new(&mut self.height).range(240..=4320));
                        });
                        ui.horizontal(|ui| {
                            for (w, h) in [(1280, 720), (1920, 1080), (3840, 2160)] {
                                if ui.button(format!("{w} × {h}")).clicked() {
                                    (self.width, self.height) = (w, h);
                                }
                            }
                        });
                        save = ui.button(SAVE_IMAGE_LABEL).clicked();
                    });
                if save {
                    let pick = || {
                        rfd::FileDialog::new()
                            .set_title("Export the view as an image")
                            .add_filter("PNG image", &["png"])
                            .set_file_name("chronomap.png")
                            .save_file()
                    };
                    self.stage = Stage::Saving(
                        Job::spawn("image-dialog", ctx, (), pick)
                            .unwrap_or_else(|path| Job::ready((), path)),
                    );
                } else if !open {
                    self.stage = Stage::Idle;
                }
            }
            Stage::Saving(job) => match job.poll() {
                Poll::Ready(Some(path)) => {
                    let restore = ctx.input(|input| {
                        input
                            .viewport()
                            .inner_rect
                            .map_or(Vec2::new(1480.0, 920.0), |rect| rect.size())
                    });
                    let size = Vec2::new(self.width as f32, self.height as f32) / ppp;
                    ctx.send_viewport_cmd(ViewportCommand::InnerSize(size));
                    self.stage = Stage::Settling {
                        path,
                        restore,
                        frames: 0,
                    };
                }
                Poll::Ready(None) | Poll::Lost => self.stage = Stage::Idle,
                Poll::Pending => {}
            },
            Stage::Settling {
                path,
                restore,
                frames,
            } => {
                *frames += 1;
                ctx.request_repaint();
                let wanted = Vec2::new(self.width as f32, self.height as f32) / ppp;
                let sized = ctx.input(|input| {
                    input
                        .viewport()
                        .inner_rect
                        .is_some_and(|rect| (rect.size() - wanted).length() < 1.0)
                });
                if !sized && *frames > MAX_RESIZE_FRAMES {
                    let restore = *restore;
                    ctx.send_viewport_cmd(ViewportCommand::InnerSize(restore));
                    self.outcome = Some(Err(format!(
                        "the window could not be made {} × {} (is the screen smaller?)",
                        self.width, self.height
                    )));
                    self.stage = Stage::Idle;
                    return;
                }
                if sized && ((*frames >= MIN_FRAMES && settled) || *frames >= MAX_SETTLE_FRAMES) {
                    let slot = Arc::new(Mutex::new(None));
                    let landing = Arc::clone(&slot);
                    let path = path.clone();
                    let repaint = ctx.clone();
                    ctx.send_viewport_cmd(ViewportCommand::Screenshot(
                        egui::ScreenshotCallback::new(move |image| {
                            // Encoding a PNG takes a moment: keep it off the frame.
                            std::thread::spawn(move || {
                                let result =
                                    crate::screenshot::save_png(&image, &path).map(|()| path);
                                if let Ok(mut slot) = landing.lock() {
                                    *slot = Some(result);
                                }
                                repaint.request_repaint();
                            });
                        }),
                    ));
                    let restore = *restore;
                    self.stage = Stage::Writing { restore, slot };
                }
            }
            Stage::Writing { restore, slot } => {
                let Some(result) = slot.lock().ok().and_then(|mut slot| slot.take()) else {
                    return;
                };
                ctx.send_viewport_cmd(ViewportCommand::InnerSize(*restore));
                self.outcome = Some(result.map(|path| {
                    let name = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |name| name.to_string_lossy().into_owned(),
                    );
                    format!("Wrote {name} ({} × {})", self.width, self.height)
                }));
                self.stage = Stage::Idle;
            }
        }
    }
}
