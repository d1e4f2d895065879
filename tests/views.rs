//! View files, as a user meets them: the state saved, then opened in a fresh window with
//! the same files, layers, colours, time, filters, camera, selection and table; a corrupt
//! view file is reported, changes nothing and is left as it was.

use std::path::Path;

use chronomap::ChronomapApp;
use chronomap::model::{EventFilter, Rgb, TimePoint, parse_filter};
use chronomap::tint::ColorBy;
use chronomap::view_file::ViewFile;
use chronomap::{Command, ui::PROBLEMS_TITLE};
use egui_kittest::kittest::Queryable as _;

const ACLED: &str = "\
event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,location,latitude,longitude,notes,fatalities
A1,2024-01-15,Battles,Armed clash,Kataib Hezbollah,Military Forces of Iraq,Iraq,Jurf al-Sakhar,32.87,44.12,Clashes.,0
A2,2024-01-18,Battles,Armed clash,Kataib Hezbollah,Military Forces of Iraq,Iraq,Al Qaim,34.37,41.09,Clashes.,1
";

mod common;

use common::{harness, settle};

fn ids(app: &ChronomapApp) -> Vec<String> {
    app.visible_events()
        .iter()
        .map(|&i| app.dataset().id(i).to_owned())
        .collect()
}

#[test]
fn a_saved_view_opens_as_it_was_left() {
    let folder = tempfile::tempdir().expect("a folder");
    let acled = folder.path().join("acled.csv");
    std::fs::write(&acled, ACLED).expect("written");

    // Set up a view: the built-in events and a file, the file in vermillion, a filter, a
    // time in window mode, an event selected, the table open, the camera placed.
    let mut before = harness();
    let ctx = before.ctx.clone();
    before.state_mut().open_files(&ctx, vec![acled.clone()]);
    settle(&mut before);
    let vermillion = Rgb([213, 94, 0]);
    let app = before.state_mut();
    app.apply(Command::SetLayerVisible(0, true));
    app.apply(Command::SetLayerColor(1, Some(vermillion)));
    settle(&mut before);
    let app = before.state_mut();
    app.apply(Command::SetFilter(
        parse_filter("initiator:\"Kataib Hezbollah\"").expect("valid"),
    ));
    app.apply(Command::SetTime(TimePoint::from_date(
        "2024-01-20".parse().expect("a date"),
    )));
    let a2 = app.dataset().index_of("A2").expect("loaded");
    app.apply(Command::Select(Some(a2)));
    app.show_table(true);
    app.apply(Command::SetColorBy(ColorBy::Type));
    app.map_mut().set_camera(walkers::lon_lat(43.0, 33.0), 6.5);
    before.run_steps(4);
    let view_path = folder.path().join("view.json");
    before.state_mut().save_view(&view_path, Some("dark"));
    assert!(matches!(before.state().view_outcome(), Some(Ok(_))));
    let saved = before.state().view_file(Some("dark"));

    // A fresh window opens it.
    let mut after = harness();
    after.state_mut().open_view_file(&view_path);
    settle(&mut after);
    let (was, now) = (before.state(), after.state());
    assert_eq!(now.layers().len(), 2);
    assert_eq!(now.layers()[1].color, Some(vermillion));
    assert!(now.layers().iter().all(|layer| layer.visible));
    assert_eq!(ids(now), ids(was));
    assert_eq!(now.view().filter, was.view().filter);
    assert_eq!(now.view().time.time(), was.view().time.time());
    assert_eq!(now.view().color_by, ColorBy::Type);
    let selected = now.view().selected.map(|i| now.dataset().id(i).to_owned());
    assert_eq!(selected.as_deref(), Some("A2"));
    let (center, zoom) = now.map().camera().expect("placed");
    assert!((center.x() - 43.0).abs() < 1e-9 && (center.y() - 33.0).abs() < 1e-9);
    assert!((zoom - 6.5).abs() < 1e-9);
    assert_eq!(now.view_file(Some("dark")), saved, "the same view again");
}

#[test]
fn a_corrupt_view_is_reported_and_changes_nothing() {
    let folder = tempfile::tempdir().expect("a folder");
    let path = folder.path().join("broken.json");
    let text = "{\"chronomap_view\": 1, \"layers\": [";
    std::fs::write(&path, text).expect("written");
    let mut harness = harness();
    let shown = ids(harness.state());
    harness.state_mut().open_view_file(&path);
    settle(&mut harness);
    assert_eq!(ids(harness.state()), shown);
    assert_eq!(harness.state().view().filter, EventFilter::default());
    harness.get_by_label(PROBLEMS_TITLE);
    assert!(
        harness
            .query_all_by_label_contains("broken.json")
            .next()
            .is_some(),
        "the message names the file"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("still there"), text);

    // From another version: says so.
    std::fs::write(&path, "{\"chronomap_view\": 9}").expect("written");
    let error = ViewFile::read(Path::new(&path)).expect_err("version 9");
    assert!(error.contains("version 9"), "{error}");
}
