//! Rasterising one 256 px Web Mercator tile with tiny-skia.

use std::sync::Arc;
use tiny_skia::{
    Color, FillRule, LineCap, LineJoin, Paint, Path, PathBuilder, Pixmap, PixmapPaint, Stroke,
    StrokeDash, Transform,
};

use walkers::TileId;

use super::Basemap;
use super::format::LineKind;
use super::geometry::{Bbox, Line, Polygon, line_index};
use super::labels::{LabelClass, Placed};
use super::style::{MapStyle, Palette};

/// Tile edge in points (pixels at ratio 1).
pub const TILE_SIZE: u32 = 256;
/// The largest pixel ratio drawn.
pub const MAX_RATIO: u32 = 2;
/// Beyond this zoom, vertices are all drawn and labels are placed as at this zoom's scale.
const MAX_DETAIL_ZOOM: u8 = 14;
/// Islands and lakes smaller than this many pixels across are not drawn.
const SPECK_PX: f64 = 1.0;
/// Geometry within this many pixels outside the tile is still drawn (stroke overhang).
const MARGIN: f64 = 12.0;

/// Where the tile sits in world pixels, and the world box it covers (with margin).
#[derive(Clone, Copy)]
struct View {
    zoom: u8,
    scale: f64,
    ox: f64,
    oy: f64,
    clip: Bbox,
    /// Zoom levels of extra simplification (for soft effects like the coastal glow).
    coarser: u8,
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
            coarser: 0,
        }
    }

    fn px(&self, p: [f64; 2]) -> (f32, f32) {
        (
            (p[0] * self.scale - self.ox) as f32,
            (p[1] * self.scale - self.oy) as f32,
        )
    }

    /// Whether something this big is under a pixel across at this zoom (an islet): it is
    /// skipped, fill and outline alike.
    fn speck(&self, b: &Bbox) -> bool {
        b.width().max(b.max_y - b.min_y) * self.scale < SPECK_PX
    }

    /// The zoom whose vertices are drawn. Up to zoom 5 a coarser level (0.6 px
    /// tolerance instead of 0.3 px) halves the work where whole seas fit in a tile.
    fn detail(&self) -> u8 {
        let z = if self.zoom <= 5 {
            self.zoom.saturating_sub(1)
        } else {
            self.zoom.min(MAX_DETAIL_ZOOM)
        };
        z.saturating_sub(self.coarser)
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

/// The visible pieces of a dashed line, each with the length of the line drawn before
/// it (at this zoom's simplification), so that dashes continue across tile edges.
fn dashed_pieces(line: &Line, v: &View) -> Vec<(Path, f32)> {
    let z = v.detail();
    let mut out = Vec::new();
    let mut along = 0.0f64;
    let mut prev: Option<[f64; 2]> = None;
    let mut current: Option<(PathBuilder, f32)> = None;
    let step = |p: [f64; 2], along: &mut f64, prev: &mut Option<[f64; 2]>| {
        let w = [p[0] * v.scale, p[1] * v.scale];
        if let Some(q) = *prev {
            *along += (w[0] - q[0]).hypot(w[1] - q[1]);
        }
        *prev = Some(w);
    };
    for c in &line.chunks {
        let visible = c.bbox.intersects(&v.clip);
        if prev.is_none() {
            step(line.points[c.start], &mut along, &mut prev);
        }
        if visible && current.is_none() {
            let mut pb = PathBuilder::new();
            let (x, y) = v.px(line.points[c.start]);
            pb.move_to(x, y);
            current = Some((pb, along as f32));
        }
        if !visible && let Some((pb, phase)) = current.take() {
            out.extend(pb.finish().map(|p| (p, phase)));
        }
        for i in chunk_vertices(line, c.start, c.end, false, z) {
            step(line.points[i], &mut along, &mut prev);
            if let Some((pb, _)) = current.as_mut() {
                let (x, y) = v.px(line.points[i]);
                pb.line_to(x, y);
            }
        }
    }
    if let Some((pb, phase)) = current {
        out.extend(pb.finish().map(|p| (p, phase)));
    }
    out
}

fn paint(color: Color) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color(color);
    p.anti_alias = true;
    p
}

/// A stroke for map lines: bevel joins and butt caps, which look the same as round ones
/// at these widths and cost far less to tessellate.
fn stroke(width: f32, dash: Option<(f32, f32)>) -> Stroke {
    Stroke {
        width,
        line_cap: LineCap::Butt,
        line_join: LineJoin::Bevel,
        dash: dash.and_then(|(on, off)| StrokeDash::new(vec![on, off], 0.0)),
        ..Stroke::default()
    }
}

/// A round stroke, for text halos.
fn round_stroke(width: f32) -> Stroke {
    Stroke {
        width,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        ..Stroke::default()
    }
}

/// Draw one tile of the basemap. Synchronous; takes a few milliseconds.
pub fn render_tile(map: &Basemap, tile: TileId, style: MapStyle) -> Pixmap {
    render_tile_scaled(map, tile, style, 1)
}

/// Draw one tile with `ratio` (1 or 2) physical pixels per point: a 512 px texture for
/// a 256 point tile on a high-density screen, with the same lines and labels, sharper.
pub fn render_tile_scaled(map: &Basemap, tile: TileId, style: MapStyle, ratio: u32) -> Pixmap {
    let ratio = ratio.clamp(1, MAX_RATIO);
    let pal = style.palette();
    let size = TILE_SIZE * ratio;
    #[allow(clippy::expect_used)]
    let mut pm = Pixmap::new(size, size).expect("256 or 512 px square is a valid pixmap size");
    pm.fill(pal.water);
    let v = View::new(tile);
    let z = v.zoom;
    let zf = f32::from(z.min(MAX_DETAIL_ZOOM));
    // paths are built in points; this takes them (and stroke widths) to pixels
    let id = Transform::from_scale(ratio as f32, ratio as f32);
    let smooth = z >= 6;

    // Lines crossing the tile, by kind.
    let mut coast = PathBuilder::new();
    let mut coast_lines: Vec<&Line> = Vec::new();
    let mut border = PathBuilder::new();
    let mut provinces: Vec<&Line> = Vec::new();
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
        // an islet's coast goes with its fill
        if !line.bbox.intersects(&v.clip) || (line.kind == LineKind::Coast && v.speck(&line.bbox)) {
            continue;
        }
        match line.kind {
            LineKind::Coast => {
                add_line(&mut coast, line, &v, false);
                coast_lines.push(line);
            }
            LineKind::Border => add_line(&mut border, line, &v, false),
            LineKind::Province if z >= 5 => provinces.push(line),
            LineKind::River if line.length * v.scale >= river_min_px => {
                add_line(&mut river, line, &v, smooth)
            }
            _ => {}
        }
    }
    let coast = coast.finish();

    // A lighter band of shallow water along the coast, from coarser lines (it is soft:
    // a pixel of precision buys nothing and costs half the tile).
    if z >= 3 && coast.is_some() {
        let vg = View { coarser: 2, ..v };
        let mut glow = PathBuilder::new();
        for &line in &coast_lines {
            add_line(&mut glow, line, &vg, false);
        }
        if let Some(p) = glow.finish() {
            let w = (1.5 + zf * 0.7).min(9.0);
            pm.stroke_path(&p, &paint(pal.water_glow), &stroke(w, None), id, None);
        }
    }

    // Land: every country polygon in one path, so shared borders leave no seams.
    let mut land = PathBuilder::new();
    for i in map.land_index.query(&v.clip) {
        if let Some(poly) = map.land.get(i as usize)
            && poly.bbox.intersects(&v.clip)
            && !v.speck(&poly.bbox)
        {
            add_polygon(&mut land, &map.lines, poly, &v, false);
        }
    }
    if let Some(p) = land.finish() {
        pm.fill_path(&p, &paint(pal.land), FillRule::Winding, id, None);
    }

    // Province boundaries go under the lakes, rivers and borders.
    if !provinces.is_empty() {
        let (w, dash) = if z >= 7 {
            (0.9, (4.0, 2.5))
        } else {
            (0.7, (3.0, 2.0))
        };
        let pp = paint(pal.province);
        for line in provinces {
            for (path, phase) in dashed_pieces(line, &v) {
                let mut st = stroke(w, None);
                st.dash = StrokeDash::new(vec![dash.0, dash.1], phase % (dash.0 + dash.1));
                pm.stroke_path(&path, &pp, &st, id, None);
            }
        }
    }

    if z >= 2 {
        let mut lakes = PathBuilder::new();
        for i in map.lake_index.query(&v.clip) {
            if let Some(poly) = map.lakes.get(i as usize)
                && poly.bbox.intersects(&v.clip)
                && !v.speck(&poly.bbox)
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

    draw_labels(map, &mut pm, &v, style, ratio);
    pm
}

/// A label drawn once (dot, halo and text) and blitted into every tile it touches, so
/// that its pieces match exactly across tile edges.
pub struct LabelRaster {
    pixmap: Pixmap,
    /// World position of the raster's top-left corner, in physical pixels.
    x: i64,
    y: i64,
}

/// Drawn labels kept per zoom, style and ratio (a few KiB each) before the cache is emptied.
const MAX_CACHED_LABELS: usize = 4096;
/// Ink margin around a label's box: halo, anti-aliasing, the italic slant.
const RASTER_MARGIN: f64 = 4.0;

fn label_raster(map: &Basemap, p: &Placed, style: MapStyle, ratio: u32) -> Option<LabelRaster> {
    let pal = style.palette();
    let r = f64::from(ratio);
    let mut b = p.bbox;
    if p.dot > 0.0 {
        let d = f64::from(p.dot) + 1.0;
        b = [
            b[0].min(p.anchor[0] - d),
            b[1].min(p.anchor[1] - d),
            b[2].max(p.anchor[0] + d),
            b[3].max(p.anchor[1] + d),
        ];
    }
    let x = ((b[0] - RASTER_MARGIN) * r).floor();
    let y = ((b[1] - RASTER_MARGIN) * r).floor();
    let w = (((b[2] + RASTER_MARGIN) * r).ceil() - x).clamp(1.0, 8192.0) as u32;
    let h = (((b[3] + RASTER_MARGIN) * r).ceil() - y).clamp(1.0, 8192.0) as u32;
    let mut pm = Pixmap::new(w, h)?;
    let origin = (x / r, y / r);
    let to_px = Transform::from_scale(ratio as f32, ratio as f32);
    if p.dot > 0.0 {
        draw_dot(&mut pm, p, origin, to_px, &pal);
    }
    draw_text(map, &mut pm, p, origin, to_px, &pal);
    Some(LabelRaster {
        pixmap: pm,
        x: x as i64,
        y: y as i64,
    })
}

fn draw_labels(map: &Basemap, pm: &mut Pixmap, v: &View, style: MapStyle, ratio: u32) {
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
    let slot = match style {
        MapStyle::Light => 0,
        MapStyle::Dark => 1,
    } + 2 * (ratio.clamp(1, MAX_RATIO) as usize - 1);
    let Some(cache) = layer.rasters.get(slot) else {
        return;
    };
    let (ox, oy) = (
        v.ox as i64 * i64::from(ratio),
        v.oy as i64 * i64::from(ratio),
    );
    for &i in ids {
        let Some(p) = layer.placed.get(i as usize) else {
            continue;
        };
        let hit = cache.lock().ok().and_then(|c| c.get(&i).cloned());
        let raster = match hit {
            Some(r) => r,
            None => {
                // Drawn outside the lock; two threads may both draw it, identically.
                let Some(r) = label_raster(map, p, style, ratio) else {
                    continue;
                };
                let r = Arc::new(r);
                if let Ok(mut c) = cache.lock() {
                    if c.len() >= MAX_CACHED_LABELS {
                        c.clear();
                    }
                    c.insert(i, Arc::clone(&r));
                }
                r
            }
        };
        pm.draw_pixmap(
            (raster.x - ox) as i32,
            (raster.y - oy) as i32,
            raster.pixmap.as_ref(),
            &PixmapPaint::default(),
            Transform::identity(),
            None,
        );
    }
}

fn draw_dot(pm: &mut Pixmap, p: &Placed, origin: (f64, f64), to_px: Transform, pal: &Palette) {
    let (x, y) = (
        (p.anchor[0] - origin.0) as f32,
        (p.anchor[1] - origin.1) as f32,
    );
    let capital = matches!(p.class, LabelClass::Place { capital: true });
    if let Some(c) = PathBuilder::from_circle(x, y, p.dot) {
        pm.fill_path(&c, &paint(pal.dot_ring), FillRule::Winding, to_px, None);
        let inner = if capital { p.dot - 1.2 } else { p.dot - 0.9 };
        if let Some(ci) = PathBuilder::from_circle(x, y, inner) {
            pm.fill_path(&ci, &paint(pal.dot), FillRule::Winding, to_px, None);
        }
        if capital && let Some(cc) = PathBuilder::from_circle(x, y, 1.1) {
            pm.fill_path(&cc, &paint(pal.dot_ring), FillRule::Winding, to_px, None);
        }
    }
}

fn draw_text(
    map: &Basemap,
    pm: &mut Pixmap,
    p: &Placed,
    origin: (f64, f64),
    to_px: Transform,
    pal: &Palette,
) {
    let (fill, halo, halo_w, italic) = match p.class {
        LabelClass::Marine(super::labels::RIVER) => (pal.river_text, pal.halo, 2.2, true),
        LabelClass::Marine(_) => (pal.sea_text, pal.sea_halo, 1.6, true),
        LabelClass::Country => (pal.country_text, pal.halo, 2.6, false),
        LabelClass::Province => (pal.province_text, pal.halo, 2.2, false),
        LabelClass::Place { .. } => (pal.city_text, pal.halo, 2.6, false),
    };
    let layout = map.font.layout(&p.text, p.size, p.spacing);
    let mut t = Transform::from_translate(
        (p.center[0] - origin.0) as f32,
        (p.center[1] - origin.1) as f32,
    )
    .pre_rotate(p.angle);
    if italic {
        t = t.pre_concat(Transform::from_row(1.0, 0.0, -0.2, 1.0, 0.0, 0.0));
    }
    let Some(path): Option<Path> = map.font.label_path(&layout, t) else {
        return;
    };
    pm.stroke_path(&path, &paint(halo), &round_stroke(halo_w), to_px, None);
    pm.fill_path(&path, &paint(fill), FillRule::Winding, to_px, None);
    if matches!(
        p.class,
        LabelClass::Place { capital: true } | LabelClass::Country
    ) {
        // a touch of weight for the light face
        pm.stroke_path(&path, &paint(fill), &stroke(0.35, None), to_px, None);
    }
}
