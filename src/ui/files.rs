//! Opening files and the layers they become: the **Open…** button, the **Layers** menu, and
//! a progress bar with **Cancel** for each file being read.

use egui::{RichText, Role, Sense, Stroke, Ui, Vec2};

use crate::app::Layer;
use crate::loading::Loading;
use crate::model::Rgb;
use crate::state::Command;
use crate::ui::palette;

/// The label of the button that opens the file dialog.
pub const OPEN_LABEL: &str = "Open…";
/// The label of the menu of loaded datasets.
pub const LAYERS_LABEL: &str = "Layers";
/// The label of the button that stops a file being read.
pub const CANCEL_LOAD_LABEL: &str = "Cancel";
/// The label of the choice that colours a layer's events by their initiators.
pub const BY_ACTOR_LABEL: &str = "By actor";

/// The accessible name of the swatch that draws the layer `layer` in `color` (one of the
/// names in [`palette::LAYER_COLORS`]).
pub fn layer_color_label(layer: &str, color: &str) -> String {
    format!("Colour {layer} {color}")
}

/// Shows the open button, the layers menu and the progress of files being read.
pub fn files_ui(
    ui: &mut Ui,
    layers: &[Layer],
    combining: bool,
    loads: &[Loading],
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        if ui
            .button(OPEN_LABEL)
            .on_hover_text(
                "Open ACLED, GDELT, GeoJSON or CSV files (or drop them on the window). \
                 Each becomes a layer.",
            )
            .clicked()
        {
            commands.push(Command::OpenFileDialog);
        }
        ui.menu_button(LAYERS_LABEL, |ui| layers_menu_ui(ui, layers, commands));
        let shown: Vec<&str> = layers
            .iter()
            .filter(|layer| layer.visible)
            .map(|layer| layer.name.as_str())
            .collect();
        let shown = if shown.is_empty() {
            "nothing (every layer is hidden)".to_owned()
        } else {
            shown.join(" + ")
        };
        ui.label(RichText::new(format!("Showing: {shown}")).weak());
        if combining {
            ui.spinner();
            ui.label(RichText::new("putting the layers together…").weak());
        }
        for (index, loading) in loads.iter().enumerate() {
            ui.separator();
            progress_ui(ui, index, loading, commands);
        }
    });
}

fn layers_menu_ui(ui: &mut Ui, layers: &[Layer], commands: &mut Vec<Command>) {
    for (index, layer) in layers.iter().enumerate() {
        ui.horizontal(|ui| {
            let label = format!(
                "{} ({} events)",
                layer.name,
                thousands(layer.dataset.len() as u64)
            );
            let mut visible = layer.visible;
            if ui.checkbox(&mut visible, label).changed() {
                commands.push(Command::SetLayerVisible(index, visible));
            }
            if index > 0 && ui.small_button("Remove").clicked() {
                commands.push(Command::RemoveLayer(index));
            }
        });
        ui.horizontal(|ui| {
            ui.add_space(24.0);
            layer_color_ui(ui, index, layer, commands);
        });
        if let Some(report) = &layer.report {
            let format = report.format.map_or("unknown format", |f| f.label());
            ui.label(
                RichText::new(format!(
                    "    {format} · {} rows read · {} rejected",
                    report.rows, report.rejected
                ))
                .small()
                .weak(),
            );
        }
    }
}

/// "By actor" or one of the layer colours, as a row of swatches.
fn layer_color_ui(ui: &mut Ui, index: usize, layer: &Layer, commands: &mut Vec<Command>) {
    ui.spacing_mut().item_spacing.x = 4.0;
    if ui
        .selectable_label(layer.color.is_none(), BY_ACTOR_LABEL)
        .on_hover_text("Each event in its initiator's colour, the same in every layer")
        .clicked()
    {
        commands.push(Command::SetLayerColor(index, None));
    }
    for (name, rgb) in palette::LAYER_COLORS {
        if swatch_ui(ui, &layer.name, name, rgb, layer.color == Some(rgb)) {
            commands.push(Command::SetLayerColor(index, Some(rgb)));
        }
    }
}

/// A round swatch of `rgb`, ringed when chosen; returns whether it was clicked.
fn swatch_ui(ui: &mut Ui, layer: &str, name: &str, rgb: Rgb, chosen: bool) -> bool {
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(18.0), Sense::click());
    let label = layer_color_label(layer, name);
    response.widget_info(|| egui::WidgetInfo::selected(Role::Button, true, chosen, &label));
    let painter = ui.painter();
    let radius = if response.hovered() { 8.0 } else { 7.0 };
    painter.circle(
        rect.center(),
        radius,
        palette::color32(rgb),
        Stroke::new(1.0, ui.visuals().weak_text_color()),
    );
    if chosen {
        painter.circle_stroke(
            rect.center(),
            9.0,
            Stroke::new(2.0, ui.visuals().strong_text_color()),
        );
    }
    response
        .on_hover_text(format!("All its events in {name}"))
        .clicked()
}

/// "Loading acled.csv: 120 of 415 MB · 300,000 rows" with a bar and Cancel.
fn progress_ui(ui: &mut Ui, index: usize, loading: &Loading, commands: &mut Vec<Command>) {
    let (bytes, total, rows) = loading.progress.snapshot();
    let fraction = if total > 0 {
        (bytes as f32 / total as f32).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let megabytes = |b: u64| b as f64 / 1_000_000.0;
    ui.label(format!("Loading {}", loading.name()));
    ui.add(
        egui::ProgressBar::new(fraction)
            .desired_width(160.0)
            .show_percentage(),
    );
    ui.label(
        RichText::new(format!(
            "{:.0} of {:.0} MB · {} rows",
            megabytes(bytes),
            megabytes(total),
            thousands(rows)
        ))
        .small(),
    );
    if loading.progress.is_cancelled() {
        ui.label(RichText::new("cancelling…").small().weak());
    } else if ui.button(CANCEL_LOAD_LABEL).clicked() {
        commands.push(Command::CancelLoad(index));
    }
}

/// A count with thousands separators: 1,234,567.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
