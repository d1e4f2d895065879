//! The source panel driven as a person would: read an article and click a highlighted
//! passage, compare the claims of a disputed event, review the disputes, and switch articles
//! off to see their events leave the map.

use std::ops::Range;

use chronomap::map::marker_label;
use chronomap::model::{EventIndex, SourceId, locate_passages, stretches};
use chronomap::ui::{
    ARTICLES_TAB, BACK_LABEL, DISPUTES_TAB, HIDDEN_BY_FILTER_NOTE, article_title, claim_label,
    claim_sources_text, passage_label,
};
use chronomap::{ChronomapApp, Command};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use common::harness;

mod common;

fn al_asad(app: &ChronomapApp) -> EventIndex {
    app.dataset()
        .iter_events()
        .position(|event| event.place.contains("Asad") && event.event_type == "Missile attack")
        .expect("the built-in data has the Al-Asad attack")
}

/// The events that cite the first highlighted stretch of an article, in the order the reader
/// names them (the first is the one a click selects when nothing is selected).
fn first_stretch_events(app: &ChronomapApp, source: SourceId) -> Vec<EventIndex> {
    let dataset = app.dataset();
    let text = &dataset.sources().get(source).expect("article").text;
    let quotes = dataset
        .citations_in(source)
        .map(|(index, _, quote)| (index, quote));
    let passages = locate_passages(text, quotes);
    let ranges: Vec<Range<usize>> = passages.iter().map(|p| p.range.clone()).collect();
    let first = stretches(&ranges)
        .into_iter()
        .next()
        .expect("a cited passage");
    let mut events = Vec::new();
    for passage in first.passages {
        let event = passages[passage].key;
        if !events.contains(&event) {
            events.push(event);
        }
    }
    events
}

#[test]
fn clicking_a_highlighted_passage_selects_its_event_moves_time_and_flies_the_map() {
    let mut harness = harness();
    let article = SourceId(0);
    let events = first_stretch_events(harness.state(), article);
    let event = events[0];
    let (start, _) = harness.state().dataset().span_of(event).expect("an event");
    // Put the time cursor before the event, so that selecting it must bring time forward.
    harness
        .state_mut()
        .apply(Command::SetTime(start.plus_seconds(-86_400)));
    harness.run_steps(2);
    assert!(!harness.state().visible_events().contains(&event));

    harness.get_by_label(ARTICLES_TAB).click();
    harness.run_steps(2);
    harness
        .get_all_by_label("Read")
        .next()
        .expect("a Read button per article")
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().source_panel().reading(), Some(article));

    let titles: Vec<String> = events
        .iter()
        .map(|index| harness.state().dataset().title(*index).into_owned())
        .collect();
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    let label = passage_label(&titles);
    // Bring it into the reader's view, as a person would scroll to it, then click it.
    harness
        .get_all_by_label(&label)
        .next()
        .expect("the passage is highlighted")
        .scroll_to_me();
    harness.run_steps(10);
    harness
        .get_all_by_label(&label)
        .next()
        .expect("the passage is highlighted")
        .click();
    harness.run_steps(2);

    let app = harness.state();
    assert_eq!(app.view().selected, Some(event));
    assert!(app.visible_events().contains(&event), "time moved to it");
    assert!(app.map().is_flying(), "the map flies rather than jumps");
    assert_eq!(
        app.source_panel().reading(),
        Some(article),
        "the reader stays put"
    );

    // A second or so later the flight has arrived over the event.
    harness.run_steps(150);
    let app = harness.state();
    assert!(!app.map().is_flying());
    let center = app.map().center().expect("the map has a centre");
    let position = app.dataset().position(event).expect("a located event");
    assert!(
        (center.x() - position.x()).abs() < 1e-6 && (center.y() - position.y()).abs() < 1e-6,
        "{center:?} is not {position:?}"
    );
    assert!(app.map().zoom() >= 6.0);
}

#[test]
fn the_al_asad_attack_shows_both_claims_about_its_day_each_beside_its_sources() {
    let mut harness = harness();
    let index = al_asad(harness.state());
    let title = harness
        .state()
        .dataset()
        .event(index)
        .expect("an event")
        .title
        .clone();
    harness.get_by_label(&marker_label(&title)).click();
    harness.run_steps(3);
    assert_eq!(harness.state().view().selected, Some(index));

    let dataset = harness.state().dataset();
    let event = &dataset.event(index).expect("an event");
    let day = event
        .disputes
        .iter()
        .find(|dispute| dispute.field == "start")
        .expect("the day is disputed");
    assert!(day.claims.len() >= 2);
    for claim in &day.claims {
        let value_label = claim_label(&claim.value);
        let value_rect = harness.get_by_label(&value_label).rect();
        let sources = claim_sources_text(dataset, claim);
        // The articles that make the claim sit beside it, on the same row of the table.
        let beside = harness.get_all_by_label(&sources).any(|node| {
            let rect = node.rect();
            rect.left() > value_rect.right()
                && rect.top() < value_rect.bottom()
                && value_rect.top() < rect.bottom()
        });
        assert!(beside, "{sources:?} is not beside {:?}", claim.value);
    }
    // Who reports it, and the reader open at the first quote.
    harness.get_by_label(&format!(
        "Reported by {} of {} sources",
        event.reporting_sources().len(),
        dataset.sources().len()
    ));
    assert_eq!(
        harness.state().source_panel().reading(),
        Some(event.sources[0].source)
    );
}

#[test]
fn turning_an_article_off_hides_the_events_only_it_reports() {
    let mut harness = harness();
    let dataset = harness.state().dataset();
    // The last article reports several events that no other article does.
    let (article, source) = dataset.sources().iter().last().expect("articles");
    let only_here: Vec<String> = dataset
        .iter_events()
        .filter(|event| event.reporting_sources() == [article])
        .map(|event| event.title.clone())
        .collect();
    let shared: Vec<String> = dataset
        .iter_events()
        .filter(|event| {
            let reporting = event.reporting_sources();
            reporting.contains(&article) && reporting.len() > 1
        })
        .map(|event| event.title.clone())
        .collect();
    assert!(!only_here.is_empty() && !shared.is_empty());
    let switch = article_title(source);
    let before = harness.state().visible_events().len();
    for title in only_here.iter().chain(&shared) {
        harness.get_by_label(&marker_label(title));
    }

    harness.get_by_label(ARTICLES_TAB).click();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, &switch)
        .click();
    harness.run_steps(3);

    for title in &only_here {
        assert!(
            harness.query_by_label(&marker_label(title)).is_none(),
            "{title} is still on the map"
        );
    }
    for title in &shared {
        harness.get_by_label(&marker_label(title));
    }
    let after = harness.state().visible_events().len();
    assert_eq!(after, before - only_here.len());
    harness.get_by_label(&format!(
        "{} of {} articles on · {after} events on the map",
        dataset_sources(&harness) - 1,
        dataset_sources(&harness)
    ));

    // An event that only it reports can still be read about, with a note on why it is
    // not on the map.
    let hidden = harness
        .state()
        .dataset()
        .iter_events()
        .position(|event| event.title == only_here[0])
        .expect("the event");
    harness.state_mut().apply(Command::Select(Some(hidden)));
    harness.run_steps(3);
    harness.get_by_label(HIDDEN_BY_FILTER_NOTE);
    harness.get_by_label(ARTICLES_TAB).click();
    harness.run_steps(2);

    // Switching it back on brings them back. The reader now takes the lower half of the
    // panel, so the switch is scrolled into view first.
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, &switch)
        .scroll_to_me();
    harness.run_steps(10);
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, &switch)
        .click();
    harness.run_steps(3);
    for title in &only_here {
        harness.get_by_label(&marker_label(title));
    }
    assert_eq!(harness.state().visible_events().len(), before);
}

fn dataset_sources(harness: &Harness<'static, ChronomapApp>) -> usize {
    harness.state().dataset().sources().len()
}

#[test]
fn the_disputes_view_lists_every_disputed_event_and_opens_one() {
    let mut harness = harness();
    harness.get_by_label(DISPUTES_TAB).click();
    harness.run_steps(2);
    let dataset = harness.state().dataset();
    let disputed: Vec<(EventIndex, String)> = dataset
        .iter_events()
        .enumerate()
        .filter(|(_, event)| event.is_disputed())
        .map(|(index, event)| (index, event.title.clone()))
        .collect();
    assert!(disputed.len() >= 5);
    harness.get_by_label(&format!("Disputed events ({})", disputed.len()));
    for (_, title) in &disputed {
        harness.get_by_label(title);
    }

    let (index, title) = &disputed[disputed.len() - 1];
    harness.get_by_label(title).click();
    harness.run_steps(3);
    assert_eq!(harness.state().view().selected, Some(*index));
    // The event opens in the Events tab, with the way back to the list.
    harness.get_by_label(BACK_LABEL);
}

#[test]
fn the_reader_switches_between_the_articles_that_quote_the_selected_event() {
    let mut harness = harness();
    let index = al_asad(harness.state());
    harness.state_mut().apply(Command::Select(Some(index)));
    harness.run_steps(3);
    let dataset = harness.state().dataset();
    let event = &dataset.event(index).expect("an event");
    assert_eq!(
        harness.state().source_panel().reading(),
        Some(event.sources[0].source),
        "the reader opens at the first quote"
    );
    // The article reported by Reuters (the wire agency its text credits; its publisher is
    // unknown) is one of the other articles that quote it.
    let (reuters, _) = dataset
        .sources()
        .iter()
        .find(|(_, source)| source.wire.as_deref() == Some("Reuters") && source.outlet.is_none())
        .expect("the Reuters wire article");
    let quotes = event
        .sources
        .iter()
        .filter(|citation| citation.source == reuters)
        .count();
    assert!(quotes > 0 && event.sources[0].source != reuters);
    harness
        .get_by_label(&format!("via Reuters ({quotes})"))
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().source_panel().reading(), Some(reuters));
    assert_eq!(harness.state().view().selected, Some(index));
}

#[test]
fn the_panel_shows_qualified_figures_supporters_and_the_wire_agency() {
    let mut harness = harness();
    let lebanon = harness
        .state()
        .dataset()
        .index_of("israeli-strikes-lebanon-hezbollah")
        .expect("the Lebanon event");
    harness.state_mut().apply(Command::Select(Some(lebanon)));
    harness.run_steps(3);
    // "over 130", as the article says, not "130".
    harness.get_by_label("over 130");
    assert!(harness.query_by_label("130").is_none());

    let eight = harness
        .state()
        .dataset()
        .index_of("us-uk-strikes-yemen-eight-targets")
        .expect("the 22 January strikes");
    harness.state_mut().apply(Command::Select(Some(eight)));
    harness.run_steps(3);
    harness.get_by_label("Supported by");
    harness.get_by_label("New Zealand");

    // 002, which quotes the Al-Asad attack, is credited to Reuters as the wire agency; its
    // publisher is not claimed.
    let index = al_asad(harness.state());
    harness.state_mut().apply(Command::Select(Some(index)));
    harness.run_steps(3);
    assert!(
        harness
            .query_all_by_label_contains("outlet unknown · reporting by Reuters (wire)")
            .next()
            .is_some()
    );
}

#[test]
fn the_al_asad_attack_shows_where_its_missiles_came_from_with_the_quote() {
    let mut harness = harness();
    let index = al_asad(harness.state());
    let origin = harness
        .state()
        .dataset()
        .origin(index)
        .expect("the built-in data gives Al-Asad an origin")
        .clone();
    harness.state_mut().apply(Command::Select(Some(index)));
    harness.run_steps(4);
    let from = chronomap::ui::origin_words(&origin);
    assert!(from.starts_with("from Iraq (country)"), "{from}");
    harness.get_by_label(&from);
    let quote = origin
        .sources
        .iter()
        .find(|citation| citation.quote.contains("launched from within Iraq"))
        .expect("003's sentence");
    // The event's own quote from 003 runs on past this sentence, so a label with exactly
    // these words is the origin's.
    harness.get_by_label(&quote.quote);
}
