//! `--export-steps DIR`: one numbered PNG per step of a story, each written only once the
//! step has been reached and fully drawn (the camera has arrived, the time cursor has
//! glided to the step's time, every tile is drawn and the caption laid out), then the
//! window closes. The images are what a presenter shows, at the window's size.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui::ViewportCommand;

/// Frames drawn at each step before it can be written, so that the caption's layout (which
/// the camera's fit depends on) has settled.
const MIN_FRAMES: u32 = 10;
/// Frames after which a step is written even if tiles are still pending.
const MAX_SETTLE_FRAMES: u32 = 1_800;
/// Frames to wait for the window to deliver an image before giving up.
const MAX_WAIT_FRAMES: u32 = 600;

/// The outcome of an export, shared with `main` so that it can choose the exit status: the
/// files written, or why not.
pub type StepsOutcome = Arc<Mutex<Option<Result<Vec<PathBuf>, String>>>>;

/// Where one image stands.
enum Phase {
    /// Waiting for the step to be reached and drawn.
    Settling,
    /// The image was asked of the window; its writing lands here.
    Requested(Arc<Mutex<Option<Result<PathBuf, String>>>>),
    Finished,
}

/// An export of every step of the open story, one image at a time.
pub struct StepsExport {
    folder: PathBuf,
    count: usize,
    step: usize,
    frames: u32,
    phase: Phase,
    written: Vec<PathBuf>,
    outcome: StepsOutcome,
}

/// The file of step `n` (from 0) of `count`: `step-01.png`, numbered from 1 with as many
/// digits as the last number needs (at least two), so that the files sort in order.
pub fn step_file_name(n: usize, count: usize) -> String {
    let digits = count.to_string().len().max(2);
    format!("step-{:0digits$}.png", n + 1)
}

impl StepsExport {
    /// An export of `count` steps into `folder` (made if missing); its result lands in
    /// `outcome`.
    pub fn new(folder: PathBuf, count: usize, outcome: StepsOutcome) -> Self {
        StepsExport {
            folder,
            count,
            step: 0,
            frames: 0,
            phase: Phase::Settling,
            written: Vec::new(),
            outcome,
        }
    }

    /// The step being exported (from 0).
    pub fn step(&self) -> usize {
        self.step
    }

    /// Ends the export with `result` and closes the window.
    fn finish(&mut self, ctx: &egui::Context, result: Result<Vec<PathBuf>, String>) {
        if let Ok(mut slot) = self.outcome.lock() {
            *slot = Some(result);
        }
        self.phase = Phase::Finished;
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }

    /// Advances the export by one frame. `settled` says whether the step is fully drawn.
    /// Returns the next step to show, when the current one has been written.
    pub fn update(&mut self, ctx: &egui::Context, settled: bool) -> Option<usize> {
        self.frames += 1;
        ctx.request_repaint();
        match &self.phase {
            Phase::Finished => None,
            Phase::Settling => {
                if self.count == 0 {
                    self.finish(ctx, Err("the story has no steps".into()));
                    return None;
                }
                if self.step == 0
                    && self.frames == 1
                    && let Err(err) = std::fs::create_dir_all(&self.folder)
                {
                    let message = format!("could not make {}: {err}", self.folder.display());
                    self.finish(ctx, Err(message));
                    return None;
                }
                if (self.frames >= MIN_FRAMES && settled) || self.frames >= MAX_SETTLE_FRAMES {
                    let path = self.folder.join(step_file_name(self.step, self.count));
                    let slot = Arc::new(Mutex::new(None));
                    let landing = Arc::clone(&slot);
                    let repaint = ctx.clone();
                    ctx.send_viewport_cmd(ViewportCommand::Screenshot(
                        egui::ScreenshotCallback::new(move |image| {
                            // Encoding a PNG takes a moment: keep it off the frame.
                            std::thread::spawn(move || {
                                let result = write(&image, &path);
                                if let Ok(mut slot) = landing.lock() {
                                    *slot = Some(result);
                                }
                                repaint.request_repaint();
                            });
                        }),
                    ));
                    self.phase = Phase::Requested(slot);
                    self.frames = 0;
                }
                None
            }
            Phase::Requested(slot) => {
                let result = slot.lock().ok().and_then(|mut slot| slot.take());
                match result {
                    Some(Ok(path)) => {
                        self.written.push(path);
                        self.step += 1;
                        self.frames = 0;
                        if self.step >= self.count {
                            let written = std::mem::take(&mut self.written);
                            self.finish(ctx, Ok(written));
                            None
                        } else {
                            self.phase = Phase::Settling;
                            Some(self.step)
                        }
                    }
                    Some(Err(message)) => {
                        self.finish(ctx, Err(message));
                        None
                    }
                    None if self.frames > MAX_WAIT_FRAMES => {
                        let message = format!(
                            "the window never delivered the image of step {}",
                            self.step + 1
                        );
                        self.finish(ctx, Err(message));
                        None
                    }
                    None => None,
                }
            }
        }
    }
}

/// Writes one step's image.
fn write(image: &egui::ColorImage, path: &Path) -> Result<PathBuf, String> {
    crate::screenshot::save_png(image, path).map(|()| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_files_are_numbered_from_one_and_sort_in_order() {
        assert_eq!(step_file_name(0, 8), "step-01.png");
        assert_eq!(step_file_name(7, 8), "step-08.png");
        assert_eq!(step_file_name(9, 120), "step-010.png");
    }
}
