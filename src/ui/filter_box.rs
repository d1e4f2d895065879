//! The filter box: the filter as an expression (the same language as `chronomap export
//! --filter`), which the user can edit and apply with Enter, or copy to run again. A
//! mistake is shown under the box, pointing at the wrong part, and changes nothing.

use egui::{RichText, Ui};

use crate::model::{EventFilter, ExpressionError, parse_filter};
use crate::state::Command;

/// The accessible name of the filter box.
pub const FILTER_LABEL: &str = "Filter expression";
/// The label of the button that clears every filter.
pub const CLEAR_FILTER_LABEL: &str = "Clear";

/// The accessible name of the chip that removes one filter: "Remove initiator:houthis".
pub fn chip_label(term: &str) -> String {
    format!("Remove {term}")
}

/// Switches one of the filter's flags off.
type ClearFlag = fn(&mut EventFilter);

/// The active filters as chips, each removed by a click (articles switched off are listed
/// in the Articles tab instead).
pub fn chips_ui(ui: &mut Ui, current: &EventFilter, commands: &mut Vec<Command>) {
    let mut chips: Vec<(String, EventFilter)> = Vec::new();
    let without = |change: &dyn Fn(&mut EventFilter)| {
        let mut filter = current.clone();
        change(&mut filter);
        filter
    };
    for choice in &current.actors {
        let single = EventFilter {
            actors: std::iter::once(choice.clone()).collect(),
            ..EventFilter::default()
        };
        chips.push((
            single.to_expression(),
            without(&|f| {
                f.actors.remove(choice);
            }),
        ));
    }
    for name in &current.types {
        chips.push((
            format!("type:{name}"),
            without(&|f| {
                f.types.remove(name);
            }),
        ));
    }
    for name in &current.countries {
        chips.push((
            format!("country:{name}"),
            without(&|f| {
                f.countries.remove(name);
            }),
        ));
    }
    let flags: [(&str, bool, ClearFlag); 5] = [
        ("members:off", current.without_members, |f| {
            f.without_members = false
        }),
        ("precise:place", current.precise_places, |f| {
            f.precise_places = false
        }),
        ("precise:time", current.precise_times, |f| {
            f.precise_times = false
        }),
        ("is:disputed", current.disputed, |f| f.disputed = false),
        ("is:single-source", current.single_source, |f| {
            f.single_source = false
        }),
    ];
    for (term, on, clear) in flags {
        if on {
            chips.push((term.to_owned(), without(&|f| clear(f))));
        }
    }
    if let Some(after) = current.after {
        chips.push((
            format!("after:{}", after.date()),
            without(&|f| f.after = None),
        ));
    }
    if let Some(before) = current.before {
        chips.push((
            format!("before:{}", before.date()),
            without(&|f| f.before = None),
        ));
    }
    for (n, word) in current.words.iter().enumerate() {
        chips.push((
            format!("\"{word}\""),
            without(&|f| {
                f.words.remove(n);
            }),
        ));
    }
    if chips.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Active:").weak());
        for (term, filter) in chips {
            let label = chip_label(&term);
            let response = ui
                .small_button(format!("{term} 🗙"))
                .on_hover_text("Remove this filter");
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            if response.clicked() {
                commands.push(Command::SetFilter(filter));
            }
        }
    });
}

/// The text being edited and the last mistake found in it.
#[derive(Default)]
pub struct FilterBox {
    text: String,
    error: Option<ExpressionError>,
    /// The filter the text was last set from, so a change made elsewhere shows here.
    shown: Option<EventFilter>,
}

impl FilterBox {
    /// Shows the box for `current` and asks for a new filter when the user applies one.
    /// `filtering` is true while a large dataset is being filtered in the background.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        current: &EventFilter,
        filtering: bool,
        commands: &mut Vec<Command>,
    ) {
        if self.shown.as_ref() != Some(current) {
            self.text = current.to_expression();
            self.error = None;
            self.shown = Some(current.clone());
        }
        {
            ui.label("Filter");
            let edit = egui::TextEdit::singleline(&mut self.text)
                .hint_text(
                    "e.g. initiator:houthis type:attack_on_shipping after:2024-01-01 \"Red Sea\"",
                )
                .desired_width(ui.available_width().min(620.0) - 80.0)
                .font(egui::TextStyle::Monospace);
            let response = ui.add(edit).on_hover_text(
                "Filter words: initiator:, target:, actor:, members:off, type:, country:, \
                 after:, before:, is:disputed, is:single-source, precise:place, precise:time, \
                 and any words or \"a phrase\" to search for. Press Enter to apply.",
            );
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, FILTER_LABEL)
            });
            let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if entered {
                self.apply(current, commands);
            }
            if !current.is_empty() && ui.small_button(CLEAR_FILTER_LABEL).clicked() {
                // Articles switched off stay off: they are switched on in the Articles tab.
                let cleared = EventFilter {
                    hidden_sources: current.hidden_sources.clone(),
                    ..EventFilter::default()
                };
                commands.push(Command::SetFilter(cleared));
            }
            if filtering {
                ui.spinner();
                ui.label(RichText::new("filtering…").weak());
            }
        }
    }

    /// The last mistake found in the expression, pointing at it, on its own line.
    pub fn error_ui(&self, ui: &mut Ui) {
        if let Some(error) = &self.error {
            let pointer = error.pointer(&self.text);
            ui.label(
                RichText::new(format!("{}\n{pointer}", error.message))
                    .monospace()
                    .color(ui.visuals().error_fg_color),
            );
        }
    }

    /// Reads the text; a valid filter is asked for, a mistake is kept to show.
    fn apply(&mut self, current: &EventFilter, commands: &mut Vec<Command>) {
        match parse_filter(&self.text) {
            Ok(mut filter) => {
                filter.hidden_sources = current.hidden_sources.clone();
                self.error = None;
                if &filter != current {
                    commands.push(Command::SetFilter(filter));
                }
            }
            Err(error) => self.error = Some(error),
        }
    }
}
