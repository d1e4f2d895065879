//! Any bytes after a header into the generic CSV importer, with a fixed column mapping.
#![no_main]

use chronomap::io::import::{CsvMapping, Progress, import_csv_with_mapping};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"id,lat,lon,date,title\n".to_vec();
    bytes.extend_from_slice(data);
    let mapping = CsvMapping {
        delimiter: b',',
        lat: 1,
        lon: 2,
        date: 3,
        end: None,
        title: Some(4),
        id: Some(0),
        place: None,
        country: None,
        event_type: None,
        summary: None,
        url: None,
    };
    let imported = import_csv_with_mapping("fuzz.csv", &bytes, &mapping, &Progress::default());
    assert!(imported.dataset.len() as u64 <= imported.report.rows);
});
