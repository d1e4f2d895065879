//! ACLED CSV exports, read by their documented column names in any order.
//!
//! `event_id_cnty` is the id; `event_date` (`2024-01-20` or the older `20 January 2024`) the
//! day, known to a day, week or month by `time_precision` 1, 2 or 3 (a week or month keeps
//! the coded day as its start and says how precise it is); `sub_event_type` the type;
//! `actor1` and `assoc_actor_1` the initiators and `actor2` and `assoc_actor_2` the targets
//! (associated actors are separated by `;`); `fatalities` the killed; `location` the place
//! and `geo_precision` 1 a town, 2 or 3 a region (a country when the location is the
//! country). `source` is cited with `notes` as its words. The other columns are kept as
//! attributes.

use super::detect::{detect_delimiter, strip_bom};
use super::driver::{Layout, PARALLEL_FROM, RowParser, Sink, read_header, run};
use super::fields::{
    Attributes, Fields, RowError, parse_count, parse_date, parse_position, without_separators,
};
use super::names::Names;
use super::report::{Format, ImportReport, Imported, Parsed, Progress};
use crate::model::{
    ActorId, DateValue, EventRow, EventTime, GeoPrecision, Role, SourceId, TimePrecision,
};

/// Columns read into the store's own fields; every other column becomes an attribute.
const MAPPED: [&str; 16] = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "year",
];

/// Where each ACLED column is in this file.
#[derive(Debug)]
struct Columns {
    id: usize,
    date: usize,
    latitude: usize,
    longitude: usize,
    time_precision: Option<usize>,
    sub_event_type: Option<usize>,
    event_type: Option<usize>,
    actor1: Option<usize>,
    assoc_actor_1: Option<usize>,
    actor2: Option<usize>,
    assoc_actor_2: Option<usize>,
    location: Option<usize>,
    country: Option<usize>,
    geo_precision: Option<usize>,
    source: Option<usize>,
    notes: Option<usize>,
    fatalities: Option<usize>,
    /// (name, column) of every column kept as an attribute, in file order.
    attributes: Vec<(String, usize)>,
    count: usize,
}

impl Columns {
    fn find(headers: &[String]) -> Result<Self, String> {
        let find = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
        let need = |name: &str| {
            find(name).ok_or_else(|| {
                format!(
                    "this looks like an ACLED export but has no '{name}' column; the header has: {}",
                    headers.join(", ")
                )
            })
        };
        let attributes = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| !MAPPED.iter().any(|m| h.eq_ignore_ascii_case(m)))
            .map(|(i, h)| (without_separators(&h.to_ascii_lowercase()), i))
            .collect();
        Ok(Columns {
            id: need("event_id_cnty")?,
            date: need("event_date")?,
            latitude: need("latitude")?,
            longitude: need("longitude")?,
            time_precision: find("time_precision"),
            sub_event_type: find("sub_event_type"),
            event_type: find("event_type"),
            actor1: find("actor1"),
            assoc_actor_1: find("assoc_actor_1"),
            actor2: find("actor2"),
            assoc_actor_2: find("assoc_actor_2"),
            location: find("location"),
            country: find("country"),
            geo_precision: find("geo_precision"),
            source: find("source"),
            notes: find("notes"),
            fatalities: find("fatalities"),
            attributes,
            count: headers.len(),
        })
    }
}

struct Acled {
    columns: Columns,
}

/// Buffers reused from row to row.
#[derive(Default)]
struct State {
    attributes: Attributes,
    mentions: Vec<(ActorId, Role)>,
    /// `assoc_actor_1` and `assoc_actor_2`: on their side, but not its main actor.
    associates: Vec<(ActorId, Role)>,
    names: Names,
}

/// Interns the actors named in `list` (one actor, or several separated by `;`).
fn mention(
    sink: &mut Sink,
    names: &mut Names,
    out: &mut Vec<(ActorId, Role)>,
    list: &str,
    role: Role,
) -> Result<(), RowError> {
    let mut rest = list;
    while !rest.is_empty() {
        let (name, next) = match memchr::memchr(b';', rest.as_bytes()) {
            Some(at) => (&rest[..at], &rest[at + 1..]),
            None => (rest, ""),
        };
        let name = name.trim_ascii();
        if !name.is_empty() {
            let actor = names.actor(&mut sink.writer, name)?;
            out.push((actor, role));
        }
        rest = next;
    }
    Ok(())
}

impl RowParser for Acled {
    type State = State;

    fn state(&self) -> State {
        State::default()
    }

    fn fields(&self) -> usize {
        self.columns.count
    }

    fn row(&self, state: &mut State, fields: &Fields<'_>, sink: &mut Sink) -> Result<(), RowError> {
        let c = &self.columns;
        let id = fields.get(c.id, "event_id_cnty")?;
        if id.is_empty() {
            return Err(RowError::at("event_id_cnty", "the id is empty"));
        }
        let date = parse_date(fields.get(c.date, "event_date")?)
            .map_err(|reason| RowError::at("event_date", reason))?;
        let DateValue::Day(day) = date.value else {
            return Err(RowError::at(
                "event_date",
                "ACLED dates are days, not date-times",
            ));
        };
        let precision = match fields.opt(c.time_precision, "time_precision")? {
            "" | "1" => TimePrecision::Day,
            "2" => TimePrecision::Week,
            "3" => TimePrecision::Month,
            other => {
                let reason = format!("time_precision must be 1, 2 or 3, not '{other}'");
                return Err(RowError::at("time_precision", reason));
            }
        };
        let position = parse_position(
            fields.get(c.latitude, "latitude")?,
            fields.get(c.longitude, "longitude")?,
            "latitude",
            "longitude",
        )?;
        let location = fields.opt(c.location, "location")?;
        let country = fields.opt(c.country, "country")?;
        let geo_precision = match fields.opt(c.geo_precision, "geo_precision")? {
            _ if !location.is_empty() && location == country => GeoPrecision::Country,
            "" | "1" => GeoPrecision::Town,
            "2" | "3" => GeoPrecision::Region,
            other => {
                let reason = format!("geo_precision must be 1, 2 or 3, not '{other}'");
                return Err(RowError::at("geo_precision", reason));
            }
        };
        let killed = parse_count(fields.opt(c.fatalities, "fatalities")?, "fatalities")?;
        let sub_event_type = fields.opt(c.sub_event_type, "sub_event_type")?;
        let event_type = fields.opt(c.event_type, "event_type")?;
        // (names, role, whether only associated with the side)
        let actors = [
            (fields.opt(c.actor1, "actor1")?, Role::Initiator, false),
            (
                fields.opt(c.assoc_actor_1, "assoc_actor_1")?,
                Role::Initiator,
                true,
            ),
            (fields.opt(c.actor2, "actor2")?, Role::Target, false),
            (
                fields.opt(c.assoc_actor_2, "assoc_actor_2")?,
                Role::Target,
                true,
            ),
        ];
        let source = fields.opt(c.source, "source")?;
        let notes = fields.opt(c.notes, "notes")?;
        state.attributes.clear(fields.clean());
        for (name, column) in &c.attributes {
            state.attributes.push(name, fields.get(*column, name)?);
        }
        // Everything is valid: only now are the id claimed and the names interned, so a
        // rejected row leaves no trace in the vocabularies.
        sink.claim_id(id, "event_id_cnty")?;
        state.mentions.clear();
        state.associates.clear();
        for (list, role, associated) in actors {
            let out = if associated {
                &mut state.associates
            } else {
                &mut state.mentions
            };
            mention(sink, &mut state.names, out, list, role)?;
        }
        let kind = if sub_event_type.is_empty() {
            event_type
        } else {
            sub_event_type
        };
        let row = EventRow {
            id,
            title: "",
            summary: "",
            place: location,
            notes: "",
            url: "",
            attributes: state.attributes.as_str(),
            time: EventTime {
                start: DateValue::Day(day),
                end: None,
                precision,
            },
            position,
            geo_precision,
            event_type: state.names.event_type(&mut sink.writer, kind),
            country: state.names.country(&mut sink.writer, country),
            sea: 0,
            killed,
            injured: None,
        };
        let source = (!source.is_empty()).then(|| state.names.source(&mut sink.writer, source));
        let citation: &[(SourceId, &str)] = match &source {
            Some(source) => &[(*source, notes)],
            None => &[],
        };
        sink.writer
            .push_with_associates(&row, &state.mentions, &state.associates, citation)?;
        Ok(())
    }
}

/// Reads an ACLED CSV export (see the module docs).
pub fn import_acled(file: &str, bytes: &[u8], progress: &Progress) -> Imported {
    parse_acled(file, bytes, progress, PARALLEL_FROM).finish()
}

#[cfg(test)]
fn import_acled_with(
    file: &str,
    bytes: &[u8],
    progress: &Progress,
    parallel_from: usize,
) -> Imported {
    parse_acled(file, bytes, progress, parallel_from).finish()
}

/// Reads every row of an ACLED export; [`Parsed::finish`] makes the store.
pub(super) fn parse_acled(
    file: &str,
    bytes: &[u8],
    progress: &Progress,
    parallel_from: usize,
) -> Parsed {
    let bytes = strip_bom(bytes);
    progress.set_total_bytes(bytes.len() as u64);
    let failed = |reason: String| {
        Parsed::from(Imported {
            dataset: Default::default(),
            report: ImportReport::failed(file, Some(Format::AcledCsv), reason),
        })
    };
    let (delimiter, _) = detect_delimiter(bytes);
    let layout = Layout {
        delimiter,
        quoting: true,
    };
    let (headers, body_start) = match read_header(bytes, layout) {
        Ok(header) => header,
        Err(reason) => return failed(reason),
    };
    let columns = match Columns::find(&headers) {
        Ok(columns) => columns,
        Err(reason) => return failed(reason),
    };
    let parser = Acled { columns };
    run(
        &parser,
        file,
        Format::AcledCsv,
        bytes,
        body_start,
        layout,
        progress,
        parallel_from,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dataset;

    const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,\
        sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,\
        civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,\
        geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

    /// One ACLED row with the given id, date, coordinates and notes.
    fn row(id: &str, date: &str, lat: &str, lon: &str, notes: &str) -> String {
        format!(
            "{id},{date},2024,1,Political violence,Explosions/Remote violence,Air/drone strike,\
             Military Forces of the United States (2021-),,8,\"Islamic Resistance in Iraq\",\
             Kataib Hezbollah; Harakat al-Nujaba,2,28,,368,Middle East,Iraq,Al Anbar,Al Qaim,,\
             القائم,{lat},{lon},1,Shafaq News,National,\"{notes}\",3,,1706000000\n"
        )
    }

    fn import(text: &str) -> Imported {
        import_acled_with(
            "acled.csv",
            text.as_bytes(),
            &Progress::default(),
            PARALLEL_FROM,
        )
    }

    fn ids(dataset: &Dataset) -> Vec<&str> {
        dataset.indices().map(|i| dataset.id(i)).collect()
    }

    #[test]
    fn a_row_becomes_an_event_with_actors_source_and_attributes() {
        let text = format!(
            "{HEADER}\n{}",
            row(
                "IRQ123",
                "2024-01-20",
                "34.38",
                "41.12",
                "Strike, \"\"late\"\" at night"
            )
        );
        let imported = import(&text);
        assert_eq!(imported.report.outcome(), "loaded", "{:?}", imported.report);
        let d = &imported.dataset;
        let i = d.index_of("IRQ123").expect("loaded");
        let point = d.position(i).expect("located");
        assert_eq!((point.y(), point.x()), (34.38, 41.12));
        assert_eq!(d.killed(i), Some(3));
        assert_eq!(d.type_label(i), "Air/drone strike");
        assert_eq!(d.place(i), "القائم");
        assert_eq!(d.title(i), "Air/drone strike · القائم");
        assert_eq!(d.country(i), Some("Iraq"));
        assert_eq!(d.geo_precision(i), GeoPrecision::Town);
        assert_eq!(d.time_precision(i), Some(TimePrecision::Day));
        let names: Vec<(&str, Role)> = d
            .mentions(i)
            .map(|(a, r)| (d.actors().name(a), r))
            .collect();
        assert_eq!(
            names,
            [
                (
                    "Military Forces of the United States (2021-)",
                    Role::Initiator
                ),
                ("Islamic Resistance in Iraq", Role::Target),
                ("Kataib Hezbollah", Role::Target),
                ("Harakat al-Nujaba", Role::Target),
            ]
        );
        let citations: Vec<(String, &str)> = d
            .citations(i)
            .map(|(s, q)| {
                (
                    d.sources()
                        .get(s)
                        .map(|s| s.key.clone())
                        .unwrap_or_default(),
                    q,
                )
            })
            .collect();
        assert_eq!(
            citations,
            [("Shafaq News".to_owned(), "Strike, \"late\" at night")]
        );
        let attributes: Vec<(&str, &str)> = d.attributes(i).collect();
        assert!(
            attributes.contains(&("admin1", "Al Anbar")),
            "{attributes:?}"
        );
        assert!(attributes.contains(&("event_type", "Explosions/Remote violence")));
        assert!(
            !attributes
                .iter()
                .any(|(k, _)| *k == "admin3" || *k == "notes")
        );
    }

    #[test]
    fn bom_crlf_old_dates_and_columns_in_another_order() {
        let text = "\u{feff}latitude,notes,event_date,longitude,event_id_cnty,location\r\n\
                    15.35,\"Houthi forces, again\r\nin Sana'a\",20 January 2024,44.2,YEM1,Saná'a\r\n\
                    \r\n\
                    ,,21-Jan-2024,,YEM2,\r\n";
        let imported = import(text);
        assert_eq!(imported.report.outcome(), "loaded", "{:?}", imported.report);
        assert_eq!(imported.report.rows, 2);
        let d = &imported.dataset;
        let first = d.index_of("YEM1").expect("loaded");
        assert_eq!(d.place(first), "Saná'a");
        assert_eq!(
            d.time(first).expect("time").start,
            DateValue::Day(jiff::civil::date(2024, 1, 20))
        );
        let second = d.index_of("YEM2").expect("loaded");
        assert_eq!(d.position(second), None, "no coordinates: unlocated");
        assert_eq!(ids(d), ["YEM1", "YEM2"]);
    }

    #[test]
    fn bad_rows_are_rejected_with_row_line_column_and_reason() {
        let rows = [
            row("A1", "2024-13-01", "1", "1", "month 13"),
            row("A2", "2024-01-00", "1", "1", "day 0"),
            row("A3", "2024-01-20", "95", "1", "lat 95"),
            row("A4", "2024-01-20", "1", "200", "lon 200"),
            row("A5", "2024-01-20", "", "1", "half"),
            row("A6", "2024-01-20", "1", "1", "fine"),
            row("A6", "2024-01-21", "1", "1", "again"),
        ];
        let imported = import(&format!("{HEADER}\n{}", rows.concat()));
        let report = &imported.report;
        assert_eq!((report.rows, report.rejected), (7, 6));
        assert_eq!(report.outcome(), "partial");
        let r = &report.rejections;
        assert_eq!(
            (r[0].row, r[0].line, r[0].column.as_deref()),
            (1, 2, Some("event_date"))
        );
        assert!(r[0].reason.contains("month 13"), "{}", r[0].reason);
        assert!(r[1].reason.contains("day 0"), "{}", r[1].reason);
        assert_eq!(r[2].column.as_deref(), Some("latitude"));
        assert_eq!(r[3].column.as_deref(), Some("longitude"));
        assert_eq!((r[4].row, r[4].column.as_deref()), (5, Some("latitude")));
        assert_eq!((r[5].row, r[5].line), (7, 8));
        assert_eq!(r[5].reason, "id A6 already used by row 6");
        assert_eq!(imported.dataset.len(), 1);
    }

    #[test]
    fn truncated_files_lose_only_the_last_row() {
        let full = format!(
            "{HEADER}\n{}{}",
            row("B1", "2024-01-20", "1", "1", "ok"),
            row("B2", "2024-01-20", "1", "1", "cut")
        );
        let in_notes = &full[..full.rfind("\"cut").expect("notes") + 3];
        let imported = import(in_notes);
        assert_eq!((imported.dataset.len(), imported.report.rejected), (1, 1));
        assert!(
            imported.report.rejections[0].reason.contains("quote"),
            "{:?}",
            imported.report
        );
        assert_eq!(imported.report.rejections[0].line, 3);
        let mid_row = &full[..full.rfind("Shafaq").expect("source")];
        let imported = import(mid_row);
        assert_eq!((imported.dataset.len(), imported.report.rejected), (1, 1));
        assert!(
            imported.report.rejections[0]
                .reason
                .starts_with("expected 31 comma-separated fields")
        );
    }

    #[test]
    fn a_header_only_file_loads_nothing_and_says_loaded() {
        let imported = import(&format!("{HEADER}\n"));
        assert_eq!((imported.dataset.len(), imported.report.rows), (0, 0));
        assert_eq!(imported.report.outcome(), "loaded");
        let missing = import("event_id_cnty,event_date,latitude\n");
        assert!(
            missing
                .report
                .error
                .expect("fails")
                .contains("no 'longitude' column")
        );
    }

    #[test]
    fn invalid_utf8_in_a_row_rejects_that_row() {
        let mut bytes = format!("{HEADER}\n").into_bytes();
        bytes.extend(row("C1", "2024-01-20", "1", "1", "caf\u{e9}").bytes());
        let bad = row("C2", "2024-01-20", "1", "1", "caf_").into_bytes();
        let at = bad.iter().position(|&b| b == b'_').expect("marker");
        bytes.extend(&bad[..at]);
        bytes.push(0xE9);
        bytes.extend(&bad[at + 1..]);
        let imported = import_acled_with("a.csv", &bytes, &Progress::default(), PARALLEL_FROM);
        assert_eq!(imported.dataset.len(), 1);
        assert_eq!(
            imported.report.rejections[0].reason,
            "invalid UTF-8 in column notes"
        );
    }

    /// A file whose notes have line breaks everywhere, so the middle of the file falls inside
    /// one; `repeat` repeats an id of the first half in the second, `stray` puts a lone quote
    /// inside an unquoted field, which misleads the quote count.
    fn many_rows(repeat: bool, stray: bool) -> String {
        let mut text = format!("{HEADER}\n");
        for n in 0..400 {
            let notes = format!("Report {n},\nline two\r\n\nline \"\"four\"\"");
            let lat = if n == 7 { "95" } else { "33.3" };
            let id = if repeat && n == 350 {
                "IRQ5".to_owned()
            } else {
                format!("IRQ{n}")
            };
            let mut line = row(&id, "2024-01-20", lat, "44.4", &notes);
            if stray && n == 3 {
                line = line.replace("Al Qaim", "Al \"Qaim");
            }
            text.push_str(&line);
            if n % 50 == 0 {
                text.push('\n');
            }
        }
        text
    }

    #[test]
    fn two_threads_give_exactly_what_one_gives() {
        for (repeat, stray) in [(false, false), (true, false), (false, true)] {
            let text = many_rows(repeat, stray);
            let one = import_acled_with("a.csv", text.as_bytes(), &Progress::default(), usize::MAX);
            let two = import_acled_with("a.csv", text.as_bytes(), &Progress::default(), 0);
            let how = super::super::driver::LAST_HALVES.with(std::cell::Cell::get);
            assert_eq!(
                how,
                if stray { 2 } else { u8::from(repeat) },
                "{repeat} {stray}"
            );
            assert_eq!(one.report, two.report);
            assert_eq!(one.report.rows, 400);
            assert_eq!(one.report.rejected, 1 + u64::from(repeat));
            assert_eq!(one.report.rejections[0].row, 8);
            if repeat {
                assert_eq!(
                    one.report.rejections[1].reason,
                    "id IRQ5 already used by row 6"
                );
                assert_eq!(one.report.rejections[1].row, 351);
            }
            assert_eq!(ids(&one.dataset), ids(&two.dataset));
            assert_eq!(one.dataset.len(), 399 - usize::from(repeat));
            let (a, b) = (&one.dataset, &two.dataset);
            let last = a.index_of("IRQ399").expect("loaded");
            assert_eq!(
                a.citations(last).collect::<Vec<_>>(),
                b.citations(last).collect::<Vec<_>>()
            );
            let actors = |d: &Dataset| {
                d.actors()
                    .iter()
                    .map(|(_, a)| a.key.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(actors(a), actors(b));
            let attributes = |d: &Dataset| {
                d.indices()
                    .flat_map(|i| {
                        d.attributes(i)
                            .map(|(k, v)| format!("{k}={v}"))
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(attributes(a), attributes(b));
        }
    }
}
