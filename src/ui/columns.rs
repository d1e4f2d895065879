//! The column chooser: when chronomap cannot tell (or is not sure) which columns of a CSV
//! file hold the latitude, longitude and date, the user picks them and the file is read
//! again with that choice.

use std::path::PathBuf;

use egui::RichText;

use crate::io::import::{CsvColumns, CsvMapping};

/// The chooser window's title.
pub const CHOOSE_COLUMNS_TITLE: &str = "Choose the columns";
/// The button that reads the file with the chosen columns.
pub const LOAD_WITH_COLUMNS_LABEL: &str = "Load with these columns";

/// The roles a user can assign, with whether each is required.
const ROLES: [(&str, bool); 6] = [
    ("Latitude", true),
    ("Longitude", true),
    ("Date", true),
    ("Title", false),
    ("Id", false),
    ("Place", false),
];

/// One file's columns being chosen.
pub struct ColumnChooser {
    path: PathBuf,
    headers: Vec<String>,
    delimiter: u8,
    /// The column of each role in [`ROLES`], if any.
    chosen: [Option<usize>; 6],
    /// Whether the file already loaded with a guessed mapping (otherwise it did not load).
    loaded: bool,
    /// The rest of a guessed mapping, kept when the user changes only some roles.
    base: Option<CsvMapping>,
}

/// What the user decided.
pub enum ChooserAction {
    /// Read the file again with this mapping.
    Load(PathBuf, CsvMapping),
    /// Close the chooser.
    Close,
}

impl ColumnChooser {
    /// A chooser for a file whose report carries its columns; `loaded` says whether the
    /// file loaded with chronomap's own guess.
    pub fn new(path: PathBuf, columns: &CsvColumns, loaded: bool) -> Self {
        let mapping = columns.mapping.as_ref();
        ColumnChooser {
            path,
            headers: columns.headers.clone(),
            delimiter: columns.delimiter,
            chosen: [
                mapping.map(|m| m.lat),
                mapping.map(|m| m.lon),
                mapping.map(|m| m.date),
                mapping.and_then(|m| m.title),
                mapping.and_then(|m| m.id),
                mapping.and_then(|m| m.place),
            ],
            loaded,
            base: columns.mapping.clone(),
        }
    }

    /// The mapping chosen so far, when latitude, longitude and date are all chosen.
    pub fn mapping(&self) -> Option<CsvMapping> {
        let [lat, lon, date, title, id, place] = self.chosen;
        let (lat, lon, date) = (lat?, lon?, date?);
        let base = self.base.clone().unwrap_or(CsvMapping {
            delimiter: self.delimiter,
            lat,
            lon,
            date,
            end: None,
            title: None,
            id: None,
            place: None,
            country: None,
            event_type: None,
            summary: None,
            url: None,
        });
        Some(CsvMapping {
            delimiter: self.delimiter,
            lat,
            lon,
            date,
            title,
            id,
            place,
            ..base
        })
    }

    /// Chooses `column` for the role named `role` (as in the window, e.g. "Latitude").
    pub fn choose(&mut self, role: &str, column: Option<usize>) {
        if let Some(slot) = ROLES.iter().position(|(name, _)| *name == role) {
            self.chosen[slot] = column.filter(|c| *c < self.headers.len());
        }
    }

    /// Shows the window.
    pub fn window(&mut self, ctx: &egui::Context) -> Option<ChooserAction> {
        let mut action = None;
        let mut open = true;
        let name = crate::loading::file_name(&self.path);
        egui::Window::new(CHOOSE_COLUMNS_TITLE)
            .open(&mut open)
            .collapsible(false)
            .default_width(420.0)
            .show(ctx, |ui| {
                let intro = if self.loaded {
                    format!(
                        "{name} was read with the columns below, which chronomap guessed \
                         from their names. Check them, and load it again if one is wrong."
                    )
                } else {
                    format!(
                        "chronomap could not tell which columns of {name} hold the \
                         latitude, longitude and date. Choose them to load it."
                    )
                };
                ui.label(intro);
                ui.add_space(6.0);
                egui::Grid::new("column_chooser")
                    .num_columns(2)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| {
                        for (slot, (role, required)) in ROLES.iter().enumerate() {
                            let label = if *required {
                                RichText::new(*role).strong()
                            } else {
                                RichText::new(*role)
                            };
                            ui.label(label);
                            let current = self.chosen[slot]
                                .and_then(|c| self.headers.get(c))
                                .map_or("(none)", String::as_str);
                            egui::ComboBox::from_id_salt(("column", slot))
                                .selected_text(current)
                                .width(240.0)
                                .show_ui(ui, |ui| {
                                    ui.selectable_value(&mut self.chosen[slot], None, "(none)");
                                    for (column, header) in self.headers.iter().enumerate() {
                                        ui.selectable_value(
                                            &mut self.chosen[slot],
                                            Some(column),
                                            header,
                                        );
                                    }
                                });
                            ui.end_row();
                        }
                    });
                ui.add_space(8.0);
                let mapping = self.mapping();
                ui.horizontal(|ui| {
                    let load = ui.add_enabled(
                        mapping.is_some(),
                        egui::Button::new(LOAD_WITH_COLUMNS_LABEL),
                    );
                    if load.clicked()
                        && let Some(mapping) = mapping.clone()
                    {
                        action = Some(ChooserAction::Load(self.path.clone(), mapping));
                    }
                    if ui.button("Close").clicked() {
                        action = Some(ChooserAction::Close);
                    }
                });
                if mapping.is_none() {
                    ui.label(
                        RichText::new("Latitude, longitude and date are needed.")
                            .small()
                            .weak(),
                    );
                }
            });
        if !open {
            action = Some(ChooserAction::Close);
        }
        action
    }
}
