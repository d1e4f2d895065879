//! Pixel and lookup tests for the embedded basemap.

use std::sync::Arc;

use chronomap::basemap::{Basemap, BasemapTiles, MapStyle, render_tile};
use tiny_skia::Pixmap;
use walkers::TileId;

fn map() -> Arc<Basemap> {
    Basemap::embedded().expect("the embedded basemap parses")
}

/// The tile containing (lon, lat) at `zoom`.
fn tile_at(lon: f64, lat: f64, zoom: u8) -> TileId {
    let n = f64::from(1u32 << zoom);
    let x = ((lon + 180.0) / 360.0 * n).floor() as u32;
    let lat = lat.to_radians();
    let y = ((1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * n).floor()
        as u32;
    TileId { x, y, zoom }
}

/// The colours of the style, read off tiles known to be all water and all land.
fn reference_colours(map: &Basemap, style: MapStyle) -> ([u8; 3], [u8; 3]) {
    // mid-Atlantic at zoom 6: open water; central Sahara (Algeria) at zoom 8: open land
    let water = render_tile(map, tile_at(-35.0, 30.0, 6), style);
    let land = render_tile(map, tile_at(2.0, 26.5, 8), style);
    (pixel(&water, 128, 128), pixel(&land, 8, 250))
}

fn pixel(p: &Pixmap, x: u32, y: u32) -> [u8; 3] {
    let c = p.pixel(x, y).expect("pixel inside the tile");
    [c.red(), c.green(), c.blue()]
}

fn close(a: [u8; 3], b: [u8; 3], tol: i32) -> bool {
    a.iter()
        .zip(b)
        .all(|(x, y)| (i32::from(*x) - i32::from(y)).abs() <= tol)
}

/// Fraction of pixels within `tol` of `colour`.
fn share(p: &Pixmap, colour: [u8; 3], tol: i32) -> f64 {
    let n = p
        .pixels()
        .iter()
        .filter(|c| close([c.red(), c.green(), c.blue()], colour, tol))
        .count();
    n as f64 / p.pixels().len() as f64
}

#[test]
fn southern_red_sea_is_mostly_water() {
    let map = map();
    for style in [MapStyle::Light, MapStyle::Dark] {
        let (water, _) = reference_colours(&map, style);
        // between Eritrea and Yemen, zoom 7
        let tile = render_tile(&map, tile_at(41.5, 14.8, 7), style);
        let s = share(&tile, water, 6);
        assert!(
            s > 0.5,
            "{style:?}: only {s:.2} of the Red Sea tile is water"
        );
    }
}

#[test]
fn baghdad_is_land_with_a_river_or_border() {
    let map = map();
    let style = MapStyle::Light;
    let (water, land) = reference_colours(&map, style);
    let tile = render_tile(&map, tile_at(44.40, 33.34, 7), style);
    let land_share = share(&tile, land, 4);
    assert!(
        land_share > 0.6,
        "only {land_share:.2} of the Baghdad tile is land"
    );
    // anything that is neither land nor water: rivers, province lines, labels
    let other = tile
        .pixels()
        .iter()
        .filter(|c| {
            let rgb = [c.red(), c.green(), c.blue()];
            !close(rgb, land, 10) && !close(rgb, water, 10)
        })
        .count();
    assert!(
        other > 100,
        "no river, border or label pixels near Baghdad ({other})"
    );
    // and river blue specifically: the Tigris runs through Baghdad
    let river = tile
        .pixels()
        .iter()
        .filter(|c| c.blue() > c.red().saturating_add(25))
        .count();
    assert!(river > 20, "no river pixels near Baghdad ({river})");
}

#[test]
fn outside_the_detailed_region_there_is_land_and_borders() {
    let map = map();
    let style = MapStyle::Light;
    let (water, land) = reference_colours(&map, style);
    // France / Belgium / Germany at zoom 5; Brazil / Bolivia / Paraguay at zoom 5
    for (lon, lat) in [(5.0, 49.0), (-58.0, -20.0)] {
        let tile = render_tile(&map, tile_at(lon, lat, 5), style);
        let land_share = share(&tile, land, 4);
        assert!(land_share > 0.4, "({lon}, {lat}): land {land_share:.2}");
        // border ink: darker than land, not blue
        let border = tile
            .pixels()
            .iter()
            .filter(|c| {
                let rgb = [c.red(), c.green(), c.blue()];
                !close(rgb, land, 30)
                    && !close(rgb, water, 30)
                    && c.red() < 200
                    && c.red() + 10 >= c.blue()
            })
            .count();
        assert!(border > 50, "({lon}, {lat}): no border pixels ({border})");
    }
}

#[test]
fn every_zoom_renders_without_panicking() {
    let map = map();
    for zoom in 0..=12u8 {
        let t = tile_at(43.4, 12.6, zoom);
        let _ = render_tile(&map, t, MapStyle::Dark);
    }
    // deep zoom, and the last tile column/row
    let _ = render_tile(&map, tile_at(42.44, 33.79, 18), MapStyle::Light);
    let _ = render_tile(&map, tile_at(44.40, 33.34, 22), MapStyle::Light);
    let _ = render_tile(
        &map,
        TileId {
            x: 63,
            y: 63,
            zoom: 6,
        },
        MapStyle::Light,
    );
}

#[test]
fn country_lookup() {
    let map = map();
    assert_eq!(
        map.country_at(42.4412, 33.7856),
        Some("IRQ"),
        "Al-Asad air base"
    );
    assert_eq!(map.country_at(44.2067, 15.3694), Some("YEM"), "Sanaa");
    assert_eq!(map.country_at(40.1406, 35.3359), Some("SYR"), "Deir ez-Zor");
    assert_eq!(map.country_at(44.0091, 36.1911), Some("IRQ"), "Erbil");
    assert_eq!(
        map.country_at(44.3661, 32.8472),
        Some("IRQ"),
        "Jurf al-Sakhar"
    );
    assert_eq!(map.country_at(41.1367, 34.3797), Some("IRQ"), "al-Qaim");
    assert_eq!(map.country_at(42.9545, 14.7978), Some("YEM"), "Hodeidah");
    assert_eq!(map.country_at(2.35, 48.85), Some("FRA"), "Paris");
    assert_eq!(map.country_at(-47.93, -15.78), Some("BRA"), "Brasilia");
    assert_eq!(map.country_at(42.3, 14.5), None, "Red Sea");
    assert!(map.sea_at(42.3, 14.5));
    assert!(map.sea_at(50.5, 42.0), "Caspian Sea");
    assert!(!map.sea_at(44.4, 33.3));
    assert_eq!(map.country_at(f64::NAN, 0.0), None);
}

#[test]
fn marine_labels_are_at_sea() {
    let map = map();
    let names = map.marine_names();
    for wanted in [
        "Red Sea",
        "Gulf of Aden",
        "Bab-el-Mandeb",
        "Persian Gulf",
        "Strait of Hormuz",
        "Gulf of Oman",
        "Mediterranean Sea",
        "Arabian Sea",
        "Caspian Sea",
    ] {
        assert!(
            names.iter().any(|(n, _, _)| n == wanted),
            "{wanted} missing"
        );
    }
    for (name, lon, lat) in &names {
        assert!(
            map.sea_at(*lon, *lat),
            "{name} at ({lon:.3}, {lat:.3}) is on land"
        );
    }
    // and each regional name has an anchor in the sea of that name (a strait's name may
    // also be set beside it, in open water, at small scales)
    for (name, _, _) in names.iter().filter(|(n, _, _)| !n.contains("Ocean")) {
        let found = names
            .iter()
            .filter(|(n, _, _)| n == name)
            .any(|(_, lon, lat)| map.seas_at(*lon, *lat).contains(&name.as_str()));
        assert!(found, "no anchor of {name} is in the {name}");
    }
    assert_eq!(map.seas_at(42.3, 14.5), vec!["Red Sea"]);
    assert!(map.seas_at(44.4, 33.3).is_empty(), "Baghdad is not at sea");
}

#[test]
fn tiles_source_draws_in_the_background() {
    use walkers::Tiles;
    let ctx = egui::Context::default();
    let mut tiles = BasemapTiles::new(map(), MapStyle::Light, ctx);
    assert_eq!(tiles.tile_size(), 256);
    assert!(tiles.attribution().text.contains("Natural Earth"));
    let parent = tile_at(44.4, 33.3, 5);
    let child = tile_at(44.4, 33.3, 6);
    let started = std::time::Instant::now();
    // `at` returns at once; the tile arrives a few milliseconds later
    while tiles.at(parent).is_none() {
        assert!(started.elapsed().as_secs() < 20, "tile never arrived");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let full = tiles.at(parent).expect("cached tile");
    assert_eq!(
        full.uv,
        egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0))
    );
    // while the child is being drawn, a quarter of the parent stands in for it
    let piece = tiles.at(child).expect("parent stands in");
    assert!((piece.uv.width() - 0.5).abs() < 1e-6, "{:?}", piece.uv);
}
