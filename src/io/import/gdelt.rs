//! GDELT 2.0 event exports: tab-separated, no header, no quoting, 61 columns per the codebook.
//!
//! `GLOBALEVENTID` is the id, `SQLDATE` the day, `Actor1Name` the initiator and `Actor2Name`
//! the target, `EventCode` the type (kept as text, so `042` keeps its zero), `ActionGeo_*` the
//! place: type 0 is unlocated (never 0,0), 1 a country, 2 and 5 a state or region, 3 and 4 a
//! city. `SOURCEURL` is the event's web address and is cited by its site.

use super::detect::strip_bom;
use super::driver::{Layout, PARALLEL_FROM, RowParser, Sink, run};
use super::fields::{Attributes, Fields, RowError, parse_date, parse_position};
use super::names::Names;
use super::report::{Format, Imported, Parsed, Progress};
use crate::model::{ActorId, DateValue, EventRow, EventTime, GeoPrecision, Role, TimePrecision};

/// The number of columns of a GDELT 2.0 event record.
const FIELDS: usize = 61;

const ID: usize = 0;
const SQLDATE: usize = 1;
const ACTOR1_NAME: usize = 6;
const ACTOR2_NAME: usize = 16;
const EVENT_CODE: usize = 26;
const GEO_TYPE: usize = 51;
const GEO_FULLNAME: usize = 52;
const GEO_COUNTRY: usize = 53;
const GEO_LAT: usize = 56;
const GEO_LONG: usize = 57;
const SOURCE_URL: usize = 60;

/// Columns kept as attributes, with their codebook names.
const ATTRIBUTES: [(usize, &str); 16] = [
    (5, "Actor1Code"),
    (7, "Actor1CountryCode"),
    (15, "Actor2Code"),
    (17, "Actor2CountryCode"),
    (25, "IsRootEvent"),
    (27, "EventBaseCode"),
    (28, "EventRootCode"),
    (29, "QuadClass"),
    (30, "GoldsteinScale"),
    (31, "NumMentions"),
    (32, "NumSources"),
    (33, "NumArticles"),
    (34, "AvgTone"),
    (54, "ActionGeo_ADM1Code"),
    (58, "ActionGeo_FeatureID"),
    (59, "DATEADDED"),
];

struct Gdelt;

/// Buffers reused from row to row.
#[derive(Default)]
struct State {
    attributes: Attributes,
    mentions: Vec<(ActorId, Role)>,
    names: Names,
}

/// The site of a web address: `https://www.example.com:8080/a?b` gives `www.example.com`.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, rest)| rest);
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    &rest[..end]
}

impl RowParser for Gdelt {
    type State = State;

    fn state(&self) -> State {
        State::default()
    }

    fn fields(&self) -> usize {
        FIELDS
    }

    fn row(&self, state: &mut State, fields: &Fields<'_>, sink: &mut Sink) -> Result<(), RowError> {
        let id = fields.get(ID, "GLOBALEVENTID")?;
        if id.is_empty() {
            return Err(RowError::at("GLOBALEVENTID", "the id is empty"));
        }
        let date = fields.get(SQLDATE, "SQLDATE")?;
        let day = match parse_date(date) {
            Ok(parsed) if date.len() == 8 => match parsed.value {
                DateValue::Day(day) => day,
                DateValue::Instant { .. } => return Err(RowError::at("SQLDATE", "not a day")),
            },
            Ok(_) => {
                return Err(RowError::at(
                    "SQLDATE",
                    format!("'{date}' is not a date like 20240120"),
                ));
            }
            Err(reason) => return Err(RowError::at("SQLDATE", reason)),
        };
        let (located, geo_precision) = match fields.get(GEO_TYPE, "ActionGeo_Type")? {
            "" | "0" => (false, GeoPrecision::Country),
            "1" => (true, GeoPrecision::Country),
            "2" | "5" => (true, GeoPrecision::Region),
            "3" | "4" => (true, GeoPrecision::Town),
            other => {
                let reason = format!("ActionGeo_Type must be 0 to 5, not '{other}'");
                return Err(RowError::at("ActionGeo_Type", reason));
            }
        };
        let position = if located {
            parse_position(
                fields.get(GEO_LAT, "ActionGeo_Lat")?,
                fields.get(GEO_LONG, "ActionGeo_Long")?,
                "ActionGeo_Lat",
                "ActionGeo_Long",
            )?
        } else {
            None
        };
        let place = fields.get(GEO_FULLNAME, "ActionGeo_FullName")?;
        let country = fields.get(GEO_COUNTRY, "ActionGeo_CountryCode")?;
        let code = fields.get(EVENT_CODE, "EventCode")?;
        let actor1 = fields.get(ACTOR1_NAME, "Actor1Name")?;
        let actor2 = fields.get(ACTOR2_NAME, "Actor2Name")?;
        let url = fields.get(SOURCE_URL, "SOURCEURL")?;
        state.attributes.clear(fields.clean());
        for (column, name) in ATTRIBUTES {
            state.attributes.push(name, fields.get(column, name)?);
        }
        sink.claim_id(id, "GLOBALEVENTID")?;
        state.mentions.clear();
        if !actor1.is_empty() {
            state.mentions.push((
                state.names.actor(&mut sink.writer, actor1)?,
                Role::Initiator,
            ));
        }
        if !actor2.is_empty() {
            state
                .mentions
                .push((state.names.actor(&mut sink.writer, actor2)?, Role::Target));
        }
        let row = EventRow {
            id,
            title: "",
            summary: "",
            place,
            notes: "",
            url,
            attributes: state.attributes.as_str(),
            time: EventTime {
                start: DateValue::Day(day),
                end: None,
                precision: TimePrecision::Day,
            },
            position,
            geo_precision,
            event_type: state.names.event_type(&mut sink.writer, code),
            country: state.names.country(&mut sink.writer, country),
            sea: 0,
            killed: None,
            injured: None,
        };
        let site = host(url);
        if site.is_empty() {
            sink.writer.push(&row, &state.mentions, &[])?;
        } else {
            let source = state.names.source(&mut sink.writer, site);
            sink.writer.push(&row, &state.mentions, &[(source, "")])?;
        }
        Ok(())
    }
}

/// Reads a GDELT 2.0 events export (see the module docs). A record with other than 61
/// fields is rejected.
pub fn import_gdelt(file: &str, bytes: &[u8], progress: &Progress) -> Imported {
    parse_gdelt(file, bytes, progress, PARALLEL_FROM).finish()
}

#[cfg(test)]
fn import_gdelt_with(
    file: &str,
    bytes: &[u8],
    progress: &Progress,
    parallel_from: usize,
) -> Imported {
    parse_gdelt(file, bytes, progress, parallel_from).finish()
}

/// Reads every record of a GDELT export; [`Parsed::finish`] makes the store.
pub(super) fn parse_gdelt(
    file: &str,
    bytes: &[u8],
    progress: &Progress,
    parallel_from: usize,
) -> Parsed {
    let bytes = strip_bom(bytes);
    progress.set_total_bytes(bytes.len() as u64);
    let layout = Layout {
        delimiter: b'\t',
        quoting: false,
    };
    run(
        &Gdelt,
        file,
        Format::GdeltEvents,
        bytes,
        0,
        layout,
        progress,
        parallel_from,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A GDELT record with the given values in the given columns.
    fn record(values: &[(usize, &str)]) -> String {
        let mut fields = vec![""; FIELDS];
        for &(column, value) in values {
            fields[column] = value;
        }
        fields.join("\t")
    }

    fn strike(id: &str) -> String {
        record(&[
            (ID, id),
            (SQLDATE, "20240120"),
            (ACTOR1_NAME, "UNITED STATES"),
            (ACTOR2_NAME, "KATAIB HEZBOLLAH"),
            (EVENT_CODE, "042"),
            (27, "042"),
            (GEO_TYPE, "4"),
            (GEO_FULLNAME, "Al Qaim, Al Anbar, Iraq"),
            (GEO_COUNTRY, "IZ"),
            (GEO_LAT, "34.3683"),
            (GEO_LONG, "41.0939"),
            (59, "20240120151500"),
            (SOURCE_URL, "https://www.example.com/news/1?x=\"y\""),
        ])
    }

    fn import(text: &str) -> Imported {
        import_gdelt_with(
            "g.CSV",
            text.as_bytes(),
            &Progress::default(),
            PARALLEL_FROM,
        )
    }

    #[test]
    fn a_record_becomes_an_event_with_its_code_as_text() {
        let imported = import(&format!("{}\n", strike("1170000001")));
        assert_eq!(imported.report.outcome(), "loaded", "{:?}", imported.report);
        let d = &imported.dataset;
        let i = d.index_of("1170000001").expect("loaded");
        assert_eq!(d.type_label(i), "042");
        let point = d.position(i).expect("located");
        assert_eq!((point.y(), point.x()), (34.3683, 41.0939));
        assert_eq!(d.geo_precision(i), GeoPrecision::Town);
        assert_eq!(d.country(i), Some("IZ"));
        assert_eq!(d.place(i), "Al Qaim, Al Anbar, Iraq");
        assert_eq!(d.url(i), "https://www.example.com/news/1?x=\"y\"");
        let sources: Vec<&str> = d
            .citations(i)
            .map(|(s, _)| d.sources().get(s).map_or("", |s| s.key.as_str()))
            .collect();
        assert_eq!(sources, ["www.example.com"]);
        let names: Vec<(&str, Role)> = d
            .mentions(i)
            .map(|(a, r)| (d.actors().name(a), r))
            .collect();
        assert_eq!(
            names,
            [
                ("UNITED STATES", Role::Initiator),
                ("KATAIB HEZBOLLAH", Role::Target)
            ]
        );
        assert!(
            d.attributes(i)
                .any(|pair| pair == ("DATEADDED", "20240120151500"))
        );
    }

    #[test]
    fn geo_type_zero_is_unlocated_never_null_island() {
        let row = record(&[
            (ID, "2"),
            (SQLDATE, "20240121"),
            (GEO_TYPE, "0"),
            (GEO_LAT, "0"),
            (GEO_LONG, "0"),
        ]);
        let country = record(&[
            (ID, "3"),
            (SQLDATE, "20240121"),
            (GEO_TYPE, "1"),
            (GEO_LAT, "33"),
            (GEO_LONG, "44"),
        ]);
        let imported = import(&format!("{row}\n{country}\n"));
        let d = &imported.dataset;
        assert_eq!(d.position(d.index_of("2").expect("loaded")), None);
        assert_eq!(
            d.geo_precision(d.index_of("3").expect("loaded")),
            GeoPrecision::Country
        );
    }

    #[test]
    fn records_with_60_or_62_fields_are_rejected() {
        let good = strike("10");
        let short = good.rsplit_once('\t').expect("tabs").0.to_owned();
        let long = format!("{good}\textra");
        let imported = import(&format!("{good}\n{short}\n{long}\n"));
        let r = &imported.report.rejections;
        assert_eq!(imported.dataset.len(), 1);
        assert_eq!(
            (r[0].row, r[0].line, r[0].reason.as_str()),
            (2, 2, "expected 61 tab-separated fields, found 60")
        );
        assert_eq!(
            (r[1].row, r[1].reason.as_str()),
            (3, "expected 61 tab-separated fields, found 62")
        );
    }

    #[test]
    fn bad_dates_and_coordinates_are_rejected() {
        let month13 = strike("20").replace("20240120\t", "20241320\t");
        let lat = strike("21").replace("34.3683", "95");
        let imported = import(&format!("{month13}\n{lat}\n"));
        let r = &imported.report.rejections;
        assert_eq!(r[0].column.as_deref(), Some("SQLDATE"));
        assert!(r[0].reason.contains("month 13"), "{}", r[0].reason);
        assert_eq!(r[1].column.as_deref(), Some("ActionGeo_Lat"));
    }

    #[test]
    fn two_threads_give_what_one_gives() {
        let text: String = (0..300)
            .map(|n| format!("{}\n", strike(&n.to_string())))
            .collect();
        let one = import_gdelt_with("g", text.as_bytes(), &Progress::default(), usize::MAX);
        let two = import_gdelt_with("g", text.as_bytes(), &Progress::default(), 0);
        assert_eq!(one.report, two.report);
        assert_eq!(one.dataset.len(), 300);
        let ids = |i: &Imported| {
            i.dataset
                .indices()
                .map(|n| i.dataset.id(n).to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&one), ids(&two));
    }
}
