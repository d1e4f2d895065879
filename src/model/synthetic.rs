//! Synthetic datasets for benchmarks and scale tests: many events spread over a span of
//! days and a box of the map, with a handful of actors. Deterministic for a given seed.

use geo::Point;
use jiff::civil;

use super::actor::{Actor, ActorId, Actors, Rgb};
use super::dataset::Dataset;
use super::event::{Event, EventType, GeoPrecision};
use super::source::Sources;
use super::time::{DateValue, EventTime, TimePrecision};

/// A small, fast pseudo-random generator (xorshift), so results repeat without a dependency.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `count` events over `days` days from 2020-01-01, in the box lon 25–65, lat 10–42, by
/// eight actors. Titles are short; events have no quotes.
pub fn dataset(count: usize, days: i64, seed: u64) -> Dataset {
    let mut random = Xorshift(seed | 1);
    let mut actors = Actors::default();
    let palette = [
        [47, 95, 208],
        [200, 40, 63],
        [232, 115, 26],
        [46, 157, 90],
        [142, 68, 173],
        [22, 153, 181],
        [156, 146, 18],
        [95, 124, 138],
    ];
    let ids: Vec<ActorId> = palette
        .iter()
        .enumerate()
        .map(|(i, rgb)| {
            actors.insert(Actor {
                key: format!("actor_{i}"),
                name: format!("Actor {i}"),
                aliases: Vec::new(),
                parent: None,
                color: Rgb(*rgb),
            })
        })
        .collect();
    let first_day = civil::date(2020, 1, 1);
    let events = (0..count)
        .map(|i| {
            let offset = random.below(days.max(1) as u64) as i64;
            let day = first_day
                .checked_add(jiff::Span::new().days(offset))
                .unwrap_or(first_day);
            let initiator = ids[random.below(ids.len() as u64) as usize];
            let target = ids[random.below(ids.len() as u64) as usize];
            Event {
                id: format!("e{i}"),
                title: format!("Event {i}"),
                summary: String::new(),
                time: EventTime {
                    start: DateValue::Day(day),
                    end: None,
                    precision: TimePrecision::Day,
                },
                place: String::new(),
                country: None,
                sea: None,
                position: Point::new(25.0 + 40.0 * random.unit(), 10.0 + 32.0 * random.unit()),
                geo_precision: GeoPrecision::Site,
                event_type: EventType::ALL[random.below(EventType::ALL.len() as u64) as usize],
                initiators: vec![initiator],
                targets: vec![target],
                killed: None,
                injured: None,
                sources: Vec::new(),
                disputes: Vec::new(),
                notes: None,
            }
        })
        .collect();
    Dataset::new(events, actors, Sources::default())
}
