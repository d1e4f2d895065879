//! The chronomap desktop app.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use chronomap::screenshot::{Outcome, ScreenshotJob};
use chronomap::{ChronomapApp, io};
use clap::Parser;

/// A map-and-timeline viewer for geocoded events reported in the news.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Open this events file (chronomap GeoJSON) instead of the built-in events.
    #[arg(long, value_name = "FILE")]
    events: Option<PathBuf>,

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

    // Loading happens here, before the window opens, never on the UI thread.
    let loaded = match &cli.events {
        Some(path) => io::load_events_file(path),
        None => io::load_builtin(),
    };

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
