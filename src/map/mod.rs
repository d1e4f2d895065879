//! The map: the basemap, the event layer on top, attribution and zoom controls.

mod arcs;
mod camera;
mod cluster_layer;
mod event_layer;
mod legend;
mod online;

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::{Align2, Color32, RichText, Ui, Vec2};
use walkers::{Map, MapMemory};

pub use camera::{Flight, fit};
pub use cluster_layer::{ClusterClick, ClusterLayer, STACK_TITLE, cluster_label};
pub use event_layer::{MAX_INTERACTIVE_MARKERS, marker_label};
pub use legend::{COLOR_BY_LABEL, legend_label};
pub use online::{
    LAYER_LABEL, OnlineLayer, OnlineState, OnlineTiles, Provider, retry_delay, user_agent,
};

use crate::basemap::{Basemap, BasemapTiles, MapStyle};
use crate::model::Dataset;
use crate::state::{Command, ViewContext};

/// The height of the zoom and layer controls over the top of the map, in points.
const CONTROLS_HEIGHT: f32 = 50.0;
/// The height of the credits over the bottom of the map, in points.
const CREDITS_HEIGHT: f32 = 24.0;

/// The attribution drawn on the map at all times.
pub const ATTRIBUTION: &str = "Made with Natural Earth · Place names © GeoNames, CC BY 4.0";

/// The embedded basemap, which is parsed on a background thread while the window opens.
enum BasemapState {
    /// Still being parsed.
    Loading(Receiver<Result<Arc<Basemap>, String>>),
    /// Ready, with the tiles for the current style (made when first needed).
    Ready {
        basemap: Arc<Basemap>,
        tiles: Option<BasemapTiles>,
    },
    /// It could not be loaded: the map shows a plain background and says why.
    Failed(String),
}

/// What the legend's colours were counted for: dataset, visible set, colouring.
type LegendKey = (u64, u64, crate::tint::ColorBy);

/// The deepest a story's step that fits its events zooms in.
const STORY_FIT_MAX_ZOOM: f64 = 7.0;

/// Where a flight asked for goes.
#[derive(Clone, Debug)]
enum FlyTarget {
    /// An event's place, zoomed in enough to stand out.
    Place(walkers::Position),
    /// A centre and zoom, the centre in the middle of what so many points at the right
    /// leave free.
    View(walkers::Position, f64, Inset),
    /// The view that fits these places, kept clear of so many points at the right.
    Fit(Vec<walkers::Position>, Inset),
}

/// How many points at the right of a map of a given width a caption covers.
pub type Inset = fn(f32) -> f32;

/// The map's state between frames.
pub struct MapView {
    memory: MapMemory,
    basemap: BasemapState,
    /// The view size the camera was last fitted to, while the user has not moved it yet.
    /// Panels settle their sizes over the first frames, so the fit follows until then.
    fitted_to: Option<Vec2>,
    /// Whether the user has panned or zoomed since the last fit.
    moved_by_user: bool,
    /// Where to fly, asked for by a command; the flight starts on the next frame, when
    /// the map knows its size.
    fly_to: Option<FlyTarget>,
    /// The camera move under way, if any.
    flight: Option<Flight>,
    /// The optional online layer over the basemap.
    online: OnlineState,
    /// The events as clusters, when there are too many for a marker each.
    clusters: cluster_layer::ClusterLayer,
    /// The legend's colours, and what they were counted for.
    legend_cache: Option<(LegendKey, Vec<(crate::tint::Tint, u32)>)>,
    /// The time a flight moves on by in this frame while recording; `None` is real time.
    fixed_clock: Option<f32>,
    /// The arcs of the visible events that have an origin, and their geometry once worked out.
    arcs: arcs::ArcCache,
}

impl MapView {
    /// A map that will fit itself to the events on its first frame.
    pub fn new(ctx: &egui::Context) -> Self {
        let (sender, receiver) = std::sync::mpsc::channel();
        let clusters = cluster_layer::ClusterLayer::new(ctx);
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("basemap-load".into())
            .spawn(move || {
                let result = crate::io::shared_basemap();
                // The app may have closed already; then nobody needs the basemap.
                let _ = sender.send(result);
                ctx.request_repaint();
            });
        let basemap = match spawned {
            Ok(_) => BasemapState::Loading(receiver),
            Err(err) => BasemapState::Failed(format!("could not start loading it: {err}")),
        };
        MapView {
            memory: MapMemory::default(),
            basemap,
            fitted_to: None,
            moved_by_user: false,
            fly_to: None,
            flight: None,
            online: OnlineState::new(OnlineLayer::Off),
            clusters,
            legend_cache: None,
            fixed_clock: None,
            arcs: arcs::ArcCache::default(),
        }
    }

    /// Flies the camera smoothly to `position`, zooming in to show its surroundings if the
    /// map is zoomed far out.
    pub fn fly_to(&mut self, position: walkers::Position) {
        self.fly_to = Some(FlyTarget::Place(position));
    }

    /// Flies the camera smoothly to `center` at `zoom` (a story's step), with `center` in
    /// the middle of what a caption over the right of the map leaves free; `right_inset`
    /// gives the caption's width for the map's width.
    pub fn fly_to_view(&mut self, center: walkers::Position, zoom: f64, right_inset: Inset) {
        self.fly_to = Some(FlyTarget::View(center, zoom, right_inset));
    }

    /// Flies the camera smoothly to the view that fits `positions` (a story's step), kept
    /// clear of a caption over the right of the map (`right_inset`, as above).
    pub fn fly_to_fit(&mut self, positions: Vec<walkers::Position>, right_inset: Inset) {
        self.fly_to = Some(FlyTarget::Fit(positions, right_inset));
    }

    /// Whether a camera move is under way.
    pub fn is_flying(&self) -> bool {
        self.fly_to.is_some() || self.flight.is_some()
    }

    /// Where the map is centred, once it has been placed.
    pub fn center(&self) -> Option<walkers::Position> {
        self.memory.detached()
    }

    /// Whether the clusters on the map are the ones its view asked for (they are built in
    /// the background at a million events).
    pub fn is_settled(&self) -> bool {
        self.clusters.is_settled()
    }

    /// Whether the camera has arrived, every tile in view has been drawn and the clusters
    /// asked for have been built (used before taking a screenshot).
    pub fn tiles_settled(&self) -> bool {
        !self.is_flying() && self.frame_drawn()
    }

    /// Whether this frame is fully drawn, even if the camera is on its way: every tile in
    /// view drawn and the clusters asked for built (each frame of a recorded flight).
    pub fn frame_drawn(&self) -> bool {
        if !self.clusters.is_settled() {
            return false;
        }
        match &self.basemap {
            BasemapState::Loading(_) => false,
            BasemapState::Ready { tiles, .. } => tiles.as_ref().is_some_and(BasemapTiles::is_idle),
            BasemapState::Failed(_) => true,
        }
    }

    /// Moves camera flights on by a fixed time per frame (a recording) instead of the
    /// frame's real time; `None` goes back to real time.
    pub fn use_fixed_clock(&mut self, dt_secs: Option<f32>) {
        self.fixed_clock = dt_secs;
    }
}

impl BasemapState {
    /// Picks up the basemap once it has loaded, and makes tiles in the style of the theme.
    fn tiles(&mut self, ctx: &egui::Context, dark_mode: bool) -> Option<&mut BasemapTiles> {
        if let BasemapState::Loading(receiver) = self {
            *self = match receiver.try_recv() {
                Ok(Ok(basemap)) => BasemapState::Ready {
                    basemap,
                    tiles: None,
                },
                Ok(Err(message)) => {
                    log::error!("the built-in basemap could not be loaded: {message}");
                    BasemapState::Failed(message)
                }
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    BasemapState::Failed("its loading thread stopped".to_owned())
                }
            };
        }
        let BasemapState::Ready { basemap, tiles } = self else {
            return None;
        };
        let style = if dark_mode {
            MapStyle::Dark
        } else {
            MapStyle::Light
        };
        if tiles.as_ref().is_none_or(|tiles| tiles.style() != style) {
            *tiles = Some(BasemapTiles::new(Arc::clone(basemap), style, ctx.clone()));
        }
        tiles.as_mut()
    }
}

impl MapView {
    /// The online layer and its switcher.
    pub fn online(&self) -> &OnlineState {
        &self.online
    }

    /// The online layer and its switcher, to change.
    pub fn online_mut(&mut self) -> &mut OnlineState {
        &mut self.online
    }

    /// The current zoom level.
    pub fn zoom(&self) -> f64 {
        self.memory.zoom()
    }

    /// Where the map looks, once it has been placed: its centre and zoom.
    pub fn camera(&self) -> Option<(walkers::Position, f64)> {
        Some((self.memory.detached()?, self.memory.zoom()))
    }

    /// Puts the camera at `center` and `zoom`, as the user would; later refits to the
    /// events (a new layer, a resized panel) leave it there.
    pub fn set_camera(&mut self, center: walkers::Position, zoom: f64) {
        self.flight = None;
        self.fly_to = None;
        self.memory.center_at(center);
        // A zoom out of walkers' range keeps the current one.
        let _ = self.memory.set_zoom(zoom);
        self.moved_by_user = true;
    }

    /// Shows the map and its events in the whole of `ui`.
    pub fn ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>, commands: &mut Vec<Command>) {
        let dataset: &Dataset = cx.dataset;
        let rect = ui.available_rect_before_wrap();
        if !self.moved_by_user && self.fitted_to != Some(rect.size()) {
            self.fit_to_events(dataset, rect.size());
        }
        ui.painter()
            .rect_filled(rect, 0.0, water_color(ui.visuals().dark_mode));

        let center = dataset
            .positions()
            .iter()
            .find(|point| !point.x().is_nan())
            .copied()
            .unwrap_or_else(|| walkers::lon_lat(45.0, 25.0));
        self.fly_ui(ui, center, rect.size());
        let ctx = ui.ctx().clone();
        let dark_mode = ui.visuals().dark_mode;
        let tiles = self
            .basemap
            .tiles(&ctx, dark_mode)
            .map(|tiles| tiles as &mut dyn walkers::Tiles);
        let mut map = Map::new(tiles, &mut self.memory, center).zoom_with_ctrl(false);
        // An online layer is drawn over the basemap; where its tiles are missing, the
        // basemap shows through.
        if let Some(online) = self.online.tiles(&ctx) {
            map = map.with_layer(online as &mut dyn walkers::Tiles, 1.0);
        }
        let clusters = &mut self.clusters;
        self.arcs.update(dataset, cx.visible, cx.view.selected);
        let arc_cache = &self.arcs;
        let response = map.show(ui, |ui, _response, projector, _memory| {
            let arcs = |painter: &egui::Painter| {
                arcs::arcs_ui(painter, projector, arc_cache, dataset, cx.view, dark_mode);
            };
            if cx.visible.len() > MAX_INTERACTIVE_MARKERS {
                // Under the clusters, so that those stay on top and clickable.
                arcs(&ui.painter().with_clip_rect(projector.clip_rect()));
                clusters.ui(ui, projector, cx, commands)
            } else {
                clusters.not_drawn();
                if event_layer::events_ui(
                    ui, projector, dataset, cx.view, cx.visible, commands, arcs,
                ) {
                    cluster_layer::ClusterClick::Taken
                } else {
                    cluster_layer::ClusterClick::None
                }
            }
        });
        let marker_clicked = match response.inner {
            cluster_layer::ClusterClick::None => false,
            cluster_layer::ClusterClick::Taken => true,
            cluster_layer::ClusterClick::ZoomInto(min, max) => {
                self.zoom_into(min, max, rect.size());
                true
            }
        };
        if response.response.dragged() || response.response.changed() {
            self.moved_by_user = true;
            // The user takes the camera: a flight under way gives way.
            self.flight = None;
        }
        if response.response.clicked() && !marker_clicked {
            commands.push(Command::Select(None));
            self.clusters.close_stack();
        }

        let map_rect = response.response.rect;
        self.controls_ui(ui, map_rect, dataset);
        let tints = if cx.dataset.len() <= LEGEND_FROM_ALL {
            let tints = self.legend_tints(cx);
            let total = tints.iter().map(|(_, n)| n).sum();
            (tints, total)
        } else if cx.visible.len() > MAX_INTERACTIVE_MARKERS {
            (self.clusters.tints().to_vec(), self.clusters.drawn_events())
        } else {
            let tints = marker_tints(cx);
            let total = tints.iter().map(|(_, n)| n).sum();
            (tints, total)
        };
        legend::legend_ui(ui, map_rect, cx, tints, commands);
        attribution_ui(ui, map_rect, self.online.attribution());
        if let BasemapState::Failed(message) = &self.basemap {
            let text = format!(
                "The built-in basemap could not be loaded ({message}); events are still shown."
            );
            ui.painter().text(
                map_rect.center_bottom() - Vec2::new(0.0, 30.0),
                Align2::CENTER_BOTTOM,
                text,
                egui::FontId::proportional(13.0),
                ui.visuals().warn_fg_color,
            );
        }
    }

    /// Starts a flight that was asked for, and moves the camera along the one under way.
    /// Repaints are requested only while a flight runs.
    fn fly_ui(&mut self, ui: &Ui, default_center: walkers::Position, size: Vec2) {
        if let Some(target) = self.fly_to.take() {
            let from = self.memory.detached().unwrap_or(default_center);
            let zoom = self.memory.zoom();
            let to = match target {
                FlyTarget::Place(place) => Some((place, camera::fly_zoom(zoom))),
                FlyTarget::View(center, zoom, inset) => {
                    let right = inset(size.x);
                    Some((
                        camera::shift_east(center, zoom, f64::from(right) / 2.0),
                        zoom,
                    ))
                }
                FlyTarget::Fit(positions, inset) => {
                    let right = inset(size.x);
                    camera::fit_within(
                        positions,
                        ((size.x - right).max(100.0), size.y),
                        0.06,
                        (CONTROLS_HEIGHT, CREDITS_HEIGHT),
                    )
                    .map(|(center, zoom)| {
                        // A story shows its events with their surroundings, not street by
                        // street: a few nearby places would otherwise fill the view.
                        let zoom = zoom.min(STORY_FIT_MAX_ZOOM);
                        (
                            camera::shift_east(center, zoom, f64::from(right) / 2.0),
                            zoom,
                        )
                    })
                }
            };
            if let Some(to) = to {
                self.flight = Some(Flight::new((from, zoom), to, (size.x, size.y)));
            }
            // The camera is placed by the user's choice now; panel resizes do not refit it.
            self.moved_by_user = true;
        }
        let Some(flight) = &mut self.flight else {
            return;
        };
        let dt_secs = f64::from(
            self.fixed_clock
                .unwrap_or_else(|| ui.input(|input| input.stable_dt)),
        );
        let (center, zoom) = flight.advance(dt_secs);
        self.memory.center_at(center);
        // A flight's zoom stays between two valid zooms; keep the old one if not.
        let _ = self.memory.set_zoom(zoom);
        if flight.is_finished() {
            self.flight = None;
        } else {
            ui.ctx().request_repaint();
        }
    }

    /// Flies the camera in until the box between two positions fills the view (a click on a
    /// cluster): at least one zoom level deeper, so every click gets closer.
    fn zoom_into(&mut self, min: walkers::Position, max: walkers::Position, size: Vec2) {
        let zoom = self.memory.zoom();
        let (center, fitted) = camera::zoom_to_box(min, max, (size.x, size.y), zoom);
        let from = self.memory.detached().unwrap_or(center);
        self.flight = Some(Flight::new(
            (from, zoom),
            (center, fitted),
            (size.x, size.y),
        ));
        self.fly_to = None;
        self.moved_by_user = true;
    }

    /// Fits the camera to the events again at the next frame (after a new dataset loads).
    pub fn refit(&mut self) {
        self.fitted_to = None;
        self.moved_by_user = false;
        self.flight = None;
    }

    fn fit_to_events(&mut self, dataset: &Dataset, size: Vec2) {
        self.flight = None;
        let positions = dataset
            .positions()
            .iter()
            .copied()
            .filter(|point| !point.x().is_nan());
        // Clear of the zoom and layer controls at the top and the credits at the bottom.
        let insets = (CONTROLS_HEIGHT, CREDITS_HEIGHT);
        if let Some((center, zoom)) = camera::fit_within(positions, (size.x, size.y), 0.05, insets)
        {
            self.memory.center_at(center);
            // The fitted zoom is always within walkers' range; keep the old one if not.
            let _ = self.memory.set_zoom(zoom);
        }
        self.fitted_to = Some(size);
        self.moved_by_user = false;
    }

    fn controls_ui(&mut self, ui: &mut Ui, rect: egui::Rect, dataset: &Dataset) {
        egui::Area::new(ui.scope_id().with("map_controls"))
            .fixed_pos(rect.left_top() + Vec2::new(10.0, 10.0))
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if ui
                            .button(RichText::new("+").size(16.0))
                            .on_hover_text("Zoom in")
                            .clicked()
                        {
                            let _ = self.memory.zoom_in();
                            self.moved_by_user = true;
                        }
                        if ui
                            .button(RichText::new("−").size(16.0))
                            .on_hover_text("Zoom out")
                            .clicked()
                        {
                            let _ = self.memory.zoom_out();
                            self.moved_by_user = true;
                        }
                        if ui
                            .button("Fit events")
                            .on_hover_text("Show every event")
                            .clicked()
                        {
                            self.fit_to_events(dataset, rect.size());
                        }
                        ui.separator();
                        self.online.switcher_ui(ui);
                    });
                });
            });
    }
}

/// Up to this many events, the legend also lists the colours its own filter hides (dimmed),
/// so that Ctrl+click can add them back. That count walks the events in time on the UI
/// thread whenever they change (every frame of playback), so it is kept small.
const LEGEND_FROM_ALL: usize = 20_000;

impl MapView {
    /// The colours of the events the time control shows and every filter but the legend's
    /// own kind lets through, with counts; cached until time, filters or colouring change.
    fn legend_tints(&mut self, cx: &ViewContext<'_>) -> Vec<(crate::tint::Tint, u32)> {
        let key = (
            cx.dataset.generation(),
            cx.visible_version,
            cx.view.color_by,
        );
        if let Some((cached, tints)) = &self.legend_cache
            && *cached == key
        {
            return tints.clone();
        }
        let mut relaxed = cx.view.filter.clone();
        match cx.view.color_by {
            crate::tint::ColorBy::Initiator | crate::tint::ColorBy::Target => {
                relaxed.actors.clear();
            }
            crate::tint::ColorBy::Type => relaxed.types.clear(),
            crate::tint::ColorBy::Layer => {}
        }
        let matcher = relaxed.matcher(cx.dataset);
        let recoloured: Vec<bool> = cx.view.layer_colors.iter().map(Option::is_some).collect();
        let mut tints: Vec<(crate::tint::Tint, u32)> = Vec::new();
        let mut count = |index: usize| {
            if cx.dataset.position(index).is_none() || !matcher.admits(index) {
                return;
            }
            let tint = crate::tint::Tint::of(cx.dataset, cx.view.color_by, &recoloured, index);
            crate::tint::tally(&mut tints, tint, 1);
        };
        match cx.view.time.visible_span() {
            (None, to) => cx.dataset.begun_by(to).for_each(&mut count),
            (Some(from), to) => cx.dataset.overlapping(from, to).for_each(&mut count),
        }
        self.legend_cache = Some((key, tints.clone()));
        tints
    }
}

/// The colours of the visible events (at most [`MAX_INTERACTIVE_MARKERS`] of them), with
/// how many events each.
fn marker_tints(cx: &ViewContext<'_>) -> Vec<(crate::tint::Tint, u32)> {
    let recoloured: Vec<bool> = cx.view.layer_colors.iter().map(Option::is_some).collect();
    let mut tints: Vec<(crate::tint::Tint, u32)> = Vec::new();
    for &index in cx.visible.iter() {
        if cx.dataset.position(index).is_none() {
            continue;
        }
        let tint = crate::tint::Tint::of(cx.dataset, cx.view.color_by, &recoloured, index);
        crate::tint::tally(&mut tints, tint, 1);
    }
    tints
}

/// The credits, always on the map: the basemap's, and the online layer's when it is on.
fn attribution_ui(ui: &Ui, rect: egui::Rect, online: Option<&str>) {
    let painter = ui.painter().with_clip_rect(rect);
    let font = egui::FontId::proportional(11.0);
    let color = ui.visuals().text_color();
    let text = match online {
        Some(online) => format!("{online} · {ATTRIBUTION}"),
        None => ATTRIBUTION.to_owned(),
    };
    let galley = painter.layout_no_wrap(text, font, color);
    let text_rect = Align2::RIGHT_BOTTOM.anchor_size(
        rect.right_bottom() - Vec2::new(4.0, 4.0),
        galley.size() + Vec2::new(8.0, 4.0),
    );
    painter.rect_filled(text_rect, 3.0, ui.visuals().panel_fill.gamma_multiply(0.8));
    painter.galley(text_rect.min + Vec2::new(4.0, 2.0), galley, color);
}

/// The sea colour shown where no tile has been drawn.
fn water_color(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(28, 38, 52)
    } else {
        Color32::from_rgb(170, 200, 225)
    }
}
