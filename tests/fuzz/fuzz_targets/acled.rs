//! Any bytes after an ACLED header, straight into the ACLED importer.
#![no_main]

use chronomap::io::import::{Progress, import_acled};
use libfuzzer_sys::fuzz_target;

const HEADER: &[u8] = b"event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n";

fuzz_target!(|data: &[u8]| {
    let mut bytes = HEADER.to_vec();
    bytes.extend_from_slice(data);
    let imported = import_acled("fuzz.csv", &bytes, &Progress::default());
    assert!(imported.dataset.len() as u64 <= imported.report.rows);
});
