//! Any bytes into the streaming GeoJSON importer.
#![no_main]

use chronomap::io::import::Progress;
use chronomap::io::import::geojson::import_geojson;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let imported = import_geojson("fuzz.geojson", data, &Progress::default());
    assert!(imported.report.rejections.len() as u64 <= imported.report.rejected);
});
