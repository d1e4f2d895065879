//! What the filters let through, on the built-in events: actors in a role, with and without
//! the actors that belong to them, types, countries, dates, precision, disputes and words;
//! and the same filters written as expressions.

use chronomap::io::load_builtin;
use chronomap::model::{ActorRole, Dataset, EventFilter, EventIndex, Role, parse_filter};

fn builtin() -> Dataset {
    load_builtin().dataset
}

fn shown(dataset: &Dataset, expression: &str) -> Vec<EventIndex> {
    let filter = parse_filter(expression).expect("a valid expression");
    let matcher = filter.matcher(dataset);
    dataset.indices().filter(|&i| matcher.admits(i)).collect()
}

/// Whether `actor` (a key) takes part in event `index` in `role` (any role for `None`).
fn takes_part(dataset: &Dataset, index: EventIndex, actor: &str, role: Option<Role>) -> bool {
    let id = dataset.actors().id_of(actor).expect("a built-in actor");
    dataset
        .mentions(index)
        .any(|(a, r)| a == id && role.is_none_or(|role| role == r))
}

#[test]
fn an_actor_as_initiator_finds_exactly_the_events_it_carried_out() {
    let dataset = builtin();
    let found = shown(&dataset, "initiator:kataib_hezbollah members:off");
    let expected: Vec<EventIndex> = dataset
        .indices()
        .filter(|&i| takes_part(&dataset, i, "kataib_hezbollah", Some(Role::Initiator)))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(found, expected);
    // By name, by alias, in any case: the same events.
    assert_eq!(
        shown(&dataset, r#"initiator:"Kataib Hezbollah" members:off"#),
        found
    );
    assert_eq!(shown(&dataset, "initiator:kh members:off"), found);
}

#[test]
fn a_parent_takes_in_its_members_unless_told_not_to() {
    let dataset = builtin();
    let mut grows = false;
    // (parent, member) as actors.json nests them.
    for (parent, member) in [
        ("us", "centcom"),
        ("popular_mobilisation_forces", "kataib_hezbollah"),
        ("iran", "irgc"),
    ] {
        let with_members = shown(&dataset, &format!("initiator:{parent}"));
        let without = shown(&dataset, &format!("initiator:{parent} members:off"));
        let member_only = shown(&dataset, &format!("initiator:{member} members:off"));
        // With members: exactly the events of the parent or of the member.
        let mut union: Vec<EventIndex> = without.iter().chain(&member_only).copied().collect();
        union.sort_unstable();
        union.dedup();
        assert_eq!(with_members, union, "{parent} with {member}");
        grows |= with_members.len() > without.len();
    }
    assert!(grows, "some member acts where its parent is not named");
}

#[test]
fn roles_are_kept_apart_and_any_role_takes_in_both() {
    let dataset = builtin();
    let as_initiator = shown(&dataset, "initiator:houthis");
    let as_target = shown(&dataset, "target:houthis");
    let any = shown(&dataset, "actor:houthis");
    assert!(!as_initiator.is_empty() && !as_target.is_empty());
    for index in as_initiator.iter().chain(&as_target) {
        assert!(any.contains(index));
    }
    for &index in &any {
        assert!(takes_part(&dataset, index, "houthis", None));
    }
    // Two actors in one filter: either may match.
    let either = shown(&dataset, "initiator:houthis initiator:kataib_hezbollah");
    let kh = shown(&dataset, "initiator:kataib_hezbollah");
    assert_eq!(either.len(), as_initiator.len() + kh.len());
}

#[test]
fn kinds_of_filter_combine_and_each_narrows() {
    let dataset = builtin();
    let all = dataset.len();
    let us = shown(&dataset, "initiator:us");
    let us_in_yemen = shown(&dataset, "initiator:us country:YEM");
    let us_airstrikes_in_yemen = shown(&dataset, "initiator:us country:yem type:airstrike");
    assert!(us.len() < all);
    assert!(!us_airstrikes_in_yemen.is_empty());
    assert!(us_in_yemen.len() <= us.len());
    assert!(us_airstrikes_in_yemen.len() <= us_in_yemen.len());
    for &index in &us_airstrikes_in_yemen {
        assert_eq!(dataset.country(index), Some("YEM"));
        assert_eq!(dataset.type_label(index), "Airstrike");
    }
    // Dates: `after` is on or after the day, `before` before it.
    let january = shown(&dataset, "after:2024-01-12 before:2024-01-13");
    assert!(!january.is_empty());
    for &index in &january {
        assert_eq!(
            dataset
                .time(index)
                .expect("a time")
                .start
                .date()
                .to_string(),
            "2024-01-12"
        );
    }
}

#[test]
fn disputes_sources_and_precision_filter_what_they_say() {
    let dataset = builtin();
    for index in shown(&dataset, "is:disputed") {
        assert!(dataset.is_disputed(index));
    }
    for index in shown(&dataset, "is:single-source") {
        assert!(dataset.is_single_source(index));
    }
    let precise = shown(&dataset, "precise:place");
    assert!(precise.len() < dataset.len(), "some places are vague");
    for index in precise {
        let precision = dataset.geo_precision(index).as_str();
        assert!(precision == "site" || precision == "town", "{precision}");
    }
}

#[test]
fn words_are_found_whatever_the_spelling_of_accents_and_apostrophes() {
    let dataset = builtin();
    let qaim = shown(&dataset, "Qaim");
    assert!(!qaim.is_empty(), "al-Qa'im is in the articles");
    assert_eq!(shown(&dataset, "qa’im"), qaim);
    assert_eq!(shown(&dataset, "QA'IM"), qaim);
    assert!(shown(&dataset, "no-such-word-anywhere").is_empty());
    // A phrase must appear as a whole.
    let phrase = shown(&dataset, r#""air base""#);
    assert!(!phrase.is_empty());
    assert!(phrase.len() <= shown(&dataset, "air base").len());
}

#[test]
fn an_unknown_actor_is_reported_and_matches_nothing() {
    let dataset = builtin();
    let filter = parse_filter("initiator:kataib_hezbolah").expect("valid");
    assert_eq!(filter.unknown_actors(&dataset), ["kataib_hezbolah"]);
    assert!(shown(&dataset, "initiator:kataib_hezbolah").is_empty());
    let role = filter.actors.iter().next().map(|c| c.role);
    assert_eq!(role, Some(ActorRole::Initiator));
    assert!(EventFilter::default().unknown_actors(&dataset).is_empty());
}
