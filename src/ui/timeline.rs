//! The timeline along the bottom: playback controls, a chart of events over time stacked by
//! initiator, and a strip with a mark per event. It reads the [`TimeControl`] and changes
//! it only through commands.

use egui::{Color32, Pos2, Rect, RichText, Sense, Stroke, Ui, Vec2};
use egui_plot::{Bar, BarChart, GridInput, GridMark, Line, Plot, PlotPoints, Span, VLine};
use jiff::civil;

use crate::app::{Command, ViewState};
use crate::model::{Dataset, EventFilter, EventIndex, SECONDS_PER_DAY, TimePoint};
use crate::time::{
    BinSize, Bins, LoopMode, SPEED_PRESETS, TimeAction, TimeMode, WINDOW_PRESETS, bin_events,
};
use crate::ui::palette;

/// Most bars the chart shows across its width; the bin size follows the zoom.
const MAX_BARS: i64 = 120;
/// Most series the chart stacks; the rest of the initiators share one.
const MAX_SERIES: usize = 8;
/// Beyond this many events in view, the mark strip gives way to the bars alone.
const MAX_MARKS: usize = 4_000;
/// Height of one lane of the mark strip, and the strip's least and greatest height.
const LANE_HEIGHT: f32 = 4.5;
const STRIP_MIN_HEIGHT: f32 = 24.0;
const STRIP_MAX_HEIGHT: f32 = 72.0;

/// Labels of the timeline's controls, by which people and tests find them.
pub mod labels {
    /// The play button while paused.
    pub const PLAY: &str = "▶ Play";
    /// The play button while playing.
    pub const PAUSE: &str = "⏸ Pause";
    /// Step to the previous event.
    pub const PREVIOUS: &str = "⏴ Previous";
    /// Step to the next event.
    pub const NEXT: &str = "Next ⏵";
    /// Go before the first event.
    pub const START: &str = "⏮ Start";
    /// Go to the end.
    pub const END: &str = "End ⏭";
    /// The mode menu.
    pub const MODE: &str = "Mode";
    /// The window-width menu.
    pub const WINDOW: &str = "Window";
    /// The speed menu.
    pub const SPEED: &str = "Speed";
    /// The loop menu.
    pub const LOOP: &str = "Loop";
    /// The cumulative-line switch.
    pub const CUMULATIVE_LINE: &str = "Cumulative line";
}

/// The chart's counts for one bin size and filter, kept until either changes.
struct ChartCache {
    size: BinSize,
    filter: EventFilter,
    bins: Bins,
}

/// A drag on the chart in progress.
#[derive(Clone, Copy, Debug)]
enum ChartDrag {
    /// Dragging the cursor.
    Scrub,
    /// Sweeping out a window from this time.
    Window { from: TimePoint, to: TimePoint },
}

/// The timeline's own state: what it caches and the drag under way. Time itself lives in
/// the view state.
#[derive(Default)]
pub struct Timeline {
    cache: Option<ChartCache>,
    drag: Option<ChartDrag>,
    show_cumulative: bool,
}

impl Timeline {
    /// Shows the controls, the chart and the mark strip.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        dataset: &Dataset,
        view: &ViewState,
        visible: usize,
        commands: &mut Vec<Command>,
    ) {
        controls_ui(
            ui,
            dataset,
            view,
            visible,
            &mut self.show_cumulative,
            commands,
        );
        let Some(range) = dataset.slider_range() else {
            return;
        };
        self.chart_ui(ui, dataset, view, range, commands);
    }

    fn bins(
        &mut self,
        dataset: &Dataset,
        filter: &EventFilter,
        size: BinSize,
        range: (TimePoint, TimePoint),
    ) -> &Bins {
        let stale = self
            .cache
            .as_ref()
            .is_none_or(|cache| cache.size != size || cache.filter != *filter);
        if stale {
            let bins = bin_events(dataset, filter, range.0, range.1, size, MAX_SERIES);
            self.cache = Some(ChartCache {
                size,
                filter: filter.clone(),
                bins,
            });
        }
        match &self.cache {
            Some(cache) => &cache.bins,
            None => unreachable_bins(),
        }
    }

    fn chart_ui(
        &mut self,
        ui: &mut Ui,
        dataset: &Dataset,
        view: &ViewState,
        range: (TimePoint, TimePoint),
        commands: &mut Vec<Command>,
    ) {
        let time = view.time.time();
        let (window_from, _) = view.time.visible_span();
        let dark = ui.visuals().dark_mode;
        let cursor_color = ui.visuals().selection.stroke.color;
        let show_cumulative = self.show_cumulative;
        let drag = self.drag;
        let loop_selection = (view.time.loop_mode() == LoopMode::Selection)
            .then(|| view.time.selection())
            .flatten();

        // The bin size follows the zoom of the last frame (the plot remembers its bounds).
        let plot_id = ui.make_persistent_id("timeline_chart");
        let span_secs = egui_plot::PlotMemory::load(ui.ctx(), plot_id)
            .map_or(range.1.0 - range.0.0, |memory| {
                memory.bounds().width() as i64
            });
        let size = BinSize::for_span(span_secs, MAX_BARS);
        let bins = self.bins(dataset, &view.filter, size, range).clone();

        let margin = (range.1.0 - range.0.0) as f64 * 0.01;
        let plot = Plot::new("timeline_chart")
            .id(plot_id)
            .height(120.0)
            .default_x_bounds(range.0.as_f64() - margin, range.1.as_f64() + margin)
            .include_y(0.0)
            .auto_bounds([false, true])
            .allow_zoom([true, false])
            .allow_scroll([true, false])
            .allow_drag([true, false])
            .pan_pointer_button(egui::PointerButton::Secondary)
            .allow_boxed_zoom(false)
            .show_y(false)
            .show_x(false)
            .y_axis_min_width(28.0)
            .x_grid_spacer(date_grid)
            .x_axis_formatter(|mark, _range| date_label(mark.value, mark.step_size))
            .label_formatter(|_| None);

        let response = plot.show(ui, |plot_ui| {
            let bounds = plot_ui.plot_bounds();
            let (lo, hi) = (bounds.min()[0], bounds.max()[0]);
            let mut drawn: Vec<BarChart> = Vec::new();
            for series in &bins.series {
                let color = series
                    .actor
                    .and_then(|actor| dataset.actors().get(actor))
                    .map_or(Color32::GRAY, |actor| palette::color32(actor.color));
                let name = series
                    .actor
                    .map_or("Other actors", |actor| dataset.actors().name(actor));
                // Every series gets a bar in every bin in view, zero or not: egui_plot stacks
                // bars by position, so the series must line up bin for bin.
                let bars: Vec<Bar> = bins
                    .edges
                    .windows(2)
                    .zip(&series.counts)
                    .filter(|(edge, _)| edge[1].as_f64() >= lo && edge[0].as_f64() <= hi)
                    .map(|(edge, count)| {
                        let (a, b) = (edge[0].as_f64(), edge[1].as_f64());
                        Bar::new((a + b) / 2.0, f64::from(*count))
                            .width((b - a) * 0.85)
                            .fill(color)
                            .stroke(Stroke::NONE)
                            .name(format!(
                                "{name}: {count} ({} {})",
                                date_words(edge[0], size),
                                size.label()
                            ))
                    })
                    .collect();
                let stacked: Vec<&BarChart> = drawn.iter().collect();
                let chart = BarChart::new(name, bars).color(color).stack_on(&stacked);
                drawn.push(chart);
            }
            for chart in drawn {
                plot_ui.bar_chart(chart);
            }
            if show_cumulative {
                cumulative_line(
                    plot_ui,
                    &bins,
                    if dark {
                        Color32::LIGHT_GRAY
                    } else {
                        Color32::DARK_GRAY
                    },
                );
            }
            if let Some(from) = window_from {
                plot_ui.span(
                    Span::new("Window", from.as_f64()..=time.as_f64())
                        .fill(cursor_color.gamma_multiply(0.15))
                        .border_width(0.0),
                );
            }
            if let Some((from, to)) = loop_selection {
                plot_ui.span(
                    Span::new("Loop selection", from.as_f64()..=to.as_f64())
                        .fill(Color32::from_rgb(200, 160, 40).gamma_multiply(0.12))
                        .border_width(0.0),
                );
            }
            if let Some(ChartDrag::Window { from, to }) = drag {
                plot_ui.span(
                    Span::new(
                        "New window",
                        from.0.min(to.0) as f64..=from.0.max(to.0) as f64,
                    )
                    .fill(cursor_color.gamma_multiply(0.25))
                    .border_width(1.0),
                );
            }
            plot_ui.vline(
                VLine::new("Now", time.as_f64())
                    .color(cursor_color)
                    .width(2.0),
            );
        });

        self.chart_interaction(&response, time, commands);
        let transform = response.transform;
        marks_ui(ui, dataset, view, &transform, commands);
    }

    /// Click to move the cursor; drag the cursor to scrub; drag elsewhere to set a window.
    fn chart_interaction(
        &mut self,
        response: &egui_plot::PlotResponse<()>,
        time: TimePoint,
        commands: &mut Vec<Command>,
    ) {
        let plot = &response.response;
        let transform = &response.transform;
        let Some(pointer) = plot.interact_pointer_pos().or_else(|| plot.hover_pos()) else {
            return;
        };
        let at = TimePoint::from_f64(transform.value_from_position(pointer).x);
        if plot.drag_started_by(egui::PointerButton::Primary) {
            let cursor_x = transform.position_from_point_x(time.as_f64());
            self.drag = Some(if (cursor_x - pointer.x).abs() <= 8.0 {
                ChartDrag::Scrub
            } else {
                ChartDrag::Window { from: at, to: at }
            });
        }
        match &mut self.drag {
            Some(ChartDrag::Scrub) if plot.dragged_by(egui::PointerButton::Primary) => {
                commands.push(Command::Time(TimeAction::SetTime(at)));
            }
            Some(ChartDrag::Window { to, .. }) if plot.dragged_by(egui::PointerButton::Primary) => {
                *to = at
            }
            _ => {}
        }
        if plot.drag_stopped() {
            if let Some(ChartDrag::Window { from, to }) = self.drag
                && (to.0 - from.0).abs() >= 3_600
            {
                commands.push(Command::Time(TimeAction::SetWindow(from, to)));
            }
            self.drag = None;
        } else if plot.clicked_by(egui::PointerButton::Primary) {
            commands.push(Command::Time(TimeAction::SetTime(at)));
        }
    }
}

/// A cache miss cannot happen after filling it; this keeps the borrow checker and clippy
/// content without an `unwrap`.
fn unreachable_bins() -> &'static Bins {
    static EMPTY: std::sync::OnceLock<Bins> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| Bins {
        size: BinSize::Day,
        edges: Vec::new(),
        series: Vec::new(),
        before: 0,
    })
}

/// The running total, scaled to the tallest bar so both fit one axis; hovering it tells
/// the true count.
fn cumulative_line(plot_ui: &mut egui_plot::PlotUi<'_>, bins: &Bins, color: Color32) {
    let totals = bins.totals();
    let cumulative = bins.cumulative();
    let tallest = f64::from(totals.iter().copied().max().unwrap_or(1).max(1));
    let last = cumulative.last().copied().unwrap_or(1).max(1) as f64;
    let scale = tallest / last;
    let points: PlotPoints = bins
        .edges
        .iter()
        .skip(1)
        .zip(&cumulative)
        .map(|(edge, total)| [edge.as_f64(), *total as f64 * scale])
        .collect();
    plot_ui.line(
        Line::new(
            format!(
                "Cumulative (scaled; {} events in all)",
                cumulative.last().copied().unwrap_or(0)
            ),
            points,
        )
        .color(color)
        .width(1.5),
    );
}

/// The row of controls above the chart.
fn controls_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    view: &ViewState,
    visible: usize,
    show_cumulative: &mut bool,
    commands: &mut Vec<Command>,
) {
    let time = &view.time;
    let mut action = |a: TimeAction| commands.push(Command::Time(a));
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        if ui
            .button(labels::START)
            .on_hover_text("Before the first event (Home)")
            .clicked()
        {
            action(TimeAction::GoToStart);
        }
        if ui
            .button(labels::PREVIOUS)
            .on_hover_text("The event before (Left arrow)")
            .clicked()
        {
            action(TimeAction::StepPrevious);
        }
        let play_label = if time.is_playing() {
            labels::PAUSE
        } else {
            labels::PLAY
        };
        let play =
            egui::Button::new(RichText::new(play_label).strong()).min_size(Vec2::new(64.0, 0.0));
        if ui
            .add(play)
            .on_hover_text("Play or pause (Space)")
            .clicked()
        {
            action(TimeAction::TogglePlay);
        }
        if ui
            .button(labels::NEXT)
            .on_hover_text("The event after (Right arrow)")
            .clicked()
        {
            action(TimeAction::StepNext);
        }
        if ui
            .button(labels::END)
            .on_hover_text("Show every event (End)")
            .clicked()
        {
            action(TimeAction::GoToEnd);
        }
        ui.separator();
        ui.label(RichText::new(cursor_words(view)).heading().strong());
        ui.label(RichText::new(format!("{visible} of {} events on the map", dataset.len())).weak());
    });
    ui.horizontal(|ui| {
        egui::ComboBox::from_label(labels::MODE)
            .selected_text(time.mode().label())
            .show_ui(ui, |ui| {
                for mode in [TimeMode::Cumulative, TimeMode::Window, TimeMode::Step] {
                    if ui.selectable_label(time.mode() == mode, mode.label()).clicked() {
                        action(TimeAction::SetMode(mode));
                    }
                }
            });
        if time.mode() == TimeMode::Window {
            let current = WINDOW_PRESETS
                .iter()
                .find(|(secs, _)| *secs == time.window_secs())
                .map_or_else(|| duration_words(time.window_secs()), |(_, label)| (*label).to_owned());
            egui::ComboBox::from_label(labels::WINDOW)
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for (secs, label) in WINDOW_PRESETS {
                        if ui.selectable_label(time.window_secs() == secs, label).clicked() {
                            action(TimeAction::SetWindowWidth(secs));
                        }
                    }
                });
        }
        if time.mode() != TimeMode::Step {
            let current = SPEED_PRESETS
                .iter()
                .find(|(speed, _)| (*speed - time.speed()).abs() < 1.0)
                .map_or("custom", |(_, label)| label);
            egui::ComboBox::from_label(labels::SPEED)
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for (speed, label) in SPEED_PRESETS {
                        if ui.selectable_label((speed - time.speed()).abs() < 1.0, label).clicked() {
                            action(TimeAction::SetSpeed(speed));
                        }
                    }
                });
        } else {
            ui.label(RichText::new(format!("one event every {:.0} s", time.step_interval_secs())).weak());
        }
        egui::ComboBox::from_label(labels::LOOP)
            .selected_text(time.loop_mode().label())
            .show_ui(ui, |ui| {
                for mode in [LoopMode::Off, LoopMode::All, LoopMode::Selection] {
                    if ui.selectable_label(time.loop_mode() == mode, mode.label()).clicked() {
                        action(TimeAction::SetLoop(mode));
                    }
                }
            });
        if time.loop_mode() == LoopMode::Selection {
            let (from, to) = time.visible_span();
            let text = match time.selection() {
                Some((a, b)) => format!("{} to {}", a.date(), b.date()),
                None => "whole range".to_owned(),
            };
            if ui.button("Loop this window").on_hover_text(format!("Now looping: {text}")).clicked() {
                let start = from.unwrap_or_else(|| time.bounds().map_or(to, |(start, _)| start));
                action(TimeAction::SetLoopSelection(Some((start, to))));
            }
        }
        ui.checkbox(show_cumulative, labels::CUMULATIVE_LINE);
        ui.label(RichText::new("Drag on the chart to set a window; right-drag to pan, Ctrl+scroll to zoom, double-click to fit").small().weak());
    });
}

/// "Up to Sat 20 January 2024" or "18 to 21 January 2024".
fn cursor_words(view: &ViewState) -> String {
    let time = view.time.time();
    let when = |t: TimePoint| {
        let dt = t.date_time();
        if dt.time() == civil::Time::midnight() {
            dt.date().strftime("%a %-d %B %Y").to_string()
        } else {
            format!(
                "{} {:02}:{:02}",
                dt.date().strftime("%a %-d %B %Y"),
                dt.hour(),
                dt.minute()
            )
        }
    };
    match view.time.visible_span() {
        (None, _) => format!("Up to {}", when(time)),
        (Some(from), _) => format!("{} to {}", when(from), when(time)),
    }
}

/// A width of time in words.
fn duration_words(seconds: i64) -> String {
    let days = seconds as f64 / SECONDS_PER_DAY as f64;
    if days >= 1.0 {
        format!("{days:.1} days")
    } else {
        format!("{:.0} hours", seconds as f64 / 3_600.0)
    }
}

/// The start of a bin in words that fit its size.
fn date_words(start: TimePoint, size: BinSize) -> String {
    let dt = start.date_time();
    match size {
        BinSize::Hour => format!("{} {:02}:00", dt.date(), dt.hour()),
        BinSize::Day => dt.date().strftime("%a %-d %b %Y").to_string(),
        BinSize::Week => format!("week of {}", dt.date().strftime("%-d %b %Y")),
        BinSize::Month => dt.date().strftime("%B %Y").to_string(),
    }
}

/// Grid lines on calendar boundaries: hours, days, weeks, months or years, as the zoom allows.
fn date_grid(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return Vec::new();
    }
    let span = hi - lo;
    let day = SECONDS_PER_DAY as f64;
    let steps = [
        (3_600.0, 3_600.0),
        (6.0 * 3_600.0, 6.0 * 3_600.0),
        (day, day),
        (7.0 * day, 7.0 * day),
        (30.0 * day, 30.0 * day),
        (91.0 * day, 91.0 * day),
        (365.0 * day, 365.0 * day),
    ];
    let step = steps
        .iter()
        .map(|(s, _)| *s)
        .find(|s| span / s <= 10.0)
        .unwrap_or(365.0 * day);
    let mut marks = Vec::new();
    let mut t = TimePoint::from_f64(lo);
    // Snap to a calendar boundary, then walk.
    let size = if step >= 28.0 * day {
        BinSize::Month
    } else if step >= 7.0 * day {
        BinSize::Week
    } else if step >= day {
        BinSize::Day
    } else {
        BinSize::Hour
    };
    let months_per_mark = if step >= 365.0 * day {
        12
    } else if step >= 91.0 * day {
        3
    } else {
        1
    };
    let hours_per_mark = (step / 3_600.0).round().max(1.0) as i64;
    let edges = size.edges(t, TimePoint::from_f64(hi), 2_000);
    for edge in edges {
        t = edge;
        if t.as_f64() < lo || t.as_f64() > hi {
            continue;
        }
        let dt = t.date_time();
        let keep = match size {
            BinSize::Month => (dt.month() as i32 - 1) % months_per_mark == 0,
            BinSize::Hour => i64::from(dt.hour()) % hours_per_mark == 0,
            _ => true,
        };
        if keep {
            marks.push(GridMark {
                value: t.as_f64(),
                step_size: step,
            });
        }
    }
    marks
}

/// A date label for a grid line: its precision follows the spacing of the lines.
fn date_label(value: f64, step: f64) -> String {
    let dt = TimePoint::from_f64(value).date_time();
    let day = SECONDS_PER_DAY as f64;
    if step >= 365.0 * day {
        dt.year().to_string()
    } else if step >= 28.0 * day {
        if dt.month() == 1 {
            dt.date().strftime("%b %Y").to_string()
        } else {
            dt.date().strftime("%b").to_string()
        }
    } else if step >= day {
        if dt.day() == 1 || step >= 7.0 * day {
            dt.date().strftime("%-d %b").to_string()
        } else {
            dt.day().to_string()
        }
    } else {
        format!("{:02}:00", dt.hour())
    }
}

/// One mark per event under the chart: a tick for a day or an instant, a bar for a span,
/// two linked ticks for a disputed date. Hover names the event; a click selects it.
fn marks_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    view: &ViewState,
    transform: &egui_plot::PlotTransform,
    commands: &mut Vec<Command>,
) {
    let frame = *transform.frame();
    let at_x = |x: f32| TimePoint::from_f64(transform.value_from_position(Pos2::new(x, 0.0)).x);
    let (lo, hi) = (at_x(frame.left()), at_x(frame.right()));
    let in_view: Vec<EventIndex> = dataset.overlapping(lo, hi).collect();
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
            format!("{} events in view: zoom in to see each one", in_view.len()),
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
            let event = dataset.event(index)?;
            let (start, end) = dataset.span_of(index)?;
            let x0 = x_of(start);
            view.filter
                .admits(event)
                .then(|| (index, x0, x_of(end).max(x0 + 3.0)))
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
        let (Some(event), Some((start, end))) = (dataset.event(index), dataset.span_of(index))
        else {
            continue;
        };
        let mut color = palette::event_color(dataset, event);
        if !view.time.shows(start, end) {
            color = color.gamma_multiply(0.35);
        }
        let y0 = top + lane_height * lane as f32;
        let mark = Rect::from_x_y_ranges(x0..=x1, y0 + 0.5..=y0 + lane_height - 0.5);
        painter.rect_filled(mark, 1.0, color);
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
        if let Some(days) = claimed_days(event) {
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
    if let Some(index) = hovered
        && let Some(event) = dataset.event(index)
    {
        if response.clicked() {
            commands.push(Command::Select(Some(index)));
        }
        response.on_hover_ui_at_pointer(|ui| {
            ui.strong(&event.title);
            ui.label(format!("{} · {}", event.time, event.place));
        });
    }
}

/// The days claimed in a dispute over the start, when there are at least two.
fn claimed_days(event: &crate::model::Event) -> Option<Vec<civil::Date>> {
    let dispute = event
        .disputes
        .iter()
        .find(|dispute| dispute.field == "start")?;
    let days: Vec<civil::Date> = dispute
        .claims
        .iter()
        .filter_map(|claim| claim.value.parse::<civil::Date>().ok())
        .collect();
    (days.len() >= 2).then_some(days)
}
