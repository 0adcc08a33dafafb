"""Board map geometry, read from the prebuilt asset ``assets/map/central_asia.json``.

Kept free of pygame so rules, AI and tests can hit-test countries headless; the
renderer only needs :meth:`BoardMap.fit` and :meth:`Transform.apply` to draw it.
The asset is produced by ``tools/build_map.py``; coordinates are in a unit box
(x right, y down, longer side 1).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chessboard.paths import data_dir

__all__ = [
    "BoardMap",
    "MapCountry",
    "Projection",
    "Transform",
    "default_map_path",
    "load_map",
]

Point = tuple[float, float]
Ring = tuple[Point, ...]

_MAP_RELATIVE = Path("map") / "central_asia.json"
SUPPORTED_FORMAT = 1


def default_map_path() -> Path:
    """The map asset of this copy of the game (checkout or installed package)."""
    return data_dir("assets") / _MAP_RELATIVE


def point_in_ring(pt: Point, ring: Sequence[Point]) -> bool:
    """Even-odd ray casting; a point exactly on an edge may fall either way."""
    x, y = pt
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


@dataclass(frozen=True)
class Transform:
    """Uniform scale plus offset from unit map coordinates to screen pixels."""

    scale: float
    offset_x: float
    offset_y: float

    def apply(self, xy: Point) -> tuple[int, int]:
        return round(self.offset_x + xy[0] * self.scale), round(self.offset_y + xy[1] * self.scale)

    def apply_ring(self, ring: Sequence[Point]) -> list[tuple[int, int]]:
        return [self.apply(p) for p in ring]

    def invert(self, px: tuple[float, float]) -> Point:
        """Pixel back to unit coordinates, for hit-testing mouse clicks."""
        return (px[0] - self.offset_x) / self.scale, (px[1] - self.offset_y) / self.scale


@dataclass(frozen=True)
class Projection:
    """The asset's lon/lat -> unit-box mapping, so extra points can be placed consistently."""

    lon0: float
    lat0: float
    x_min: float
    y_max: float
    scale: float

    def lonlat_to_xy(self, lon: float, lat: float) -> Point:
        """Spherical Lambert azimuthal equal-area, then shift/scale/flip into the unit box."""
        lam, phi, phi0 = math.radians(lon - self.lon0), math.radians(lat), math.radians(self.lat0)
        cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
        k = math.sqrt(2.0 / (1.0 + cos_c))
        x = k * math.cos(phi) * math.sin(lam)
        y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
        return (x - self.x_min) * self.scale, (self.y_max - y) * self.scale


@dataclass(frozen=True)
class MapCountry:
    """One country's outline (possibly several rings) in unit coordinates."""

    id: str
    name: str
    playable: bool
    polygons: tuple[Ring, ...]
    label: Point
    capital_name: str | None
    capital_xy: Point | None
    iso_a3: str = ""

    def contains(self, xy: Point) -> bool:
        return any(point_in_ring(xy, ring) for ring in self.polygons)


@dataclass(frozen=True)
class BoardMap:
    """All countries on the board; ``aspect`` is width / height of the unit box."""

    aspect: float
    countries: tuple[MapCountry, ...]
    projection: Projection | None = None

    @property
    def size(self) -> Point:
        """Unit-box extent: the longer side is 1."""
        return (1.0, 1.0 / self.aspect) if self.aspect >= 1 else (self.aspect, 1.0)

    @property
    def playable(self) -> tuple[MapCountry, ...]:
        return tuple(c for c in self.countries if c.playable)

    def country(self, country_id: str) -> MapCountry:
        for c in self.countries:
            if c.id == country_id:
                return c
        raise KeyError(country_id)

    def fit(self, width: float, height: float, margin: float = 0) -> Transform:
        """Largest uniform scale that fits the map into the rectangle, centred."""
        unit_w, unit_h = self.size
        avail_w, avail_h = max(width - 2 * margin, 1), max(height - 2 * margin, 1)
        scale = min(avail_w / unit_w, avail_h / unit_h)
        return Transform(
            scale=scale,
            offset_x=(width - unit_w * scale) / 2,
            offset_y=(height - unit_h * scale) / 2,
        )

    def point_in_country(self, xy_unit: Point) -> str | None:
        """Id of the country under a unit-box point (playable states win ties), or None."""
        for c in sorted(self.countries, key=lambda c: not c.playable):
            if c.contains(xy_unit):
                return c.id
        return None


def _point(value: Any) -> Point:
    return float(value[0]), float(value[1])


def _country(raw: dict[str, Any]) -> MapCountry:
    capital = raw.get("capital")
    return MapCountry(
        id=raw["id"],
        name=raw["name"],
        playable=bool(raw["playable"]),
        polygons=tuple(tuple(_point(p) for p in ring) for ring in raw["polygons"]),
        label=_point(raw["label"]),
        capital_name=capital["name"] if capital else None,
        capital_xy=_point(capital["xy"]) if capital else None,
        iso_a3=raw.get("iso_a3", ""),
    )


def load_map(path: Path | None = None) -> BoardMap:
    """Read the map asset; raises FileNotFoundError / ValueError with a clear message."""
    path = path or default_map_path()
    if not path.is_file():
        raise FileNotFoundError(
            f"board map asset not found at {path}; run tools/build_map.py"
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != SUPPORTED_FORMAT:
        raise ValueError(f"{path}: unsupported map format {data.get('format')!r}")
    proj = data.get("lonlat_to_xy")
    projection = None
    if proj and proj.get("method") == "laea_sphere":
        projection = Projection(
            lon0=float(proj["lon0"]),
            lat0=float(proj["lat0"]),
            x_min=float(proj["x_min"]),
            y_max=float(proj["y_max"]),
            scale=float(proj["scale"]),
        )
    return BoardMap(
        aspect=float(data["aspect"]),
        countries=tuple(_country(c) for c in data["countries"]),
        projection=projection,
    )
