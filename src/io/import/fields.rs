//! Helpers shared by the CSV importers: reading a field as text, dates, coordinates, counts
//! and the `name\u{1f}value\u{1e}` attribute text.

use csv::ByteRecord;
use geo::Point;
use jiff::{civil, tz::TimeZone};

use crate::model::{DateValue, StoreFull, TimePrecision};

/// Why one record is not loaded, or why loading has to stop.
#[derive(Debug)]
pub(super) enum RowError {
    /// The record is rejected; the others go on.
    Reject {
        /// The column at fault, when one is.
        column: Option<String>,
        /// What is wrong.
        reason: String,
    },
    /// The store cannot take more rows: loading stops.
    Full(StoreFull),
}

impl RowError {
    /// A rejection blamed on `column`.
    pub(super) fn at(column: &str, reason: impl Into<String>) -> Self {
        RowError::Reject {
            column: Some(column.to_owned()),
            reason: reason.into(),
        }
    }
}

impl From<StoreFull> for RowError {
    fn from(full: StoreFull) -> Self {
        RowError::Full(full)
    }
}

/// The fields of one record as text. The record is checked for UTF-8 once, and a field is
/// then a slice of it; only a record that fails is checked field by field, to name the
/// column at fault.
pub(super) struct Fields<'r> {
    record: &'r ByteRecord,
    text: Option<&'r str>,
    clean: bool,
}

impl<'r> Fields<'r> {
    /// The fields of `record`.
    pub(super) fn new(record: &'r ByteRecord) -> Self {
        let bytes = record.as_slice();
        Fields {
            record,
            text: std::str::from_utf8(bytes).ok(),
            clean: memchr::memchr2(0x1e, 0x1f, bytes).is_none(),
        }
    }

    /// Field `index` without surrounding ASCII white space (`""` when the record has no such
    /// field); invalid UTF-8 rejects the record, naming the column.
    pub(super) fn get(&self, index: usize, name: &str) -> Result<&'r str, RowError> {
        let range = self.record.range(index).unwrap_or(0..0);
        let field = match self.text.and_then(|text| text.get(range)) {
            Some(field) => field,
            None => std::str::from_utf8(self.record.get(index).unwrap_or(b""))
                .map_err(|_| RowError::at(name, format!("invalid UTF-8 in column {name}")))?,
        };
        Ok(field.trim_ascii())
    }

    /// [`Self::get`] for a column the file may not have: `""` when it has not.
    pub(super) fn opt(&self, index: Option<usize>, name: &str) -> Result<&'r str, RowError> {
        match index {
            Some(index) => self.get(index, name),
            None => Ok(""),
        }
    }

    /// Whether no field holds the separators of the attribute text (U+001E, U+001F).
    pub(super) fn clean(&self) -> bool {
        self.clean
    }
}

/// A date read from a file, with how precisely it is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ParsedDate {
    pub value: DateValue,
    pub precision: TimePrecision,
    /// A date-time without an offset, read as UTC.
    pub assumed_utc: bool,
}

/// The note a report gets, once, when date-times without an offset were read as UTC.
pub(super) const UTC_NOTE: &str =
    "date-times without a UTC offset were read as UTC (add Z or +03:00 to say otherwise)";

/// Month names, lower case, for dates written as `20 January 2024`.
pub(super) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The value of a run of ASCII digits, `None` if anything else is there.
fn number(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

/// A calendar day, checked: month 13 or day 0 is an error, never rolled over.
pub(super) fn calendar_day(
    text: &str,
    year: u32,
    month: u32,
    day: u32,
) -> Result<civil::Date, String> {
    if !(1..=12).contains(&month) {
        return Err(format!(
            "'{text}' has month {month}; months run from 1 to 12"
        ));
    }
    let date = i16::try_from(year)
        .ok()
        .zip(i8::try_from(day).ok())
        .and_then(|(y, d)| civil::Date::new(y, month as i8, d).ok());
    date.ok_or_else(|| {
        format!("'{text}' has day {day}, which month {month} of {year} does not have")
    })
}

/// `20 January 2024`, `20-Jan-2024`, `20 Sept 2024`.
fn day_month_year(text: &str) -> Option<Result<civil::Date, String>> {
    let mut parts = text.split([' ', '-']).filter(|part| !part.is_empty());
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    let (day, year) = (number(day.as_bytes())?, number(year.as_bytes())?);
    let month = month.trim_end_matches([',', '.']).to_ascii_lowercase();
    let index = MONTHS.iter().position(|name| {
        *name == month
            || (month.len() == 3 && name.starts_with(&month))
            || month == "sept" && *name == "september"
    })?;
    Some(calendar_day(text, year, index as u32 + 1, day))
}

/// Parses the dates the CSV formats use: `2024-01-20`, `2024/01/20`, `20240120`,
/// `20 January 2024`, ISO date-times with an offset or `Z`, ISO date-times without one (read
/// as UTC), and Unix seconds (9 or 10 digits).
pub(super) fn parse_date(text: &str) -> Result<ParsedDate, String> {
    let text = text.trim_ascii();
    let b = text.as_bytes();
    let day = |date: civil::Date| ParsedDate {
        value: DateValue::Day(date),
        precision: TimePrecision::Day,
        assumed_utc: false,
    };
    if text.is_empty() {
        return Err("the date is empty".to_owned());
    }
    if b.len() == 10
        && ((b[4] == b'-' && b[7] == b'-') || (b[4] == b'/' && b[7] == b'/'))
        && let (Some(y), Some(m), Some(d)) = (number(&b[..4]), number(&b[5..7]), number(&b[8..]))
    {
        return calendar_day(text, y, m, d).map(day);
    }
    if b.len() == 8
        && let (Some(y), Some(m), Some(d)) = (number(&b[..4]), number(&b[4..6]), number(&b[6..]))
    {
        return calendar_day(text, y, m, d).map(day);
    }
    if b.len() > 10 && b[4] == b'-' && b[7] == b'-' && matches!(b[10], b'T' | b't' | b' ') {
        return date_time(text);
    }
    if matches!(b.len(), 9 | 10)
        && b.iter().all(u8::is_ascii_digit)
        && let Ok(seconds) = text.parse::<i64>()
    {
        let timestamp =
            jiff::Timestamp::from_second(seconds).map_err(|err| format!("'{text}': {err}"))?;
        let local = timestamp.to_zoned(TimeZone::UTC).datetime();
        return Ok(ParsedDate {
            value: DateValue::Instant { timestamp, local },
            precision: TimePrecision::Exact,
            assumed_utc: false,
        });
    }
    match day_month_year(text) {
        Some(result) => result.map(day),
        None => Err(format!(
            "'{text}' is not a date (expected 2024-01-20, 2024/01/20, 20 January 2024 or \
             2024-01-24T02:30:00+03:00)"
        )),
    }
}

/// An ISO date-time (`T` or a space between date and time), with or without an offset.
fn date_time(text: &str) -> Result<ParsedDate, String> {
    let mut buffer = [0u8; 64];
    let bytes = text.as_bytes();
    let Some(slot) = buffer.get_mut(..bytes.len()) else {
        return Err(format!("'{text}' is not a date-time"));
    };
    slot.copy_from_slice(bytes);
    slot[10] = b'T';
    let normal = std::str::from_utf8(slot).map_err(|_| format!("'{text}' is not a date-time"))?;
    let clock = &normal[11..];
    let has_offset = clock.ends_with(['Z', 'z']) || clock.contains(['+', '-']);
    if has_offset {
        let value = DateValue::parse(normal).map_err(|_| {
            format!("'{text}' is not a valid date-time like 2024-01-24T02:30:00+03:00")
        })?;
        return Ok(ParsedDate {
            value,
            precision: TimePrecision::Exact,
            assumed_utc: false,
        });
    }
    let local: civil::DateTime = normal
        .parse()
        .map_err(|_| format!("'{text}' is not a valid date-time like 2024-01-24T02:30:00"))?;
    let timestamp = local
        .to_zoned(TimeZone::UTC)
        .map_err(|err| format!("'{text}': {err}"))?
        .timestamp();
    Ok(ParsedDate {
        value: DateValue::Instant { timestamp, local },
        precision: TimePrecision::Exact,
        assumed_utc: true,
    })
}

/// One coordinate: finite and within `-limit..=limit`, never wrapped. A decimal comma
/// (`33,5`) is read as a point.
fn coordinate(text: &str, what: &str, limit: f64) -> Result<f64, String> {
    let value = match text.parse::<f64>() {
        Ok(value) => value,
        Err(_) if text.matches(',').count() == 1 => text
            .replacen(',', ".", 1)
            .parse::<f64>()
            .map_err(|_| format!("{what} '{text}' is not a number"))?,
        Err(_) => return Err(format!("{what} '{text}' is not a number")),
    };
    if !value.is_finite() {
        return Err(format!("{what} '{text}' is not a finite number"));
    }
    if value.abs() > limit {
        return Err(format!("{what} {text} is outside -{limit}..{limit}"));
    }
    Ok(value)
}

/// The point of a record: `None` when both coordinates are empty; an error when only one
/// is, or when either is not a number in range.
pub(super) fn parse_position(
    lat: &str,
    lon: &str,
    lat_name: &str,
    lon_name: &str,
) -> Result<Option<Point<f64>>, RowError> {
    let (lat, lon) = (lat.trim_ascii(), lon.trim_ascii());
    match (lat.is_empty(), lon.is_empty()) {
        (true, true) => Ok(None),
        (true, false) => Err(RowError::at(
            lat_name,
            "the latitude is empty but the longitude is not",
        )),
        (false, true) => Err(RowError::at(
            lon_name,
            "the longitude is empty but the latitude is not",
        )),
        (false, false) => {
            let y = coordinate(lat, "latitude", 90.0).map_err(|r| RowError::at(lat_name, r))?;
            let x = coordinate(lon, "longitude", 180.0).map_err(|r| RowError::at(lon_name, r))?;
            Ok(Some(Point::new(x, y)))
        }
    }
}

/// A count of people: empty is `None`; it must be a whole number, not negative.
pub(super) fn parse_count(text: &str, name: &str) -> Result<Option<u32>, RowError> {
    let text = text.trim_ascii();
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(n) = text.parse::<u32>()
        && n < u32::MAX
    {
        return Ok(Some(n));
    }
    match text.parse::<f64>() {
        Ok(n) if n.fract() == 0.0 && (0.0..f64::from(u32::MAX)).contains(&n) => Ok(Some(n as u32)),
        Ok(n) if n < 0.0 => Err(RowError::at(
            name,
            format!("{name} cannot be negative ({text})"),
        )),
        _ => Err(RowError::at(
            name,
            format!("{name} '{text}' is not a whole number"),
        )),
    }
}

/// The other fields of a record as `name\u{1f}value\u{1e}` pairs, built in one reused buffer.
#[derive(Debug, Default)]
pub(super) struct Attributes {
    text: String,
    /// The record holds no separator, so values need no cleaning.
    clean: bool,
}

/// `text` without the separators of the attribute text.
pub(super) fn without_separators(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{1e}' | '\u{1f}'))
        .collect()
}

impl Attributes {
    /// Empties the buffer for the next record; `clean` is [`Fields::clean`] of that record.
    pub(super) fn clear(&mut self, clean: bool) {
        self.text.clear();
        self.clean = clean;
    }

    /// Adds a pair, unless the value is empty. `name` must hold no separator (see
    /// [`without_separators`]).
    pub(super) fn push(&mut self, name: &str, value: &str) {
        let value = value.trim_ascii();
        if value.is_empty() {
            return;
        }
        self.text.push_str(name);
        self.text.push('\u{1f}');
        if self.clean {
            self.text.push_str(value);
        } else {
            self.text
                .extend(value.chars().filter(|c| !matches!(c, '\u{1e}' | '\u{1f}')));
        }
        self.text.push('\u{1e}');
    }

    /// The pairs so far.
    pub(super) fn as_str(&self) -> &str {
        &self.text
    }
}

/// How many times `byte` occurs in `haystack`.
pub(super) fn count_byte(haystack: &[u8], byte: u8) -> u64 {
    memchr::memchr_iter(byte, haystack).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day_of(text: &str) -> civil::Date {
        match parse_date(text).expect("a date").value {
            DateValue::Day(date) => date,
            other => panic!("{text}: not a day: {other:?}"),
        }
    }

    #[test]
    fn dates_in_every_accepted_form() {
        let jan20 = civil::date(2024, 1, 20);
        for text in [
            "2024-01-20",
            "2024/01/20",
            "20240120",
            "20 January 2024",
            "20-Jan-2024",
            " 20 january 2024 ",
        ] {
            assert_eq!(day_of(text), jan20, "{text}");
        }
        let instant = parse_date("2024-01-24T02:30:00+03:00").expect("valid");
        assert_eq!(instant.value.start().to_string(), "2024-01-23 23:30");
        assert!(!instant.assumed_utc);
        let naive = parse_date("2024-01-24 02:30").expect("valid");
        assert!(naive.assumed_utc);
        assert_eq!(naive.value.start().to_string(), "2024-01-24 02:30");
        assert_eq!(
            parse_date("2024-01-23 23:30:00Z")
                .expect("valid")
                .value
                .start()
                .to_string(),
            "2024-01-23 23:30"
        );
        let unix = parse_date("1706000000").expect("unix seconds");
        assert_eq!(unix.value.start().to_string(), "2024-01-23 08:53");
    }

    #[test]
    fn impossible_dates_are_rejected_not_rolled_over() {
        let err = parse_date("2024-13-01").expect_err("month 13");
        assert!(err.contains("month 13"), "{err}");
        let err = parse_date("2024-01-00").expect_err("day 0");
        assert!(err.contains("day 0"), "{err}");
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("2024-01-20T25:00:00").is_err(), "hour 25");
        assert!(parse_date("2024-01-20T25:00:00Z").is_err(), "hour 25");
        assert!(parse_date("32 January 2024").is_err());
        assert!(parse_date("January").is_err());
        assert!(parse_date("").is_err());
    }

    #[test]
    fn coordinates_are_checked_not_wrapped() {
        let point = parse_position("33.5", "44,25", "lat", "lon")
            .expect("valid")
            .expect("located");
        assert_eq!((point.y(), point.x()), (33.5, 44.25));
        assert_eq!(
            parse_position("", " ", "lat", "lon").expect("unlocated"),
            None
        );
        for (lat, lon) in [
            ("95", "10"),
            ("10", "200"),
            ("NaN", "1"),
            ("1", "inf"),
            ("", "3"),
            ("x", "3"),
        ] {
            assert!(
                parse_position(lat, lon, "lat", "lon").is_err(),
                "{lat},{lon}"
            );
        }
    }

    #[test]
    fn counts_and_attributes() {
        assert_eq!(parse_count("12", "fatalities").expect("ok"), Some(12));
        assert_eq!(parse_count("3.0", "fatalities").expect("ok"), Some(3));
        assert_eq!(parse_count("", "fatalities").expect("ok"), None);
        assert!(parse_count("-1", "fatalities").is_err());
        assert!(parse_count("two", "fatalities").is_err());
        let mut attributes = Attributes::default();
        attributes.clear(false);
        attributes.push("admin1", "Al Anbar");
        attributes.push("tags", " ");
        attributes.push(&without_separators("odd\u{1e}"), "a\u{1f}b");
        assert_eq!(
            attributes.as_str(),
            "admin1\u{1f}Al Anbar\u{1e}odd\u{1f}ab\u{1e}"
        );
    }
}
