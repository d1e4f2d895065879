//! Property tests of every importer: random bytes and mutated valid files never make an
//! import panic, and the report always adds up.

use chronomap::io::import::{Imported, MAX_REJECTIONS_KEPT, Progress, import_bytes};
use proptest::prelude::*;

const ACLED: &str = "\
event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
IRQ1,20 January 2024,2024,1,Political violence,Explosions/Remote violence,Shelling/artillery/missile attack,Islamic Resistance in Iraq,Kataib Hezbollah; Harakat al-Nujaba,3,Military Forces of the United States (2021-),,8,38,,368,Middle East,Iraq,Al Anbar,Hit,,Ain al-Asad Airbase,33.7953,42.4412,1,Reuters; Shafaq News,International,\"Ballistic missiles \"\"and rockets\"\" were fired,
injuring US personnel.\",0,,1705900000
IRQ2,2024-01-24,2024,2,Political violence,Explosions/Remote violence,Air/drone strike,Military Forces of the United States (2021-),,8,Kataib Hezbollah,,3,38,,368,Middle East,Iraq,Babil,Al-Musayab,,Jurf al-Sakhar,32.8689,44.1167,2,القائم,National,Strikes on three sites.,2,,1706000000
";

const GDELT: &str = "1133445566\t20240124\t202401\t2024\t2024.0658\tUSA\tUNITED STATES\tUSA\t\t\t\t\tGOV\t\t\tIRQ\tIRAQ\tIRQ\t\t\t\t\t\t\t\t1\t190\t190\t19\t4\t-10.0\t5\t1\t5\t-4.5\t4\tJurf al-Sakhar, Babil, Iraq\tIZ\tIZ08\t\t32.87\t44.12\t-3108000\t4\tJurf al-Sakhar, Babil, Iraq\tIZ\tIZ08\t\t32.87\t44.12\t-3108000\t4\tJurf al-Sakhar, Babil, Iraq\tIZ\tIZ08\t\t32.87\t44.12\t-3108000\t20240124120000\thttps://example.com/a\n";

const GEOJSON: &str = r#"{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[42.44,33.79]},"properties":{"date":"2024-01-20","title":"Attack","actor1":"A"}},
{"type":"Feature","geometry":null,"properties":{"date":"2024-01-21","name":"Statement"}},
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[44,32],[45,32],[45,33],[44,32]]]},"properties":{"time":"2024-01-22T10:00:00Z"}}
]}"#;

/// The report adds up, whatever the input.
fn consistent(imported: &Imported) {
    let report = &imported.report;
    let events = imported.dataset.len() as u64;
    if report.error.is_some() {
        assert_eq!(events, 0, "a file that could not be read loads nothing");
    }
    assert!(
        events + report.rejected <= report.rows.max(events),
        "{events} events + {} rejected from {} rows",
        report.rejected,
        report.rows
    );
    assert!(report.rejections.len() as u64 <= report.rejected);
    assert!(report.rejections.len() <= MAX_REJECTIONS_KEPT);
    for index in imported.dataset.indices() {
        if let Some(position) = imported.dataset.position(index) {
            assert!((-180.0..=180.0).contains(&position.x()));
            assert!((-90.0..=90.0).contains(&position.y()));
        }
        let (start, end) = imported.dataset.span_of(index).expect("in range");
        assert!(end >= start);
    }
}

/// `bytes` with some bytes changed, removed or inserted at random places.
fn mutated(valid: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let len = valid.len();
    prop::collection::vec((0..len, any::<u8>(), 0u8..3), 0..12).prop_map(move |edits| {
        let mut bytes = valid.as_bytes().to_vec();
        for (at, byte, kind) in edits {
            let at = at.min(bytes.len().saturating_sub(1));
            match kind {
                0 if !bytes.is_empty() => bytes[at] = byte,
                1 if !bytes.is_empty() => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, byte),
            }
        }
        bytes
    })
}

fn import(name: &str, bytes: &[u8]) -> Imported {
    import_bytes(name, bytes, &Progress::default())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        consistent(&import("random.bin", &bytes));
    }

    #[test]
    fn mutated_acled_files_never_panic(bytes in mutated(ACLED)) {
        consistent(&import("acled.csv", &bytes));
    }

    #[test]
    fn truncated_acled_files_keep_the_whole_rows(cut in 0..ACLED.len()) {
        let imported = import("acled.csv", &ACLED.as_bytes()[..cut]);
        consistent(&imported);
    }

    #[test]
    fn mutated_gdelt_files_never_panic(bytes in mutated(GDELT)) {
        consistent(&import("events.export.CSV", &bytes));
    }

    #[test]
    fn mutated_geojson_files_never_panic(bytes in mutated(GEOJSON)) {
        consistent(&import("points.geojson", &bytes));
    }

    #[test]
    fn mutated_generic_csv_files_never_panic(bytes in mutated("id;lat;lon;date;title\n1;33.3;44.4;2024-01-20;\"a; b\"\n2;;;2024-01-21;c\n")) {
        consistent(&import("points.csv", &bytes));
    }
}

#[test]
fn the_unmutated_samples_load() {
    let acled = import("acled.csv", ACLED.as_bytes());
    assert_eq!(acled.report.error, None);
    assert_eq!(acled.dataset.len(), 2, "{:?}", acled.report);
    let gdelt = import("events.export.CSV", GDELT.as_bytes());
    assert_eq!(gdelt.dataset.len(), 1, "{:?}", gdelt.report);
    let geojson = import("points.geojson", GEOJSON.as_bytes());
    assert_eq!(geojson.dataset.len(), 3, "{:?}", geojson.report);
}
