//! The map at scale, driven as a person would: with 100,000 events the map shows clusters
//! with counts; clicking one zooms into it, and clicking on in gets down to single events,
//! one of which can be selected. Events stacked at one place are listed on a click.

use chronomap::ChronomapApp;
use chronomap::map::{STACK_TITLE, cluster_label};
use chronomap::model::{Loaded, synthetic};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

mod common;

use common::run_until;

fn harness_with(dataset: chronomap::model::Dataset) -> Harness<'static, ChronomapApp> {
    let loaded = Loaded {
        dataset,
        problems: Vec::new(),
    };
    common::harness_on(loaded, [1400.0, 900.0])
}

/// Where the middle of the map is in a 1400 × 900 window (left of the source panel, above
/// the timeline).
const MAP_MIDDLE: egui::Pos2 = egui::pos2(500.0, 330.0);

/// Clicks the node whose label contains `text` nearest the middle of the map; returns its
/// label, or `None` when there is none.
fn click_nearest_middle(harness: &Harness<'static, ChronomapApp>, text: &str) -> Option<String> {
    let node = harness.query_all_by_label_contains(text).min_by(|a, b| {
        a.rect()
            .center()
            .distance(MAP_MIDDLE)
            .total_cmp(&b.rect().center().distance(MAP_MIDDLE))
    })?;
    node.click();
    Some(node.accesskit_node().label().unwrap_or_default())
}

fn has(harness: &Harness<'static, ChronomapApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn a_hundred_thousand_events_are_clusters_that_open_down_to_single_events() {
    let mut harness = harness_with(synthetic::dataset(100_000, 200, 11));
    assert_eq!(harness.state().visible_events().len(), 100_000);
    run_until(&mut harness, "clusters on the map", |h| {
        has(h, "Cluster of ")
    });
    // Far fewer shapes than events, and their counts add up to no more than the events.
    let labels: Vec<String> = harness
        .query_all_by_label_contains("Cluster of ")
        .map(|node| node.accesskit_node().label().unwrap_or_default())
        .collect();
    assert!(labels.len() < 2_000, "{} clusters", labels.len());
    let total: u64 = labels
        .iter()
        .filter_map(|label| {
            let digits: String = label.chars().filter(char::is_ascii_digit).collect();
            digits.parse::<u64>().ok()
        })
        .sum();
    assert!(
        total > 10_000 && total <= 100_000,
        "{total} events in clusters"
    );

    // Hovering a cluster names its count and its mix of initiators.
    let middle = harness
        .query_all_by_label_contains("Cluster of ")
        .min_by(|a, b| {
            a.rect()
                .center()
                .distance(MAP_MIDDLE)
                .total_cmp(&b.rect().center().distance(MAP_MIDDLE))
        })
        .expect("a cluster");
    let label = middle.accesskit_node().label().unwrap_or_default();
    middle.hover();
    // Tooltips wait for the pointer to rest; the test does not.
    harness
        .ctx
        .global_style_mut(|style| style.interaction.tooltip_delay = 0.0);
    harness.run_steps(3);
    let count = label
        .trim_start_matches("Cluster of ")
        .trim_end_matches(" events");
    harness.get_by_label(&format!("{count} events"));
    harness.get_by_label("Click to zoom in");

    // Click the cluster in the middle, again and again: each click zooms in, until single
    // events are on the map.
    let mut zoom = harness.state().map().zoom();
    let mut clicks = 0;
    while !has(&harness, "Map marker: ") {
        let label = click_nearest_middle(&harness, "Cluster of ").expect("a cluster to click");
        harness.run_steps(1);
        run_until(&mut harness, "the zoom to end", |h| {
            !h.state().map().is_flying() && h.state().map().is_settled()
        });
        let zoomed = harness.state().map().zoom();
        assert!(
            zoomed > zoom,
            "a click on {label} zoomed in ({zoom} → {zoomed})"
        );
        zoom = zoomed;
        clicks += 1;
        assert!(clicks < 25, "still no single events at zoom {zoom}");
    }
    // A single event: click it and it is selected.
    let marker = click_nearest_middle(&harness, "Map marker: ").expect("a marker");
    harness.run_steps(3);
    let app = harness.state();
    let selected = app.view().selected.expect("the event is selected");
    assert_eq!(
        format!("Map marker: {}", app.dataset().title(selected)),
        marker
    );
}

#[test]
fn events_stacked_at_one_place_are_listed_and_each_can_be_selected() {
    use chronomap::model::{DatasetWriter, EventRow, GeoPrecision, TimePrecision, day_time};
    // 3,000 events at three places, a thousand at each: no zoom splits them.
    let mut writer = DatasetWriter::with_builtin_types();
    let places = [(44.36, 33.31), (35.5, 33.9), (42.95, 14.8)];
    let date = jiff::civil::date(2024, 1, 1);
    let event_type = writer.event_type("Strike");
    let nowhere = writer.country("");
    let no_sea = writer.sea("");
    for n in 0..3_000u32 {
        let (lon, lat) = places[n as usize % 3];
        let (id, title) = (format!("s{n}"), format!("Stacked {n}"));
        let row = EventRow {
            id: &id,
            title: &title,
            summary: "",
            place: "",
            notes: "",
            url: "",
            attributes: "",
            time: day_time(date, TimePrecision::Day),
            position: Some(geo::Point::new(lon, lat)),
            geo_precision: GeoPrecision::Town,
            event_type,
            country: nowhere,
            sea: no_sea,
            killed: None,
            injured: None,
        };
        writer.push(&row, &[], &[]).expect("room");
    }
    let mut harness = harness_with(writer.finish());
    run_until(&mut harness, "clusters", |h| has(h, &cluster_label(1_000)));
    click_nearest_middle(&harness, &cluster_label(1_000)).expect("a stack");
    harness.run_steps(3);
    harness.get_by_label(STACK_TITLE);
    let entry = click_nearest_middle(&harness, "Stacked ").expect("an event in the list");
    harness.run_steps(3);
    let app = harness.state();
    let selected = app.view().selected.expect("selected from the list");
    assert!(entry.starts_with(app.dataset().title(selected).as_ref()));
}

/// A filter that leaves few enough events to cluster in the frame, after clusters built in
/// the background: the map says it has what it wants (a screenshot waits for that).
#[test]
fn the_map_settles_when_a_filter_leaves_events_clustered_in_the_frame() {
    let mut harness = harness_with(synthetic::dataset(30_000, 200, 5));
    run_until(&mut harness, "background clusters", |h| {
        h.state().map().is_settled() && has(h, "Cluster of ")
    });
    let filter = chronomap::model::parse_filter("type:airstrike").expect("valid");
    harness
        .state_mut()
        .apply(chronomap::state::Command::SetFilter(filter));
    harness.run_steps(2);
    let shown = harness.state().visible_events().len();
    assert!((2_000..=20_000).contains(&shown), "{shown} events");
    run_until(&mut harness, "clusters of the filtered events", |h| {
        h.state().map().is_settled()
    });
}

/// Clusters asked of the background, then so few events on show that the map draws them as
/// markers before the clusters arrive: the map does not wait for them (a screenshot, a
/// story's step or a video frame would otherwise wait for ever).
#[test]
fn the_map_settles_when_the_events_on_show_drop_to_markers_before_clusters_arrive() {
    let mut harness = harness_with(synthetic::dataset(50_000, 200, 9));
    // One frame: clusters of 50,000 events asked of the background thread.
    harness.step();
    let (start, _) = harness.state().dataset().slider_range().expect("events");
    let early = start.plus_seconds(chronomap::model::SECONDS_PER_DAY);
    harness
        .state_mut()
        .apply(chronomap::state::Command::SetTime(early));
    harness.step();
    let shown = harness.state().visible_events().len();
    assert!(
        shown <= chronomap::map::MAX_INTERACTIVE_MARKERS,
        "{shown} events"
    );
    run_until(&mut harness, "the map drawn as markers", |h| {
        h.state().map().is_settled()
    });
}
