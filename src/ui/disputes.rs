//! Where the articles disagree: a small table per disputed field of an event (each claimed
//! value beside the articles that make it), and the Disputes view, which lists every disputed
//! event of the dataset for review.

use egui::{RichText, Ui};

use crate::model::{Claim, Dataset, Dispute, Event, EventIndex};
use crate::state::{Command, ViewContext};
use crate::ui::articles::short_source_name;
use crate::ui::palette;

/// A heading for a disputed field, in words.
pub fn dispute_title(field: &str) -> String {
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

/// The value of a claim as shown: an actor's name for a claim about who did it, otherwise
/// [`claim_label`].
fn claim_value(dataset: &Dataset, claim: &Claim) -> String {
    match dataset.actors().id_of(&claim.value) {
        Some(actor) => dataset.actors().name(actor).to_owned(),
        None => claim_label(&claim.value),
    }
}

/// The articles that make a claim, one per line, as the table shows them beside the value.
pub fn claim_sources_text(dataset: &Dataset, claim: &Claim) -> String {
    claim
        .sources
        .iter()
        .map(|id| {
            dataset
                .sources()
                .get(*id)
                .map_or_else(|| "unknown article".to_owned(), short_source_name)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One disputed field as a table: each claimed value with how many articles make it, beside
/// the articles themselves; how each value was read is one hover (or one click) away.
pub fn dispute_table_ui(ui: &mut Ui, dataset: &Dataset, event: &Event, dispute: &Dispute) {
    ui.label(RichText::new(dispute_title(&dispute.field)).strong());
    let stroke = ui.visuals().widgets.noninteractive.bg_stroke;
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(8, 5))
        .corner_radius(4.0)
        .stroke(stroke)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let value_width = (ui.available_width() * 0.45).max(110.0);
            egui::Grid::new(("dispute", &event.id, &dispute.field))
                .num_columns(2)
                .min_col_width(value_width)
                .spacing([12.0, 6.0])
                .striped(true)
                .show(ui, |ui| {
                    ui.label(RichText::new("Claim").small().weak());
                    ui.label(RichText::new("Made by").small().weak());
                    ui.end_row();
                    for claim in &dispute.claims {
                        ui.vertical(|ui| {
                            let value =
                                ui.label(RichText::new(claim_value(dataset, claim)).strong());
                            if let Some(note) = &claim.note {
                                value.on_hover_text(note);
                            }
                            let n = claim.sources.len();
                            ui.label(
                                RichText::new(format!(
                                    "{n} {}",
                                    if n == 1 { "article" } else { "articles" }
                                ))
                                .small()
                                .weak(),
                            );
                        });
                        let full_titles: Vec<String> = claim
                            .sources
                            .iter()
                            .filter_map(|id| dataset.sources().get(*id))
                            .map(crate::ui::article_title)
                            .collect();
                        ui.label(claim_sources_text(dataset, claim))
                            .on_hover_text(full_titles.join("\n"));
                        ui.end_row();
                    }
                });
            if dispute.claims.iter().any(|claim| claim.note.is_some()) {
                egui::CollapsingHeader::new(RichText::new("How each claim was read").small())
                    .id_salt(("claim-notes", &event.id, &dispute.field))
                    .default_open(false)
                    .show(ui, |ui| {
                        for claim in &dispute.claims {
                            if let Some(note) = &claim.note {
                                ui.label(
                                    RichText::new(format!(
                                        "{}: {note}",
                                        claim_value(dataset, claim)
                                    ))
                                    .small(),
                                );
                            }
                        }
                    });
            }
        });
}

/// The Disputes view: every disputed event of the dataset (`disputed`, in time order), with
/// its disputed fields in brief.
pub fn disputes_view_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    disputed: &[EventIndex],
    commands: &mut Vec<Command>,
) {
    let (dataset, view, visible) = (cx.dataset.as_ref(), cx.view, cx.visible.as_slice());
    let disputed: Vec<(EventIndex, Event)> = disputed
        .iter()
        .filter_map(|&index| dataset.event(index).map(|event| (index, event)))
        .collect();
    ui.heading(format!("Disputed events ({})", disputed.len()));
    ui.label(
        RichText::new(
            "Every event on which the articles disagree, oldest first. Click one to see the \
             claims side by side.",
        )
        .small()
        .weak(),
    );
    ui.add_space(6.0);
    if disputed.is_empty() {
        ui.label(RichText::new("The articles agree on every event.").weak());
    }
    for (index, event) in disputed {
        let color = palette::event_color(dataset, view, index);
        ui.horizontal(|ui| {
            let (dot, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().circle_filled(dot.center(), 5.0, color);
            ui.painter().circle_filled(
                dot.center() + egui::vec2(4.0, -4.0),
                2.5,
                palette::DISPUTE_BADGE,
            );
            ui.vertical(|ui| {
                let title = RichText::new(&event.title).strong();
                if ui.link(title).clicked() {
                    commands.push(Command::Select(Some(index)));
                    commands.push(Command::FlyTo(index));
                }
                let mut when = format!("{} · {}", event.time, event.place);
                if visible.binary_search(&index).is_err() {
                    when.push_str(if cx.filtered.admits(index) {
                        " · not on the map at this time"
                    } else {
                        " · hidden by the filters"
                    });
                }
                ui.label(RichText::new(when).small().weak());
                for dispute in &event.disputes {
                    let claims: Vec<String> = dispute
                        .claims
                        .iter()
                        .map(|claim| {
                            format!("{} ({})", claim_value(dataset, claim), claim.sources.len())
                        })
                        .collect();
                    ui.label(
                        RichText::new(format!(
                            "{}: {}",
                            dispute_title(&dispute.field),
                            claims.join(" · ")
                        ))
                        .small(),
                    );
                }
            });
        });
        ui.add_space(6.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claimed_dates_read_as_dates() {
        assert_eq!(claim_label("2024-01-20"), "Sat 20 Jan 2024");
        assert_eq!(
            claim_label("2024-01-15/2024-01-21"),
            "15 Jan to 21 Jan 2024"
        );
        assert_eq!(claim_label("over 12"), "over 12");
    }
}
