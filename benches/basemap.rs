//! Rendering one 256 px basemap tile at zoom 4, 6 and 9 over Iraq and over the southern
//! Red Sea. Target: at most 5 ms per tile. `cargo bench --bench basemap`
//!
//! Labels are placed once per zoom for the whole world and cached; that one-off cost is
//! paid before measuring (it is also paid by the app's first tile at each zoom).

use std::hint::black_box;

use chronomap::basemap::{Basemap, MapStyle, render_tile};
use criterion::{Criterion, criterion_group, criterion_main};
use walkers::TileId;

fn tile_at(lon: f64, lat: f64, zoom: u8) -> TileId {
    let n = f64::from(1u32 << zoom);
    let x = ((lon + 180.0) / 360.0 * n).floor() as u32;
    let lat = lat.to_radians();
    let y = ((1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * n).floor()
        as u32;
    TileId { x, y, zoom }
}

fn bench_tiles(c: &mut Criterion) {
    let map = match Basemap::embedded() {
        Ok(map) => map,
        Err(e) => panic!("the embedded basemap does not load: {e}"),
    };
    let mut group = c.benchmark_group("basemap_tile");
    // Baghdad, and the southern Red Sea off Hodeidah / Assab
    for (place, lon, lat) in [("iraq", 44.2, 33.2), ("red_sea", 42.3, 14.5)] {
        for zoom in [4u8, 6, 9] {
            let tile = tile_at(lon, lat, zoom);
            // warm the label placement for this zoom
            let _ = render_tile(&map, tile, MapStyle::Light);
            group.bench_function(format!("{place}_z{zoom}"), |b| {
                b.iter(|| render_tile(black_box(&map), black_box(tile), MapStyle::Light))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_tiles);
criterion_main!(benches);
