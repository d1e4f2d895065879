//! How long one filter change takes at a million events: the events on show worked out
//! again (`Dataset::collect_visible`, as the app does on its background thread) for an
//! actor as initiator, a word, and both.
//!
//! `cargo bench --bench filter` (needs `target/acled_1m.csv`: `python3 scripts/gen_acled.py`)

use std::hint::black_box;
use std::path::Path;

use chronomap::io::import::{Progress, import_file};
use chronomap::model::{EventIndex, parse_filter};
use criterion::{Criterion, criterion_group, criterion_main};

fn filter(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/acled_1m.csv");
    if !path.exists() {
        eprintln!(
            "filter: {} is missing; run `python3 scripts/gen_acled.py` first",
            path.display()
        );
        return;
    }
    let dataset = import_file(&path, &Progress::default()).dataset;
    let (_, end) = dataset.slider_range().expect("events");
    let mut group = c.benchmark_group("filter");
    group.sample_size(10);
    for (name, expression) in [
        (
            "actor_initiator",
            "initiator:\"Military Forces of Yemen (2017-) Houthi\"",
        ),
        ("word", "Baghdad"),
        ("actor_and_word", "target:\"Civilians (Iraq)\" Baghdad"),
        (
            "type_and_country",
            "type:\"Air/drone strike\" country:Yemen",
        ),
    ] {
        let filter = parse_filter(expression).expect("a valid expression");
        let mut visible: Vec<EventIndex> = Vec::new();
        dataset.collect_visible(None, end, &filter, &mut visible);
        eprintln!(
            "filter/{name}: {} of {} events",
            visible.len(),
            dataset.len()
        );
        group.bench_function(format!("{name}/1000000"), |b| {
            b.iter(|| {
                dataset.collect_visible(None, end, &filter, &mut visible);
                black_box(visible.len())
            });
        });
    }
    group.finish();
}

criterion_group!(benches, filter);
criterion_main!(benches);
