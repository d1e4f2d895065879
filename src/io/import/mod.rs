//! Importing users' files into the event store: chronomap GeoJSON, any GeoJSON of points,
//! ACLED CSV exports, GDELT 2.0 event files and other CSV files, detected by content.
//!
//! Every importer reads the whole file from a byte slice, reports progress through a shared
//! [`Progress`], stops when it is cancelled, and returns the dataset it could build with an
//! [`ImportReport`]: what was read, what was rejected and why (row, line, column, reason).
//! No input makes an importer panic; a file that cannot be read at all gives a report with
//! an `error` and an empty dataset.

mod acled;
mod detect;
mod driver;
mod fields;
mod gdelt;
mod generic;
pub mod geojson;
mod geojson_feature;
mod names;
mod report;

use std::io::Read as _;
use std::path::Path;

pub use acled::import_acled;
pub use detect::{CsvMapping, detect_csv_mapping};
pub use gdelt::import_gdelt;
pub use generic::import_csv_with_mapping;
pub use report::{
    CsvColumns, Format, ImportReport, Imported, MAX_REJECTIONS_KEPT, Parsed, Progress, Rejection,
};

use crate::model::Dataset;
use detect::Kind;
use driver::PARALLEL_FROM;

/// How much of a file is read at a time, between progress updates and cancel checks.
const READ_CHUNK: u64 = 4 << 20;

/// Imports a file already in memory: recognises its format by content (see [`Format`]) and
/// hands it to that importer. `file` names it in the report.
pub fn import_bytes(file: &str, bytes: &[u8], progress: &Progress) -> Imported {
    import_bytes_with(file, bytes, progress, None)
}

/// [`import_bytes`], where a chronomap GeoJSON file may cite the actors and articles of
/// `base` (the built-in dataset). The CSV formats do not use it.
pub fn import_bytes_with(
    file: &str,
    bytes: &[u8],
    progress: &Progress,
    base: Option<&Dataset>,
) -> Imported {
    parse_bytes_with(file, bytes, progress, base).finish()
}

/// [`import_bytes_with`] up to the last step, so that the caller can let go of `bytes`
/// before [`Parsed::finish`] sorts the events into the store.
fn parse_bytes_with(
    file: &str,
    bytes: &[u8],
    progress: &Progress,
    base: Option<&Dataset>,
) -> Parsed {
    progress.set_total_bytes(bytes.len() as u64);
    match detect::sniff(file, bytes) {
        Err(reason) => Parsed::from(Imported {
            dataset: Default::default(),
            report: ImportReport::failed(file, None, reason),
        }),
        Ok((Kind::Geojson, text)) => {
            Parsed::from(geojson::import_geojson_with(file, text, progress, base))
        }
        Ok((Kind::Acled, text)) => acled::parse_acled(file, text, progress, PARALLEL_FROM),
        Ok((Kind::Gdelt, text)) => gdelt::parse_gdelt(file, text, progress, PARALLEL_FROM),
        Ok((Kind::Csv, text)) => generic::parse_csv(file, text, progress),
    }
}

/// Reads the file at `path` (in chunks of a few MiB, showing progress and honouring cancel)
/// and imports it with [`import_bytes`]. The file is only read, never changed. A file that
/// cannot be opened or read gives a failed report naming the path and the system's error.
pub fn import_file(path: &Path, progress: &Progress) -> Imported {
    import_file_with(path, progress, None)
}

/// [`import_file`] with a `base` dataset for chronomap GeoJSON files (see
/// [`import_bytes_with`]).
pub fn import_file_with(path: &Path, progress: &Progress, base: Option<&Dataset>) -> Imported {
    match read_file(path, progress) {
        Ok(bytes) => {
            let parsed = parse_bytes_with(&path.display().to_string(), &bytes, progress, base);
            // The file's bytes go before the store is sorted: never both in memory at once.
            drop(bytes);
            parsed.finish()
        }
        Err(imported) => *imported,
    }
}

/// Reads a generic CSV file at `path` with the columns the user chose (see
/// [`import_csv_with_mapping`]).
pub fn import_file_mapped(path: &Path, progress: &Progress, mapping: &CsvMapping) -> Imported {
    match read_file(path, progress) {
        Ok(bytes) => {
            progress.set_total_bytes(bytes.len() as u64);
            let file = path.display().to_string();
            let parsed = generic::parse_with(&file, &bytes, mapping, progress, PARALLEL_FROM);
            drop(bytes);
            parsed.finish()
        }
        Err(imported) => *imported,
    }
}

/// Reads the whole file at `path`, showing progress and honouring cancel; on failure, the
/// report to give instead.
fn read_file(path: &Path, progress: &Progress) -> Result<Vec<u8>, Box<Imported>> {
    let file = path.display().to_string();
    let failed = |reason: String| {
        Box::new(Imported {
            dataset: Default::default(),
            report: ImportReport::failed(file.as_str(), None, reason),
        })
    };
    let mut handle = match std::fs::File::open(path) {
        Ok(handle) => handle,
        Err(err) => return Err(failed(format!("cannot open {file}: {err}"))),
    };
    let size = handle.metadata().map_or(0, |meta| meta.len());
    progress.set_total_bytes(size);
    progress.set_bytes(0);
    let mut bytes = Vec::new();
    // The size is a hint (the file may change while it is read): reserve, never trust.
    if bytes
        .try_reserve_exact(usize::try_from(size).unwrap_or(0))
        .is_err()
    {
        return Err(failed(format!(
            "{file} is too large to load into memory ({size} bytes)"
        )));
    }
    loop {
        if progress.is_cancelled() {
            return Err(Box::new(Imported {
                dataset: Default::default(),
                report: ImportReport {
                    cancelled: true,
                    ..ImportReport::new(file.as_str())
                },
            }));
        }
        match (&mut handle).take(READ_CHUNK).read_to_end(&mut bytes) {
            Ok(0) => break,
            Ok(_) => progress.set_bytes(bytes.len() as u64),
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => return Err(failed(format!("cannot read {file}: {err}"))),
        }
    }
    // Reading is done; the importer reports its own progress through the same bytes.
    progress.set_bytes(0);
    Ok(bytes)
}

#[cfg(test)]
mod dispatch_tests;
