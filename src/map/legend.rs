//! The map's legend: what the colours mean (initiators, targets, event types or layers, as
//! chosen in its "Colour by" menu), the most frequent in view first, with counts. Clicking
//! an entry shows only those events; Ctrl+click adds it to what is shown.

use egui::{Align2, RichText, Sense, Ui, Vec2};

use crate::model::{ActorChoice, ActorRole, Dataset};
use crate::state::{Command, ViewContext};
use crate::tint::{ColorBy, Tint};
use crate::ui::{palette, thousands};

/// How many entries the legend lists.
const ENTRIES: usize = 6;

/// The label of the legend's "Colour by" menu.
pub const COLOR_BY_LABEL: &str = "Colour the events by";

/// The accessible name of a legend entry.
pub fn legend_label(name: &str) -> String {
    format!("Legend: {name}")
}

/// Draws the legend over the bottom left of `map` for the tints in view with their
/// counts (most frequent first); `total` is the number of events they are part of (a
/// cluster names only its most frequent colours).
pub fn legend_ui(
    ui: &Ui,
    map: egui::Rect,
    cx: &ViewContext<'_>,
    (mut tints, total): (Vec<(Tint, u32)>, u32),
    commands: &mut Vec<Command>,
) {
    tints.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    egui::Area::new(ui.scope_id().with("map-legend"))
        .fixed_pos(map.left_bottom() + Vec2::new(10.0, -30.0))
        .pivot(Align2::LEFT_BOTTOM)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(260.0);
                let mut by = cx.view.color_by;
                ui.horizontal(|ui| {
                    ui.label(RichText::new("Colour by").small());
                    egui::ComboBox::from_id_salt(COLOR_BY_LABEL)
                        .selected_text(by.label())
                        .show_ui(ui, |ui| {
                            for choice in ColorBy::ALL {
                                ui.selectable_value(&mut by, choice, choice.label());
                            }
                        })
                        .response
                        .widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, COLOR_BY_LABEL)
                        });
                });
                if by != cx.view.color_by {
                    commands.push(Command::SetColorBy(by));
                }
                for &(tint, count) in tints.iter().take(ENTRIES) {
                    entry_ui(ui, cx, tint, count, commands);
                }
                let listed: u32 = tints.iter().take(ENTRIES).map(|(_, n)| n).sum();
                if total > listed {
                    ui.label(
                        RichText::new(format!(
                            "and {} events of other colours",
                            thousands(u64::from(total - listed))
                        ))
                        .small()
                        .weak(),
                    );
                }
            });
        });
}

/// Whether the events of `tint` are on the map as far as the legend's own filter goes (the
/// legend also lists, dimmed, those that filter hides).
fn is_shown(cx: &ViewContext<'_>, tint: Tint) -> bool {
    let filter = &cx.view.filter;
    match tint {
        Tint::Actor(actor) => {
            filter.actors.is_empty()
                || actor
                    .and_then(|id| cx.dataset.actors().get(id))
                    .is_some_and(|a| {
                        filter
                            .actors
                            .iter()
                            .any(|c| c.actor == a.key || c.actor == a.name)
                    })
        }
        Tint::Type(id) => {
            filter.types.is_empty()
                || cx.dataset.event_types().name(id).is_some_and(|name| {
                    filter
                        .types
                        .iter()
                        .any(|t| crate::model::fold(t) == crate::model::fold(name))
                })
        }
        Tint::Layer(_) => true,
    }
}

/// One entry: a swatch, a name and a count; a click filters to it.
fn entry_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    tint: Tint,
    count: u32,
    commands: &mut Vec<Command>,
) {
    let dataset: &Dataset = cx.dataset;
    let name = palette::tint_name(dataset, cx.view, tint);
    let color = palette::tint_color(dataset, cx.view, tint);
    let shown = is_shown(cx, tint);
    let response = ui
        .horizontal(|ui| {
            let (dot, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
            let color = if shown {
                color
            } else {
                color.gamma_multiply(0.3)
            };
            ui.painter().circle_filled(dot.center(), 5.5, color);
            if !shown {
                ui.visuals_mut().override_text_color = Some(ui.visuals().weak_text_color());
            }
            // Not selectable, so that a click goes to the entry.
            ui.add(
                egui::Label::new(format!("{name} · {}", thousands(u64::from(count))))
                    .selectable(false)
                    .sense(Sense::hover()),
            );
        })
        .response
        .interact(Sense::click());
    let label = legend_label(&name);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    let filterable = !matches!(tint, Tint::Layer(_) | Tint::Actor(None));
    let response = response.on_hover_text(if filterable {
        "Click to show only these events; Ctrl+click to add them to what is shown"
    } else {
        "Layers are shown and hidden in the Layers menu"
    });
    if !filterable || !response.clicked() {
        return;
    }
    let add = ui.input(|input| input.modifiers.command);
    let mut filter = cx.view.filter.clone();
    match tint {
        Tint::Actor(Some(actor)) => {
            let role = match cx.view.color_by {
                ColorBy::Target => ActorRole::Target,
                _ => ActorRole::Initiator,
            };
            if !add {
                filter.actors.clear();
            }
            filter.actors.insert(ActorChoice {
                actor: dataset
                    .actors()
                    .get(actor)
                    .map_or_else(String::new, |a| a.key.clone()),
                role,
            });
        }
        Tint::Type(id) => {
            if !add {
                filter.types.clear();
            }
            if let Some(name) = dataset.event_types().name(id) {
                filter.types.insert(name.to_owned());
            }
        }
        Tint::Actor(None) | Tint::Layer(_) => return,
    }
    commands.push(Command::SetFilter(filter));
}
