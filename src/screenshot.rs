//! `--screenshot`: wait until the view has settled, write a PNG of the window, then close.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui::{ColorImage, ViewportCommand};

/// Frames drawn before a screenshot is considered at all, so that layout has settled.
const MIN_FRAMES: u32 = 10;
/// Frames after which the screenshot is taken even if tiles are still pending.
const MAX_SETTLE_FRAMES: u32 = 900;
/// Frames to wait for the window to deliver the image before giving up.
const MAX_WAIT_FRAMES: u32 = 600;

/// The outcome of a screenshot, shared with `main` so it can choose the exit status.
pub type Outcome = Arc<Mutex<Option<Result<PathBuf, String>>>>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Settling,
    Requested,
    Finished,
}

/// A screenshot to take once the app has settled.
pub struct ScreenshotJob {
    path: PathBuf,
    frames: u32,
    phase: Phase,
    outcome: Outcome,
}

impl ScreenshotJob {
    /// A job that writes `path`; its result lands in `outcome`.
    pub fn new(path: PathBuf, outcome: Outcome) -> Self {
        ScreenshotJob {
            path,
            frames: 0,
            phase: Phase::Settling,
            outcome,
        }
    }

    /// Advances the job by one frame. `settled` says whether every visible tile is drawn.
    pub fn update(&mut self, ctx: &egui::Context, settled: bool) {
        self.frames += 1;
        match self.phase {
            Phase::Settling => {
                ctx.request_repaint();
                if (self.frames >= MIN_FRAMES && settled) || self.frames >= MAX_SETTLE_FRAMES {
                    let path = self.path.clone();
                    let outcome = Arc::clone(&self.outcome);
                    let ctx_for_callback = ctx.clone();
                    ctx.send_viewport_cmd(ViewportCommand::Screenshot(
                        egui::ScreenshotCallback::new(move |image| {
                            // Encoding a PNG takes a moment: keep it off the frame.
                            std::thread::spawn(move || {
                                let result = save_png(&image, &path).map(|()| path);
                                if let Ok(mut slot) = outcome.lock() {
                                    *slot = Some(result);
                                }
                                ctx_for_callback.send_viewport_cmd(ViewportCommand::Close);
                                ctx_for_callback.request_repaint();
                            });
                        }),
                    ));
                    self.phase = Phase::Requested;
                    self.frames = 0;
                }
            }
            Phase::Requested => {
                ctx.request_repaint();
                let done = self
                    .outcome
                    .lock()
                    .map(|slot| slot.is_some())
                    .unwrap_or(true);
                if done {
                    self.phase = Phase::Finished;
                } else if self.frames > MAX_WAIT_FRAMES {
                    if let Ok(mut slot) = self.outcome.lock() {
                        *slot = Some(Err("the window never delivered a screenshot".to_owned()));
                    }
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                    self.phase = Phase::Finished;
                }
            }
            Phase::Finished => {}
        }
    }
}

/// Writes an image as PNG, through a temporary file so a failed write leaves nothing half done.
pub fn save_png(image: &ColorImage, path: &Path) -> Result<(), String> {
    let buffer = to_rgba_image(image)?;
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    buffer
        .save_with_format(&temporary, image::ImageFormat::Png)
        .map_err(|err| format!("could not write {}: {err}", temporary.display()))?;
    std::fs::rename(&temporary, path)
        .map_err(|err| format!("could not write {}: {err}", path.display()))
}

/// The window's image as 8-bit RGBA pixels, as image files and encoders take them.
pub fn to_rgba_image(image: &ColorImage) -> Result<image::RgbaImage, String> {
    let [width, height] = image.size;
    let mut bytes = Vec::with_capacity(width * height * 4);
    for pixel in &image.pixels {
        bytes.extend_from_slice(&pixel.to_srgba_unmultiplied());
    }
    let width_u32 = u32::try_from(width).map_err(|_| "image too wide".to_owned())?;
    let height_u32 = u32::try_from(height).map_err(|_| "image too tall".to_owned())?;
    image::RgbaImage::from_raw(width_u32, height_u32, bytes)
        .ok_or_else(|| "the screenshot had the wrong number of pixels".to_owned())
}
