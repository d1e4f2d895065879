//! `--story FILE --export-steps DIR`: one image per step, at the size asked for, the same
//! every time. This opens a real window, so it needs a display: an X server named by
//! `DISPLAY`, or `xvfb-run` to start one. With neither, the test says so and passes.

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

/// Runs the app to export the steps of `story` into `folder`, waiting at most five minutes.
fn export(launch: &[String], story: &Path, folder: &Path, runtime: &Path) {
    let app = env!("CARGO_BIN_EXE_chronomap");
    let mut command = match launch.split_first() {
        Some((program, args)) => {
            let mut command = Command::new(program);
            command.args(args).arg(app);
            command
        }
        None => Command::new(app),
    };
    command
        .arg("--story")
        .arg(story)
        .arg("--export-steps")
        .arg(folder)
        .args(["--size", "720x520", "--theme", "light"])
        .env("XDG_RUNTIME_DIR", runtime)
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
