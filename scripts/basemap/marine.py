"""Marine names, written by hand (no registry package holds them).

Each anchor is the centre of the label, in degrees. Every anchor is checked to be at
sea by tests/basemap_tiles.rs (`marine_labels_are_at_sea`), against the same Natural
Earth borders that the map draws. `angle` is the clockwise rotation of the text in
degrees on the screen (Web Mercator, y down), following the axis of the water body.
A "\\n" breaks a name onto a second line. `size`: 0 ocean, 1 sea, 2 gulf or strait.
"""

MARINE_LABELS = [
    # oceans, for the world view
    {"name": "Atlantic\nOcean", "lon": -38.0, "lat": 28.0, "min_zoom": 1, "max_zoom": 5, "size": 0},
    {"name": "Atlantic\nOcean", "lon": -18.0, "lat": -22.0, "min_zoom": 2, "max_zoom": 5, "size": 0},
    {"name": "Pacific\nOcean", "lon": -140.0, "lat": 12.0, "min_zoom": 1, "max_zoom": 5, "size": 0},
    {"name": "Pacific\nOcean", "lon": 165.0, "lat": 22.0, "min_zoom": 2, "max_zoom": 5, "size": 0},
    {"name": "Indian\nOcean", "lon": 78.0, "lat": -18.0, "min_zoom": 1, "max_zoom": 5, "size": 0},
    {"name": "Arctic Ocean", "lon": 0.0, "lat": 80.0, "min_zoom": 2, "max_zoom": 5, "size": 0},
    {"name": "Southern Ocean", "lon": 60.0, "lat": -62.0, "min_zoom": 2, "max_zoom": 5, "size": 0},
    # the seas of the region
    {"name": "Mediterranean Sea", "lon": 18.0, "lat": 34.4, "min_zoom": 3, "max_zoom": 4, "size": 1},
    {"name": "Mediterranean Sea", "lon": 31.2, "lat": 33.0, "min_zoom": 5, "size": 1},
    {"name": "Black Sea", "lon": 34.5, "lat": 43.3, "min_zoom": 3, "size": 1},
    {"name": "Caspian\nSea", "lon": 50.8, "lat": 41.6, "min_zoom": 4, "size": 1},
    {"name": "Red Sea", "lon": 38.6, "lat": 20.0, "angle": 57.0, "min_zoom": 3, "size": 1},
    {"name": "Arabian Sea", "lon": 63.0, "lat": 15.5, "min_zoom": 3, "size": 1},
    {"name": "Gulf of Aden", "lon": 48.2, "lat": 12.65, "angle": -9.0, "min_zoom": 4, "size": 2},
    {"name": "Persian Gulf", "lon": 51.6, "lat": 27.15, "angle": 30.0, "min_zoom": 4, "size": 2},
    {"name": "Gulf of Oman", "lon": 58.9, "lat": 24.55, "angle": 31.0, "min_zoom": 5, "size": 2},
    {"name": "Bab-el-Mandeb", "lon": 44.3, "lat": 12.2, "min_zoom": 6, "max_zoom": 6, "size": 2},
    {"name": "Bab-el-Mandeb", "lon": 43.36, "lat": 12.56, "angle": 62.0, "min_zoom": 7, "size": 2},
    {"name": "Strait of Hormuz", "lon": 56.45, "lat": 26.57, "angle": -35.0, "min_zoom": 6, "size": 2},
    {"name": "Gulf of Suez", "lon": 32.85, "lat": 28.95, "angle": 57.0, "min_zoom": 7, "size": 2},
    {"name": "Gulf of Aqaba", "lon": 34.72, "lat": 28.75, "angle": 72.0, "min_zoom": 7, "size": 2},
]

# River names: an approximate point on the river; build_basemap.py snaps it to the
# nearest 1:50m river vertex and turns the text along the river there. Drawn as
# "size" 3 (river class), never checked to be at sea.
RIVER_LABELS = [
    {"name": "Euphrates", "lon": 40.2, "lat": 35.2, "min_zoom": 6},
    {"name": "Euphrates", "lon": 42.55, "lat": 33.95, "min_zoom": 7},
    {"name": "Euphrates", "lon": 45.4, "lat": 31.4, "min_zoom": 7},
    {"name": "Tigris", "lon": 43.3, "lat": 35.7, "min_zoom": 6},
    {"name": "Tigris", "lon": 44.0, "lat": 34.0, "min_zoom": 7},
    {"name": "Tigris", "lon": 46.6, "lat": 32.2, "min_zoom": 7},
    {"name": "Shatt al-Arab", "lon": 48.3, "lat": 30.25, "min_zoom": 8},
    {"name": "Nile", "lon": 31.0, "lat": 27.5, "min_zoom": 6},
    {"name": "Nile", "lon": 33.95, "lat": 18.0, "min_zoom": 6},
    {"name": "Blue Nile", "lon": 34.3, "lat": 12.9, "min_zoom": 7},
    {"name": "White Nile", "lon": 32.4, "lat": 13.5, "min_zoom": 7},
    {"name": "Jordan", "lon": 35.57, "lat": 32.2, "min_zoom": 8},
]
