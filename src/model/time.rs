//! Calendar dates, instants and the time axis they share.
//!
//! chronomap keeps calendar dates as calendar dates: an event known to a day is that
//! day, not midnight in some time zone. To put days and instants on one axis, the axis
//! counts seconds on the proleptic Gregorian calendar as if it were UTC; a day occupies
//! `[00:00, 24:00)` of its own date on that axis, and an instant given with an offset is
//! placed at its UTC time. A day is therefore never shifted by a time zone.

use std::fmt;

use jiff::{Timestamp, civil, tz::TimeZone};

/// Seconds in one day.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// A point on chronomap's time axis, in seconds since 1970-01-01 00:00 (see the module docs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimePoint(pub i64);

impl TimePoint {
    /// The start (00:00) of a calendar day.
    pub fn from_date(date: civil::Date) -> Self {
        TimePoint(days_from_civil(date) * SECONDS_PER_DAY)
    }

    /// An instant, placed at its UTC time.
    pub fn from_timestamp(timestamp: Timestamp) -> Self {
        TimePoint(timestamp.as_second())
    }

    /// The calendar date this point falls on.
    pub fn date(self) -> civil::Date {
        self.date_time().date()
    }

    /// The calendar date and clock time this point falls on.
    pub fn date_time(self) -> civil::DateTime {
        let clamped = self
            .0
            .clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
        Timestamp::from_second(clamped)
            .map(|ts| ts.to_zoned(TimeZone::UTC).datetime())
            .unwrap_or_default()
    }

    /// This point moved by a number of seconds, saturating at the ends of the axis.
    #[must_use]
    pub fn plus_seconds(self, seconds: i64) -> Self {
        TimePoint(self.0.saturating_add(seconds))
    }

    /// Seconds as a float, for plotting and sliders.
    pub fn as_f64(self) -> f64 {
        self.0 as f64
    }

    /// The point nearest to a float number of seconds (from a slider or a plot).
    pub fn from_f64(seconds: f64) -> Self {
        // `as` saturates on overflow and maps NaN to 0, which is what a slider needs.
        TimePoint(seconds.round() as i64)
    }
}

impl fmt::Display for TimePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dt = self.date_time();
        if dt.time() == civil::Time::midnight() {
            write!(f, "{}", dt.date())
        } else {
            write!(f, "{} {:02}:{:02}", dt.date(), dt.hour(), dt.minute())
        }
    }
}

/// Days from 1970-01-01 to `date` on the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`): exact, and cheap enough to run for every event of a large file.
fn days_from_civil(date: civil::Date) -> i64 {
    let (year, month, day) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// A date as an article gives it: a calendar day, or an instant with its UTC offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateValue {
    /// A calendar day such as `2024-01-20`.
    Day(civil::Date),
    /// An instant such as `2024-01-24T02:30:00+03:00`; the offset is kept for display.
    Instant {
        /// The instant.
        timestamp: Timestamp,
        /// The clock time at the place, as written.
        local: civil::DateTime,
    },
}

impl DateValue {
    /// Parses an ISO 8601 date (`2024-01-20`) or a date-time with an offset
    /// (`2024-01-24T02:30:00+03:00`, `2024-01-23T23:30:00Z`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if !text.contains('T') {
            return text
                .parse::<civil::Date>()
                .map(DateValue::Day)
                .map_err(|err| format!("'{text}' is not a date like 2024-01-20: {err}"));
        }
        let timestamp: Timestamp = text.parse().map_err(|err| {
            format!(
                "'{text}' is not a date-time with an offset like 2024-01-24T02:30:00+03:00: {err}"
            )
        })?;
        // The clock time as written: a trailing `Z` means UTC; otherwise drop the offset.
        let local = match text.strip_suffix('Z').or_else(|| text.strip_suffix('z')) {
            Some(_) => timestamp.to_zoned(TimeZone::UTC).datetime(),
            None => text
                .parse::<civil::DateTime>()
                .map_err(|err| format!("'{text}': {err}"))?,
        };
        Ok(DateValue::Instant { timestamp, local })
    }

    /// Where the value starts on the time axis.
    pub fn start(&self) -> TimePoint {
        match self {
            DateValue::Day(date) => TimePoint::from_date(*date),
            DateValue::Instant { timestamp, .. } => TimePoint::from_timestamp(*timestamp),
        }
    }

    /// Where the value ends on the time axis: the end of the day for a day, the instant itself
    /// for an instant.
    pub fn end(&self) -> TimePoint {
        match self {
            DateValue::Day(date) => TimePoint::from_date(*date).plus_seconds(SECONDS_PER_DAY),
            DateValue::Instant { timestamp, .. } => TimePoint::from_timestamp(*timestamp),
        }
    }

    /// The value as ISO 8601, as chronomap's files write it: `2024-01-20`, or
    /// `2024-01-24T02:30:00+03:00` with the offset it was given with.
    pub fn to_iso(&self) -> String {
        match self {
            DateValue::Day(date) => date.to_string(),
            DateValue::Instant { local, .. } => {
                let offset_secs = self.offset_secs();
                let sign = if offset_secs < 0 { '-' } else { '+' };
                let abs = offset_secs.abs();
                format!(
                    "{}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
                    local.date(),
                    local.hour(),
                    local.minute(),
                    local.second(),
                    abs / 3600,
                    (abs % 3600) / 60
                )
            }
        }
    }

    /// The UTC offset the value was written with, in seconds; 0 for a day.
    pub fn offset_secs(&self) -> i64 {
        match self {
            DateValue::Day(_) => 0,
            DateValue::Instant { timestamp, local } => local
                .to_zoned(TimeZone::UTC)
                .map(|z| z.timestamp().as_second() - timestamp.as_second())
                .unwrap_or(0),
        }
    }

    /// The calendar date as written.
    pub fn date(&self) -> civil::Date {
        match self {
            DateValue::Day(date) => *date,
            DateValue::Instant { local, .. } => local.date(),
        }
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateValue::Day(date) => write!(f, "{}", date.strftime("%a %-d %b %Y")),
            DateValue::Instant { local, .. } => {
                let offset_secs = self.offset_secs();
                let sign = if offset_secs < 0 { '-' } else { '+' };
                let abs = offset_secs.abs();
                write!(
                    f,
                    "{} {:02}:{:02} (UTC{sign}{:02}:{:02})",
                    local.date().strftime("%a %-d %b %Y"),
                    local.hour(),
                    local.minute(),
                    abs / 3600,
                    (abs % 3600) / 60
                )
            }
        }
    }
}

/// How precisely an event's time is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimePrecision {
    /// Known to the minute or better.
    Exact,
    /// Known to the day.
    Day,
    /// Known to within a week.
    Week,
    /// Known to within a month.
    Month,
    /// Only roughly known ("just days ago", "in recent weeks").
    Approximate,
}

impl TimePrecision {
    /// The name used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            TimePrecision::Exact => "exact",
            TimePrecision::Day => "day",
            TimePrecision::Week => "week",
            TimePrecision::Month => "month",
            TimePrecision::Approximate => "approximate",
        }
    }
}

/// When an event happened: a start, an optional end and how precisely that is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventTime {
    /// The first day or instant.
    pub start: DateValue,
    /// The last day or instant, if the event spans time.
    pub end: Option<DateValue>,
    /// How precisely the time is known.
    pub precision: TimePrecision,
}

impl EventTime {
    /// The span the event covers on the axis, `[start, end)`; never empty for a day.
    pub fn span(&self) -> (TimePoint, TimePoint) {
        let start = self.start.start();
        let end = self
            .end
            .as_ref()
            .map_or_else(|| self.start.end(), DateValue::end);
        (start, end.max(start))
    }
}

impl fmt::Display for EventTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.end {
            Some(end) if *end != self.start => write!(f, "{} – {}", self.start, end),
            _ => write!(f, "{}", self.start),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_its_own_calendar_day_on_the_axis() {
        let day = DateValue::parse("2024-01-20").expect("valid date");
        assert_eq!(day.start().date(), civil::date(2024, 1, 20));
        assert_eq!(day.end().0 - day.start().0, SECONDS_PER_DAY);
        assert_eq!(day.start().to_string(), "2024-01-20");
    }

    #[test]
    fn an_instant_keeps_its_local_clock_time_and_sits_at_utc() {
        let value = DateValue::parse("2024-01-24T02:30:00+03:00").expect("valid date-time");
        // 02:30 at +03:00 is 23:30 UTC the day before.
        assert_eq!(value.start().to_string(), "2024-01-23 23:30");
        assert_eq!(value.date(), civil::date(2024, 1, 24));
        assert_eq!(value.to_string(), "Wed 24 Jan 2024 02:30 (UTC+03:00)");
    }

    #[test]
    fn values_write_back_as_they_were_read() {
        for text in [
            "2024-01-20",
            "2024-01-24T02:30:00+03:00",
            "2023-12-31T22:00:00-05:30",
        ] {
            let value = DateValue::parse(text).expect("valid");
            assert_eq!(value.to_iso(), text);
        }
        let zulu = DateValue::parse("2024-01-23T23:30:00Z").expect("valid");
        assert_eq!(zulu.to_iso(), "2024-01-23T23:30:00+00:00");
    }

    #[test]
    fn zulu_instants_parse() {
        let value = DateValue::parse("2024-01-23T23:30:00Z").expect("valid");
        assert_eq!(value.start().to_string(), "2024-01-23 23:30");
    }

    #[test]
    fn bad_dates_are_explained() {
        let err = DateValue::parse("20 January").expect_err("not ISO");
        assert!(err.contains("20 January"), "{err}");
        assert!(DateValue::parse("2024-02-30").is_err());
        assert!(
            DateValue::parse("2024-01-24T02:30:00").is_err(),
            "an instant needs an offset"
        );
    }

    #[test]
    fn spans_run_to_the_end_of_the_last_day() {
        let time = EventTime {
            start: DateValue::parse("2023-10-17").expect("valid"),
            end: Some(DateValue::parse("2024-01-23").expect("valid")),
            precision: TimePrecision::Approximate,
        };
        let (start, end) = time.span();
        assert_eq!(start.date(), civil::date(2023, 10, 17));
        assert_eq!(end.date(), civil::date(2024, 1, 24));
    }

    #[test]
    fn time_points_round_trip_through_dates() {
        for date in [
            civil::date(1969, 12, 31),
            civil::date(2024, 2, 29),
            civil::date(1970, 1, 1),
        ] {
            assert_eq!(TimePoint::from_date(date).date(), date);
        }
    }
}
