//! Decoder for the embedded basemap file written by `scripts/build_basemap.py`.
//!
//! The file is gzip-compressed. Inside, after the magic `CMBM` and a varint version,
//! come these sections, in order (varint = LEB128, svarint = zigzag LEB128):
//!
//! 1. lines: count; each line is a kind byte ([`LineKind`]), a vertex count, then per
//!    vertex `svarint dx, svarint dy, u8 min_zoom`. Coordinates are Web Mercator on a
//!    2^24 grid, delta-encoded against the previous vertex of the whole section.
//! 2. countries: count; each is ISO alpha-3, name, label x, label y, then polygons:
//!    count; rings: count; line refs: count, each an svarint (`!i` = line `i` reversed).
//! 3. lakes: count of polygons, encoded like a country's polygons.
//! 4. rivers, then province boundaries: count, then varint line ids.
//! 5. province labels: count; name, x, y, f32 area (Mercator units squared).
//! 6. places: count; name, x, y, population, u8 flags (bit 0: capital).
//! 7. marine labels: count; name, x, y, f32 angle (degrees), u8 min zoom, u8 max zoom,
//!    u8 size class.

use std::io::Read;

use super::BasemapError;

/// Grid size of the quantised Web Mercator coordinates.
pub const QUANT: f64 = (1u32 << 24) as f64;

const MAGIC: &[u8; 4] = b"CMBM";
const VERSION: u64 = 1;
/// The decompressed file is a few MB; refuse anything absurd.
const MAX_RAW_BYTES: u64 = 64 << 20;

/// What a line is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Only an edge of a fill; never stroked (e.g. a 1:50m edge next to a 1:10m country).
    None,
    /// A coastline (country polygon edge with sea on one side).
    Coast,
    /// An international border.
    Border,
    /// A first-level administrative boundary.
    Province,
    /// A river centre line.
    River,
    /// A lake shore.
    Lake,
}

impl LineKind {
    fn from_byte(b: u8) -> Result<Self, BasemapError> {
        Ok(match b {
            0 => Self::None,
            1 => Self::Coast,
            2 => Self::Border,
            3 => Self::Province,
            4 => Self::River,
            5 => Self::Lake,
            _ => return Err(BasemapError::Corrupt("unknown line kind")),
        })
    }
}

/// A decoded polyline: Mercator points in `[0, 1]` and the zoom from which each is drawn.
pub struct RawLine {
    pub kind: LineKind,
    pub points: Vec<[f64; 2]>,
    pub min_zoom: Vec<u8>,
}

/// A polygon as rings of signed line references (`!i` means line `i` reversed).
pub type RawPolygon = Vec<Vec<i64>>;

/// A decoded country.
pub struct RawCountry {
    pub iso3: String,
    pub name: String,
    pub label: [f64; 2],
    pub polygons: Vec<RawPolygon>,
}

/// A decoded point label (province, place or marine name).
pub struct RawLabel {
    pub name: String,
    pub pos: [f64; 2],
    pub population: u64,
    pub capital: bool,
    pub area: f32,
    pub angle: f32,
    pub min_zoom: u8,
    pub max_zoom: u8,
    pub size: u8,
}

/// Everything in the file, before indexing.
pub struct RawBasemap {
    pub lines: Vec<RawLine>,
    pub countries: Vec<RawCountry>,
    pub lakes: Vec<RawPolygon>,
    pub province_labels: Vec<RawLabel>,
    pub places: Vec<RawLabel>,
    pub marine: Vec<RawLabel>,
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn u8(&mut self) -> Result<u8, BasemapError> {
        let b = *self
            .data
            .get(self.pos)
            .ok_or(BasemapError::Corrupt("truncated"))?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, BasemapError> {
        let mut v = 0u64;
        let mut shift = 0u32;
        loop {
            let b = self.u8()?;
            if shift >= 64 {
                return Err(BasemapError::Corrupt("varint overflow"));
            }
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
        }
    }

    fn svarint(&mut self) -> Result<i64, BasemapError> {
        let v = self.varint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    /// A count, bounded by the bytes left so that a corrupt count cannot allocate wildly.
    fn count(&mut self) -> Result<usize, BasemapError> {
        let n = self.varint()?;
        let left = (self.data.len() - self.pos) as u64;
        if n > left.saturating_add(1) {
            return Err(BasemapError::Corrupt("count larger than the data"));
        }
        Ok(n as usize)
    }

    fn string(&mut self) -> Result<String, BasemapError> {
        let n = self.count()?;
        let bytes = self
            .data
            .get(self.pos..self.pos + n)
            .ok_or(BasemapError::Corrupt("truncated string"))?;
        self.pos += n;
        String::from_utf8(bytes.to_vec()).map_err(|_| BasemapError::Corrupt("invalid UTF-8"))
    }

    fn f32(&mut self) -> Result<f32, BasemapError> {
        let bytes = self
            .data
            .get(self.pos..self.pos + 4)
            .ok_or(BasemapError::Corrupt("truncated f32"))?;
        self.pos += 4;
        let mut a = [0u8; 4];
        a.copy_from_slice(bytes);
        Ok(f32::from_le_bytes(a))
    }

    fn coord(&mut self) -> Result<[f64; 2], BasemapError> {
        let x = self.varint()? as f64 / QUANT;
        let y = self.varint()? as f64 / QUANT;
        Ok([x, y])
    }

    fn polygon(&mut self, n_lines: usize) -> Result<RawPolygon, BasemapError> {
        let n_rings = self.count()?;
        let mut rings = Vec::with_capacity(n_rings);
        for _ in 0..n_rings {
            let n = self.count()?;
            let mut ring = Vec::with_capacity(n);
            for _ in 0..n {
                let r = self.svarint()?;
                let idx = if r < 0 { !r } else { r };
                if idx as usize >= n_lines {
                    return Err(BasemapError::Corrupt("line reference out of range"));
                }
                ring.push(r);
            }
            rings.push(ring);
        }
        Ok(rings)
    }
}

/// Decompress and decode the basemap file.
pub fn decode(gz: &[u8]) -> Result<RawBasemap, BasemapError> {
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(gz)
        .take(MAX_RAW_BYTES)
        .read_to_end(&mut raw)
        .map_err(|e| BasemapError::Decompress(e.to_string()))?;
    let mut r = Reader { data: &raw, pos: 0 };
    let magic = raw.get(0..4).ok_or(BasemapError::Corrupt("no header"))?;
    if magic != MAGIC {
        return Err(BasemapError::Corrupt("bad magic"));
    }
    r.pos = 4;
    let version = r.varint()?;
    if version != VERSION {
        return Err(BasemapError::Version(version));
    }

    let n_lines = r.count()?;
    let mut lines = Vec::with_capacity(n_lines);
    let (mut px, mut py) = (0i64, 0i64);
    for _ in 0..n_lines {
        let kind = LineKind::from_byte(r.u8()?)?;
        let n = r.count()?;
        let mut points = Vec::with_capacity(n);
        let mut min_zoom = Vec::with_capacity(n);
        for _ in 0..n {
            px += r.svarint()?;
            py += r.svarint()?;
            min_zoom.push(r.u8()?);
            points.push([px as f64 / QUANT, py as f64 / QUANT]);
        }
        lines.push(RawLine {
            kind,
            points,
            min_zoom,
        });
    }

    let n = r.count()?;
    let mut countries = Vec::with_capacity(n);
    for _ in 0..n {
        let iso3 = r.string()?;
        let name = r.string()?;
        let label = r.coord()?;
        let n_polys = r.count()?;
        let mut polygons = Vec::with_capacity(n_polys);
        for _ in 0..n_polys {
            polygons.push(r.polygon(n_lines)?);
        }
        countries.push(RawCountry {
            iso3,
            name,
            label,
            polygons,
        });
    }

    let n = r.count()?;
    let mut lakes = Vec::with_capacity(n);
    for _ in 0..n {
        lakes.push(r.polygon(n_lines)?);
    }

    let mut id_lists = [Vec::new(), Vec::new()];
    for list in &mut id_lists {
        let n = r.count()?;
        for _ in 0..n {
            let id = r.varint()? as usize;
            if id >= n_lines {
                return Err(BasemapError::Corrupt("line id out of range"));
            }
            list.push(id);
        }
    }
    // The river and province lists repeat what the line kinds say; they are checked
    // above and otherwise unused.
    drop(id_lists);

    let blank = |name: String, pos: [f64; 2]| RawLabel {
        name,
        pos,
        population: 0,
        capital: false,
        area: 0.0,
        angle: 0.0,
        min_zoom: 0,
        max_zoom: u8::MAX,
        size: 0,
    };

    let n = r.count()?;
    let mut province_labels = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.string()?;
        let pos = r.coord()?;
        let mut l = blank(name, pos);
        l.area = r.f32()?;
        province_labels.push(l);
    }

    let n = r.count()?;
    let mut places = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.string()?;
        let pos = r.coord()?;
        let mut l = blank(name, pos);
        l.population = r.varint()?;
        l.capital = r.u8()? & 1 == 1;
        places.push(l);
    }

    let n = r.count()?;
    let mut marine = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.string()?;
        let pos = r.coord()?;
        let mut l = blank(name, pos);
        l.angle = r.f32()?;
        l.min_zoom = r.u8()?;
        l.max_zoom = r.u8()?;
        l.size = r.u8()?;
        marine.push(l);
    }

    Ok(RawBasemap {
        lines,
        countries,
        lakes,
        province_labels,
        places,
        marine,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_garbage() {
        assert!(decode(b"not gzip").is_err());
        assert!(decode(&[]).is_err());
    }

    #[test]
    fn zigzag_round_trip() {
        let mut r = Reader {
            data: &[0x03, 0x04, 0x80, 0x01],
            pos: 0,
        };
        assert_eq!(r.svarint().ok(), Some(-2));
        assert_eq!(r.svarint().ok(), Some(2));
        assert_eq!(r.varint().ok(), Some(128));
    }
}
