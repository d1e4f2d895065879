//! What the app's UI tests share: a window on a dataset, and frames run until the app has
//! finished its background work.

#![allow(dead_code)] // Each test file uses its own part of this.

use std::time::{Duration, Instant};

use chronomap::ChronomapApp;
use chronomap::model::Loaded;
use egui_kittest::Harness;

/// The app on `loaded` in a window of `size` points, after its first frames.
pub fn harness_on(loaded: Loaded, size: [f32; 2]) -> Harness<'static, ChronomapApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| ChronomapApp::new(cc, loaded));
    harness.run_steps(4);
    harness
}

/// The app on the built-in events in a 1400 × 900 window.
pub fn harness() -> Harness<'static, ChronomapApp> {
    harness_on(chronomap::io::load_builtin(), [1400.0, 900.0])
}

/// Runs frames until `done` holds (at most 60 s: work happens on other threads), then a
/// few more to draw the result.
pub fn run_until(
    harness: &mut Harness<'static, ChronomapApp>,
    what: &str,
    done: impl Fn(&Harness<'static, ChronomapApp>) -> bool,
) {
    let started = Instant::now();
    while !done(harness) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "never happened: {what}"
        );
        std::thread::sleep(Duration::from_millis(10));
        harness.run_steps(1);
    }
    harness.run_steps(3);
}

/// Runs frames until the app is neither loading, combining layers, opening a view,
/// filtering nor exporting.
pub fn settle(harness: &mut Harness<'static, ChronomapApp>) {
    run_until(harness, "the app to settle", |h| {
        let app = h.state();
        app.loads().is_empty()
            && !app.is_combining()
            && !app.is_opening_view()
            && !app.is_filtering()
            && !app.is_exporting()
    });
}
