//! Writing frames as an H.264 video in an MP4 file: each frame is turned into YUV 4:2:0,
//! encoded by OpenH264 (built from its source with the app, so nothing has to be installed)
//! and written as one sample of an MP4 video track by the `mp4` crate.
//!
//! H.264's 4:2:0 colour needs an even width and height: a frame with an odd side loses its
//! last column or row.

use std::io::{self, BufWriter};

use bytes::Bytes;
use image::RgbaImage;
use openh264::encoder::{
    BitRate, Encoder, EncoderConfig, FrameRate, FrameType, RateControlMode, UsageType,
};
use openh264::formats::{RgbaSliceU8, YUVBuffer};

/// Ticks of the track's clock per frame: the clock runs at `fps × TICKS_PER_FRAME` a second,
/// so every frame lasts exactly the same whole number of ticks.
const TICKS_PER_FRAME: u32 = 1_000;

/// Bits a second per pixel of a frame at 30 fps: maps with thin borders and small text need
/// more than camera video does to stay sharp (about 12 Mbit/s at 1920 × 1080).
const BITS_PER_PIXEL_AT_30_FPS: f64 = 5.8;

/// An MP4 file being written (its temporary file, then the muxer once the first frame has
/// given the stream's parameter sets).
pub struct Mp4Sink {
    fps: u32,
    state: State,
    frames: u64,
}

enum State {
    /// No frame yet: the file waits for the size of the first.
    Waiting(tempfile::NamedTempFile),
    /// Encoding into the file.
    Writing {
        encoder: Box<Encoder>,
        muxer: Box<mp4::Mp4Writer<BufWriter<tempfile::NamedTempFile>>>,
        /// The even size every frame is cut to.
        size: [usize; 2],
        /// Whether the video track has been added (after the first parameter sets).
        track: bool,
    },
    /// A failure left the file unusable.
    Broken,
}

fn other(message: impl Into<String>) -> io::Error {
    io::Error::other(message.into())
}

impl Mp4Sink {
    /// A video at `fps` frames a second, written into `file`.
    pub fn new(file: tempfile::NamedTempFile, fps: u32) -> Self {
        Mp4Sink {
            fps,
            state: State::Waiting(file),
            frames: 0,
        }
    }

    /// Encodes and writes one frame.
    pub fn push(&mut self, frame: &RgbaImage) -> io::Result<()> {
        if let State::Waiting(_) = self.state {
            let State::Waiting(file) = std::mem::replace(&mut self.state, State::Broken) else {
                return Err(other("the video file is closed"));
            };
            self.state = self.start(file, frame)?;
        }
        let fps = self.fps;
        let frames = self.frames;
        let State::Writing {
            encoder,
            muxer,
            size,
            track,
        } = &mut self.state
        else {
            return Err(other("the video file is closed"));
        };
        let pixels = even_crop(frame, *size);
        let yuv = YUVBuffer::from_rgb_source(RgbaSliceU8::new(&pixels, (size[0], size[1])));
        let stream = encoder
            .encode(&yuv)
            .map_err(|err| other(format!("H.264 encoding failed: {err}")))?;
        let is_sync = matches!(stream.frame_type(), FrameType::IDR);
        let mut sps = None;
        let mut pps = None;
        let mut sample = Vec::new();
        for l in 0..stream.num_layers() {
            let Some(layer) = stream.layer(l) else {
                continue;
            };
            for n in 0..layer.nal_count() {
                let Some(unit) = layer.nal_unit(n).map(strip_start_code) else {
                    continue;
                };
                match unit.first().map(|byte| byte & 0x1f) {
                    // Parameter sets go in the track's header, not in the samples.
                    Some(7) => sps = Some(unit.to_vec()),
                    Some(8) => pps = Some(unit.to_vec()),
                    Some(_) => {
                        // MP4 samples hold NAL units with a 4-byte length, not start codes.
                        let length = u32::try_from(unit.len())
                            .map_err(|_| other("an encoded frame is too large"))?;
                        sample.extend_from_slice(&length.to_be_bytes());
                        sample.extend_from_slice(unit);
                    }
                    None => {}
                }
            }
        }
        if !*track {
            let (Some(sps), Some(pps)) = (sps, pps) else {
                return Err(other(
                    "the encoder gave no parameter sets with its first frame",
                ));
            };
            let too_big = || other("frames wider or higher than 65,535 pixels");
            let config = mp4::TrackConfig {
                track_type: mp4::TrackType::Video,
                timescale: fps * TICKS_PER_FRAME,
                language: "und".to_owned(),
                media_conf: mp4::MediaConfig::AvcConfig(mp4::AvcConfig {
                    width: u16::try_from(size[0]).map_err(|_| too_big())?,
                    height: u16::try_from(size[1]).map_err(|_| too_big())?,
                    seq_param_set: sps,
                    pic_param_set: pps,
                }),
            };
            muxer.add_track(&config).map_err(mux_error)?;
            *track = true;
        }
        if sample.is_empty() {
            // Frame skipping is off, so every frame gives data; keep the timing if not.
            return Err(other("the encoder gave an empty frame"));
        }
        let sample = mp4::Mp4Sample {
            start_time: frames * u64::from(TICKS_PER_FRAME),
            duration: TICKS_PER_FRAME,
            rendering_offset: 0,
            is_sync,
            bytes: Bytes::from(sample),
        };
        muxer.write_sample(1, &sample).map_err(mux_error)?;
        self.frames += 1;
        Ok(())
    }

    /// Starts the encoder and the muxer for frames the size of `first`.
    fn start(&self, file: tempfile::NamedTempFile, first: &RgbaImage) -> io::Result<State> {
        let size = [
            (first.width() as usize) & !1,
            (first.height() as usize) & !1,
        ];
        if size[0] < 16 || size[1] < 16 {
            return Err(other(format!(
                "a {} × {} frame is too small for a video",
                first.width(),
                first.height()
            )));
        }
        let pixels = (size[0] * size[1]) as f64;
        let bits = pixels * BITS_PER_PIXEL_AT_30_FPS * f64::from(self.fps) / 30.0;
        let config = EncoderConfig::new()
            .usage_type(UsageType::ScreenContentRealTime)
            // Neither is available for screen content; saying so keeps OpenH264 quiet.
            .adaptive_quantization(false)
            .background_detection(false)
            .rate_control_mode(RateControlMode::Quality)
            .bitrate(BitRate::from_bps(bits.min(f64::from(u32::MAX)) as u32))
            .max_frame_rate(FrameRate::from_hz(self.fps as f32))
            // Every frame rendered is a frame of the video, so none may be dropped.
            .skip_frames(false)
            // The same frames give the same file, whatever the machine's cores.
            .num_threads(1);
        let encoder = Encoder::with_api_config(openh264::OpenH264API::from_source(), config)
            .map_err(|err| other(format!("could not start the H.264 encoder: {err}")))?;
        let mp4_config = mp4::Mp4Config {
            major_brand: "isom".parse().map_err(mux_error)?,
            minor_version: 512,
            compatible_brands: ["isom", "iso2", "avc1", "mp41"]
                .iter()
                .map(|brand| brand.parse())
                .collect::<Result<_, _>>()
                .map_err(mux_error)?,
            timescale: 1_000,
        };
        let muxer =
            mp4::Mp4Writer::write_start(BufWriter::new(file), &mp4_config).map_err(mux_error)?;
        Ok(State::Writing {
            encoder: Box::new(encoder),
            muxer: Box::new(muxer),
            size,
            track: false,
        })
    }

    /// Ends the video (writes its index) and gives back the finished temporary file.
    pub fn finish(self) -> io::Result<tempfile::NamedTempFile> {
        match self.state {
            State::Writing { mut muxer, .. } => {
                muxer.write_end().map_err(mux_error)?;
                muxer
                    .into_writer()
                    .into_inner()
                    .map_err(|err| err.into_error())
            }
            State::Waiting(_) | State::Broken => Err(other("no frame was written")),
        }
    }
}

fn mux_error(err: mp4::Error) -> io::Error {
    other(format!("MP4 writing failed: {err}"))
}

/// Drops the start code (`00 00 01` or `00 00 00 01`) in front of a NAL unit.
fn strip_start_code(unit: &[u8]) -> &[u8] {
    let zeros = unit.iter().take_while(|&&byte| byte == 0).count();
    match unit.get(zeros) {
        Some(1) if zeros >= 2 => &unit[zeros + 1..],
        _ => unit,
    }
}

/// The frame's pixels cut to `size` (even sides): a copy only when a side is odd.
fn even_crop(frame: &RgbaImage, size: [usize; 2]) -> std::borrow::Cow<'_, [u8]> {
    let width = frame.width() as usize;
    if width == size[0] && frame.height() as usize == size[1] {
        return std::borrow::Cow::Borrowed(frame.as_raw());
    }
    let mut pixels = Vec::with_capacity(size[0] * size[1] * 4);
    for row in frame.as_raw().chunks_exact(width * 4).take(size[1]) {
        pixels.extend_from_slice(&row[..size[0] * 4]);
    }
    std::borrow::Cow::Owned(pixels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_codes_are_dropped_and_nothing_else() {
        assert_eq!(strip_start_code(&[0, 0, 0, 1, 0x67, 5]), &[0x67, 5]);
        assert_eq!(strip_start_code(&[0, 0, 1, 0x68]), &[0x68]);
        assert_eq!(strip_start_code(&[0x65, 0, 0, 1]), &[0x65, 0, 0, 1]);
        assert_eq!(strip_start_code(&[0, 1, 0x65]), &[0, 1, 0x65]);
    }

    #[test]
    fn odd_frames_lose_their_last_column_and_row() {
        let frame = RgbaImage::from_fn(5, 3, |x, y| image::Rgba([x as u8, y as u8, 0, 255]));
        let cropped = even_crop(&frame, [4, 2]);
        assert_eq!(cropped.len(), 4 * 2 * 4);
        // The second row starts with pixel (0, 1).
        assert_eq!(&cropped[16..20], &[0, 1, 0, 255]);
    }
}
