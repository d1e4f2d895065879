//! Reading the records of a delimited file into the store, on one thread or, for a large
//! file, on two: the body is split at a record boundary found by counting quotes, each half
//! is parsed into its own writer and report, and the halves are joined in file order.
//!
//! The halves give exactly what one pass would: the split is checked (a first half that ends
//! inside a quoted field means the quote count misled, and the file is read again in one
//! pass), and rows and lines of the second half are shifted once the first half's counts are
//! known.
//!
//! Ids are first only hashed (a hash per row, sorted at the end), which costs no table lookup
//! per row. Only if two hashes are equal is the file read again with every id checked as it
//! comes, so that a repeated id rejects the later row with the number of the earlier one.

use csv::{ByteRecord, ReaderBuilder};

use super::fields::{Fields, RowError, count_byte};
use super::names::{IdSet, hash_id};
use super::report::{Format, ImportReport, Parsed, Progress};
use crate::model::{DatasetWriter, StoreFull};

/// Files smaller than this are read on one thread.
pub(super) const PARALLEL_FROM: usize = 8 << 20;

/// Progress is reported, and cancel checked, every this many records.
const PROGRESS_EVERY: u64 = 10_000;

/// How a file separates fields and whether it quotes them (RFC 4180).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Layout {
    pub delimiter: u8,
    pub quoting: bool,
}

impl Layout {
    fn separated(self) -> String {
        match self.delimiter {
            b',' => "comma-separated".to_owned(),
            b';' => "semicolon-separated".to_owned(),
            b'\t' => "tab-separated".to_owned(),
            other => format!("'{}'-separated", char::from(other)),
        }
    }
}

/// What one format does with each record.
pub(super) trait RowParser: Sync {
    /// Buffers reused from record to record, one per thread.
    type State: Send;
    /// New buffers.
    fn state(&self) -> Self::State;
    /// How many fields every record has.
    fn fields(&self) -> usize;
    /// Checks one record and pushes it to `sink.writer`.
    fn row(
        &self,
        state: &mut Self::State,
        fields: &Fields<'_>,
        sink: &mut Sink,
    ) -> Result<(), RowError>;
}

/// Where one thread's records go.
#[derive(Debug, Default)]
pub(super) struct Sink {
    /// The rows so far.
    pub writer: DatasetWriter,
    /// The rejections so far.
    pub report: ImportReport,
    ids: Ids,
    row: u64,
    repeated_id: bool,
}

/// How a sink checks ids for repeats.
#[derive(Debug)]
enum Ids {
    /// Only hashed; repeats are looked for at the end (see the module docs).
    Hashed(Vec<u64>),
    /// Checked as each row comes.
    Checked(IdSet),
}

impl Default for Ids {
    fn default() -> Self {
        Ids::Hashed(Vec::new())
    }
}

impl Ids {
    fn new(checked: bool) -> Self {
        if checked {
            Ids::Checked(IdSet::default())
        } else {
            Ids::Hashed(Vec::new())
        }
    }
}

/// Whether two sorted lists share a value.
fn share_any(a: &[u64], b: &[u64]) -> bool {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

impl Sink {
    /// The number of the current record, from 1, not counting the header.
    pub(super) fn row(&self) -> u64 {
        self.row
    }

    /// Claims `id` for the current record; rejects the record if an earlier one has it (when
    /// ids are checked; see the module docs).
    pub(super) fn claim_id(&mut self, id: &str, column: &str) -> Result<(), RowError> {
        match &mut self.ids {
            Ids::Hashed(hashes) => {
                hashes.push(hash_id(id));
                Ok(())
            }
            Ids::Checked(set) => set.insert(id, self.row).map_err(|earlier| {
                self.repeated_id = true;
                RowError::at(column, format!("id {id} already used by row {earlier}"))
            }),
        }
    }

    /// Adds a note to the report unless it is there already.
    pub(super) fn note_once(&mut self, note: &str) {
        if !self.report.notes.iter().any(|n| n == note) {
            self.report.notes.push(note.to_owned());
        }
    }
}

/// The header record: its fields (trimmed) and where the body starts.
pub(super) fn read_header(bytes: &[u8], layout: Layout) -> Result<(Vec<String>, usize), String> {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .quoting(layout.quoting)
        .delimiter(layout.delimiter)
        .from_reader(bytes);
    let mut record = ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => return Err("the file is empty".to_owned()),
        Err(err) => return Err(format!("the header line cannot be read: {err}")),
    }
    let end = usize::try_from(reader.position().byte()).unwrap_or(bytes.len());
    if end >= bytes.len() && layout.quoting && ends_inside_quotes(bytes, layout.delimiter) {
        return Err("the header line opens a quote that is never closed".to_owned());
    }
    let headers = record
        .iter()
        .map(|field| {
            std::str::from_utf8(field)
                .map(|name| name.trim().to_owned())
                .map_err(|_| "the header line is not valid UTF-8".to_owned())
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((headers, end.min(bytes.len())))
}

/// Whether `raw`, read from a record boundary, ends inside a quoted field, by the rules of
/// the `csv` crate: a quote opens a field only at its start, and `""` inside is a quote.
pub(super) fn ends_inside_quotes(raw: &[u8], delimiter: u8) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Start,
        Field,
        Quoted,
        QuoteInQuoted,
    }
    let ends_field = |b: u8| b == delimiter || b == b'\n' || b == b'\r';
    let mut state = State::Start;
    for &b in raw {
        state = match state {
            State::Start if b == b'"' => State::Quoted,
            State::Start | State::Field | State::QuoteInQuoted if ends_field(b) => State::Start,
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::Start | State::Field | State::QuoteInQuoted => State::Field,
        };
    }
    state == State::Quoted
}

/// Whether lines end with a lone CR (old Mac files): then lines are counted by CRs.
fn cr_only(bytes: &[u8]) -> bool {
    memchr::memchr(b'\n', bytes).is_none() && memchr::memchr(b'\r', bytes).is_some()
}

#[cfg(test)]
thread_local! {
    /// How the last two-thread read went: 0 both halves kept, 1 the second half read again,
    /// 2 the whole body read again. For tests.
    pub(super) static LAST_HALVES: std::cell::Cell<u8> = const { std::cell::Cell::new(u8::MAX) };
}

fn halves_went(_how: u8) {
    #[cfg(test)]
    LAST_HALVES.with(|last| last.set(_how));
}

/// One chunk's result.
#[derive(Debug, Default)]
struct Chunk {
    sink: Sink,
    rows: u64,
    /// The line just after the chunk.
    end_line: u64,
    /// The chunk ended inside a quoted field: the split was not at a record boundary.
    split_inside_quotes: bool,
    full: Option<StoreFull>,
    /// What the second thread read, to be joined after the file's bytes are let go.
    tail: Option<DatasetWriter>,
}

/// Where a chunk is in the file.
#[derive(Clone, Copy)]
struct Place {
    first_line: u64,
    first_row: u64,
    last: bool,
    cr_only: bool,
}

/// Reads the records of one chunk, from a record boundary.
fn parse_chunk<P: RowParser>(
    parser: &P,
    bytes: &[u8],
    layout: Layout,
    place: Place,
    ids: Ids,
    file: &str,
    progress: &Progress,
) -> Chunk {
    let mut sink = Sink {
        writer: DatasetWriter::new(),
        report: ImportReport::new(file),
        ids,
        row: place.first_row,
        repeated_id: false,
    };
    let mut chunk = Chunk::default();
    let mut state = parser.state();
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .quoting(layout.quoting)
        .delimiter(layout.delimiter)
        .buffer_capacity(1 << 16)
        .from_reader(bytes);
    let mut record = ByteRecord::new();
    let expected = parser.fields();
    let (mut previous_start, mut previous_line) = (0usize, place.first_line);
    let mut reported_bytes = 0u64;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                let row = sink.row + 1;
                let reason = format!("unreadable record: {err}");
                sink.report.reject(row, previous_line, None, reason);
                break;
            }
        }
        // The record's position is where the previous one ended; blank lines in between are
        // skipped by the reader but counted here.
        let position = record.position().map_or((0, 1), |p| (p.byte(), p.line()));
        let mut start = usize::try_from(position.0).unwrap_or(bytes.len());
        let mut line = place.first_line + position.1 - 1;
        while let Some(&b) = bytes.get(start) {
            match b {
                b'\n' => line += 1,
                b'\r' => {}
                _ => break,
            }
            start += 1;
        }
        if place.cr_only {
            line = previous_line + count_byte(&bytes[previous_start.min(start)..start], b'\r');
        }
        (previous_start, previous_line) = (start, line);
        let at_end = reader.position().byte() >= bytes.len() as u64;
        let rest = bytes.get(start..).unwrap_or(&[]);
        if at_end && layout.quoting && ends_inside_quotes(rest, layout.delimiter) {
            if place.last {
                sink.row += 1;
                chunk.rows += 1;
                sink.report.rows += 1;
                let reason = "the file ends inside a quoted field: its closing quote is missing, \
                              so this record is incomplete";
                sink.report.reject(sink.row, line, None, reason);
            } else {
                chunk.split_inside_quotes = true;
            }
            break;
        }
        if record.as_slice().iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        sink.row += 1;
        chunk.rows += 1;
        sink.report.rows += 1;
        if record.len() != expected {
            let found = record.len();
            let reason = format!(
                "expected {expected} {} fields, found {found}",
                layout.separated()
            );
            sink.report.reject(sink.row, line, None, reason);
        } else {
            match parser.row(&mut state, &Fields::new(&record), &mut sink) {
                Ok(()) => {}
                Err(RowError::Reject { column, reason }) => {
                    sink.report
                        .reject(sink.row, line, column.as_deref(), reason);
                }
                Err(RowError::Full(full)) => {
                    chunk.full = Some(full);
                    break;
                }
            }
        }
        if chunk.rows.is_multiple_of(PROGRESS_EVERY) {
            let at = reader.position().byte();
            progress.advance(at.saturating_sub(reported_bytes), PROGRESS_EVERY);
            reported_bytes = at;
            if progress.is_cancelled() {
                sink.report.cancelled = true;
                break;
            }
        }
    }
    let at = reader.position();
    progress.advance(
        at.byte().saturating_sub(reported_bytes),
        chunk.rows % PROGRESS_EVERY,
    );
    chunk.end_line = if place.cr_only {
        let rest = bytes.get(previous_start..).unwrap_or(&[]);
        previous_line + count_byte(rest, b'\r')
    } else {
        place.first_line + at.line() - 1
    };
    if let Ids::Hashed(hashes) = &mut sink.ids {
        hashes.sort_unstable();
        sink.repeated_id |= hashes.windows(2).any(|pair| pair[0] == pair[1]);
    }
    chunk.sink = sink;
    chunk
}

/// Where to split `body` in two: just after a line end, outside quotes by the quote count,
/// past any blank lines, near the middle. `None` when there is no such place.
fn find_split(body: &[u8], layout: Layout, cr_only: bool) -> Option<usize> {
    let end_byte = if cr_only { b'\r' } else { b'\n' };
    let middle = body.len() / 2;
    let mut split = if layout.quoting {
        let mut inside = count_byte(&body[..middle], b'"') % 2 == 1;
        let mut at = middle;
        loop {
            let found = at + memchr::memchr2(b'"', end_byte, &body[at..])?;
            if body[found] == b'"' {
                inside = !inside;
            } else if !inside {
                break found + 1;
            }
            at = found + 1;
        }
    } else {
        middle + memchr::memchr(end_byte, &body[middle..])? + 1
    };
    while matches!(body.get(split), Some(b'\r' | b'\n')) {
        split += 1;
    }
    (split < body.len()).then_some(split)
}

/// Reads every record of `bytes[body_start..]` with `parser` and builds the dataset.
/// `parallel_from` is the body size from which two threads are used.
#[allow(clippy::too_many_arguments)]
pub(super) fn run<P: RowParser>(
    parser: &P,
    file: &str,
    format: Format,
    bytes: &[u8],
    body_start: usize,
    layout: Layout,
    progress: &Progress,
    parallel_from: usize,
) -> Parsed {
    let body = bytes.get(body_start..).unwrap_or(&[]);
    let cr_only = cr_only(bytes);
    let end_byte = if cr_only { b'\r' } else { b'\n' };
    let whole = Place {
        first_line: 1 + count_byte(&bytes[..bytes.len() - body.len()], end_byte),
        first_row: 0,
        last: true,
        cr_only,
    };
    let two_cores = std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2);
    let split = if body.len() >= parallel_from && (two_cores || parallel_from == 0) {
        find_split(body, layout, cr_only)
    } else {
        None
    };
    let read = |checked: bool| match split {
        None => parse_chunk(
            parser,
            body,
            layout,
            whole,
            Ids::new(checked),
            file,
            progress,
        ),
        Some(split) => parse_halves(parser, body, split, layout, whole, checked, file, progress),
    };
    let mut chunk = read(false);
    if chunk.sink.repeated_id && chunk.full.is_none() && !chunk.sink.report.cancelled {
        progress.set_bytes(0);
        chunk = read(true);
    }
    let Chunk {
        sink, full, tail, ..
    } = chunk;
    let mut report = sink.report;
    report.file = file.to_owned();
    report.format = Some(format);
    if let Some(full) = full {
        report.error = Some(format!(
            "stopped after {} records: the store is full ({full})",
            report.rows
        ));
    }
    let mut seen = std::collections::HashSet::new();
    report.notes.retain(|note| seen.insert(note.clone()));
    Parsed::read(sink.writer, tail, report)
}

/// Reads the two halves of `body` on two threads and joins them (see the module docs).
#[allow(clippy::too_many_arguments)]
fn parse_halves<P: RowParser>(
    parser: &P,
    body: &[u8],
    split: usize,
    layout: Layout,
    whole: Place,
    checked: bool,
    file: &str,
    progress: &Progress,
) -> Chunk {
    let (head, tail) = body.split_at(split);
    // The second half counts lines from 1; they are shifted when the first half is done.
    let tail_place = Place {
        first_line: 1,
        ..whole
    };
    let head_place = Place {
        last: false,
        ..whole
    };
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| {
            parse_chunk(
                parser,
                tail,
                layout,
                tail_place,
                Ids::new(checked),
                file,
                progress,
            )
        });
        let first = parse_chunk(
            parser,
            head,
            layout,
            head_place,
            Ids::new(checked),
            file,
            progress,
        );
        (first, second.join())
    });
    let second = match second {
        Ok(second) => second,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    if first.split_inside_quotes {
        halves_went(2);
        return parse_chunk(
            parser,
            body,
            layout,
            whole,
            Ids::new(checked),
            file,
            progress,
        );
    }
    let mut first = first;
    if first.full.is_some() || first.sink.report.cancelled {
        return first;
    }
    let ids_meet = match (&first.sink.ids, &second.sink.ids) {
        (Ids::Checked(a), Ids::Checked(b)) => a.overlaps(b),
        (Ids::Hashed(a), Ids::Hashed(b)) => share_any(a, b),
        _ => true,
    };
    let mut second = if checked && (second.sink.repeated_id || ids_meet) {
        halves_went(1);
        let ids = std::mem::take(&mut first.sink.ids);
        let place = Place {
            first_row: first.rows,
            first_line: first.end_line,
            ..whole
        };
        parse_chunk(parser, tail, layout, place, ids, file, progress)
    } else {
        halves_went(0);
        first.sink.repeated_id |= second.sink.repeated_id || ids_meet;
        let mut second = second;
        for rejection in &mut second.sink.report.rejections {
            rejection.row += first.rows;
            rejection.line += first.end_line - 1;
        }
        second
    };
    // Joined in `Parsed::finish`, once the file's bytes are gone.
    first.tail = Some(std::mem::take(&mut second.sink.writer));
    first.sink.report.merge(second.sink.report);
    first.rows += second.rows;
    first.full = second.full;
    first
}
