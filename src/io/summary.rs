//! The summary `chronomap inspect` prints: what a file holds, read through the same importer
//! and store as the app.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::import::{ImportReport, Rejection};
use crate::model::{Dataset, Role};

/// How many rejections `inspect --json` lists.
pub const INSPECT_REJECTIONS: usize = 100;
/// How many actors `inspect --json` ranks.
pub const TOP_ACTORS: usize = 10;

/// One of the most frequent actors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActorCount {
    /// The actor's name as the file writes it.
    pub actor: String,
    /// How many events name it as actor 1 or actor 2 (initiator or target).
    pub count: u64,
}

/// The summary of one file (`chronomap inspect --json` prints it as one JSON object).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileSummary {
    /// The file as named on the command line.
    pub file: String,
    /// The detected format, or `null`.
    pub format: Option<&'static str>,
    /// "loaded", "partial" or "rejected".
    pub outcome: &'static str,
    /// Why the file could not be read, or `null`.
    pub error: Option<String>,
    /// Records read, not counting a header or empty lines.
    pub rows: u64,
    /// Events loaded.
    pub events: u64,
    /// Events with a location.
    pub located: u64,
    /// Events without one.
    pub unlocated: u64,
    /// Records rejected.
    pub rejected: u64,
    /// The first rejected records.
    pub rejections: Vec<Rejection>,
    /// The first day of any event: the calendar day as written for a date, the UTC day for
    /// a date-time.
    pub min_date: Option<String>,
    /// The last day on which an event begins (same rule).
    pub max_date: Option<String>,
    /// `[min_lon, min_lat, max_lon, max_lat]` of the located events.
    pub bbox: Option<[f64; 4]>,
    /// The ten most frequent actors.
    pub top_actors: Vec<ActorCount>,
    /// The sum of the killed figures, or `null` where the format has none.
    pub fatalities_total: Option<u64>,
}

/// Summarises an import.
pub fn summarise(dataset: &Dataset, report: &ImportReport) -> FileSummary {
    let events = dataset.len() as u64;
    let located = dataset.located_count() as u64;
    let day = |point: crate::model::TimePoint| point.date().to_string();
    let min_date = dataset.starts().first().map(|p| day(*p));
    let max_date = dataset.starts().last().map(|p| day(*p));

    let mut bbox: Option<[f64; 4]> = None;
    for point in dataset.positions().iter().filter(|p| !p.x().is_nan()) {
        let (x, y) = (point.x(), point.y());
        bbox = Some(match bbox {
            None => [x, y, x, y],
            Some([a, b, c, d]) => [a.min(x), b.min(y), c.max(x), d.max(y)],
        });
    }

    // Counted by interned id, then named: a million events cost one array of counters.
    let mut counts = vec![0u64; dataset.actors().len()];
    let mut killed_total: u64 = 0;
    let mut any_killed = false;
    for index in dataset.indices() {
        for (actor, role, associated) in dataset.mentions_with_association(index) {
            if !associated
                && matches!(role, Role::Initiator | Role::Target)
                && let Some(count) = counts.get_mut(actor.0 as usize)
            {
                *count += 1;
            }
        }
        if let Some(killed) = dataset.killed(index) {
            killed_total += u64::from(killed);
            any_killed = true;
        }
    }
    let mut named: HashMap<&str, u64> = HashMap::new();
    for (id, actor) in dataset.actors().iter() {
        let count = counts.get(id.0 as usize).copied().unwrap_or(0);
        if count > 0 && !actor.name.trim().is_empty() {
            *named.entry(actor.name.as_str()).or_default() += count;
        }
    }
    let mut top: Vec<ActorCount> = named
        .into_iter()
        .map(|(actor, count)| ActorCount {
            actor: actor.to_owned(),
            count,
        })
        .collect();
    top.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.actor.cmp(&b.actor)));
    top.truncate(TOP_ACTORS);

    // ACLED and chronomap's format always have the field; generic files only when some
    // event carries a figure; GDELT events never do.
    use super::import::Format;
    let has_fatalities = match report.format {
        Some(Format::AcledCsv | Format::ChronomapGeojson) => true,
        Some(Format::Csv | Format::Geojson) => any_killed,
        Some(Format::GdeltEvents) | None => false,
    };
    FileSummary {
        file: report.file.clone(),
        format: report.format.map(|f| f.as_str()),
        outcome: report.outcome(),
        error: report.error.clone(),
        rows: report.rows,
        events,
        located,
        unlocated: events - located,
        rejected: report.rejected,
        rejections: report
            .rejections
            .iter()
            .take(INSPECT_REJECTIONS)
            .cloned()
            .collect(),
        min_date,
        max_date,
        bbox,
        top_actors: top,
        fatalities_total: has_fatalities.then_some(killed_total),
    }
}

impl FileSummary {
    /// The summary for people: a few lines.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", self.file);
        let _ = writeln!(out, "  format: {}", self.format.unwrap_or("not recognised"));
        if let Some(error) = &self.error {
            let _ = writeln!(out, "  error: {error}");
        }
        let _ = writeln!(
            out,
            "  {} rows read, {} events loaded ({} located, {} without a place), {} rejected",
            self.rows, self.events, self.located, self.unlocated, self.rejected
        );
        if let (Some(min), Some(max)) = (&self.min_date, &self.max_date) {
            let _ = writeln!(out, "  dates: {min} to {max}");
        }
        if let Some([a, b, c, d]) = self.bbox {
            let _ = writeln!(out, "  area: lon {a:.4} to {c:.4}, lat {b:.4} to {d:.4}");
        }
        if let Some(total) = self.fatalities_total {
            let _ = writeln!(out, "  fatalities: {total}");
        }
        if !self.top_actors.is_empty() {
            let _ = writeln!(out, "  most frequent actors:");
            for actor in &self.top_actors {
                let _ = writeln!(out, "    {:>8}  {}", actor.count, actor.actor);
            }
        }
        for rejection in self.rejections.iter().take(20) {
            let column = rejection.column.as_deref().unwrap_or("-");
            let _ = writeln!(
                out,
                "  rejected row {} (line {}), {column}: {}",
                rejection.row, rejection.line, rejection.reason
            );
        }
        if self.rejected > 20 {
            let _ = writeln!(out, "  …and {} more rejected rows", self.rejected - 20);
        }
        out
    }
}
