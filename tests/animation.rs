//! Exported animations: an animated GIF holds every frame at its size and keeps the frame
//! rate; an MP4 holds every frame as H.264 that decodes; two exports of the same frames are identical byte for byte; numbered PNG files
//! come out in a new folder; a wrong size, a wrong name or no frames give a message naming
//! the file, and nothing is left half written.

use std::path::Path;

use chronomap::animation::{AnimationError, AnimationWriter};
use image::{Rgba, RgbaImage};

/// Frame `n` of a small test animation: a coloured square moving across a pale ground.
fn frame(n: u32, size: [u32; 2]) -> RgbaImage {
    RgbaImage::from_fn(size[0], size[1], |x, y| {
        let inside = x.abs_diff(10 + n * 7) < 6 && y.abs_diff(size[1] / 2) < 6;
        if inside {
            Rgba([200, 40, 63, 255])
        } else {
            Rgba([240, 236, 226, 255])
        }
    })
}

fn write(path: &Path, frames: u32, fps: u32) -> Result<(), AnimationError> {
    let mut writer = AnimationWriter::create(path, fps)?;
    for n in 0..frames {
        writer.push(&frame(n, [80, 40]))?;
    }
    writer.finish().map(|_| ())
}

#[test]
fn a_gif_holds_every_frame_at_its_size_and_rate_and_repeats_exactly() {
    let folder = tempfile::tempdir().expect("a folder");
    let (first, second) = (folder.path().join("a.gif"), folder.path().join("b.gif"));
    write(&first, 6, 25).expect("written");
    write(&second, 6, 25).expect("written");
    let bytes = std::fs::read(&first).expect("read");
    assert_eq!(
        bytes,
        std::fs::read(&second).expect("read"),
        "identical exports"
    );

    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options.read_info(bytes.as_slice()).expect("a GIF");
    assert_eq!((decoder.width(), decoder.height()), (80, 40));
    let mut delays = Vec::new();
    while let Some(frame) = decoder.read_next_frame().expect("a frame") {
        assert_eq!((frame.width, frame.height), (80, 40));
        delays.push(frame.delay);
    }
    assert_eq!(
        delays,
        vec![4; 6],
        "25 frames a second is 4 hundredths each"
    );
    // Only the two GIFs are left in the folder: no temporary file.
    assert_eq!(std::fs::read_dir(folder.path()).expect("list").count(), 2);
}

#[test]
fn frames_without_a_gif_name_are_numbered_pngs_in_a_new_folder() {
    let folder = tempfile::tempdir().expect("a folder");
    let out = folder.path().join("frames");
    write(&out, 3, 10).expect("written");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("the folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["frame-00001.png", "frame-00002.png", "frame-00003.png"]
    );
    let second = image::open(out.join("frame-00002.png")).expect("a PNG");
    assert_eq!((second.width(), second.height()), (80, 40));
    assert_eq!(second.to_rgba8(), frame(1, [80, 40]));
    // A folder that exists is never written into.
    let again = write(&out, 3, 10).expect_err("refused");
    assert!(again.to_string().contains("already exists"), "{again}");
}

#[test]
fn bad_frames_names_and_rates_say_what_is_wrong_and_leave_nothing() {
    let folder = tempfile::tempdir().expect("a folder");
    let path = folder.path().join("bad.gif");
    let mut writer = AnimationWriter::create(&path, 10).expect("a writer");
    writer.push(&frame(0, [80, 40])).expect("first frame");
    let error = writer
        .push(&frame(1, [81, 40]))
        .expect_err("a different size");
    let message = error.to_string();
    assert!(
        message.contains("bad.gif") && message.contains("frame 2"),
        "{message}"
    );
    drop(writer);

    let empty = AnimationWriter::create(&path, 10).expect("a writer");
    assert!(matches!(empty.finish(), Err(AnimationError::Empty(_))));
    assert!(matches!(
        AnimationWriter::create(&folder.path().join("a.avi"), 10),
        Err(AnimationError::UnknownFormat(_))
    ));
    assert!(matches!(
        AnimationWriter::create(&path, 0),
        Err(AnimationError::FrameRate { .. })
    ));
    assert_eq!(
        std::fs::read_dir(folder.path()).expect("list").count(),
        0,
        "no file and no temporary file left"
    );
}

#[test]
fn an_mp4_holds_every_frame_as_h264_at_the_frame_rate() {
    let folder = tempfile::tempdir().expect("a folder");
    let path = folder.path().join("a.mp4");
    // An odd width: the video drops the last column.
    let mut writer = AnimationWriter::create(&path, 25).expect("a writer");
    for n in 0..30 {
        writer.push(&frame(n % 9, [81, 40])).expect("a frame");
    }
    writer.finish().expect("finished");
    let file = std::fs::File::open(&path).expect("the MP4");
    let size = file.metadata().expect("its size").len();
    let reader = mp4::Mp4Reader::read_header(std::io::BufReader::new(file), size).expect("MP4");
    let track = reader.tracks().get(&1).expect("a video track");
    assert_eq!(track.media_type().expect("a type"), mp4::MediaType::H264);
    assert_eq!((track.width(), track.height()), (80, 40));
    assert_eq!(track.sample_count(), 30);
    let seconds = track.duration().as_secs_f64();
    assert!((seconds - 30.0 / 25.0).abs() < 1e-6, "{seconds} s");
    let names: Vec<_> = std::fs::read_dir(folder.path())
        .expect("list")
        .map(|entry| entry.expect("an entry").file_name())
        .collect();
    assert_eq!(names, ["a.mp4"], "no temporary file left");
}
