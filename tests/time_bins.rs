//! The timeline chart's counts: bins follow the calendar, stack by initiator and agree
//! with a plain count; the window query finds spans that reach into the window.

use chronomap::io::load_builtin;
use chronomap::model::{FilterResult, SECONDS_PER_DAY, TimePoint, parse_filter, synthetic};
use chronomap::time::{BinSize, Stacking, bin_events};
use chronomap::tint::{ColorBy, Tint};
use jiff::civil;

#[test]
fn bin_sizes_follow_the_span() {
    assert_eq!(BinSize::for_span(50 * 3_600, 120), BinSize::Hour);
    assert_eq!(BinSize::for_span(100 * SECONDS_PER_DAY, 120), BinSize::Day);
    assert_eq!(BinSize::for_span(400 * SECONDS_PER_DAY, 120), BinSize::Week);
    assert_eq!(
        BinSize::for_span(3_000 * SECONDS_PER_DAY, 120),
        BinSize::Month
    );
}

#[test]
fn edges_sit_on_calendar_boundaries() {
    let from = TimePoint::from_date(civil::date(2024, 1, 17)).plus_seconds(5_000);
    let to = TimePoint::from_date(civil::date(2024, 3, 2));
    let months = BinSize::Month.edges(from, to, 100);
    let dates: Vec<civil::Date> = months.iter().map(|t| t.date()).collect();
    assert_eq!(
        dates,
        vec![
            civil::date(2024, 1, 1),
            civil::date(2024, 2, 1),
            civil::date(2024, 3, 1),
            civil::date(2024, 4, 1)
        ]
    );
    let weeks = BinSize::Week.edges(from, to, 100);
    assert!(
        weeks
            .iter()
            .all(|t| t.date().weekday() == civil::Weekday::Monday)
    );
    assert_eq!(weeks[0].date(), civil::date(2024, 1, 15));
    let days = BinSize::Day.edges(from, from, 100);
    assert_eq!(days[0].date(), civil::date(2024, 1, 17));
    assert_eq!(days.len(), 2);
}

#[test]
fn counts_add_up_to_the_events_in_range() {
    let dataset = synthetic::dataset(20_000, 400, 3);
    let (from, to) = dataset.slider_range().expect("events");
    for size in [BinSize::Day, BinSize::Week, BinSize::Month] {
        let everything = FilterResult::everything(&dataset);
        let bins = bin_events(
            &dataset,
            &everything,
            &Stacking::default(),
            (from, to),
            size,
            4,
        );
        let total: u64 = bins.totals().iter().map(|&n| u64::from(n)).sum();
        assert_eq!(total + bins.before, dataset.len() as u64, "{size:?}");
        assert!(
            bins.series.len() <= 4,
            "three busiest initiators and the rest"
        );
        assert_eq!(
            bins.series.last().and_then(|s| s.tint),
            None,
            "the rest share one series"
        );
        assert_eq!(
            bins.cumulative().last().copied(),
            Some(dataset.len() as u64)
        );
    }
}

#[test]
fn each_event_lands_in_the_bin_of_its_day() {
    let loaded = load_builtin();
    let dataset = loaded.dataset;
    let (from, to) = dataset.slider_range().expect("events");
    let bins = bin_events(
        &dataset,
        &FilterResult::everything(&dataset),
        &Stacking::default(),
        (from, to),
        BinSize::Day,
        20,
    );
    let totals = bins.totals();
    for (index, start) in dataset.starts().iter().enumerate() {
        let bin = bins
            .edges
            .windows(2)
            .position(|w| w[0] <= *start && *start < w[1]);
        let bin = bin.unwrap_or_else(|| panic!("event {index} has no bin"));
        assert!(totals[bin] >= 1);
    }
    let day_of_al_asad = TimePoint::from_date(civil::date(2024, 1, 20));
    let bin = bins
        .edges
        .iter()
        .position(|e| *e == day_of_al_asad)
        .expect("a bin for the day");
    assert_eq!(
        totals[bin], 1,
        "the Al-Asad attack is the only event beginning on 20 January"
    );
}

#[test]
fn the_window_query_finds_spans_that_reach_into_it() {
    let dataset = load_builtin().dataset;
    let from = TimePoint::from_date(civil::date(2024, 1, 18));
    let to = TimePoint::from_date(civil::date(2024, 1, 21));
    let found: Vec<&str> = dataset
        .overlapping(from, to)
        .map(|i| dataset.id(i))
        .collect();
    assert!(found.contains(&"al-asad-missile-attack"), "{found:?}");
    assert!(
        found.contains(&"militia-attacks-on-us-forces-since-mid-october"),
        "a span from October reaches into the window"
    );
    assert!(
        !found.contains(&"baghdad-drone-strike-abu-taqwa"),
        "4 January is over"
    );
    let linear: Vec<usize> = (0..dataset.len())
        .filter(|&i| {
            let (s, e) = dataset.span_of(i).expect("span");
            s <= to && (e > from || (s == e && s > from))
        })
        .collect();
    assert_eq!(dataset.overlapping(from, to).collect::<Vec<_>>(), linear);
}

/// Stacked by type, each series counts the events of its type that pass the filter.
#[test]
fn bars_stack_by_what_the_map_colours_by_and_count_only_what_the_filter_shows() {
    let dataset = synthetic::dataset(5_000, 200, 11);
    let range = dataset.slider_range().expect("events");
    let filter = parse_filter("initiator:actor_2").expect("valid");
    let shown = FilterResult::compute(&dataset, &filter);
    let stacking = Stacking {
        by: ColorBy::Type,
        recoloured: Vec::new(),
    };
    let bins = bin_events(&dataset, &shown, &stacking, range, BinSize::Month, 20);
    assert!(!bins.series.is_empty());
    for series in &bins.series {
        let Some(Tint::Type(id)) = series.tint else {
            panic!("a series by type, not {:?}", series.tint);
        };
        let expected = dataset
            .indices()
            .filter(|&i| shown.admits(i) && dataset.type_id(i) == id)
            .count();
        let counted: u32 = series.counts.iter().sum();
        assert_eq!(counted as usize, expected, "type {id}");
    }
    let total: u64 = bins.totals().iter().map(|&n| u64::from(n)).sum();
    let admitted = dataset.indices().filter(|&i| shown.admits(i)).count();
    assert!(admitted < dataset.len(), "the filter hides some events");
    assert_eq!(total + bins.before, admitted as u64);
}
