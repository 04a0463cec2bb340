"""Where the network picture puts each actor and link: computed here, drawn as inline SVG by the page's template.

Finnish actors stand in the left column and Swedish ones in the right, each column grouped by type of actor (in the
order of the types) and sorted by name within a group. A link is a line between two actors; a link within one
country bends into the space between the columns so that it does not run over the actors of its column. Each kind
of cooperation has its own colour *and* its own dash pattern, and the legend shows both with the kind's name, so
that nobody needs to tell colours apart. Sizes are in SVG user units (pixels at 100 % zoom).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from batteryregion.i18n import Shown, shown
from programmes.network_edges import JOINT_ACTION, JointEdge, network_kinds
from skills.models import Actor, ActorLink, Country

ROW = 30  # vertical distance between two actors of a column
GROUP_GAP = 22  # extra space above a group's heading
TOP = 56  # room for the country headings
MARGIN = 12
GAP = 220  # horizontal distance between the two columns of actors
CHAR = 7.2  # a rough width of one character of the 13 px labels, to leave room for the longest name
RADIUS = 6
BEND = 70  # how far a link within one country bends towards the middle
JOINT_BEND = 28  # how much more a joint action's edge bends (or, across the border, how far it bows upwards)

# Colour and dash pattern of each kind; the colours keep a 3:1 contrast on white (WCAG 1.4.11).
STYLES: dict[str, tuple[str, str]] = {
    ActorLink.Kind.AGREEMENT: ("#0b5394", ""),
    ActorLink.Kind.APPRENTICESHIP: ("#a6341b", "10 5"),
    ActorLink.Kind.SHARED_PROGRAMME: ("#38761d", "3 4"),
    ActorLink.Kind.RESEARCH: ("#674ea7", "14 4 3 4"),
    ActorLink.Kind.CLUSTER: ("#7a5b00", "1 7"),
    # Derived from the actions (programmes/network_edges.py): long dashes with a double gap, in teal.
    JOINT_ACTION: ("#0e6e6e", "18 4 2 4 2 4"),
}


@dataclass(frozen=True)
class Node:
    actor_id: int
    label: Shown
    url: str
    x: float
    y: float
    label_x: float
    anchor: str  # "end" for the left column (name on the left of the dot), "start" for the right


@dataclass(frozen=True)
class Heading:
    text: str
    x: float
    y: float
    anchor: str
    is_country: bool


@dataclass(frozen=True)
class Edge:
    link_id: int | str  # an ActorLink's id, or a JointEdge's "action-<actor>-<partner>"
    kind: str
    path: str  # SVG path data
    colour: str
    dash: str


@dataclass(frozen=True)
class LegendEntry:
    kind: str
    label: str
    colour: str
    dash: str


@dataclass(frozen=True)
class NetworkGraph:
    width: int
    height: int
    nodes: list[Node]
    headings: list[Heading]
    edges: list[Edge]
    legend: list[LegendEntry]

    @property
    def link_ids(self) -> list[int | str]:
        return [edge.link_id for edge in self.edges]


def _actors(links: Sequence[ActorLink | JointEdge]) -> dict[int, Actor]:
    actors: dict[int, Actor] = {}
    for link in links:
        actors.setdefault(link.actor_id, link.actor)
        actors.setdefault(link.partner_id, link.partner)
    return actors


def _column(actors: list[Actor]) -> list[tuple[str, list[Actor]]]:
    """The actors of one country grouped by type (in the order of the types), by shown name within a group."""
    kinds = dict(Actor.Kind.choices)
    groups: dict[str, list[Actor]] = {}
    for actor in actors:
        groups.setdefault(actor.kind, []).append(actor)
    return [
        (
            str(kinds[kind]),
            sorted(
                groups[kind], key=lambda a: (shown(a, "name").text.casefold(), a.pk)
            ),
        )
        for kind in kinds
        if kind in groups
    ]


def network_graph(
    links: Sequence[ActorLink | JointEdge], actor_url: Callable[[str], str]
) -> NetworkGraph:
    """The positions of the actors and the lines of the links (both actors of each link loaded); no queries."""
    actors = _actors(links)
    by_country: dict[str, list[Actor]] = {code: [] for code in Country.values}
    for actor in actors.values():
        by_country.setdefault(actor.country, []).append(actor)
    left, right = Country.FINLAND, Country.SWEDEN
    countries = dict(Country.choices)
    kinds = dict(Actor.Kind.choices)
    # Room for the longest name or type heading of each column, and for the country's name.
    widest = {
        country: max(
            [
                len(str(countries[country])),
                *(
                    max(len(shown(a, "name").text), len(str(kinds[a.kind])))
                    for a in members
                ),
            ]  # fmt: skip
        )
        for country, members in by_country.items()
    }
    left_x = round(MARGIN + CHAR * widest[left] + RADIUS + 8, 1)
    right_x = left_x + GAP
    width = right_x + RADIUS + 8 + CHAR * widest[right] + MARGIN
    columns = {left: (left_x, "end", -1), right: (right_x, "start", 1)}

    nodes: dict[int, Node] = {}
    headings: list[Heading] = []
    bottom = TOP
    for country, (x, anchor, side) in columns.items():
        label_x = x + side * (RADIUS + 6)
        headings.append(Heading(str(countries[country]), label_x, 24, anchor, True))
        y = TOP
        for kind_label, members in _column(by_country.get(country, [])):
            y += GROUP_GAP
            headings.append(Heading(kind_label, label_x, y, anchor, False))
            for actor in members:
                y += ROW
                nodes[actor.pk] = Node(
                    actor_id=actor.pk,
                    label=shown(actor, "name"),
                    url=actor_url(actor.slug),
                    x=x,
                    y=y,
                    label_x=label_x,
                    anchor=anchor,
                )
        bottom = max(bottom, y)

    edges = []
    for link in links:
        start, end = nodes[link.actor_id], nodes[link.partner_id]
        colour, dash = STYLES[link.kind]
        # A joint action's edge bends a little more than a recorded link, so that both show when a pair has both.
        joint = link.kind == JOINT_ACTION
        if start.x == end.x:
            # Within one country: a curve bulging towards the other column.
            bend = (BEND + JOINT_BEND * joint) * (1 if start.x == left_x else -1)
            control_y = (start.y + end.y) / 2
            path = f"M {start.x:.1f} {start.y:.1f} Q {start.x + bend:.1f} {control_y:.1f} {end.x:.1f} {end.y:.1f}"
        elif joint:
            middle_x, middle_y = (
                (start.x + end.x) / 2,
                (start.y + end.y) / 2 - JOINT_BEND,
            )
            path = f"M {start.x:.1f} {start.y:.1f} Q {middle_x:.1f} {middle_y:.1f} {end.x:.1f} {end.y:.1f}"
        else:
            path = f"M {start.x:.1f} {start.y:.1f} L {end.x:.1f} {end.y:.1f}"
        edges.append(Edge(link.pk, link.kind, path, colour, dash))

    legend = [
        LegendEntry(kind, str(label), *STYLES[kind]) for kind, label in network_kinds()
    ]
    return NetworkGraph(
        width=round(width),
        height=round(bottom + ROW),
        nodes=list(nodes.values()),
        headings=headings,
        edges=edges,
        legend=legend,
    )
