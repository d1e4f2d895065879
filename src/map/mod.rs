//! The map: the basemap, the event layer on top, attribution and zoom controls.

mod camera;
mod event_layer;

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::{Align2, Color32, RichText, Ui, Vec2};
use walkers::{Map, MapMemory};

pub use camera::fit;
pub use event_layer::marker_label;

use crate::app::{Command, ViewState};
use crate::basemap::{Basemap, BasemapTiles, MapStyle};
use crate::model::{Dataset, EventIndex};

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

/// The map's state between frames.
pub struct MapView {
    memory: MapMemory,
    basemap: BasemapState,
    /// The view size the camera was last fitted to, while the user has not moved it yet.
    /// Panels settle their sizes over the first frames, so the fit follows until then.
    fitted_to: Option<Vec2>,
    /// Whether the user has panned or zoomed since the last fit.
    moved_by_user: bool,
}

impl MapView {
    /// A map that will fit itself to the events on its first frame.
    pub fn new(ctx: &egui::Context) -> Self {
        let (sender, receiver) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("basemap-load".into())
            .spawn(move || {
                let result = Basemap::embedded().map_err(|err| err.to_string());
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
        }
    }

    /// Whether every tile in view has been drawn (used before taking a screenshot).
    pub fn tiles_settled(&self) -> bool {
        match &self.basemap {
            BasemapState::Loading(_) => false,
            BasemapState::Ready { tiles, .. } => tiles.as_ref().is_some_and(BasemapTiles::is_idle),
            BasemapState::Failed(_) => true,
        }
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
    /// The current zoom level.
    pub fn zoom(&self) -> f64 {
        self.memory.zoom()
    }

    /// Shows the map and its events in the whole of `ui`.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        dataset: &Dataset,
        view: &ViewState,
        visible: &[EventIndex],
        commands: &mut Vec<Command>,
    ) {
        let rect = ui.available_rect_before_wrap();
        if !self.moved_by_user && self.fitted_to != Some(rect.size()) {
            self.fit_to_events(dataset, rect.size());
        }
        ui.painter()
            .rect_filled(rect, 0.0, water_color(ui.visuals().dark_mode));

        let center = dataset
            .events()
            .first()
            .map_or_else(|| walkers::lon_lat(45.0, 25.0), |event| event.position);
        let ctx = ui.ctx().clone();
        let dark_mode = ui.visuals().dark_mode;
        let tiles = self
            .basemap
            .tiles(&ctx, dark_mode)
            .map(|tiles| tiles as &mut dyn walkers::Tiles);
        let response = Map::new(tiles, &mut self.memory, center)
            .zoom_with_ctrl(false)
            .show(ui, |ui, _response, projector, _memory| {
                event_layer::events_ui(ui, projector, dataset, view, visible, commands)
            });
        let marker_clicked = response.inner;
        if response.response.dragged() || response.response.changed() {
            self.moved_by_user = true;
        }
        if response.response.clicked() && !marker_clicked {
            commands.push(Command::Select(None));
        }

        let map_rect = response.response.rect;
        self.controls_ui(ui, map_rect, dataset);
        attribution_ui(ui, map_rect);
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

    fn fit_to_events(&mut self, dataset: &Dataset, size: Vec2) {
        let positions = dataset.events().iter().map(|event| event.position);
        if let Some((center, zoom)) = camera::fit(positions, (size.x, size.y), 0.08) {
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
                    });
                });
            });
    }
}

fn attribution_ui(ui: &Ui, rect: egui::Rect) {
    let painter = ui.painter().with_clip_rect(rect);
    let font = egui::FontId::proportional(11.0);
    let color = ui.visuals().text_color();
    let galley = painter.layout_no_wrap(ATTRIBUTION.to_owned(), font, color);
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
