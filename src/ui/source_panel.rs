//! The source panel on the right. Three tabs: the events on the map (or the selected event,
//! with every article sentence that reports it and every point on which the articles
//! disagree), the articles (with the switches that filter by source), and the disputes. Under
//! them, the reader shows an article's full text with its cited passages highlighted.

use egui::{Color32, RichText, Stroke, Ui};

use crate::model::{
    Dataset, Event, EventIndex, GeoPrecision, INJURED_QUALIFIER, KILLED_QUALIFIER, Source, SourceId,
};
use crate::state::{Command, ViewContext, ViewState};
use crate::ui::articles::{ArticleSupport, article_facts, article_title, articles_ui};
use crate::ui::disputes::{dispute_table_ui, disputes_view_ui};
use crate::ui::palette;
use crate::ui::reader::Reader;

/// At most this many events are listed; the map shows the rest.
const MAX_LISTED: usize = 500;

/// The label of the button that goes back from an event to the list.
pub const BACK_LABEL: &str = "Back to all events";
/// The label of the tab with the events on the map, or the selected event.
pub const EVENTS_TAB: &str = "Events";
/// The label of the tab with the list of articles and the source filter.
pub const ARTICLES_TAB: &str = "Articles";
/// The label of the tab that lists every disputed event.
pub const DISPUTES_TAB: &str = "Disputes";
/// The note on a selected event that the source filter keeps off the map.
pub const HIDDEN_BY_FILTER_NOTE: &str =
    "Not on the map: every article that reports it is switched off (Articles tab).";
/// The note on a selected event that the other filters keep off the map.
pub const HIDDEN_BY_FILTERS_NOTE: &str = "Not on the map: the filters hide it (Filter box).";
/// The label of the link under a quote that opens its article at it.
pub const READ_IN_CONTEXT_LABEL: &str = "Read it in the article";

/// The tabs of the source panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
enum Tab {
    #[default]
    Events,
    Articles,
    Disputes,
}

/// The source panel's own state: which tab is open and the reader. Selection, time and
/// filters are the app's; the panel only reads them.
pub struct SourcePanel {
    tab: Tab,
    reader: Reader,
    /// The selection the panel last saw: a new one opens the reader at its first quote.
    seen_selection: Option<EventIndex>,
    /// Which events each article supports; the dataset does not change, so it is found once.
    support: ArticleSupport,
    /// The disputed events, in time order, found once for the same reason.
    disputed: Vec<EventIndex>,
    /// How many sources are articles with their text.
    articles: usize,
}

impl SourcePanel {
    /// A panel for this dataset.
    pub fn new(dataset: &Dataset) -> Self {
        SourcePanel {
            tab: Tab::default(),
            reader: Reader::default(),
            seen_selection: None,
            support: ArticleSupport::new(dataset),
            disputed: dataset.disputed_indices(),
            articles: dataset
                .sources()
                .iter()
                .filter(|(_, source)| !source.text.is_empty())
                .count(),
        }
    }

    /// The article open in the reader, if any.
    pub fn reading(&self) -> Option<SourceId> {
        self.reader.open_article()
    }

    /// Shows the panel in the whole of `ui`.
    pub fn ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>, commands: &mut Vec<Command>) {
        let (dataset, view): (&Dataset, _) = (cx.dataset, cx.view);
        let visible: &[EventIndex] = cx.visible;
        // A selection made anywhere (map, timeline, lists, reader) shows the event and opens
        // the reader at its first quote.
        let selection_changed = view.selected != self.seen_selection;
        if selection_changed {
            self.seen_selection = view.selected;
            if let Some(index) = view.selected {
                self.tab = Tab::Events;
                self.reader.follow_selection(dataset, index);
            }
        }

        egui::Panel::top("source_panel_tabs")
            .show_separator_line(true)
            .show(ui, |ui| {
                ui.add_space(4.0);
                ui.horizontal(|ui| {
                    let disputed = self.disputed.len();
                    for (tab, label, count) in [
                        (Tab::Events, EVENTS_TAB, visible.len()),
                        (Tab::Articles, ARTICLES_TAB, self.articles),
                        (Tab::Disputes, DISPUTES_TAB, disputed),
                    ] {
                        let response =
                            ui.selectable_label(self.tab == tab, label)
                                .on_hover_text(match tab {
                                    Tab::Events => format!("{count} events on the map"),
                                    Tab::Articles => format!("{count} articles: read and filter"),
                                    Tab::Disputes => {
                                        format!("{count} events the articles disagree on")
                                    }
                                });
                        if response.clicked() {
                            self.tab = tab;
                        }
                    }
                });
                ui.add_space(2.0);
            });

        if self.reader.open_article().is_some() {
            let height = ui.available_height();
            // The reader sits on a page of its own colour, like paper under the panel.
            let page = egui::Frame::new()
                .fill(ui.visuals().extreme_bg_color)
                .inner_margin(egui::Margin::symmetric(10, 6));
            egui::Panel::bottom("source_panel_reader")
                .frame(page)
                .resizable(true)
                .default_size((height * 0.42).max(200.0))
                .size_range(160.0..=(height - 120.0).max(200.0))
                .show(ui, |ui| {
                    ui.add_space(4.0);
                    self.reader.ui(ui, dataset, view, commands);
                });
        }

        let mut details = egui::ScrollArea::vertical()
            .id_salt(("source_panel", self.tab))
            .auto_shrink([false, false]);
        if selection_changed && self.tab == Tab::Events {
            // A newly selected event is read from its title down.
            details = details.vertical_scroll_offset(0.0);
        }
        details.show(ui, |ui| {
            ui.add_space(6.0);
            match self.tab {
                Tab::Events => match view
                    .selected
                    .and_then(|index| Some((index, dataset.event(index)?)))
                {
                    Some((index, event)) => {
                        let hidden = hidden_note(dataset, &view.filter, cx.filtered, index);
                        let opened = event_ui(ui, dataset, view, index, &event, hidden, commands);
                        if let Some((source, quote)) = opened {
                            self.reader.open_at_quote(dataset, source, &quote);
                        }
                    }
                    None => event_list_ui(ui, dataset, view, visible, commands),
                },
                Tab::Articles => {
                    let reading = self.reader.open_article();
                    if let Some(source) =
                        articles_ui(ui, dataset, view, visible, &self.support, reading, commands)
                    {
                        self.reader.open(source);
                    }
                }
                Tab::Disputes => {
                    disputes_view_ui(ui, cx, &self.disputed, commands);
                }
            }
            ui.add_space(12.0);
        });
    }
}

fn event_list_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    view: &ViewState,
    visible: &[EventIndex],
    commands: &mut Vec<Command>,
) {
    ui.heading(format!(
        "Events on the map ({})",
        crate::ui::thousands(visible.len() as u64)
    ));
    ui.label(RichText::new("Click a marker or an event to read what the articles say.").weak());
    ui.add_space(6.0);
    let count = visible.len();
    // Newest first: the escalation reads from the latest event down.
    for &index in visible.iter().rev().take(MAX_LISTED) {
        let color = palette::event_color(dataset, view, index);
        let disputed = dataset.is_disputed(index);
        ui.horizontal(|ui| {
            let (dot, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().circle_filled(dot.center(), 5.0, color);
            if disputed {
                ui.painter().circle_filled(
                    dot.center() + egui::vec2(4.0, -4.0),
                    2.5,
                    palette::DISPUTE_BADGE,
                );
            }
            ui.vertical(|ui| {
                if ui
                    .link(RichText::new(dataset.title(index).as_ref()).strong())
                    .clicked()
                {
                    commands.push(Command::Select(Some(index)));
                    commands.push(Command::FlyTo(index));
                }
                let time = dataset
                    .time(index)
                    .map(|t| t.to_string())
                    .unwrap_or_default();
                let mut line = format!("{time} · {}", dataset.place(index));
                if disputed {
                    line.push_str(" · disputed");
                }
                if dataset.is_single_source(index) {
                    line.push_str(" · single source");
                }
                ui.label(RichText::new(line).small().weak());
            });
        });
        ui.add_space(2.0);
    }
    if count > MAX_LISTED {
        ui.label(RichText::new(format!("…and {} more on the map.", count - MAX_LISTED)).weak());
    }
}

/// A small rounded tag beside an event's title.
fn tag_ui(ui: &mut Ui, text: &str, color: Color32, hover: &str) {
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(6, 1))
        .corner_radius(8.0)
        .stroke(Stroke::new(1.0, color))
        .show(ui, |ui| {
            ui.label(RichText::new(text).small().color(color));
        })
        .response
        .on_hover_text(hover);
}

/// Why the filters keep event `index` off the map, if they do: the articles switched off,
/// or the other filters.
fn hidden_note(
    dataset: &Dataset,
    filter: &crate::model::EventFilter,
    shown: &crate::model::FilterResult,
    index: EventIndex,
) -> Option<&'static str> {
    // The result the map shows, unless a new filter is still being worked out.
    let failures = if shown.is_for(dataset, filter) {
        shown.failures(index)
    } else {
        filter.matcher_for_one(dataset).failures(index)
    };
    if failures == 0 {
        None
    } else if failures & crate::model::facet::SOURCES != 0 {
        Some(HIDDEN_BY_FILTER_NOTE)
    } else {
        Some(HIDDEN_BY_FILTERS_NOTE)
    }
}

/// The selected event; `hidden` says why the filters keep it off the map, if they do.
/// Returns an article and quote to open in the reader, if the user asked.
fn event_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    view: &ViewState,
    index: EventIndex,
    event: &Event,
    hidden: Option<&'static str>,
    commands: &mut Vec<Command>,
) -> Option<(SourceId, String)> {
    if ui.button(BACK_LABEL).clicked() {
        commands.push(Command::Select(None));
    }
    ui.add_space(4.0);
    let color = palette::event_color(dataset, view, index);
    ui.horizontal_wrapped(|ui| {
        let (dot, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
        ui.painter().circle_filled(dot.center(), 6.0, color);
        ui.label(RichText::new(&event.event_type).strong().color(color));
        if event.is_disputed() {
            tag_ui(
                ui,
                "disputed",
                palette::DISPUTE_BADGE,
                "The articles disagree about this event: see below",
            );
        }
        if event.is_single_source() {
            tag_ui(
                ui,
                "single source",
                ui.visuals().warn_fg_color,
                "Only one article reports this event; nothing corroborates it",
            );
        }
    });
    ui.label(RichText::new(&event.title).heading().strong());
    if let Some(note) = hidden {
        ui.label(
            RichText::new(note)
                .small()
                .color(ui.visuals().warn_fg_color),
        );
    }
    ui.add_space(4.0);

    // Rows rather than a grid, so that long values (a vague place, many initiators) wrap
    // inside the panel instead of widening it.
    fact_row(ui, "When", |ui| {
        wrapped(
            ui,
            format!(
                "{} ({}){}",
                event.time,
                time_precision_words(event),
                disputed(event, "start")
            ),
        );
    });
    fact_row(ui, "Where", |ui| wrapped(ui, place_words(event)));
    let mut open = None;
    if let Some(origin) = &event.origin {
        fact_row(ui, "From", |ui| wrapped(ui, origin_words(origin)));
        // The sentences that say where it came from, right under the claim they support;
        // their ids stay apart from the event's own quotes below.
        for (n, citation) in origin.sources.iter().enumerate() {
            let source = dataset.sources().get(citation.source);
            if quote_ui(ui, ORIGIN_QUOTE_IDS + n, source, &citation.quote, color) {
                open = Some((citation.source, citation.quote.clone()));
            }
            ui.add_space(4.0);
        }
    }
    fact_row(ui, "Initiators", |ui| {
        actors_ui(ui, dataset, &event.initiators);
    });
    fact_row(ui, "Targets", |ui| actors_ui(ui, dataset, &event.targets));
    if !event.supporters.is_empty() {
        fact_row(ui, "Supported by", |ui| {
            actors_ui(ui, dataset, &event.supporters);
        });
    }
    fact_row(ui, "Killed", |ui| {
        wrapped(
            ui,
            format!(
                "{}{}",
                event.figure_words(event.killed, KILLED_QUALIFIER),
                disputed(event, "killed")
            ),
        );
    });
    fact_row(ui, "Injured", |ui| {
        wrapped(
            ui,
            format!(
                "{}{}",
                event.figure_words(event.injured, INJURED_QUALIFIER),
                disputed(event, "injured")
            ),
        );
    });
    if !event.summary.is_empty() {
        ui.add_space(6.0);
        ui.label(&event.summary);
    }

    if event.is_disputed() {
        ui.add_space(10.0);
        ui.label(
            RichText::new("Where the sources disagree")
                .heading()
                .size(16.0),
        );
        for dispute in &event.disputes {
            ui.add_space(6.0);
            dispute_table_ui(ui, dataset, event, dispute);
        }
    }

    ui.add_space(10.0);
    let reporting = event.reporting_sources();
    ui.label(RichText::new("What the articles say").heading().size(16.0));
    let mut reported = format!(
        "Reported by {} of {} sources",
        reporting.len(),
        dataset.sources().len()
    );
    if event.is_single_source() {
        reported.push_str(" (a single source)");
    }
    ui.label(RichText::new(reported).weak());
    for (n, citation) in event.sources.iter().enumerate() {
        ui.add_space(6.0);
        let source = dataset.sources().get(citation.source);
        if quote_ui(ui, n, source, &citation.quote, color) {
            open = Some((citation.source, citation.quote.clone()));
        }
    }

    if let Some(url) = &event.url {
        ui.add_space(6.0);
        fact_row(ui, "Address", |ui| crate::ui::reader::address_ui(ui, url));
    }
    // The figures' qualifiers are shown with the figures above.
    let other_fields: Vec<&(String, String)> = event
        .attributes
        .iter()
        .filter(|(name, _)| name != KILLED_QUALIFIER && name != INJURED_QUALIFIER)
        .collect();
    if !other_fields.is_empty() {
        ui.add_space(6.0);
        egui::CollapsingHeader::new("Other fields in the file")
            .default_open(false)
            .show(ui, |ui| {
                for (name, value) in other_fields {
                    fact_row(ui, name, |ui| wrapped(ui, value.clone()));
                }
            });
    }

    if let Some(notes) = &event.notes {
        ui.add_space(8.0);
        egui::CollapsingHeader::new("How this event was placed and dated")
            .default_open(false)
            .show(ui, |ui| {
                ui.label(notes);
            });
    }
    open
}

/// One quote with its article. Returns whether the user asked to read it in the article.
fn quote_ui(ui: &mut Ui, n: usize, source: Option<&Source>, quote: &str, color: Color32) -> bool {
    let frame = egui::Frame::new()
        .inner_margin(egui::Margin {
            left: 10,
            right: 6,
            top: 4,
            bottom: 4,
        })
        .fill(ui.visuals().faint_bg_color);
    let mut read = false;
    let response = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(quote).italics());
        if let Some(source) = source {
            ui.label(
                RichText::new(format!("— {}", article_title(source)))
                    .small()
                    .strong(),
            );
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(article_facts(source)).small().weak());
                // A source that is a record of the file has no text to open.
                if !source.text.is_empty() {
                    let link = ui.push_id(n, |ui| {
                        ui.link(RichText::new(READ_IN_CONTEXT_LABEL).small())
                    });
                    read = link.inner.clicked();
                }
            });
        }
    });
    let rect = response.response.rect;
    ui.painter().line_segment(
        [rect.left_top(), rect.left_bottom()],
        Stroke::new(3.0, color),
    );
    read
}

/// One fact of an event: a name in a fixed column and its value, which wraps.
fn fact_row(ui: &mut Ui, name: &str, add_value: impl FnOnce(&mut Ui)) {
    ui.horizontal_top(|ui| {
        ui.allocate_ui_with_layout(
            egui::vec2(64.0, 18.0),
            egui::Layout::left_to_right(egui::Align::Min),
            |ui| {
                ui.set_min_width(64.0);
                ui.label(RichText::new(name).weak());
            },
        );
        ui.vertical(|ui| {
            ui.set_max_width(ui.available_width());
            add_value(ui);
        });
    });
    ui.add_space(2.0);
}

fn wrapped(ui: &mut Ui, text: String) {
    ui.add(egui::Label::new(text).wrap());
}

fn actors_ui(ui: &mut Ui, dataset: &Dataset, actors: &[crate::model::ActorId]) {
    if actors.is_empty() {
        ui.label(RichText::new("not stated in the articles").weak());
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for id in actors {
            let Some(actor) = dataset.actors().get(*id) else {
                continue;
            };
            let color = palette::color32(actor.color);
            let (dot, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().circle_filled(dot.center(), 4.5, color);
            let label = ui.label(&actor.name);
            let about = actor_sources_words(dataset, actor);
            if !about.is_empty() {
                label.on_hover_text(about);
            }
        }
    });
}

fn time_precision_words(event: &Event) -> &'static str {
    use crate::model::TimePrecision::*;
    match event.time.precision {
        Exact => "exact time",
        Day => "known to the day",
        Week => "known to the week",
        Month => "known to the month",
        Approximate => "approximate",
    }
}

/// Where the ids of an origin's "read in context" links start, apart from the event's own.
const ORIGIN_QUOTE_IDS: usize = 10_000;

/// "from Iraq (country)", with what the precision means for the arc on the map.
pub fn origin_words(origin: &crate::model::Origin) -> String {
    let meaning = match origin.geo_precision {
        GeoPrecision::Site | GeoPrecision::Town => "the arc starts at this point",
        GeoPrecision::Region | GeoPrecision::Country => {
            "no launch point is given: the arc starts from a spread"
        }
    };
    format!(
        "from {} ({}) — {meaning}",
        origin.place,
        origin.geo_precision.as_str()
    )
}

fn place_words(event: &Event) -> String {
    let mut words = event.place.clone();
    if let Some(country) = &event.country {
        words.push_str(&format!(", {country}"));
    }
    if let Some(sea) = &event.sea {
        words.push_str(&format!(" ({sea})"));
    }
    let precision = match event.geo_precision {
        GeoPrecision::Site => "exact site",
        GeoPrecision::Town => "town, not the exact site",
        GeoPrecision::Region => "region only: the point is representative",
        GeoPrecision::Country => "country only: the point is representative",
    };
    format!("{words} — {precision}")
}

/// What the articles say about an actor beyond its events: the sentence its nesting rests
/// on and its dated background, each with the article. Empty when they say nothing.
fn actor_sources_words(dataset: &Dataset, actor: &crate::model::Actor) -> String {
    let article = |citation: &crate::model::Citation| {
        dataset
            .sources()
            .get(citation.source)
            .map_or_else(|| "unknown article".to_owned(), |s| s.key.clone())
    };
    let mut lines = Vec::new();
    if let (Some(parent), Some(basis)) = (actor.parent, &actor.parent_basis) {
        lines.push(format!(
            "Within {}: \"{}\" ({})",
            dataset.actors().name(parent),
            basis.quote,
            article(basis)
        ));
    }
    for fact in &actor.facts {
        lines.push(format!("\"{}\" ({})", fact.quote, article(fact)));
    }
    lines.join("\n")
}

/// A note after a fact on which the articles disagree.
fn disputed(event: &Event, field: &str) -> &'static str {
    if event.disputes.iter().any(|dispute| dispute.field == field) {
        " · disputed, see below"
    } else {
        ""
    }
}
