//! The window listing what could not be loaded, each problem naming its file, feature and
//! field.

use egui::RichText;

use crate::model::Problem;
use crate::state::Command;

/// The window's title.
pub const PROBLEMS_TITLE: &str = "Problems loading data";

/// Shows the problems window.
pub fn problems_window(ctx: &egui::Context, problems: &[Problem], commands: &mut Vec<Command>) {
    let mut open = true;
    egui::Window::new(PROBLEMS_TITLE)
        .open(&mut open)
        .default_width(520.0)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(format!(
                "{} problem{} found. The rest of the data is shown; nothing was changed on disk.",
                problems.len(),
                if problems.len() == 1 {
                    " was"
                } else {
                    "s were"
                }
            ));
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for problem in problems {
                        ui.label(RichText::new(problem.to_string()).monospace());
                        ui.add_space(2.0);
                    }
                });
        });
    if !open {
        commands.push(Command::ShowProblems(false));
    }
}
