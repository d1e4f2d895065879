//! Tests of the dispatcher: recognising files and refusing what cannot be read.

use std::io::Write as _;

use super::*;

fn import(bytes: &[u8]) -> Imported {
    import_bytes("test.csv", bytes, &Progress::default())
}

fn error_of(bytes: &[u8]) -> String {
    let imported = import(bytes);
    assert!(imported.dataset.is_empty());
    assert_eq!(imported.report.outcome(), "rejected");
    imported.report.error.expect("refused")
}

#[test]
fn unreadable_files_are_refused_with_a_reason() {
    assert_eq!(error_of(b""), "the file is empty");
    assert_eq!(error_of(b"\n \r\n"), "the file is empty");
    assert_eq!(
        error_of(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0"),
        "this is a PNG image, not an events file"
    );
    let utf16: Vec<u8> = "\u{feff}id,lat,lon,date\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(
        error_of(&utf16),
        "the file is UTF-16 (little-endian); save it as UTF-8"
    );
    assert!(error_of(b"id,lat,lon,date,place\n1,1,1,2024-01-01,San\xe1'a\n").contains("Latin-1"));
}

#[test]
fn files_go_to_the_importer_their_content_names() {
    let acled = import(
        b"\xEF\xBB\xBFevent_id_cnty,event_date,latitude,longitude\r\nIRQ1,2024-01-20,33,44\r\n",
    );
    assert_eq!(acled.report.format, Some(Format::AcledCsv));
    assert_eq!(acled.dataset.len(), 1);
    let mut gdelt = vec![""; 61];
    gdelt[0] = "77";
    gdelt[1] = "20240120";
    gdelt[26] = "042";
    let gdelt = import(format!("{}\n", gdelt.join("\t")).as_bytes());
    assert_eq!(gdelt.report.format, Some(Format::GdeltEvents));
    assert_eq!(gdelt.dataset.type_label(0), "042");
    let csv = import(b"title,lat,lon,date\nx,1,2,2024-01-01\n");
    assert_eq!(
        (csv.report.format, csv.dataset.len()),
        (Some(Format::Csv), 1)
    );
    let header_only = import(b"title,lat,lon,date\n");
    assert_eq!(
        (header_only.dataset.len(), header_only.report.outcome()),
        (0, "loaded")
    );
    let unmapped = import(b"title,where\nx,y\n");
    assert_eq!(unmapped.report.format, Some(Format::Csv));
    assert!(
        unmapped
            .report
            .error
            .expect("fails")
            .contains("the header has: title, where")
    );
}

#[test]
fn files_are_read_from_disk_and_missing_ones_named() {
    let missing = import_file(Path::new("/no/such/dir/events.csv"), &Progress::default());
    let error = missing.report.error.expect("fails");
    assert!(
        error.contains("/no/such/dir/events.csv") && error.contains("No such file"),
        "{error}"
    );
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(b"id,lat,lon,date\na,1,2,2024-01-20\n")
        .expect("written");
    let progress = Progress::default();
    let imported = import_file(file.path(), &progress);
    assert_eq!(imported.dataset.len(), 1);
    let (_, total, rows) = progress.snapshot();
    assert_eq!((total, rows), (33, 1));
    let cancelled = Progress::default();
    cancelled.cancel();
    assert!(import_file(file.path(), &cancelled).report.cancelled);
}

/// Times the import of a large file, given as `CHRONOMAP_BENCH_FILE`, on one and two threads:
/// `CHRONOMAP_BENCH_FILE=big.csv cargo test --lib import_speed -- --ignored --nocapture`
/// (with optimisations, for a meaningful figure).
#[test]
#[ignore]
fn import_speed() {
    let Some(path) = std::env::var_os("CHRONOMAP_BENCH_FILE") else {
        return;
    };
    let started = std::time::Instant::now();
    let bytes = std::fs::read(&path).expect("readable");
    eprintln!("read {} MB: {:?}", bytes.len() >> 20, started.elapsed());
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let imported = import_bytes("bench", &bytes, &Progress::default());
        let took = started.elapsed();
        let (events, rejected) = (imported.dataset.len(), imported.report.rejected);
        eprintln!("import_bytes: {events} events, {rejected} rejected: {took:?}");
    }
    let started = std::time::Instant::now();
    let imported = import_file(Path::new(&path), &Progress::default());
    let took = started.elapsed();
    eprintln!("import_file: {} events: {took:?}", imported.dataset.len());
}
