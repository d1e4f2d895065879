//! The bar across the top: what is loaded, any problems, and the light/dark switch.

use egui::{RichText, Ui};

use crate::model::{Dataset, Problem};
use crate::state::Command;

/// Shows the top bar.
pub fn top_bar_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    shown: usize,
    problems: &[Problem],
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("chronomap").heading().strong());
        ui.separator();
        // Articles have their text; other sources are records of a file (an ACLED source).
        let articles = dataset
            .sources()
            .iter()
            .filter(|(_, source)| !source.text.is_empty())
            .count();
        let records = dataset.sources().len() - articles;
        let mut sources = format!("{articles} articles");
        if records > 0 {
            sources = format!(
                "{sources} · {} sources",
                crate::ui::thousands(records as u64)
            );
        }
        ui.label(format!(
            "{} events · {} actors · {sources} · {} on the map",
            crate::ui::thousands(dataset.len() as u64),
            dataset.actors().len(),
            crate::ui::thousands(shown as u64)
        ));
        if !problems.is_empty() {
            let text = format!(
                "{} problem{} loading data",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
            if ui
                .button(RichText::new(text).color(ui.visuals().warn_fg_color))
                .clicked()
            {
                commands.push(Command::ShowProblems(true));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            theme_switch_ui(ui);
        });
    });
}

/// Light and dark buttons, in words rather than emoji so that every font can draw them.
fn theme_switch_ui(ui: &mut Ui) {
    let dark = ui.visuals().dark_mode;
    // Right to left: the last added is leftmost.
    if ui.selectable_label(dark, "Dark").clicked() {
        ui.ctx().set_theme(egui::Theme::Dark);
    }
    if ui.selectable_label(!dark, "Light").clicked() {
        ui.ctx().set_theme(egui::Theme::Light);
    }
}
