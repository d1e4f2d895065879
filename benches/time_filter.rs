//! How fast the time index answers "which events are visible" over a million events.
//!
//! `cargo bench --bench time_filter`

use std::hint::black_box;

use chronomap::model::{
    EventIndex, FilterResult, SECONDS_PER_DAY, TimePoint, parse_filter, synthetic,
};
use chronomap::time::{BinSize, Stacking, bin_events};
use criterion::{Criterion, criterion_group, criterion_main};

fn time_filter(c: &mut Criterion) {
    // A million events over about three years.
    let dataset = synthetic::dataset(1_000_000, 1_100, 7);
    let (from, to) = dataset.slider_range().expect("events");
    let steps: Vec<TimePoint> = (0..1_000)
        .map(|i| TimePoint(from.0 + (to.0 - from.0) * i / 1_000))
        .collect();

    let mut group = c.benchmark_group("time_filter_1m_events");
    group.bench_function("begun_by (cumulative, one cursor position)", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % steps.len();
            black_box(dataset.begun_by(black_box(steps[i])))
        });
    });
    group.bench_function(
        "beginning_between (3-day window, one cursor position)",
        |b| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % steps.len();
                let end = steps[i];
                black_box(dataset.beginning_between(end.plus_seconds(-3 * SECONDS_PER_DAY), end))
            });
        },
    );
    group.bench_function(
        "visible set for a 3-day window (as the app computes it)",
        |b| {
            let shown = FilterResult::everything(&dataset);
            let mut visible: Vec<EventIndex> = Vec::new();
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % steps.len();
                let end = steps[i];
                let from = end.plus_seconds(-3 * SECONDS_PER_DAY);
                shown.collect_visible(&dataset, Some(from), end, &mut visible);
                black_box(visible.len())
            });
        },
    );
    group.bench_function(
        "visible set, cumulative to mid-range (as the app computes it)",
        |b| {
            let shown = FilterResult::everything(&dataset);
            let mut visible: Vec<EventIndex> = Vec::new();
            let middle = steps[steps.len() / 2];
            b.iter(|| {
                shown.collect_visible(&dataset, None, middle, &mut visible);
                black_box(visible.len())
            });
        },
    );
    // A time step during playback with a filter on: the filter's result is read, not run.
    group.bench_function(
        "visible set, cumulative to mid-range, with a filter (as the app computes it)",
        |b| {
            let filter = parse_filter("type:airstrike precise:place").expect("valid");
            let shown = FilterResult::compute(&dataset, &filter);
            let mut visible: Vec<EventIndex> = Vec::new();
            let middle = steps[steps.len() / 2];
            b.iter(|| {
                shown.collect_visible(&dataset, None, middle, &mut visible);
                black_box(visible.len())
            });
        },
    );
    group.finish();

    let mut group = c.benchmark_group("chart_rebin_1m_events");
    group.sample_size(20);
    let shown = FilterResult::everything(&dataset);
    let stacking = Stacking::default();
    group.bench_function("whole range, monthly bins", |b| {
        b.iter(|| {
            black_box(
                bin_events(&dataset, &shown, &stacking, (from, to), BinSize::Month, 8)
                    .edges
                    .len(),
            )
        });
    });
    group.bench_function("whole range, weekly bins", |b| {
        b.iter(|| {
            black_box(
                bin_events(&dataset, &shown, &stacking, (from, to), BinSize::Week, 8)
                    .edges
                    .len(),
            )
        });
    });
    let quarter_end = from.plus_seconds(90 * SECONDS_PER_DAY);
    group.bench_function("90 days, daily bins", |b| {
        b.iter(|| {
            black_box(
                bin_events(
                    &dataset,
                    &shown,
                    &stacking,
                    (from, quarter_end),
                    BinSize::Day,
                    8,
                )
                .edges
                .len(),
            )
        });
    });
    group.finish();

    let mut group = c.benchmark_group("dataset_build");
    group.sample_size(10);
    group.bench_function("index 1,000,000 events", |b| {
        b.iter(|| black_box(synthetic::dataset(1_000_000, 1_100, 11).len()));
    });
    group.finish();
}

criterion_group!(benches, time_filter);
criterion_main!(benches);
