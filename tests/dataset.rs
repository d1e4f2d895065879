//! The built-in dataset: every event of the design card is there, sourced, with the
//! articles' disagreements recorded; and the time index answers like a linear scan.

use chronomap::io::load_builtin;
use chronomap::model::{Dataset, DateValue, Event, GeoPrecision, TimePoint};

fn dataset() -> Dataset {
    let loaded = load_builtin();
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    loaded.dataset
}

fn event(dataset: &Dataset, id: &str) -> Event {
    let index = dataset
        .index_of(id)
        .unwrap_or_else(|| panic!("no event '{id}'"));
    dataset.event(index).expect("an event")
}

fn source_keys(dataset: &Dataset, event: &Event) -> Vec<String> {
    event
        .reporting_sources()
        .into_iter()
        .filter_map(|id| dataset.sources().get(id).map(|s| s.key[..3].to_owned()))
        .collect()
}

#[test]
fn every_design_card_event_is_present_and_sourced() {
    let dataset = dataset();
    for id in [
        "al-asad-missile-attack",
        "us-strike-jurf-al-sakhar",
        "us-strike-al-qaim",
        "us-strike-western-iraq-unnamed-site",
        "erbil-air-base-attack-christmas",
        "houthi-attacks-red-sea-shipping",
        "us-strike-houthi-anti-ship-missiles",
        "us-uk-strikes-yemen-eight-targets",
        "us-uk-first-strikes-yemen",
        "baghdad-drone-strike-abu-taqwa",
        "irgc-missile-strike-iraq-spy-hq",
        "al-omar-oil-field-drone-attack",
        "al-harir-airbase-drone-attack",
        "houthi-order-us-uk-aid-workers-leave-yemen",
        "militia-attacks-on-us-forces-since-mid-october",
    ] {
        let event = event(&dataset, id);
        assert!(!event.sources.is_empty(), "{id} has no quote");
        assert!(!event.title.is_empty() && !event.summary.is_empty(), "{id}");
    }
}

#[test]
fn the_day_of_the_al_asad_attack_is_disputed_with_each_claim_sourced() {
    let dataset = dataset();
    let attack = event(&dataset, "al-asad-missile-attack");
    assert_eq!(
        attack.time.start,
        DateValue::parse("2024-01-20").expect("date")
    );
    assert_eq!(attack.geo_precision, GeoPrecision::Site);
    let dispute = attack
        .disputes
        .iter()
        .find(|d| d.field == "start")
        .expect("the day is disputed");
    let saturday = dispute
        .claims
        .iter()
        .find(|c| c.value == "2024-01-20")
        .expect("Saturday");
    let sunday = dispute
        .claims
        .iter()
        .find(|c| c.value == "2024-01-21")
        .expect("Sunday");
    assert_eq!(saturday.sources.len(), 2, "000 and 002 say Saturday");
    assert_eq!(sunday.sources.len(), 1, "003 says Sunday");
    assert!(source_keys(&dataset, &attack).len() >= 4);
}

#[test]
fn the_other_disagreements_are_recorded() {
    let dataset = dataset();
    let first_strikes = event(&dataset, "us-uk-first-strikes-yemen");
    let claims: Vec<&str> = first_strikes
        .disputes
        .iter()
        .filter(|d| d.field == "start")
        .flat_map(|d| d.claims.iter().map(|c| c.value.as_str()))
        .collect();
    assert!(
        claims.contains(&"2024-01-11") && claims.contains(&"2024-01-12"),
        "{claims:?}"
    );

    let count = event(&dataset, "militia-attacks-on-us-forces-since-mid-october");
    let counts = count
        .disputes
        .iter()
        .find(|d| d.field == "count")
        .expect("count");
    assert!(counts.claims.len() >= 3, "the articles give several counts");

    for site in [
        "us-strike-jurf-al-sakhar",
        "us-strike-al-qaim",
        "us-strike-western-iraq-unnamed-site",
    ] {
        assert!(
            event(&dataset, site)
                .disputes
                .iter()
                .any(|d| d.field == "sites"),
            "{site}: whether and which sites were named is disputed"
        );
    }
}

#[test]
fn vague_places_are_marked_as_such() {
    let dataset = dataset();
    let unnamed = event(&dataset, "us-strike-western-iraq-unnamed-site");
    assert_eq!(unnamed.geo_precision, GeoPrecision::Region);
    let red_sea = event(&dataset, "houthi-attacks-red-sea-shipping");
    assert_eq!(red_sea.sea.as_deref(), Some("Red Sea"));
    assert_eq!(red_sea.country, None);
}

#[test]
fn no_outlet_or_date_is_claimed_beyond_what_the_text_supports() {
    let dataset = dataset();
    for (_, source) in dataset.sources().iter() {
        assert!(
            source.file.starts_with("seeds/") && source.file.ends_with(".txt"),
            "{}",
            source.file
        );
        assert!(
            !source.notes.is_empty(),
            "{} explains its inferences",
            source.key
        );
        if let Some(outlet) = &source.outlet {
            assert!(
                source.text.contains(outlet.as_str()) || source.notes.contains(outlet.as_str()),
                "{}: outlet '{outlet}' must be grounded",
                source.key
            );
        }
    }
}

#[test]
fn the_time_index_agrees_with_a_linear_scan() {
    let dataset = dataset();
    let starts: Vec<TimePoint> = (0..dataset.len())
        .map(|i| dataset.span_of(i).expect("span").0)
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "sorted by start");
    let (from, to) = dataset.slider_range().expect("events");
    let mut time = from;
    while time <= to {
        let expected = starts.iter().filter(|start| **start <= time).count();
        assert_eq!(dataset.begun_by(time), 0..expected, "at {time}");
        time = time.plus_seconds(6 * 3600);
    }
    assert_eq!(
        dataset.begun_by(from).len(),
        0,
        "the slider's start shows no event"
    );
    assert_eq!(
        dataset.begun_by(to).len(),
        dataset.len(),
        "its end shows all"
    );
}
