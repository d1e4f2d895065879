//! Any bytes through format detection and whichever importer it picks.
#![no_main]

use chronomap::io::import::{Progress, import_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let imported = import_bytes("fuzz", data, &Progress::default());
    assert!(imported.report.rejections.len() as u64 <= imported.report.rejected);
});
