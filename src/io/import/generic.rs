//! Any other CSV file with latitude, longitude and date columns, read by a [`CsvMapping`].
//!
//! Dates may be `2024-01-20`, `2024/01/20`, `20 January 2024`, ISO date-times with an offset
//! or `Z`, or ISO date-times without one, which are read as UTC (the report says so). Columns
//! the mapping does not name are kept as attributes. The file gives no precision for its
//! places, so points are taken as exact sites.

use super::detect::{CsvMapping, check_text, detect_delimiter, mapping_from_headers};
use super::driver::{Layout, PARALLEL_FROM, RowParser, Sink, read_header, run};
use super::fields::{
    Attributes, Fields, RowError, UTC_NOTE, parse_date, parse_position, without_separators,
};
use super::names::Names;
use super::report::{CsvColumns, Format, ImportReport, Imported, Parsed, Progress};
use crate::model::{EventRow, EventTime, GeoPrecision};

struct Generic {
    mapping: CsvMapping,
    headers: Vec<String>,
    /// (name, column) of the columns kept as attributes.
    attributes: Vec<(String, usize)>,
}

/// Buffers reused from row to row.
#[derive(Default)]
struct State {
    attributes: Attributes,
    id: String,
    names: Names,
}

impl Generic {
    fn name(&self, column: usize) -> &str {
        self.headers.get(column).map_or("", String::as_str)
    }

    fn optional<'r>(
        &self,
        fields: &Fields<'r>,
        column: Option<usize>,
    ) -> Result<&'r str, RowError> {
        let name = column.map_or("", |c| self.name(c));
        fields.opt(column, name)
    }
}

impl RowParser for Generic {
    type State = State;

    fn state(&self) -> State {
        State::default()
    }

    fn fields(&self) -> usize {
        self.headers.len()
    }

    fn row(&self, state: &mut State, fields: &Fields<'_>, sink: &mut Sink) -> Result<(), RowError> {
        let m = &self.mapping;
        let date_name = self.name(m.date);
        let start = parse_date(fields.get(m.date, date_name)?)
            .map_err(|reason| RowError::at(date_name, reason))?;
        let end_text = self.optional(fields, m.end)?;
        let end = if end_text.is_empty() {
            None
        } else {
            let end_name = m.end.map_or("", |c| self.name(c));
            let end = parse_date(end_text).map_err(|reason| RowError::at(end_name, reason))?;
            if end.value.end() < start.value.start() {
                let reason = format!("the end {end_text} is before the start");
                return Err(RowError::at(end_name, reason));
            }
            Some(end)
        };
        let position = parse_position(
            fields.get(m.lat, self.name(m.lat))?,
            fields.get(m.lon, self.name(m.lon))?,
            self.name(m.lat),
            self.name(m.lon),
        )?;
        let title = self.optional(fields, m.title)?;
        let place = self.optional(fields, m.place)?;
        let country = self.optional(fields, m.country)?;
        let kind = self.optional(fields, m.event_type)?;
        let summary = self.optional(fields, m.summary)?;
        let url = self.optional(fields, m.url)?;
        state.attributes.clear(fields.clean());
        for (name, column) in &self.attributes {
            state.attributes.push(name, fields.get(*column, name)?);
        }
        state.id.clear();
        match m.id {
            Some(column) => {
                let id = self.optional(fields, Some(column))?;
                if id.is_empty() {
                    return Err(RowError::at(self.name(column), "the id is empty"));
                }
                state.id.push_str(id);
            }
            None => {
                use std::fmt::Write as _;
                let _ = write!(state.id, "row-{}", sink.row());
            }
        }
        let id_name = m.id.map_or("id", |c| self.name(c));
        sink.claim_id(&state.id, id_name)?;
        if start.assumed_utc || end.as_ref().is_some_and(|e| e.assumed_utc) {
            sink.note_once(UTC_NOTE);
        }
        let row = EventRow {
            id: &state.id,
            title,
            summary,
            place,
            notes: "",
            url,
            attributes: state.attributes.as_str(),
            time: EventTime {
                start: start.value,
                end: end.map(|e| e.value),
                precision: start.precision,
            },
            position,
            geo_precision: GeoPrecision::Site,
            event_type: state.names.event_type(&mut sink.writer, kind),
            country: state.names.country(&mut sink.writer, country),
            sea: 0,
            killed: None,
            injured: None,
        };
        sink.writer.push(&row, &[], &[])?;
        Ok(())
    }
}

/// Reads a CSV file with the columns `mapping` names (from [`super::detect_csv_mapping`] or a
/// person's choice). `bytes` is the whole file; a UTF-8 byte order mark is skipped. The first
/// record is the header.
pub fn import_csv_with_mapping(
    file: &str,
    bytes: &[u8],
    mapping: &CsvMapping,
    progress: &Progress,
) -> Imported {
    parse_with(file, bytes, mapping, progress, PARALLEL_FROM).finish()
}

fn failed(file: &str, reason: String) -> Parsed {
    Parsed::from(Imported {
        dataset: Default::default(),
        report: ImportReport::failed(file, Some(Format::Csv), reason),
    })
}

#[cfg(test)]
fn import_with(
    file: &str,
    bytes: &[u8],
    mapping: &CsvMapping,
    progress: &Progress,
    parallel_from: usize,
) -> Imported {
    parse_with(file, bytes, mapping, progress, parallel_from).finish()
}

/// Reads every row with the columns of `mapping`; [`Parsed::finish`] makes the store.
pub(super) fn parse_with(
    file: &str,
    bytes: &[u8],
    mapping: &CsvMapping,
    progress: &Progress,
    parallel_from: usize,
) -> Parsed {
    let bytes = match check_text(file, bytes) {
        Ok(text) => text,
        Err(reason) => return failed(file, reason),
    };
    progress.set_total_bytes(bytes.len() as u64);
    let layout = Layout {
        delimiter: mapping.delimiter,
        quoting: true,
    };
    let (headers, body_start) = match read_header(bytes, layout) {
        Ok(header) => header,
        Err(reason) => return failed(file, reason),
    };
    let roles = mapping.roles();
    if let Some((role, column)) = roles.iter().find(|(_, column)| *column >= headers.len()) {
        let reason = format!(
            "the {role} column is number {}, but the header has only {} columns",
            column + 1,
            headers.len()
        );
        return failed(file, reason);
    }
    let attributes = headers
        .iter()
        .enumerate()
        .filter(|(i, _)| !roles.iter().any(|(_, c)| c == i))
        .map(|(i, h)| (without_separators(h), i))
        .collect();
    let parser = Generic {
        mapping: mapping.clone(),
        headers,
        attributes,
    };
    run(
        &parser,
        file,
        Format::Csv,
        bytes,
        body_start,
        layout,
        progress,
        parallel_from,
    )
}

/// Reads a CSV file whose columns are found from its header names.
pub(super) fn parse_csv(file: &str, text: &[u8], progress: &Progress) -> Parsed {
    let (delimiter, sure) = detect_delimiter(text);
    let layout = Layout {
        delimiter,
        quoting: true,
    };
    let headers = match read_header(text, layout) {
        Ok((headers, _)) => headers,
        Err(reason) => return failed(file, reason),
    };
    // The columns go with the report either way, so the app can offer to fix the mapping.
    let mut imported = match mapping_from_headers(&headers, delimiter) {
        Ok((mapping, unsure)) => {
            let mut parsed = parse_with(file, text, &mapping, progress, PARALLEL_FROM);
            parsed.report_mut().columns = Some(CsvColumns {
                headers,
                delimiter,
                mapping: Some(mapping),
                unsure: unsure || !sure,
            });
            return parsed;
        }
        Err(reason) => failed(file, reason),
    };
    imported.report_mut().columns = Some(CsvColumns {
        headers,
        delimiter,
        mapping: None,
        unsure: true,
    });
    imported
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateValue, TimePrecision};

    fn import(text: &str) -> Imported {
        parse_csv("events.csv", text.as_bytes(), &Progress::default()).finish()
    }

    #[test]
    fn columns_found_by_name_and_the_rest_kept() {
        let text = "Name;Lat;Lng;When;Casualties\r\n\
                    \"Strike; Jurf al-Sakhar\";32,8;44,1;2024/01/20;4\r\n\
                    Saná'a;15.35;44.2;2024-01-24T02:30:00+03:00;\r\n";
        let imported = import(text);
        assert_eq!(imported.report.outcome(), "loaded", "{:?}", imported.report);
        let d = &imported.dataset;
        let first = d.index_of("row-1").expect("generated id");
        assert_eq!(d.title(first), "Strike; Jurf al-Sakhar");
        let point = d.position(first).expect("located");
        assert_eq!((point.y(), point.x()), (32.8, 44.1));
        assert_eq!(
            d.attributes(first).collect::<Vec<_>>(),
            [("Casualties", "4")]
        );
        let second = d.index_of("row-2").expect("generated id");
        assert_eq!(d.time_precision(second), Some(TimePrecision::Exact));
        assert!(imported.report.notes.is_empty());
    }

    #[test]
    fn date_times_without_offset_are_utc_and_said_once() {
        let text =
            "id,latitude,longitude,datetime\na,1,2,2024-01-20 10:00\nb,1,2,2024-01-20T11:00:00\n";
        let imported = import(text);
        assert_eq!(imported.report.notes, [UTC_NOTE]);
        let d = &imported.dataset;
        let a = d.index_of("a").expect("loaded");
        assert_eq!(
            d.span_of(a).expect("span").0.to_string(),
            "2024-01-20 10:00"
        );
    }

    #[test]
    fn cr_only_line_ends_and_embedded_newlines_keep_line_numbers() {
        let text = "id,lat,lon,date,notes\r1,1,1,2024-01-20,\"a\rb\"\r\r2,95,1,2024-01-20,x\r";
        let imported = import(text);
        assert_eq!(imported.dataset.len(), 1);
        let r = &imported.report.rejections[0];
        assert_eq!((r.row, r.line, r.column.as_deref()), (2, 5, Some("lat")));
        assert_eq!(imported.dataset.summary(0), "a\rb");
    }

    #[test]
    fn quoted_fields_and_accents_survive() {
        let text = "id,lat,lon,date,title\n\"IRQ,1\",34.1,41.1,20 January 2024,\"He said \"\"no\"\",\nthen left\"\n";
        let imported = import(text);
        let d = &imported.dataset;
        let i = d.index_of("IRQ,1").expect("loaded");
        assert_eq!(d.title(i), "He said \"no\",\nthen left");
        assert_eq!(
            d.time(i).expect("time").start,
            DateValue::Day(jiff::civil::date(2024, 1, 20))
        );
    }

    #[test]
    fn mappings_from_the_dialog_are_checked() {
        let text = b"a,b,c\n1,2,2024-01-01\n";
        let mut mapping = mapping_from_headers(&["lat".into(), "lon".into(), "date".into()], b',')
            .expect("mapped")
            .0;
        let imported = import_csv_with_mapping("f", text, &mapping, &Progress::default());
        assert_eq!(imported.dataset.len(), 1);
        mapping.title = Some(7);
        let imported = import_csv_with_mapping("f", text, &mapping, &Progress::default());
        assert!(imported.report.error.expect("fails").contains("number 8"));
    }

    #[test]
    fn two_threads_give_what_one_gives() {
        let mut text = String::from("id,lat,lon,date,notes\n");
        for n in 0..300 {
            text.push_str(&format!(
                "e{n},{},2,2024-01-{:02},\"n{n}\nmore\"\n",
                n % 100,
                n % 28 + 1
            ));
        }
        let one = import_with(
            "f",
            text.as_bytes(),
            &detect_mapping(&text),
            &Progress::default(),
            usize::MAX,
        );
        let two = import_with(
            "f",
            text.as_bytes(),
            &detect_mapping(&text),
            &Progress::default(),
            0,
        );
        assert_eq!(one.report, two.report);
        assert_eq!(one.report.rejected, 27, "latitudes 91 to 99, three times");
        let ids = |i: &Imported| {
            i.dataset
                .indices()
                .map(|n| i.dataset.id(n).to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&one), ids(&two));
    }

    fn detect_mapping(text: &str) -> CsvMapping {
        super::super::detect_csv_mapping(text.as_bytes())
            .expect("mapped")
            .1
    }
}
