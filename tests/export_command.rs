//! `chronomap export`, run as a user runs it: the events that pass a filter are written, and
//! read back they are exactly those events; mistakes in the command are explained and
//! leave no file.

use std::path::Path;
use std::process::Command;

use chronomap::io::import::{Progress, import_file_with};
use chronomap::io::{builtin_base, load_builtin};
use chronomap::model::{Dataset, parse_filter};

fn chronomap(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_chronomap"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn ids(dataset: &Dataset) -> Vec<String> {
    let mut ids: Vec<String> = dataset
        .indices()
        .map(|i| dataset.id(i).to_owned())
        .collect();
    ids.sort();
    ids
}

fn read_back(path: &Path) -> Dataset {
    let imported = import_file_with(path, &Progress::default(), Some(&builtin_base()));
    assert_eq!(imported.report.error, None);
    imported.dataset
}

#[test]
fn the_filtered_built_in_events_are_written_and_read_back_exactly() {
    let folder = tempfile::tempdir().expect("a folder");
    let out = folder.path().join("kh.geojson");
    let expression = "initiator:kataib_hezbollah";
    let run = chronomap(&[
        "export",
        "--filter",
        expression,
        out.to_str().expect("utf-8"),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let builtin = load_builtin().dataset;
    let filter = parse_filter(expression).expect("valid");
    let matcher = filter.matcher(&builtin);
    let mut expected: Vec<String> = builtin
        .indices()
        .filter(|&i| matcher.admits(i))
        .map(|i| builtin.id(i).to_owned())
        .collect();
    expected.sort();
    assert!(!expected.is_empty());
    let written = read_back(&out);
    assert_eq!(ids(&written), expected);
    // Every field came through: the same title, time, place and quotes.
    for index in written.indices() {
        let original = builtin.index_of(written.id(index)).expect("the same id");
        assert_eq!(written.title(index), builtin.title(original));
        assert_eq!(written.time(index), builtin.time(original));
        assert_eq!(written.position(index), builtin.position(original));
        assert_eq!(
            written.citations(index).map(|(_, q)| q).collect::<Vec<_>>(),
            builtin
                .citations(original)
                .map(|(_, q)| q)
                .collect::<Vec<_>>()
        );
    }
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains(&format!("wrote {} of {}", expected.len(), builtin.len())),
        "{stdout}"
    );
}

#[test]
fn dates_and_a_file_of_ones_own_are_filtered_too() {
    let folder = tempfile::tempdir().expect("a folder");
    let acled = folder.path().join("acled.csv");
    std::fs::write(
        &acled,
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,location,latitude,longitude,notes,fatalities\n\
         A1,2024-02-01,Battles,Armed clash,Kataib Hezbollah,Military Forces of Iraq,Iraq,Jurf al-Sakhar,32.87,44.12,\"Clashes near Jurf al-Sakhar.\",0\n\
         A2,2024-02-10,Battles,Armed clash,Kataib Hezbollah,Military Forces of Iraq,Iraq,Al-Qa'im,34.37,41.09,Clashes at al-Qa'im.,1\n\
         A3,2024-03-05,Protests,Peaceful protest,Protesters (Iraq),,Iraq,Baghdad,33.31,44.36,A protest.,0\n",
    )
    .expect("written");
    let out = folder.path().join("feb.csv");
    let run = chronomap(&[
        "export",
        "--filter",
        "initiator:\"Kataib Hezbollah\" Qaim",
        "--from",
        "2024-02-01",
        "--to",
        "2024-02-29",
        acled.to_str().expect("utf-8"),
        out.to_str().expect("utf-8"),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let written = read_back(&out);
    assert_eq!(ids(&written), ["A2"]);

    // --to is inclusive: the last day counts.
    let run = chronomap(&[
        "export",
        "--from",
        "2024-02-10",
        "--to",
        "2024-02-10",
        acled.to_str().expect("utf-8"),
        out.to_str().expect("utf-8"),
    ]);
    assert!(run.status.success());
    assert_eq!(ids(&read_back(&out)), ["A2"]);
}

#[test]
fn a_mistake_is_explained_and_no_file_is_written() {
    let folder = tempfile::tempdir().expect("a folder");
    let out = folder.path().join("out.geojson");
    let path = out.to_str().expect("utf-8");

    let run = chronomap(&["export", "--filter", "type:airstrike colour:red", path]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("unknown filter 'colour:'"), "{stderr}");
    assert!(
        stderr.contains("               ^^^^^^"),
        "points at it: {stderr}"
    );
    assert!(!out.exists());

    let run = chronomap(&["export", "--filter", "initiator:kataib_hezbolah", path]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("'kataib_hezbolah'"), "{stderr}");
    assert!(!out.exists());

    let run = chronomap(&["export", "events.txt"]);
    assert_eq!(run.status.code(), Some(2));

    let missing = folder.path().join("missing.csv");
    let run = chronomap(&["export", missing.to_str().expect("utf-8"), path]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("missing.csv"));
    assert!(!out.exists());
}
