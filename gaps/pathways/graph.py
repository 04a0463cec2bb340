"""The route graph of the pathway page: routes in, columns, nodes and edges with their positions out.

Pure: no HTTP and no queries (it reads only what the routes already hold), so the layout is tested without a page.
The template draws the result as an inline SVG; static/js/pathways.js makes the nodes buttons that highlight the
routes through them, here and in the list beside the graph. Nodes and edges name their routes by number on the page
(``numbers``), not by key: a key is a chain of slugs, and the start node alone would repeat all of them.

Columns, left to right:

* the person's starting point;
* programmes by the EQF level they award, one column per level that occurs;
* programmes that award no level (short courses, modules, upskilling) in a column of their own, right after the
  level the person holds from the route's earlier programmes, or before every level column when the course is the
  first step. A second course in a row gets the next column. A course taken at different points of different
  routes appears once at each point, so that every edge runs from left to right;
* the occupations, in the order of the list (``occupation_groups``).

Each box shows its whole name, wrapped to as many lines as it needs. Where the boxes go and how the edges run between
them (never under a box they do not connect) is graph_layout.py's work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from batteryregion.i18n import Shown, shown
from gaps.pathways.graph_layout import (
    PADDING,
    PORT_MARGIN,
    PORT_STEP,
    ColumnSpan,
    layout,
)
from gaps.pathways.search import Route
from skills.models import Country, Occupation, QualificationType

NODE_WIDTH = 136
START_WIDTH = 116  # the starting point's column holds one node: it can be narrower
NODE_HEIGHT = 44  # at least; a box grows with the lines of its name
TEXT_PADDING = 8  # above the first line and below the last
COLUMN_GAP = 28
COUNTRY_STRIP = 18  # the coloured strip with "FI" or "SE" on the left of a programme
LINE_HEIGHT = 14
FONT_SIZE = 12  # of a node's name; static/css/pathways.css draws it at this size
NARROW = set("fijlrtI.,:;'!|()[]- ")
WIDE = set("mwMW")

START, LEVEL, COURSES, OCCUPATIONS = "start", "level", "courses", "occupations"


@dataclass(frozen=True)
class NumberedRoute:
    """A route with its number on the page ("Route 3"), shared by the graph and the list."""

    number: int
    route: Route

    @property
    def key(self) -> str:
        return self.route.key


@dataclass(frozen=True)
class OccupationGroup:
    occupation: Occupation
    routes: tuple[NumberedRoute, ...]


def occupation_groups(routes: Sequence[Route]) -> list[OccupationGroup]:
    """Routes under their occupation; occupations in the order of their best route, routes numbered 1… in the
    order they are listed, best first within each occupation."""
    by_occupation: dict[int, list[Route]] = {}
    for route in routes:
        by_occupation.setdefault(route.occupation.pk, []).append(route)
    groups, number = [], 0
    for members in by_occupation.values():
        numbered = []
        for route in members:
            number += 1
            numbered.append(NumberedRoute(number, route))
        groups.append(OccupationGroup(members[0].occupation, tuple(numbered)))
    return groups


@dataclass(frozen=True)
class Column:
    index: int
    kind: str  # START, LEVEL, COURSES or OCCUPATIONS
    level: int | None  # the EQF level of a LEVEL column
    x: float
    width: float

    @property
    def center(self) -> float:
        return self.x + self.width / 2


@dataclass
class Node:
    id: str  # "start", "p:<slug>", "p:<slug>@<level>.<n>" for a course, "o:<slug>"
    kind: str  # "start", "programme", "course" or "occupation"
    column: int
    name: Shown
    obj: Any  # the QualificationType, Programme or Occupation
    countries: tuple[str, ...] = ()
    # keys of the routes drawn through this node, in list order
    routes: tuple[str, ...] = ()
    numbers: tuple[int, ...] = ()  # their numbers on the page
    label: str = ""  # accessible name of the node as a button
    status: str = ""  # what is announced when the node is chosen
    lines: tuple[str, ...] = ()  # the whole name as drawn, wrapped
    x: float = 0.0
    y: float = 0.0
    width: float = NODE_WIDTH
    height: float = NODE_HEIGHT
    order: tuple = ()  # the order in its column before graph_layout's sweeps
    placed: set[str] = field(default_factory=set)  # the same while the layout runs

    @property
    def has_country(self) -> bool:
        return self.kind in ("programme", "course")

    @property
    def text_x(self) -> float:
        """Programmes leave room on the left for their country strip."""
        return COUNTRY_STRIP + 6 if self.has_country else 10

    @property
    def line_ems(self) -> float:
        """Room for one line of the name, in ems (bold on the start node)."""
        return (
            (self.width - self.text_x - 8)
            / FONT_SIZE
            * (0.92 if self.kind == "start" else 1)
        )

    @property
    def text_lines(self) -> list[tuple[float, str]]:
        """Each drawn line with the y of its baseline, centred in the box."""
        top = (self.height - LINE_HEIGHT * len(self.lines)) // 2
        return [
            (top + LINE_HEIGHT * (i + 1) - 4, line) for i, line in enumerate(self.lines)
        ]

    # The attributes and <tspan>s below are written here rather than with template filters and loops: a graph has
    # dozens of nodes, and those were a large part of drawing it.

    @property
    def route_numbers(self) -> str:
        return " ".join(map(str, self.numbers))  # data-routes: "2 3 4"

    @property
    def text_spans(self) -> str:
        """The lines as <tspan>s. A line that ends between two words keeps the space after it, so that the text of
        the box reads as the name itself (its accessible name starts with the same words)."""
        line = '<tspan x="{}" y="{}">{}</tspan>'
        ends = word_ends(self.name.text, self.lines)
        return format_html_join(
            "",
            line,
            (
                (self.text_x, y, t + (" " if end else ""))
                for (y, t), end in zip(self.text_lines, ends, strict=True)
            ),
        )

    @property
    def badge_spans(self) -> str:
        code = '<tspan x="9" y="{}" text-anchor="middle">{}</tspan>'
        return format_html_join("", code, self.badge_lines)

    @property
    def strip_path(self) -> str:
        """The country strip: the left end of the box, rounded like it."""
        h, r = self.height, 6
        return f"M{r} 0H{COUNTRY_STRIP}V{h}H{r}A{r} {r} 0 0 1 0 {h - r}V{r}A{r} {r} 0 0 1 {r} 0Z"

    @property
    def badge_lines(self) -> list[tuple[float, str]]:
        """The country codes in the strip, one per line."""
        top = (self.height - 12 * len(self.countries)) / 2
        return [
            (top + 12 * (i + 1) - 2.5, code) for i, code in enumerate(self.countries)
        ]


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    routes: tuple[str, ...]  # keys of the routes along it
    path: str  # SVG path data
    # the routes' numbers on the page, which marks routes by number rather than by their long keys
    numbers: tuple[int, ...] = ()

    @property
    def route_numbers(self) -> str:
        return " ".join(map(str, self.numbers))


@dataclass
class Graph:
    columns: list[Column]
    nodes: list[Node]
    edges: list[Edge]
    width: float
    height: float

    @property
    def route_keys(self) -> set[str]:
        return {key for edge in self.edges for key in edge.routes}

    def node(self, node_id: str) -> Node:
        return next(node for node in self.nodes if node.id == node_id)


def text_width(text: str) -> float:
    """The width of the text in ems, estimated from the widths of a wide sans-serif (DejaVu Sans), so that a
    line that fits here fits in the browser."""
    width = 0.0
    for char in text:
        if char in NARROW:
            width += 0.34
        elif char in WIDE:
            width += 0.92
        elif char.isupper():
            width += 0.74
        else:
            width += 0.61
    return width


def wrap(text: str, width: float) -> tuple[str, ...]:
    """The text in lines of at most `width` ems, broken between words, and inside a word too long for a line
    (Finnish and Swedish compounds) after a hyphen or with one. Every line is drawn: a box shows its whole name, never
    a shortened one that two programmes could share, and its accessible name starts with the same words."""

    def fits(line: str) -> bool:
        return text_width(line) <= width

    # (text, whether a line must end after it): words, and the parts of words too long for a line.
    pieces: list[tuple[str, bool]] = []
    for word in text.split():
        while not fits(word):
            # After the last hyphen that fits, or else as far as fits with a hyphen added.
            hyphens = [
                i + 1
                for i, char in enumerate(word[:-1])
                if char == "-" and fits(word[: i + 1])
            ]
            if hyphens:
                head, word = word[: hyphens[-1]], word[hyphens[-1] :]
            else:
                split = max(
                    [i for i in range(1, len(word)) if fits(word[:i] + "-")], default=1
                )
                head, word = word[:split] + "-", word[split:]
            pieces.append((head, True))
        pieces.append((word, False))
    out: list[str] = []
    line_ends = True
    for piece, ends in pieces:
        if not line_ends and fits(f"{out[-1]} {piece}"):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
        line_ends = ends
    return tuple(out)


def word_ends(text: str, lines: Sequence[str]) -> list[bool]:
    """For each line of `wrap(text, …)`, whether a space followed it in the text (the line ends between words rather
    than inside a word broken with a hyphen)."""
    ends, position = [], 0
    for line in lines:
        piece = line if text.startswith(line, position) else line.removesuffix("-")
        position += len(piece)
        ends.append(text[position : position + 1].isspace())
        while text[position : position + 1].isspace():
            position += 1
    return ends


def _level(programme: Any) -> int | None:
    return programme.awarded_level.level if programme.awarded_level_id else None


def _country_names(codes: Sequence[str]) -> str:
    return ", ".join(
        str(Country(code).label) if code in Country.values else code for code in codes
    )


def route_graph(
    starting_point: QualificationType, groups: Sequence[OccupationGroup]
) -> Graph:
    """The layout of the routes of `groups` from `starting_point`: every route is a path of edges from the start
    node through one node per step to its occupation node."""
    numbered = [item for group in groups for item in group.routes]
    number_of = {item.key: item.number for item in numbered}
    start = Node(
        id="start",
        kind="start",
        column=0,
        name=shown(starting_point, "name"),
        obj=starting_point,
        order=(0,),
    )
    nodes: dict[str, Node] = {"start": start}
    column_keys: dict[str, tuple] = {"start": (-1, 0)}
    edge_routes: dict[tuple[str, str], list[str]] = defaultdict(list)

    for item in numbered:
        route = item.route
        previous = start
        start.placed.add(item.key)
        held = 0  # the highest level awarded by the route's programmes so far
        courses_in_row = 0
        for step in route.steps:
            programme = step.programme
            level = _level(programme)
            if level is not None:
                node_id, column_key, kind = (
                    f"p:{programme.slug}",
                    (level, 0),
                    "programme",
                )
                held, courses_in_row = max(held, level), 0
            else:
                courses_in_row += 1
                node_id = f"p:{programme.slug}@{held}.{courses_in_row}"
                column_key, kind = (held, courses_in_row), "course"
            node = nodes.get(node_id)
            if node is None:
                node = nodes[node_id] = Node(
                    id=node_id,
                    kind=kind,
                    column=0,
                    name=shown(programme, "name"),
                    obj=programme,
                    countries=tuple(step.countries),
                    order=(item.number, shown(programme, "name").text),
                )
                column_keys[node_id] = column_key
            node.placed.add(item.key)
            edge_routes[(previous.id, node.id)].append(item.key)
            previous = node
        occupation = route.occupation
        node_id = f"o:{occupation.slug}"
        node = nodes.get(node_id)
        if node is None:
            node = nodes[node_id] = Node(
                id=node_id,
                kind="occupation",
                column=0,
                name=shown(occupation, "label"),
                obj=occupation,
                order=(item.number,),
            )
            column_keys[node_id] = (99, 0)
        node.placed.add(item.key)
        edge_routes[(previous.id, node.id)].append(item.key)

    # Columns in order: start, then levels with their course columns after them, then occupations.
    ordered_keys = sorted(set(column_keys.values()))
    columns = []
    for index, key in enumerate(ordered_keys):
        if key == (-1, 0):
            kind, level = START, None
        elif key == (99, 0):
            kind, level = OCCUPATIONS, None
        elif key[1] == 0:
            kind, level = LEVEL, key[0]
        else:
            kind, level = COURSES, None
        width = START_WIDTH if kind == START else NODE_WIDTH
        x = columns[-1].x + columns[-1].width + COLUMN_GAP if columns else PADDING
        columns.append(Column(index, kind, level, x, width))
    column_index = {key: index for index, key in enumerate(ordered_keys)}
    # A box is tall enough for its name, its country codes and, PORT_STEP apart, the edges at either side of it.
    edges_at: dict[tuple[str, str], int] = defaultdict(int)
    for source, target in edge_routes:
        edges_at[(source, "right")] += 1
        edges_at[(target, "left")] += 1
    for node in nodes.values():
        node.column = column_index[column_keys[node.id]]
        node.width = columns[node.column].width
        node.routes = tuple(sorted(node.placed, key=number_of.__getitem__))
        node.numbers = tuple(number_of[key] for key in node.routes)
        node.lines = wrap(node.name.text, node.line_ems)
        node.height = max(
            NODE_HEIGHT,
            LINE_HEIGHT * len(node.lines) + 2 * TEXT_PADDING,
            12 * len(node.countries) + 2 * TEXT_PADDING,
            PORT_STEP
            * (max(edges_at[(node.id, "left")], edges_at[(node.id, "right")]) - 1)
            + 2 * PORT_MARGIN,
        )
        node.label, node.status = _describe(node)

    spans = [ColumnSpan(column.x, column.width) for column in columns]
    placed = layout(list(nodes.values()), list(edge_routes), spans)
    edges = [
        Edge(
            source,
            target,
            tuple(keys),
            placed.paths[(source, target)],
            tuple(number_of[key] for key in keys),
        )
        for (source, target), keys in edge_routes.items()
    ]
    ordered_nodes = sorted(nodes.values(), key=lambda node: (node.column, node.y))
    width = columns[-1].x + columns[-1].width + PADDING
    return Graph(
        columns=columns,
        nodes=ordered_nodes,
        edges=edges,
        width=width,
        height=placed.height,
    )


def _describe(node: Node) -> tuple[str, str]:
    """The node's accessible name and the sentence announced when it is chosen."""
    count = len(node.routes)
    numbers = ", ".join(str(n) for n in node.numbers)
    name = node.name.text
    if node.kind == "start":
        label = _("%(name)s (your starting point)") % {"name": name}
        status = ngettext(
            "%(count)s route starts from %(name)s. It is marked in the list.",
            "All %(count)s routes start from %(name)s. They are marked in the list.",
            count,
        ) % {"count": count, "name": name}
        return label, status
    if node.kind == "occupation":
        label = ngettext(
            "%(name)s (occupation), reached by %(count)s route",
            "%(name)s (occupation), reached by %(count)s routes",
            count,
        ) % {"name": name, "count": count}
        status = ngettext(
            "%(count)s route leads to %(name)s: number %(numbers)s. It is marked in the list.",
            "%(count)s routes lead to %(name)s: numbers %(numbers)s. They are marked in the list.",
            count,
        ) % {"count": count, "name": name, "numbers": numbers}
        return label, status
    programme = node.obj
    level = _level(programme)
    details = [
        shown(programme.provider, "name").text,
        f"EQF {level}" if level is not None else _("no EQF level"),
        _country_names(node.countries),
    ]
    label = ngettext(
        "%(name)s (%(details)s), on %(count)s route",
        "%(name)s (%(details)s), on %(count)s routes",
        count,
    ) % {"name": name, "details": ", ".join(d for d in details if d), "count": count}
    status = ngettext(
        "%(count)s route goes through %(name)s: number %(numbers)s. It is marked in the list.",
        "%(count)s routes go through %(name)s: numbers %(numbers)s. They are marked in the list.",
        count,
    ) % {"count": count, "name": name, "numbers": numbers}
    return label, status
