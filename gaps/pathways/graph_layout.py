"""Where the boxes and lines of the route graph go: a layered (Sugiyama-style) layout of nodes already in columns.

The rules that keep the picture readable:

* An edge that skips columns gets a *lane* in every column it crosses: a thin slot of its own, stacked among the
  boxes of that column like a small box, so that the edge runs through the column beside the boxes, never under one.
* Between two neighbouring columns an edge is an S-curve whose control points stay in the gap between them, where
  there are no boxes; inside a column it is a straight line along its lane. So no edge touches a box it does not
  connect, by construction (tests/gaps/test_graph.py checks it on generated route sets).
* Edges leave and enter a box at *ports* spread along its side, in the order of the boxes they lead to, so that two
  routes through one box stay two lines.
* The order within a column comes from sweeps that sort each column by the mean height of its neighbours (the
  barycentre heuristic, which removes most crossings); the occupations keep the order of the list and the start stays
  alone in its column. Then each column is spread as near to the heights of its neighbours as its boxes allow.

Pure geometry: it knows ids, columns, sizes and positions, nothing of programmes or pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Protocol

HEADER_HEIGHT = 34
PADDING = 4
ROW_GAP = 10  # between two boxes of a column
LANE = 5  # the height of one edge's lane through a column
LANE_GAP = 4  # between a lane and a box
PORT_STEP = 6  # between two edges at one side of a box
PORT_MARGIN = 8  # no port nearer to the box's top or bottom than this
SWEEPS = 4
PLACEMENT_PASSES = 3


class Box(Protocol):
    id: str
    column: int
    x: float
    y: float
    width: float
    height: float
    order: tuple


@dataclass(frozen=True)
class ColumnSpan:
    x: float
    width: float

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass
class Lane:
    """One edge's passage through a column it skips."""

    id: str
    column: int
    order: tuple
    height: float = LANE
    y: float = 0.0

    @property
    def center(self) -> float:
        return self.y + self.height / 2


@dataclass
class Layout:
    height: float
    # SVG path data of each edge, by (source id, target id)
    paths: dict[tuple[str, str], str]


def _center(item: Box | Lane) -> float:
    return item.y + item.height / 2


def _gap(upper: Box | Lane, lower: Box | Lane) -> float:
    """The space between two neighbours in a column: none between lanes, a little beside a box."""
    lanes = isinstance(upper, Lane) + isinstance(lower, Lane)
    return ROW_GAP if lanes == 0 else LANE_GAP if lanes == 1 else 0


def _stack(members: Sequence[Box | Lane], top: float = HEADER_HEIGHT) -> float:
    """Put the members one under the other from `top`; returns the bottom of the last."""
    y = top
    for row, item in enumerate(members):
        if row:
            y += _gap(members[row - 1], item)
        item.y = y
        y += item.height
    return y


def spread(
    members: Sequence[Box | Lane], wanted: Sequence[float], bottom: float
) -> None:
    """Put the members of a column, in order, with their centres as near the wanted heights as they can be without
    overlapping, between the header and `bottom`."""
    tops: list[float] = []
    for row, (item, want) in enumerate(zip(members, wanted, strict=True)):
        top = want - item.height / 2
        if row:
            previous = members[row - 1]
            top = max(top, tops[-1] + previous.height + _gap(previous, item))
        tops.append(max(top, HEADER_HEIGHT))
    limit = bottom
    for row in range(len(members) - 1, -1, -1):
        item = members[row]
        tops[row] = min(tops[row], limit - item.height)
        if row:
            limit = tops[row] - _gap(members[row - 1], item)
    for item, top in zip(members, tops, strict=True):
        item.y = round(top)  # whole pixels: shorter markup, crisp lines


def layout(
    boxes: Sequence[Box],
    edges: Sequence[tuple[str, str]],
    spans: Sequence[ColumnSpan],
) -> Layout:
    """Order and place the boxes of each column, give edges that skip columns their lanes, and draw every edge.

    `boxes` have their column, size and an initial order key; the first and the last column (the start and the
    occupations) keep that order. Sets each box's x and y; returns the height of the picture and the path of each
    edge."""
    by_id: dict[str, Box | Lane] = {box.id: box for box in boxes}
    columns: list[list[Box | Lane]] = [[] for _span in spans]
    for box in boxes:
        box.x = spans[box.column].x
        columns[box.column].append(box)

    # Each edge as a chain of items, one per column from its source to its target.
    chains: dict[tuple[str, str], list[Box | Lane]] = {}
    for source_id, target_id in edges:
        source, target = by_id[source_id], by_id[target_id]
        chain: list[Box | Lane] = [source]
        for column in range(source.column + 1, target.column):
            lane = Lane(f"{source_id}>{target_id}#{column}", column, source.order)
            columns[column].append(lane)
            chain.append(lane)
        chains[(source_id, target_id)] = [*chain, target]
    left: dict[int, list[Box | Lane]] = defaultdict(list)
    right: dict[int, list[Box | Lane]] = defaultdict(list)
    for chain in chains.values():
        for a, b in zip(chain, chain[1:], strict=False):
            right[id(a)].append(b)
            left[id(b)].append(a)

    for members in columns:
        members.sort(key=lambda item: (item.order, isinstance(item, Lane)))
        _stack(members)

    def pull(item: Box | Lane, side: dict[int, list[Box | Lane]]) -> float:
        neighbours = side.get(id(item))
        return (
            fmean(_center(other) for other in neighbours)
            if neighbours
            else _center(item)
        )

    # Order: sweeps to and fro, each sorting a column by the mean height of its neighbours on one side (a stable sort:
    # ties keep the order of the list).
    movable = range(1, len(columns) - 1)
    for sweep in range(2 * SWEEPS - 1):
        toward_end = sweep % 2 == 0
        side = right if toward_end else left
        for index in reversed(movable) if toward_end else movable:
            members = columns[index]
            members.sort(key=lambda item, side=side: pull(item, side))
            _stack(members)

    # Heights: every column stacked fits under the tallest one, the occupations from the top in their order. Passes
    # right to left and left to right pull each column between towards its neighbours, keeping its order; then the
    # occupations and the start move level with the steps next to them, as far as the boxes around them allow.
    bottom = max(_stack(members) for members in columns)
    for _pass in range(PLACEMENT_PASSES):
        for index in reversed(movable):
            members = columns[index]
            spread(members, [pull(item, right) for item in members], bottom)
        for index in movable:
            members = columns[index]
            spread(members, [pull(item, left) for item in members], bottom)
    for members, side in ((columns[-1], left), (columns[0], right)):
        spread(members, [pull(item, side) for item in members], bottom)
    items = [item for members in columns for item in members]
    # no empty band under the header
    lift = min(item.y for item in items) - HEADER_HEIGHT
    for item in items:
        item.y -= lift
    bottom = max(item.y + item.height for item in items)

    ports = _ports(chains)
    paths = {key: _path(chain, spans, *ports[key]) for key, chain in chains.items()}
    return Layout(height=bottom + PADDING, paths=paths)


def _port(box: Box | Lane, rank: int, count: int) -> float:
    """The height at which the rank-th of `count` edges meets a side of the box, centred and evenly spaced."""
    if isinstance(box, Lane) or count == 1:
        return _center(box)
    step = min(PORT_STEP, (box.height - 2 * PORT_MARGIN) / (count - 1))
    return _center(box) + (rank - (count - 1) / 2) * step


def _ports(
    chains: dict[tuple[str, str], list[Box | Lane]],
) -> dict[tuple[str, str], tuple[float, float]]:
    """Where each edge leaves its source and enters its target: the edges at one side of a box in the order of the
    heights of the items they come from or go to, so that they do not cross at the box."""
    leaving: dict[int, list[tuple[str, str]]] = defaultdict(list)
    entering: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for key, chain in chains.items():
        leaving[id(chain[0])].append(key)
        entering[id(chain[-1])].append(key)
    out: dict[tuple[str, str], float] = {}
    into: dict[tuple[str, str], float] = {}
    for keys in leaving.values():
        keys.sort(key=lambda k: (_center(chains[k][1]), _center(chains[k][-1])))
        for rank, key in enumerate(keys):
            out[key] = _port(chains[key][0], rank, len(keys))
    for keys in entering.values():
        keys.sort(key=lambda k: (_center(chains[k][-2]), _center(chains[k][0])))
        for rank, key in enumerate(keys):
            into[key] = _port(chains[key][-1], rank, len(keys))
    return {key: (out[key], into[key]) for key in chains}


def _path(
    chain: list[Box | Lane], spans: Sequence[ColumnSpan], out: float, into: float
) -> str:
    """The edge as SVG path data: S-curves in the gaps between columns, straight lines along its lanes and wherever
    it stays level (written as one "H")."""
    points = [(spans[chain[0].column].right, out)]
    for lane in chain[1:-1]:
        span = spans[lane.column]
        points += [(span.x, _center(lane)), (span.right, _center(lane))]
    points.append((spans[chain[-1].column].x, into))
    points = [(round(x), round(y)) for x, y in points]
    commands = [f"M{points[0][0]} {points[0][1]}"]
    pen = points[0][0]  # the x the path has been written up to
    level_to = pen  # how far it runs level from there
    for (x1, y1), (x2, y2) in zip(points[::2], points[1::2], strict=True):
        if y1 == y2:
            level_to = x2
            continue
        if x1 != pen:
            commands.append(f"H{x1}")
        # x2 - x1 is a column gap: the control points stay inside it, so the curve does too.
        bend = (x2 - x1) / 2
        commands.append(f"C{x1 + bend:g} {y1} {x2 - bend:g} {y2} {x2} {y2}")
        pen = level_to = x2
    if level_to != pen:
        commands.append(f"H{level_to}")
    return "".join(commands)
