//! The built-in dataset says only what the articles say. These checks would have caught the
//! claims that went beyond the text:
//!
//! - every nesting of one actor in another rests on a quote, found in its article, that names
//!   both;
//! - every initiator, target and supporter of an event is named (by name or alias) in one of
//!   the event's quotes, or the event's notes explain the inference in a sentence that names
//!   the actor and says "infer…";
//! - every figure appears in one of the event's quotes, with its qualifier ("over 130");
//! - every calendar date that a quote gives ("January 12", "Jan. 4", "December 18, 2023",
//!   "Christmas Day") lies in the event's window; a date after "since", "after",
//!   "following" or "follows" is a lower bound, so the window must not end before it;
//! - statements with no stated place say so, at country precision;
//! - every origin (where an attack came from) rests on quotes, found in their articles, that
//!   name the origin's place, or its notes explain how the place was read.

use chronomap::io::{builtin_files, load, load_builtin};
use chronomap::model::{
    Actor, Dataset, Event, EventType, FIGURE_QUALIFIERS, FoldedText, GeoPrecision,
    INJURED_QUALIFIER, KILLED_QUALIFIER,
};
use jiff::civil::{self, Date};

fn dataset() -> Dataset {
    let loaded = load_builtin();
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    loaded.dataset
}

fn events(dataset: &Dataset) -> Vec<Event> {
    dataset
        .indices()
        .map(|index| dataset.event(index).expect("an event"))
        .collect()
}

fn event(dataset: &Dataset, id: &str) -> Event {
    let index = dataset
        .index_of(id)
        .unwrap_or_else(|| panic!("no event '{id}'"));
    dataset.event(index).expect("an event")
}

fn actor<'a>(dataset: &'a Dataset, key: &str) -> &'a Actor {
    let id = dataset
        .actors()
        .id_of(key)
        .unwrap_or_else(|| panic!("no actor '{key}'"));
    dataset.actors().get(id).expect("an actor")
}

/// Where `word` occurs in `text` as a whole word (case-sensitive): the byte offsets of the
/// occurrences whose neighbouring characters, if any, are not letters or digits.
fn word_starts(text: &str, word: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    if word.is_empty() {
        return starts;
    }
    let mut from = 0;
    while let Some(found) = text[from..].find(word) {
        let start = from + found;
        let end = start + word.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            starts.push(start);
        }
        from = end;
    }
    starts
}

/// Whether `word` occurs in `text` as a whole word.
fn has_word(text: &str, word: &str) -> bool {
    !word_starts(text, word).is_empty()
}

/// Whether `text` names the actor by its name or one of its aliases.
fn names(text: &str, actor: &Actor) -> bool {
    has_word(text, &actor.name) || actor.aliases.iter().any(|alias| has_word(text, alias))
}

/// The sentences of an event's notes that explain an inference about this actor.
fn explains_inference(notes: &str, actor: &Actor) -> bool {
    notes
        .split(". ")
        .any(|sentence| sentence.contains("infer") && names(sentence, actor))
}

#[test]
fn every_nesting_rests_on_a_quote_found_in_its_article_that_names_both() {
    let dataset = dataset();
    let mut nestings = 0;
    for (_, member) in dataset.actors().iter() {
        let Some(parent) = member.parent else {
            continue;
        };
        nestings += 1;
        let parent = dataset.actors().get(parent).expect("the parent");
        let basis = member
            .parent_basis
            .as_ref()
            .unwrap_or_else(|| panic!("{} within {}: no basis", member.key, parent.key));
        let source = dataset.sources().get(basis.source).expect("its article");
        assert!(
            FoldedText::new(&source.text).find(&basis.quote).is_some(),
            "{}: the basis is not in {}",
            member.key,
            source.key
        );
        assert!(
            names(&basis.quote, member) && names(&basis.quote, parent),
            "{} within {}: the basis must name both: {}",
            member.key,
            parent.key,
            basis.quote
        );
    }
    assert!(
        nestings >= 3,
        "centcom, irgc and kataib_hezbollah are nested"
    );
    let kh = actor(&dataset, "kataib_hezbollah");
    let pmf = dataset.actors().id_of("popular_mobilisation_forces");
    assert_eq!(kh.parent, pmf, "000 ties Kataib Hezbollah to the PMF");
    let iri = dataset.actors().id_of("islamic_resistance_in_iraq");
    assert!(
        dataset.actors().iter().all(|(_, a)| a.parent != iri),
        "no article nests any actor in the Islamic Resistance in Iraq"
    );
}

#[test]
fn actor_facts_are_quotes_found_in_their_articles() {
    let dataset = dataset();
    let kh = actor(&dataset, "kataib_hezbollah");
    let facts: Vec<&str> = kh.facts.iter().map(|f| f.quote.as_str()).collect();
    for year in ["2007", "2009", "February 2020"] {
        assert!(
            facts.iter().any(|quote| quote.contains(year)),
            "Kataib Hezbollah's background from {year} is a fact on the actor"
        );
    }
    for (_, actor) in dataset.actors().iter() {
        for fact in &actor.facts {
            let source = dataset.sources().get(fact.source).expect("its article");
            assert!(
                FoldedText::new(&source.text).find(&fact.quote).is_some(),
                "{}",
                actor.key
            );
        }
    }
}

#[test]
fn every_origin_rests_on_quotes_found_in_their_articles_that_name_its_place() {
    let dataset = dataset();
    let with_origin = dataset.events_with_origin();
    assert!(!with_origin.is_empty(), "the built-in data has origins");
    for &index in with_origin {
        let event = dataset.event(index).expect("an event");
        let origin = event.origin.as_ref().expect("listed events have an origin");
        assert!(
            !origin.sources.is_empty(),
            "{}: an origin needs a quote",
            event.id
        );
        for citation in &origin.sources {
            let source = dataset.sources().get(citation.source).expect("its article");
            assert!(
                FoldedText::new(&source.text)
                    .find(&citation.quote)
                    .is_some(),
                "{}: origin quote not in {}",
                event.id,
                source.key
            );
        }
        let named = origin
            .sources
            .iter()
            .any(|citation| has_word(&citation.quote, &origin.place));
        let explained = origin
            .notes
            .as_deref()
            .is_some_and(|notes| notes.contains(&origin.place));
        assert!(
            named || explained,
            "{}: no origin quote names '{}', and no note explains it",
            event.id,
            origin.place
        );
        // A launch place the articles give only as a region or a country is drawn as a
        // spread, never as a point.
        if !named {
            assert!(
                matches!(
                    origin.geo_precision,
                    GeoPrecision::Region | GeoPrecision::Country
                ),
                "{}",
                event.id
            );
        }
    }
    let al_asad = event(&dataset, "al-asad-missile-attack");
    let origin = al_asad
        .origin
        .expect("Al-Asad's missiles came from within Iraq");
    assert_eq!(origin.place, "Iraq");
    assert_eq!(origin.geo_precision, GeoPrecision::Country);
    assert!(
        origin
            .sources
            .iter()
            .any(|c| c.quote.contains("launched from within Iraq"))
    );
}

#[test]
fn an_origin_whose_quote_is_not_in_the_article_is_reported_and_the_event_kept() {
    let mut files = builtin_files();
    let broken = files.events.replace(
        "launched from within Iraq.\"",
        "launched from within Syria.\"",
    );
    assert_ne!(broken, files.events, "the test edits the origin's quote");
    files.events = broken.into();
    let loaded = load(&files, &|file: &str| chronomap::io::article(file));
    let problem = loaded
        .problems
        .iter()
        .find(|p| p.field.as_deref() == Some("origin.sources"))
        .expect("a problem for the origin's quote");
    assert_eq!(problem.feature.as_deref(), Some("al-asad-missile-attack"));
    assert!(problem.file.contains("events.geojson"), "{problem:?}");
    assert!(problem.message.contains("without its origin"), "{problem}");
    let index = loaded
        .dataset
        .index_of("al-asad-missile-attack")
        .expect("the event is kept");
    assert!(loaded.dataset.origin(index).is_none(), "without its origin");
}

#[test]
fn a_nesting_whose_basis_is_not_in_the_article_is_reported_and_dropped() {
    let mut files = builtin_files();
    let broken = files.actors.replace(
        "The group is also affiliated with the Hashed al-Shaabi",
        "The group is also a member of the Hashed al-Shaabi",
    );
    assert_ne!(broken, files.actors, "the test edits the basis");
    files.actors = broken.into();
    let loaded = load(&files, &|file: &str| chronomap::io::article(file));
    let problem = loaded
        .problems
        .iter()
        .find(|p| p.feature.as_deref() == Some("kataib_hezbollah"))
        .expect("a problem for the actor");
    assert_eq!(problem.field.as_deref(), Some("basis"));
    assert!(problem.file.contains("actors.json"), "{problem:?}");
    let kh = actor(&loaded.dataset, "kataib_hezbollah");
    assert_eq!(kh.parent, None, "an unsourced nesting is not kept");
}

#[test]
fn every_actor_of_an_event_is_named_in_its_quotes_or_the_inference_is_noted() {
    let dataset = dataset();
    let mut failures = Vec::new();
    for event in events(&dataset) {
        let notes = event.notes.clone().unwrap_or_default();
        for (role, ids) in [
            ("initiator", &event.initiators),
            ("target", &event.targets),
            ("supporter", &event.supporters),
        ] {
            for id in ids {
                let actor = dataset.actors().get(*id).expect("an actor");
                let named = event.sources.iter().any(|c| names(&c.quote, actor));
                if !named && !explains_inference(&notes, actor) {
                    failures.push(format!("{}: {role} {}", event.id, actor.key));
                }
            }
        }
    }
    assert!(failures.is_empty(), "not named in a quote: {failures:#?}");
}

#[test]
fn the_name_check_can_fail() {
    let dataset = dataset();
    let israel = actor(&dataset, "israel");
    let syria = event(&dataset, "strikes-syria-hezbollah");
    // The quote that follows "Israeli strikes have hit Lebanon" does not name Israel.
    assert!(
        !syria
            .sources
            .iter()
            .any(|c| c.quote.starts_with("And almost") && names(&c.quote, israel))
    );
    assert!(!has_word("Israeli strikes", "Israel"));
    assert!(has_word("Iran’s ruler", "Iran"));
    assert!(!explains_inference("Israel is recorded.", israel));
}

/// Number words the articles use for figures.
const NUMBER_WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Whether one of the quotes gives `figure` with its qualifier, in digits or in words. A
/// named death ("killed a militia leader", "took out ... commander") gives "at least 1".
fn figure_in_quotes(quotes: &[&str], figure: u32, qualifier: Option<&str>) -> bool {
    let mut spellings = vec![figure.to_string()];
    if let Some(word) = NUMBER_WORDS.get(figure as usize) {
        spellings.push((*word).to_owned());
    }
    let spelled = spellings.iter().any(|spelling| {
        quotes.iter().any(|quote| match qualifier {
            Some(qualifier) => has_word(quote, &format!("{qualifier} {spelling}")),
            // An exact figure must not be a bound in the quote ("over 130" is not 130).
            None => word_starts(quote, spelling).into_iter().any(|start| {
                let before = quote[..start].trim_end();
                !FIGURE_QUALIFIERS
                    .iter()
                    .any(|q| before.ends_with(q) || before.ends_with("than"))
            }),
        })
    });
    let named_death = figure == 1
        && qualifier == Some("at least")
        && quotes
            .iter()
            .any(|quote| quote.contains("killed a ") || quote.contains("took out"));
    spelled || named_death
}

#[test]
fn every_figure_appears_in_a_quote_with_its_qualifier() {
    let dataset = dataset();
    let mut failures = Vec::new();
    let mut figures = 0;
    for event in events(&dataset) {
        let quotes: Vec<&str> = event.sources.iter().map(|c| c.quote.as_str()).collect();
        for (name, figure, attribute) in [
            ("killed", event.killed, KILLED_QUALIFIER),
            ("injured", event.injured, INJURED_QUALIFIER),
        ] {
            let Some(figure) = figure else {
                continue;
            };
            figures += 1;
            if !figure_in_quotes(&quotes, figure, event.qualifier(attribute)) {
                failures.push(format!(
                    "{}: {name} = {}",
                    event.id,
                    event.figure_words(Some(figure), attribute)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "figures not in a quote: {failures:#?}");
    assert!(figures >= 10, "{figures}");
    // The check can fail: a qualifier the quote does not use, or a sum it does not give.
    let quote = ["Israeli strikes have hit Lebanon, killing over 130 Hezbollah fighters"];
    assert!(figure_in_quotes(&quote, 130, Some("over")));
    assert!(!figure_in_quotes(&quote, 130, None));
    assert!(!figure_in_quotes(&quote, 130, Some("at least")));
    assert!(!figure_in_quotes(
        &["four US personnel and an Iraqi official"],
        5,
        None
    ));
}

#[test]
fn figures_carry_their_qualifiers_and_are_not_sums() {
    let dataset = dataset();
    let lebanon = event(&dataset, "israeli-strikes-lebanon-hezbollah");
    assert_eq!(
        lebanon.figure_words(lebanon.killed, KILLED_QUALIFIER),
        "over 130"
    );
    let syria = event(&dataset, "strikes-syria-hezbollah");
    assert_eq!(
        syria.figure_words(syria.killed, KILLED_QUALIFIER),
        "almost 20"
    );
    let baghdad = event(&dataset, "baghdad-drone-strike-abu-taqwa");
    assert_eq!(
        baghdad.figure_words(baghdad.killed, KILLED_QUALIFIER),
        "at least 1"
    );
    let al_asad = event(&dataset, "al-asad-missile-attack");
    assert_eq!(al_asad.injured, Some(4), "four US personnel, as stated");
    assert!(al_asad.disputes.iter().all(|d| d.field != "injured"));
    assert!(al_asad.summary.contains("Iraqi official"));
    for site in [
        "us-strike-jurf-al-sakhar",
        "us-strike-al-qaim",
        "us-strike-western-iraq-unnamed-site",
    ] {
        let strike = event(&dataset, site);
        assert_eq!(
            strike.figure_words(strike.killed, KILLED_QUALIFIER),
            "at least 2",
            "{site}"
        );
        assert_eq!(strike.injured, Some(4), "{site}");
    }
}

const MONTHS: [(&str, i8); 12] = [
    ("January", 1),
    ("February", 2),
    ("March", 3),
    ("April", 4),
    ("May", 5),
    ("June", 6),
    ("July", 7),
    ("August", 8),
    ("September", 9),
    ("October", 10),
    ("November", 11),
    ("December", 12),
];

/// A date a quote gives, and whether it is only a lower bound ("since January 11").
#[derive(Debug, PartialEq)]
struct QuotedDate {
    date: Date,
    lower_bound: bool,
}

/// The calendar dates a quote gives: a month name or its abbreviation ("Jan.") followed by a
/// day, with an optional year; or "Christmas Day". Without a year, October to December are
/// 2023 and the other months 2024, the period the articles cover. A date is a lower bound
/// when one of the eight words before it is "since", "after", "following" or "follows".
fn quoted_dates(quote: &str) -> Vec<QuotedDate> {
    let words: Vec<&str> = quote.split_whitespace().collect();
    let mut dates = Vec::new();
    let trim = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    for (i, word) in words.iter().enumerate() {
        let word = trim(word);
        let month = MONTHS.iter().find(|(name, _)| {
            word == *name || (word.len() == 3 && name.starts_with(word.as_str()))
        });
        let (date, used) = if let Some((_, month)) = month {
            let Some(day) = words
                .get(i + 1)
                .map(|w| trim(w))
                .and_then(|w| w.parse::<i8>().ok())
                .filter(|d| (1..=31).contains(d))
            else {
                continue;
            };
            let year = words
                .get(i + 2)
                .map(|w| trim(w))
                .and_then(|w| w.parse::<i16>().ok())
                .filter(|y| (1900..=2100).contains(y))
                .unwrap_or(if *month >= 10 { 2023 } else { 2024 });
            (civil::Date::new(year, *month, day).ok(), i)
        } else if word == "Christmas" && words.get(i + 1).map(|w| trim(w)).as_deref() == Some("Day")
        {
            (Some(civil::date(2023, 12, 25)), i)
        } else {
            continue;
        };
        let Some(date) = date else {
            continue;
        };
        let lower_bound = words[used.saturating_sub(8)..used].iter().any(|w| {
            matches!(
                trim(w).to_lowercase().as_str(),
                "since" | "after" | "following" | "follows"
            )
        });
        dates.push(QuotedDate { date, lower_bound });
    }
    dates
}

/// The first and last calendar day of an event's window.
fn window(event: &Event) -> (Date, Date) {
    let first = event.time.start.date();
    let last = event.time.end.as_ref().map_or(first, |end| end.date());
    (first, last)
}

#[test]
fn every_events_window_holds_the_dates_its_quotes_give() {
    let dataset = dataset();
    let mut failures = Vec::new();
    let mut checked = 0;
    for event in events(&dataset) {
        let (first, last) = window(&event);
        for citation in &event.sources {
            for quoted in quoted_dates(&citation.quote) {
                checked += 1;
                let fits = if quoted.lower_bound {
                    last >= quoted.date
                } else {
                    first <= quoted.date && quoted.date <= last
                };
                if !fits {
                    failures.push(format!(
                        "{}: window {first}..{last} vs {:?} in \"{}\"",
                        event.id, quoted, citation.quote
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(checked >= 5, "{checked} dates checked");
}

#[test]
fn the_date_reader_finds_the_articles_dates_and_bounds() {
    let d = |y, m, day| civil::date(y, m, day);
    assert_eq!(
        quoted_dates("the successful initial joint operation on January 12 which"),
        vec![QuotedDate {
            date: d(2024, 1, 12),
            lower_bound: false
        }]
    );
    assert_eq!(
        quoted_dates("the eighth retaliatory airstrike since January 11."),
        vec![QuotedDate {
            date: d(2024, 1, 11),
            lower_bound: true
        }]
    );
    assert_eq!(
        quoted_dates("a strike on Jan. 4, then the USS Eisenhower on December 18, 2023"),
        vec![
            QuotedDate {
                date: d(2024, 1, 4),
                lower_bound: false
            },
            QuotedDate {
                date: d(2023, 12, 18),
                lower_bound: false
            }
        ]
    );
    assert_eq!(
        quoted_dates("On Christmas Day, Hezbollah")[0].date,
        d(2023, 12, 25)
    );
    assert!(quoted_dates("since mid-October, in May").is_empty());
}

#[test]
fn who_acted_is_what_the_articles_say() {
    let dataset = dataset();
    let key = |id: &chronomap::model::ActorId| {
        dataset
            .actors()
            .get(*id)
            .map(|a| a.key.clone())
            .unwrap_or_default()
    };
    let keys = |ids: &[chronomap::model::ActorId]| ids.iter().map(&key).collect::<Vec<_>>();

    let eight = event(&dataset, "us-uk-strikes-yemen-eight-targets");
    assert_eq!(keys(&eight.initiators), ["us", "uk"]);
    assert_eq!(
        keys(&eight.supporters),
        [
            "australia",
            "bahrain",
            "canada",
            "netherlands",
            "new_zealand"
        ]
    );
    assert!(
        eight.disputes.iter().any(|d| d.field == "round"),
        "second joint action or eighth round"
    );
    let syria = event(&dataset, "strikes-syria-hezbollah");
    assert!(syria.initiators.is_empty(), "the attacker is not stated");
    let irgc = event(&dataset, "irgc-missile-strike-iraq-spy-hq");
    assert!(irgc.targets.is_empty(), "Israel is not stated as hit");
    assert!(
        irgc.sources.iter().all(|c| dataset
            .sources()
            .get(c.source)
            .is_some_and(|s| s.key.starts_with("000"))),
        "004's strikes are a separate event"
    );
    assert!(
        event(&dataset, "iran-missile-strikes-iraq")
            .notes
            .is_some_and(|n| n.contains("irgc-missile-strike-iraq-spy-hq"))
    );
    let harir = event(&dataset, "al-harir-airbase-drone-attack");
    assert!(harir.targets.is_empty(), "no article says who uses Harir");
    let erbil = event(&dataset, "erbil-air-base-attack-christmas");
    assert_eq!(keys(&erbil.initiators), ["hezbollah_as_named_in_000"]);
    let al_asad = event(&dataset, "al-asad-missile-attack");
    assert!(al_asad.disputes.iter().any(|d| d.field == "place"));
}

#[test]
fn the_wire_agency_is_not_claimed_as_the_outlet() {
    let dataset = dataset();
    let (_, reuters) = dataset
        .sources()
        .iter()
        .find(|(_, s)| s.key.starts_with("002"))
        .expect("002");
    assert_eq!(reuters.outlet, None);
    assert_eq!(reuters.wire.as_deref(), Some("Reuters"));
    assert!(reuters.text.contains("Reporting by Reuters"));
    for (_, source) in dataset.sources().iter() {
        if let Some(wire) = &source.wire {
            assert!(source.text.contains(&format!("Reporting by {wire}")));
        }
    }
}

#[test]
fn statements_without_a_stated_place_say_so_at_country_precision() {
    let dataset = dataset();
    let mut statements = 0;
    for event in events(&dataset) {
        if event.event_type != EventType::Statement.label() {
            continue;
        }
        statements += 1;
        let stated = event.sources.iter().any(|c| c.quote.contains(&event.place));
        assert!(
            stated || event.place.starts_with("not stated"),
            "{}: place '{}' is in no quote",
            event.id,
            event.place
        );
        if !stated {
            assert_eq!(event.geo_precision, GeoPrecision::Country, "{}", event.id);
        }
    }
    // Every dated statement is an event (the rule in the README).
    for id in [
        "centcom-statement-iraq-strikes",
        "austin-statement-iraq-strikes",
        "us-uk-joint-statement-yemen-strikes",
        "cameron-statement-yemen-strikes",
        "sunak-biden-warn-of-more-strikes",
        "iraq-foreign-ministry-warning",
        "al-moussawi-warns-americans",
        "iraq-parliament-questions-us-presence",
        "khamenei-calls-for-blockade-of-israel",
        "al-walai-calls-for-mediterranean-blockade",
    ] {
        assert_eq!(
            event(&dataset, id).event_type,
            EventType::Statement.label(),
            "{id}"
        );
    }
    assert!(statements >= 13, "{statements}");
}

#[test]
fn windows_that_span_more_than_a_week_are_not_labelled_a_week() {
    use chronomap::model::TimePrecision;
    let dataset = dataset();
    for event in events(&dataset) {
        let (first, last) = window(&event);
        let days = (last - first).get_days();
        match event.time.precision {
            TimePrecision::Day | TimePrecision::Exact => {
                assert_eq!(first, last, "{}", event.id);
            }
            TimePrecision::Week => assert!(days < 7, "{}: {days} days", event.id),
            _ => {}
        }
    }
}

#[test]
fn the_readme_counts_the_events() {
    let dataset = dataset();
    let readme = include_str!("../README.md");
    let section = readme
        .split("## The built-in dataset")
        .nth(1)
        .expect("the section");
    assert!(
        section.contains(&format!("The {} events", dataset.len())),
        "the README's built-in dataset section gives the number of events"
    );
    assert!(
        section.contains("Left out"),
        "and a table of what was left out"
    );
}
