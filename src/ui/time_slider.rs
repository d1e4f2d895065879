//! The time slider along the bottom: drag it to replay the escalation. Events that begin
//! after the slider's time are hidden.

use egui::{
    Align2, Color32, FontId, Key, Pos2, Rect, Response, Sense, Stroke, Ui, Vec2, WidgetInfo,
    accesskit,
};
use jiff::civil;

use crate::model::{Dataset, SECONDS_PER_DAY, TimePoint};
use crate::state::{Command, ViewContext, ViewState};
use crate::time::TimeAction;
use crate::ui::palette;

/// The slider's accessible name.
pub const SLIDER_LABEL: &str = "Time";

const TRACK_INSET: f32 = 12.0;
/// Above this many events, the slider draws no tick per event.
const MAX_TICKS: usize = 5_000;
const SLIDER_HEIGHT: f32 = 56.0;

/// The overview slider: the whole time range, the cursor, and a tick per event.
pub fn time_slider_ui(ui: &mut Ui, cx: &ViewContext<'_>, commands: &mut Vec<Command>) {
    let (dataset, view) = (cx.dataset, cx.view);
    let Some(range) = dataset.slider_range() else {
        ui.label("No events are loaded, so there is no time to show.");
        return;
    };
    if let Some(time) = slider(ui, dataset, range, view) {
        commands.push(Command::SetTime(time));
    }
}

/// Keyboard shortcuts for time that work anywhere, unless a widget has the keyboard:
/// Space plays or pauses, Left and Right step between events, Home and End go to the ends.
pub fn time_shortcuts(ctx: &egui::Context, commands: &mut Vec<Command>) {
    if ctx.memory(|memory| memory.focused().is_some()) {
        return;
    }
    let none = egui::Modifiers::NONE;
    let pressed = |key: Key| ctx.input_mut(|input| input.consume_key(none, key));
    for (key, action) in [
        (Key::Space, TimeAction::TogglePlay),
        (Key::ArrowLeft, TimeAction::StepPrevious),
        (Key::ArrowRight, TimeAction::StepNext),
        (Key::Home, TimeAction::GoToStart),
        (Key::End, TimeAction::GoToEnd),
    ] {
        if pressed(key) {
            commands.push(Command::Time(action));
        }
    }
}

/// Maps time to x within the track and back.
struct Scale {
    track: egui::Rangef,
    range: (TimePoint, TimePoint),
}

impl Scale {
    fn x(&self, time: TimePoint) -> f32 {
        let span = (self.range.1.0 - self.range.0.0).max(1) as f64;
        let t = ((time.0 - self.range.0.0) as f64 / span).clamp(0.0, 1.0);
        egui::lerp(self.track.min..=self.track.max, t as f32)
    }

    fn time(&self, x: f32) -> TimePoint {
        let t = f64::from(((x - self.track.min) / self.track.span().max(1.0)).clamp(0.0, 1.0));
        let span = (self.range.1.0 - self.range.0.0) as f64;
        TimePoint(self.range.0.0 + (t * span).round() as i64)
    }
}

fn slider(
    ui: &mut Ui,
    dataset: &Dataset,
    range: (TimePoint, TimePoint),
    view: &ViewState,
) -> Option<TimePoint> {
    let value = view.time.time();
    let desired = Vec2::new(ui.available_width(), SLIDER_HEIGHT);
    let (rect, response) = ui.allocate_exact_size(desired, Sense::click_and_drag());
    let scale = Scale {
        track: egui::Rangef::new(rect.left() + TRACK_INSET, rect.right() - TRACK_INSET),
        range,
    };

    let mut new_value = None;
    if let Some(pointer) = response.interact_pointer_pos()
        && (response.dragged() || response.clicked())
    {
        new_value = Some(scale.time(pointer.x));
    }
    if response.has_focus() {
        new_value = new_value.or_else(|| keyboard_step(ui, range, value));
    }
    if let Some(requested) = accesskit_request(ui, &response) {
        new_value = Some(TimePoint::from_f64(requested));
    }
    let shown = new_value.unwrap_or(value).clamp(range.0, range.1);
    declare_accessibility(ui, &response, range, shown);

    paint(ui, dataset, &scale, rect, shown, view, &response);
    new_value
        .map(|time| time.clamp(range.0, range.1))
        .filter(|time| *time != value)
}

/// ← and → move a day, with Shift a week; Home and End go to the ends.
fn keyboard_step(ui: &Ui, range: (TimePoint, TimePoint), value: TimePoint) -> Option<TimePoint> {
    ui.input(|input| {
        let step = if input.modifiers.shift {
            7 * SECONDS_PER_DAY
        } else {
            SECONDS_PER_DAY
        };
        if input.key_pressed(Key::ArrowLeft) {
            Some(value.plus_seconds(-step))
        } else if input.key_pressed(Key::ArrowRight) {
            Some(value.plus_seconds(step))
        } else if input.key_pressed(Key::Home) {
            Some(range.0)
        } else if input.key_pressed(Key::End) {
            Some(range.1)
        } else {
            None
        }
    })
}

fn accesskit_request(ui: &Ui, response: &Response) -> Option<f64> {
    ui.input(|input| {
        input
            .accesskit_action_requests(response.id, accesskit::Action::SetValue)
            .filter_map(|request| match request.data {
                Some(accesskit::ActionData::NumericValue(value)) => Some(value),
                _ => None,
            })
            .last()
    })
}

fn declare_accessibility(
    ui: &Ui,
    response: &Response,
    range: (TimePoint, TimePoint),
    value: TimePoint,
) {
    response.widget_info(|| WidgetInfo::slider(true, value.as_f64(), SLIDER_LABEL));
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_min_numeric_value(range.0.as_f64());
        node.set_max_numeric_value(range.1.as_f64());
        node.set_numeric_value_step(SECONDS_PER_DAY as f64);
        node.set_value(value.to_string());
        node.add_action(accesskit::Action::SetValue);
    });
}

fn paint(
    ui: &Ui,
    dataset: &Dataset,
    scale: &Scale,
    rect: Rect,
    value: TimePoint,
    view: &ViewState,
    response: &Response,
) {
    let painter = ui.painter_at(rect.expand(2.0));
    let visuals = ui.visuals();
    let track_y = rect.top() + 18.0;
    let track = Rect::from_x_y_ranges(scale.track, (track_y - 3.0)..=(track_y + 3.0));
    let handle_x = scale.x(value);

    painter.rect_filled(track, 3.0, visuals.widgets.inactive.bg_fill);
    // What the cursor selects: everything before it, or the window ending at it.
    let shown_from = match view.time.visible_span() {
        (Some(from), _) => scale.x(from),
        (None, _) => track.min.x,
    };
    let elapsed = Rect::from_min_max(
        Pos2::new(shown_from, track.min.y),
        Pos2::new(handle_x, track.max.y),
    );
    painter.rect_filled(elapsed, 3.0, visuals.selection.bg_fill.gamma_multiply(0.6));

    // Each event is a tick above the track in its initiator's colour; spans are bars. With
    // many events the ticks would merge into a band and cost a frame each: the chart above
    // shows their density instead.
    let ticks = if dataset.len() <= MAX_TICKS {
        dataset.indices()
    } else {
        0..0
    };
    for index in ticks {
        let Some((start, end)) = dataset.span_of(index) else {
            continue;
        };
        let mut color = palette::event_color(dataset, view, index);
        if !view.time.shows(start, end) {
            color = color.gamma_multiply(0.3);
        }
        let x0 = scale.x(start);
        let x1 = scale.x(end);
        if x1 - x0 > 4.0 {
            let bar = Rect::from_x_y_ranges(x0..=x1, (track_y - 12.0)..=(track_y - 9.0));
            painter.rect_filled(bar, 1.0, color.gamma_multiply(0.5));
        }
        painter.line_segment(
            [Pos2::new(x0, track_y - 13.0), Pos2::new(x0, track_y - 5.0)],
            Stroke::new(2.0, color),
        );
    }

    date_ticks(ui, &painter, scale, track_y + 6.0);

    // The handle.
    let handle_color = if response.dragged() || response.hovered() {
        visuals.widgets.hovered.fg_stroke.color
    } else {
        visuals.widgets.inactive.fg_stroke.color
    };
    painter.line_segment(
        [
            Pos2::new(handle_x, track_y - 15.0),
            Pos2::new(handle_x, track_y + 5.0),
        ],
        Stroke::new(2.0, handle_color),
    );
    painter.circle(
        Pos2::new(handle_x, track_y),
        7.0,
        visuals.selection.bg_fill,
        Stroke::new(2.0, handle_color),
    );
    if response.has_focus() {
        painter.rect_stroke(
            rect,
            4.0,
            visuals.selection.stroke,
            egui::StrokeKind::Inside,
        );
    }
}

/// Tick marks with dates under the track, as dense as the width allows.
fn date_ticks(ui: &Ui, painter: &egui::Painter, scale: &Scale, y: f32) {
    let text_color = ui.visuals().weak_text_color();
    let tick_color = ui.visuals().widgets.noninteractive.bg_stroke.color;
    let font = FontId::proportional(11.0);
    let days = ((scale.range.1.0 - scale.range.0.0) / SECONDS_PER_DAY).max(1);
    let px_per_day = scale.track.span() / days as f32;

    // Over years, the ticks step by month or by year: a frame never walks thousands of days.
    let step = if px_per_day >= 2.0 {
        TickStep::Day
    } else if px_per_day * 30.0 >= 4.0 {
        TickStep::Month
    } else {
        TickStep::Year
    };
    let mut day = step.first_from(scale.range.0.date());
    let last = scale.range.1.date();
    let mut last_label_right = f32::MIN;
    while day <= last {
        let x = scale.x(TimePoint::from_date(day));
        let month_start = day.day() == 1;
        let week_start = day.weekday() == civil::Weekday::Monday;
        let (draw, label) = if step == TickStep::Year {
            (true, Some(day.strftime("%Y").to_string()))
        } else if month_start {
            (
                true,
                Some(
                    day.strftime(if day.month() == 1 { "%b %Y" } else { "%b" })
                        .to_string(),
                ),
            )
        } else if px_per_day >= 18.0 {
            (true, Some(day.day().to_string()))
        } else if week_start && px_per_day >= 4.0 {
            (true, (px_per_day >= 7.0).then(|| day.day().to_string()))
        } else {
            (px_per_day >= 2.0, None)
        };
        if draw {
            let height = if month_start {
                9.0
            } else if week_start {
                6.0
            } else {
                3.0
            };
            let color = if month_start { text_color } else { tick_color };
            painter.line_segment(
                [Pos2::new(x, y), Pos2::new(x, y + height)],
                Stroke::new(1.0, color),
            );
        }
        if let Some(label) = label {
            let color = if month_start {
                ui.visuals().text_color()
            } else {
                text_color
            };
            let galley = painter.layout_no_wrap(label, font.clone(), color);
            let rect = Align2::CENTER_TOP.anchor_size(Pos2::new(x, y + 10.0), galley.size());
            if rect.left() > last_label_right + 6.0 {
                last_label_right = rect.right();
                painter.galley(rect.min, galley, Color32::PLACEHOLDER);
            }
        }
        match step.next(day) {
            Some(next) => day = next,
            None => break,
        }
    }
}

/// How far apart the date ticks under the slider are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TickStep {
    Day,
    Month,
    Year,
}

impl TickStep {
    /// The first tick on or after `day`.
    fn first_from(self, day: civil::Date) -> civil::Date {
        let start = match self {
            TickStep::Day => return day,
            TickStep::Month => day.first_of_month(),
            TickStep::Year => day.first_of_year(),
        };
        if start < day {
            self.next(start).unwrap_or(day)
        } else {
            start
        }
    }

    /// The tick after `day`, or `None` past the end of the calendar.
    fn next(self, day: civil::Date) -> Option<civil::Date> {
        match self {
            TickStep::Day => day.tomorrow().ok(),
            TickStep::Month => day.checked_add(jiff::Span::new().months(1)).ok(),
            TickStep::Year => day.checked_add(jiff::Span::new().years(1)).ok(),
        }
    }
}
