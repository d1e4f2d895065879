//! Writes PNG previews of the basemap to /tmp/basemap-preview for a human to look at:
//! 3x3 blocks of tiles at zoom 4 to 10 over Iraq and over Bab-el-Mandeb, both styles; a
//! high-density (2x) block over Baghdad; the world at zoom 1 to 3.
//!
//! `cargo test --test basemap_preview -- --ignored`

use chronomap::basemap::{Basemap, MapStyle, TILE_SIZE, render_tile};
use tiny_skia::{Pixmap, PixmapPaint, Transform};
use walkers::TileId;

fn tile_at(lon: f64, lat: f64, zoom: u8) -> (u32, u32) {
    let n = f64::from(1u32 << zoom);
    let x = ((lon + 180.0) / 360.0 * n).floor() as u32;
    let lat = lat.to_radians();
    let y = ((1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * n).floor()
        as u32;
    (x, y)
}

#[test]
#[ignore = "writes PNGs for a human to look at"]
fn write_previews() {
    let map = Basemap::embedded().expect("basemap");
    let dir = std::path::Path::new("/tmp/basemap-preview");
    std::fs::create_dir_all(dir).expect("preview dir");
    let places = [("iraq", 43.5, 33.3), ("bab-el-mandeb", 43.4, 12.6)];
    for (name, lon, lat) in places {
        for zoom in [4u8, 5, 6, 7, 8, 9, 10] {
            for style in [MapStyle::Light, MapStyle::Dark] {
                let (cx, cy) = tile_at(lon, lat, zoom);
                let mut out = Pixmap::new(3 * TILE_SIZE, 3 * TILE_SIZE).expect("pixmap");
                for dy in 0..3u32 {
                    for dx in 0..3u32 {
                        let tile = TileId {
                            x: cx + dx - 1,
                            y: cy + dy - 1,
                            zoom,
                        };
                        let p = render_tile(&map, tile, style);
                        out.draw_pixmap(
                            (dx * TILE_SIZE) as i32,
                            (dy * TILE_SIZE) as i32,
                            p.as_ref(),
                            &PixmapPaint::default(),
                            Transform::identity(),
                            None,
                        );
                    }
                }
                let file = dir.join(format!("{name}-z{zoom}-{style:?}.png").to_lowercase());
                out.save_png(&file).expect("write png");
            }
        }
    }
}

#[test]
#[ignore = "writes PNGs for a human to look at"]
fn write_hidpi_preview() {
    use chronomap::basemap::render_tile_scaled;
    let map = Basemap::embedded().expect("basemap");
    let dir = std::path::Path::new("/tmp/basemap-preview");
    std::fs::create_dir_all(dir).expect("preview dir");
    let (cx, cy) = tile_at(44.3, 33.3, 7);
    let side = 2 * TILE_SIZE;
    let mut out = Pixmap::new(2 * side, 2 * side).expect("pixmap");
    for dy in 0..2u32 {
        for dx in 0..2u32 {
            let tile = TileId {
                x: cx + dx,
                y: cy + dy,
                zoom: 7,
            };
            let p = render_tile_scaled(&map, tile, MapStyle::Light, 2);
            out.draw_pixmap(
                (dx * side) as i32,
                (dy * side) as i32,
                p.as_ref(),
                &PixmapPaint::default(),
                Transform::identity(),
                None,
            );
        }
    }
    out.save_png(dir.join("baghdad-z7-light-2x.png"))
        .expect("write png");
}

#[test]
#[ignore = "writes PNGs for a human to look at"]
fn write_world_preview() {
    let map = Basemap::embedded().expect("basemap");
    let dir = std::path::Path::new("/tmp/basemap-preview");
    std::fs::create_dir_all(dir).expect("preview dir");
    for (zoom, x0, y0, n) in [(1u8, 0u32, 0u32, 2u32), (2, 0, 0, 4), (3, 3, 2, 3)] {
        for style in [MapStyle::Light, MapStyle::Dark] {
            let mut out = Pixmap::new(n * TILE_SIZE, n * TILE_SIZE).expect("pixmap");
            for dy in 0..n {
                for dx in 0..n {
                    let tile = TileId {
                        x: x0 + dx,
                        y: y0 + dy,
                        zoom,
                    };
                    let p = render_tile(&map, tile, style);
                    out.draw_pixmap(
                        (dx * TILE_SIZE) as i32,
                        (dy * TILE_SIZE) as i32,
                        p.as_ref(),
                        &PixmapPaint::default(),
                        Transform::identity(),
                        None,
                    );
                }
            }
            let file = dir.join(format!("world-z{zoom}-{style:?}.png").to_lowercase());
            out.save_png(&file).expect("write png");
        }
    }
}
