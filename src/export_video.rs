//! Exporting a playback (a story, or the time control running over a range) as an animated
//! GIF, an MP4 video or numbered PNG files, frame-exact: the app's clock stands still while
//! a frame is drawn and written, and moves on by exactly one frame's time (1/fps) between
//! frames. A frame is written only once it is fully drawn (every tile, the caption), so the
//! result never shows a half-drawn map or the jitter of a screen recorder, however slow the
//! machine.
//!
//! Frames are encoded on their own thread while the next is drawn; the file takes its name
//! only when the last frame is in, and a cancelled export leaves nothing behind.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use egui::{ColorImage, ViewportCommand};

use crate::animation::AnimationWriter;
use crate::model::TimePoint;

/// The slowest frame rate exported: the app's animations move at most 0.1 s in one frame.
pub const MIN_FPS: u32 = 10;
/// The fastest frame rate exported (GIF counts time in hundredths of a second).
pub const MAX_FPS: u32 = crate::animation::MAX_FPS;

/// Frames drawn before the first frame is written, so that the layout has settled.
const FIRST_FRAME_MIN_DRAWS: u32 = 10;
/// Draws of a frame before it is written, once the clock has moved: one, as egui lays out
/// again within a draw what changed size; two after a new step, whose caption and
/// selection are new, so that areas sized from the draw before are in place.
const MIN_DRAWS: u32 = 1;
const MIN_DRAWS_NEW_STEP: u32 = 2;
/// Draws after which a frame is written even if tiles are still pending.
const MAX_SETTLE_DRAWS: u32 = 2_000;
/// How long to wait for the window to deliver an image before giving up.
const MAX_IMAGE_WAIT: Duration = Duration::from_secs(30);
/// How often to look again at something that wakes the window itself when it is done (an
/// image, the encoder), in case it never does.
const WATCH: Duration = Duration::from_millis(50);
/// How often to look whether tiles and clusters are done, while they are made.
const SETTLE_POLL: Duration = Duration::from_millis(15);
/// Frames queued for the encoder: enough to keep it busy, few enough to bound memory (a
/// 4K frame is 33 MB).
const QUEUE: usize = 3;
/// The longest export, in frames (20 minutes at 50 fps): a guard against a playback that
/// never ends.
const MAX_FRAMES: usize = 60_000;

/// What an export plays.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Playback {
    /// The open story from its first step to its last: the camera flies and the time
    /// cursor glides to each step, which is then held for `hold_secs`.
    Story {
        /// How long each step stays on screen once reached, in seconds.
        hold_secs: f32,
    },
    /// The time control playing from `from` to `to`, in its mode and at its speed.
    Range {
        /// Where playback starts.
        from: TimePoint,
        /// Where it ends.
        to: TimePoint,
    },
}

/// What was written, or why not; shared with `main` so that it can choose the exit status.
pub type VideoOutcome = Arc<Mutex<Option<Result<Written, String>>>>;

/// A finished export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The file (or folder of PNG files) written.
    pub path: PathBuf,
    /// How many frames it holds.
    pub frames: usize,
}

/// Where the playback stands after a frame, as the app sees it.
#[derive(Clone, Copy, Debug)]
pub struct Moment {
    /// The story's step on show.
    pub step: usize,
    /// Whether the camera and the time cursor have reached the step (a story).
    pub arrived: bool,
    /// The time cursor.
    pub time: TimePoint,
    /// Whether the time control is still playing (a range).
    pub playing: bool,
}

/// What the app is to do once a frame has been written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Carry on drawing.
    Carry,
    /// Show this step of the story.
    ShowStep(usize),
    /// The last frame is written: stop playing.
    Stop,
}

enum Message {
    Frame(Arc<ColorImage>),
    Finish,
}

/// The encoder thread: frames go in, the finished file's path comes out.
struct Encoding {
    frames: SyncSender<Message>,
    done: JoinHandle<Result<PathBuf, String>>,
}

type ImageSlot = Arc<Mutex<Option<Arc<ColorImage>>>>;

enum Phase {
    /// Drawing the frame until it is fully drawn.
    Settling,
    /// The image was asked of the window.
    Requested(ImageSlot),
    /// The image is in, waiting for room in the encoder's queue.
    Queued(Arc<ColorImage>),
    /// Every frame is in; the encoder is finishing the file.
    Finishing,
    Finished,
}

/// An export under way (see the module docs).
pub struct VideoExport {
    path: PathBuf,
    fps: u32,
    playback: Playback,
    steps: usize,
    encoding: Option<Encoding>,
    phase: Phase,
    /// Draws of the frame being settled.
    draws: u32,
    /// When the image was asked of the window.
    waited: Instant,
    /// Whether the frame being drawn is the first of a new step.
    new_step: bool,
    /// Whether the next draw moves the clock on by one frame.
    advance: bool,
    written: usize,
    /// Frames written while the current step was reached.
    held: u32,
    /// The time of the last frame written (to see a playback that wrapped round).
    last_time: Option<TimePoint>,
    progress: f32,
    /// Ask the window to close when finished (the command line).
    close_when_done: bool,
    outcome: VideoOutcome,
}

impl VideoExport {
    /// Starts an export of `playback` to `path` (`.gif`, `.mp4`, or a new folder for PNG
    /// files) at `fps` frames a second; `steps` is the story's length. Fails at once, naming
    /// the file, if the file cannot be made there or the rate is out of range.
    pub fn start(
        ctx: &egui::Context,
        path: PathBuf,
        fps: u32,
        playback: Playback,
        steps: usize,
        outcome: VideoOutcome,
    ) -> Result<Self, String> {
        if !(MIN_FPS..=MAX_FPS).contains(&fps) {
            return Err(format!(
                "{}: {fps} frames a second is outside {MIN_FPS} to {MAX_FPS}",
                path.display()
            ));
        }
        match playback {
            Playback::Story { hold_secs } if !(0.0..=600.0).contains(&hold_secs) => {
                return Err(format!(
                    "{}: hold each step for 0 to 600 seconds, not {hold_secs}",
                    path.display()
                ));
            }
            Playback::Story { .. } if steps == 0 => {
                return Err(format!("{}: the story has no steps", path.display()));
            }
            Playback::Range { from, to } if to <= from => {
                return Err(format!(
                    "{}: the playback range ends before it starts",
                    path.display()
                ));
            }
            _ => {}
        }
        let writer = AnimationWriter::create(&path, fps).map_err(|err| err.to_string())?;
        let (frames, received) = std::sync::mpsc::sync_channel(QUEUE);
        let wake = ctx.clone();
        let done = std::thread::Builder::new()
            .name("video-encoder".into())
            .spawn(move || encode(writer, &received, &wake))
            .map_err(|err| format!("{}: could not start the encoder: {err}", path.display()))?;
        Ok(VideoExport {
            path,
            fps,
            playback,
            steps,
            encoding: Some(Encoding { frames, done }),
            phase: Phase::Settling,
            draws: 0,
            waited: Instant::now(),
            new_step: false,
            advance: false,
            written: 0,
            held: 0,
            last_time: None,
            progress: 0.0,
            close_when_done: false,
            outcome,
        })
    }

    /// Closes the window once the export has finished (for the command line).
    #[must_use]
    pub fn closing_the_window(mut self) -> Self {
        self.close_when_done = true;
        self
    }

    /// What is being played.
    pub fn playback(&self) -> Playback {
        self.playback
    }

    /// The file being written.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// The frame rate.
    pub fn fps(&self) -> u32 {
        self.fps
    }

    /// Frames written so far.
    pub fn frames_written(&self) -> usize {
        self.written
    }

    /// How far the playback has got, from 0 to 1.
    pub fn progress(&self) -> f32 {
        self.progress
    }

    /// What the export gave, once it has ended.
    pub fn outcome(&self) -> Option<Result<Written, String>> {
        self.outcome.lock().ok().and_then(|slot| slot.clone())
    }

    /// Whether the export has ended (written, failed or cancelled).
    pub fn is_finished(&self) -> bool {
        matches!(self.phase, Phase::Finished)
    }

    /// Whether every frame is in and the file is being finished.
    pub fn is_finishing(&self) -> bool {
        matches!(self.phase, Phase::Finishing)
    }

    /// The seconds the app's clock moves on in this draw: one frame's time right after a
    /// frame was written, otherwise none, so that nothing moves while a frame settles.
    pub fn frame_dt(&mut self) -> f32 {
        if std::mem::take(&mut self.advance) {
            1.0 / self.fps as f32
        } else {
            0.0
        }
    }

    /// Stops the export and removes what was written of it.
    pub fn cancel(&mut self, ctx: &egui::Context) {
        if self.is_finished() {
            return;
        }
        // Dropping the sender without a Finish tells the encoder to drop its file.
        if let Some(encoding) = self.encoding.take() {
            drop(encoding.frames);
            let _ = encoding.done.join();
        }
        self.end(ctx, Err(format!("{}: cancelled", self.path.display())));
    }

    /// At the start of a draw, before the clock is read: takes in the image of the frame
    /// drawn last, if it has arrived, and hands it to the encoder; the clock then moves on
    /// by one frame in this very draw. `moment` is where the playback stands (still as in
    /// that frame). Returns what the app is to do before drawing.
    ///
    /// Each draw is a full render, and a software renderer makes them the cost of a
    /// recording, so a frame takes one draw (that moves the clock and is taken; two at a
    /// new step) and waits for tiles, images and the encoder without drawing.
    pub fn begin_draw(&mut self, ctx: &egui::Context, moment: Moment) -> Next {
        match std::mem::replace(&mut self.phase, Phase::Finished) {
            Phase::Requested(slot) => {
                let image = slot.lock().ok().and_then(|mut slot| slot.take());
                match image {
                    Some(image) => self.queue(ctx, image, moment),
                    None if self.waited.elapsed() > MAX_IMAGE_WAIT => {
                        let message = format!(
                            "{}: the window never delivered frame {}",
                            self.path.display(),
                            self.written + 1
                        );
                        self.fail(ctx, message);
                        Next::Stop
                    }
                    None => {
                        // The screenshot's callback asks for the draw that takes it in;
                        // this one only watches for a window that never answers.
                        ctx.request_repaint_after(WATCH);
                        self.phase = Phase::Requested(slot);
                        Next::Carry
                    }
                }
            }
            Phase::Queued(image) => self.queue(ctx, image, moment),
            Phase::Finishing => {
                let done = self
                    .encoding
                    .as_ref()
                    .is_none_or(|encoding| encoding.done.is_finished());
                if done {
                    let result = match self.encoding.take().map(|encoding| encoding.done.join()) {
                        Some(Ok(Ok(path))) => Ok(Written {
                            path,
                            frames: self.written,
                        }),
                        Some(Ok(Err(message))) => Err(message),
                        Some(Err(_)) | None => {
                            Err(format!("{}: the encoder stopped", self.path.display()))
                        }
                    };
                    self.end(ctx, result);
                } else {
                    self.phase = Phase::Finishing;
                    ctx.request_repaint_after(WATCH);
                }
                Next::Carry
            }
            phase => {
                self.phase = phase;
                Next::Carry
            }
        }
    }

    /// At the end of a draw: once the frame has been drawn often enough and `settled`
    /// (every tile drawn, nothing loading), asks the window for its image. `moment` is
    /// where the playback stands.
    pub fn end_draw(&mut self, ctx: &egui::Context, settled: bool, moment: Moment) {
        if !matches!(self.phase, Phase::Settling) {
            return;
        }
        self.draws += 1;
        if let Playback::Range { .. } = self.playback
            && self.last_time.is_some_and(|last| moment.time < last)
        {
            // Playback wrapped round to the start: the last frame was the end.
            self.finish(ctx);
            return;
        }
        let min = if self.written == 0 {
            FIRST_FRAME_MIN_DRAWS
        } else if self.new_step {
            MIN_DRAWS_NEW_STEP
        } else {
            MIN_DRAWS
        };
        if self.draws < min {
            ctx.request_repaint();
            return;
        }
        if !settled && self.draws < MAX_SETTLE_DRAWS {
            // Tiles and clusters are made on other threads, which ask for a draw when they
            // are done; drawing meanwhile would only take the cores they need.
            ctx.request_repaint_after(SETTLE_POLL);
            return;
        }
        let slot: ImageSlot = Arc::new(Mutex::new(None));
        let landing = Arc::clone(&slot);
        let repaint = ctx.clone();
        ctx.send_viewport_cmd(ViewportCommand::Screenshot(egui::ScreenshotCallback::new(
            move |image| {
                if let Ok(mut slot) = landing.lock() {
                    *slot = Some(image);
                }
                repaint.request_repaint();
            },
        )));
        log::debug!(
            "frame {} taken after {} draws",
            self.written + 1,
            self.draws
        );
        self.phase = Phase::Requested(slot);
        self.waited = Instant::now();
        self.draws = 0;
        self.new_step = false;
    }

    /// Hands a drawn frame to the encoder (or keeps it until there is room), then decides
    /// what comes next.
    fn queue(&mut self, ctx: &egui::Context, image: Arc<ColorImage>, moment: Moment) -> Next {
        let Some(encoding) = &self.encoding else {
            self.fail(ctx, format!("{}: the encoder stopped", self.path.display()));
            return Next::Stop;
        };
        match encoding.frames.try_send(Message::Frame(image)) {
            Ok(()) => {}
            Err(TrySendError::Full(Message::Frame(image))) => {
                // The encoder asks for a draw each time it takes a frame.
                self.phase = Phase::Queued(image);
                ctx.request_repaint_after(WATCH);
                return Next::Carry;
            }
            Err(_) => {
                // The encoder gave up: its error says why.
                let message = match self.encoding.take().map(|encoding| encoding.done.join()) {
                    Some(Ok(Err(message))) => message,
                    _ => format!("{}: the encoder stopped", self.path.display()),
                };
                self.fail(ctx, message);
                return Next::Stop;
            }
        }
        self.written += 1;
        self.advance = true;
        self.draws = 0;
        self.phase = Phase::Settling;
        ctx.request_repaint();
        let next = self.after_frame(moment);
        self.new_step = matches!(next, Next::ShowStep(_));
        if self.close_when_done && self.written.is_multiple_of(self.fps as usize * 5) {
            // The command line's progress: a line for every five seconds of video.
            eprintln!(
                "chronomap: {} frames ({:.0} s of video) · {:.0}% · {}",
                self.written,
                self.written as f32 / self.fps as f32,
                self.progress * 100.0,
                self.path.display()
            );
        }
        if next == Next::Stop || self.written >= MAX_FRAMES {
            self.finish(ctx);
            return Next::Stop;
        }
        next
    }

    /// Where the playback goes after a frame showing `moment`.
    fn after_frame(&mut self, moment: Moment) -> Next {
        self.last_time = Some(moment.time);
        match self.playback {
            Playback::Story { hold_secs } => {
                let hold = ((hold_secs * self.fps as f32).round() as u32).max(1);
                if moment.arrived {
                    self.held += 1;
                }
                let held = (self.held as f32 / hold as f32).min(1.0);
                self.progress = (moment.step as f32 + held) / self.steps.max(1) as f32;
                if self.held < hold {
                    return Next::Carry;
                }
                self.held = 0;
                if moment.step + 1 < self.steps {
                    Next::ShowStep(moment.step + 1)
                } else {
                    Next::Stop
                }
            }
            Playback::Range { from, to } => {
                let span = (to.0 - from.0).max(1) as f32;
                self.progress = ((moment.time.0 - from.0) as f32 / span).clamp(0.0, 1.0);
                if moment.time >= to || !moment.playing {
                    Next::Stop
                } else {
                    Next::Carry
                }
            }
        }
    }

    /// Every frame is in: the encoder finishes the file.
    fn finish(&mut self, ctx: &egui::Context) {
        ctx.request_repaint_after(WATCH);
        self.progress = 1.0;
        self.advance = false;
        if let Some(encoding) = &self.encoding {
            // The encoder takes a Finish as soon as it has room; a full queue is fine to
            // wait on, the encoder is emptying it.
            let _ = encoding.frames.send(Message::Finish);
        }
        self.phase = Phase::Finishing;
    }

    fn fail(&mut self, ctx: &egui::Context, message: String) {
        if let Some(encoding) = self.encoding.take() {
            drop(encoding.frames);
            let _ = encoding.done.join();
        }
        self.end(ctx, Err(message));
    }

    fn end(&mut self, ctx: &egui::Context, result: Result<Written, String>) {
        self.phase = Phase::Finished;
        self.advance = false;
        if let Ok(mut slot) = self.outcome.lock() {
            *slot = Some(result);
        }
        if self.close_when_done {
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
        ctx.request_repaint();
    }
}

impl Drop for VideoExport {
    fn drop(&mut self) {
        // An export dropped part-way (the window closed) leaves nothing behind: the encoder
        // sees the channel close without a Finish and drops its temporary file.
        if let Some(encoding) = self.encoding.take() {
            drop(encoding.frames);
            let _ = encoding.done.join();
        }
    }
}

/// The encoder thread's work: every frame into the writer, then the file under its name;
/// a closed channel without a Finish drops everything (a cancel).
fn encode(
    mut writer: AnimationWriter,
    frames: &Receiver<Message>,
    wake: &egui::Context,
) -> Result<PathBuf, String> {
    for message in frames {
        // There is room in the queue again (or the file is done): a frame may wait for it.
        wake.request_repaint();
        match message {
            Message::Frame(image) => {
                let frame = crate::screenshot::to_rgba_image(&image)?;
                writer.push(&frame).map_err(|err| err.to_string())?;
            }
            Message::Finish => {
                let finished = writer.finish().map_err(|err| err.to_string());
                wake.request_repaint();
                return finished;
            }
        }
    }
    Err("cancelled".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moment(step: usize, arrived: bool) -> Moment {
        Moment {
            step,
            arrived,
            time: TimePoint::from_timestamp(jiff::Timestamp::UNIX_EPOCH),
            playing: false,
        }
    }

    fn story_export(folder: &std::path::Path, hold_secs: f32, steps: usize) -> VideoExport {
        VideoExport::start(
            &egui::Context::default(),
            folder.join("a.gif"),
            10,
            Playback::Story { hold_secs },
            steps,
            VideoOutcome::default(),
        )
        .expect("an export")
    }

    #[test]
    fn a_step_is_held_for_its_time_once_reached_then_the_next_is_shown() {
        let folder = tempfile::tempdir().expect("a folder");
        let mut export = story_export(folder.path(), 0.5, 2);
        // Frames while the camera flies do not count towards the hold.
        for _ in 0..3 {
            assert_eq!(export.after_frame(moment(0, false)), Next::Carry);
        }
        for _ in 0..4 {
            assert_eq!(export.after_frame(moment(0, true)), Next::Carry);
        }
        assert_eq!(export.after_frame(moment(0, true)), Next::ShowStep(1));
        assert!((export.progress() - 0.5).abs() < 1e-6);
        for _ in 0..4 {
            assert_eq!(export.after_frame(moment(1, true)), Next::Carry);
        }
        assert_eq!(export.after_frame(moment(1, true)), Next::Stop);
    }

    #[test]
    fn the_clock_moves_one_frame_only_after_a_frame_is_written() {
        let folder = tempfile::tempdir().expect("a folder");
        let mut export = story_export(folder.path(), 1.0, 1);
        assert_eq!(export.frame_dt(), 0.0);
        export.advance = true;
        assert!((export.frame_dt() - 0.1).abs() < 1e-6);
        assert_eq!(export.frame_dt(), 0.0, "once per frame");
    }

    #[test]
    fn bad_settings_are_refused_naming_the_file() {
        let folder = tempfile::tempdir().expect("a folder");
        let path = folder.path().join("a.gif");
        let start = |fps, playback, steps| {
            let ctx = egui::Context::default();
            VideoExport::start(
                &ctx,
                path.clone(),
                fps,
                playback,
                steps,
                VideoOutcome::default(),
            )
        };
        let story = Playback::Story { hold_secs: 2.0 };
        let too_slow = start(5, story, 3).err().expect("refused");
        assert!(too_slow.contains("a.gif") && too_slow.contains("5 frames"));
        assert!(start(60, story, 3).is_err());
        assert!(start(25, story, 0).is_err());
        let t = TimePoint::from_timestamp(jiff::Timestamp::UNIX_EPOCH);
        assert!(start(25, Playback::Range { from: t, to: t }, 0).is_err());
        let wrong = folder.path().join("a.avi");
        let ctx = egui::Context::default();
        let format = VideoExport::start(&ctx, wrong, 25, story, 3, VideoOutcome::default());
        assert!(format.is_err());
        assert!(!path.exists(), "nothing written");
    }
}
