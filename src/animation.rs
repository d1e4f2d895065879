//! Writing a sequence of drawn frames as an animated GIF, an MP4 video or numbered PNG files: what an
//! exported playback or story is made of once its frames are rendered. Frames are written
//! as they come, so a long export never holds them all; the file appears under its name
//! only when the last frame is in (a temporary file, then a rename), so a failed or
//! cancelled export never leaves half a file.

use std::io::BufWriter;
use std::path::{Path, PathBuf};

use image::RgbaImage;

/// How hard the GIF encoder works at choosing each frame's 256 colours (1 best, 30
/// fastest). 10 keeps a map's colours true at a few frames a second of encoding.
const GIF_QUALITY: i32 = 10;

/// The fastest frame rate written.
pub const MAX_FPS: u32 = 50;

/// What went wrong writing an animation, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum AnimationError {
    /// The output's name says neither GIF, MP4 nor a folder for PNG files.
    #[error("{0}: write to a .gif or .mp4 file, or to a folder for numbered PNG files")]
    UnknownFormat(PathBuf),
    /// Frames must be between 1 and 65,535 pixels wide and high, all the same size.
    #[error("{path}: frame {frame} is {got:?} pixels, expected {expected:?}")]
    FrameSize {
        /// The output.
        path: PathBuf,
        /// The frame, counting from 1.
        frame: usize,
        /// Its width and height.
        got: [u32; 2],
        /// The size of the first frame (or the largest a GIF allows).
        expected: [u32; 2],
    },
    /// The frame rate must be between 1 and 50 frames a second: GIF counts time in
    /// hundredths of a second, and viewers slow down frames shorter than two.
    #[error("{path}: {fps} frames a second is outside 1 to 50")]
    FrameRate {
        /// The output.
        path: PathBuf,
        /// The rate asked for.
        fps: u32,
    },
    /// The file or folder could not be written.
    #[error("{path}: {source}")]
    Write {
        /// The output.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// No frame was given.
    #[error("{0}: no frames to write")]
    Empty(PathBuf),
}

/// Where the frames go.
enum Sink {
    /// An animated GIF being written to a temporary file beside its final name; the
    /// encoder, which needs the frame size, is started with the first frame.
    Gif {
        file: Option<tempfile::NamedTempFile>,
        encoder: Option<gif::Encoder<BufWriter<tempfile::NamedTempFile>>>,
    },
    /// An H.264 video in an MP4 file, written to a temporary file beside its final name.
    Mp4(Box<crate::video_mp4::Mp4Sink>),
    /// Numbered PNG files in a folder (`frame-00001.png`, …), written into a temporary
    /// folder beside it that takes its name at the end.
    Pngs { staging: tempfile::TempDir },
}

/// An animation being written (see the module docs).
pub struct AnimationWriter {
    path: PathBuf,
    fps: u32,
    size: Option<[u32; 2]>,
    frames: usize,
    sink: Sink,
}

impl AnimationWriter {
    /// Starts an animation at `path` that plays at `fps` frames a second: a `.gif` or `.mp4`
    /// file, or, for a path without an extension, a folder of numbered PNG files (which must not
    /// exist yet, so nothing already there is overwritten).
    pub fn create(path: &Path, fps: u32) -> Result<AnimationWriter, AnimationError> {
        if !(1..=MAX_FPS).contains(&fps) {
            return Err(AnimationError::FrameRate {
                path: path.to_owned(),
                fps,
            });
        }
        let write_error = |source| AnimationError::Write {
            path: path.to_owned(),
            source,
        };
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
            _ => PathBuf::from("."),
        };
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let sink = match extension.as_deref() {
            Some("gif") => {
                let file = tempfile::Builder::new()
                    .prefix(".chronomap-animation-")
                    .tempfile_in(&folder)
                    .map_err(write_error)?;
                Sink::Gif {
                    file: Some(file),
                    encoder: None,
                }
            }
            Some("mp4") => {
                let file = tempfile::Builder::new()
                    .prefix(".chronomap-video-")
                    .tempfile_in(&folder)
                    .map_err(write_error)?;
                Sink::Mp4(Box::new(crate::video_mp4::Mp4Sink::new(file, fps)))
            }
            None => {
                if path.exists() {
                    return Err(write_error(std::io::Error::new(
                        std::io::ErrorKind::AlreadyExists,
                        "already exists; choose a new folder for the frames",
                    )));
                }
                let staging = tempfile::Builder::new()
                    .prefix(".chronomap-frames-")
                    .tempdir_in(&folder)
                    .map_err(write_error)?;
                Sink::Pngs { staging }
            }
            Some(_) => return Err(AnimationError::UnknownFormat(path.to_owned())),
        };
        Ok(AnimationWriter {
            path: path.to_owned(),
            fps,
            size: None,
            frames: 0,
            sink,
        })
    }

    /// Adds the next frame. Every frame must be the size of the first.
    pub fn push(&mut self, frame: &RgbaImage) -> Result<(), AnimationError> {
        let got = [frame.width(), frame.height()];
        let expected = *self.size.get_or_insert(got);
        let too_big = got
            .iter()
            .any(|&side| side == 0 || side > u32::from(u16::MAX));
        if got != expected || too_big {
            return Err(AnimationError::FrameSize {
                path: self.path.clone(),
                frame: self.frames + 1,
                got,
                expected: if too_big {
                    [u32::from(u16::MAX); 2]
                } else {
                    expected
                },
            });
        }
        let write_error = |source| AnimationError::Write {
            path: self.path.clone(),
            source,
        };
        let delay = self.delay_of(self.frames);
        match &mut self.sink {
            Sink::Gif { file, encoder } => {
                // Checked above: both sides fit in 16 bits.
                let (width, height) = (got[0] as u16, got[1] as u16);
                if let Some(file) = file.take() {
                    let mut started = gif::Encoder::new(BufWriter::new(file), width, height, &[])
                        .map_err(|err| write_error(std::io::Error::other(err)))?;
                    started
                        .set_repeat(gif::Repeat::Infinite)
                        .map_err(|err| write_error(std::io::Error::other(err)))?;
                    *encoder = Some(started);
                }
                let Some(encoder) = encoder.as_mut() else {
                    return Err(write_error(std::io::Error::other("the file is closed")));
                };
                let mut pixels = frame.as_raw().clone();
                let mut gif_frame =
                    gif::Frame::from_rgba_speed(width, height, &mut pixels, GIF_QUALITY);
                gif_frame.delay = delay;
                encoder
                    .write_frame(&gif_frame)
                    .map_err(|err| write_error(std::io::Error::other(err)))?;
            }
            Sink::Mp4(video) => video.push(frame).map_err(write_error)?,
            Sink::Pngs { staging } => {
                let file = staging
                    .path()
                    .join(format!("frame-{:05}.png", self.frames + 1));
                frame
                    .save_with_format(&file, image::ImageFormat::Png)
                    .map_err(|err| write_error(std::io::Error::other(err)))?;
            }
        }
        self.frames += 1;
        Ok(())
    }

    /// How many frames have been written.
    pub fn frames(&self) -> usize {
        self.frames
    }

    /// Ends the animation and gives it its name; returns where it is.
    pub fn finish(self) -> Result<PathBuf, AnimationError> {
        if self.frames == 0 {
            return Err(AnimationError::Empty(self.path));
        }
        let write_error = |source| AnimationError::Write {
            path: self.path.clone(),
            source,
        };
        match self.sink {
            Sink::Gif { encoder, .. } => {
                let encoder = encoder
                    .ok_or_else(|| write_error(std::io::Error::other("the file is closed")))?;
                let file = encoder
                    .into_inner()
                    .map_err(write_error)?
                    .into_inner()
                    .map_err(|err| write_error(err.into_error()))?;
                let file = file
                    .persist(&self.path)
                    .map_err(|err| write_error(err.error))?;
                readable_by_all(&file, false).map_err(write_error)?;
            }
            Sink::Mp4(video) => {
                let file = video.finish().map_err(write_error)?;
                let file = file
                    .persist(&self.path)
                    .map_err(|err| write_error(err.error))?;
                readable_by_all(&file, false).map_err(write_error)?;
            }
            Sink::Pngs { staging } => {
                let staged = staging.keep();
                std::fs::rename(&staged, &self.path).map_err(write_error)?;
                let folder = std::fs::File::open(&self.path).map_err(write_error)?;
                readable_by_all(&folder, true).map_err(write_error)?;
            }
        }
        Ok(self.path)
    }

    /// The delay after frame `n` in hundredths of a second (GIF's unit), spread so that
    /// the animation keeps exactly `fps` on average: 30 fps alternates 3, 3 and 4.
    fn delay_of(&self, n: usize) -> u16 {
        let at = |n: usize| (n as u64 * 100).div_ceil(u64::from(self.fps));
        (at(n + 1) - at(n)) as u16
    }
}

/// Gives a finished file (or folder) the permissions of any other the user makes: a
/// temporary file starts readable by its owner alone.
fn readable_by_all(file: &std::fs::File, folder: bool) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = if folder { 0o755 } else { 0o644 };
        file.set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (file, folder);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_keep_the_frame_rate_on_average() {
        let folder = tempfile::tempdir().expect("a folder");
        for fps in [1, 7, 10, 24, 25, 30, 50] {
            let writer =
                AnimationWriter::create(&folder.path().join("a.gif"), fps).expect("a writer");
            let total: u64 = (0..fps as usize)
                .map(|n| u64::from(writer.delay_of(n)))
                .sum();
            assert_eq!(total, 100, "{fps} fps");
        }
    }
}
