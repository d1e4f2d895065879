//! Memory of the event store at a million events, counted by a global allocator: at most
//! 150 bytes per event beyond the text it keeps, indexes included.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use chronomap::model::{DatasetWriter, EventRow, GeoPrecision, Role, TimePrecision, day_time};
use geo::Point;

/// Counts the bytes allocated and not yet freed.
struct Counting;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed straight to the system allocator; only a counter is added.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATED.fetch_add(new_size, Ordering::Relaxed);
        ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const EVENTS: usize = 1_000_000;

#[test]
fn a_million_events_cost_at_most_150_bytes_each_beyond_their_text() {
    let before = ALLOCATED.load(Ordering::Relaxed);
    let mut writer = DatasetWriter::new();
    // An ACLED-like shape: two main actors, two associates, one source with a note, a
    // handful of types, countries and places.
    let actors: Vec<_> = (0..400)
        .map(|i| writer.actor(&format!("Actor {i}")).expect("room"))
        .collect();
    let sources: Vec<_> = (0..50)
        .map(|i| writer.source_record(&format!("Source {i}")))
        .collect();
    let types: Vec<u16> = (0..25)
        .map(|i| writer.event_type(&format!("Type {i}")))
        .collect();
    let countries: Vec<u16> = (0..20)
        .map(|i| writer.country(&format!("Country {i}")))
        .collect();
    let first = jiff::civil::date(2021, 1, 1);
    let mut id = String::new();
    let mut note = String::new();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut random = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for i in 0..EVENTS {
        id.clear();
        id.push_str(&format!("IRQ{i}"));
        note.clear();
        note.push_str("On this day, an armed group attacked a position near the town; ");
        note.push_str("casualties were reported by local sources.");
        let day = first
            .checked_add(jiff::Span::new().days(random(1_000) as i64))
            .unwrap_or(first);
        let row = EventRow {
            id: &id,
            title: "",
            summary: "",
            place: "Jurf al-Sakhar",
            notes: "",
            url: "",
            attributes: "admin1\u{1f}Babil\u{1e}",
            time: day_time(day, TimePrecision::Day),
            position: Some(Point::new(
                30.0 + random(3_000) as f64 / 100.0,
                12.0 + random(2_500) as f64 / 100.0,
            )),
            geo_precision: GeoPrecision::Town,
            event_type: types[random(types.len())],
            country: countries[random(countries.len())],
            sea: 0,
            killed: Some(random(5) as u32),
            injured: None,
        };
        let main = [
            (actors[random(actors.len())], Role::Initiator),
            (actors[random(actors.len())], Role::Target),
        ];
        let associates = [
            (actors[random(actors.len())], Role::Initiator),
            (actors[random(actors.len())], Role::Target),
        ];
        let citation = [(sources[random(sources.len())], note.as_str())];
        writer
            .push_with_associates(&row, &main, &associates, &citation)
            .expect("room");
    }
    let dataset = writer.finish();
    // Build the id index too: it is part of what the store costs.
    assert_eq!(
        dataset.index_of("IRQ123456").map(|i| dataset.id(i)),
        Some("IRQ123456")
    );
    let after = ALLOCATED.load(Ordering::Relaxed);

    let total = after - before;
    let text = dataset.text_bytes();
    let per_event = (total - text) as f64 / EVENTS as f64;
    println!(
        "{EVENTS} events: {total} bytes allocated, {text} of them text; {per_event:.1} bytes per \
         event beyond the text (columns: {:.1})",
        dataset.overhead_bytes() as f64 / EVENTS as f64
    );
    assert!(
        per_event <= 150.0,
        "{per_event:.1} bytes per event beyond the text"
    );
    assert_eq!(dataset.len(), EVENTS);
}
