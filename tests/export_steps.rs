//! `--story FILE --export-steps DIR`: one image per step, at the size asked for, the same
//! every time; and `--export-video`: the story as a GIF, an MP4 and PNG frames, each frame
//! rendered at a fixed time step, so every format holds the same frames every time. These
//! open a real window, so they need a display: an X server named by `DISPLAY`, or
//! `xvfb-run` to start one. With neither, the tests say so and pass.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SHORT_STORY: &str = r#"{
    "chronomap_story": 1,
    "title": "Two steps",
    "steps": [
        {
            "title": "Al-Asad",
            "date": "20 or 21 January 2024",
            "time": { "cursor": "2024-01-22T00:00:00Z" },
            "camera": { "lon": 42.44, "lat": 33.79, "zoom": 6.0 },
            "selected": "al-asad-missile-attack",
            "caption": [{ "text": "Missiles and rockets were fired at Al-Asad air base.",
                          "sources": ["002_778fc798d2b8a96f"] }]
        },
        {
            "title": "Yemen",
            "date": "22 January 2024",
            "time": { "cursor": "2024-01-23T00:00:00Z" },
            "camera": { "fit": ["us-uk-strikes-yemen-eight-targets", "houthi-attacks-red-sea-shipping"] },
            "selected": "us-uk-strikes-yemen-eight-targets",
            "caption": [{ "text": "The US and the UK struck eight targets in Yemen.",
                          "sources": ["000_96d07c357b66a4b0"] }]
        }
    ]
}"#;

/// How to start a windowed program here: directly under `DISPLAY`, through `xvfb-run`, or
/// not at all.
fn launcher() -> Option<Vec<String>> {
    if std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty()) {
        return Some(Vec::new());
    }
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join("xvfb-run").is_file()))
        .unwrap_or(false);
    found.then(|| {
        ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24"]
            .map(str::to_owned)
            .to_vec()
    })
}

/// The app, started through `launch`.
fn app_command(launch: &[String]) -> Command {
    let app = env!("CARGO_BIN_EXE_chronomap");
    match launch.split_first() {
        Some((program, args)) => {
            let mut command = Command::new(program);
            command.args(args).arg(app);
            command
        }
        None => Command::new(app),
    }
}

/// Runs the app with `args` (plus a small light window), waiting at most five minutes.
fn run_app(launch: &[String], args: &[&std::ffi::OsStr], runtime: &Path) {
    let mut command = app_command(launch);
    command
        .args(args)
        .args(["--size", "720x520", "--theme", "light"])
        .env("XDG_RUNTIME_DIR", runtime)
        // The app's settings are kept under XDG_DATA_HOME: here, beside the runtime folder,
        // not the machine's.
        .env("XDG_DATA_HOME", data_home(runtime))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    let mut child = command.spawn().expect("the app starts");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("waited") {
            assert!(status.success(), "the export failed: {status}");
            return;
        }
        if started.elapsed() > Duration::from_secs(300) {
            let _ = child.kill();
            panic!("the export took more than five minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Where the app keeps its settings in these tests.
fn data_home(runtime: &Path) -> PathBuf {
    runtime.with_file_name("data")
}

/// Runs the app to export the steps of `story` into `folder`.
fn export(launch: &[String], story: &Path, folder: &Path, runtime: &Path) {
    let args = [
        "--story".as_ref(),
        story.as_os_str(),
        "--export-steps".as_ref(),
        folder.as_os_str(),
    ];
    run_app(launch, &args, runtime);
}

/// A scratch folder with the short story in it and a private runtime folder for the
/// window system; the story's path and the runtime folder's.
fn workplace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let work = tempfile::tempdir().expect("a folder");
    let runtime = work.path().join("runtime");
    std::fs::create_dir(&runtime).expect("a runtime folder");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let private = std::fs::Permissions::from_mode(0o700);
        std::fs::set_permissions(&runtime, private).expect("private");
    }
    let story = work.path().join("story.json");
    std::fs::write(&story, SHORT_STORY).expect("the story");
    (work, story, runtime)
}

fn files_in(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("the folder")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    files.sort();
    files
}

#[test]
fn a_short_story_exports_one_image_per_step_the_same_every_time() {
    let Some(launch) = launcher() else {
        eprintln!("skipped: no display (DISPLAY unset) and no xvfb-run to start one");
        return;
    };
    let (work, story, runtime) = workplace();
    let (first, second) = (work.path().join("first"), work.path().join("second"));
    export(&launch, &story, &first, &runtime);
    export(&launch, &story, &second, &runtime);

    let images = files_in(&first);
    let names: Vec<_> = images
        .iter()
        .map(|path| {
            path.file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["step-01.png", "step-02.png"]);
    for path in &images {
        let image = image::open(path).expect("a PNG");
        assert_eq!(
            (image.width(), image.height()),
            (720, 520),
            "{}",
            path.display()
        );
    }
    assert_eq!(files_in(&second).len(), images.len());
    for path in &images {
        let twin = second.join(path.file_name().expect("a name"));
        let (a, b) = (
            std::fs::read(path).expect("read"),
            std::fs::read(&twin).expect("read"),
        );
        assert!(a == b, "{} differs between two exports", path.display());
    }
}

/// Records the short story to `out` at 10 frames a second, each step held half a second.
fn record(launch: &[String], story: &Path, out: &Path, runtime: &Path) {
    let args = [
        "--story".as_ref(),
        story.as_os_str(),
        "--export-video".as_ref(),
        out.as_os_str(),
        "--fps".as_ref(),
        "10".as_ref(),
        "--hold".as_ref(),
        "0.5".as_ref(),
    ];
    run_app(launch, &args, runtime);
}

/// The frames of a GIF, as (width, height, RGBA pixels).
fn gif_frames(path: &Path) -> Vec<(u16, u16, Vec<u8>)> {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let file = std::fs::File::open(path).expect("the GIF");
    let mut decoder = options.read_info(file).expect("a GIF");
    let mut frames = Vec::new();
    while let Some(frame) = decoder.read_next_frame().expect("a frame") {
        frames.push((frame.width, frame.height, frame.buffer.to_vec()));
    }
    frames
}

#[test]
fn a_recorded_story_has_the_same_frames_in_every_format_and_every_time() {
    let Some(launch) = launcher() else {
        eprintln!("skipped: no display (DISPLAY unset) and no xvfb-run to start one");
        return;
    };
    let (work, story, runtime) = workplace();
    let (gif, again) = (work.path().join("a.gif"), work.path().join("b.gif"));
    record(&launch, &story, &gif, &runtime);
    record(&launch, &story, &again, &runtime);
    let frames = gif_frames(&gif);
    // Two steps, each held for five frames once reached, after the camera's flight.
    assert!(frames.len() > 10, "{} frames", frames.len());
    for (width, height, _) in &frames {
        assert_eq!((*width, *height), (720, 520));
    }
    // The camera moves between frames: not every frame is the same picture.
    assert!(frames.windows(2).any(|pair| pair[0].2 != pair[1].2));
    let (a, b) = (
        std::fs::read(&gif).expect("read"),
        std::fs::read(&again).expect("read"),
    );
    assert!(a == b, "two recordings of the same story differ");

    // The same recording as H.264 in MP4: as many samples, a decodable first frame.
    let mp4 = work.path().join("a.mp4");
    record(&launch, &story, &mp4, &runtime);
    let file = std::fs::File::open(&mp4).expect("the MP4");
    let size = file.metadata().expect("its size").len();
    let mut reader =
        mp4::Mp4Reader::read_header(std::io::BufReader::new(file), size).expect("an MP4");
    let track = reader.tracks().get(&1).expect("a video track");
    assert_eq!((track.width(), track.height()), (720, 520));
    assert_eq!(track.sample_count() as usize, frames.len());
    let avc = track.trak.mdia.minf.stbl.stsd.avc1.as_ref().expect("H.264");
    let mut annex_b = Vec::new();
    for set in avc
        .avcc
        .sequence_parameter_sets
        .iter()
        .chain(&avc.avcc.picture_parameter_sets)
    {
        annex_b.extend_from_slice(&[0, 0, 0, 1]);
        annex_b.extend_from_slice(&set.bytes);
    }
    let sample = reader
        .read_sample(1, 1)
        .expect("read")
        .expect("a first sample");
    let mut bytes = &sample.bytes[..];
    while bytes.len() > 4 {
        let length = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
        annex_b.extend_from_slice(&[0, 0, 0, 1]);
        annex_b.extend_from_slice(&bytes[4..4 + length]);
        bytes = &bytes[4 + length..];
    }
    let mut decoder = openh264::decoder::Decoder::new().expect("a decoder");
    let picture = decoder
        .decode(&annex_b)
        .expect("the first frame decodes")
        .expect("a picture");
    use openh264::formats::YUVSource as _;
    assert_eq!(picture.dimensions(), (720, 520));

    // And as numbered PNG files in a new folder.
    let folder = work.path().join("frames");
    record(&launch, &story, &folder, &runtime);
    let pngs = files_in(&folder);
    assert_eq!(pngs.len(), frames.len());
    let first = pngs.first().expect("a frame");
    assert!(first.ends_with("frame-00001.png"), "{}", first.display());
}

#[test]
fn a_video_that_cannot_be_written_fails_naming_the_file_and_leaves_nothing() {
    let Some(launch) = launcher() else {
        eprintln!("skipped: no display (DISPLAY unset) and no xvfb-run to start one");
        return;
    };
    let (work, story, runtime) = workplace();
    let out = work.path().join("story.avi");
    let mut command = app_command(&launch);
    let output = command
        .arg("--story")
        .arg(&story)
        .arg("--export-video")
        .arg(&out)
        .args(["--size", "720x520"])
        .env("XDG_RUNTIME_DIR", &runtime)
        .output()
        .expect("the app runs");
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("story.avi") && said.contains(".mp4"),
        "{said}"
    );
    let left: Vec<_> = files_in(work.path())
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e != "json"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_screenshot_takes_the_size_asked_for_not_the_window_size_of_an_earlier_run() {
    let Some(launch) = launcher() else {
        eprintln!("skipped: no display (DISPLAY unset) and no xvfb-run to start one");
        return;
    };
    let (work, _story, runtime) = workplace();
    // What eframe keeps after a person's run in a 1000 × 700 window, with the built-in view.
    let settings = data_home(&runtime).join("chronomap");
    std::fs::create_dir_all(&settings).expect("a settings folder");
    let window = "(normal_geometry:(outer_position_pixels:Some((x:0.0,y:0.0)),\
                  scale_factor:1.0,inner_size_points:(x:1000.0,y:700.0)),\
                  fullscreen:false,maximized:false)";
    std::fs::write(
        settings.join("app.ron"),
        format!("{{\n    \"window\": \"{window}\",\n}}\n"),
    )
    .expect("the settings");
    let before = std::fs::read(settings.join("app.ron")).expect("read");
    let png = work.path().join("shot.png");
    run_app(
        &launch,
        &["--screenshot".as_ref(), png.as_os_str()],
        &runtime,
    );
    let image = image::open(&png).expect("a PNG");
    assert_eq!((image.width(), image.height()), (720, 520));
    let after = std::fs::read(settings.join("app.ron")).expect("read");
    assert!(
        before == after,
        "a screenshot run leaves the settings as they were"
    );
}
