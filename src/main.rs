//! The chronomap desktop app.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use chronomap::io::import::{Progress, import_file_with};
use chronomap::screenshot::{Outcome, ScreenshotJob};
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

    /// Write a PNG of the window once it has settled, then exit.
    #[arg(long, value_name = "OUT.png")]
    screenshot: Option<PathBuf>,

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
}

/// `chronomap inspect`: exit status 0 when the file loaded (wholly or in part), 1 when it
/// was rejected.
fn inspect(file: &Path, json: bool) -> ExitCode {
    let base = io::builtin_base();
    let imported = import_file_with(file, &Progress::default(), Some(&base));
    let summary = io::summarise(&imported.dataset, &imported.report);
    if json {
        match serde_json::to_string(&summary) {
            Ok(text) => println!("{text}"),
            Err(err) => {
                eprintln!("chronomap: could not write the summary: {err}");
                return ExitCode::from(1);
            }
        }
    } else {
        print!("{}", summary.to_text());
    }
    if summary.outcome == "rejected" {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `chronomap convert`: exit status 0 on success, 1 when the input cannot be read or the
/// output cannot be written, 2 for an output name with no known format.
fn convert(input: &Path, output: &Path) -> ExitCode {
    if io::ExportFormat::for_path(output).is_none() {
        eprintln!(
            "chronomap: {}: the output must end in .geojson or .csv",
            output.display()
        );
        return ExitCode::from(2);
    }
    let base = io::builtin_base();
    let imported = import_file_with(input, &Progress::default(), Some(&base));
    if let Some(error) = &imported.report.error {
        eprintln!("chronomap: {}: {error}", input.display());
        return ExitCode::from(1);
    }
    let indices: Vec<usize> = imported.dataset.indices().collect();
    match io::export(&imported.dataset, &indices, output) {
        Ok(()) => {
            println!(
                "wrote {} events to {} ({} rows rejected)",
                indices.len(),
                output.display(),
                imported.report.rejected
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("chronomap: {err}");
            ExitCode::from(1)
        }
    }
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
        Some(Headless::Inspect { file, json }) => return inspect(file, *json),
        Some(Headless::Convert { input, output }) => return convert(input, output),
        None => {}
    }

    // The built-in events are small and compiled in; users' files are read in the
    // background once the window is open.
    let loaded = io::load_builtin();

    let size = cli.size.unwrap_or((1480.0, 920.0));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("chronomap")
            .with_inner_size(size)
            .with_min_inner_size((720.0, 480.0)),
        // A screenshot must show the default view, not one remembered from an earlier run.
        persist_window: cli.screenshot.is_none(),
        ..Default::default()
    };
    let outcome: Outcome = Arc::new(Mutex::new(None));
    let screenshot_requested = cli.screenshot.is_some();
    let job = cli
        .screenshot
        .clone()
        .map(|path| ScreenshotJob::new(path, Arc::clone(&outcome)));

    let result = eframe::run_native(
        "chronomap",
        options,
        Box::new(move |cc| {
            match cli.theme {
                Some(Theme::Light) => cc.egui_ctx.set_theme(egui::Theme::Light),
                Some(Theme::Dark) => cc.egui_ctx.set_theme(egui::Theme::Dark),
                None => {}
            }
            let mut app = ChronomapApp::new(cc, loaded);
            app.open_files(&cc.egui_ctx, cli.files.clone());
            if let Some(id) = &cli.select {
                match app.dataset().index_of(id) {
                    Some(index) => app.apply(chronomap::Command::Select(Some(index))),
                    None => log::warn!("--select: there is no event with id '{id}'"),
                }
            }
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
