//! The source panel on the right: the selected event with every article sentence that
//! reports it and every point on which the articles disagree; with nothing selected, the
//! list of events on the map.

use egui::{Color32, RichText, Stroke, Ui};

use crate::app::{Command, ViewState};
use crate::model::{Dataset, Event, EventIndex, GeoPrecision, Source, SourceId};
use crate::ui::palette;

/// At most this many events are listed; the map shows the rest.
const MAX_LISTED: usize = 500;

/// The label of the button that goes back from an event to the list.
pub const BACK_LABEL: &str = "Back to all events";

/// Shows the panel.
pub fn source_panel_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    view: &ViewState,
    visible: &[EventIndex],
    commands: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(6.0);
            match view.selected.and_then(|index| dataset.event(index)) {
                Some(event) => event_ui(ui, dataset, event, commands),
                None => event_list_ui(ui, dataset, visible, commands),
            }
            ui.add_space(12.0);
        });
}

fn event_list_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    visible: &[EventIndex],
    commands: &mut Vec<Command>,
) {
    ui.heading(format!("Events on the map ({})", visible.len()));
    ui.label(RichText::new("Click a marker or an event to read what the articles say.").weak());
    ui.add_space(6.0);
    let count = visible.len();
    // Newest first: the escalation reads from the latest event down.
    for &index in visible.iter().rev().take(MAX_LISTED) {
        let Some(event) = dataset.event(index) else {
            continue;
        };
        let color = palette::event_color(dataset, event);
        ui.horizontal(|ui| {
            let (dot, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().circle_filled(dot.center(), 5.0, color);
            ui.vertical(|ui| {
                if ui.link(RichText::new(&event.title).strong()).clicked() {
                    commands.push(Command::Select(Some(index)));
                }
                ui.label(
                    RichText::new(format!("{} · {}", event.time, event.place))
                        .small()
                        .weak(),
                );
            });
        });
        ui.add_space(2.0);
    }
    if count > MAX_LISTED {
        ui.label(RichText::new(format!("…and {} more on the map.", count - MAX_LISTED)).weak());
    }
}

fn event_ui(ui: &mut Ui, dataset: &Dataset, event: &Event, commands: &mut Vec<Command>) {
    if ui.button(BACK_LABEL).clicked() {
        commands.push(Command::Select(None));
    }
    ui.add_space(4.0);
    let color = palette::event_color(dataset, event);
    ui.horizontal(|ui| {
        let (dot, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
        ui.painter().circle_filled(dot.center(), 6.0, color);
        ui.label(
            RichText::new(event.event_type.label())
                .strong()
                .color(color),
        );
    });
    ui.label(RichText::new(&event.title).heading().strong());
    ui.add_space(4.0);

    egui::Grid::new("event_facts")
        .num_columns(2)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("When").weak());
            ui.label(format!(
                "{} ({}){}",
                event.time,
                time_precision_words(event),
                disputed(event, "start")
            ));
            ui.end_row();
            ui.label(RichText::new("Where").weak());
            ui.label(place_words(event));
            ui.end_row();
            ui.label(RichText::new("Initiators").weak());
            actors_ui(ui, dataset, &event.initiators);
            ui.end_row();
            ui.label(RichText::new("Targets").weak());
            actors_ui(ui, dataset, &event.targets);
            ui.end_row();
            ui.label(RichText::new("Killed").weak());
            ui.label(format!(
                "{}{}",
                count_words(event.killed),
                disputed(event, "killed")
            ));
            ui.end_row();
            ui.label(RichText::new("Injured").weak());
            ui.label(format!(
                "{}{}",
                count_words(event.injured),
                disputed(event, "injured")
            ));
            ui.end_row();
        });
    if !event.summary.is_empty() {
        ui.add_space(6.0);
        ui.label(&event.summary);
    }

    if !event.disputes.is_empty() {
        ui.add_space(10.0);
        ui.label(
            RichText::new("Where the sources disagree")
                .heading()
                .size(16.0),
        );
        for dispute in &event.disputes {
            ui.add_space(6.0);
            ui.label(RichText::new(dispute_title(&dispute.field)).strong());
            for claim in &dispute.claims {
                claim_ui(ui, dataset, claim);
            }
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
    if reporting.len() == 1 {
        reported.push_str(" (a single source)");
    }
    ui.label(RichText::new(reported).weak());
    for citation in &event.sources {
        ui.add_space(6.0);
        quote_ui(
            ui,
            dataset.sources().get(citation.source),
            &citation.quote,
            color,
        );
    }

    if let Some(notes) = &event.notes {
        ui.add_space(8.0);
        egui::CollapsingHeader::new("How this event was placed and dated")
            .default_open(false)
            .show(ui, |ui| {
                ui.label(notes);
            });
    }
}

fn quote_ui(ui: &mut Ui, source: Option<&Source>, quote: &str, color: Color32) {
    let frame = egui::Frame::new()
        .inner_margin(egui::Margin {
            left: 10,
            right: 6,
            top: 4,
            bottom: 4,
        })
        .fill(ui.visuals().faint_bg_color);
    let response = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(quote).italics());
        if let Some(source) = source {
            ui.label(
                RichText::new(format!("— {}", source.title()))
                    .small()
                    .strong(),
            );
            let outlet = source.outlet.as_deref().unwrap_or("outlet unknown");
            let published = source.published.map_or_else(
                || "date unknown".to_owned(),
                |date| date.strftime("%-d %B %Y").to_string(),
            );
            ui.label(
                RichText::new(format!("{outlet} · {published} · {}", source.file))
                    .small()
                    .weak(),
            );
        }
    });
    let rect = response.response.rect;
    ui.painter().line_segment(
        [rect.left_top(), rect.left_bottom()],
        Stroke::new(3.0, color),
    );
}

fn actors_ui(ui: &mut Ui, dataset: &Dataset, actors: &[crate::model::ActorId]) {
    if actors.is_empty() {
        ui.label(RichText::new("not named").weak());
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
            ui.label(&actor.name);
        }
    });
}

fn source_name(dataset: &Dataset, id: SourceId) -> String {
    dataset.sources().get(id).map_or_else(
        || "unknown article".to_owned(),
        |source| {
            let mut title: String = source.title().chars().take(60).collect();
            if title.chars().count() < source.title().chars().count() {
                title.push('…');
            }
            match &source.outlet {
                Some(outlet) => format!("{outlet}: {title}"),
                None => title,
            }
        },
    )
}

fn count_words(count: Option<u32>) -> String {
    count.map_or_else(|| "no figure reported".to_owned(), |n| n.to_string())
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

/// A heading for a disputed field, in words.
fn dispute_title(field: &str) -> String {
    match field {
        "start" => "When it happened".to_owned(),
        "end" => "When it ended".to_owned(),
        "initiators" => "Who did it".to_owned(),
        "targets" => "Who was targeted".to_owned(),
        "killed" => "How many were killed".to_owned(),
        "injured" => "How many were injured".to_owned(),
        "sites" => "Which sites were struck".to_owned(),
        "count" => "How many".to_owned(),
        "place" => "Where".to_owned(),
        other => other.to_owned(),
    }
}

/// One claimed value with the articles that make it, as a small card.
fn claim_ui(ui: &mut Ui, dataset: &Dataset, claim: &crate::model::Claim) {
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(8, 4))
        .corner_radius(4.0)
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                // A claim about who did it names an actor by id: show the actor's name.
                let value = match dataset.actors().id_of(&claim.value) {
                    Some(actor) => dataset.actors().name(actor).to_owned(),
                    None => claim_label(&claim.value),
                };
                ui.label(RichText::new(value).strong());
                let n = claim.sources.len();
                ui.label(
                    RichText::new(format!(
                        "{n} {}",
                        if n == 1 { "article" } else { "articles" }
                    ))
                    .weak(),
                );
            });
            for source in &claim.sources {
                ui.label(RichText::new(format!("• {}", source_name(dataset, *source))).small());
            }
            if let Some(note) = &claim.note {
                ui.label(RichText::new(note).small().weak());
            }
        });
}

/// A claimed value in words: ISO dates and date ranges become readable dates; anything else
/// is shown as written.
pub fn claim_label(value: &str) -> String {
    let day = |text: &str| text.parse::<jiff::civil::Date>().ok();
    if let Some(date) = day(value) {
        return date.strftime("%a %-d %b %Y").to_string();
    }
    if let Some((from, to)) = value.split_once('/')
        && let (Some(from), Some(to)) = (day(from), day(to))
    {
        return format!(
            "{} to {}",
            from.strftime("%-d %b"),
            to.strftime("%-d %b %Y")
        );
    }
    value.to_owned()
}

/// A note after a fact on which the articles disagree.
fn disputed(event: &Event, field: &str) -> &'static str {
    if event.disputes.iter().any(|dispute| dispute.field == field) {
        " · disputed, see below"
    } else {
        ""
    }
}
