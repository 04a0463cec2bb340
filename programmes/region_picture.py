"""The small map of the programme and actor pages: the region outlines with the places marked, as inline SVG drawn
on the server (templates/programmes/includes/region_picture.html). Those pages load no map library: a picture of a
few kilobytes says where a programme is given or an actor works, and links to the full map for more.

The outlines (programmes/outlines.py) are projected once for each set of outlines, keyed by their digest: an
equirectangular projection with longitudes scaled by the cosine of the middle latitude (true enough for a picture
of northern Finland and Sweden), VIEW_WIDTH units wide, simplified with the Douglas–Peucker rule to SIMPLIFY units and
rounded to whole units; islands smaller than MIN_AREA square units are left out. That part is shared by every page;
a page adds its places and highlights their regions.
"""

import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

from batteryregion.i18n import Shown, shown
from programmes.outlines import RegionOutlines, current_outlines, polygons
from skills.models import Site

VIEW_WIDTH = 400
SIMPLIFY = 0.8
MIN_AREA = 6.0
MARGIN = 10  # units around the outlines and the places
KEPT_FRAMES = 4

XY = tuple[int, int]


@dataclass(frozen=True)
class Shape:
    """One region's outline as an SVG path (whole units), and where its name goes."""

    code: str
    path: str
    label: XY | None
    name: str
    lang: str


@dataclass(frozen=True)
class Frame:
    """The outlines in picture units, and the projection that put them there."""

    shapes: list[Shape]
    west: float
    north: float
    x_scale: float  # units per degree of longitude
    y_scale: float  # units per degree of latitude
    width: int
    height: int

    def project(self, lng: float, lat: float) -> XY:
        return (
            round((lng - self.west) * self.x_scale + MARGIN),
            round((self.north - lat) * self.y_scale + MARGIN),
        )


def _simplified(points: list[XY], tolerance: float) -> list[XY]:
    """Douglas–Peucker: the fewest points that stay within the tolerance of the line (iterative)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        farthest, index = -1.0, first
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs(dy * px - dx * py + bx * ay - by * ax) / length
            if distance > farthest:
                farthest, index = distance, i
        if farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _area(points: list[XY]) -> float:
    return abs(
        sum(
            x1 * y2 - x2 * y1
            for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False)
        )
        / 2
    )


def _path(rings: list[list[XY]]) -> str:
    """SVG path data: each ring as "M x y x y … Z" in whole units (after M, pairs are implicit line-tos)."""
    parts = []
    for ring in rings:
        numbers = " ".join(f"{x} {y}" for x, y in ring[:-1])
        parts.append(f"M{numbers}Z")
    return "".join(parts)


def _frame(outlines: RegionOutlines) -> Frame:
    rings_by_region = [
        (
            feature,
            [ring for polygon in polygons(feature["geometry"]) for ring in polygon],
        )
        for feature in outlines.features
    ]
    points = [
        point for _feature, rings in rings_by_region for ring in rings for point in ring
    ]
    if not points:
        return Frame([], 0.0, 0.0, 1.0, 1.0, VIEW_WIDTH, VIEW_WIDTH)
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squeeze = math.cos(math.radians((south + north) / 2))
    inner = VIEW_WIDTH - 2 * MARGIN
    y_scale = inner / max((east - west) * squeeze, 1e-9)
    frame = Frame(
        shapes=[],
        west=west,
        north=north,
        x_scale=y_scale * squeeze,
        y_scale=y_scale,
        width=VIEW_WIDTH,
        height=round((north - south) * y_scale + 2 * MARGIN),
    )
    for feature, rings in rings_by_region:
        projected = []
        for ring in rings:
            points = [frame.project(*point) for point in ring]
            points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
            simple = _simplified(points, SIMPLIFY)
            if len(simple) >= 4 and _area(simple) >= MIN_AREA:
                projected.append(simple)
        if not projected:
            continue
        properties = feature["properties"]
        label = properties.get("label")
        frame.shapes.append(
            Shape(
                code=properties["code"],
                path=_path(projected),
                label=frame.project(*label) if label else None,
                name=properties["name"],
                lang=properties["lang"],
            )
        )
    return frame


_frames: dict[str, Frame] = {}
_frames_lock = threading.Lock()


def frame_for(outlines: RegionOutlines) -> Frame:
    """The projected outlines, made once for each set of outlines (their digest names their content)."""
    frame = _frames.get(outlines.digest)
    if frame is None:
        frame = _frame(outlines)
        with _frames_lock:
            while len(_frames) >= KEPT_FRAMES:
                del _frames[next(iter(_frames))]
            _frames[outlines.digest] = frame
    return frame


@dataclass(frozen=True)
class Place:
    town: Shown
    region: Shown
    x: int
    y: int


@dataclass(frozen=True)
class RegionPicture:
    """What the template draws: the view box, the regions (those with a place first highlighted), the places, and
    the text alternative that names each place and its region."""

    view_box: str
    width: int
    height: int
    shapes: list[tuple[Shape, bool]]
    places: list[Place]
    title: str
    # The names written on the picture: the regions of the places, each moved off the places' marks.
    labels: list[tuple[Shape, XY]]


LABEL_SIZE = 14  # font size in picture units (the template's)
MARK_RADIUS = 8  # a place's mark with its white edge


def _label_position(shape: Shape, places: list[Place]) -> XY:
    """Where the region's name goes: its label point, or as near it above or below as clears every mark."""
    x, y = shape.label or (0, 0)
    half_width = 0.3 * LABEL_SIZE * len(shape.name)

    def clear(baseline: int) -> bool:
        return all(
            abs(place.x - x) > half_width + MARK_RADIUS
            or place.y + MARK_RADIUS < baseline - LABEL_SIZE
            or place.y - MARK_RADIUS > baseline + 4
            for place in places
        )

    for step in range(6):
        for shift in (step * 12, -step * 12):
            if clear(y + shift):
                return (x, y + shift)
    return (x, y)


def region_picture(sites: Iterable[Site]) -> RegionPicture | None:
    """The picture of the sites (each with its region joined); None without sites. No query but the outlines'
    (none while they are kept)."""
    unique = {site.pk: site for site in sites}
    if not unique:
        return None
    frame = frame_for(current_outlines())
    places = []
    for site in unique.values():
        x, y = frame.project(float(site.longitude), float(site.latitude))
        places.append(
            Place(town=shown(site, "town"), region=shown(site.region, "name"), x=x, y=y)
        )
    regions = {site.region.code for site in unique.values()}
    # The view box holds the outlines and every place, also one in a region without an outline.
    left = min([0, *(place.x - MARGIN for place in places)])
    top = min([0, *(place.y - MARGIN for place in places)])
    right = max([frame.width, *(place.x + MARGIN for place in places)])
    bottom = max([frame.height, *(place.y + MARGIN for place in places)])
    width, height = right - left, bottom - top
    shapes = [(shape, shape.code in regions) for shape in frame.shapes]
    shapes.sort(
        key=lambda pair: pair[1]
    )  # highlighted outlines last, drawn over their neighbours' edges
    title = gettext("Map of the region with the places marked: %(places)s") % {
        "places": "; ".join(
            f"{place.town.text} ({place.region.text})" for place in places
        )
    }
    return RegionPicture(
        view_box=f"{left} {top} {width} {height}",
        width=width,
        height=height,
        shapes=shapes,
        places=places,
        title=title,
        labels=[
            (shape, _label_position(shape, places))
            for shape, highlighted in shapes
            if highlighted and shape.label
        ],
    )
