#!/usr/bin/env python3
"""Checks that a chronomap screenshot is a real rendering.

Usage: check_screenshot.py OUT.png --size WIDTHxHEIGHT

It checks that the PNG has the window's size, is not blank (it has many colours and
contrast), shows the event markers (pixels in the display colours of the actors that lead
the built-in events), and that the map area shows the offline basemap: both land and
water in the colours of its light or dark style. Only the Python standard library is used, so CI needs nothing else.
"""

import argparse
import json
import pathlib
import struct
import sys
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def read_png(path):
    """Returns (width, height, rows of (r, g, b) tuples) for an 8-bit RGB/RGBA PNG."""
    data = pathlib.Path(path).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG file")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    if header is None:
        raise ValueError(f"{path} has no IHDR chunk")
    width, height, depth, color_type, _, _, interlace = header
    if depth != 8 or color_type not in (2, 6) or interlace:
        raise ValueError(f"{path}: only 8-bit non-interlaced RGB/RGBA is supported")
    channels = 4 if color_type == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append([tuple(line[x * channels:x * channels + 3]) for x in range(width)])
        prev = line
    return width, height, rows


# The basemap's land and water colours (src/basemap/style.rs), light and dark.
BASEMAP_STYLES = {
    "light": {"land": (243, 240, 232), "water": (170, 200, 223)},
    "dark": {"land": (44, 47, 52), "water": (22, 36, 52)},
}


def near(pixel, colour, tolerance=6):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


def land_and_water(rows, width, height):
    """Share of the map area (top left, clear of the panels) in each style's colours."""
    shares = {}
    x_range = range(0, int(width * 0.6), 3)
    y_range = range(int(height * 0.08), int(height * 0.55), 3)
    total = len(x_range) * len(y_range)
    for name, colours in BASEMAP_STYLES.items():
        counts = {"land": 0, "water": 0}
        for y in y_range:
            row = rows[y]
            for x in x_range:
                for kind, colour in colours.items():
                    if near(row[x], colour):
                        counts[kind] += 1
        shares[name] = {kind: n / total for kind, n in counts.items()}
    return shares


def lead_colours():
    """The colours of the actors that lead at least one built-in event."""
    actors = {a["id"]: a["color"] for a in json.loads((ROOT / "assets/actors.json").read_text())}
    events = json.loads((ROOT / "assets/events.geojson").read_text())["features"]
    leads = {f["properties"]["initiators"][0] for f in events if f["properties"].get("initiators")}
    colours = {}
    for actor in sorted(leads):
        hex_colour = actors[actor].lstrip("#")
        colours[actor] = tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return colours


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("png")
    parser.add_argument("--size", required=True, help="expected WIDTHxHEIGHT")
    args = parser.parse_args()
    want_w, want_h = (int(v) for v in args.size.lower().split("x"))

    width, height, rows = read_png(args.png)
    failures = []
    if (width, height) != (want_w, want_h):
        failures.append(f"size is {width}x{height}, expected {want_w}x{want_h}")

    counts = {}
    for row in rows[::2]:
        for pixel in row[::2]:
            counts[pixel] = counts.get(pixel, 0) + 1
    sampled = sum(counts.values())
    distinct = len(counts)
    most_common = max(counts.values()) / sampled
    if distinct < 200:
        failures.append(f"only {distinct} distinct colours: the window looks blank")
    if most_common > 0.8:
        failures.append(f"one colour covers {most_common:.0%} of the window")

    found = {}
    for actor, (r, g, b) in lead_colours().items():
        hits = sum(n for (pr, pg, pb), n in counts.items()
                   if abs(pr - r) <= 6 and abs(pg - g) <= 6 and abs(pb - b) <= 6)
        found[actor] = hits
    present = [actor for actor, hits in found.items() if hits >= 10]
    if len(present) < max(2, len(found) // 2):
        failures.append(f"marker colours missing: pixels per actor colour {found}")

    shares = land_and_water(rows, width, height)
    basemap_ok = any(share["land"] >= 0.05 and share["water"] >= 0.05 for share in shares.values())
    if not basemap_ok:
        failures.append(f"the map area does not show land and water: {shares}")

    print(f"{args.png}: {width}x{height}, {distinct} colours, land/water {shares}, "
          f"marker colours present for {len(present)} of {len(found)} lead actors")
    if failures:
        for failure in failures:
            print(f"FAIL: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
