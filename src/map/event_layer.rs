//! The events on the map: a marker per visible event in its initiator's colour, a ring for
//! an uncertain place, a label on hover, and a click to select.

use std::collections::HashMap;
use std::f32::consts::TAU;

use egui::{Align2, Color32, FontId, Pos2, Rect, Role, Sense, Stroke, Ui, Vec2, WidgetInfo};
use walkers::Projector;

use crate::model::{Dataset, EventIndex};
use crate::state::{Command, ViewState};
use crate::ui::palette;

/// Marker radius in points.
const MARKER_RADIUS: f32 = 7.0;
/// How far markers at one place are spread apart so that each stays reachable.
const SPREAD_RADIUS: f32 = 13.0;
/// Rings smaller than this are not drawn: the marker says enough.
const MIN_RING_RADIUS: f32 = MARKER_RADIUS + 3.0;

/// How strongly a ring of `radius` points is drawn, from 1 (in full) down to 0 (outline
/// only). A ring that spans much of the map (a country's precision, zoomed in on a region,
/// as a story's steps are) would tint everything under it and hide the places the view is
/// about: the larger it is on screen, the fainter its fill and outline. The selected
/// event's ring is always drawn in full.
fn ring_fade(radius: f32, clip: egui::Rect, selected: bool) -> f32 {
    if selected {
        return 1.0;
    }
    let span = radius / clip.size().min_elem().max(1.0);
    (1.0 - (span - 0.2) / 0.3).clamp(0.0, 1.0)
}

/// The accessible name of an event's marker, by which tests and screen readers find it.
pub fn marker_label(title: &str) -> String {
    format!("Map marker: {title}")
}

struct Marker {
    index: EventIndex,
    /// Where the event is.
    anchor: Pos2,
    /// Where its marker is drawn (moved aside when events share a place).
    at: Pos2,
    color: Color32,
}

/// Draws the visible events and handles clicks on them. Returns whether a marker was clicked.
/// `between` draws what belongs above the rings and under the markers (the arcs).
pub fn events_ui(
    ui: &mut Ui,
    projector: &Projector<'_>,
    dataset: &Dataset,
    view: &ViewState,
    visible: &[EventIndex],
    commands: &mut Vec<Command>,
    between: impl FnOnce(&egui::Painter),
) -> bool {
    let clip = projector.clip_rect();
    let painter = ui.painter().with_clip_rect(clip);
    let dark = ui.visuals().dark_mode;
    let markers = place_markers(projector, dataset, view, visible, clip);
    let markers = fade_by_age(markers, dataset, view);

    // Rings first, so every marker sits above every ring.
    for marker in &markers {
        let Some(position) = dataset.position(marker.index) else {
            continue;
        };
        let radius_m = dataset.geo_precision(marker.index).uncertainty_radius_m();
        if radius_m <= 0.0 {
            continue;
        }
        let radius = radius_m as f32 * projector.scale_pixel_per_meter(position);
        if radius < MIN_RING_RADIUS {
            continue;
        }
        let fade = ring_fade(radius, clip, view.selected == Some(marker.index));
        painter.circle(
            marker.anchor,
            radius.min(4_000.0),
            marker.color.gamma_multiply(0.12 * fade),
            Stroke::new(
                1.0 + 0.5 * fade,
                marker.color.gamma_multiply(0.7 * (0.4 + 0.6 * fade)),
            ),
        );
    }

    between(&painter);

    let outline = palette::marker_outline(dark);
    let mut clicked = false;
    let mut selected_marker = None;
    for marker in &markers {
        let index = marker.index;
        if marker.at != marker.anchor {
            painter.line_segment([marker.anchor, marker.at], Stroke::new(1.0, outline));
            painter.circle_filled(marker.anchor, 2.0, marker.color);
        }
        let id = ui.scope_id().with(("event-marker", marker.index));
        let hit = Rect::from_center_size(marker.at, Vec2::splat(MARKER_RADIUS * 2.0 + 6.0));
        let response = ui.interact(hit, id, Sense::click());
        let title = dataset.title(index);
        let label = marker_label(&title);
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
        let hovered = response.hovered();
        let radius = if hovered {
            MARKER_RADIUS + 1.5
        } else {
            MARKER_RADIUS
        };
        painter.circle(marker.at, radius, marker.color, Stroke::new(2.0, outline));
        let disputed = dataset.is_disputed(index);
        if disputed {
            dispute_badge(&painter, marker.at, radius, outline);
        }
        if view.selected == Some(marker.index) {
            selected_marker = Some(marker);
        }
        if response.clicked() {
            commands.push(Command::Select(Some(marker.index)));
            clicked = true;
        }
        response.on_hover_ui(|ui| {
            event_tooltip_ui(ui, dataset, index);
            if disputed {
                ui.label(
                    egui::RichText::new("The sources disagree about it")
                        .color(palette::DISPUTE_BADGE),
                );
            }
        });
    }

    if let Some(marker) = selected_marker {
        // An arc that arrives from the right would run under a label on the right.
        let arc_from_right = dataset
            .origin(marker.index)
            .is_some_and(|origin| projector.project(origin.position).x > marker.at.x);
        highlight_selected(ui, &painter, dataset, marker, arc_from_right);
    }
    clicked
}

/// Above this many events on show, the map draws clusters instead of a marker each (see
/// `cluster_layer`).
pub const MAX_INTERACTIVE_MARKERS: usize = 2_000;

/// The title, time and place of an event, for a tooltip.
fn event_tooltip_ui(ui: &mut Ui, dataset: &Dataset, index: EventIndex) {
    ui.strong(dataset.title(index).as_ref());
    let time = dataset
        .time(index)
        .map(|time| time.to_string())
        .unwrap_or_default();
    ui.label(format!("{time} · {}", dataset.place(index)));
}

/// Projects the visible events and spreads out those that share a place.
fn place_markers(
    projector: &Projector<'_>,
    dataset: &Dataset,
    view: &ViewState,
    visible: &[EventIndex],
    clip: Rect,
) -> Vec<Marker> {
    let mut markers = Vec::new();
    let mut at_place: HashMap<(u64, u64), Vec<usize>> = HashMap::new();
    let culling = clip.expand(SPREAD_RADIUS + MARKER_RADIUS);
    for &index in visible {
        let Some(position) = dataset.position(index) else {
            continue;
        };
        let anchor = projector.project(position).to_pos2();
        if !culling.contains(anchor) {
            continue;
        }
        let key = (position.x().to_bits(), position.y().to_bits());
        at_place.entry(key).or_default().push(markers.len());
        markers.push(Marker {
            index,
            anchor,
            at: anchor,
            color: palette::event_color(dataset, view, index),
        });
    }
    for group in at_place.values().filter(|group| group.len() > 1) {
        let step = TAU / group.len() as f32;
        for (i, &marker) in group.iter().enumerate() {
            let angle = step * i as f32 - TAU / 4.0;
            markers[marker].at += Vec2::angled(angle) * SPREAD_RADIUS;
        }
    }
    markers
}

/// A small amber dot at the upper right of a marker: the articles disagree about this event.
/// It is kept small so that the marker's own colour still reads first.
fn dispute_badge(painter: &egui::Painter, at: Pos2, radius: f32, outline: Color32) {
    let center = at + Vec2::new(radius * 0.8, -radius * 0.8);
    // A light ring, then a dark one, so that the amber dot stands apart from an orange or
    // brown marker under it as well as from the map.
    painter.circle_filled(center, 4.6, outline);
    painter.circle(
        center,
        3.0,
        palette::DISPUTE_BADGE,
        Stroke::new(1.0, Color32::from_gray(45)),
    );
}

fn highlight_selected(
    ui: &Ui,
    painter: &egui::Painter,
    dataset: &Dataset,
    marker: &Marker,
    label_on_left: bool,
) {
    let selection = ui.visuals().selection.bg_fill;
    painter.circle_stroke(marker.at, MARKER_RADIUS + 5.0, Stroke::new(3.0, selection));
    let font = FontId::proportional(14.0);
    let text_color = ui.visuals().strong_text_color();
    let title = dataset.title(marker.index).into_owned();
    let galley = painter.layout_no_wrap(title, font, text_color);
    let size = galley.size() + Vec2::new(10.0, 6.0);
    let rect = if label_on_left {
        Align2::RIGHT_CENTER.anchor_size(marker.at - Vec2::new(MARKER_RADIUS + 10.0, 0.0), size)
    } else {
        Align2::LEFT_CENTER.anchor_size(marker.at + Vec2::new(MARKER_RADIUS + 10.0, 0.0), size)
    };
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color.gamma_multiply(0.9));
    painter.galley(rect.min + Vec2::new(5.0, 3.0), galley, text_color);
}

/// In cumulative and step modes, older events fade so that the newest stand out: an event
/// keeps full colour when it has just begun and fades to 40% over about a sixth of the
/// data's time range (at least a week).
fn fade_by_age(mut markers: Vec<Marker>, dataset: &Dataset, view: &ViewState) -> Vec<Marker> {
    if view.time.visible_span().0.is_some() {
        return markers;
    }
    let Some((first, last)) = dataset.slider_range() else {
        return markers;
    };
    let fade_secs = ((last.0 - first.0) / 6).max(7 * crate::model::SECONDS_PER_DAY) as f32;
    let now = view.time.time();
    for marker in &mut markers {
        let Some((start, _)) = dataset.span_of(marker.index) else {
            continue;
        };
        let age = (now.0 - start.0).max(0) as f32;
        let keep = 1.0 - 0.6 * (age / fade_secs).min(1.0);
        marker.color = marker.color.gamma_multiply(keep);
    }
    markers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rings_that_span_the_view_fade_to_an_outline_unless_selected() {
        let clip = egui::Rect::from_min_size(Pos2::ZERO, egui::vec2(1000.0, 700.0));
        assert_eq!(ring_fade(40.0, clip, false), 1.0);
        assert_eq!(ring_fade(350.0, clip, false), 0.0);
        let between = ring_fade(245.0, clip, false);
        assert!(between > 0.0 && between < 1.0, "{between}");
        assert_eq!(ring_fade(350.0, clip, true), 1.0);
    }
}
