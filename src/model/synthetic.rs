//! Synthetic datasets for benchmarks and scale tests: many events spread over a span of
//! days and a box of the map, with a handful of actors. Deterministic for a given seed.

use geo::Point;
use jiff::civil;

use super::actor::{Actor, ActorId, Actors, Rgb};
use std::fmt::Write as _;

use super::dataset::Dataset;
use super::event::{EventType, GeoPrecision, Origin};
use super::time::TimePrecision;
use super::writer::{DatasetWriter, EventRow, Role, day_time};

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
    build(count, days, seed, false)
}

/// As [`dataset`], and every event has an origin: a town about 100 km to its west, so
/// that each one is drawn as an arc.
pub fn with_origins(count: usize, days: i64, seed: u64) -> Dataset {
    build(count, days, seed, true)
}

fn build(count: usize, days: i64, seed: u64, origins: bool) -> Dataset {
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
                parent_basis: None,
                facts: Vec::new(),
                color: Rgb(*rgb),
            })
        })
        .collect();
    let first_day = civil::date(2020, 1, 1);
    let mut writer = DatasetWriter::with_builtin_types();
    *writer.actors_mut() = actors;
    let types: Vec<u16> = EventType::ALL
        .iter()
        .map(|t| writer.builtin_type(*t))
        .collect();
    let mut id = String::new();
    let mut title = String::new();
    for i in 0..count {
        let offset = random.below(days.max(1) as u64) as i64;
        let day = first_day
            .checked_add(jiff::Span::new().days(offset))
            .unwrap_or(first_day);
        let initiator = ids[random.below(ids.len() as u64) as usize];
        let target = ids[random.below(ids.len() as u64) as usize];
        let position = Point::new(25.0 + 40.0 * random.unit(), 10.0 + 32.0 * random.unit());
        let event_type = types[random.below(types.len() as u64) as usize];
        id.clear();
        title.clear();
        // Writing into reused buffers keeps a million rows cheap to make.
        let _ = write!(id, "e{i}");
        let _ = write!(title, "Event {i}");
        let row = EventRow {
            id: &id,
            title: &title,
            summary: "",
            place: "",
            notes: "",
            url: "",
            attributes: "",
            time: day_time(day, TimePrecision::Day),
            position: Some(position),
            geo_precision: GeoPrecision::Site,
            event_type,
            country: 0,
            sea: 0,
            killed: None,
            injured: None,
        };
        let mentions = [(initiator, Role::Initiator), (target, Role::Target)];
        if writer.push(&row, &mentions, &[]).is_err() {
            break;
        }
        if origins {
            writer.set_last_origin(Origin {
                place: String::new(),
                position: Point::new(position.x() - 1.0, position.y()),
                geo_precision: GeoPrecision::Town,
                sources: Vec::new(),
                notes: None,
            });
        }
    }
    writer.finish()
}

/// `count` events by 5,000 actors (100 groups of 49 members each, and the groups), over
/// a year, with short titles and notes naming one of 50 places: the analysts' benchmark
/// (an actor with its members, and a word).
pub fn many_actors(count: u32) -> Dataset {
    let mut writer = DatasetWriter::new();
    let mut random = Xorshift(0x9e37_79b9_7f4a_7c15);
    let mut next = |n: u64| random.next() % n;
    let mut actors = Vec::with_capacity(5_000);
    for group in 0..100 {
        let parent = writer
            .actor(&format!("Group {group}"))
            .expect("room for 5,000 actors");
        actors.push(parent);
        for member in 0..49 {
            let id = writer
                .actor(&format!("Unit {member} of group {group}"))
                .expect("room for 5,000 actors");
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
    let first = civil::date(2023, 1, 1);
    for n in 0..count {
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
            position: Some(Point::new(
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
        let mentions = [(initiator, Role::Initiator), (target, Role::Target)];
        if writer.push(&row, &mentions, &[]).is_err() {
            break;
        }
    }
    writer.finish()
}
