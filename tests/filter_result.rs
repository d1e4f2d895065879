//! The one filter result every view reads agrees with the filter applied event by event,
//! for random combinations of actors (with and without members), roles, types, dates and
//! words, on a dataset large enough to be worked out on two threads with the word index;
//! and the facet counts read from it agree with counting by brute force.

use std::sync::OnceLock;

use chronomap::model::{
    Dataset, EventFilter, FacetCounts, FilterResult, TimePoint, parse_filter, synthetic,
};
use proptest::prelude::*;

/// 25,000 events by 5,000 actors in 100 groups, built once for every case.
fn dataset() -> &'static Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(|| synthetic::many_actors(25_000))
}

/// A filter expression from its parts (each may be absent).
fn expression(
    actor: Option<(u8, u8, bool)>,
    members: bool,
    kind: Option<u8>,
    word: Option<&str>,
    after: Option<u8>,
) -> String {
    let mut parts = Vec::new();
    if let Some((group, role, unit)) = actor {
        let name = if unit {
            format!("\"Unit {} of group {group}\"", group % 49)
        } else {
            format!("\"Group {group}\"")
        };
        let role = ["actor", "initiator", "target"][usize::from(role % 3)];
        parts.push(format!("{role}:{name}"));
    }
    if !members {
        parts.push("members:off".to_owned());
    }
    if let Some(kind) = kind {
        parts.push(format!("type:\"Type {kind}\""));
    }
    if let Some(word) = word {
        parts.push(format!("\"{word}\""));
    }
    if let Some(month) = after {
        parts.push(format!("after:2023-{:02}-01", month % 12 + 1));
    }
    parts.join(" ")
}

const WORDS: [&str; 9] = [
    "ramadi-3",
    "Ramadi 4",
    "checkpoint",
    "hurt and",
    "7 people",
    "road was closed.",
    "sources said 2",
    "armed men attacked",
    "nowhere",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_filter_result_is_the_filter_applied_to_each_event(
        actor in proptest::option::of((0u8..100, 0u8..3, any::<bool>())),
        members in any::<bool>(),
        kind in proptest::option::of(0u8..20),
        word in proptest::option::of(0usize..WORDS.len()),
        after in proptest::option::of(0u8..12),
    ) {
        let dataset = dataset();
        let text = expression(actor, members, kind, word.map(|w| WORDS[w]), after);
        let filter: EventFilter = parse_filter(&text).expect("a valid expression");
        let result = FilterResult::compute(dataset, &filter);
        let one_by_one = filter.matcher_for_one(dataset);
        for index in dataset.indices() {
            prop_assert_eq!(
                result.failures(index),
                one_by_one.failures(index),
                "{} on event {}", text, index
            );
        }

        // Facet counts over the whole time range, against brute force: each type counts
        // the events that pass every filter but the type.
        let (_, end) = dataset.slider_range().expect("events");
        let counts = FacetCounts::count(dataset, &result, None::<TimePoint>, end);
        let shown = dataset.indices().filter(|&i| result.admits(i)).count();
        prop_assert_eq!(counts.shown as usize, shown);
        let mut without_types = filter.clone();
        without_types.types.clear();
        let others = without_types.matcher_for_one(dataset);
        for (id, _) in dataset.event_types().iter() {
            let expected = dataset
                .indices()
                .filter(|&i| dataset.type_id(i) == id && others.admits(i))
                .count();
            prop_assert_eq!(counts.types[usize::from(id)] as usize, expected, "{}", text);
        }
    }
}
