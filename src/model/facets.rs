//! Facet counts: for each value of a kind of filter (an actor, a type, a country, a
//! precision), how many events would be on show with it, given every other active filter
//! and the time control. One pass over the events the time control shows.

use super::dataset::{Dataset, EventIndex};
use super::event::GeoPrecision;
use super::filter::facet;
use super::filter_result::FilterResult;
use super::time::{TimePoint, TimePrecision};

/// Below this many events, one thread is quicker than starting a second.
const ONE_THREAD_BELOW: usize = 20_000;

/// The counts of every facet (see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetCounts {
    /// The events on show.
    pub shown: u32,
    /// The events the time control shows, before any filter.
    pub in_time: u32,
    /// By actor id: events in which the actor takes any part.
    pub actors: Vec<u32>,
    /// By type id of the dataset's vocabulary.
    pub types: Vec<u32>,
    /// By country id of the dataset's vocabulary.
    pub countries: Vec<u32>,
    /// Events placed to a site or a town.
    pub precise_places: u32,
    /// Events dated to a week or better.
    pub precise_times: u32,
    /// Events on which the sources disagree.
    pub disputed: u32,
    /// Events that a single source reports.
    pub single_source: u32,
}

impl FacetCounts {
    /// Counts the facets over the events in the time window `(from, to]` (everything
    /// begun by `to` when `from` is `None`), reading the failures `result` holds; on two
    /// threads when there are many.
    pub fn count(
        dataset: &Dataset,
        result: &FilterResult,
        from: Option<TimePoint>,
        to: TimePoint,
    ) -> FacetCounts {
        let candidates = dataset.window_candidates(from, to);
        let count_range = |range: std::ops::Range<EventIndex>| {
            let mut counts = FacetCounts::empty(dataset);
            counts.add(
                dataset,
                result,
                range.filter(|&index| dataset.in_window(index, from, to)),
            );
            counts
        };
        if candidates.len() < ONE_THREAD_BELOW {
            return count_range(candidates);
        }
        let middle = candidates.start + candidates.len() / 2;
        let (mut first, second) = std::thread::scope(|scope| {
            let count_range = &count_range;
            let second = scope.spawn(move || count_range(middle..candidates.end));
            (count_range(candidates.start..middle), second.join())
        });
        match second {
            Ok(second) => first.merge(&second),
            // The other thread panicked: count its half here.
            Err(_) => {
                first.merge(&count_range(middle..candidates.end));
            }
        }
        first
    }

    /// Every count zero, with room for every actor, type and country of `dataset`.
    fn empty(dataset: &Dataset) -> FacetCounts {
        FacetCounts {
            actors: vec![0; dataset.actors().len()],
            types: vec![0; dataset.event_types().len() + 1],
            countries: vec![0; dataset.countries().len() + 1],
            ..FacetCounts::default()
        }
    }

    /// Adds the counts of another set of events.
    fn merge(&mut self, other: &FacetCounts) {
        let add = |mine: &mut Vec<u32>, theirs: &[u32]| {
            for (mine, theirs) in mine.iter_mut().zip(theirs) {
                *mine += theirs;
            }
        };
        self.shown += other.shown;
        self.in_time += other.in_time;
        add(&mut self.actors, &other.actors);
        add(&mut self.types, &other.types);
        add(&mut self.countries, &other.countries);
        self.precise_places += other.precise_places;
        self.precise_times += other.precise_times;
        self.disputed += other.disputed;
        self.single_source += other.single_source;
    }

    /// Counts `candidates` (events the time control shows).
    fn add(
        &mut self,
        dataset: &Dataset,
        result: &FilterResult,
        candidates: impl Iterator<Item = EventIndex>,
    ) {
        let counts = self;
        let mentions = dataset.mentions_by_time();
        let mut seen_actors: Vec<u32> = Vec::new();
        for index in candidates {
            counts.in_time += 1;
            let failed = result.failures(index);
            // Each facet counts the events that fail nothing but (at most) itself.
            let counts_in = |kind: u16| failed & !kind == 0;
            if failed == 0 {
                counts.shown += 1;
            }
            if counts_in(facet::ACTORS) {
                seen_actors.clear();
                for (actor, _) in mentions.of(index) {
                    if !seen_actors.contains(&actor.0) {
                        seen_actors.push(actor.0);
                        if let Some(count) = counts.actors.get_mut(actor.0 as usize) {
                            *count += 1;
                        }
                    }
                }
            }
            if counts_in(facet::TYPES)
                && let Some(count) = counts.types.get_mut(usize::from(dataset.types[index]))
            {
                *count += 1;
            }
            if counts_in(facet::COUNTRIES)
                && let Some(count) = counts
                    .countries
                    .get_mut(usize::from(dataset.countries[index]))
            {
                *count += 1;
            }
            if counts_in(facet::PLACES)
                && !matches!(
                    dataset.geo_precisions[index],
                    GeoPrecision::Region | GeoPrecision::Country
                )
            {
                counts.precise_places += 1;
            }
            if counts_in(facet::TIMES)
                && !matches!(
                    dataset.kinds[index].precision,
                    TimePrecision::Month | TimePrecision::Approximate
                )
            {
                counts.precise_times += 1;
            }
            if counts_in(facet::DISPUTED) && dataset.is_disputed(index) {
                counts.disputed += 1;
            }
            if counts_in(facet::SINGLE_SOURCE) && dataset.is_single_source(index) {
                counts.single_source += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventFilter, parse_filter};

    /// Counts by brute force: with the facet's own filter removed, the events that pass.
    fn brute(
        dataset: &Dataset,
        filter: &EventFilter,
        without: impl Fn(&mut EventFilter),
    ) -> Vec<EventIndex> {
        let mut other = filter.clone();
        without(&mut other);
        let matcher = other.matcher(dataset);
        dataset.indices().filter(|&i| matcher.admits(i)).collect()
    }

    #[test]
    fn each_facet_counts_what_the_other_filters_leave() {
        let dataset = crate::model::synthetic::dataset(3_000, 40, 9);
        let filter =
            parse_filter("initiator:actor_2 type:airstrike type:missile_attack precise:place")
                .expect("valid");
        let (_, end) = dataset.slider_range().expect("events");
        let result = FilterResult::compute(&dataset, &filter);
        let counts = FacetCounts::count(&dataset, &result, None, end);
        let matcher = filter.matcher(&dataset);
        let shown = dataset.indices().filter(|&i| matcher.admits(i)).count();
        assert_eq!(counts.shown as usize, shown);
        assert_eq!(counts.in_time as usize, dataset.len());

        // Types: every type counted over the events that pass the actor and place filters.
        let without_types = brute(&dataset, &filter, |f| f.types.clear());
        for (id, name) in dataset.event_types().iter() {
            let expected = without_types
                .iter()
                .filter(|&&i| dataset.type_label(i) == name)
                .count();
            assert_eq!(counts.types[usize::from(id)] as usize, expected, "{name}");
        }
        // Actors: over the events that pass the type and place filters.
        let without_actors = brute(&dataset, &filter, |f| f.actors.clear());
        for (id, actor) in dataset.actors().iter() {
            let expected = without_actors
                .iter()
                .filter(|&&i| dataset.mentions(i).any(|(a, _)| a == id))
                .count();
            assert_eq!(
                counts.actors[id.0 as usize] as usize, expected,
                "{}",
                actor.key
            );
        }
        // The place facet: over the events that pass the actor and type filters.
        let without_places = brute(&dataset, &filter, |f| f.precise_places = false);
        let expected = without_places
            .iter()
            .filter(|&&i| {
                !matches!(
                    dataset.geo_precision(i),
                    GeoPrecision::Region | GeoPrecision::Country
                )
            })
            .count();
        assert_eq!(counts.precise_places as usize, expected);
    }

    #[test]
    fn mentions_in_time_order_are_each_events_own() {
        let dataset = crate::model::synthetic::dataset(2_000, 40, 5);
        let by_time = dataset.mentions_by_time();
        for index in dataset.indices() {
            let ours: Vec<_> = by_time.of(index).collect();
            let theirs: Vec<_> = dataset.mentions(index).collect();
            assert_eq!(ours, theirs, "event {index}");
        }
    }
}
