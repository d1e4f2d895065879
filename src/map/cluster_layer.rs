//! The events on the map when there are too many for a marker each: clusters on a grid that
//! follows the zoom, each a circle sized and labelled by its count (1.2k, 35k) and split
//! like a pie by its mix of colours; single events as dots, hollow when placed only to a
//! region or country. A click on a cluster zooms into it, or lists its events when they
//! all stand at one point. Clusters are built off the UI thread (see [`crate::clusters`]),
//! so a frame only draws what is in view.

use std::f32::consts::TAU;
use std::sync::Arc;

use egui::{Align2, Color32, FontId, Pos2, Rect, Role, Sense, Shape, Stroke, Ui, Vec2};
use walkers::{Position, Projector};

use crate::clusters::{
    BUILD_IN_FRAME, Cluster, ClusterInput, ClusterKey, ClusterWorker, Clusters, SpatialIndex,
    level_for_zoom, short_count,
};
use crate::model::{Dataset, EventIndex, mercator};
use crate::state::{Command, ViewContext, ViewState};
use crate::ui::{palette, thousands};

use super::event_layer::marker_label;

/// The most shapes a frame draws: past this, the smallest clusters in view are left out
/// (this happens only for a moment, while clusters for a new zoom are being built).
const MAX_SHAPES: usize = 4_000;
/// The radius of a single event's dot, in points.
const DOT_RADIUS: f32 = 5.0;
/// How many events the list of a stack shows.
const MAX_LISTED: usize = 200;
/// The width of a Web Mercator tile at zoom 0, in points, as walkers draws it.
const TILE_SIZE: f64 = 256.0;

/// The accessible name of a cluster on the map, by which tests and screen readers find it.
pub fn cluster_label(count: u32) -> String {
    format!("Cluster of {} events", thousands(u64::from(count)))
}

/// The title of the list of events that stand at one point.
pub const STACK_TITLE: &str = "Events at this place";

/// The radius of a cluster of `count` events, in points: it grows with the count's
/// logarithm, so a million events stay a readable circle.
fn radius_of(count: u32) -> f32 {
    if count <= 1 {
        DOT_RADIUS
    } else {
        9.0 + 5.0 * (count as f32).log10()
    }
}

/// What the user asked for by clicking the layer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ClusterClick {
    /// Nothing was clicked.
    None,
    /// An event was selected (or a list opened): the click is taken.
    Taken,
    /// Zoom in until the box from the first position to the second fills the view.
    ZoomInto(Position, Position),
}

/// Events that stand at one point, listed after a click on their cluster.
struct Stack {
    events: Vec<EventIndex>,
    /// How many there are in all (the list may be cut short).
    count: usize,
    at: [f32; 2],
}

/// The cluster layer's state between frames.
pub struct ClusterLayer {
    worker: Option<ClusterWorker>,
    /// The clusters the view last needed.
    wanted: Option<ClusterKey>,
    current: Option<Arc<Clusters>>,
    index: Option<Arc<SpatialIndex>>,
    stack: Option<Stack>,
    /// The colours drawn this frame with their events, for the legend.
    tints: Vec<(crate::tint::Tint, u32)>,
    /// The events in the clusters drawn this frame.
    drawn_events: u32,
}

/// A cluster as drawn this frame.
struct Drawn {
    cluster: Cluster,
    at: Pos2,
    radius: f32,
}

impl ClusterLayer {
    /// A layer with its background builder, which repaints the window when it is done.
    pub fn new(ctx: &egui::Context) -> Self {
        let ctx = ctx.clone();
        ClusterLayer {
            worker: ClusterWorker::start(move || ctx.request_repaint()),
            wanted: None,
            current: None,
            index: None,
            stack: None,
            tints: Vec::new(),
            drawn_events: 0,
        }
    }

    /// Whether the clusters drawn are the ones the view wanted last (used before a
    /// screenshot), whether they were built in the frame or by the worker.
    pub fn is_settled(&self) -> bool {
        let Some(wanted) = &self.wanted else {
            // Not drawn in the last frame: nothing is waited for.
            return true;
        };
        self.current
            .as_ref()
            .and_then(|clusters| clusters.key())
            .is_some_and(|key| key == wanted)
    }

    /// The colours drawn in the last frame, with how many events each stands for.
    pub fn tints(&self) -> &[(crate::tint::Tint, u32)] {
        &self.tints
    }

    /// How many events the clusters drawn in the last frame hold.
    pub fn drawn_events(&self) -> u32 {
        self.drawn_events
    }

    /// Closes the list of a stack of events (a click elsewhere on the map).
    pub fn close_stack(&mut self) {
        self.stack = None;
    }

    /// Stops waiting for clusters: the map draws its events as markers now. Without this,
    /// clusters asked for before the events on show fell below the markers' limit would be
    /// waited for ever after, and a screenshot or a recording would never be taken.
    pub fn not_drawn(&mut self) {
        self.wanted = None;
    }

    /// Draws the visible events of `cx` as clusters and handles hovers and clicks.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        projector: &Projector<'_>,
        cx: &ViewContext<'_>,
        commands: &mut Vec<Command>,
    ) -> ClusterClick {
        let view = Viewport::of(projector);
        self.update(cx, &view);
        let Some(clusters) = self.current.clone() else {
            ui.ctx().request_repaint();
            return ClusterClick::None;
        };
        let drawn = layout(&clusters, &view);
        self.tints = tints_of(&drawn);
        self.drawn_events = drawn.iter().map(|item| item.cluster.count).sum();
        let painter = ui.painter().with_clip_rect(view.clip);
        let dark = ui.visuals().dark_mode;
        let mut click = ClusterClick::None;
        for (n, item) in drawn.iter().enumerate() {
            paint(&painter, cx.dataset, cx.view, item, dark);
            let response = interact(ui, cx.dataset, n, item);
            if response.hovered() {
                let hover = Stroke::new(2.0, ui.visuals().strong_text_color());
                painter.circle_stroke(item.at, item.radius + 2.0, hover);
            }
            if response.clicked() {
                click = self.clicked(cx, &view, item, commands);
            }
            response.on_hover_ui(|ui| tooltip_ui(ui, cx.dataset, cx.view, &item.cluster));
        }
        highlight_selected(ui, &painter, cx, &view);
        if self.stack_ui(ui, cx, &view, commands) {
            click = ClusterClick::Taken;
        }
        click
    }

    /// Asks for the clusters this view needs, and takes in those built since last frame.
    fn update(&mut self, cx: &ViewContext<'_>, view: &Viewport) {
        if let Some(worker) = &self.worker
            && let Some(built) = worker.poll()
        {
            self.current = Some(built.clusters);
            self.index = Some(built.index);
        }
        if self
            .index
            .as_ref()
            .is_some_and(|index| index.generation() != cx.dataset.generation())
        {
            self.index = None;
            self.stack = None;
        }
        let wanted = self.wanted_key(cx, view);
        self.wanted = Some(wanted.clone());
        if self
            .current
            .as_ref()
            .and_then(|clusters| clusters.key())
            .is_some_and(|key| *key == wanted)
        {
            return;
        }
        match &mut self.worker {
            Some(worker) if cx.visible.len() > BUILD_IN_FRAME => {
                worker.request(cx.dataset, cx.visible, wanted);
            }
            _ => {
                let input = ClusterInput {
                    dataset: cx.dataset,
                    visible: cx.visible,
                    index: self.index.as_deref(),
                };
                self.current = Some(Arc::new(Clusters::build(&input, wanted)));
            }
        }
    }

    /// The clusters this view needs: at the level of the zoom, for the whole world when it
    /// is not much larger than the view, or else for the view and a view's width and height
    /// around it (kept while the view stays inside, so panning rarely builds anew).
    fn wanted_key(&self, cx: &ViewContext<'_>, view: &Viewport) -> ClusterKey {
        let level = level_for_zoom(view.zoom);
        let cells = 1u64 << level;
        let scale = cells as f32;
        let top = (cells - 1) as f32;
        let cell = |v: f32| (v * scale).clamp(0.0, top) as u32;
        let (x0, y0) = (cell(view.min[0]), cell(view.min[1]));
        let (x1, y1) = (cell(view.max[0]), cell(view.max[1]));
        let recoloured: Vec<bool> = cx.view.layer_colors.iter().map(Option::is_some).collect();
        let (w, h) = (x1 - x0 + 1, y1 - y0 + 1);
        let area = if u64::from(w.max(h)) * 3 >= cells {
            None
        } else {
            // Keep the area built already while the view is inside it.
            let same = self.current.as_ref().and_then(|c| c.key()).filter(|key| {
                key.generation == cx.dataset.generation()
                    && key.visible == cx.visible_version
                    && key.level == level
                    && key.recoloured == recoloured
                    && key.color_by == cx.view.color_by
            });
            match same.and_then(|key| key.area) {
                Some(area) if area[0] <= x0 && area[1] <= y0 && area[2] >= x1 && area[3] >= y1 => {
                    Some(area)
                }
                _ => Some([
                    x0.saturating_sub(w),
                    y0.saturating_sub(h),
                    x1.saturating_add(w).min(top as u32),
                    y1.saturating_add(h).min(top as u32),
                ]),
            }
        };
        ClusterKey {
            generation: cx.dataset.generation(),
            visible: cx.visible_version,
            level,
            area,
            color_by: cx.view.color_by,
            recoloured,
        }
    }

    /// A click on a drawn cluster: select a single event, list a stack, or zoom in.
    fn clicked(
        &mut self,
        cx: &ViewContext<'_>,
        view: &Viewport,
        item: &Drawn,
        commands: &mut Vec<Command>,
    ) -> ClusterClick {
        let cluster = &item.cluster;
        if cluster.count == 1 {
            commands.push(Command::Select(Some(cluster.first)));
            return ClusterClick::Taken;
        }
        let spread = view.to_screen(cluster.max) - view.to_screen(cluster.min);
        if cluster.is_stacked() || (spread.length() < 2.0 && view.zoom >= 18.0) {
            self.stack = Some(self.stack_of(cx, cluster));
            return ClusterClick::Taken;
        }
        ClusterClick::ZoomInto(unmercator(cluster.min), unmercator(cluster.max))
    }

    /// The visible events in a cluster's box, in time order.
    fn stack_of(&self, cx: &ViewContext<'_>, cluster: &Cluster) -> Stack {
        let visible = |index: &EventIndex| cx.visible.binary_search(index).is_ok();
        let inside = |index: &EventIndex| {
            let m = cx.dataset.mercator()[*index];
            m[0] >= cluster.min[0]
                && m[0] <= cluster.max[0]
                && m[1] >= cluster.min[1]
                && m[1] <= cluster.max[1]
        };
        let mut events: Vec<EventIndex> = match &self.index {
            Some(index) => index
                .in_box(cluster.min, cluster.max)
                .filter(visible)
                .collect(),
            // Only before the index is built, which happens only for small datasets.
            None => cx.visible.iter().copied().filter(inside).collect(),
        };
        events.sort_unstable();
        let count = events.len();
        events.truncate(MAX_LISTED);
        Stack {
            events,
            count,
            at: cluster.center,
        }
    }

    /// The list of a stack of events, next to it; returns whether it took a click.
    fn stack_ui(
        &mut self,
        ui: &Ui,
        cx: &ViewContext<'_>,
        view: &Viewport,
        commands: &mut Vec<Command>,
    ) -> bool {
        let Some(stack) = &self.stack else {
            return false;
        };
        let at = view.to_screen(stack.at) + Vec2::new(18.0, -12.0);
        let mut close = false;
        let mut taken = false;
        egui::Area::new(ui.scope_id().with("event-stack"))
            .fixed_pos(at)
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.strong(STACK_TITLE);
                        if ui.small_button("Close").clicked() {
                            close = true;
                            taken = true;
                        }
                    });
                    let shown = stack.events.len();
                    let note = if stack.count > shown {
                        format!(
                            "{} events stand here; the first {shown}:",
                            thousands(stack.count as u64)
                        )
                    } else {
                        format!("{shown} events stand here:")
                    };
                    ui.label(egui::RichText::new(note).small().weak());
                    egui::ScrollArea::vertical()
                        .max_height(260.0)
                        .show(ui, |ui| {
                            for &index in &stack.events {
                                let date = cx
                                    .dataset
                                    .time(index)
                                    .map(|time| time.to_string())
                                    .unwrap_or_default();
                                let text = format!("{} · {date}", cx.dataset.title(index));
                                if ui.link(text).clicked() {
                                    commands.push(Command::Select(Some(index)));
                                    taken = true;
                                }
                            }
                        });
                });
            });
        if close {
            self.stack = None;
        }
        taken
    }
}

/// The part of the world in view, and how to put a Web Mercator position on the screen.
struct Viewport {
    clip: Rect,
    zoom: f64,
    /// Web Mercator of the view's centre.
    center: [f64; 2],
    /// Points per Web Mercator unit (the world's width in points).
    world: f64,
    min: [f32; 2],
    max: [f32; 2],
}

impl Viewport {
    fn of(projector: &Projector<'_>) -> Self {
        let clip = projector.clip_rect();
        let zoom = projector.zoom();
        let m = |p: Pos2| mercator(projector.unproject(p.to_vec2()));
        let (a, b) = (m(clip.left_top()), m(clip.right_bottom()));
        let c = projector.unproject(clip.center().to_vec2());
        let center = mercator64(c);
        Viewport {
            clip,
            zoom,
            center,
            world: TILE_SIZE * 2f64.powf(zoom),
            min: [a[0].min(b[0]), a[1].min(b[1])],
            max: [a[0].max(b[0]), a[1].max(b[1])],
        }
    }

    fn to_screen(&self, m: [f32; 2]) -> Pos2 {
        let c = self.clip.center();
        Pos2::new(
            c.x + ((f64::from(m[0]) - self.center[0]) * self.world) as f32,
            c.y + ((f64::from(m[1]) - self.center[1]) * self.world) as f32,
        )
    }
}

/// Web Mercator in `f64`, for the view's centre (an `f32` centre would shake at deep zoom).
fn mercator64(point: Position) -> [f64; 2] {
    let x = (point.x() + 180.0) / 360.0;
    let lat = point.y().clamp(-85.051_13, 85.051_13).to_radians();
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    [x, y]
}

/// The position of a Web Mercator point.
fn unmercator(m: [f32; 2]) -> Position {
    let lon = f64::from(m[0]) * 360.0 - 180.0;
    let n = std::f64::consts::PI * (1.0 - 2.0 * f64::from(m[1]));
    let lat = n.sinh().atan().to_degrees();
    walkers::lon_lat(lon, lat)
}

/// The clusters in view, on the screen, with those that would overlap merged into the
/// larger one; at most [`MAX_SHAPES`].
fn layout(clusters: &Clusters, view: &Viewport) -> Vec<Drawn> {
    let margin = 60.0 / view.world as f32;
    let min = [view.min[0] - margin, view.min[1] - margin];
    let max = [view.max[0] + margin, view.max[1] + margin];
    let mut in_view: Vec<&Cluster> = clusters.in_view(min, max).collect();
    in_view.sort_by(|a, b| b.count.cmp(&a.count).then(a.first.cmp(&b.first)));
    // Merging on a grid of the largest radius: a cluster meets only its neighbours' cells.
    let reach = 2.0 * radius_of(u32::MAX / 2).max(DOT_RADIUS);
    let mut grid: rustc_hash::FxHashMap<(i32, i32), Vec<usize>> = Default::default();
    let mut drawn: Vec<Drawn> = Vec::new();
    for cluster in in_view {
        let at = view.to_screen(cluster.center);
        let radius = radius_of(cluster.count);
        let key = ((at.x / reach).floor() as i32, (at.y / reach).floor() as i32);
        let overlapping = (-1..=1)
            .flat_map(|dx| (-1..=1).map(move |dy| (key.0 + dx, key.1 + dy)))
            .filter_map(|cell| grid.get(&cell))
            .flatten()
            .copied()
            .find(|&i| {
                let other: &Drawn = &drawn[i];
                // Single dots may touch; circles merge before they overlap by a fifth.
                let limit = (other.radius + radius) * if cluster.count > 1 { 0.8 } else { 0.5 };
                other.at.distance(at) < limit
            });
        match overlapping {
            Some(i) => {
                let target = &mut drawn[i];
                target.cluster.absorb(cluster);
                target.radius = radius_of(target.cluster.count);
            }
            None if drawn.len() < MAX_SHAPES => {
                grid.entry(key).or_default().push(drawn.len());
                drawn.push(Drawn {
                    cluster: cluster.clone(),
                    at,
                    radius,
                });
            }
            None => {}
        }
    }
    drawn
}

/// The colours of the drawn clusters' mixes, added up.
fn tints_of(drawn: &[Drawn]) -> Vec<(crate::tint::Tint, u32)> {
    let mut tints: Vec<(crate::tint::Tint, u32)> = Vec::new();
    for item in drawn {
        for &(tint, count) in item.cluster.mix.iter().filter(|(_, n)| *n > 0) {
            crate::tint::tally(&mut tints, tint, count);
        }
    }
    tints
}

/// Draws a dot or a cluster. Events placed only to a region or a country are drawn hollow
/// (a dot) or faded (a cluster where they are the majority), so that vague places read as
/// vague without a ring hundreds of kilometres wide.
fn paint(painter: &egui::Painter, dataset: &Dataset, view: &ViewState, item: &Drawn, dark: bool) {
    let cluster = &item.cluster;
    let main = palette::tint_color(dataset, view, cluster.dominant());
    let outline = palette::marker_outline(dark);
    let vague = cluster.vague * 2 > cluster.count;
    if cluster.count == 1 {
        if vague {
            painter.circle_stroke(item.at, item.radius, Stroke::new(2.5, main));
        } else {
            painter.circle(item.at, item.radius, main, Stroke::new(1.5, outline));
        }
        return;
    }
    let alpha = if vague { 0.45 } else { 0.92 };
    painter.circle_filled(item.at, item.radius, main.gamma_multiply(alpha));
    // The other tints as slices, clockwise from the top, after the dominant one.
    let mut angle = cluster.mix[0].1 as f32 / cluster.count as f32 * TAU;
    let mut slices: Vec<(Color32, u32)> = cluster.mix[1..]
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|&(tint, n)| (palette::tint_color(dataset, view, tint), n))
        .collect();
    let mixed: u32 = cluster.mix.iter().map(|(_, n)| n).sum();
    if cluster.count > mixed {
        slices.push((Color32::from_gray(140), cluster.count - mixed));
    }
    for (color, n) in slices {
        let sweep = n as f32 / cluster.count as f32 * TAU;
        slice(
            painter,
            item.at,
            item.radius,
            angle,
            sweep,
            color.gamma_multiply(alpha),
        );
        angle += sweep;
    }
    let ring = if vague {
        Stroke::new(2.0, main)
    } else {
        Stroke::new(1.5, outline)
    };
    painter.circle_stroke(item.at, item.radius, ring);
    let label = short_count(cluster.count);
    let font = FontId::proportional(if cluster.count >= 1_000 { 13.0 } else { 12.0 });
    // Dark text with a light halo reads on every actor colour.
    let halo = Color32::from_white_alpha(200);
    for offset in [
        Vec2::new(-1.0, 0.0),
        Vec2::new(1.0, 0.0),
        Vec2::new(0.0, -1.0),
        Vec2::new(0.0, 1.0),
    ] {
        painter.text(
            item.at + offset,
            Align2::CENTER_CENTER,
            &label,
            font.clone(),
            halo,
        );
    }
    painter.text(
        item.at,
        Align2::CENTER_CENTER,
        label,
        font,
        Color32::from_gray(15),
    );
}

/// A pie slice from `start` (clockwise from the top) over `sweep`, in convex pieces.
fn slice(painter: &egui::Painter, at: Pos2, radius: f32, start: f32, sweep: f32, color: Color32) {
    let pieces = (sweep / (TAU / 8.0)).ceil().max(1.0) as usize;
    let step = sweep / pieces as f32;
    for piece in 0..pieces {
        let from = start + step * piece as f32;
        let mut points = vec![at];
        let segments = 6;
        for s in 0..=segments {
            let a = from + step * s as f32 / segments as f32 - TAU / 4.0;
            points.push(at + Vec2::angled(a) * radius);
        }
        painter.add(Shape::convex_polygon(points, color, Stroke::NONE));
    }
}

/// The widget of a drawn cluster or dot: named for screen readers and tests, clickable.
fn interact(ui: &Ui, dataset: &Dataset, n: usize, item: &Drawn) -> egui::Response {
    let cluster = &item.cluster;
    let id = ui.scope_id().with(("cluster", cluster.first, n));
    let hit = Rect::from_center_size(item.at, Vec2::splat((item.radius + 3.0) * 2.0));
    let response = ui.interact(hit, id, Sense::click());
    let label = if cluster.count == 1 {
        marker_label(&dataset.title(cluster.first))
    } else {
        cluster_label(cluster.count)
    };
    response.widget_info(|| egui::WidgetInfo::labeled(Role::Button, true, &label));
    response
}

/// What is in a cluster: its count, its mix of initiators and how many events are placed
/// only roughly; for a single event, its title, time and place.
fn tooltip_ui(ui: &mut Ui, dataset: &Dataset, view: &ViewState, cluster: &Cluster) {
    if cluster.count == 1 {
        let index = cluster.first;
        ui.strong(dataset.title(index).as_ref());
        let time = dataset
            .time(index)
            .map(|t| t.to_string())
            .unwrap_or_default();
        ui.label(format!("{time} · {}", dataset.place(index)));
        if cluster.vague > 0 {
            ui.label(egui::RichText::new("Placed only to a region or country").weak());
        }
        return;
    }
    ui.strong(format!("{} events", thousands(u64::from(cluster.count))));
    for &(tint, n) in cluster.mix.iter().filter(|(_, n)| *n > 0) {
        ui.horizontal(|ui| {
            let (dot, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
            ui.painter()
                .circle_filled(dot.center(), 4.5, palette::tint_color(dataset, view, tint));
            let share = 100.0 * n as f32 / cluster.count as f32;
            ui.label(format!(
                "{} · {share:.0}%",
                palette::tint_name(dataset, view, tint)
            ));
        });
    }
    let mixed: u32 = cluster.mix.iter().map(|(_, n)| n).sum();
    if cluster.count > mixed {
        ui.label(format!(
            "{} others",
            thousands(u64::from(cluster.count - mixed))
        ));
    }
    if cluster.vague > 0 {
        ui.label(
            egui::RichText::new(format!(
                "{} placed only to a region or country",
                thousands(u64::from(cluster.vague))
            ))
            .weak(),
        );
    }
    let hint = if cluster.is_stacked() {
        "They stand at one place: click to list them"
    } else {
        "Click to zoom in"
    };
    ui.label(egui::RichText::new(hint).small().weak());
}

/// A ring and the title at the selected event.
fn highlight_selected(ui: &Ui, painter: &egui::Painter, cx: &ViewContext<'_>, view: &Viewport) {
    let Some(index) = cx.view.selected else {
        return;
    };
    let Some(&m) = cx.dataset.mercator().get(index) else {
        return;
    };
    if m[0].is_nan() {
        return;
    }
    let at = view.to_screen(m);
    if !view.clip.expand(20.0).contains(at) {
        return;
    }
    let selection = ui.visuals().selection.bg_fill;
    painter.circle_stroke(at, DOT_RADIUS + 5.0, Stroke::new(3.0, selection));
    let text_color = ui.visuals().strong_text_color();
    let galley = painter.layout_no_wrap(
        cx.dataset.title(index).into_owned(),
        FontId::proportional(14.0),
        text_color,
    );
    let rect = Align2::LEFT_CENTER.anchor_size(
        at + Vec2::new(DOT_RADIUS + 12.0, 0.0),
        galley.size() + Vec2::new(10.0, 6.0),
    );
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color.gamma_multiply(0.9));
    painter.galley(rect.min + Vec2::new(5.0, 3.0), galley, text_color);
}
