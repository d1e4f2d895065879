//! Which events the user has chosen to see, apart from the time cursor: actors in a role
//! (with the actors that belong to them), event types, countries, precision, disputed or
//! single-source events, articles switched off, words, and a range of dates.
//!
//! An [`EventFilter`] names things as the data does (actor keys, type and country names), so
//! it means the same after a reload and can be written as an expression (see
//! `expression.rs`). [`EventFilter::matcher`] resolves it against one dataset once; the
//! matcher then answers per event without looking anything up by name.

use std::collections::{BTreeSet, HashSet};

use super::actor::ActorId;
use super::dataset::{Dataset, EventIndex, MentionsByTime};
use fixedbitset::FixedBitSet;

use super::event::GeoPrecision;
use super::search::{fold, searchable_text};
use super::source::SourceId;
use super::time::{TimePoint, TimePrecision};
use super::word_index::Lookup;
use super::writer::Role;

/// The role in which a chosen actor must take part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorRole {
    /// As an initiator (it acted).
    Initiator,
    /// As a target (it was acted on).
    Target,
    /// In any role: initiator, target or supporter.
    Any,
}

/// One chosen actor: its key, name or alias, and the role it must have.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorChoice {
    /// The actor's key (`kataib_hezbollah`), or its name or an alias as a file spells it.
    pub actor: String,
    /// The role it must take part in.
    pub role: ActorRole,
}

/// Filters that narrow the events on show. The default shows everything. Within one kind
/// of filter any value may match (this actor or that one); across kinds every filter must.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Articles switched off: an event reported only by these is hidden. Events with no
    /// source at all (imported data) are never hidden by this.
    pub hidden_sources: HashSet<SourceId>,
    /// Actors, each in a role.
    pub actors: BTreeSet<ActorChoice>,
    /// Whether choosing an actor also chooses the actors that belong to it (US Central
    /// Command within the United States). On by default.
    pub without_members: bool,
    /// Event types, by name (`missile_attack`, `Missile attack`, `Air/drone strike`, `042`).
    pub types: BTreeSet<String>,
    /// Countries, by the name or code the data uses (`IRQ`, `Iraq`).
    pub countries: BTreeSet<String>,
    /// Hide events placed only to a region or a country.
    pub precise_places: bool,
    /// Hide events dated only to a month or roughly.
    pub precise_times: bool,
    /// Show only events on which the sources disagree.
    pub disputed: bool,
    /// Show only events that a single source reports.
    pub single_source: bool,
    /// Words that must all appear in the title, summary, place, notes or quotes.
    pub words: Vec<String>,
    /// Only events that begin at or after this time.
    pub after: Option<TimePoint>,
    /// Only events that begin before this time.
    pub before: Option<TimePoint>,
}

impl EventFilter {
    /// Whether the filter hides nothing.
    pub fn is_empty(&self) -> bool {
        *self == EventFilter::default()
    }

    /// Whether the events of this article are on show (it is not switched off).
    pub fn shows_source(&self, source: SourceId) -> bool {
        !self.hidden_sources.contains(&source)
    }

    /// Switches an article on or off.
    pub fn set_source_visible(&mut self, source: SourceId, visible: bool) {
        if visible {
            self.hidden_sources.remove(&source);
        } else {
            self.hidden_sources.insert(source);
        }
    }

    /// Whether the filter lets event `index` through. Resolves the filter each time: for
    /// more than a few events, use [`Self::matcher`] once.
    pub fn admits(&self, dataset: &Dataset, index: EventIndex) -> bool {
        self.resolve(dataset, false).admits(index)
    }

    /// The filter resolved against `dataset`: actor names to ids (with their members),
    /// type and country names to the dataset's ids, words folded and looked up in the
    /// dataset's word index (built here on the first search: about a second for a million
    /// events, so a large dataset is filtered off the UI thread).
    pub fn matcher<'a>(&'a self, dataset: &'a Dataset) -> Matcher<'a> {
        self.resolve(dataset, true)
    }

    /// [`Self::matcher`] without the word index: each event's words are looked for in its
    /// text. For a handful of events (the one selected, say), where building the index of
    /// a large dataset would cost far more.
    pub fn matcher_for_one<'a>(&'a self, dataset: &'a Dataset) -> Matcher<'a> {
        self.resolve(dataset, false)
    }

    /// [`Self::matcher`], with or without the word index (without it, each event's text
    /// is folded and searched: right for a handful of events).
    fn resolve<'a>(&'a self, dataset: &'a Dataset, indexed: bool) -> Matcher<'a> {
        let actors = self
            .actors
            .iter()
            .map(|choice| {
                let chosen = resolve_actors(dataset, &choice.actor, !self.without_members);
                (chosen, choice.role)
            })
            .collect();
        let names = |wanted: &BTreeSet<String>, vocabulary: &super::columns::Vocabulary| {
            (!wanted.is_empty()).then(|| {
                let wanted: HashSet<String> = wanted.iter().map(|name| fold(name)).collect();
                let mut ids = vec![false; vocabulary.len() + 1];
                for (id, name) in vocabulary.iter() {
                    if wanted.contains(&fold(name)) {
                        ids[usize::from(id)] = true;
                    }
                }
                ids
            })
        };
        Matcher {
            dataset,
            filter: self,
            mentions: (indexed && !self.actors.is_empty()).then(|| dataset.mentions_by_time()),
            actors,
            types: names(&self.types, dataset.event_types()),
            countries: names(&self.countries, dataset.countries()),
            words: self
                .words
                .iter()
                .map(|word| fold(word))
                .filter(|w| !w.is_empty())
                .map(|folded| {
                    let hits = if indexed {
                        match dataset.word_index().lookup(&folded) {
                            Some(Lookup::Exact(events)) => Hits::Exact(events),
                            Some(Lookup::Candidates(events)) => Hits::Candidates(events),
                            None => Hits::Scan,
                        }
                    } else {
                        Hits::Scan
                    };
                    WordTest { folded, hits }
                })
                .collect(),
        }
    }

    /// The actor names in the filter that match no actor of `dataset` (to warn about a typo).
    pub fn unknown_actors(&self, dataset: &Dataset) -> Vec<&str> {
        self.actors
            .iter()
            .filter(|choice| !resolve_actors(dataset, &choice.actor, false).contains(&true))
            .map(|choice| choice.actor.as_str())
            .collect()
    }
}

/// The actors `wanted` names (by key, name or alias, folded), and with `members` every
/// actor whose chain of parents reaches one of them; as a flag per actor id.
fn resolve_actors(dataset: &Dataset, wanted: &str, members: bool) -> Vec<bool> {
    let actors = dataset.actors();
    let wanted = fold(wanted);
    let mut chosen = vec![false; actors.len()];
    for (id, actor) in actors.iter() {
        let named = fold(&actor.key) == wanted
            || fold(&actor.name) == wanted
            || actor.aliases.iter().any(|alias| fold(alias) == wanted);
        if named && let Some(flag) = chosen.get_mut(id.0 as usize) {
            *flag = true;
        }
    }
    if members {
        let direct = chosen.clone();
        for (id, _) in actors.iter() {
            // Walk up the parents; the length bound stops a cycle in a user's file.
            let mut at = Some(id);
            for _ in 0..=actors.len() {
                let Some(current) = at else { break };
                if direct.get(current.0 as usize).copied().unwrap_or(false) {
                    chosen[id.0 as usize] = true;
                    break;
                }
                at = actors.get(current).and_then(|actor| actor.parent);
            }
        }
    }
    chosen
}

/// An [`EventFilter`] resolved against one dataset (see [`EventFilter::matcher`]).
pub struct Matcher<'a> {
    dataset: &'a Dataset,
    filter: &'a EventFilter,
    /// The actors of every event in time order, when a pass over many events reads them.
    mentions: Option<&'a MentionsByTime>,
    /// Per chosen actor: which actor ids count, and in which role.
    actors: Vec<(Vec<bool>, ActorRole)>,
    types: Option<Vec<bool>>,
    countries: Option<Vec<bool>>,
    words: Vec<WordTest>,
}

/// One word of the filter, folded, and the events that have it.
struct WordTest {
    folded: String,
    hits: Hits,
}

/// What the word index gave for a word.
enum Hits {
    /// Exactly the events that have it.
    Exact(FixedBitSet),
    /// The events that may have it: each one's text is searched.
    Candidates(FixedBitSet),
    /// Nothing: every event's text is searched.
    Scan,
}

thread_local! {
    /// The folded text of the event being matched, reused between events.
    /// Keyed by dataset generation and event.
    static HAYSTACK: std::cell::RefCell<(Option<(u64, EventIndex)>, String)> =
        const { std::cell::RefCell::new((None, String::new())) };
}

/// The kinds of filter, as bits of [`Matcher::failures`]: each facet counts the events that
/// fail no other kind.
pub mod facet {
    /// Actors in a role.
    pub const ACTORS: u16 = 1;
    /// Event types.
    pub const TYPES: u16 = 1 << 1;
    /// Countries.
    pub const COUNTRIES: u16 = 1 << 2;
    /// Precise places only.
    pub const PLACES: u16 = 1 << 3;
    /// Precise times only.
    pub const TIMES: u16 = 1 << 4;
    /// Disputed events only.
    pub const DISPUTED: u16 = 1 << 5;
    /// Single-source events only.
    pub const SINGLE_SOURCE: u16 = 1 << 6;
    /// Articles switched off.
    pub const SOURCES: u16 = 1 << 7;
    /// Words.
    pub const WORDS: u16 = 1 << 8;
    /// The range of dates.
    pub const DATES: u16 = 1 << 9;
}

impl Matcher<'_> {
    /// Whether event `index` passes every filter.
    pub fn admits(&self, index: EventIndex) -> bool {
        index < self.dataset.len() && self.failures_within(index, 0) == 0
    }

    /// The kinds of filter (bits of [`facet`]) that event `index` fails; 0 when it passes.
    /// Words, the costliest, are only looked at when at most one other kind fails: with
    /// two, the event counts in no facet whatever its words.
    pub fn failures(&self, index: EventIndex) -> u16 {
        self.failures_within(index, 1)
    }

    /// [`Self::failures`], looking at words only when at most `tolerated` other kinds fail
    /// (0 to answer "does it pass", 1 for facet counts).
    fn failures_within(&self, index: EventIndex, tolerated: u32) -> u16 {
        let d = self.dataset;
        let f = self.filter;
        if index >= d.len() {
            return u16::MAX;
        }
        let mut failed = 0;
        let start = d.starts[index];
        if f.after.is_some_and(|after| start < after) || f.before.is_some_and(|b| start >= b) {
            failed |= facet::DATES;
        }
        if let Some(types) = &self.types
            && !types
                .get(usize::from(d.types[index]))
                .copied()
                .unwrap_or(false)
        {
            failed |= facet::TYPES;
        }
        if let Some(countries) = &self.countries
            && !countries
                .get(usize::from(d.countries[index]))
                .copied()
                .unwrap_or(false)
        {
            failed |= facet::COUNTRIES;
        }
        if f.precise_places
            && matches!(
                d.geo_precisions[index],
                GeoPrecision::Region | GeoPrecision::Country
            )
        {
            failed |= facet::PLACES;
        }
        if f.precise_times
            && matches!(
                d.kinds[index].precision,
                TimePrecision::Month | TimePrecision::Approximate
            )
        {
            failed |= facet::TIMES;
        }
        if f.disputed && !d.is_disputed(index) {
            failed |= facet::DISPUTED;
        }
        if f.single_source && !d.is_single_source(index) {
            failed |= facet::SINGLE_SOURCE;
        }
        if !f.hidden_sources.is_empty() {
            let sources = d.citation_sources(index);
            if !sources.is_empty() && sources.iter().all(|s| f.hidden_sources.contains(s)) {
                failed |= facet::SOURCES;
            }
        }
        if !self.actors.is_empty() && !self.actors_match(index) {
            failed |= facet::ACTORS;
        }
        // A second failure already hides the event from every facet's count.
        if failed.count_ones() <= tolerated && !self.words.is_empty() && !self.words_match(index) {
            failed |= facet::WORDS;
        }
        failed
    }

    fn actors_match(&self, index: EventIndex) -> bool {
        let takes_part = |chosen: &[bool], role: ActorRole, (actor, mentioned): (ActorId, Role)| {
            chosen.get(actor.0 as usize).copied().unwrap_or(false)
                && match role {
                    ActorRole::Initiator => mentioned == Role::Initiator,
                    ActorRole::Target => mentioned == Role::Target,
                    ActorRole::Any => true,
                }
        };
        let chosen = |mention: (ActorId, Role)| {
            self.actors
                .iter()
                .any(|(chosen, role)| takes_part(chosen, *role, mention))
        };
        match self.mentions {
            Some(mentions) => mentions.of(index).any(chosen),
            None => self.dataset.mentions(index).any(chosen),
        }
    }

    fn words_match(&self, index: EventIndex) -> bool {
        self.words.iter().all(|word| match &word.hits {
            Hits::Exact(events) => events.contains(index),
            Hits::Candidates(events) => {
                events.contains(index) && self.text_contains(index, &word.folded)
            }
            Hits::Scan => self.text_contains(index, &word.folded),
        })
    }

    /// Whether the folded text of event `index` contains `folded`; the text is folded once
    /// per event however many words ask.
    fn text_contains(&self, index: EventIndex, folded: &str) -> bool {
        HAYSTACK.with_borrow_mut(|(held, haystack)| {
            let key = Some((self.dataset.generation(), index));
            if *held != key {
                haystack.clear();
                searchable_text(self.dataset, index, haystack);
                *held = key;
            }
            haystack.contains(folded)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actors, Citation, Event, Sources};

    /// Three events: reported by sources 0 and 1, by 0 twice, and by none.
    fn dataset() -> Dataset {
        let template = crate::model::synthetic::dataset(1, 1, 7)
            .event(0)
            .expect("one event");
        let events = [&[0u32, 1][..], &[0, 0], &[]]
            .iter()
            .enumerate()
            .map(|(i, sources)| Event {
                id: format!("e{i}"),
                sources: sources
                    .iter()
                    .map(|&id| Citation {
                        source: SourceId(id),
                        quote: "q".to_owned(),
                    })
                    .collect(),
                ..template.clone()
            })
            .collect();
        Dataset::new(events, Actors::default(), Sources::default())
    }

    #[test]
    fn an_event_is_hidden_only_when_every_article_reporting_it_is_off() {
        let dataset = dataset();
        let index = |id: &str| dataset.index_of(id).expect("present");
        let (both, only_first, unsourced) = (index("e0"), index("e1"), index("e2"));
        let mut filter = EventFilter::default();
        filter.set_source_visible(SourceId(0), false);
        assert!(!filter.shows_source(SourceId(0)));
        assert!(filter.admits(&dataset, both), "article 1 still reports it");
        assert!(!filter.admits(&dataset, only_first));
        assert!(filter.admits(&dataset, unsourced));
        filter.set_source_visible(SourceId(1), false);
        assert!(!filter.admits(&dataset, both));
        filter.set_source_visible(SourceId(0), true);
        filter.set_source_visible(SourceId(1), true);
        assert!(filter.is_empty());
        assert!(filter.admits(&dataset, only_first));
    }

    /// The word index and a plain search of every event's text agree, for words, parts
    /// of words, phrases, punctuation, transliterations and Arabic.
    #[test]
    fn the_word_index_finds_what_searching_the_text_finds() {
        let builtin = crate::io::load_builtin().dataset;
        let template = crate::model::synthetic::dataset(1, 1, 7)
            .event(0)
            .expect("one event");
        let notes = [
            "Clashes in al-Qa'im; U.S. forces hit.",
            "Sana’a airport: 3 drones (Houthi) over the Red Sea",
            "اشتباكات في القائم",
            "air base near Ain al-Asad",
            "Air-Base, the base of air",
            "",
        ];
        let events = notes
            .iter()
            .enumerate()
            .map(|(i, note)| Event {
                id: format!("e{i}"),
                notes: Some((*note).to_owned()),
                ..template.clone()
            })
            .collect();
        let odd = Dataset::new(events, Actors::default(), Sources::default());
        let queries = [
            "qaim",
            "Qa'im",
            "u.s.",
            "u.s",
            "US forces",
            "sanaa",
            "sana",
            "air base",
            "base of",
            "ase",
            "القائم",
            "3 drones",
            "(houthi)",
            "red sea",
            ".",
            "zz",
            "a",
            "Kataib Hezbollah",
            "Jordan",
            "tower 22",
            "strike",
            "al-Asad",
        ];
        for dataset in [&builtin, &odd] {
            for query in queries {
                let filter = EventFilter {
                    words: vec![query.to_owned()],
                    ..EventFilter::default()
                };
                let indexed = filter.matcher(dataset);
                let scanning = filter.resolve(dataset, false);
                for index in dataset.indices() {
                    assert_eq!(
                        indexed.admits(index),
                        scanning.admits(index),
                        "{query:?} on event {}",
                        dataset.id(index)
                    );
                }
            }
        }
        let found = |query: &str| {
            let filter = EventFilter {
                words: vec![query.to_owned()],
                ..EventFilter::default()
            };
            let matcher = filter.matcher(&odd);
            odd.indices().filter(|&i| matcher.admits(i)).count()
        };
        assert_eq!(found("qaim"), 1);
        assert_eq!(found("sanaa"), 1);
        assert_eq!(found("air base"), 2);
        assert_eq!(found("القائم"), 1);
        assert_eq!(found("nowhere"), 0);
    }
}
