//! Opening users' files in the running app, as a person would: the file is read in the
//! background with a progress bar, then its events are on the map as a new layer; a broken
//! file is reported and what was loaded stays.

use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use chronomap::ChronomapApp;
use chronomap::map::marker_label;
use chronomap::ui::{CANCEL_LOAD_LABEL, PROBLEMS_TITLE};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const ACLED: &str = "\
event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\r
IRQ1,2024-02-07,2024,1,Political violence,Explosions/Remote violence,Air/drone strike,Military Forces of the United States (2021-),,8,Kataib Hezbollah,,3,38,,368,Middle East,Iraq,Baghdad,Baghdad,,Baghdad,33.3152,44.3661,1,Reuters,International,\"On 7 February 2024, a US drone strike hit a car in Baghdad, killing a commander.\",3,,1707350400\r
IRQ2,2024-02-08,2024,1,Political violence,Battles,Armed clash,Kataib Hezbollah,,3,Military Forces of Iraq (2022-),,1,13,,368,Middle East,Iraq,Babil,Al-Musayab,,Jurf al-Sakhar,32.8689,44.1167,2,Shafaq News,National,\"Clashes near Jurf al-Sakhar; \"\"heavy\"\" fire, no casualties reported.\",0,,1707436800\r
";

use common::harness;

mod common;

fn open(harness: &mut Harness<'static, ChronomapApp>, path: &Path) {
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .open_files(&ctx, vec![path.to_path_buf()]);
}

/// Runs frames while `busy` holds (at most 30 s), then a few more to draw the result.
fn run_while(harness: &mut Harness<'static, ChronomapApp>, busy: impl Fn(&ChronomapApp) -> bool) {
    let started = Instant::now();
    while busy(harness.state()) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "never finished"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.run_steps(1);
    }
    harness.run_steps(4);
}

/// Runs frames until every file has been read.
fn wait_for_loads(harness: &mut Harness<'static, ChronomapApp>) {
    run_while(harness, |app| !app.loads().is_empty());
}

#[test]
fn a_file_loads_with_a_progress_bar_then_its_events_are_on_the_map() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    // A named pipe holds the load open until the test writes to it, so the progress bar
    // is seen for certain, however fast the machine.
    let path = folder.path().join("acled_export.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let mut harness = harness();
    let builtin_events = harness.state().dataset().len();
    open(&mut harness, &path);
    harness.run_steps(3);
    harness.get_by_label("Loading acled_export.csv");
    harness.get_by_label(CANCEL_LOAD_LABEL);
    assert_eq!(
        harness.state().dataset().len(),
        builtin_events,
        "nothing changes yet"
    );

    let mut writer = std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .expect("the pipe opens for writing");
    writer.write_all(ACLED.as_bytes()).expect("written");
    drop(writer);
    wait_for_loads(&mut harness);

    let app = harness.state();
    assert_eq!(
        app.layers().len(),
        2,
        "the file is a layer beside the built-in events"
    );
    assert!(app.layers()[1].visible);
    assert!(
        !app.layers()[0].visible,
        "the user's file replaces the built-in story"
    );
    assert_eq!(app.dataset().len(), 2);
    let strike = app.dataset().index_of("IRQ1").expect("IRQ1 loaded");
    assert_eq!(app.dataset().killed(strike), Some(3));
    assert!(harness.query_by_label("Loading acled_export.csv").is_none());
    harness.get_by_label(&marker_label("Air/drone strike · Baghdad"));
    harness.get_by_label(&marker_label("Armed clash · Jurf al-Sakhar"));
}

#[test]
fn a_broken_file_is_reported_and_what_was_loaded_stays() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let good = folder.path().join("good.csv");
    std::fs::write(&good, ACLED).expect("written");
    let broken = folder.path().join("picture.png");
    std::fs::write(&broken, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("written");

    let mut harness = harness();
    open(&mut harness, &good);
    wait_for_loads(&mut harness);
    assert_eq!(harness.state().dataset().len(), 2);

    open(&mut harness, &broken);
    wait_for_loads(&mut harness);
    harness.get_by_label(PROBLEMS_TITLE);
    let app = harness.state();
    assert!(
        app.problems()
            .iter()
            .any(|p| p.file.ends_with("picture.png") && p.message.contains("PNG")),
        "{:?}",
        app.problems()
    );
    assert_eq!(
        app.layers().len(),
        2,
        "no layer for a file that could not be read"
    );
    assert_eq!(app.dataset().len(), 2, "the events already loaded stay");
    harness.get_by_label(&marker_label("Air/drone strike · Baghdad"));
    assert_eq!(
        std::fs::read(&broken).expect("still there"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        "the file on disk is never changed"
    );
}

#[test]
fn a_file_with_bad_rows_loads_the_rest_and_lists_each_bad_row() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("mixed.csv");
    let bad_row = "IRQ3,2024-13-01,2024,1,Political violence,Battles,Armed clash,A,,1,B,,1,11,,368,Middle East,Iraq,Anbar,,,Al-Qaim,34.37,41.09,1,X,National,n,0,,0\r\n";
    std::fs::write(&path, format!("{ACLED}{bad_row}")).expect("written");
    let mut harness = harness();
    open(&mut harness, &path);
    wait_for_loads(&mut harness);
    let app = harness.state();
    assert_eq!(app.dataset().len(), 2);
    let problem = app
        .problems()
        .iter()
        .find(|p| p.feature.as_deref() == Some("row 3 (line 4)"))
        .expect("the bad row is listed with its row and line");
    assert_eq!(problem.field.as_deref(), Some("event_date"));
    harness.get_by_label(PROBLEMS_TITLE);
}

#[test]
fn a_csv_without_recognisable_columns_opens_the_column_chooser_and_loads_with_the_choice() {
    use chronomap::ui::{CHOOSE_COLUMNS_TITLE, LOAD_WITH_COLUMNS_LABEL};
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("sightings.csv");
    std::fs::write(
        &path,
        "what;north;east;when\nConvoy;33.3152;44.3661;2024-02-07\nDrone;32.8689;44.1167;2024-02-08\n",
    )
    .expect("written");
    let mut harness = harness();
    open(&mut harness, &path);
    wait_for_loads(&mut harness);
    harness.get_by_label(CHOOSE_COLUMNS_TITLE);
    assert_eq!(harness.state().layers().len(), 1, "nothing loaded yet");

    // Choose as a person would in the combo boxes; the model of the choice is the same.
    let chooser = harness
        .state_mut()
        .column_chooser_mut()
        .expect("the chooser is open");
    chooser.choose("Latitude", Some(1));
    chooser.choose("Longitude", Some(2));
    chooser.choose("Date", Some(3));
    chooser.choose("Title", Some(0));
    harness.run_steps(2);
    harness.get_by_label(LOAD_WITH_COLUMNS_LABEL).click();
    harness.run_steps(2);
    wait_for_loads(&mut harness);
    let app = harness.state();
    assert_eq!(app.layers().len(), 2);
    assert_eq!(app.dataset().len(), 2);
    harness.get_by_label(&marker_label("Convoy"));
    assert!(harness.query_by_label(CHOOSE_COLUMNS_TITLE).is_none());
}

#[test]
fn layers_are_shown_together_and_hidden_from_the_layers_menu() {
    use chronomap::app::BUILTIN_LAYER;
    use chronomap::ui::{BY_ACTOR_LABEL, LAYERS_LABEL, layer_color_label, palette};
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("acled.csv");
    std::fs::write(&path, ACLED).expect("written");
    let mut harness = harness();
    let builtin_events = harness.state().dataset().len();
    open(&mut harness, &path);
    wait_for_loads(&mut harness);
    assert_eq!(harness.state().dataset().len(), 2);

    // Tick the built-in events back on: both layers are on the map together.
    harness.get_by_label(LAYERS_LABEL).click();
    harness.run_steps(2);
    harness
        .get_by_label(&format!("{BUILTIN_LAYER} ({builtin_events} events)"))
        .click();
    harness.run_steps(1);
    run_while(&mut harness, ChronomapApp::is_combining);
    let app = harness.state();
    assert_eq!(app.dataset().len(), builtin_events + 2);
    assert!(app.dataset().index_of("IRQ1").is_some());
    assert!(app.dataset().index_of("al-asad-missile-attack").is_some());
    harness.get_by_label(&marker_label("Air/drone strike · Baghdad"));

    // Colour the file's layer vermillion: its events take that colour everywhere, while the
    // built-in events keep their initiators' colours.
    let vermillion = chronomap::ui::palette::LAYER_COLORS[5];
    assert_eq!(vermillion.0, "vermillion");
    harness.get_by_label(LAYERS_LABEL).click();
    harness.run_steps(2);
    harness
        .get_by_label(&layer_color_label("acled.csv", vermillion.0))
        .click();
    harness.run_steps(2);
    let app = harness.state();
    let (dataset, view) = (app.dataset(), app.view());
    let irq1 = dataset.index_of("IRQ1").expect("loaded");
    let builtin = dataset.index_of("al-asad-missile-attack").expect("shown");
    assert_eq!(view.layer_color(dataset, irq1), Some(vermillion.1));
    assert_eq!(
        palette::event_color(dataset, view, irq1),
        palette::color32(vermillion.1)
    );
    assert_eq!(view.layer_color(dataset, builtin), None);
    assert_eq!(app.layers()[1].color, Some(vermillion.1));
    // And back to colours by actor.
    // (The menu may have closed with the click.)
    if harness.query_all_by_label(BY_ACTOR_LABEL).next().is_none() {
        harness.get_by_label(LAYERS_LABEL).click();
        harness.run_steps(2);
    }
    let by_actor = harness
        .query_all_by_label(BY_ACTOR_LABEL)
        .collect::<Vec<_>>();
    assert_eq!(by_actor.len(), 2, "one choice per layer");
    by_actor[1].click();
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.view().layer_color(app.dataset(), irq1), None);

    // Untick the file: only the built-in events are left.
    harness.get_by_label(LAYERS_LABEL).click();
    harness.run_steps(2);
    harness.get_by_label("acled.csv (2 events)").click();
    harness.run_steps(1);
    run_while(&mut harness, ChronomapApp::is_combining);
    assert_eq!(harness.state().dataset().len(), builtin_events);
    assert!(harness.state().dataset().index_of("IRQ1").is_none());
}
