//! The escalation chart shown while presenting: attacks and strikes per week, stacked by
//! who carried them out in their colours, with the time cursor marked. The numbers come
//! from [`crate::escalation`]; this draws them.

use egui::{Stroke, Ui};
use egui_plot::{Bar, BarChart, Plot, VLine};

use super::presenter::{CARD_ACCENT, CARD_WEAK};
use crate::escalation::WeeklyAttacks;
use crate::model::TimePoint;
use crate::state::ViewContext;

/// The escalation chart's title, which its description for screen readers starts with.
pub const ESCALATION_CHART_TITLE: &str = "Attacks and strikes per week, by who carried them out";

/// The bars of the escalation chart, stacked by actor in each actor's colour, with the time
/// cursor as a line.
pub fn plot_ui(ui: &mut Ui, weekly: &WeeklyAttacks, cx: &ViewContext<'_>, cursor: TimePoint) {
    const WEEK: f64 = 7.0 * 86_400.0;
    let dataset = cx.dataset;
    let name_of = |actor: Option<crate::model::ActorId>| {
        actor
            .and_then(|id| dataset.actors().get(id))
            .map_or_else(|| "not stated".to_owned(), |actor| actor.name.clone())
    };
    let color_of = |actor: Option<crate::model::ActorId>| {
        actor
            .and_then(|id| dataset.actors().get(id))
            .map_or(CARD_WEAK, |actor| super::palette::color32(actor.color))
    };
    let peak = weekly
        .weeks
        .iter()
        .enumerate()
        .map(|(n, week)| {
            let total: u32 = weekly.series.iter().filter_map(|(_, c)| c.get(n)).sum();
            (total, *week)
        })
        .max_by_key(|(total, _)| *total);
    let summary = match peak {
        Some((most, week)) => format!(
            "{ESCALATION_CHART_TITLE}: {} in all; most ({most}) in the week of {}",
            weekly.total(),
            day_words(week)
        ),
        None => format!("{ESCALATION_CHART_TITLE}: none"),
    };
    let response = Plot::new("escalation_chart")
        .height(170.0)
        .show_x(false)
        .show_y(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_y(0.0)
        .y_axis_min_width(18.0)
        .x_axis_formatter(|mark, _| day_words(TimePoint(mark.value as i64)))
        .label_formatter(|_| None)
        .show(ui, |plot_ui| {
            let mut drawn: Vec<BarChart> = Vec::new();
            for (actor, counts) in &weekly.series {
                let color = color_of(*actor);
                let name = name_of(*actor);
                let bars = weekly
                    .weeks
                    .iter()
                    .zip(counts)
                    .map(|(week, count)| {
                        Bar::new(week.as_f64() + WEEK / 2.0, f64::from(*count))
                            .width(WEEK * 0.8)
                            .fill(color)
                            .stroke(Stroke::NONE)
                    })
                    .collect();
                let below: Vec<&BarChart> = drawn.iter().collect();
                let chart = BarChart::new(name, bars).color(color).stack_on(&below);
                drawn.push(chart);
            }
            for chart in drawn {
                plot_ui.bar_chart(chart);
            }
            plot_ui.vline(
                VLine::new("Now", cursor.as_f64())
                    .color(CARD_ACCENT)
                    .width(2.0),
            );
        });
    response
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Figure, true, &summary));
}

/// A day in short words: "15 Jan".
fn day_words(time: TimePoint) -> String {
    jiff::Timestamp::from_second(time.0)
        .map(|t| {
            t.to_zoned(jiff::tz::TimeZone::UTC)
                .date()
                .strftime("%-d %b")
                .to_string()
        })
        .unwrap_or_default()
}
