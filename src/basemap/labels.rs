//! Label placement, decided once per zoom level for the whole world, so that labels never
//! collide, never repeat, and a label crossing a tile edge is drawn by both tiles at the
//! same place (each tile draws every placed label whose box touches it).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::Basemap;
use super::format::RawLabel;
use super::render::LabelRaster;
use super::text::Layout;

/// The size class of river names among the hand-written labels.
pub const RIVER: u8 = 3;
/// Pixels kept free around every label.
const PAD: f64 = 3.0;
/// Halo and anti-aliasing margin around a label's box when choosing the tiles it touches.
const INK_MARGIN: f64 = 3.0;

/// What a label names; decides its look.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LabelClass {
    /// Ocean (0), sea (1), gulf or strait (2), river ([`RIVER`]).
    Marine(u8),
    /// A country name.
    Country,
    /// A first-level province name.
    Province,
    /// A populated place, with its dot.
    Place {
        /// National capital.
        capital: bool,
    },
}

/// A label placed at one zoom.
pub struct Placed {
    pub class: LabelClass,
    pub text: String,
    /// World pixel position of the point labelled (the dot, for a place).
    pub anchor: [f64; 2],
    /// Centre of the text block, in world pixels.
    pub center: [f64; 2],
    pub angle: f32,
    pub size: f32,
    pub spacing: f32,
    /// Radius of the place dot, if any.
    pub dot: f32,
    /// World pixel box of all the ink.
    pub bbox: [f64; 4],
}

/// The labels placed at one zoom, and which tiles each touches.
pub struct LabelLayer {
    pub placed: Vec<Placed>,
    pub by_tile: HashMap<(u32, u32), Vec<u32>>,
    /// Labels drawn so far, by index into `placed`, per style and pixel ratio (light 1x,
    /// dark 1x, light 2x, dark 2x).
    pub rasters: [Mutex<HashMap<u32, Arc<LabelRaster>>>; 4],
}

/// A taken box and who took it.
type Owned = ([f64; 4], u32);
/// A candidate place: its index in the data and its record.
type Candidate<'a> = (usize, &'a RawLabel);

/// Boxes already taken, on a coarse grid. Each box has an owner so that a place's own
/// dot does not block its name, and a dot can be withdrawn when its name finds no room.
struct Collider {
    grid: HashMap<(i64, i64), Vec<Owned>>,
    withdrawn: Vec<u32>,
}

const CELL: f64 = 128.0;
/// Owner of boxes that are never withdrawn.
const NOBODY: u32 = u32::MAX;

impl Collider {
    fn new() -> Collider {
        Collider {
            grid: HashMap::new(),
            withdrawn: Vec::new(),
        }
    }

    fn cells(b: &[f64; 4]) -> impl Iterator<Item = (i64, i64)> {
        let (x0, y0) = ((b[0] / CELL).floor() as i64, (b[1] / CELL).floor() as i64);
        let (x1, y1) = ((b[2] / CELL).floor() as i64, (b[3] / CELL).floor() as i64);
        (y0..=y1).flat_map(move |y| (x0..=x1).map(move |x| (x, y)))
    }

    /// Whether `b` overlaps no box (except those of `me`).
    fn free(&self, b: &[f64; 4], me: u32) -> bool {
        Self::cells(b).all(|c| {
            self.grid.get(&c).is_none_or(|v| {
                v.iter().all(|(o, owner)| {
                    (*owner == me && me != NOBODY)
                        || self.withdrawn.contains(owner)
                        || b[2] + PAD <= o[0]
                        || o[2] + PAD <= b[0]
                        || b[3] + PAD <= o[1]
                        || o[3] + PAD <= b[1]
                })
            })
        })
    }

    fn insert(&mut self, b: [f64; 4], owner: u32) {
        for c in Self::cells(&b) {
            self.grid.entry(c).or_default().push((b, owner));
        }
    }
}

/// Smallest population of a place labelled at zoom `z`: (capitals, other places).
fn min_population(z: u8) -> (u64, u64) {
    match z {
        0..=1 => (u64::MAX, u64::MAX),
        2 => (3_000_000, 10_000_000),
        3 => (800_000, 4_000_000),
        4 => (300_000, 1_000_000),
        5 => (50_000, 350_000),
        6 => (0, 120_000),
        7 => (0, 40_000),
        8 => (0, 15_000),
        _ => (0, 0),
    }
}

/// The box of a `w` x `h` block centred at `c` and rotated by `angle` degrees.
fn rotated_box(c: [f64; 2], w: f64, h: f64, angle: f32) -> [f64; 4] {
    let a = f64::from(angle).to_radians();
    let (s, co) = (a.sin().abs(), a.cos().abs());
    let hw = (w * co + h * s) / 2.0;
    let hh = (w * s + h * co) / 2.0;
    [c[0] - hw, c[1] - hh, c[0] + hw, c[1] + hh]
}

/// Country names in capitals, letter-spaced.
pub fn country_text(name: &str) -> String {
    name.to_uppercase()
}

/// The state of placement at one zoom.
struct Placer<'a> {
    map: &'a Basemap,
    z: u8,
    scale: f64,
    col: Collider,
    placed: Vec<Placed>,
}

impl Placer<'_> {
    fn px(&self, p: [f64; 2]) -> [f64; 2] {
        [p[0] * self.scale, p[1] * self.scale]
    }

    fn push(&mut self, p: Placed) {
        self.col.insert(p.bbox, NOBODY);
        self.placed.push(p);
    }

    /// Hand-placed marine names; they always win.
    fn marine(&mut self) {
        let z = self.z;
        for m in &self.map.marine {
            if z < m.min_zoom || z > m.max_zoom || m.size == RIVER {
                continue;
            }
            let (size, spacing) = match m.size {
                0 => (14.0 + f32::from(z.min(4)), 0.18),
                1 => (12.5 + f32::from(z.saturating_sub(3).min(4)) * 0.5, 0.12),
                _ => (11.0 + f32::from(z.saturating_sub(5).min(3)) * 0.5, 0.06),
            };
            let lay = self.map.font.layout(&m.name, size, spacing);
            let c = self.px(m.pos);
            let b = rotated_box(
                c,
                f64::from(lay.width) + 4.0,
                f64::from(lay.height) + 4.0,
                m.angle,
            );
            self.push(Placed {
                class: LabelClass::Marine(m.size),
                text: m.name.clone(),
                anchor: c,
                center: c,
                angle: m.angle,
                size,
                spacing,
                dot: 0.0,
                bbox: b,
            });
        }
    }

    /// River names, along the river and just beside it, where there is room.
    fn rivers(&mut self) {
        let z = self.z;
        for m in &self.map.marine {
            if z < m.min_zoom || z > m.max_zoom || m.size != RIVER {
                continue;
            }
            let (size, spacing) = (11.0 + f32::from(z.saturating_sub(6).min(3)) * 0.5, 0.1);
            let lay = self.map.font.layout(&m.name, size, spacing);
            let a = self.px(m.pos);
            // shift off the line, to the left of the reading direction (above the river)
            let off = f64::from(lay.height) / 2.0 + 3.0;
            let rad = f64::from(m.angle).to_radians();
            let c = [a[0] + off * rad.sin(), a[1] - off * rad.cos()];
            let b = rotated_box(c, f64::from(lay.width), f64::from(lay.height), m.angle);
            if self.col.free(&b, NOBODY) {
                self.push(Placed {
                    class: LabelClass::Marine(RIVER),
                    text: m.name.clone(),
                    anchor: a,
                    center: c,
                    angle: m.angle,
                    size,
                    spacing,
                    dot: 0.0,
                    bbox: b,
                });
            }
        }
    }

    /// Country names, largest country first, at their pole of inaccessibility or a
    /// little above or below it when a city is in the way.
    fn countries(&mut self) {
        let map = self.map;
        let mut order: Vec<usize> = (0..map.countries.len()).collect();
        order.sort_by(|&a, &b| {
            map.countries[b]
                .main_bbox
                .width()
                .total_cmp(&map.countries[a].main_bbox.width())
        });
        for i in order {
            let c = &map.countries[i];
            let w_px = c.main_bbox.width() * self.scale;
            let h_px = (c.main_bbox.max_y - c.main_bbox.min_y) * self.scale;
            let (size, spacing) = if w_px > 900.0 {
                (15.0, 0.16)
            } else if w_px > 300.0 {
                (13.0, 0.13)
            } else {
                (11.0, 0.1)
            };
            let mut text = country_text(&c.name);
            let mut lay = map.font.layout(&text, size, spacing);
            if f64::from(lay.width) > w_px * 0.9 {
                // two lines, split at the space nearest the middle
                let mid = text.len() / 2;
                let split = text
                    .match_indices(' ')
                    .map(|(i, _)| i)
                    .min_by_key(|&i| i.abs_diff(mid));
                if let Some(i) = split {
                    text = format!("{}\n{}", &text[..i], &text[i + 1..]);
                    lay = map.font.layout(&text, size, spacing);
                }
            }
            let (w, h) = (f64::from(lay.width), f64::from(lay.height));
            if w > w_px * 0.95 || h > h_px * 0.9 {
                continue;
            }
            let a = self.px(c.label);
            let step = h * 1.6;
            let spots = [0.0, -step, step, -2.0 * step, 2.0 * step];
            let found = spots
                .iter()
                .map(|dy| [a[0], a[1] + dy])
                .map(|center| (center, rotated_box(center, w, h, 0.0)))
                .find(|(_, b)| self.col.free(b, NOBODY));
            if let Some((center, b)) = found {
                self.push(Placed {
                    class: LabelClass::Country,
                    text,
                    anchor: a,
                    center,
                    angle: 0.0,
                    size,
                    spacing,
                    dot: 0.0,
                    bbox: b,
                });
            }
        }
    }

    /// Places with their dots. The dots of all `places` are reserved first, so that one
    /// city's name does not cover the dot of the next (Mosul's name over Erbil).
    fn places(&mut self, places: &[Candidate], reserve: bool) {
        let z = self.z;
        let mut reserved = std::collections::HashSet::new();
        if reserve {
            for &(i, p) in places {
                let b = dot_box(self.px(p.pos), dot_radius(p));
                if self.col.free(&b, NOBODY) {
                    self.col.insert(b, i as u32);
                    reserved.insert(i);
                }
            }
        }
        for &(i, p) in places {
            let owner = i as u32;
            let size = if p.capital && z >= 4 {
                12.5
            } else if p.population >= 1_000_000 {
                12.0
            } else if z >= 8 && p.population < 50_000 {
                10.5
            } else {
                11.0
            };
            let dot = dot_radius(p);
            let a = self.px(p.pos);
            let db = dot_box(a, dot);
            let has_dot = reserved.contains(&i);
            if !has_dot && !self.col.free(&db, NOBODY) {
                continue;
            }
            let lay: Layout = self.map.font.layout(&p.name, size, 0.0);
            let (w, h) = (f64::from(lay.width), f64::from(lay.height));
            let gap = f64::from(dot) + 3.0;
            // right, left, above, below, then the four diagonals
            let (dx, dy) = (gap * 0.7, gap * 0.7 + h / 2.0);
            let positions = [
                [a[0] + gap + w / 2.0, a[1]],
                [a[0] - gap - w / 2.0, a[1]],
                [a[0], a[1] - gap - h / 2.0 - 1.0],
                [a[0], a[1] + gap + h / 2.0 + 1.0],
                [a[0] + dx + w / 2.0, a[1] - dy],
                [a[0] + dx + w / 2.0, a[1] + dy],
                [a[0] - dx - w / 2.0, a[1] - dy],
                [a[0] - dx - w / 2.0, a[1] + dy],
            ];
            let spot = positions
                .into_iter()
                .map(|c| (c, rotated_box(c, w, h, 0.0)))
                .find(|(_, tb)| self.col.free(tb, owner));
            match spot {
                Some((center, tb)) => {
                    if !has_dot {
                        self.col.insert(db, owner);
                    }
                    self.push(Placed {
                        class: LabelClass::Place { capital: p.capital },
                        text: p.name.clone(),
                        anchor: a,
                        center,
                        angle: 0.0,
                        size,
                        spacing: 0.0,
                        dot,
                        bbox: tb,
                    });
                }
                None if has_dot => self.col.withdrawn.push(owner),
                None => {}
            }
        }
    }

    /// Province names from zoom 6, where the province is roomy enough.
    fn provinces(&mut self) {
        let (size, spacing) = (10.5, 0.08);
        for p in &self.map.province_labels {
            let lay = self.map.font.layout(&p.name, size, spacing);
            let area_px = f64::from(p.area) * self.scale * self.scale;
            if area_px < f64::from(lay.width * lay.height) * 8.0 {
                continue;
            }
            let c = self.px(p.pos);
            let b = rotated_box(c, f64::from(lay.width), f64::from(lay.height), 0.0);
            if self.col.free(&b, NOBODY) {
                self.push(Placed {
                    class: LabelClass::Province,
                    text: p.name.clone(),
                    anchor: c,
                    center: c,
                    angle: 0.0,
                    size,
                    spacing,
                    dot: 0.0,
                    bbox: b,
                });
            }
        }
    }
}

fn dot_radius(p: &RawLabel) -> f32 {
    if p.capital { 3.2 } else { 2.4 }
}

fn dot_box(a: [f64; 2], d: f32) -> [f64; 4] {
    let d = f64::from(d) + 1.0;
    [a[0] - d, a[1] - d, a[0] + d, a[1] + d]
}

/// Place every label for zoom `z`: marine names, then capitals and major cities, then
/// country names, then the other places, then provinces.
pub fn place(map: &Basemap, z: u8) -> LabelLayer {
    let mut pl = Placer {
        map,
        z,
        scale: 256.0 * f64::from(1u32 << z.min(24)),
        col: Collider::new(),
        placed: Vec::new(),
    };
    pl.marine();
    let (cap_min, other_min) = min_population(z);
    let major_min = other_min.saturating_mul(3).max(300_000);
    // the file lists places by population, largest first
    let capitals = map
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.capital && p.population >= cap_min);
    let others = map
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.capital && p.population >= other_min);
    let (major, minor): (Vec<Candidate>, Vec<Candidate>) = capitals
        .chain(others)
        .partition(|(_, p)| p.capital || p.population >= major_min);
    pl.places(&major, true);
    if z >= 1 {
        pl.countries();
    }
    pl.rivers();
    pl.places(&minor, false);
    if z >= 6 {
        pl.provinces();
    }
    let placed = pl.placed;

    let mut by_tile: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
    let max_tile = (1u64 << z.min(24)) as f64 - 1.0;
    for (i, p) in placed.iter().enumerate() {
        let mut b = p.bbox;
        if p.dot > 0.0 {
            let d = f64::from(p.dot) + 1.5;
            b = [
                b[0].min(p.anchor[0] - d),
                b[1].min(p.anchor[1] - d),
                b[2].max(p.anchor[0] + d),
                b[3].max(p.anchor[1] + d),
            ];
        }
        let t = |v: f64| (v / 256.0).floor().clamp(0.0, max_tile) as u32;
        let (x0, x1) = (t(b[0] - INK_MARGIN), t(b[2] + INK_MARGIN));
        let (y0, y1) = (t(b[1] - INK_MARGIN), t(b[3] + INK_MARGIN));
        for y in y0..=y1 {
            for x in x0..=x1 {
                by_tile.entry((x, y)).or_default().push(i as u32);
            }
        }
    }
    let rasters = std::array::from_fn(|_| Mutex::new(HashMap::new()));
    LabelLayer {
        placed,
        by_tile,
        rasters,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placed_labels_do_not_overlap() {
        let map = Basemap::embedded().expect("basemap");
        for z in [4u8, 6, 9] {
            let layer = place(&map, z);
            let boxes: Vec<&Placed> = layer.placed.iter().collect();
            let mut overlaps = 0;
            for (i, a) in boxes.iter().enumerate() {
                assert!(
                    a.bbox[0] < a.bbox[2] && a.bbox[1] < a.bbox[3],
                    "{:?}",
                    a.text
                );
                for b in &boxes[i + 1..] {
                    let (p, q) = (a.bbox, b.bbox);
                    if p[0] < q[2] && q[0] < p[2] && p[1] < q[3] && q[1] < p[3] {
                        if overlaps < 5 {
                            eprintln!(
                                "z{z}: {:?} {:?} / {:?} {:?}",
                                a.text, a.bbox, b.text, b.bbox
                            );
                        }
                        overlaps += 1;
                    }
                }
            }
            assert_eq!(overlaps, 0, "zoom {z}");
        }
    }
}
