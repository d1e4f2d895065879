//! Presenter mode: a story shown step by step over the map, for a room. The side panels
//! give way to a large caption with the step's date, its sentences and the articles each
//! rests on; dots along the top show the progress and jump to a step; the timeline stays.
//! A clicker's keys step through the story (→, Space, Page Down; ←, Page Up; Home, End),
//! Esc leaves and F11 toggles full screen.

use std::sync::Arc;

use egui::{Align2, Color32, FontId, Key, RichText, Sense, Stroke, Ui, Vec2};

use crate::background::{Job, Poll};
use crate::escalation::WeeklyAttacks;

use crate::model::{Dataset, TimePoint};
use crate::state::{Command, ViewContext};
use crate::story::{Sentence, Story};

/// The menu entry that starts presenting.
pub const PRESENT_LABEL: &str = "Present story (F5)";
/// The button that leaves presenter mode.
pub const LEAVE_PRESENTER_LABEL: &str = "Leave (Esc)";
/// The button that toggles full screen.
pub const FULL_SCREEN_LABEL: &str = "Full screen (F11)";
/// The button that shows or hides the escalation chart.
pub const ESCALATION_CHART_LABEL: &str = "Escalation chart (C)";
pub use super::escalation_chart::ESCALATION_CHART_TITLE;

/// How long the time cursor takes to glide to a new step's time, in seconds: about as long
/// as the camera's flight.
const GLIDE_SECS: f32 = 1.2;

/// The caption's colours: light text on a dark card whatever the theme, which reads best
/// on a projector.
pub(super) const CARD_FILL: Color32 = Color32::from_rgba_premultiplied(14, 18, 26, 232);
pub(super) const CARD_TEXT: Color32 = Color32::from_rgb(244, 244, 240);
pub(super) const CARD_WEAK: Color32 = Color32::from_rgb(170, 178, 190);
pub(super) const CARD_ACCENT: Color32 = Color32::from_rgb(240, 180, 60);

/// A move of the time cursor from one step's time to the next, eased like the camera.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeGlide {
    from: TimePoint,
    to: TimePoint,
    elapsed_secs: f32,
    duration_secs: f32,
}

impl TimeGlide {
    /// A glide from `from` to `to` taking `duration_secs`; one to where the cursor is ends
    /// at once.
    pub fn new(from: TimePoint, to: TimePoint, duration_secs: f32) -> Self {
        TimeGlide {
            from,
            to,
            elapsed_secs: 0.0,
            duration_secs: if from == to { 0.0 } else { duration_secs },
        }
    }

    /// Whether the cursor has arrived.
    pub fn is_finished(&self) -> bool {
        self.elapsed_secs >= self.duration_secs
    }

    /// Moves on by `dt_secs` (clamped, so that a stalled frame does not jump) and returns the
    /// cursor's time now; at the end, exactly the target.
    pub fn advance(&mut self, dt_secs: f32) -> TimePoint {
        self.elapsed_secs = (self.elapsed_secs + dt_secs.clamp(0.0, 0.1)).min(self.duration_secs);
        if self.is_finished() {
            return self.to;
        }
        let t = f64::from(self.elapsed_secs / self.duration_secs);
        let eased = if t < 0.5 {
            4.0 * t * t * t
        } else {
            1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
        };
        let span = (self.to.0 - self.from.0) as f64;
        TimePoint(self.from.0 + (span * eased).round() as i64)
    }
}

/// The open story, which step is shown, and whether presenter mode is on.
pub struct Presenter {
    story: Story,
    active: bool,
    step: usize,
    glide: Option<TimeGlide>,
    fullscreen: bool,
    /// Whether the escalation chart is on show.
    chart_open: bool,
    /// Its numbers, for a dataset generation, and their working out in the background.
    chart: Option<(u64, Arc<WeeklyAttacks>)>,
    chart_job: Option<Job<u64, WeeklyAttacks>>,
    /// Why presenting could not start, or a story could not be opened.
    pub message: Option<String>,
    /// The caption's type size (1 is full size) for what it shows and the room it has.
    caption_fit: Option<(CaptionRoom, f32)>,
}

/// What the caption's type size depends on: the step, the selected event and the room.
type CaptionRoom = (usize, Option<crate::model::EventIndex>, u32, u32);

/// The smallest the caption's type is made to fit a small window.
const MIN_CAPTION_SCALE: f32 = 0.5;

impl Presenter {
    /// A presenter with `story` open, not presenting yet.
    pub fn new(story: Story) -> Self {
        Presenter {
            story,
            active: false,
            step: 0,
            glide: None,
            fullscreen: false,
            chart_open: false,
            chart: None,
            chart_job: None,
            message: None,
            caption_fit: None,
        }
    }

    /// The open story.
    pub fn story(&self) -> &Story {
        &self.story
    }

    /// The open story, to edit.
    pub fn story_mut(&mut self) -> &mut Story {
        &mut self.story
    }

    /// Makes step `step` (from 0) the one presenting starts from.
    pub fn set_step(&mut self, step: usize) {
        self.step = step.min(self.story.steps.len().saturating_sub(1));
    }

    /// Opens another story, at its first step.
    pub fn set_story(&mut self, story: Story) {
        self.story = story;
        self.step = 0;
        self.glide = None;
    }

    /// Whether presenter mode is on.
    pub fn is_active(&self) -> bool {
        self.active
    }

    /// Turns presenter mode on or off.
    pub fn set_active(&mut self, active: bool) {
        self.active = active;
        if !active {
            self.glide = None;
        }
    }

    /// The step shown (from 0).
    pub fn step(&self) -> usize {
        self.step
    }

    /// Shows step `step` (from 0): the time cursor glides from `from` to `to`.
    pub fn go_to(&mut self, step: usize, from: TimePoint, to: TimePoint) {
        self.step = step;
        self.glide = Some(TimeGlide::new(from, to, GLIDE_SECS));
    }

    /// Whether the time cursor is still gliding to the step's time.
    pub fn is_gliding(&self) -> bool {
        self.glide.is_some()
    }

    /// Moves the time cursor on by `dt_secs`; the new time while it glides.
    pub fn advance(&mut self, dt_secs: f32) -> Option<TimePoint> {
        let glide = self.glide.as_mut()?;
        let time = glide.advance(dt_secs);
        if glide.is_finished() {
            self.glide = None;
        }
        Some(time)
    }

    /// The keys of a presentation clicker and the keyboard, while presenting.
    pub fn keys(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let count = self.story.steps.len();
        let pressed =
            |key: Key| ctx.input_mut(|input| input.consume_key(egui::Modifiers::NONE, key));
        let last = count.saturating_sub(1);
        if [Key::ArrowRight, Key::Space, Key::PageDown]
            .into_iter()
            .any(pressed)
            && self.step < last
        {
            commands.push(Command::ShowStep(self.step + 1));
        }
        if [Key::ArrowLeft, Key::PageUp].into_iter().any(pressed) && self.step > 0 {
            commands.push(Command::ShowStep(self.step - 1));
        }
        if pressed(Key::Home) && count > 0 {
            commands.push(Command::ShowStep(0));
        }
        if pressed(Key::End) && count > 0 {
            commands.push(Command::ShowStep(last));
        }
        if pressed(Key::Escape) {
            commands.push(Command::Present(false));
        }
        if pressed(Key::F11) {
            self.toggle_fullscreen(ctx);
        }
        if pressed(Key::C) {
            self.chart_open = !self.chart_open;
        }
    }

    /// Full screen on or off.
    fn toggle_fullscreen(&mut self, ctx: &egui::Context) {
        self.fullscreen = !self.fullscreen;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.fullscreen));
    }

    /// Leaves full screen, if presenting put the window there.
    pub fn leave_fullscreen(&mut self, ctx: &egui::Context) {
        if self.fullscreen {
            self.toggle_fullscreen(ctx);
        }
    }

    /// Draws the caption, the progress dots and the buttons over the map in `map_rect`.
    pub fn overlay_ui(
        &mut self,
        ui: &Ui,
        map_rect: egui::Rect,
        cx: &ViewContext<'_>,
        commands: &mut Vec<Command>,
    ) {
        let ctx = ui.ctx();
        self.dots_ui(ui, map_rect, commands);
        self.buttons_ui(ui, map_rect, commands);
        if self.chart_open {
            self.chart_ui(ui, map_rect, cx);
        }
        if self.story.steps.get(self.step).is_none() {
            return;
        }
        // A column at the right of the map, under the buttons: the map's controls and legend
        // keep the left, and the camera keeps the step's events in what is left free.
        let margin = CAPTION_MARGIN;
        let width = caption_width_for(map_rect.width());
        let top = 64.0;
        let inner_width = width - 52.0;
        let max_height = map_rect.height() - top - 2.0 * margin - 44.0;
        let room = (
            self.step,
            cx.view.selected,
            inner_width.round() as u32,
            max_height.round() as u32,
        );
        let known = self
            .caption_fit
            .filter(|(fitted, _)| *fitted == room)
            .map(|(_, scale)| scale);
        let (story, step) = (&self.story, self.step);
        let scale = known.unwrap_or_else(|| {
            fit_caption(ui, inner_width, max_height, |ui, scale| {
                caption_ui(ui, story, step, cx, scale);
            })
        });
        self.caption_fit = Some((room, scale));
        egui::Area::new(ui.scope_id().with("presenter_caption"))
            .order(egui::Order::Foreground)
            .pivot(Align2::RIGHT_TOP)
            .fixed_pos(map_rect.right_top() + Vec2::new(-margin, top))
            .show(ctx, |ui| {
                egui::Frame::new()
                    .fill(CARD_FILL)
                    .corner_radius(14.0)
                    .inner_margin(egui::Margin::symmetric(26, 22))
                    .show(ui, |ui| {
                        ui.set_width(inner_width);
                        ui.set_max_height(max_height);
                        caption_ui(ui, &self.story, self.step, cx, scale);
                    });
            });
    }

    /// Whether the escalation chart is on show.
    pub fn is_chart_open(&self) -> bool {
        self.chart_open
    }

    /// The escalation chart at the top left of the map: attacks and strikes per week, by
    /// who carried them out, with the time cursor marked. Its numbers are worked out in
    /// the background once per dataset.
    fn chart_ui(&mut self, ui: &Ui, map_rect: egui::Rect, cx: &ViewContext<'_>) {
        let ctx = ui.ctx();
        let generation = cx.dataset.generation();
        if let Some(job) = &self.chart_job
            && let Poll::Ready(weekly) = job.poll()
        {
            self.chart = Some((*job.key(), Arc::new(weekly)));
            self.chart_job = None;
        }
        let current = self.chart.as_ref().is_some_and(|(g, _)| *g == generation);
        let asked = self
            .chart_job
            .as_ref()
            .is_some_and(|job| *job.key() == generation);
        if !current && !asked {
            let dataset = Arc::clone(cx.dataset);
            match Job::spawn("escalation", ctx, generation, move || {
                WeeklyAttacks::count(&dataset)
            }) {
                Ok(job) => self.chart_job = Some(job),
                Err(weekly) => self.chart = Some((generation, Arc::new(weekly))),
            }
        }
        let weekly = self
            .chart
            .as_ref()
            .filter(|(g, _)| *g == generation)
            .map(|(_, weekly)| Arc::clone(weekly));
        let cursor = cx.view.time.time();
        egui::Area::new(ui.scope_id().with("presenter_chart"))
            .order(egui::Order::Foreground)
            .fixed_pos(map_rect.left_top() + Vec2::new(10.0, 58.0))
            .show(ctx, |ui| {
                egui::Frame::new()
                    .fill(CARD_FILL)
                    .corner_radius(12.0)
                    .inner_margin(egui::Margin::symmetric(16, 12))
                    .show(ui, |ui| {
                        ui.set_width(440.0);
                        ui.label(
                            RichText::new(ESCALATION_CHART_TITLE)
                                .size(16.0)
                                .color(CARD_TEXT),
                        );
                        match weekly {
                            Some(weekly) => {
                                super::escalation_chart::plot_ui(ui, &weekly, cx, cursor)
                            }
                            None => {
                                ui.spinner();
                            }
                        }
                        ui.label(
                            RichText::new(
                                "Events dated to within a week; spans such as the attacks \
                                 \"since mid-October\" are left out.",
                            )
                            .size(12.0)
                            .color(CARD_WEAK),
                        );
                    });
            });
    }

    /// One dot per step across the top of the map; the current one filled, each a button
    /// that jumps to its step.
    fn dots_ui(&self, ui: &Ui, map_rect: egui::Rect, commands: &mut Vec<Command>) {
        let ctx = ui.ctx();
        let count = self.story.steps.len();
        if count == 0 {
            return;
        }
        egui::Area::new(ui.scope_id().with("presenter_dots"))
            .order(egui::Order::Foreground)
            .pivot(Align2::CENTER_TOP)
            .fixed_pos(map_rect.center_top() + Vec2::new(0.0, 14.0))
            .show(ctx, |ui| {
                egui::Frame::new()
                    .fill(CARD_FILL)
                    .corner_radius(14.0)
                    .inner_margin(egui::Margin::symmetric(14, 8))
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.spacing_mut().item_spacing.x = 6.0;
                            for (n, step) in self.story.steps.iter().enumerate() {
                                if dot_ui(ui, n, &step.title, n == self.step).clicked() {
                                    commands.push(Command::ShowStep(n));
                                }
                            }
                        });
                    });
            });
    }

    /// Leave and full screen, at the top right of the map.
    fn buttons_ui(&mut self, ui: &Ui, map_rect: egui::Rect, commands: &mut Vec<Command>) {
        let ctx = ui.ctx();
        egui::Area::new(ui.scope_id().with("presenter_buttons"))
            .order(egui::Order::Foreground)
            .pivot(Align2::RIGHT_TOP)
            .fixed_pos(map_rect.right_top() + Vec2::new(-14.0, 14.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if ui
                            .selectable_label(self.chart_open, ESCALATION_CHART_LABEL)
                            .clicked()
                        {
                            self.chart_open = !self.chart_open;
                        }
                        if ui.button(FULL_SCREEN_LABEL).clicked() {
                            self.toggle_fullscreen(ctx);
                        }
                        if ui.button(LEAVE_PRESENTER_LABEL).clicked() {
                            commands.push(Command::Present(false));
                        }
                    });
                });
            });
    }
}

/// The space between the caption and the map's right edge, in points.
const CAPTION_MARGIN: f32 = 18.0;

/// How many points at the right of a map `map_width` points wide the caption covers, with
/// its margin: the camera keeps a step's events clear of them.
pub fn caption_inset(map_width: f32) -> f32 {
    caption_width_for(map_width) + CAPTION_MARGIN
}

/// The caption's width on a map `map_width` points wide: about two fifths of it, within
/// what keeps lines readable.
fn caption_width_for(map_width: f32) -> f32 {
    (map_width * 0.4).clamp(320.0, 640.0).min(map_width - 40.0)
}

/// The label of step `n`'s dot (from 0), as screen readers and tests find it.
pub fn step_dot_label(n: usize, title: &str) -> String {
    format!("Step {}: {title}", n + 1)
}

/// A dot for step `n`: filled when it is the one shown.
fn dot_ui(ui: &mut Ui, n: usize, title: &str, current: bool) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(22.0), Sense::click());
    let label = step_dot_label(n, title);
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::Button, true, current, label.clone())
    });
    let hovered = response.hovered();
    let painter = ui.painter();
    let radius = if current || hovered { 8.0 } else { 6.0 };
    if current {
        painter.circle_filled(rect.center(), radius, CARD_ACCENT);
    } else {
        painter.circle_stroke(rect.center(), radius, Stroke::new(2.0, CARD_WEAK));
    }
    response.on_hover_text(label)
}

/// The short name of an article in a caption: the number its file name starts with
/// (`000` for `000_96d07c357b66a4b0`), or the whole id.
pub fn article_number(key: &str) -> &str {
    match key.split_once('_') {
        Some((number, _)) if !number.is_empty() => number,
        _ => key,
    }
}

/// The caption of step `n`: where it is in the story and its date, its title, its
/// sentences each with the articles it rests on, the event in focus and the articles' names.
/// The type size (1 is full size, at least [`MIN_CAPTION_SCALE`]) at which `caption`, laid
/// out `width` wide, is at most `max_height` high: a small window (a projector at 1280 ×
/// 720) gets smaller type rather than a caption running off its card. Worked out by laying
/// the caption out unseen, a few times, once per step and size.
fn fit_caption(ui: &Ui, width: f32, max_height: f32, caption: impl Fn(&mut Ui, f32)) -> f32 {
    let measure = |scale: f32| {
        let rect = egui::Rect::from_min_size(ui.max_rect().min, Vec2::new(width, f32::INFINITY));
        let mut unseen = Ui::new(
            ui.ctx().clone(),
            ui.scope_id().with("caption_fit"),
            egui::UiBuilder::new().max_rect(rect).invisible(),
        );
        unseen.set_width(width);
        caption(&mut unseen, scale);
        unseen.min_rect().height()
    };
    let mut scale: f32 = 1.0;
    for _ in 0..6 {
        let height = measure(scale);
        if height <= max_height || scale <= MIN_CAPTION_SCALE {
            break;
        }
        // Text wraps into fewer lines as it shrinks, so its height falls faster than its
        // size: the square root comes close, and the loop takes the rest.
        scale = (scale * (max_height / height).sqrt().clamp(0.7, 0.98)).max(MIN_CAPTION_SCALE);
    }
    scale
}

fn caption_ui(ui: &mut Ui, story: &Story, n: usize, cx: &ViewContext<'_>, scale: f32) {
    let dataset: &Dataset = cx.dataset;
    let Some(step) = story.steps.get(n) else {
        return;
    };
    ui.spacing_mut().item_spacing.y = 8.0 * scale;
    let progress = format!("{} of {}", n + 1, story.steps.len());
    let heading = if step.date.is_empty() {
        progress
    } else {
        format!("{} · {progress}", step.date)
    };
    ui.label(
        RichText::new(heading)
            .size(20.0 * scale)
            .color(CARD_ACCENT)
            .strong(),
    );
    ui.label(
        RichText::new(&step.title)
            .size(32.0 * scale)
            .color(CARD_TEXT)
            .strong(),
    );
    for sentence in &step.caption {
        ui.label(sentence_job(sentence, scale));
    }
    let mut cited: Vec<&str> = Vec::new();
    for source in step.caption.iter().flat_map(|s| s.sources.iter()) {
        if !cited.contains(&source.as_str()) {
            cited.push(source);
        }
    }
    cited.sort_unstable();
    let names: Vec<String> = cited
        .iter()
        .map(|key| {
            let name = dataset
                .sources()
                .id_of(key)
                .and_then(|id| dataset.sources().get(id))
                .map_or_else(|| (*key).to_owned(), super::short_source_name);
            format!("{} {name}", article_number(key))
        })
        .collect();
    ui.add_space(4.0 * scale);
    if let Some(selected) = cx.view.selected {
        ui.label(
            RichText::new(format!(
                "On the map: {} ({})",
                dataset.title(selected),
                dataset.place(selected)
            ))
            .size(18.0 * scale)
            .color(CARD_TEXT),
        );
    }
    ui.label(
        RichText::new(format!("Articles: {}", names.join(" · ")))
            .size(16.0 * scale)
            .color(CARD_WEAK),
    );
}

/// A caption sentence in large type, followed by the numbers of its articles in small type.
fn sentence_job(sentence: &Sentence, scale: f32) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    job.append(
        &sentence.text,
        0.0,
        egui::TextFormat::simple(FontId::proportional(25.0 * scale), CARD_TEXT),
    );
    let numbers: Vec<&str> = sentence.sources.iter().map(|s| article_number(s)).collect();
    job.append(
        &format!("[{}]", numbers.join(", ")),
        6.0 * scale,
        egui::TextFormat::simple(FontId::proportional(16.0 * scale), CARD_WEAK),
    );
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caption_too_tall_for_its_room_gets_smaller_type_that_fits() {
        let ctx = egui::Context::default();
        let text = "Ballistic missiles and rockets were fired at the air base. ".repeat(12);
        let caption = |ui: &mut Ui, scale: f32| {
            ui.label(RichText::new(&text).size(25.0 * scale));
        };
        let mut found = (0.0, 0.0, f32::INFINITY);
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let roomy = fit_caption(ui, 400.0, 5_000.0, caption);
            let tight = fit_caption(ui, 400.0, 500.0, caption);
            // Laid out at the size found, it is no higher than the room.
            let mut check = ui.new_child(egui::UiBuilder::new().invisible());
            check.set_width(400.0);
            caption(&mut check, tight);
            found = (roomy, tight, check.min_rect().height());
        });
        // No painter here: the font atlas's upload is not wanted.
        output.textures_delta.clear();
        let (roomy, tight, height) = found;
        assert_eq!(roomy, 1.0, "a caption that fits keeps its size");
        assert!((MIN_CAPTION_SCALE..1.0).contains(&tight), "{tight}");
        assert!(height <= 500.0, "{height}");
    }

    #[test]
    fn the_time_glides_to_the_step_and_arrives_exactly() {
        let (from, to) = (TimePoint(1_000), TimePoint(1_000_000));
        let mut glide = TimeGlide::new(from, to, 1.2);
        let mut last = from;
        let mut frames = 0;
        while !glide.is_finished() {
            let now = glide.advance(1.0 / 60.0);
            assert!(
                now >= last && now <= to,
                "it only moves forward, within the ends"
            );
            last = now;
            frames += 1;
        }
        assert_eq!(last, to);
        assert!(frames > 60, "{frames} frames");
        // Backwards too, and a glide to where the cursor is ends at once.
        let mut back = TimeGlide::new(to, from, 1.2);
        back.advance(5.0);
        assert!(!back.is_finished());
        let mut still = TimeGlide::new(to, to, 1.2);
        assert!(still.is_finished());
        assert_eq!(still.advance(0.0), to);
    }

    #[test]
    fn articles_are_named_by_their_number() {
        assert_eq!(article_number("000_96d07c357b66a4b0"), "000");
        assert_eq!(article_number("report"), "report");
    }
}
