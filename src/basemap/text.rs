//! Text: measuring and outlining labels with the font egui ships (Ubuntu Light), so that
//! labels can be rotated, slanted and haloed like any other vector shape.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use ab_glyph::{Font as _, FontRef, GlyphId, OutlineCurve};
use tiny_skia::{Path, PathBuilder, Transform};

use super::BasemapError;

/// Line height as a multiple of the font size.
const LINE_HEIGHT: f32 = 1.15;

/// A font with a cache of glyph outlines.
pub struct Font {
    font: FontRef<'static>,
    units_per_em: f32,
    /// Height of a capital letter, in em.
    cap_height: f32,
    glyphs: Mutex<HashMap<GlyphId, Option<Arc<Path>>>>,
}

/// A laid-out label: glyphs with their pen positions, in pixels, centred on the origin.
pub struct Layout {
    pub glyphs: Vec<(GlyphId, f32, f32)>,
    pub width: f32,
    pub height: f32,
    pub size: f32,
}

impl Font {
    /// The font egui ships as its proportional face.
    pub fn ubuntu_light() -> Result<Font, BasemapError> {
        let font = FontRef::try_from_slice(epaint_default_fonts::UBUNTU_LIGHT)
            .map_err(|_| BasemapError::Font)?;
        let units_per_em = font.units_per_em().unwrap_or(1000.0);
        let cap_height = font
            .outline(font.glyph_id('H'))
            .map(|o| o.bounds.height().abs() / units_per_em)
            .unwrap_or(0.7);
        Ok(Font {
            font,
            units_per_em,
            cap_height,
            glyphs: Mutex::new(HashMap::new()),
        })
    }

    /// Lay out `text` (lines split at `\n`) at `size` px with extra `spacing` em between
    /// letters. The block is centred on the origin; baselines are placed so that capitals
    /// are centred vertically on each line.
    pub fn layout(&self, text: &str, size: f32, spacing: f32) -> Layout {
        let scale = size / self.units_per_em;
        let lines: Vec<&str> = text.split('\n').collect();
        let mut widths = Vec::with_capacity(lines.len());
        let mut runs = Vec::with_capacity(lines.len());
        for line in &lines {
            let mut x = 0.0f32;
            let mut prev: Option<GlyphId> = None;
            let mut run = Vec::new();
            for ch in line.chars() {
                let id = self.font.glyph_id(ch);
                if let Some(p) = prev {
                    x += self.font.kern_unscaled(p, id) * scale + spacing * size;
                }
                run.push((id, x));
                x += self.font.h_advance_unscaled(id) * scale;
                prev = Some(id);
            }
            widths.push(x);
            runs.push(run);
        }
        let width = widths.iter().copied().fold(0.0, f32::max);
        let line_h = size * LINE_HEIGHT;
        let height = line_h * (lines.len() as f32 - 1.0) + size * self.cap_height;
        let mut glyphs = Vec::new();
        for (i, (run, w)) in runs.into_iter().zip(widths).enumerate() {
            let baseline = -height / 2.0 + size * self.cap_height + i as f32 * line_h;
            for (id, x) in run {
                glyphs.push((id, x - w / 2.0, baseline));
            }
        }
        Layout {
            glyphs,
            width,
            height,
            size,
        }
    }

    /// The outline of a laid-out label, transformed by `t` (from label space to pixels).
    pub fn label_path(&self, layout: &Layout, t: Transform) -> Option<Path> {
        let scale = layout.size / self.units_per_em;
        let mut pb = PathBuilder::new();
        for &(id, x, y) in &layout.glyphs {
            let Some(glyph) = self.glyph(id) else {
                continue;
            };
            let gt = t.pre_translate(x, y).pre_scale(scale, -scale);
            if let Some(p) = glyph.as_ref().clone().transform(gt) {
                pb.push_path(&p);
            }
        }
        pb.finish()
    }

    fn glyph(&self, id: GlyphId) -> Option<Arc<Path>> {
        if let Ok(cache) = self.glyphs.lock()
            && let Some(hit) = cache.get(&id)
        {
            return hit.clone();
        }
        let path = self.font.outline(id).and_then(|o| {
            let mut pb = PathBuilder::new();
            let mut last: Option<ab_glyph::Point> = None;
            for c in &o.curves {
                let start = match c {
                    OutlineCurve::Line(a, _)
                    | OutlineCurve::Quad(a, _, _)
                    | OutlineCurve::Cubic(a, _, _, _) => *a,
                };
                if last != Some(start) {
                    if last.is_some() {
                        pb.close();
                    }
                    pb.move_to(start.x, start.y);
                }
                last = Some(match c {
                    OutlineCurve::Line(_, b) => {
                        pb.line_to(b.x, b.y);
                        *b
                    }
                    OutlineCurve::Quad(_, b, c) => {
                        pb.quad_to(b.x, b.y, c.x, c.y);
                        *c
                    }
                    OutlineCurve::Cubic(_, b, c, d) => {
                        pb.cubic_to(b.x, b.y, c.x, c.y, d.x, d.y);
                        *d
                    }
                });
            }
            if last.is_some() {
                pb.close();
            }
            pb.finish().map(Arc::new)
        });
        if let Ok(mut cache) = self.glyphs.lock() {
            cache.insert(id, path.clone());
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lays_out_and_outlines() {
        let font = Font::ubuntu_light().expect("bundled font parses");
        let l = font.layout("Red Sea", 12.0, 0.0);
        assert!(l.width > 30.0 && l.width < 60.0, "{}", l.width);
        assert!(font.label_path(&l, Transform::identity()).is_some());
        let two = font.layout("Caspian\nSea", 12.0, 0.0);
        assert!(two.height > l.height * 1.8);
    }
}
