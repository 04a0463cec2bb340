"""The NUTS 3 region outlines every map of the portal draws, read once per data version and language.

`current_outlines()` gives them in two forms, both made from one query:
- `collection`: a GeoJSON FeatureCollection for Leaflet (static/js/map.js), coordinates rounded to
  OUTLINE_DECIMALS (about 10 m: the bundled boundaries are simplified far more than that), each region with its
  name in the active language and a `label` point inside it where the map writes that name;
- `body` and `digest`: that collection as compact JSON and the first characters of its SHA-256, which goes into
  the address map.js fetches (map/regions-<digest>.json), so that browsers may keep the answer for a year: new
  boundaries or names make a new address.
programmes/region_picture.py projects and simplifies them for the small inline SVG maps of the programme and actor
pages.

They are kept in this process for the data version they were read at (batteryregion.page_cache.recent_version, read
at most once per PAGE_CACHE_VERSION_CHECK_SECONDS) and the language, like the pathway network: a change made in
this process drops them at once (forget_outlines, a receiver of public_data_changed), one made in another process
is seen with the next data version. MAP_OUTLINES_CACHE=false reads them on every call (the tests do).
"""

import hashlib
import json
import math
import threading
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import get_language

from batteryregion.i18n import shown
from batteryregion.page_cache import recent_version
from skills.models import Region

OUTLINE_DECIMALS = 4
DIGEST_LENGTH = 12
LABEL_GRID = 24  # candidate label points per side of a region's bounding box

Point = tuple[float, float]  # (longitude, latitude), as GeoJSON orders them
Ring = list[Point]


@dataclass(frozen=True)
class RegionOutlines:
    collection: dict[str, Any]
    body: bytes
    digest: str

    @property
    def features(self) -> list[dict[str, Any]]:
        return self.collection["features"]


def polygons(geometry: dict[str, Any] | None) -> list[list[Ring]]:
    """The polygons of a GeoJSON Polygon or MultiPolygon (each a list of rings, the outer ring first)."""
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def rounded_ring(ring: Ring, decimals: int = OUTLINE_DECIMALS) -> Ring | None:
    """The ring with rounded coordinates and no point repeated after rounding; None when too little is left."""
    points: Ring = []
    for lng, lat in ring:
        point = (round(float(lng), decimals), round(float(lat), decimals))
        if not points or point != points[-1]:
            points.append(point)
    if points and points[0] != points[-1]:
        points.append(points[0])
    return points if len(points) >= 4 else None


def rounded_geometry(geometry: dict[str, Any]) -> dict[str, Any] | None:
    """A Polygon or MultiPolygon with rounded coordinates (as lists, as JSON has them)."""
    shapes = []
    for polygon in polygons(geometry):
        rings = [rounded_ring(ring) for ring in polygon]
        if rings and rings[0] is not None:
            shapes.append([[list(p) for p in ring] for ring in rings if ring])
    if not shapes:
        return None
    if len(shapes) == 1:
        return {"type": "Polygon", "coordinates": shapes[0]}
    return {"type": "MultiPolygon", "coordinates": shapes}


def ring_area(ring: Ring) -> float:
    """The ring's area in square degrees (shoelace formula); enough to compare the parts of one region."""
    return abs(
        sum(
            x1 * y2 - x2 * y1
            for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)
        )
        / 2
    )


def inside(point: Point, rings: list[Ring]) -> bool:
    """Whether the point is in the polygon (its outer ring less its holes): even-odd ray casting."""
    x, y = point
    crossings = 0
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


def _distance_to_segment(point: Point, start: Point, end: Point) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = (
        0.0
        if length == 0
        else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    )
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def label_point(geometry: dict[str, Any]) -> Point | None:
    """A point well inside the region's largest part, where its name can be written: of a grid of candidates inside
    it, the one farthest from its edges (longitudes scaled by the cosine of the latitude, so that distances are
    roughly true at these latitudes). The centre of the bounding box may fall outside a bent region."""
    parts = [polygon for polygon in polygons(geometry) if polygon and polygon[0]]
    if not parts:
        return None
    rings = max(parts, key=lambda polygon: ring_area(polygon[0]))
    outer = rings[0]
    west, east = min(p[0] for p in outer), max(p[0] for p in outer)
    south, north = min(p[1] for p in outer), max(p[1] for p in outer)
    scale = math.cos(math.radians((south + north) / 2))

    def projected(point: Point) -> Point:
        return (point[0] * scale, point[1])

    edges = [
        (projected(a), projected(b))
        for ring in rings
        for a, b in zip(ring, ring[1:], strict=False)
    ]
    centre = ((west + east) / 2, (south + north) / 2)
    candidates = sorted(
        (
            (
                west + (east - west) * i / LABEL_GRID,
                south + (north - south) * j / LABEL_GRID,
            )
            for i in range(1, LABEL_GRID)
            for j in range(1, LABEL_GRID)
        ),
        # Of equally good points, the one nearest the middle of the region.
        key=lambda point: math.hypot(
            (point[0] - centre[0]) * scale, point[1] - centre[1]
        ),
    )
    best, best_distance = None, -1.0
    for candidate in candidates:
        if not inside(candidate, rings):
            continue
        distance = min(
            _distance_to_segment(projected(candidate), a, b) for a, b in edges
        )
        if distance > best_distance + 1e-9:
            best, best_distance = candidate, distance
    if best is None:
        return outer[0]
    return (round(best[0], OUTLINE_DECIMALS), round(best[1], OUTLINE_DECIMALS))


def load_outlines() -> RegionOutlines:
    """The NUTS 3 regions that have a boundary, named in the active language (1 query)."""
    regions = Region.objects.filter(level=3, boundary__isnull=False).order_by("code")
    features = []
    for region in regions:
        geometry = rounded_geometry(region.boundary or {})
        if geometry is None:
            continue
        name = shown(region, "name")
        label = label_point(geometry)
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "code": region.code,
                    "name": name.text,
                    "lang": name.lang,
                    "label": list(label) if label else None,
                },
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    body = json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode()
    digest = hashlib.sha256(body).hexdigest()[:DIGEST_LENGTH]
    return RegionOutlines(collection=collection, body=body, digest=digest)


_kept: dict[tuple[int, str | None], RegionOutlines] = {}
_kept_lock = threading.Lock()


def current_outlines() -> RegionOutlines:
    """load_outlines(), kept in this process for the data version and language it was read at (see the top)."""
    if not settings.MAP_OUTLINES_CACHE:
        return load_outlines()
    key = (recent_version(), get_language())
    outlines = _kept.get(key)
    if outlines is None:
        outlines = load_outlines()
        with _kept_lock:
            for old in [k for k in _kept if k[0] != key[0]]:
                del _kept[old]
            _kept[key] = outlines
    return outlines


def forget_outlines(**_signal: Any) -> None:
    """Drop the outlines kept by current_outlines() (a receiver of page_cache.public_data_changed)."""
    with _kept_lock:
        _kept.clear()
