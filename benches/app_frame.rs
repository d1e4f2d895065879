//! The whole app, headless, on a million events by 5,000 actors with the filter panel and
//! the event table open: how long a filter change takes to reach every view (the filter
//! run on its background thread, the events on show, the facet counts, the chart, the
//! table, the map's clusters), what one frame costs once it has, so that nothing walks
//! the dataset again frame after frame, and what a frame of playback costs.
//!
//! Then a million events that all have an origin (each one an arc): a frame with the first
//! two days on show, every arc drawn, and a frame with all of them on show, where only the
//! selected event's arc is.
//!
//! `cargo bench --bench app_frame`

use std::hint::black_box;
use std::time::{Duration, Instant};

use chronomap::ChronomapApp;
use chronomap::model::{EventFilter, Loaded, SECONDS_PER_DAY, parse_filter, synthetic};
use chronomap::state::Command;
use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;

/// Runs frames until the app has no background work left: the filter, the counts and the
/// map's clusters.
fn settle(harness: &mut Harness<'static, ChronomapApp>) {
    let started = Instant::now();
    loop {
        harness.step();
        let app = harness.state();
        if !app.is_filtering() && !app.is_counting() && app.map().is_settled() {
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            panic!(
                "the app never settled: filtering {}, counting {}, map settled {}, flying {}",
                app.is_filtering(),
                app.is_counting(),
                app.map().is_settled(),
                app.map().is_flying()
            );
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

fn app_frame(c: &mut Criterion) {
    let dataset = synthetic::many_actors(1_000_000);
    let loaded = Loaded {
        dataset,
        problems: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| ChronomapApp::new(cc, loaded));
    harness.state_mut().show_filter_panel(true);
    harness.state_mut().show_table(true);
    settle(&mut harness);
    // The word index is built on the first search, once per dataset; then the timing.
    let filters: [EventFilter; 2] = [
        parse_filter("initiator:\"Group 7\" Ramadi-3").expect("valid"),
        parse_filter("initiator:\"Group 8\" Ramadi-4").expect("valid"),
    ];
    harness
        .state_mut()
        .apply(Command::SetFilter(filters[0].clone()));
    settle(&mut harness);

    let mut group = c.benchmark_group("app_frame");
    group.sample_size(10);
    let mut which = 0;
    group.bench_function("filter_change_until_every_view_has_it/1000000", |b| {
        b.iter(|| {
            which = 1 - which;
            harness
                .state_mut()
                .apply(Command::SetFilter(filters[which].clone()));
            settle(&mut harness);
            black_box(harness.state().visible_events().len())
        });
    });
    group.bench_function("frame_after_the_change/1000000", |b| {
        b.iter(|| {
            harness.step();
            black_box(harness.state().visible_events().len())
        });
    });
    // Playback with no filter: each frame moves the cursor a day on, so a million events'
    // worth of visible set is taken from the filter result again and the map asks for new
    // clusters (built on their thread; the frame draws the last ones meanwhile).
    harness
        .state_mut()
        .apply(Command::SetFilter(EventFilter::default()));
    settle(&mut harness);
    let (start, end) = harness.state().dataset().slider_range().expect("events");
    let mut at = start;
    group.bench_function("frame_after_a_time_step/1000000", |b| {
        b.iter(|| {
            at = at.plus_seconds(SECONDS_PER_DAY);
            if at > end {
                at = start;
            }
            harness.state_mut().apply(Command::SetTime(at));
            harness.step();
            black_box(harness.state().visible_events().len())
        });
    });
    group.finish();
}

fn arc_frames(c: &mut Criterion) {
    let loaded = Loaded {
        dataset: synthetic::with_origins(1_000_000, 3_650, 7),
        problems: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| ChronomapApp::new(cc, loaded));
    let (start, end) = harness.state().dataset().slider_range().expect("events");
    let mut group = c.benchmark_group("app_frame");
    group.sample_size(10);
    // The cursor two days in: the events begun by then are on show, each with its arc.
    harness
        .state_mut()
        .apply(Command::SetTime(start.plus_seconds(2 * SECONDS_PER_DAY)));
    settle(&mut harness);
    let on_show = harness.state().visible_events().len();
    println!("arcs on show: {on_show}");
    group.bench_function("frame_with_arcs_on_show/1000000", |b| {
        b.iter(|| {
            harness.step();
            black_box(harness.state().visible_events().len())
        });
    });
    harness.state_mut().apply(Command::SetTime(end));
    settle(&mut harness);
    let first = harness.state().visible_events()[0];
    harness.state_mut().apply(Command::Select(Some(first)));
    settle(&mut harness);
    group.bench_function("frame_with_a_million_origins_on_show/1000000", |b| {
        b.iter(|| {
            harness.step();
            black_box(harness.state().visible_events().len())
        });
    });
    group.finish();
}

criterion_group!(benches, app_frame, arc_frames);
criterion_main!(benches);
