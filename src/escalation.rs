//! The escalation chart's numbers: attacks and strikes per week, by who carried them out.
//! Pure data, no egui; worked out once per dataset, off the window's thread.
//!
//! Only events the articles date to within about a week are counted: a span such as "about
//! 150 attacks since mid-October" is one event over three months, and putting it in one
//! week would draw a burst that no article reports.

use crate::model::{ActorId, Dataset, EventType, SECONDS_PER_DAY, TimePoint};

/// The event types that are attacks or strikes (of the built-in vocabulary; statements,
/// orders and interceptions are not).
pub const ATTACK_TYPES: [EventType; 6] = [
    EventType::Airstrike,
    EventType::MissileAttack,
    EventType::DroneAttack,
    EventType::RocketAttack,
    EventType::AttackOnShipping,
    EventType::Attack,
];

/// Whether event `index` is an attack or strike.
fn is_attack(dataset: &Dataset, index: usize) -> bool {
    let label = dataset.type_label(index);
    ATTACK_TYPES.iter().any(|kind| kind.label() == label)
}

/// The longest span an event may have and still be counted in one week.
const LONGEST_SPAN_SECS: i64 = 8 * SECONDS_PER_DAY;
const WEEK_SECS: i64 = 7 * SECONDS_PER_DAY;
/// 1970-01-05, the first Monday after the epoch: weeks run Monday to Sunday.
const FIRST_MONDAY_SECS: i64 = 4 * SECONDS_PER_DAY;

/// Attacks and strikes per week, one series per actor who carried them out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WeeklyAttacks {
    /// The Monday 00:00 UTC that starts each week, from the first week with an attack to
    /// the last.
    pub weeks: Vec<TimePoint>,
    /// Per lead initiator (`None`: not stated), the count in each week; the largest first.
    pub series: Vec<(Option<ActorId>, Vec<u32>)>,
}

/// The Monday that starts the week of `time`.
pub fn week_of(time: TimePoint) -> TimePoint {
    TimePoint((time.0 - FIRST_MONDAY_SECS).div_euclid(WEEK_SECS) * WEEK_SECS + FIRST_MONDAY_SECS)
}

impl WeeklyAttacks {
    /// Counts the attacks and strikes of `dataset` (see the module docs).
    pub fn count(dataset: &Dataset) -> Self {
        let mut dated: Vec<(TimePoint, Option<ActorId>)> = Vec::new();
        for index in dataset.indices() {
            if !is_attack(dataset, index) {
                continue;
            }
            let Some((start, end)) = dataset.span_of(index) else {
                continue;
            };
            if end.0 - start.0 > LONGEST_SPAN_SECS {
                continue;
            }
            dated.push((week_of(start), dataset.lead(index)));
        }
        let (Some(first), Some(last)) = (
            dated.iter().map(|(week, _)| *week).min(),
            dated.iter().map(|(week, _)| *week).max(),
        ) else {
            return WeeklyAttacks::default();
        };
        let count = usize::try_from((last.0 - first.0) / WEEK_SECS).unwrap_or(0) + 1;
        let weeks = (0..count)
            .map(|n| first.plus_seconds(n as i64 * WEEK_SECS))
            .collect();
        let mut series: Vec<(Option<ActorId>, Vec<u32>)> = Vec::new();
        for (week, actor) in dated {
            let n = usize::try_from((week.0 - first.0) / WEEK_SECS).unwrap_or(0);
            let position = match series.iter().position(|(a, _)| *a == actor) {
                Some(position) => position,
                None => {
                    series.push((actor, vec![0; count]));
                    series.len() - 1
                }
            };
            if let Some(slot) = series[position].1.get_mut(n) {
                *slot += 1;
            }
        }
        series.sort_by_key(|(_, counts)| std::cmp::Reverse(counts.iter().sum::<u32>()));
        WeeklyAttacks { weeks, series }
    }

    /// How many attacks and strikes are counted in all.
    pub fn total(&self) -> u32 {
        self.series.iter().flat_map(|(_, counts)| counts).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday() {
        // 2024-01-20 (a Saturday) is in the week of Monday 2024-01-15.
        let saturday = TimePoint(1_705_708_800);
        assert_eq!(week_of(saturday), TimePoint(1_705_276_800));
        assert_eq!(week_of(TimePoint(1_705_276_800)), TimePoint(1_705_276_800));
    }

    #[test]
    fn the_built_in_attacks_are_counted_in_their_weeks() {
        let dataset = crate::io::load_builtin().dataset;
        let weekly = WeeklyAttacks::count(&dataset);
        let expected = dataset
            .indices()
            .filter(|&index| is_attack(&dataset, index))
            .filter(|&index| {
                dataset
                    .span_of(index)
                    .is_some_and(|(start, end)| end.0 - start.0 <= LONGEST_SPAN_SECS)
            })
            .count();
        assert_eq!(weekly.total() as usize, expected);
        assert!(expected >= 8, "{expected}");
        // The Al-Asad attack is in the week of Monday 15 January 2024.
        let al_asad = dataset
            .index_of("al-asad-missile-attack")
            .expect("the event");
        let week = weekly
            .weeks
            .iter()
            .position(|&week| week == TimePoint(1_705_276_800))
            .expect("the week");
        let lead = dataset.lead(al_asad);
        let (_, counts) = weekly
            .series
            .iter()
            .find(|(actor, _)| *actor == lead)
            .expect("its initiator's series");
        assert!(counts[week] >= 1);
        // A span of months (the attacks since mid-October) is not put in one week.
        let span = dataset
            .index_of("militia-attacks-on-us-forces-since-mid-october")
            .expect("the event");
        let (start, _) = dataset.span_of(span).expect("a span");
        assert!(
            weekly
                .weeks
                .first()
                .is_none_or(|first| *first > week_of(start))
        );
    }
}
