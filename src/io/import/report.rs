//! What an import found: the format, the counts, the rejected rows, and progress while it
//! runs.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::model::{Dataset, DatasetWriter};

/// The file formats chronomap reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// chronomap's own GeoJSON (the README's schema).
    #[serde(rename = "chronomap-geojson")]
    ChronomapGeojson,
    /// Any GeoJSON FeatureCollection (or single Feature) of points.
    #[serde(rename = "geojson")]
    Geojson,
    /// An ACLED CSV export.
    #[serde(rename = "acled-csv")]
    AcledCsv,
    /// A GDELT 2.0 events export (tab-separated, no header, 61 columns).
    #[serde(rename = "gdelt-events")]
    GdeltEvents,
    /// Any other CSV with latitude, longitude and date columns.
    #[serde(rename = "csv")]
    Csv,
}

impl Format {
    /// The name used by `chronomap inspect --json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::ChronomapGeojson => "chronomap-geojson",
            Format::Geojson => "geojson",
            Format::AcledCsv => "acled-csv",
            Format::GdeltEvents => "gdelt-events",
            Format::Csv => "csv",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Format::ChronomapGeojson => "chronomap GeoJSON",
            Format::Geojson => "GeoJSON",
            Format::AcledCsv => "ACLED CSV",
            Format::GdeltEvents => "GDELT 2.0 events",
            Format::Csv => "CSV",
        }
    }
}

/// How many rejected rows a report lists one by one; the rest are only counted.
pub const MAX_REJECTIONS_KEPT: usize = 300;

/// One record that was not loaded, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Rejection {
    /// The record's number, from 1, not counting a header line or empty lines.
    pub row: u64,
    /// The line of the file where the record starts, from 1.
    pub line: u64,
    /// The column or property at fault, when one is.
    pub column: Option<String>,
    /// What is wrong.
    pub reason: String,
}

/// What an import read and what it could not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The file, as the user named it.
    pub file: String,
    /// The detected format, if the file was recognised.
    pub format: Option<Format>,
    /// Why the file could not be read at all; `None` when it could.
    pub error: Option<String>,
    /// Records read, not counting a header or empty lines.
    pub rows: u64,
    /// Records rejected; the first [`MAX_REJECTIONS_KEPT`] are in `rejections`.
    pub rejected: u64,
    /// The first rejected records.
    pub rejections: Vec<Rejection>,
    /// Other things worth saying (features skipped because they have no geometry, lines
    /// reduced to a point…), one sentence each.
    pub notes: Vec<String>,
    /// Whether the import was cancelled before the end of the file.
    pub cancelled: bool,
    /// For a generic CSV file: its columns and the mapping chronomap chose (or `None` when
    /// it found no latitude, longitude or date), so that the user can check or fix it.
    pub columns: Option<CsvColumns>,
}

/// The header of a generic CSV file and how chronomap read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvColumns {
    /// The column names, in file order.
    pub headers: Vec<String>,
    /// The field separator.
    pub delimiter: u8,
    /// The columns chosen for each role, when latitude, longitude and date were found.
    pub mapping: Option<super::CsvMapping>,
    /// Whether the choice was a guess worth checking (a weak name such as `x`, several
    /// candidates, or a guessed separator).
    pub unsure: bool,
}

impl ImportReport {
    /// A report for `file`, nothing read yet.
    pub fn new(file: impl Into<String>) -> Self {
        ImportReport {
            file: file.into(),
            ..Default::default()
        }
    }

    /// A report for a file that could not be read at all.
    pub fn failed(
        file: impl Into<String>,
        format: Option<Format>,
        error: impl Into<String>,
    ) -> Self {
        ImportReport {
            file: file.into(),
            format,
            error: Some(error.into()),
            ..Default::default()
        }
    }

    /// Counts a rejected record, keeping its details while there are few.
    pub fn reject(&mut self, row: u64, line: u64, column: Option<&str>, reason: impl Into<String>) {
        self.rejected += 1;
        if self.rejections.len() < MAX_REJECTIONS_KEPT {
            self.rejections.push(Rejection {
                row,
                line,
                column: column.map(str::to_owned),
                reason: reason.into(),
            });
        }
    }

    /// Adds the counts and rejections of a report for a later part of the same file.
    pub fn merge(&mut self, other: ImportReport) {
        self.rows += other.rows;
        self.rejected += other.rejected;
        let room = MAX_REJECTIONS_KEPT.saturating_sub(self.rejections.len());
        self.rejections
            .extend(other.rejections.into_iter().take(room));
        self.notes.extend(other.notes);
        self.cancelled |= other.cancelled;
        if self.columns.is_none() {
            self.columns = other.columns;
        }
        if self.error.is_none() {
            self.error = other.error;
        }
    }

    /// "loaded", "partial" or "rejected", as `chronomap inspect --json` says.
    pub fn outcome(&self) -> &'static str {
        if self.error.is_some() || self.cancelled {
            "rejected"
        } else if self.rejected > 0 {
            "partial"
        } else {
            "loaded"
        }
    }
}

/// A dataset read from a file, with its report.
#[derive(Debug, Default)]
pub struct Imported {
    /// The events that could be read (empty when the file could not be read at all).
    pub dataset: Dataset,
    /// What was read and what was not.
    pub report: ImportReport,
}

/// An import whose records have all been read, before its events are put in time order.
/// The caller lets go of the file's bytes before [`Parsed::finish`], so that the bytes and
/// the finished store are never in memory together.
#[derive(Debug)]
pub struct Parsed {
    inner: ParsedInner,
}

#[derive(Debug)]
enum ParsedInner {
    /// Nothing left to do (a failed file, or a format that finishes as it reads).
    Done(Box<Imported>),
    /// The rows, read by one thread (`head`) or two (`head` then `tail`).
    Read(Box<ReadRows>),
}

/// Rows read by one thread (`head`) or two (`head` then `tail`), with their report.
#[derive(Debug)]
struct ReadRows {
    head: DatasetWriter,
    tail: Option<DatasetWriter>,
    report: ImportReport,
}

impl From<Imported> for Parsed {
    fn from(imported: Imported) -> Self {
        Parsed {
            inner: ParsedInner::Done(Box::new(imported)),
        }
    }
}

impl Parsed {
    /// Rows read into `head` and, when two threads read, `tail`.
    pub(super) fn read(
        head: DatasetWriter,
        tail: Option<DatasetWriter>,
        report: ImportReport,
    ) -> Self {
        Parsed {
            inner: ParsedInner::Read(Box::new(ReadRows { head, tail, report })),
        }
    }

    /// The report so far.
    pub fn report_mut(&mut self) -> &mut ImportReport {
        match &mut self.inner {
            ParsedInner::Done(imported) => &mut imported.report,
            ParsedInner::Read(rows) => &mut rows.report,
        }
    }

    /// Joins what the threads read and sorts it into the store (about half a second per
    /// million rows).
    pub fn finish(self) -> Imported {
        match self.inner {
            ParsedInner::Done(imported) => *imported,
            ParsedInner::Read(rows) => {
                let ReadRows {
                    mut head,
                    tail,
                    mut report,
                } = *rows;
                if let Some(tail) = tail
                    && let Err(full) = head.append(tail)
                {
                    report.error = Some(format!(
                        "stopped after {} events: the store is full ({full})",
                        head.len()
                    ));
                }
                Imported {
                    dataset: head.finish(),
                    report,
                }
            }
        }
    }
}

/// Progress of an import, shared between the thread that reads and the window that shows a
/// progress bar; also carries the user's Cancel.
#[derive(Debug, Default)]
pub struct Progress {
    total_bytes: AtomicU64,
    bytes: AtomicU64,
    rows: AtomicU64,
    cancelled: AtomicBool,
}

impl Progress {
    /// Sets the size of the file, once known.
    pub fn set_total_bytes(&self, total: u64) {
        self.total_bytes.store(total, Ordering::Relaxed);
    }

    /// Adds to the bytes and records read so far (importers call this every few thousand
    /// records, not per record).
    pub fn advance(&self, bytes: u64, rows: u64) {
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        self.rows.fetch_add(rows, Ordering::Relaxed);
    }

    /// Sets the bytes read so far.
    pub fn set_bytes(&self, bytes: u64) {
        self.bytes.store(bytes, Ordering::Relaxed);
    }

    /// (bytes read, total bytes, records read).
    pub fn snapshot(&self) -> (u64, u64, u64) {
        (
            self.bytes.load(Ordering::Relaxed),
            self.total_bytes.load(Ordering::Relaxed),
            self.rows.load(Ordering::Relaxed),
        )
    }

    /// Asks the import to stop.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether the user asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}
