"""Build the board map asset from Natural Earth outlines.

Usage: ``python tools/build_map.py [--countries F] [--capitals F] [--out F]``

The game never reads GeoJSON at runtime: this tool projects the outlines once
(Lambert azimuthal equal-area, so country sizes on the board stay honest), crops
them to the board window, simplifies them without opening gaps along shared
borders and writes a small, deterministic JSON file to ``assets/map/``.
Standard library only, so it runs without the game's virtualenv.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

# The hit test is the board's own (pygame-free), so the build checks what the game will use.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from chessboard.ui.mapdata import point_in_ring

Point = tuple[float, float]
Ring = list[Point]

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
DEFAULT_COUNTRIES = SHARED_DATA / "central_asia_ne110m.geojson"
DEFAULT_CAPITALS = SHARED_DATA / "central_asia_capitals_ne.geojson"
DEFAULT_OUT = REPO_ROOT / "assets" / "map" / "central_asia.json"

FORMAT_VERSION = 1
SOURCE = "Natural Earth 1:110m admin 0 countries, public domain"
LON0, LAT0 = 66.0, 44.0
# Board window as a lon/lat box; its edge midpoints define the projected rectangle.
WINDOW_LONLAT = (45.0, 33.0, 90.0, 57.0)  # west, south, east, north
PLAYABLE = ("KAZ", "UZB", "TKM", "KGZ", "TJK")
# Douglas-Peucker tolerance in unit-box coordinates (~1.5 px on a 1000 px board).
SIMPLIFY_TOLERANCE = 0.0015
# Rings smaller than this (unit box squared, ~20 px^2 on a 1000 px board) are dropped.
MIN_RING_AREA = 2e-5
DECIMALS = 4


# --------------------------------------------------------------------------- projection


def laea(lon: float, lat: float) -> Point:
    """Project lon/lat degrees onto the unit sphere's LAEA plane centred at LON0/LAT0."""
    lam, phi = math.radians(lon - LON0), math.radians(lat)
    phi0 = math.radians(LAT0)
    denom = 1.0 + math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
    k = math.sqrt(2.0 / denom)
    x = k * math.cos(phi) * math.sin(lam)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
    return x, y


def window_rect() -> tuple[float, float, float, float]:
    """Projected rectangle (xmin, ymin, xmax, ymax) through the lon/lat box's edge midpoints."""
    west, south, east, north = WINDOW_LONLAT
    mid_lon, mid_lat = (west + east) / 2, (south + north) / 2
    return (
        laea(west, mid_lat)[0],
        laea(mid_lon, south)[1],
        laea(east, mid_lat)[0],
        laea(mid_lon, north)[1],
    )


# --------------------------------------------------------------------------- geometry


def ring_area(ring: Sequence[Point]) -> float:
    """Signed shoelace area (positive for counter-clockwise in a y-up frame)."""
    total = 0.0
    for i, (x1, y1) in enumerate(ring):
        x2, y2 = ring[(i + 1) % len(ring)]
        total += x1 * y2 - x2 * y1
    return total / 2.0


def point_in_rings(pt: Point, rings: Iterable[Sequence[Point]]) -> bool:
    return any(point_in_ring(pt, r) for r in rings)


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2))
    return math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy)


def douglas_peucker(points: Sequence[Point], tol: float) -> list[Point]:
    """Classic Douglas-Peucker on an open chain; endpoints always kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, best_i = -1.0, -1
        for i in range(first + 1, last):
            d = _segment_distance(points[i], points[first], points[last])
            if d > best:
                best, best_i = d, i
        if best > tol:
            keep[best_i] = True
            stack.append((first, best_i))
            stack.append((best_i, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_shared(rings: list[list[tuple[Point, Point]]], tol: float) -> list[Ring]:
    """Simplify rings so that borders shared by neighbours simplify identically.

    Each ring holds (lonlat_key, projected_xy) pairs. Vertices where the set of rings
    using them changes are pinned; the chains between pins are simplified in a
    canonical direction, so both countries along a border get the same polyline and
    no slivers or gaps appear between them on the board.
    """
    members: dict[Point, set[int]] = {}
    for idx, ring in enumerate(rings):
        for key, _ in ring:
            members.setdefault(key, set()).add(idx)

    out: list[Ring] = []
    for ring in rings:
        n = len(ring)
        keys = [k for k, _ in ring]
        sets = [members[k] for k in keys]
        pins = [i for i in range(n) if sets[i] != sets[i - 1] or sets[i] != sets[(i + 1) % n]]
        if len(pins) < 2:
            # Island or single contact point: pin a deterministic pair of far-apart vertices.
            start = pins[0] if pins else min(range(n), key=lambda i: keys[i])
            sx, sy = ring[start][1]
            far = max(
                range(n),
                key=lambda i: (math.hypot(ring[i][1][0] - sx, ring[i][1][1] - sy), keys[i]),
            )
            pins = sorted({start, far})
        result: Ring = []
        for a, b in zip(pins, [*pins[1:], pins[0] + n], strict=True):
            chain = [ring[i % n] for i in range(a, b + 1)]
            forward = [k for k, _ in chain] <= [k for k, _ in reversed(chain)]
            ordered = chain if forward else chain[::-1]
            simplified = douglas_peucker([xy for _, xy in ordered], tol)
            if not forward:
                simplified.reverse()
            result.extend(simplified[:-1])
        out.append(result)
    return out


def clip_to_rect(ring: Sequence[Point], rect: tuple[float, float, float, float]) -> Ring:
    """Sutherland-Hodgman clip of a (possibly concave) ring against an axis-aligned rectangle."""
    xmin, ymin, xmax, ymax = rect
    edges = (
        (lambda p: p[0] >= xmin, lambda a, b: _cross_x(a, b, xmin)),
        (lambda p: p[0] <= xmax, lambda a, b: _cross_x(a, b, xmax)),
        (lambda p: p[1] >= ymin, lambda a, b: _cross_y(a, b, ymin)),
        (lambda p: p[1] <= ymax, lambda a, b: _cross_y(a, b, ymax)),
    )
    out = list(ring)
    for inside, cross in edges:
        if not out:
            break
        src, out = out, []
        prev = src[-1]
        for cur in src:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
    return out


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def _edge_distance(pt: Point, rings: Sequence[Sequence[Point]]) -> float:
    return min(
        _segment_distance(pt, r[i], r[(i + 1) % len(r)]) for r in rings for i in range(len(r))
    )


def label_point(ring: Sequence[Point]) -> Point:
    """Approximate pole of inaccessibility: the interior point farthest from the outline.

    A coarse grid search followed by a few shrinking local grids; the name drawn
    there has the most room and is guaranteed to sit inside the country.
    """
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    half_w, half_h = (max(xs) - min(xs)) / 2, (max(ys) - min(ys)) / 2
    best: Point | None = None
    best_d = -1.0
    steps = 24
    for _ in range(6):
        for i in range(steps + 1):
            for j in range(steps + 1):
                p = (cx - half_w + 2 * half_w * i / steps, cy - half_h + 2 * half_h * j / steps)
                if not point_in_ring(p, ring):
                    continue
                d = _edge_distance(p, [ring])
                if d > best_d:
                    best, best_d = p, d
        if best is None:
            break
        cx, cy = best
        half_w, half_h = half_w / 4, half_h / 4
    if best is None:  # sliver too thin for the grid; the caller verifies the fallback
        best = (sum(xs) / len(xs), sum(ys) / len(ys))
    return best


# --------------------------------------------------------------------------- pipeline


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def exterior_rings(geometry: dict) -> list[list[Point]]:
    """Outer rings without the closing duplicate; 110m admin-0 has no holes in this region."""
    if geometry["type"] == "Polygon":
        polys = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polys = geometry["coordinates"]
    else:
        raise ValueError(f"unsupported geometry {geometry['type']}")
    rings = []
    for poly in polys:
        ring = [(float(x), float(y)) for x, y in poly[0]]
        if ring[0] == ring[-1]:
            ring.pop()
        rings.append(ring)
    return rings


def _r(v: float) -> float:
    return round(v, DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0


def build(countries_path: Path, capitals_path: Path) -> dict:
    countries = json.loads(countries_path.read_text(encoding="utf-8"))["features"]
    capitals = json.loads(capitals_path.read_text(encoding="utf-8"))["features"]

    rect = window_rect()
    xmin, ymin, xmax, ymax = rect
    span = max(xmax - xmin, ymax - ymin)
    scale = 1.0 / span

    def to_unit(p: Point) -> Point:
        return (p[0] - xmin) * scale, (ymax - p[1]) * scale

    # Flatten every ring of every country so shared borders can be detected across them.
    owners: list[int] = []
    lonlat_rings: list[list[Point]] = []
    for ci, feat in enumerate(countries):
        for ring in exterior_rings(feat["geometry"]):
            owners.append(ci)
            lonlat_rings.append(ring)
    keyed = [[(p, laea(*p)) for p in ring] for ring in lonlat_rings]
    simplified = simplify_shared(keyed, SIMPLIFY_TOLERANCE * span)

    polygons: list[list[Ring]] = [[] for _ in countries]
    for ci, ring in zip(owners, simplified, strict=True):
        clipped = clip_to_rect(ring, rect)
        unit: Ring = []
        for p in clipped:
            q = tuple(_r(v) for v in to_unit(p))
            if not unit or q != unit[-1]:
                unit.append(q)  # type: ignore[arg-type]
        while len(unit) > 1 and unit[0] == unit[-1]:
            unit.pop()
        if len(unit) >= 3 and abs(ring_area(unit)) >= MIN_RING_AREA:
            polygons[ci].append(unit)

    # Capitals belong to the country whose original outline contains them.
    capital_of: dict[int, tuple[str, Point]] = {}
    for feat in capitals:
        lonlat = tuple(feat["geometry"]["coordinates"][:2])
        for ci, ring in zip(owners, lonlat_rings, strict=True):
            if point_in_ring(lonlat, ring):  # type: ignore[arg-type]
                capital_of[ci] = (feat["properties"]["name"], laea(*lonlat))  # type: ignore[misc]
                break

    entries = []
    for ci, feat in enumerate(countries):
        props = feat["properties"]
        rings = polygons[ci]
        iso = props["iso_a3"]
        if not rings:
            continue  # entirely outside the board window
        capital = None
        if ci in capital_of:
            name, xy = capital_of[ci]
            u = tuple(_r(v) for v in to_unit(xy))
            if point_in_rings(u, rings):  # type: ignore[arg-type]
                capital = {"name": name, "xy": list(u)}
            elif iso in PLAYABLE:
                raise SystemExit(f"capital {name} fell outside simplified {props['name']}")
        largest = max(rings, key=lambda r: abs(ring_area(r)))
        label = tuple(_r(v) for v in label_point(largest))
        if not point_in_ring(label, largest):  # type: ignore[arg-type]
            raise SystemExit(f"label for {props['name']} is not inside it")
        entries.append(
            {
                "id": slug(props["name"]),
                "name": props["name"],
                "iso_a3": iso,
                "playable": iso in PLAYABLE,
                "polygons": [[list(p) for p in r] for r in rings],
                "label": list(label),
                "capital": capital,
            }
        )
    missing = set(PLAYABLE) - {e["iso_a3"] for e in entries if e["playable"]}
    if missing:
        raise SystemExit(f"playable states missing from input: {sorted(missing)}")
    order = {iso: i for i, iso in enumerate(PLAYABLE)}
    entries.sort(key=lambda e: (not e["playable"], order.get(e["iso_a3"], 0), e["id"]))

    width, height = (xmax - xmin) * scale, (ymax - ymin) * scale
    return {
        "format": FORMAT_VERSION,
        "source": SOURCE,
        "projection": (
            f"Lambert azimuthal equal-area, spherical, centre {LAT0:g}N {LON0:g}E; "
            "unit box x right, y down, longer side = 1"
        ),
        "aspect": round(width / height, 6),
        "size": [round(width, 6), round(height, 6)],
        "bounds_lonlat": list(WINDOW_LONLAT),
        "lonlat_to_xy": {
            "method": "laea_sphere",
            "lon0": LON0,
            "lat0": LAT0,
            "x_min": xmin,
            "y_max": ymax,
            "scale": scale,
            "note": "(x, y) = laea(lon, lat) on the unit sphere; u = (x - x_min) * scale, "
            "v = (y_max - y) * scale",
        },
        "countries": entries,
    }


def dumps(data: dict) -> str:
    """Compact JSON with one country per line, so diffs of the asset stay readable."""
    head = {k: v for k, v in data.items() if k != "countries"}
    lines = ["{"]
    compact = (",", ":")
    lines += [f"  {json.dumps(k)}: {json.dumps(v, separators=compact)}," for k, v in head.items()]
    lines.append('  "countries": [')
    body = [json.dumps(c, separators=compact, ensure_ascii=False) for c in data["countries"]]
    lines.append(",\n".join(f"    {b}" for b in body))
    lines += ["  ]", "}", ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", type=Path, default=DEFAULT_COUNTRIES)
    parser.add_argument("--capitals", type=Path, default=DEFAULT_CAPITALS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    text = dumps(build(args.countries, args.capitals))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode('utf-8'))} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
