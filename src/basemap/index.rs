//! A uniform grid over the Web Mercator square: which items' boxes touch each cell, so a
//! tile only visits the geometry that crosses it.

use super::geometry::Bbox;

/// Cells per side (2^6: one cell per tile at zoom 6).
const SIDE: usize = 64;

/// Grid index of item boxes.
pub struct GridIndex {
    cells: Vec<Vec<u32>>,
}

fn cell_range(min: f64, max: f64) -> (usize, usize) {
    let lo = (min * SIDE as f64).floor().clamp(0.0, (SIDE - 1) as f64) as usize;
    let hi = (max * SIDE as f64).floor().clamp(0.0, (SIDE - 1) as f64) as usize;
    (lo, hi.max(lo))
}

impl GridIndex {
    /// Index the boxes; item `i` is `boxes[i]`.
    pub fn new<'a>(boxes: impl IntoIterator<Item = &'a Bbox>) -> GridIndex {
        let mut cells = vec![Vec::new(); SIDE * SIDE];
        for (i, b) in boxes.into_iter().enumerate() {
            if !(b.min_x <= b.max_x && b.min_y <= b.max_y) {
                continue;
            }
            let (x0, x1) = cell_range(b.min_x, b.max_x);
            let (y0, y1) = cell_range(b.min_y, b.max_y);
            for y in y0..=y1 {
                for x in x0..=x1 {
                    cells[y * SIDE + x].push(i as u32);
                }
            }
        }
        GridIndex { cells }
    }

    /// Items whose cells touch `b`, ascending and without repeats (a superset of the items
    /// whose boxes intersect `b`).
    pub fn query(&self, b: &Bbox) -> Vec<u32> {
        let (x0, x1) = cell_range(b.min_x, b.max_x);
        let (y0, y1) = cell_range(b.min_y, b.max_y);
        let mut out = Vec::new();
        for y in y0..=y1 {
            for x in x0..=x1 {
                out.extend_from_slice(&self.cells[y * SIDE + x]);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_touching_items_only() {
        let boxes = [
            Bbox {
                min_x: 0.1,
                min_y: 0.1,
                max_x: 0.11,
                max_y: 0.11,
            },
            Bbox {
                min_x: 0.8,
                min_y: 0.8,
                max_x: 0.9,
                max_y: 0.9,
            },
            Bbox {
                min_x: 0.0,
                min_y: 0.0,
                max_x: 1.0,
                max_y: 1.0,
            },
        ];
        let idx = GridIndex::new(boxes.iter());
        let q = Bbox {
            min_x: 0.85,
            min_y: 0.85,
            max_x: 0.86,
            max_y: 0.86,
        };
        assert_eq!(idx.query(&q), vec![1, 2]);
    }
}
