//! The timeline along the bottom: playback controls, a chart of events over time stacked by
//! what the map colours by (initiator unless chosen otherwise), and a strip with a mark per
//! event. It reads the [`TimeControl`] and changes
//! it only through commands.

use egui::{Color32, RichText, Stroke, Ui, Vec2};
use egui_plot::{Bar, BarChart, Line, Plot, PlotPoints, Span, VLine};

use crate::model::{Dataset, FilterResult, TimePoint};
use crate::state::{Command, ViewContext, ViewState};
use crate::time::{
    BinSize, Bins, LoopMode, SPEED_PRESETS, Stacking, TimeAction, TimeMode, WINDOW_PRESETS,
    bin_events,
};
use crate::tint::{ColorBy, Tint};
use crate::ui::palette;
use crate::ui::time_words::{cursor_words, date_grid, date_label, date_words, duration_words};
use crate::ui::timeline_marks::{MarksCache, marks_ui};

/// Most bars the chart shows across its width; the bin size follows the zoom.
const MAX_BARS: i64 = 120;
/// Most series the chart stacks; the rest share one.
const MAX_SERIES: usize = 8;

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

/// The chart's counts for one dataset, bin size and filter, kept until any changes.
struct ChartCache {
    /// The filter result the bins were counted from.
    serial: u64,
    size: BinSize,
    stacking: Stacking,
    bins: Bins,
}

/// The prefix of the chart's accessible summary.
pub const CHART_SUMMARY: &str = "Chart of events";

/// The chart in words: "Chart of events per week by initiator: Kataib Hezbollah 5, Other
/// actors 2", each series with its total over the chart's range.
fn chart_summary(bins: &Bins, by: ColorBy, name: impl Fn(Tint) -> String) -> String {
    let series: Vec<String> = bins
        .series
        .iter()
        .map(|series| {
            let total: u64 = series.counts.iter().map(|&n| u64::from(n)).sum();
            let name = series
                .tint
                .map_or_else(|| other_series_name(by).to_owned(), &name);
            format!("{name} {}", crate::ui::thousands(total))
        })
        .collect();
    let series = if series.is_empty() {
        "none".to_owned()
    } else {
        series.join(", ")
    };
    format!(
        "{CHART_SUMMARY} {} by {}: {series}",
        bins.size.label(),
        by.label()
    )
}

/// The name of the series that gathers every tint without one of its own.
fn other_series_name(by: ColorBy) -> &'static str {
    match by {
        ColorBy::Initiator | ColorBy::Target => "Other actors",
        ColorBy::Type => "Other types",
        ColorBy::Layer => "Other layers",
    }
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
    marks: MarksCache,
    drag: Option<ChartDrag>,
    show_cumulative: bool,
}

impl Timeline {
    /// Shows the controls, the chart and the mark strip.
    pub fn ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>, commands: &mut Vec<Command>) {
        let (dataset, view, visible) = (cx.dataset, cx.view, cx.visible.len());
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
        self.chart_ui(ui, cx, range, commands);
    }

    /// The bins for this filter result, size and colouring: counted again only when one of
    /// them changed (time alone never changes the bars).
    fn bins(
        &mut self,
        dataset: &Dataset,
        shown: &FilterResult,
        stacking: Stacking,
        size: BinSize,
        range: (TimePoint, TimePoint),
    ) -> &Bins {
        let serial = shown.serial();
        let fresh = matches!(&self.cache, Some(cache) if cache.serial == serial
            && cache.size == size
            && cache.stacking == stacking);
        if !fresh {
            self.cache = None;
        }
        &self
            .cache
            .get_or_insert_with(|| ChartCache {
                serial,
                size,
                bins: bin_events(dataset, shown, &stacking, range, size, MAX_SERIES),
                stacking,
            })
            .bins
    }

    fn chart_ui(
        &mut self,
        ui: &mut Ui,
        cx: &ViewContext<'_>,
        range: (TimePoint, TimePoint),
        commands: &mut Vec<Command>,
    ) {
        let (dataset, view) = (cx.dataset.as_ref(), cx.view);
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
        let stacking = Stacking {
            by: view.color_by,
            recoloured: view.layer_colors.iter().map(Option::is_some).collect(),
        };
        let bins = self.bins(dataset, cx.filtered, stacking, size, range);
        let summary = chart_summary(bins, view.color_by, |tint| {
            palette::tint_name(dataset, view, tint)
        });

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
                let color = series.tint.map_or(Color32::GRAY, |tint| {
                    palette::tint_color(dataset, view, tint)
                });
                let name = series.tint.map_or_else(
                    || other_series_name(view.color_by).to_owned(),
                    |tint| palette::tint_name(dataset, view, tint),
                );
                let name = name.as_str();
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
                    bins,
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

        // What the bars say, for screen readers (and tests): each series and its total.
        response
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Figure, true, &summary));
        self.chart_interaction(&response, time, commands);
        let transform = response.transform;
        marks_ui(
            ui,
            dataset,
            view,
            cx.filtered,
            &mut self.marks,
            &transform,
            commands,
        );
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
    let mut actions: Vec<TimeAction> = Vec::new();
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let (play_label, play_hover) = if time.is_playing() {
            (labels::PAUSE, "Pause (Space)")
        } else {
            (labels::PLAY, "Play (Space)")
        };
        let buttons = [
            (
                labels::START,
                "Before the first event (Home)",
                TimeAction::GoToStart,
            ),
            (
                labels::PREVIOUS,
                "The event before (Left arrow)",
                TimeAction::StepPrevious,
            ),
            (play_label, play_hover, TimeAction::TogglePlay),
            (
                labels::NEXT,
                "The event after (Right arrow)",
                TimeAction::StepNext,
            ),
            (labels::END, "Show every event (End)", TimeAction::GoToEnd),
        ];
        for (label, hover, action) in buttons {
            // Play keeps one width as its label changes, and stands out.
            let button = if action == TimeAction::TogglePlay {
                egui::Button::new(RichText::new(label).strong()).min_size(Vec2::new(64.0, 0.0))
            } else {
                egui::Button::new(label)
            };
            if ui.add(button).on_hover_text(hover).clicked() {
                actions.push(action);
            }
        }
        ui.separator();
        ui.label(RichText::new(cursor_words(view)).heading().strong());
        let (visible, all) = (visible as u64, dataset.len() as u64);
        let text = format!(
            "{} of {} events on the map",
            crate::ui::thousands(visible),
            crate::ui::thousands(all)
        );
        ui.label(RichText::new(text).weak());
    });
    ui.horizontal(|ui| {
        let modes = [TimeMode::Cumulative, TimeMode::Window, TimeMode::Step]
            .map(|mode| (time.mode() == mode, mode.label(), TimeAction::SetMode(mode)));
        actions.extend(menu_ui(ui, labels::MODE, time.mode().label(), modes));
        if time.mode() == TimeMode::Window {
            let current = WINDOW_PRESETS
                .iter()
                .find(|(secs, _)| *secs == time.window_secs())
                .map_or_else(|| duration_words(time.window_secs()), |(_, label)| (*label).to_owned());
            let widths = WINDOW_PRESETS.map(|(secs, label)| {
                (time.window_secs() == secs, label, TimeAction::SetWindowWidth(secs))
            });
            actions.extend(menu_ui(ui, labels::WINDOW, &current, widths));
        }
        if time.mode() != TimeMode::Step {
            let is_current = |speed: f64| (speed - time.speed()).abs() < 1.0;
            let current = SPEED_PRESETS
                .iter()
                .find(|(speed, _)| is_current(*speed))
                .map_or("custom", |(_, label)| label);
            let speeds = SPEED_PRESETS
                .map(|(speed, label)| (is_current(speed), label, TimeAction::SetSpeed(speed)));
            actions.extend(menu_ui(ui, labels::SPEED, current, speeds));
        } else {
            ui.label(RichText::new(format!("one event every {:.0} s", time.step_interval_secs())).weak());
        }
        let loops = [LoopMode::Off, LoopMode::All, LoopMode::Selection]
            .map(|mode| (time.loop_mode() == mode, mode.label(), TimeAction::SetLoop(mode)));
        actions.extend(menu_ui(ui, labels::LOOP, time.loop_mode().label(), loops));
        if time.loop_mode() == LoopMode::Selection {
            let (from, to) = time.visible_span();
            let text = match time.selection() {
                Some((a, b)) => format!("{} to {}", a.date(), b.date()),
                None => "whole range".to_owned(),
            };
            if ui.button("Loop this window").on_hover_text(format!("Now looping: {text}")).clicked() {
                let start = from.unwrap_or_else(|| time.bounds().map_or(to, |(start, _)| start));
                actions.push(TimeAction::SetLoopSelection(Some((start, to))));
            }
        }
        ui.checkbox(show_cumulative, labels::CUMULATIVE_LINE);
        ui.label(RichText::new("Drag on the chart to set a window; right-drag to pan, Ctrl+scroll to zoom, double-click to fit").small().weak());
    });
    commands.extend(actions.into_iter().map(Command::Time));
}

/// A drop-down menu named `label` showing `current`; each option is (chosen, its label, the
/// action it takes). Returns the action of the option clicked, if any.
fn menu_ui<'a>(
    ui: &mut Ui,
    label: &str,
    current: &str,
    options: impl IntoIterator<Item = (bool, &'a str, TimeAction)>,
) -> Option<TimeAction> {
    let mut chosen = None;
    egui::ComboBox::from_label(label)
        .selected_text(current)
        .show_ui(ui, |ui| {
            for (selected, text, action) in options {
                if ui.selectable_label(selected, text).clicked() {
                    chosen = Some(action);
                }
            }
        });
    chosen
}
