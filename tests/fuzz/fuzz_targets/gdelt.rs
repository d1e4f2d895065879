//! Any bytes into the GDELT 2.0 events importer.
#![no_main]

use chronomap::io::import::{Progress, import_gdelt};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let imported = import_gdelt("fuzz.export.CSV", data, &Progress::default());
    assert!(imported.dataset.len() as u64 <= imported.report.rows);
});
