//! Pre-projected geometry: polylines cut into chunks with bounding boxes, and polygons
//! made of references to polylines (a topology: shared borders are stored once).

use super::format::{LineKind, RawLine, RawPolygon};

/// Vertices per chunk. A tile skips whole chunks that lie outside it.
const CHUNK: usize = 32;

/// Axis-aligned box in Web Mercator units (`[0, 1]`, y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bbox {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

impl Bbox {
    /// A box that contains nothing; `extend` grows it.
    pub const EMPTY: Bbox = Bbox {
        min_x: f64::INFINITY,
        min_y: f64::INFINITY,
        max_x: f64::NEG_INFINITY,
        max_y: f64::NEG_INFINITY,
    };

    /// Grow the box to contain `p`.
    pub fn extend(&mut self, p: [f64; 2]) {
        self.min_x = self.min_x.min(p[0]);
        self.min_y = self.min_y.min(p[1]);
        self.max_x = self.max_x.max(p[0]);
        self.max_y = self.max_y.max(p[1]);
    }

    /// Grow the box to contain `other`.
    pub fn union(&mut self, other: &Bbox) {
        self.min_x = self.min_x.min(other.min_x);
        self.min_y = self.min_y.min(other.min_y);
        self.max_x = self.max_x.max(other.max_x);
        self.max_y = self.max_y.max(other.max_y);
    }

    /// Whether the boxes overlap (touching counts).
    pub fn intersects(&self, o: &Bbox) -> bool {
        self.min_x <= o.max_x
            && o.min_x <= self.max_x
            && self.min_y <= o.max_y
            && o.min_y <= self.max_y
    }

    /// Whether `p` is inside (edges included).
    pub fn contains(&self, p: [f64; 2]) -> bool {
        p[0] >= self.min_x && p[0] <= self.max_x && p[1] >= self.min_y && p[1] <= self.max_y
    }

    /// Width in Mercator units.
    pub fn width(&self) -> f64 {
        self.max_x - self.min_x
    }
}

/// A run of consecutive vertices `start..=end` of a line, with its bounding box.
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub bbox: Bbox,
}

/// A polyline in Web Mercator units.
pub struct Line {
    pub kind: LineKind,
    pub points: Vec<[f64; 2]>,
    /// The first zoom at which each vertex is drawn (Douglas-Peucker significance).
    pub min_zoom: Vec<u8>,
    pub chunks: Vec<Chunk>,
    pub bbox: Bbox,
    /// Length in Mercator units.
    pub length: f64,
}

impl Line {
    /// Index a decoded line.
    pub fn new(raw: RawLine) -> Line {
        let RawLine {
            kind,
            points,
            min_zoom,
        } = raw;
        let mut chunks = Vec::new();
        let mut bbox = Bbox::EMPTY;
        let n = points.len();
        let mut start = 0;
        while start + 1 < n {
            let end = (start + CHUNK).min(n - 1);
            let mut b = Bbox::EMPTY;
            for p in &points[start..=end] {
                b.extend(*p);
            }
            bbox.union(&b);
            chunks.push(Chunk {
                start,
                end,
                bbox: b,
            });
            start = end;
        }
        if let Some(p) = points.first() {
            bbox.extend(*p);
        }
        let length = points
            .windows(2)
            .map(|w| (w[1][0] - w[0][0]).hypot(w[1][1] - w[0][1]))
            .sum();
        Line {
            kind,
            points,
            min_zoom,
            chunks,
            bbox,
            length,
        }
    }
}

/// A polygon: rings of signed line references (`!i` = line `i` walked backwards).
pub struct Polygon {
    pub rings: RawPolygon,
    pub bbox: Bbox,
}

impl Polygon {
    /// Build a polygon and compute its box from its lines.
    pub fn new(rings: RawPolygon, lines: &[Line]) -> Polygon {
        let mut bbox = Bbox::EMPTY;
        for ring in &rings {
            for &r in ring {
                if let Some(l) = lines.get(line_index(r)) {
                    bbox.union(&l.bbox);
                }
            }
        }
        Polygon { rings, bbox }
    }

    /// Whether the point is inside (even-odd over all rings), at full resolution.
    pub fn contains(&self, lines: &[Line], p: [f64; 2]) -> bool {
        if !self.bbox.contains(p) {
            return false;
        }
        let mut inside = false;
        for ring in &self.rings {
            for &r in ring {
                let Some(line) = lines.get(line_index(r)) else {
                    continue;
                };
                for c in &line.chunks {
                    // A ray to the east crosses nothing of a chunk outside its band or
                    // entirely west of the point.
                    if p[1] < c.bbox.min_y || p[1] > c.bbox.max_y || p[0] > c.bbox.max_x {
                        continue;
                    }
                    for w in line.points[c.start..=c.end].windows(2) {
                        let (a, b) = (w[0], w[1]);
                        if (a[1] > p[1]) != (b[1] > p[1]) {
                            let x = a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
                            if p[0] < x {
                                inside = !inside;
                            }
                        }
                    }
                }
            }
        }
        inside
    }
}

/// The line index of a signed reference.
pub fn line_index(r: i64) -> usize {
    if r < 0 { (!r) as usize } else { r as usize }
}

/// Longitude/latitude in degrees to Web Mercator in `[0, 1]` (y down).
pub fn mercator(lon: f64, lat: f64) -> [f64; 2] {
    let lat = lat.clamp(-85.051_128_78, 85.051_128_78);
    let x = (lon + 180.0) / 360.0;
    let s = lat.to_radians().sin();
    let y = 0.5 - ((1.0 + s) / (1.0 - s)).ln() / (4.0 * std::f64::consts::PI);
    [x.clamp(0.0, 1.0), y.clamp(0.0, 1.0)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mercator_corners() {
        let p = mercator(0.0, 0.0);
        assert!((p[0] - 0.5).abs() < 1e-12 && (p[1] - 0.5).abs() < 1e-12);
        let p = mercator(-180.0, 85.051_128_78);
        assert!(p[0].abs() < 1e-12 && p[1].abs() < 1e-6);
    }

    #[test]
    fn square_contains() {
        let pts = vec![[0.1, 0.1], [0.2, 0.1], [0.2, 0.2], [0.1, 0.2], [0.1, 0.1]];
        let line = Line::new(RawLine {
            kind: LineKind::Coast,
            min_zoom: vec![0; pts.len()],
            points: pts,
        });
        let lines = vec![line];
        let poly = Polygon::new(vec![vec![0]], &lines);
        assert!(poly.contains(&lines, [0.15, 0.15]));
        assert!(!poly.contains(&lines, [0.25, 0.15]));
        assert!(!poly.contains(&lines, [0.05, 0.15]));
    }
}
