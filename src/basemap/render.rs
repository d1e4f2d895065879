//! Rasterising one 256 px Web Mercator tile with tiny-skia.

use tiny_skia::{
    Color, FillRule, LineCap, LineJoin, Paint, Path, PathBuilder, Pixmap, Stroke, StrokeDash,
    Transform,
};
use walkers::TileId;

use super::Basemap;
use super::format::LineKind;
use super::geometry::{Bbox, Line, Polygon, line_index};
use super::labels::{LabelClass, Placed};
use super::style::{MapStyle, Palette};

/// Tile edge in pixels.
pub const TILE_SIZE: u32 = 256;
/// Beyond this zoom, vertices are all drawn and labels are placed as at this zoom's scale.
const MAX_DETAIL_ZOOM: u8 = 14;
/// Geometry within this many pixels outside the tile is still drawn (stroke overhang).
const MARGIN: f64 = 12.0;

/// Where the tile sits in world pixels, and the world box it covers (with margin).
struct View {
    zoom: u8,
    scale: f64,
    ox: f64,
    oy: f64,
    clip: Bbox,
}

impl View {
    fn new(tile: TileId) -> View {
        let zoom = tile.zoom.min(30);
        let scale = f64::from(TILE_SIZE) * 2f64.powi(i32::from(zoom));
        let ox = f64::from(tile.x) * f64::from(TILE_SIZE);
        let oy = f64::from(tile.y) * f64::from(TILE_SIZE);
        let size = f64::from(TILE_SIZE);
        let clip = Bbox {
            min_x: (ox - MARGIN) / scale,
            min_y: (oy - MARGIN) / scale,
            max_x: (ox + size + MARGIN) / scale,
            max_y: (oy + size + MARGIN) / scale,
        };
        View {
            zoom,
            scale,
            ox,
            oy,
            clip,
        }
    }

    fn px(&self, p: [f64; 2]) -> (f32, f32) {
        (
            (p[0] * self.scale - self.ox) as f32,
            (p[1] * self.scale - self.oy) as f32,
        )
    }

    fn detail(&self) -> u8 {
        self.zoom.min(MAX_DETAIL_ZOOM)
    }
}

/// Vertex indices of a chunk to draw at this zoom, in walking order, excluding the
/// chunk's first vertex (the previous chunk's last one).
fn chunk_vertices(
    line: &Line,
    start: usize,
    end: usize,
    reversed: bool,
    z: u8,
) -> impl Iterator<Item = usize> + '_ {
    let (a, b) = (start, end);
    let fwd = (a + 1..=b).filter(move |&i| i == b || line.min_zoom.get(i).is_some_and(|&m| m <= z));
    let bwd = (a..b)
        .rev()
        .filter(move |&i| i == a || line.min_zoom.get(i).is_some_and(|&m| m <= z));
    let (f, r): (Option<_>, Option<_>) = if reversed {
        (None, Some(bwd))
    } else {
        (Some(fwd), None)
    };
    f.into_iter().flatten().chain(r.into_iter().flatten())
}

/// Emit `pts` as an open polyline, or, when `smooth`, as quadratic curves through the
/// midpoints of its segments (softens the angular 1:50m rivers and lakes up close).
fn emit(pb: &mut PathBuilder, pts: &[(f32, f32)], smooth: bool, close: bool) {
    let Some(&(x0, y0)) = pts.first() else {
        return;
    };
    pb.move_to(x0, y0);
    if smooth && pts.len() >= 3 {
        let mid = |a: (f32, f32), b: (f32, f32)| ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
        let (mx, my) = mid(pts[0], pts[1]);
        pb.line_to(mx, my);
        for w in pts[1..].windows(2) {
            let (cx, cy) = w[0];
            let (mx, my) = mid(w[0], w[1]);
            pb.quad_to(cx, cy, mx, my);
        }
        if let Some(&(x, y)) = pts.last() {
            pb.line_to(x, y);
        }
    } else {
        for &(x, y) in &pts[1..] {
            pb.line_to(x, y);
        }
    }
    if close {
        pb.close();
    }
}

/// Append a polygon's rings to `pb`. Unless `smooth`, chunks entirely outside the tile
/// are replaced by their chord: all their points lie in one half-plane outside the tile,
/// so the chord changes nothing inside it. (Smoothed rings are small: never skipped, so
/// that neighbouring tiles draw the same curves.)
fn add_polygon(pb: &mut PathBuilder, lines: &[Line], poly: &Polygon, v: &View, smooth: bool) {
    let z = v.detail();
    let mut pts: Vec<(f32, f32)> = Vec::new();
    for ring in &poly.rings {
        pts.clear();
        for &r in ring {
            let Some(line) = lines.get(line_index(r)) else {
                continue;
            };
            let reversed = r < 0;
            let n_chunks = line.chunks.len();
            for k in 0..n_chunks {
                let c = &line.chunks[if reversed { n_chunks - 1 - k } else { k }];
                let (first, last) = if reversed {
                    (c.end, c.start)
                } else {
                    (c.start, c.end)
                };
                if pts.is_empty() {
                    pts.push(v.px(line.points[first]));
                }
                if !smooth && !c.bbox.intersects(&v.clip) {
                    pts.push(v.px(line.points[last]));
                    continue;
                }
                pts.extend(
                    chunk_vertices(line, c.start, c.end, reversed, z).map(|i| v.px(line.points[i])),
                );
            }
        }
        emit(pb, &pts, smooth, true);
    }
}

/// Append the visible parts of a line to `pb` as open subpaths.
fn add_line(pb: &mut PathBuilder, line: &Line, v: &View, smooth: bool) {
    let z = v.detail();
    let mut pts: Vec<(f32, f32)> = Vec::new();
    for c in &line.chunks {
        if !smooth && !c.bbox.intersects(&v.clip) {
            emit(pb, &pts, smooth, false);
            pts.clear();
            continue;
        }
        if pts.is_empty() {
            pts.push(v.px(line.points[c.start]));
        }
        pts.extend(chunk_vertices(line, c.start, c.end, false, z).map(|i| v.px(line.points[i])));
    }
    emit(pb, &pts, smooth, false);
}

fn paint(color: Color) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color(color);
    p.anti_alias = true;
    p
}

fn stroke(width: f32, dash: Option<(f32, f32)>) -> Stroke {
    Stroke {
        width,
        line_cap: if dash.is_some() {
            LineCap::Butt
        } else {
            LineCap::Round
        },
        line_join: LineJoin::Round,
        dash: dash.and_then(|(on, off)| StrokeDash::new(vec![on, off], 0.0)),
        ..Stroke::default()
    }
}

/// Draw one tile of the basemap. Synchronous; takes a few milliseconds.
pub fn render_tile(map: &Basemap, tile: TileId, style: MapStyle) -> Pixmap {
    let pal = style.palette();
    #[allow(clippy::expect_used)]
    let mut pm = Pixmap::new(TILE_SIZE, TILE_SIZE).expect("256 x 256 is a valid pixmap size");
    pm.fill(pal.water);
    let v = View::new(tile);
    let z = v.zoom;
    let zf = f32::from(z.min(MAX_DETAIL_ZOOM));
    let id = Transform::identity();
    let smooth = z >= 6;

    // Lines crossing the tile, by kind.
    let mut coast = PathBuilder::new();
    let mut border = PathBuilder::new();
    let mut province = PathBuilder::new();
    let mut river = PathBuilder::new();
    let river_min_px = match z {
        0..=2 => f64::INFINITY,
        3 => 500.0,
        4 => 300.0,
        5 => 160.0,
        _ => 0.0,
    };
    for i in map.line_index.query(&v.clip) {
        let Some(line) = map.lines.get(i as usize) else {
            continue;
        };
        if !line.bbox.intersects(&v.clip) {
            continue;
        }
        match line.kind {
            LineKind::Coast => add_line(&mut coast, line, &v, false),
            LineKind::Border => add_line(&mut border, line, &v, false),
            LineKind::Province if z >= 5 => add_line(&mut province, line, &v, false),
            LineKind::River if line.length * v.scale >= river_min_px => {
                add_line(&mut river, line, &v, smooth)
            }
            _ => {}
        }
    }
    let coast = coast.finish();

    // A lighter band of shallow water along the coast.
    if z >= 3
        && let Some(p) = &coast
    {
        let w = (1.5 + zf * 0.7).min(9.0);
        pm.stroke_path(p, &paint(pal.water_glow), &stroke(w, None), id, None);
    }

    // Land: every country polygon in one path, so shared borders leave no seams.
    let mut land = PathBuilder::new();
    for i in map.land_index.query(&v.clip) {
        if let Some(poly) = map.land.get(i as usize)
            && poly.bbox.intersects(&v.clip)
        {
            add_polygon(&mut land, &map.lines, poly, &v, false);
        }
    }
    if let Some(p) = land.finish() {
        pm.fill_path(&p, &paint(pal.land), FillRule::Winding, id, None);
    }

    // Province boundaries go under the lakes, rivers and borders.
    if let Some(p) = province.finish() {
        let (w, dash) = if z >= 7 {
            (0.9, (4.0, 2.5))
        } else {
            (0.7, (3.0, 2.0))
        };
        pm.stroke_path(&p, &paint(pal.province), &stroke(w, Some(dash)), id, None);
    }

    if z >= 2 {
        let mut lakes = PathBuilder::new();
        for i in map.lake_index.query(&v.clip) {
            if let Some(poly) = map.lakes.get(i as usize)
                && poly.bbox.intersects(&v.clip)
            {
                add_polygon(&mut lakes, &map.lines, poly, &v, smooth);
            }
        }
        if let Some(p) = lakes.finish() {
            pm.fill_path(&p, &paint(pal.water), FillRule::EvenOdd, id, None);
            if z >= 4 {
                pm.stroke_path(&p, &paint(pal.coast), &stroke(0.5, None), id, None);
            }
        }
    }

    if let Some(p) = river.finish() {
        let w = (0.3 + zf * 0.14).min(2.0);
        pm.stroke_path(&p, &paint(pal.river), &stroke(w, None), id, None);
    }
    if let Some(p) = &coast {
        let w = (0.45 + zf * 0.08).min(1.1);
        pm.stroke_path(p, &paint(pal.coast), &stroke(w, None), id, None);
    }
    if let Some(p) = border.finish() {
        let w = match z {
            0..=2 => 0.6,
            3..=4 => 0.85,
            5..=6 => 1.0,
            _ => 1.25,
        };
        if z >= 3 {
            pm.stroke_path(
                &p,
                &paint(pal.border_casing),
                &stroke(w * 3.2, None),
                id,
                None,
            );
        }
        pm.stroke_path(&p, &paint(pal.border), &stroke(w, None), id, None);
    }

    draw_labels(map, &mut pm, &v, &pal);
    pm
}

fn draw_labels(map: &Basemap, pm: &mut Pixmap, v: &View, pal: &Palette) {
    if usize::from(v.zoom) >= super::LABEL_ZOOMS {
        return;
    }
    let layer = map.labels(v.zoom);
    let Some(ids) = layer
        .by_tile
        .get(&(v.ox as u32 / TILE_SIZE, v.oy as u32 / TILE_SIZE))
    else {
        return;
    };
    // dots under all text
    for &i in ids {
        if let Some(p) = layer.placed.get(i as usize)
            && p.dot > 0.0
        {
            draw_dot(pm, p, v, pal);
        }
    }
    for &i in ids {
        if let Some(p) = layer.placed.get(i as usize) {
            draw_text(map, pm, p, v, pal);
        }
    }
}

fn draw_dot(pm: &mut Pixmap, p: &Placed, v: &View, pal: &Palette) {
    let (x, y) = ((p.anchor[0] - v.ox) as f32, (p.anchor[1] - v.oy) as f32);
    let capital = matches!(p.class, LabelClass::Place { capital: true });
    if let Some(c) = PathBuilder::from_circle(x, y, p.dot) {
        pm.fill_path(
            &c,
            &paint(pal.dot_ring),
            FillRule::Winding,
            Transform::identity(),
            None,
        );
        let inner = if capital { p.dot - 1.2 } else { p.dot - 0.9 };
        if let Some(ci) = PathBuilder::from_circle(x, y, inner) {
            pm.fill_path(
                &ci,
                &paint(pal.dot),
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
        if capital && let Some(cc) = PathBuilder::from_circle(x, y, 1.1) {
            pm.fill_path(
                &cc,
                &paint(pal.dot_ring),
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }
}

fn draw_text(map: &Basemap, pm: &mut Pixmap, p: &Placed, v: &View, pal: &Palette) {
    let (fill, halo, halo_w, italic) = match p.class {
        LabelClass::Marine(super::labels::RIVER) => (pal.river_text, pal.halo, 2.2, true),
        LabelClass::Marine(_) => (pal.sea_text, pal.sea_halo, 1.6, true),
        LabelClass::Country => (pal.country_text, pal.halo, 2.6, false),
        LabelClass::Province => (pal.province_text, pal.halo, 2.2, false),
        LabelClass::Place { .. } => (pal.city_text, pal.halo, 2.6, false),
    };
    let layout = map.font.layout(&p.text, p.size, p.spacing);
    let mut t = Transform::from_translate((p.center[0] - v.ox) as f32, (p.center[1] - v.oy) as f32)
        .pre_rotate(p.angle);
    if italic {
        t = t.pre_concat(Transform::from_row(1.0, 0.0, -0.2, 1.0, 0.0, 0.0));
    }
    let Some(path): Option<Path> = map.font.label_path(&layout, t) else {
        return;
    };
    pm.stroke_path(
        &path,
        &paint(halo),
        &stroke(halo_w, None),
        Transform::identity(),
        None,
    );
    pm.fill_path(
        &path,
        &paint(fill),
        FillRule::Winding,
        Transform::identity(),
        None,
    );
    if matches!(
        p.class,
        LabelClass::Place { capital: true } | LabelClass::Country
    ) {
        // a touch of weight for the light face
        pm.stroke_path(
            &path,
            &paint(fill),
            &stroke(0.35, None),
            Transform::identity(),
            None,
        );
    }
}
