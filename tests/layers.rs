//! The layer switcher, and an unreachable tile server: the app stays usable and the
//! offline basemap stays drawn. No test here touches the real network.

use std::time::{Duration, Instant};

use chronomap::ChronomapApp;
use chronomap::io::load_builtin;
use chronomap::map::{LAYER_LABEL, OnlineLayer, Provider, marker_label};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// A server that refuses every connection: nothing listens on this loopback port.
fn unreachable() -> Provider {
    Provider {
        name: "unreachable-test-server",
        url_template: "http://127.0.0.1:9/{z}/{x}/{y}.png",
        attribution: "test tiles",
        attribution_url: "http://127.0.0.1:9/",
        max_parallel: 2,
        max_zoom: 19,
    }
}

fn harness() -> Harness<'static, ChronomapApp> {
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(|cc| ChronomapApp::new(cc, load_builtin()));
    harness
        .state_mut()
        .map_mut()
        .online_mut()
        .set_provider_override(Some(unreachable()));
    harness.run_steps(4);
    harness
}

/// Runs frames in real time until `done` or the time is up.
fn run_until(
    harness: &mut Harness<'_, ChronomapApp>,
    seconds: u64,
    done: impl Fn(&ChronomapApp) -> bool,
) -> bool {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < deadline {
        harness.run_steps(1);
        if done(harness.state()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn the_layer_switcher_turns_an_online_layer_on_and_off() {
    let mut harness = harness();
    assert_eq!(harness.state().map().online().layer(), OnlineLayer::Off);
    assert_eq!(harness.state().map().online().attribution(), None);

    harness.get_by_label(LAYER_LABEL).click();
    harness.run_steps(3);
    harness
        .get_by_label(OnlineLayer::OpenStreetMap.label())
        .click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().map().online().layer(),
        OnlineLayer::OpenStreetMap
    );
    let credit = harness
        .state()
        .map()
        .online()
        .attribution()
        .expect("a credit");
    assert!(credit.contains("OpenStreetMap contributors"));

    harness.get_by_label(LAYER_LABEL).click();
    harness.run_steps(3);
    harness.get_by_label(OnlineLayer::Off.label()).click();
    harness.run_steps(2);
    assert_eq!(harness.state().map().online().layer(), OnlineLayer::Off);
}

#[test]
fn an_unreachable_tile_server_leaves_the_app_usable_and_the_basemap_drawn() {
    let mut harness = harness();
    harness
        .state_mut()
        .map_mut()
        .online_mut()
        .set_layer(OnlineLayer::OpenStreetMap);

    let failed = run_until(&mut harness, 20, |app| app.map().online().failing() > 0);
    assert!(
        failed,
        "the refused tiles are recorded as failing, to be retried later"
    );
    let drawn = run_until(&mut harness, 60, |app| app.map().tiles_settled());
    assert!(drawn, "the offline basemap finishes drawing regardless");

    // The app still answers: a marker can be clicked and its event read.
    let dataset = harness.state().dataset();
    let index = dataset.index_of("al-asad-missile-attack").expect("event");
    let title = dataset.event(index).expect("an event").title.clone();
    harness.get_by_label(&marker_label(&title)).click();
    harness.run_steps(3);
    assert_eq!(harness.state().view().selected, Some(index));
}
