//! The strip under the timeline chart: a mark per event, packed into lanes, with disputed
//! dates as linked dots; hover names an event and a click selects it.

use egui::{Pos2, Rect, Sense, Stroke, Ui, Vec2};
use jiff::civil;

use crate::model::{Dataset, EventIndex, FilterResult, TimePoint};
use crate::state::{Command, ViewState};
use crate::ui::palette;

/// Beyond this many events in view, the mark strip gives way to the bars alone.
const MAX_MARKS: usize = 4_000;
/// Height of one lane of the mark strip, and the strip's least and greatest height.
const LANE_HEIGHT: f32 = 4.5;
const STRIP_MIN_HEIGHT: f32 = 24.0;
const STRIP_MAX_HEIGHT: f32 = 72.0;

/// The events the strip shows, kept while the dataset, the filter's result and the
/// chart's range stay the same: finding them may walk every event in the range, which is
/// not for every frame.
#[derive(Default)]
pub(super) struct MarksCache {
    key: Option<(u64, u64, TimePoint, TimePoint)>,
    in_view: Vec<EventIndex>,
}

/// One mark per event under the chart: a tick for a day or an instant, a bar for a span,
/// two linked ticks for a disputed date. Hover names the event; a click selects it.
pub(super) fn marks_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    view: &ViewState,
    shown: &FilterResult,
    cache: &mut MarksCache,
    transform: &egui_plot::PlotTransform,
    commands: &mut Vec<Command>,
) {
    let frame = *transform.frame();
    let at_x = |x: f32| TimePoint::from_f64(transform.value_from_position(Pos2::new(x, 0.0)).x);
    let (lo, hi) = (at_x(frame.left()), at_x(frame.right()));
    // At most one more than can be drawn: past that, the strip only says there are more.
    let key = (dataset.generation(), shown.serial(), lo, hi);
    if cache.key != Some(key) {
        cache.in_view = dataset
            .overlapping(lo, hi)
            .filter(|&index| shown.admits(index))
            .take(MAX_MARKS + 1)
            .collect();
        cache.key = Some(key);
    }
    let in_view = &cache.in_view;
    let strip_for = |ui: &mut Ui, height: f32| {
        let (rect, response) =
            ui.allocate_exact_size(Vec2::new(ui.available_width(), height), Sense::click());
        let strip = Rect::from_x_y_ranges(frame.x_range(), rect.y_range());
        ui.painter_at(strip)
            .rect_filled(strip, 2.0, ui.visuals().faint_bg_color);
        (strip, response)
    };
    if in_view.len() > MAX_MARKS {
        let (strip, _) = strip_for(ui, STRIP_MIN_HEIGHT);
        ui.painter_at(strip).text(
            strip.center(),
            egui::Align2::CENTER_CENTER,
            format!(
                "More than {} events in view: zoom in to see each one",
                crate::ui::thousands(MAX_MARKS as u64)
            ),
            egui::FontId::proportional(11.0),
            ui.visuals().weak_text_color(),
        );
        return;
    }
    let x_of = |t: TimePoint| transform.position_from_point_x(t.as_f64());
    let selection = ui.visuals().selection.stroke.color;
    let outline = palette::marker_outline(ui.visuals().dark_mode);
    // Pack marks into lanes so that spans do not hide each other: each mark takes the first
    // lane that is free at its start.
    let marks: Vec<(EventIndex, f32, f32)> = in_view
        .iter()
        .filter_map(|&index| {
            let (start, end) = dataset.span_of(index)?;
            let x0 = x_of(start);
            Some((index, x0, x_of(end).max(x0 + 3.0)))
        })
        .collect();
    let mut lane_ends: Vec<f32> = Vec::new();
    let lanes: Vec<usize> = marks
        .iter()
        .map(|&(_, x0, x1)| {
            let lane = lane_ends
                .iter()
                .position(|end| *end + 2.0 < x0)
                .unwrap_or_else(|| {
                    lane_ends.push(f32::MIN);
                    lane_ends.len() - 1
                });
            lane_ends[lane] = x1;
            lane
        })
        .collect();
    let lane_count = lane_ends.len().max(1);
    let height = (lane_count as f32 * LANE_HEIGHT + 6.0).clamp(STRIP_MIN_HEIGHT, STRIP_MAX_HEIGHT);
    let (strip, response) = strip_for(ui, height);
    let painter = ui.painter_at(strip);
    let (top, bottom) = (strip.top() + 3.0, strip.bottom() - 3.0);
    let lane_height = ((bottom - top) / lane_count as f32).clamp(2.0, LANE_HEIGHT);
    let mut hits: Vec<(Rect, EventIndex)> = Vec::with_capacity(marks.len());
    for (&(index, x0, x1), &lane) in marks.iter().zip(&lanes) {
        let Some((start, end)) = dataset.span_of(index) else {
            continue;
        };
        let mut color = palette::event_color(dataset, view, index);
        if !view.time.shows(start, end) {
            color = color.gamma_multiply(0.35);
        }
        let y0 = top + lane_height * lane as f32;
        let mark = Rect::from_x_y_ranges(x0..=x1, y0 + 0.5..=y0 + lane_height - 0.5);
        painter.rect_filled(mark, 1.0, color);
        // The same badge as on the map marker: the articles disagree about this event.
        if dataset.is_disputed(index) {
            let badge = Pos2::new(mark.left(), mark.center().y);
            painter.circle(
                badge,
                2.5,
                palette::DISPUTE_BADGE,
                Stroke::new(0.5, outline),
            );
        }
        if view.selected == Some(index) {
            painter.rect_stroke(
                mark.expand(2.0),
                2.0,
                Stroke::new(2.0, selection),
                egui::StrokeKind::Outside,
            );
        }
        hits.push((mark.expand2(Vec2::new(3.0, 1.0)), index));
        // A disputed date: a dot at each claimed day, linked by a line.
        if let Some(days) = claimed_days(dataset.disputes(index)) {
            let y = y0 + lane_height / 2.0;
            let xs: Vec<f32> = days
                .iter()
                .map(|day| x_of(TimePoint::from_date(*day)) + 1.5)
                .collect();
            if let (Some(first), Some(last)) = (
                xs.iter().copied().reduce(f32::min),
                xs.iter().copied().reduce(f32::max),
            ) {
                painter.line_segment(
                    [Pos2::new(first, y), Pos2::new(last, y)],
                    Stroke::new(1.5, color),
                );
            }
            for x in xs {
                painter.circle(Pos2::new(x, y), 3.5, color, Stroke::new(1.0, outline));
            }
        }
    }
    let Some(pointer) = response.hover_pos() else {
        return;
    };
    // The narrowest mark under the pointer: a short event wins over a long span.
    let hovered = hits
        .iter()
        .filter(|(rect, _)| rect.contains(pointer))
        .min_by(|a, b| a.0.width().total_cmp(&b.0.width()))
        .map(|(_, index)| *index);
    if let Some(index) = hovered {
        if response.clicked() {
            commands.push(Command::Select(Some(index)));
        }
        response.on_hover_ui_at_pointer(|ui| {
            ui.strong(dataset.title(index).as_ref());
            let time = dataset
                .time(index)
                .map(|t| t.to_string())
                .unwrap_or_default();
            ui.label(format!("{time} · {}", dataset.place(index)));
        });
    }
}

/// The days claimed in a dispute over the start, when there are at least two.
fn claimed_days(disputes: &[crate::model::Dispute]) -> Option<Vec<civil::Date>> {
    let dispute = disputes.iter().find(|dispute| dispute.field == "start")?;
    let days: Vec<civil::Date> = dispute
        .claims
        .iter()
        .filter_map(|claim| claim.value.parse::<civil::Date>().ok())
        .collect();
    (days.len() >= 2).then_some(days)
}
