//! Colours shared by the map, the slider and the source panel.

use egui::Color32;

use crate::model::{Dataset, EventIndex, Rgb, UNKNOWN_ACTOR_COLOR, actor_color_for};
use crate::state::ViewState;
use crate::tint::Tint;

/// An actor colour as an egui colour.
pub fn color32(rgb: Rgb) -> Color32 {
    let [r, g, b] = rgb.0;
    Color32::from_rgb(r, g, b)
}

/// The colour an event is drawn in: its layer's, when the user chose one for it, and
/// otherwise that of what the view colours by (its lead initiator by default; the same
/// actor or type has the same colour in every layer).
pub fn event_color(dataset: &Dataset, view: &ViewState, index: EventIndex) -> Color32 {
    let recoloured: Vec<bool> = if view.layer_colors.iter().any(Option::is_some) {
        view.layer_colors.iter().map(Option::is_some).collect()
    } else {
        Vec::new()
    };
    tint_color(
        dataset,
        view,
        Tint::of(dataset, view.color_by, &recoloured, index),
    )
}

/// The colour of a tint: an actor's own, a type's (by its name, so the same in every
/// layer), or a layer's (chosen, or by its place in the list).
pub fn tint_color(dataset: &Dataset, view: &ViewState, tint: Tint) -> Color32 {
    let rgb = match tint {
        Tint::Actor(actor) => actor
            .and_then(|id| dataset.actors().get(id))
            .map_or(UNKNOWN_ACTOR_COLOR, |actor| actor.color),
        Tint::Type(id) => dataset
            .event_types()
            .name(id)
            .map_or(UNKNOWN_ACTOR_COLOR, actor_color_for),
        Tint::Layer(part) => view
            .layer_colors
            .get(part)
            .copied()
            .flatten()
            .unwrap_or(LAYER_COLORS[part % LAYER_COLORS.len()].1),
    };
    color32(rgb)
}

/// What a tint is called in a legend or a tooltip.
pub fn tint_name(dataset: &Dataset, view: &ViewState, tint: Tint) -> String {
    match tint {
        Tint::Actor(Some(id)) => dataset.actors().name(id).to_owned(),
        Tint::Actor(None) => match view.color_by {
            crate::tint::ColorBy::Target => "no target known".to_owned(),
            _ => "no initiator known".to_owned(),
        },
        Tint::Type(id) => dataset
            .event_types()
            .name(id)
            .unwrap_or("no type")
            .to_owned(),
        Tint::Layer(part) => format!("layer {}", part + 1),
    }
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
