//! Colours shared by the map, the slider and the source panel.

use egui::Color32;

use crate::model::{Dataset, EventIndex, Rgb, UNKNOWN_ACTOR_COLOR};

/// An actor colour as an egui colour.
pub fn color32(rgb: Rgb) -> Color32 {
    let [r, g, b] = rgb.0;
    Color32::from_rgb(r, g, b)
}

/// The colour an event is drawn in: its first initiator's.
pub fn event_color(dataset: &Dataset, index: EventIndex) -> Color32 {
    let rgb = dataset
        .lead(index)
        .and_then(|id| dataset.actors().get(id))
        .map_or(UNKNOWN_ACTOR_COLOR, |actor| actor.color);
    color32(rgb)
}

/// The badge of an event whose sources disagree (on its map marker, timeline mark and in
/// the source panel): amber, readable on both the light and the dark theme.
pub const DISPUTE_BADGE: Color32 = Color32::from_rgb(230, 150, 20);

/// The outline that separates a marker from the map under it.
pub fn marker_outline(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_gray(20)
    } else {
        Color32::WHITE
    }
}
