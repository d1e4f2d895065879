//! The chronomap desktop app.

mod headless;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use chronomap::app::CommandLineVideo;
use chronomap::export_steps::{StepsExport, StepsOutcome};
use chronomap::export_video::VideoOutcome;
use chronomap::screenshot::{Outcome, ScreenshotJob};
use chronomap::story::Story;
use chronomap::{ChronomapApp, io};
use clap::{Parser, Subcommand};

/// A map-and-timeline viewer for geocoded events reported in the news.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Work without a window: inspect or convert a file.
    #[command(subcommand)]
    command: Option<Headless>,

    /// Files to open: ACLED or other CSV, GDELT 2.0 events, GeoJSON. Each is read in the
    /// background and becomes a layer over the built-in events.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Open with this event selected (its id in the events file).
    #[arg(long, value_name = "EVENT_ID")]
    select: Option<String>,

    /// Open with this filter (an expression, as in the filter box and `export --filter`).
    #[arg(long, value_name = "EXPR")]
    filter: Option<String>,

    /// Open this view file (saved from the View menu): its files, layers, time, filters,
    /// camera, selection, table and theme. With --screenshot, draws exactly that view.
    #[arg(long, value_name = "VIEW.json")]
    view: Option<PathBuf>,

    /// Open with the event table shown.
    #[arg(long)]
    table: bool,

    /// Open with the filter panel shown.
    #[arg(long)]
    filters: bool,

    /// Write a PNG of the window once it has settled, then exit.
    #[arg(long, value_name = "OUT.png")]
    screenshot: Option<PathBuf>,

    /// Open this story for presenting (F5) instead of the built-in one.
    #[arg(long, value_name = "STORY.json")]
    story: Option<PathBuf>,

    /// Write one numbered PNG per step of the story (step-01.png, …) into DIR, each once
    /// it is fully drawn, then exit.
    #[arg(long, value_name = "DIR")]
    export_steps: Option<PathBuf>,

    /// Record the story (or, with --playback, the time control) as OUT.mp4 (H.264),
    /// OUT.gif, or numbered PNG files in a new folder OUT, then exit. Every frame is drawn in
    /// full at a fixed time step before it is written.
    #[arg(long, value_name = "OUT.mp4|OUT.gif|DIR")]
    export_video: Option<PathBuf>,

    /// Frames a second of --export-video, from 10 to 50.
    #[arg(long, value_name = "N", default_value_t = 25)]
    fps: u32,

    /// Seconds each step of the story stays on screen once reached, in --export-video.
    #[arg(long, value_name = "SECONDS", default_value_t = 3.0)]
    hold: f32,

    /// With --export-video: record the time control playing over its selection (from
    /// --view) or over all the events, in its mode and at its speed, instead of the story.
    #[arg(long)]
    playback: bool,

    /// Light or dark map and panels (default: follow the system).
    #[arg(long, value_enum)]
    theme: Option<Theme>,

    /// Window size, e.g. 1600x1000.
    #[arg(long, value_name = "WIDTHxHEIGHT", value_parser = parse_size)]
    size: Option<(f32, f32)>,
}

/// The commands that need no window.
#[derive(Debug, Subcommand)]
enum Headless {
    /// Read a file without opening a window and print what it holds.
    Inspect {
        /// The file to read.
        file: PathBuf,
        /// Print exactly one JSON object (documented in the README).
        #[arg(long)]
        json: bool,
    },
    /// Convert a file of events to chronomap GeoJSON (every field kept) or CSV.
    Convert {
        /// The file to read.
        input: PathBuf,
        /// The file to write: OUT.geojson or OUT.csv. Written through a temporary file, so a
        /// failure never leaves half a file.
        output: PathBuf,
    },
    /// Write the events that pass a filter to chronomap GeoJSON or CSV.
    Export {
        /// A filter expression (see the README), e.g.
        /// `initiator:kataib_hezbollah type:missile_attack country:IRQ "air base"`.
        #[arg(long, value_name = "EXPR")]
        filter: Option<String>,
        /// Only events that begin on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<jiff::civil::Date>,
        /// Only events that begin on or before this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        to: Option<jiff::civil::Date>,
        /// The files to read (none: the built-in events), then the file to write:
        /// OUT.geojson or OUT.csv.
        #[arg(value_name = "IN... OUT", required = true, num_args = 1..)]
        files: Vec<PathBuf>,
    },
}

/// The colour theme chosen on the command line.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Theme {
    Light,
    Dark,
}

fn parse_size(text: &str) -> Result<(f32, f32), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("'{text}' is not a size like 1600x1000"))?;
    let parse = |s: &str| {
        s.trim()
            .parse::<u16>()
            .ok()
            .filter(|v| (200..=8000).contains(v))
            .map(f32::from)
            .ok_or_else(|| {
                format!("'{text}': width and height must be whole numbers from 200 to 8000")
            })
    };
    Ok((parse(w)?, parse(h)?))
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = Cli::parse();
    match &cli.command {
        Some(Headless::Inspect { file, json }) => return headless::inspect(file, *json),
        Some(Headless::Convert { input, output }) => return headless::convert(input, output),
        Some(Headless::Export {
            filter,
            from,
            to,
            files,
        }) => return headless::export(filter.as_deref(), (*from, *to), files),
        None => {}
    }

    let filter = match cli.filter.as_deref().map(chronomap::model::parse_filter) {
        None => None,
        Some(Ok(filter)) => Some(filter),
        Some(Err(err)) => {
            let expression = cli.filter.as_deref().unwrap_or("");
            eprintln!("chronomap: --filter: {err}\n{}", err.pointer(expression));
            return ExitCode::from(2);
        }
    };

    let view = match cli
        .view
        .as_deref()
        .map(chronomap::view_file::ViewFile::read)
    {
        None => None,
        Some(Ok(view)) => Some(view),
        Some(Err(message)) => {
            eprintln!("chronomap: --view: {message}");
            return ExitCode::from(2);
        }
    };

    // The built-in events are small and compiled in; users' files are read in the
    // background once the window is open.
    let loaded = io::load_builtin();

    let story = match cli.story.as_deref().map(Story::read) {
        None => None,
        Some(Ok(story)) => Some(story),
        Some(Err(message)) => {
            eprintln!("chronomap: --story: {message}");
            return ExitCode::from(2);
        }
    };
    let story_name = cli
        .story
        .as_deref()
        .map(|path| path.display().to_string())
        .unwrap_or_default();
    // On the built-in events, a story naming events or articles they lack is refused now.
    if let Some(story) = &story
        && cli.files.is_empty()
        && cli.view.is_none()
        && let Some(first) = story.problems_with(&loaded.dataset).first()
    {
        eprintln!("chronomap: --story: {story_name}: {first}");
        return ExitCode::from(2);
    }
    // A screenshot or an export draws what the command line asks for, not what an
    // earlier run left behind.
    let rendering =
        cli.screenshot.is_some() || cli.export_steps.is_some() || cli.export_video.is_some();

    let size = cli.size.unwrap_or((1480.0, 920.0));
    // eframe restores the window's size and place from its storage even when told not to
    // save them, so a rendering run reads a storage of its own, empty, in a scratch folder
    // that goes when the run ends.
    let scratch = if rendering {
        match tempfile::tempdir() {
            Ok(folder) => Some(folder),
            Err(err) => {
                eprintln!("chronomap: could not make a scratch folder: {err}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        None
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("chronomap")
            .with_inner_size(size)
            .with_min_inner_size((720.0, 480.0)),
        // A screenshot must show the default view, not one remembered from an earlier run.
        persist_window: !rendering,
        persistence_path: scratch.as_ref().map(|folder| folder.path().join("app.ron")),
        ..Default::default()
    };
    let outcome: Outcome = Arc::new(Mutex::new(None));
    let screenshot_requested = cli.screenshot.is_some();
    let export_requested = cli.export_steps.is_some();
    let video_outcome: VideoOutcome = Arc::new(Mutex::new(None));
    let video_request = cli.export_video.clone().map(|path| CommandLineVideo {
        path,
        fps: cli.fps,
        hold_secs: (!cli.playback).then_some(cli.hold),
        outcome: Arc::clone(&video_outcome),
    });
    let steps_outcome: StepsOutcome = Arc::new(Mutex::new(None));
    let steps_landing = Arc::clone(&steps_outcome);
    let job = cli
        .screenshot
        .clone()
        .map(|path| ScreenshotJob::new(path, Arc::clone(&outcome)));

    let result = eframe::run_native(
        "chronomap",
        options,
        Box::new(move |cc| {
            if rendering {
                // Not what an earlier run left in eframe's storage (theme, panel sizes).
                cc.egui_ctx
                    .memory_mut(|memory| *memory = egui::Memory::default());
            }
            let view_theme = view.as_ref().and_then(|view| view.theme.clone());
            match (cli.theme, view_theme.as_deref()) {
                (Some(Theme::Light), _) | (None, Some("light")) => {
                    cc.egui_ctx.set_theme(egui::Theme::Light);
                }
                (Some(Theme::Dark), _) | (None, Some("dark")) => {
                    cc.egui_ctx.set_theme(egui::Theme::Dark);
                }
                _ => {}
            }
            let mut app = ChronomapApp::new(cc, loaded);
            if rendering {
                // The offline basemap, whatever online layer an earlier run chose.
                app.map_mut()
                    .online_mut()
                    .set_layer(chronomap::map::OnlineLayer::Off);
            }
            if let Some(filter) = filter {
                app.apply(chronomap::Command::SetFilter(filter));
            }
            app.show_table(cli.table);
            app.show_filter_panel(cli.filters);
            let fresh =
                cli.files.is_empty() && cli.filter.is_none() && cli.select.is_none() && !rendering;
            if let Some(view) = view {
                let folder = cli
                    .view
                    .as_deref()
                    .and_then(std::path::Path::parent)
                    .unwrap_or(std::path::Path::new("."))
                    .to_owned();
                app.open_view(view, &folder);
            } else if fresh {
                // As the user left it: the last session's view.
                app.restore_last_view(cc.storage);
            }
            app.open_files(&cc.egui_ctx, cli.files.clone());
            if let Some(id) = &cli.select {
                match app.dataset().index_of(id) {
                    Some(index) => app.apply(chronomap::Command::Select(Some(index))),
                    None => log::warn!("--select: there is no event with id '{id}'"),
                }
            }
            if let Some(story) = story {
                // Checked above against the built-in events; with files, when presenting.
                let _ = app.open_story(story, &story_name);
            }
            let app = match cli.export_steps.clone() {
                Some(folder) => {
                    let count = app.presenter().story().steps.len();
                    app.with_steps_export(StepsExport::new(folder, count, steps_landing))
                }
                None => app,
            };
            let app = match video_request {
                Some(request) => app.with_video_export(request),
                None => app,
            };
            Ok(Box::new(match job {
                Some(job) => app.with_screenshot(job),
                None => app,
            }))
        }),
    );
    if let Err(err) = result {
        eprintln!("chronomap: could not open the window: {err}");
        return ExitCode::FAILURE;
    }
    if let Some(path) = &cli.export_video {
        let finished = video_outcome.lock().ok().and_then(|mut slot| slot.take());
        return match finished {
            Some(Ok(written)) => {
                println!(
                    "wrote {} ({} frames)",
                    written.path.display(),
                    written.frames
                );
                ExitCode::SUCCESS
            }
            Some(Err(message)) => {
                eprintln!("chronomap: --export-video failed: {message}");
                ExitCode::FAILURE
            }
            None => {
                eprintln!(
                    "chronomap: the window closed before {} was written",
                    path.display()
                );
                ExitCode::FAILURE
            }
        };
    }
    if export_requested {
        let finished = steps_outcome.lock().ok().and_then(|mut slot| slot.take());
        return match finished {
            Some(Ok(paths)) => {
                for path in &paths {
                    println!("wrote {}", path.display());
                }
                ExitCode::SUCCESS
            }
            Some(Err(message)) => {
                eprintln!("chronomap: --export-steps failed: {message}");
                ExitCode::FAILURE
            }
            None => {
                eprintln!("chronomap: the window closed before every step was written");
                ExitCode::FAILURE
            }
        };
    }
    if screenshot_requested {
        let finished = outcome.lock().ok().and_then(|mut slot| slot.take());
        return match finished {
            Some(Ok(path)) => {
                println!("wrote {}", path.display());
                ExitCode::SUCCESS
            }
            Some(Err(message)) => {
                eprintln!("chronomap: screenshot failed: {message}");
                ExitCode::FAILURE
            }
            None => {
                eprintln!("chronomap: the window closed before the screenshot was taken");
                ExitCode::FAILURE
            }
        };
    }
    ExitCode::SUCCESS
}
