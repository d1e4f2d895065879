//! How long one filter change takes at a million events: the filter run over every event
//! (`FilterResult::compute`, as the app does on its background thread) and the events on
//! show taken from it, for an actor as initiator, a word, and both; and, on a million
//! synthetic events with 5,000 actors in a hierarchy, the same with every facet count
//! made again (`FacetCounts`). The index of words is built once per dataset, on the first
//! search, before the timing starts; its own build is timed too.
//!
//! `cargo bench --bench filter` (the ACLED cases need `target/acled_1m.csv`:
//! `python3 scripts/gen_acled.py`)

use std::hint::black_box;
use std::path::Path;

use chronomap::io::import::{Progress, import_file};
use chronomap::model::{EventIndex, FacetCounts, FilterResult, WordIndex, parse_filter, synthetic};
use criterion::{Criterion, criterion_group, criterion_main};

fn many_actors_filter(c: &mut Criterion) {
    let dataset = synthetic::many_actors(1_000_000);
    let (_, end) = dataset.slider_range().expect("events");
    dataset.word_index();
    let mut group = c.benchmark_group("filter");
    group.sample_size(10);
    for (name, expression) in [
        ("group_with_members", "initiator:\"Group 7\""),
        (
            "group_with_members_and_word",
            "initiator:\"Group 7\" Ramadi-3",
        ),
        ("word_only", "Ramadi-3"),
    ] {
        let filter = parse_filter(expression).expect("a valid expression");
        let mut visible: Vec<EventIndex> = Vec::new();
        FilterResult::compute(&dataset, &filter).collect_visible(&dataset, None, end, &mut visible);
        eprintln!(
            "filter/{name}: {} of {} events",
            visible.len(),
            dataset.len()
        );
        group.bench_function(format!("{name}_with_facets/1000000_5000_actors"), |b| {
            b.iter(|| {
                let result = FilterResult::compute(&dataset, &filter);
                result.collect_visible(&dataset, None, end, &mut visible);
                let counts = FacetCounts::count(&dataset, &result, None, end);
                black_box((visible.len(), counts.shown))
            });
        });
        if name == "group_with_members_and_word" {
            // The two halves of that change, apart.
            group.bench_function(format!("{name}_result_only/1000000_5000_actors"), |b| {
                b.iter(|| black_box(FilterResult::compute(&dataset, &filter).hides_nothing()));
            });
            let result = FilterResult::compute(&dataset, &filter);
            group.bench_function(format!("{name}_facets_only/1000000_5000_actors"), |b| {
                b.iter(|| black_box(FacetCounts::count(&dataset, &result, None, end).shown));
            });
        }
    }
    group.finish();
}

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
    let index = dataset.word_index();
    eprintln!(
        "filter/word_index: {} words, {} pairs, {:.0} MB",
        index.word_count(),
        index.pair_count(),
        index.heap_bytes() as f64 / 1e6
    );
    group.bench_function("word_index_build/1000000", |b| {
        b.iter(|| black_box(WordIndex::build(&dataset).word_count()));
    });
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
        FilterResult::compute(&dataset, &filter).collect_visible(&dataset, None, end, &mut visible);
        eprintln!(
            "filter/{name}: {} of {} events",
            visible.len(),
            dataset.len()
        );
        group.bench_function(format!("{name}/1000000"), |b| {
            b.iter(|| {
                let result = FilterResult::compute(&dataset, &filter);
                result.collect_visible(&dataset, None, end, &mut visible);
                black_box(visible.len())
            });
        });
    }
    group.finish();
}

criterion_group!(benches, filter, many_actors_filter);
criterion_main!(benches);
