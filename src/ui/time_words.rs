//! Dates and durations in words for the timeline: the cursor's date, bin names, and the
//! calendar grid and labels of the chart's time axis.

use egui_plot::{GridInput, GridMark};
use jiff::civil;

use crate::model::{SECONDS_PER_DAY, TimePoint};
use crate::state::ViewState;
use crate::time::BinSize;

/// "Up to Sat 20 January 2024" or "18 to 21 January 2024".
pub(super) fn cursor_words(view: &ViewState) -> String {
    let time = view.time.time();
    let when = |t: TimePoint| {
        let dt = t.date_time();
        if dt.time() == civil::Time::midnight() {
            dt.date().strftime("%a %-d %B %Y").to_string()
        } else {
            format!(
                "{} {:02}:{:02}",
                dt.date().strftime("%a %-d %B %Y"),
                dt.hour(),
                dt.minute()
            )
        }
    };
    match view.time.visible_span() {
        (None, _) => format!("Up to {}", when(time)),
        (Some(from), _) => format!("{} to {}", when(from), when(time)),
    }
}

/// A width of time in words.
pub(super) fn duration_words(seconds: i64) -> String {
    let days = seconds as f64 / SECONDS_PER_DAY as f64;
    if days >= 1.0 {
        format!("{days:.1} days")
    } else {
        format!("{:.0} hours", seconds as f64 / 3_600.0)
    }
}

/// The start of a bin in words that fit its size.
pub(super) fn date_words(start: TimePoint, size: BinSize) -> String {
    let dt = start.date_time();
    match size {
        BinSize::Hour => format!("{} {:02}:00", dt.date(), dt.hour()),
        BinSize::Day => dt.date().strftime("%a %-d %b %Y").to_string(),
        BinSize::Week => format!("week of {}", dt.date().strftime("%-d %b %Y")),
        BinSize::Month => dt.date().strftime("%B %Y").to_string(),
    }
}

/// Grid lines on calendar boundaries: hours, days, weeks, months or years, as the zoom allows.
pub(super) fn date_grid(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return Vec::new();
    }
    let span = hi - lo;
    let day = SECONDS_PER_DAY as f64;
    let steps = [
        (3_600.0, 3_600.0),
        (6.0 * 3_600.0, 6.0 * 3_600.0),
        (day, day),
        (7.0 * day, 7.0 * day),
        (30.0 * day, 30.0 * day),
        (91.0 * day, 91.0 * day),
        (365.0 * day, 365.0 * day),
    ];
    let step = steps
        .iter()
        .map(|(s, _)| *s)
        .find(|s| span / s <= 10.0)
        .unwrap_or(365.0 * day);
    let mut marks = Vec::new();
    let mut t = TimePoint::from_f64(lo);
    // Snap to a calendar boundary, then walk.
    let size = if step >= 28.0 * day {
        BinSize::Month
    } else if step >= 7.0 * day {
        BinSize::Week
    } else if step >= day {
        BinSize::Day
    } else {
        BinSize::Hour
    };
    let months_per_mark = if step >= 365.0 * day {
        12
    } else if step >= 91.0 * day {
        3
    } else {
        1
    };
    let hours_per_mark = (step / 3_600.0).round().max(1.0) as i64;
    let edges = size.edges(t, TimePoint::from_f64(hi), 2_000);
    for edge in edges {
        t = edge;
        if t.as_f64() < lo || t.as_f64() > hi {
            continue;
        }
        let dt = t.date_time();
        let keep = match size {
            BinSize::Month => (dt.month() as i32 - 1) % months_per_mark == 0,
            BinSize::Hour => i64::from(dt.hour()) % hours_per_mark == 0,
            _ => true,
        };
        if keep {
            marks.push(GridMark {
                value: t.as_f64(),
                step_size: step,
            });
        }
    }
    marks
}

/// A date label for a grid line: its precision follows the spacing of the lines.
pub(super) fn date_label(value: f64, step: f64) -> String {
    let dt = TimePoint::from_f64(value).date_time();
    let day = SECONDS_PER_DAY as f64;
    if step >= 365.0 * day {
        dt.year().to_string()
    } else if step >= 28.0 * day {
        if dt.month() == 1 {
            dt.date().strftime("%b %Y").to_string()
        } else {
            dt.date().strftime("%b").to_string()
        }
    } else if step >= day {
        if dt.day() == 1 || step >= 7.0 * day {
            dt.date().strftime("%-d %b").to_string()
        } else {
            dt.day().to_string()
        }
    } else {
        format!("{:02}:00", dt.hour())
    }
}
