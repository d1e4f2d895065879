//! Opening files and the layers they become: the **Open…** button, the **Layers** menu, and
//! a progress bar with **Cancel** for each file being read.

use egui::{RichText, Ui};

use crate::app::Layer;
use crate::loading::Loading;
use crate::state::Command;

/// The label of the button that opens the file dialog.
pub const OPEN_LABEL: &str = "Open…";
/// The label of the menu of loaded datasets.
pub const LAYERS_LABEL: &str = "Layers";
/// The label of the button that stops a file being read.
pub const CANCEL_LOAD_LABEL: &str = "Cancel";

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
