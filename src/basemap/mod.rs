//! The embedded offline basemap: vector geography rendered to map tiles.
//!
//! Natural Earth land, borders, provinces, rivers and lakes, GeoNames places and
//! hand-written marine and river names are compiled by `scripts/build_basemap.py` into
//! `assets/basemap/basemap.bin.gz` (about 1.6 MB), embedded in the binary, parsed once
//! ([`Basemap::embedded`], about 25 ms) and drawn into 256 px Web Mercator tiles with
//! tiny-skia ([`render_tile`]), off the UI thread for the map widget ([`BasemapTiles`]).
//!
//! How a tile stays cheap (`cargo bench --bench basemap`):
//! - coordinates are stored pre-projected to Web Mercator;
//! - every vertex carries the first zoom that needs it (Douglas-Peucker at build time),
//!   so a tile draws simplified lines without copies of the data;
//! - a grid index finds the lines and polygons near a tile, and polylines are cut into
//!   32-vertex chunks with boxes: chunks outside the tile are skipped (strokes) or
//!   replaced by their chord (fills, which is exact outside the tile);
//! - labels are placed once per zoom for the whole world (no collisions, no repeats at
//!   tile edges) and each is drawn once and blitted into every tile it touches.

mod format;
mod geometry;
mod index;
mod labels;
mod render;
mod seas;
mod style;
mod text;
mod tiles;

use std::sync::{Arc, OnceLock};

pub use render::{MAX_RATIO, TILE_SIZE, render_tile, render_tile_scaled};
pub use style::MapStyle;
pub use tiles::BasemapTiles;

use format::RawLabel;
use geometry::{Bbox, Line, Polygon, mercator};
use index::GridIndex;
use labels::LabelLayer;
use text::Font;

/// The attribution to show wherever the basemap is visible.
pub const ATTRIBUTION: &str = "Made with Natural Earth · Place names © GeoNames";

/// The processed basemap data, compiled into the binary.
static EMBEDDED: &[u8] = include_bytes!("../../assets/basemap/basemap.bin.gz");

/// Zoom levels for which labels are placed; deeper tiles have no labels.
pub(crate) const LABEL_ZOOMS: usize = 19;

/// Why the basemap could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum BasemapError {
    /// The gzip stream is broken.
    #[error("basemap data does not decompress: {0}")]
    Decompress(String),
    /// The data does not follow the expected layout.
    #[error("basemap data is corrupt: {0}")]
    Corrupt(&'static str),
    /// The data was written by a different version of the build script.
    #[error("basemap data has format version {0}, expected 1")]
    Version(u64),
    /// The bundled font could not be read.
    #[error("the label font could not be read")]
    Font,
}

/// A country: its ISO 3166-1 alpha-3 code, map name and label anchor.
pub struct Country {
    iso3: String,
    name: String,
    label: [f64; 2],
    /// Box of its largest polygon, to decide whether its name fits.
    main_bbox: Bbox,
}

impl Country {
    /// ISO 3166-1 alpha-3 code (breakaway areas carry the code of the UN member state;
    /// Kosovo is `XKX`).
    pub fn iso3(&self) -> &str {
        &self.iso3
    }

    /// Short English name as drawn on the map.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Parsed, indexed basemap geography, shared by every renderer.
pub struct Basemap {
    lines: Vec<Line>,
    line_index: GridIndex,
    countries: Vec<Country>,
    /// Every country polygon, and the country it belongs to.
    land: Vec<Polygon>,
    land_owner: Vec<usize>,
    land_index: GridIndex,
    lakes: Vec<Polygon>,
    lake_index: GridIndex,
    province_labels: Vec<RawLabel>,
    places: Vec<RawLabel>,
    marine: Vec<RawLabel>,
    font: Font,
    labels: [OnceLock<LabelLayer>; LABEL_ZOOMS],
}

impl Basemap {
    /// The basemap compiled into the binary, parsed once per process.
    pub fn embedded() -> Result<Arc<Basemap>, BasemapError> {
        static CELL: OnceLock<Result<Arc<Basemap>, String>> = OnceLock::new();
        match CELL.get_or_init(|| {
            Basemap::from_bytes(EMBEDDED)
                .map(Arc::new)
                .map_err(|e| e.to_string())
        }) {
            Ok(map) => Ok(Arc::clone(map)),
            // Parsing is deterministic: report the same failure again, freshly.
            Err(_) => Basemap::from_bytes(EMBEDDED).map(Arc::new),
        }
    }

    /// Parse a basemap file (`assets/basemap/basemap.bin.gz` layout).
    pub fn from_bytes(gz: &[u8]) -> Result<Basemap, BasemapError> {
        let raw = format::decode(gz)?;
        let lines: Vec<Line> = raw.lines.into_iter().map(Line::new).collect();
        let line_index = GridIndex::new(lines.iter().map(|l| &l.bbox));
        let mut countries = Vec::with_capacity(raw.countries.len());
        let mut land = Vec::new();
        let mut land_owner = Vec::new();
        for (ci, c) in raw.countries.into_iter().enumerate() {
            let mut main_bbox = Bbox::EMPTY;
            let mut main_area = -1.0;
            for rings in c.polygons {
                let poly = Polygon::new(rings, &lines);
                let b = poly.bbox;
                let area = b.width() * (b.max_y - b.min_y);
                if area > main_area {
                    main_area = area;
                    main_bbox = b;
                }
                land.push(poly);
                land_owner.push(ci);
            }
            countries.push(Country {
                iso3: c.iso3,
                name: c.name,
                label: c.label,
                main_bbox,
            });
        }
        let land_index = GridIndex::new(land.iter().map(|p| &p.bbox));
        let lakes: Vec<Polygon> = raw
            .lakes
            .into_iter()
            .map(|r| Polygon::new(r, &lines))
            .collect();
        let lake_index = GridIndex::new(lakes.iter().map(|p| &p.bbox));
        Ok(Basemap {
            lines,
            line_index,
            countries,
            land,
            land_owner,
            land_index,
            lakes,
            lake_index,
            province_labels: raw.province_labels,
            places: raw.places,
            marine: raw.marine,
            font: Font::ubuntu_light()?,
            labels: std::array::from_fn(|_| OnceLock::new()),
        })
    }

    /// The country containing the point (degrees), as its ISO 3166-1 alpha-3 code;
    /// `None` at sea (lakes count as part of the country around them, the Caspian as sea).
    pub fn country_at(&self, lon: f64, lat: f64) -> Option<&str> {
        self.country_index_at(lon, lat)
            .map(|i| self.countries[i].iso3.as_str())
    }

    /// The country containing the point (degrees), with its name.
    pub fn country_info_at(&self, lon: f64, lat: f64) -> Option<&Country> {
        self.country_index_at(lon, lat).map(|i| &self.countries[i])
    }

    fn country_index_at(&self, lon: f64, lat: f64) -> Option<usize> {
        if !(lon.is_finite() && lat.is_finite()) {
            return None;
        }
        let p = mercator(lon, lat);
        let probe = Bbox {
            min_x: p[0],
            min_y: p[1],
            max_x: p[0],
            max_y: p[1],
        };
        self.land_index
            .query(&probe)
            .into_iter()
            .map(|i| i as usize)
            .find(|&i| {
                self.land
                    .get(i)
                    .is_some_and(|poly| poly.contains(&self.lines, p))
            })
            .and_then(|i| self.land_owner.get(i).copied())
    }

    /// Whether the point (degrees) is at sea: in no country's land.
    pub fn sea_at(&self, lon: f64, lat: f64) -> bool {
        lon.is_finite() && lat.is_finite() && self.country_index_at(lon, lat).is_none()
    }

    /// The named seas of the region at the point, most specific first (a strait also
    /// names the waters it joins: `["Bab-el-Mandeb", "Red Sea", "Gulf of Aden"]`). Empty
    /// on land and in waters without a name here (the oceans).
    pub fn seas_at(&self, lon: f64, lat: f64) -> Vec<&'static str> {
        if self.sea_at(lon, lat) {
            seas::names_at(lon, lat)
        } else {
            Vec::new()
        }
    }

    /// All countries, in the order of the data file.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The hand-written marine names and their anchors (longitude, latitude in degrees);
    /// river names are not included.
    pub fn marine_names(&self) -> Vec<(String, f64, f64)> {
        self.marine
            .iter()
            .filter(|m| m.size != labels::RIVER)
            .map(|m| {
                let lon = m.pos[0] * 360.0 - 180.0;
                let lat = (std::f64::consts::PI * (1.0 - 2.0 * m.pos[1]))
                    .sinh()
                    .atan()
                    .to_degrees();
                (m.name.replace('\n', " "), lon, lat)
            })
            .collect()
    }

    fn labels(&self, zoom: u8) -> &LabelLayer {
        let z = usize::from(zoom).min(LABEL_ZOOMS - 1);
        self.labels[z].get_or_init(|| labels::place(self, z as u8))
    }
}

impl std::fmt::Debug for Basemap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Basemap")
            .field("lines", &self.lines.len())
            .field("countries", &self.countries.len())
            .field("places", &self.places.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_parses() {
        let map = Basemap::embedded().expect("embedded basemap parses");
        assert!(map.countries().len() > 200);
        assert_eq!(map.country_at(44.4, 33.3), Some("IRQ"));
        assert!(map.sea_at(-30.0, 30.0));
    }
}
