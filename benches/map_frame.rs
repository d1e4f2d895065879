//! One full frame of the map's event layer, headless: egui runs the frame (projection,
//! culling, merging, shapes, widgets) and tessellates what it drew, with every event in view.
//! Beside it, the same events drawn by walkers_extras' own grouped-places plugins, the way
//! the map framework offers.
//!
//! `cargo bench --bench map_frame`
//!
//! Cases:
//! - `map_frame/chronomap/N`: a frame at N events, with the clusters already built (at a
//!   million events they are built on a background thread; the frame draws the last ones);
//! - `map_frame/chronomap_pan/1000000`: frames while the map pans, zoomed in two levels;
//! - `map_frame/cluster_build/N` and `map_frame/spatial_index/N`: the background work
//!   that a change of time, filter or zoom, and a new dataset, cost;
//! - `map_frame/grouped_places/100000`: walkers_extras `GroupedPlaces` (the stock plugin);
//! - `map_frame/grouped_places_tree/100000`: walkers_extras `GroupedPlacesTree` (R-tree).

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use chronomap::clusters::{ClusterInput, ClusterKey, Clusters, SpatialIndex, level_for_zoom};
use chronomap::map::ClusterLayer;
use chronomap::model::{Dataset, EventFilter, EventIndex, FilterResult, synthetic};
use chronomap::state::{ViewContext, ViewState};
use chronomap::time::TimeControl;
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use egui::{Color32, Pos2, Rect, Ui, vec2};
use walkers::{Map, MapMemory, Plugin, Position, Projector};
use walkers_extras::{Group, GroupedPlaces, GroupedPlacesTree, Place};

/// The map's size in points: a laptop window less the panels.
const SIZE: egui::Vec2 = vec2(1000.0, 640.0);

/// A dataset on the map with its view, as the app holds them.
struct Scene {
    dataset: Arc<Dataset>,
    visible: Arc<Vec<EventIndex>>,
    view: ViewState,
    memory: MapMemory,
    center: Position,
}

impl Scene {
    fn new(count: usize) -> Self {
        let dataset = Arc::new(synthetic::dataset(count, 365, 42));
        let visible = Arc::new(dataset.indices().collect());
        let view = ViewState {
            time: TimeControl::new(dataset.slider_range()),
            selected: None,
            filter: EventFilter::default(),
            layer_colors: Vec::new(),
            color_by: Default::default(),
        };
        let (center, zoom) =
            chronomap::map::fit(dataset.positions().iter().copied(), (SIZE.x, SIZE.y), 0.05)
                .expect("events");
        let mut memory = MapMemory::default();
        memory.center_at(center);
        memory.set_zoom(zoom).expect("a valid zoom");
        Scene {
            dataset,
            visible,
            view,
            memory,
            center,
        }
    }

    fn input() -> egui::RawInput {
        egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SIZE)),
            ..Default::default()
        }
    }

    /// Runs and tessellates one frame that draws `layer`; returns the number of meshes.
    fn frame(&mut self, ctx: &egui::Context, layer: &mut ClusterLayer) -> usize {
        let Scene {
            dataset,
            visible,
            view,
            memory,
            center,
        } = self;
        let everything = Arc::new(FilterResult::everything(dataset));
        let cx = ViewContext {
            dataset,
            view,
            visible,
            visible_version: 1,
            filtered: &everything,
        };
        let mut commands = Vec::new();
        let output = ctx.run_ui(Self::input(), |ui| {
            Map::new(None, memory, *center).show(ui, |ui, _, projector, _| {
                layer.ui(ui, projector, &cx, &mut commands)
            });
        });
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    }

    /// Runs frames until the layer's clusters are built.
    fn settle(&mut self, ctx: &egui::Context, layer: &mut ClusterLayer) {
        self.frame(ctx, layer);
        while !layer.is_settled() {
            std::thread::sleep(Duration::from_millis(5));
            self.frame(ctx, layer);
        }
        self.frame(ctx, layer);
    }
}

/// An event as a walkers_extras place: a dot in one colour.
#[derive(Clone)]
struct Dot(Position);

impl Place for Dot {
    fn position(&self) -> Position {
        self.0
    }

    fn draw(&self, ui: &Ui, projector: &Projector) {
        let at = projector.project(self.0).to_pos2();
        ui.painter()
            .circle_filled(at, 4.0, Color32::from_rgb(200, 40, 63));
    }
}

/// A group as walkers_extras draws one: a circle with its count.
#[derive(Clone)]
struct Count;

impl Group for Count {
    fn draw<T: Place>(
        &self,
        places: &[&T],
        position: Position,
        projector: &Projector,
        ui: &mut Ui,
    ) {
        let at = projector.project(position).to_pos2();
        ui.painter()
            .circle_filled(at, 14.0, Color32::from_rgb(200, 40, 63));
        ui.painter().text(
            at,
            egui::Align2::CENTER_CENTER,
            places.len().to_string(),
            egui::FontId::proportional(12.0),
            Color32::WHITE,
        );
    }
}

fn chronomap_frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("map_frame");
    group.sample_size(30);
    for count in [10_000, 100_000, 1_000_000] {
        let ctx = egui::Context::default();
        let mut layer = ClusterLayer::new(&ctx);
        let mut scene = Scene::new(count);
        scene.settle(&ctx, &mut layer);
        group.bench_function(BenchmarkId::new("chronomap", count), |b| {
            b.iter(|| black_box(scene.frame(&ctx, &mut layer)));
        });
        if count == 1_000_000 {
            // Zoomed in two levels and panning back and forth across the region.
            let zoom = scene.memory.zoom() + 2.0;
            scene.memory.set_zoom(zoom).expect("a valid zoom");
            let (lon, lat) = (scene.center.x(), scene.center.y());
            scene.settle(&ctx, &mut layer);
            let mut step = 0u32;
            group.bench_function(BenchmarkId::new("chronomap_pan", count), |b| {
                b.iter(|| {
                    step = (step + 1) % 200;
                    let sweep = f64::from(step.abs_diff(100)) / 100.0 - 0.5;
                    scene
                        .memory
                        .center_at(walkers::lon_lat(lon + 6.0 * sweep, lat));
                    black_box(scene.frame(&ctx, &mut layer))
                });
            });
        }
    }
    group.finish();
}

fn background_work(c: &mut Criterion) {
    let mut group = c.benchmark_group("map_frame");
    group.sample_size(10);
    for count in [100_000, 1_000_000] {
        let scene = Scene::new(count);
        let level = level_for_zoom(scene.memory.zoom());
        group.bench_function(BenchmarkId::new("spatial_index", count), |b| {
            b.iter(|| black_box(SpatialIndex::build(&scene.dataset).len()));
        });
        let input = ClusterInput {
            dataset: &scene.dataset,
            visible: &scene.visible,
            index: None,
        };
        let key = ClusterKey {
            generation: scene.dataset.generation(),
            visible: 1,
            level,
            area: None,
            color_by: Default::default(),
            recoloured: Vec::new(),
        };
        group.bench_function(BenchmarkId::new("cluster_build", count), |b| {
            b.iter(|| black_box(Clusters::build(&input, key.clone()).len()));
        });
    }
    group.finish();
}

fn grouped_places(c: &mut Criterion) {
    let mut group = c.benchmark_group("map_frame");
    group.sample_size(10);
    let count = 100_000;
    let mut scene = Scene::new(count);
    let dots: Vec<Dot> = scene.dataset.positions().iter().map(|p| Dot(*p)).collect();
    let ctx = egui::Context::default();
    // The plugin is handed to the map as an application would, with `Map::with_plugin`.
    let mut frame_with = |plugin: Box<dyn Plugin>| {
        let (memory, center) = (&mut scene.memory, scene.center);
        let mut plugin = Some(plugin);
        let output = ctx.run_ui(Scene::input(), |ui| {
            let mut map = Map::new(None, memory, center);
            if let Some(plugin) = plugin.take() {
                map = map.with_plugin(PluginBox(plugin));
            }
            map.show(ui, |_, _, _, _| {});
        });
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    };
    group.bench_function(BenchmarkId::new("grouped_places", count), |b| {
        b.iter_batched(
            || dots.clone(),
            |dots| black_box(frame_with(Box::new(GroupedPlaces::new(dots, Count)))),
            BatchSize::LargeInput,
        );
    });
    let tree = GroupedPlacesTree::new(dots.clone(), Count).with_screen_radius_px(50.0);
    group.bench_function(BenchmarkId::new("grouped_places_tree", count), |b| {
        b.iter(|| black_box(frame_with(Box::new(tree.clone()))));
    });
    group.finish();
}

/// A boxed plugin, handed on to the map.
struct PluginBox(Box<dyn Plugin>);

impl Plugin for PluginBox {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        response: &egui::Response,
        projector: &Projector,
        memory: &MapMemory,
    ) {
        self.0.run(ui, response, projector, memory);
    }
}

criterion_group!(benches, chronomap_frames, background_work, grouped_places);
criterion_main!(benches);
