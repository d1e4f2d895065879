//! The story editor: a window listing the open story's steps, where each step's title, date
//! and caption (sentences and the articles each cites) are edited, steps are moved up and
//! down or deleted, the current view is added as a step, and the story is saved or another
//! one opened. It edits the open story in place; saving and opening happen in the app, on
//! background threads.

use egui::{RichText, Ui};

use crate::story::{Sentence, Story};

/// The title of the editor window, and the View menu's entry that opens it.
pub const EDIT_STORY_LABEL: &str = "Edit story…";
/// The button that appends the current view as a step.
pub const ADD_VIEW_AS_STEP_LABEL: &str = "Add current view as step";
/// The button that saves the story.
pub const SAVE_STORY_LABEL: &str = "Save story…";
/// The button that opens another story.
pub const OPEN_STORY_LABEL: &str = "Open story…";

/// What the editor asks the app to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorAction {
    /// Append the current view (time, filters, camera, selection) as a step.
    AddCurrentView,
    /// Ask where to save the story, and save it.
    Save,
    /// Ask for a story file and open it.
    Open,
    /// Present from step `n` (from 0).
    PresentFrom(usize),
}

/// The label of a step's button that moves it up, deletes it, and so on, as tests find it.
pub fn step_button_label(action: &str, n: usize) -> String {
    format!("{action} step {}", n + 1)
}

/// Shows the editor while `open`; returns what it asks of the app.
pub fn story_editor_window(
    ctx: &egui::Context,
    story: &mut Story,
    open: &mut bool,
    message: Option<&Result<String, String>>,
) -> Option<EditorAction> {
    let mut action = None;
    egui::Window::new(EDIT_STORY_LABEL)
        .open(open)
        .default_width(520.0)
        .default_height(560.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("Title");
                ui.text_edit_singleline(&mut story.title);
            });
            ui.horizontal(|ui| {
                if ui.button(ADD_VIEW_AS_STEP_LABEL).clicked() {
                    action = Some(EditorAction::AddCurrentView);
                }
                if ui.button(SAVE_STORY_LABEL).clicked() {
                    action = Some(EditorAction::Save);
                }
                if ui.button(OPEN_STORY_LABEL).clicked() {
                    action = Some(EditorAction::Open);
                }
            });
            match message {
                Some(Ok(text)) => {
                    ui.label(RichText::new(text).weak());
                }
                Some(Err(text)) => {
                    ui.label(RichText::new(text).color(ui.visuals().error_fg_color));
                }
                None => {}
            }
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                if let Some(step_action) = steps_ui(ui, story) {
                    action = Some(step_action);
                }
            });
        });
    action
}

/// The steps, each with its fields and buttons. Moves and deletions are made after the
/// list is drawn, so that the list does not change under the loop.
fn steps_ui(ui: &mut Ui, story: &mut Story) -> Option<EditorAction> {
    let count = story.steps.len();
    let mut change: Option<(usize, isize)> = None;
    let mut delete = None;
    let mut action = None;
    for (n, step) in story.steps.iter_mut().enumerate() {
        ui.push_id(n, |ui| {
            egui::CollapsingHeader::new(format!("{}. {}", n + 1, step.title))
                .id_salt(n)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label("Title");
                        ui.text_edit_singleline(&mut step.title);
                    });
                    ui.horizontal(|ui| {
                        ui.label("Date");
                        ui.text_edit_singleline(&mut step.date);
                    });
                    ui.label(
                        RichText::new(format!(
                            "Time {} ({}) · filter {} · selected {}",
                            step.time.cursor,
                            step.time.mode.label(),
                            if step.filter.is_empty() {
                                "none"
                            } else {
                                &step.filter
                            },
                            step.selected.as_deref().unwrap_or("none")
                        ))
                        .weak(),
                    );
                    sentences_ui(ui, &mut step.caption);
                });
            ui.horizontal(|ui| {
                let up = egui::Button::new(step_button_label("Move up", n));
                if ui.add_enabled(n > 0, up).clicked() {
                    change = Some((n, -1));
                }
                let down = egui::Button::new(step_button_label("Move down", n));
                if ui.add_enabled(n + 1 < count, down).clicked() {
                    change = Some((n, 1));
                }
                if ui.button(step_button_label("Delete", n)).clicked() {
                    delete = Some(n);
                }
                if ui.button(step_button_label("Present from", n)).clicked() {
                    action = Some(EditorAction::PresentFrom(n));
                }
            });
            ui.separator();
        });
    }
    if let Some((n, by)) = change {
        let other = n.saturating_add_signed(by);
        if other < count {
            story.steps.swap(n, other);
        }
    }
    if let Some(n) = delete
        && n < story.steps.len()
    {
        story.steps.remove(n);
    }
    action
}

/// A caption's sentences: each one's text and the articles it cites (ids separated by
/// commas), with buttons to add and remove sentences.
fn sentences_ui(ui: &mut Ui, caption: &mut Vec<Sentence>) {
    let mut remove = None;
    for (s, sentence) in caption.iter_mut().enumerate() {
        ui.push_id(s, |ui| {
            ui.label(format!("Sentence {}", s + 1));
            ui.add(
                egui::TextEdit::multiline(&mut sentence.text)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            );
            ui.horizontal(|ui| {
                ui.label("Articles");
                let mut ids = sentence.sources.join(", ");
                if ui.text_edit_singleline(&mut ids).changed() {
                    sentence.sources = ids
                        .split(',')
                        .map(str::trim)
                        .filter(|id| !id.is_empty())
                        .map(str::to_owned)
                        .collect();
                }
                if ui.button("Remove sentence").clicked() {
                    remove = Some(s);
                }
            });
        });
    }
    if let Some(s) = remove {
        caption.remove(s);
    }
    if ui.button("Add sentence").clicked() {
        caption.push(Sentence {
            text: String::new(),
            sources: Vec::new(),
        });
    }
}
