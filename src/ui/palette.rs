//! Colours shared by the map, the slider and the source panel.

use egui::Color32;

use crate::model::{Dataset, EventIndex, Rgb, UNKNOWN_ACTOR_COLOR};
use crate::state::ViewState;

/// An actor colour as an egui colour.
pub fn color32(rgb: Rgb) -> Color32 {
    let [r, g, b] = rgb.0;
    Color32::from_rgb(r, g, b)
}

/// The colour an event is drawn in: its layer's, when the user chose one for it, and
/// otherwise its first initiator's (the same actor has the same colour in every layer).
pub fn event_color(dataset: &Dataset, view: &ViewState, index: EventIndex) -> Color32 {
    if let Some(rgb) = view.layer_color(dataset, index) {
        return color32(rgb);
    }
    let rgb = dataset
        .lead(index)
        .and_then(|id| dataset.actors().get(id))
        .map_or(UNKNOWN_ACTOR_COLOR, |actor| actor.color);
    color32(rgb)
}

/// The colours a layer can be given, with their names: the Okabe–Ito palette, which stays
/// distinct for readers with the common colour-vision deficiencies, with grey for black so
/// that it shows on the dark map.
pub const LAYER_COLORS: [(&str, Rgb); 8] = [
    ("orange", Rgb([230, 159, 0])),
    ("sky blue", Rgb([86, 180, 233])),
    ("bluish green", Rgb([0, 158, 115])),
    ("yellow", Rgb([240, 228, 66])),
    ("blue", Rgb([0, 114, 178])),
    ("vermillion", Rgb([213, 94, 0])),
    ("reddish purple", Rgb([204, 121, 167])),
    ("grey", Rgb([153, 153, 153])),
];

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
