//! `convert` keeps every field: an ACLED file written as chronomap GeoJSON reads back with
//! the same events, actors and roles, quotes, figures and other columns; CSV has the
//! documented header.

use chronomap::io::import::{Format, Progress, import_bytes, import_file};
use chronomap::io::{CSV_COLUMNS, export};
use chronomap::model::{Dataset, Role};

const ACLED: &str = "\
event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
IRQ1,20 January 2024,2024,1,Political violence,Explosions/Remote violence,Shelling/artillery/missile attack,Islamic Resistance in Iraq,Kataib Hezbollah; Harakat al-Nujaba,3,Military Forces of the United States (2021-),,8,38,,368,Middle East,Iraq,Al Anbar,Hit,,Ain al-Asad Airbase,33.7953,42.4412,1,Reuters; Shafaq News,International,\"Ballistic missiles \"\"and rockets\"\" were fired,
injuring US personnel.\",0,,1705900000
IRQ2,2024-01-24,2024,3,Political violence,Explosions/Remote violence,Air/drone strike,Military Forces of the United States (2021-),,8,Kataib Hezbollah,,3,38,,368,Middle East,Iraq,Babil,Al-Musayab,,Jurf al-Sakhar,32.8689,44.1167,2,القائم,National,Strikes on three sites.,2,,1706000000
";

/// Everything a reader sees of an event, as text, for comparing two loads.
fn described(dataset: &Dataset, id: &str) -> String {
    let index = dataset.index_of(id).expect("present");
    let mentions: Vec<String> = dataset
        .mentions_with_association(index)
        .map(|(actor, role, associated)| {
            let name = &dataset.actors().get(actor).expect("actor").name;
            format!("{name}/{role:?}/{associated}")
        })
        .collect();
    let citations: Vec<String> = dataset
        .citations(index)
        .map(|(source, quote)| {
            let key = &dataset.sources().get(source).expect("source").key;
            format!("{key}: {quote}")
        })
        .collect();
    let mut attributes: Vec<String> = dataset
        .attributes(index)
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    attributes.sort();
    format!(
        "{} | {:?} | {:?} | {:?} | {} | {} | {:?} | {:?} | {:?} | {:?} | {:?} | {:?}",
        dataset.title(index),
        dataset.time(index),
        dataset.position(index),
        dataset.geo_precision(index),
        dataset.type_label(index),
        dataset.place(index),
        dataset.country(index),
        dataset.killed(index),
        mentions,
        citations,
        attributes,
        dataset
            .lead(index)
            .map(|a| dataset.actors().name(a).to_owned()),
    )
}

#[test]
fn acled_converted_to_geojson_reads_back_the_same() {
    let original = import_bytes("acled.csv", ACLED.as_bytes(), &Progress::default());
    assert_eq!(original.report.format, Some(Format::AcledCsv));
    assert_eq!(original.dataset.len(), 2);
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("acled.geojson");
    let all: Vec<usize> = original.dataset.indices().collect();
    export(&original.dataset, &all, &path).expect("written");

    let back = import_file(&path, &Progress::default());
    assert_eq!(back.report.error, None);
    assert_eq!(back.report.format, Some(Format::ChronomapGeojson));
    assert_eq!(back.report.rejected, 0, "{:?}", back.report.rejections);
    for id in ["IRQ1", "IRQ2"] {
        assert_eq!(
            described(&back.dataset, id),
            described(&original.dataset, id),
            "{id}"
        );
    }
    let index = back.dataset.index_of("IRQ1").expect("present");
    let associates: Vec<&str> = back
        .dataset
        .mentions_with_association(index)
        .filter(|(_, role, associated)| *role == Role::Initiator && *associated)
        .map(|(actor, _, _)| back.dataset.actors().name(actor))
        .collect();
    assert_eq!(associates, ["Kataib Hezbollah", "Harakat al-Nujaba"]);
}

#[test]
fn csv_output_has_the_documented_columns_and_a_header_even_when_empty() {
    let original = import_bytes("acled.csv", ACLED.as_bytes(), &Progress::default());
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("events.csv");
    let all: Vec<usize> = original.dataset.indices().collect();
    export(&original.dataset, &all, &path).expect("written");
    let mut reader = csv::Reader::from_path(&path).expect("readable");
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 2);
    let first = &rows[0];
    assert_eq!(&first[0], "IRQ1");
    assert_eq!(&first[2], "2024-01-20");
    assert_eq!(&first[8], "33.7953");
    assert!(first[17].contains("Reuters; Shafaq News"));

    let empty = folder.path().join("none.csv");
    export(&original.dataset, &[], &empty).expect("written");
    let text = std::fs::read_to_string(&empty).expect("readable");
    assert_eq!(text.trim_end(), CSV_COLUMNS.join(","));
}

#[test]
fn a_failed_export_leaves_no_file_and_an_unknown_extension_is_refused() {
    let original = import_bytes("acled.csv", ACLED.as_bytes(), &Progress::default());
    let folder = tempfile::tempdir().expect("a temporary folder");
    let bad = folder.path().join("events.xlsx");
    assert!(export(&original.dataset, &[0], &bad).is_err());
    assert!(!bad.exists());
    let missing_folder = folder.path().join("no/such/folder/events.geojson");
    assert!(export(&original.dataset, &[0], &missing_folder).is_err());
    assert!(!missing_folder.exists());
}
