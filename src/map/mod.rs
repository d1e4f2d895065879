//! The map: the basemap, the event layer on top, attribution and zoom controls.

mod camera;
mod event_layer;

use std::ops::Range;

use egui::{Align2, Color32, RichText, Ui, Vec2};
use walkers::{Map, MapMemory};

pub use camera::fit;
pub use event_layer::marker_label;

use crate::app::{Command, ViewState};
use crate::model::{Dataset, EventIndex};

/// The attribution drawn on the map at all times.
pub const ATTRIBUTION: &str = "Made with Natural Earth · Place names © GeoNames, CC BY 4.0";

/// The map's state between frames.
pub struct MapView {
    memory: MapMemory,
    /// Whether the camera has been fitted to the events yet (it needs the view's size).
    fitted: bool,
}

impl MapView {
    /// A map that will fit itself to the events on its first frame.
    pub fn new(_ctx: &egui::Context) -> Self {
        MapView {
            memory: MapMemory::default(),
            fitted: false,
        }
    }

    /// Whether every tile in view has been drawn (used before taking a screenshot).
    pub fn tiles_settled(&self) -> bool {
        true
    }

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
        visible: Range<EventIndex>,
        commands: &mut Vec<Command>,
    ) {
        let rect = ui.available_rect_before_wrap();
        if !self.fitted {
            self.fit_to_events(dataset, rect.size());
            self.fitted = true;
        }
        ui.painter()
            .rect_filled(rect, 0.0, water_color(ui.visuals().dark_mode));

        let center = dataset
            .events()
            .first()
            .map_or_else(|| walkers::lon_lat(45.0, 25.0), |event| event.position);
        let response = Map::new(None, &mut self.memory, center)
            .zoom_with_ctrl(false)
            .show(ui, |ui, _response, projector, _memory| {
                event_layer::events_ui(ui, projector, dataset, view, visible, commands)
            });
        let marker_clicked = response.inner;
        if response.response.clicked() && !marker_clicked {
            commands.push(Command::Select(None));
        }

        self.controls_ui(ui, response.response.rect, dataset);
        attribution_ui(ui, response.response.rect);
    }

    fn fit_to_events(&mut self, dataset: &Dataset, size: Vec2) {
        let positions = dataset.events().iter().map(|event| event.position);
        if let Some((center, zoom)) = camera::fit(positions, (size.x, size.y), 0.08) {
            self.memory.center_at(center);
            // The fitted zoom is always within walkers' range; keep the old one if not.
            let _ = self.memory.set_zoom(zoom);
        }
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
                        }
                        if ui
                            .button(RichText::new("−").size(16.0))
                            .on_hover_text("Zoom out")
                            .clicked()
                        {
                            let _ = self.memory.zoom_out();
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
