//! The panels around the map. Each reads the model and the view state and returns commands;
//! none keeps a copy of either.

pub mod palette;
mod problems;
mod source_panel;
mod time_slider;
mod top_bar;

pub use problems::{PROBLEMS_TITLE, problems_window};
pub use source_panel::{BACK_LABEL, claim_label, source_panel_ui};
pub use time_slider::{SLIDER_LABEL, time_slider_ui};
pub use top_bar::top_bar_ui;
