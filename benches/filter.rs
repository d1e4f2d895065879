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
use chronomap::model::{
    Dataset, DatasetWriter, EventIndex, EventRow, FacetCounts, FilterResult, GeoPrecision, Role,
    TimePrecision, WordIndex, day_time, parse_filter,
};
use criterion::{Criterion, criterion_group, criterion_main};

/// A million events by 5,000 actors (100 groups of 49 members each, and the groups),
/// over a year, with short titles and notes naming one of 50 places.
fn many_actors() -> Dataset {
    let mut writer = DatasetWriter::new();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let mut actors = Vec::with_capacity(5_000);
    for group in 0..100 {
        let parent = writer.actor(&format!("Group {group}")).expect("room");
        actors.push(parent);
        for member in 0..49 {
            let id = writer
                .actor(&format!("Unit {member} of group {group}"))
                .expect("room");
            writer.actors_mut().set_parent(id, parent);
            actors.push(id);
        }
    }
    let places: Vec<String> = (0..50).map(|n| format!("Ramadi-{n}")).collect();
    let types: Vec<u16> = (0..20)
        .map(|n| writer.event_type(&format!("Type {n}")))
        .collect();
    let country = writer.country("Iraq");
    let sea = writer.sea("");
    let first = jiff::civil::date(2023, 1, 1);
    for n in 0..1_000_000u32 {
        let place = &places[next(50) as usize];
        let day = first
            .checked_add(jiff::Span::new().days(next(365) as i64))
            .expect("a day");
        let (id, title) = (format!("e{n}"), format!("Clash near {place}"));
        let notes = format!(
            "On that day, armed men attacked a checkpoint near {place}; \
             security sources said {} people were hurt and the road was closed.",
            next(9)
        );
        let row = EventRow {
            id: &id,
            title: &title,
            summary: "",
            place,
            notes: &notes,
            url: "",
            attributes: "",
            time: day_time(day, TimePrecision::Day),
            position: Some(geo::Point::new(
                40.0 + next(1000) as f64 / 100.0,
                30.0 + next(800) as f64 / 100.0,
            )),
            geo_precision: GeoPrecision::Town,
            event_type: types[next(20) as usize],
            country,
            sea,
            killed: None,
            injured: None,
        };
        let initiator = actors[next(5_000) as usize];
        let target = actors[next(5_000) as usize];
        writer
            .push(
                &row,
                &[(initiator, Role::Initiator), (target, Role::Target)],
                &[],
            )
            .expect("room");
    }
    writer.finish()
}

fn many_actors_filter(c: &mut Criterion) {
    let dataset = many_actors();
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
        "filter/word_index: {} words, {:.0} MB",
        index.word_count(),
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
