"""The route graph's layout (gaps/pathways/graph.py and graph_layout.py), on routes built by hand or generated:
no database, no page. The edges are SVG path data the layout writes (M, H and C commands), so the geometry tests
evaluate them exactly rather than rendering them."""

import itertools
import re
from random import Random

import pytest
from django.utils import translation

from gaps.pathways.graph import (
    COURSES,
    LEVEL,
    OCCUPATIONS,
    START,
    occupation_groups,
    route_graph,
    text_width,
    word_ends,
    wrap,
)
from gaps.pathways.graph_layout import PORT_STEP
from gaps.pathways.search import Route, Step
from programmes.models import Programme
from skills.models import Actor, EducationLevel, Occupation, QualificationType

LEVELS = {n: EducationLevel(pk=n, level=n, name_en=f"Level {n}") for n in (4, 5, 6)}
COLLEGE = Actor(
    pk=1,
    slug="college",
    kind="provider",
    country="FI",
    name_en="College",
    name_fi="Oppilaitos",
)
START_POINT = QualificationType(
    pk=1, code="fi-vocational", name_en="Finnish vocational qualification"
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def programme(pk: int, slug: str, level: int | None = None) -> Programme:
    return Programme(
        pk=pk,
        slug=slug,
        name_en=slug.replace("-", " ").title(),
        provider=COLLEGE,
        awarded_level=LEVELS.get(level),
    )


def occupation(pk: int, slug: str) -> Occupation:
    return Occupation(pk=pk, slug=slug, label_en=slug.replace("-", " "))


def route(
    occupation_: Occupation,
    *programmes: Programme,
    country: str = "FI",
    score: float = 0,
) -> Route:
    steps = tuple(
        Step(
            programme=p,
            countries=(country,),
            months=12,
            languages=("fi",),
            places=20,
            reason="Open.",
        )
        for p in programmes
    )
    return Route(
        steps=steps,
        occupation=occupation_,
        by_link=True,
        covered_skills=0,
        essential_skills=0,
        total_months=12 * len(steps),
        duration_known=True,
        border_crossings=0,
        score=score,
    )


COURSE = programme(1, "automation-course")
VOCATIONAL = programme(2, "process-qualification", level=4)
YH = programme(3, "process-technician", level=5)
BACHELOR = programme(4, "bachelor-of-engineering", level=6)
SAFETY = programme(5, "safety-course")
OPERATOR = occupation(1, "process-operator")
ENGINEER = occupation(2, "process-engineer")

ROUTES = [
    route(OPERATOR, COURSE),
    route(ENGINEER, YH, BACHELOR),
    route(OPERATOR, VOCATIONAL, YH),
    route(ENGINEER, YH, SAFETY, BACHELOR),
    route(ENGINEER, COURSE, BACHELOR, country="SE"),
]


def chain(graph, item) -> list[str]:
    """The node ids a route passes, by the rules of the layout: courses are placed after the level held."""
    ids, held, in_row = ["start"], 0, 0
    for step in item.route.steps:
        level = (
            step.programme.awarded_level.level
            if step.programme.awarded_level_id
            else None
        )
        if level is None:
            in_row += 1
            ids.append(f"p:{step.programme.slug}@{held}.{in_row}")
        else:
            held, in_row = level, 0
            ids.append(f"p:{step.programme.slug}")
    return [*ids, f"o:{item.route.occupation.slug}"]


def test_routes_are_grouped_by_occupation_in_the_order_of_their_best_route_and_numbered_in_list_order():
    groups = occupation_groups(ROUTES)
    assert [(g.occupation.slug, [(i.number, i.key) for i in g.routes]) for g in groups] == [
        ("process-operator", [(1, "automation-course>process-operator"),
                              (2, "process-qualification>process-technician>process-operator")]),
        ("process-engineer", [(3, "process-technician>bachelor-of-engineering>process-engineer"),
                              (4, "process-technician>safety-course>bachelor-of-engineering>process-engineer"),
                              (5, "automation-course>bachelor-of-engineering>process-engineer")]),
    ]  # fmt: skip


def test_columns_run_from_the_start_through_the_levels_with_courses_before_and_between_them_to_the_occupations():
    graph = route_graph(START_POINT, occupation_groups(ROUTES))
    assert [(c.kind, c.level) for c in graph.columns] == [
        (START, None),
        (COURSES, None),  # courses taken first
        (LEVEL, 4),
        (LEVEL, 5),
        (COURSES, None),  # courses taken after an EQF 5 programme
        (LEVEL, 6),
        (OCCUPATIONS, None),
    ]
    column_of = {node.id: node.column for node in graph.nodes}
    assert column_of == {
        "start": 0,
        "p:automation-course@0.1": 1,
        "p:process-qualification": 2,
        "p:process-technician": 3,
        "p:safety-course@5.1": 4,
        "p:bachelor-of-engineering": 5,
        "o:process-operator": 6,
        "o:process-engineer": 6,
    }
    xs = [column.x for column in graph.columns]
    assert xs == sorted(xs)
    assert all(node.x == graph.columns[node.column].x for node in graph.nodes)


def test_every_route_is_a_chain_of_edges_that_run_from_left_to_right():
    groups = occupation_groups(ROUTES)
    graph = route_graph(START_POINT, groups)
    edges = {(e.source, e.target): e for e in graph.edges}
    column_of = {node.id: node.column for node in graph.nodes}
    for group in groups:
        for item in group.routes:
            ids = chain(graph, item)
            for source, target in zip(ids, ids[1:], strict=False):
                assert item.key in edges[(source, target)].routes, (
                    item.key,
                    source,
                    target,
                )
                assert column_of[source] < column_of[target]
    # and no edge belongs to no route
    assert all(edge.routes for edge in graph.edges)
    assert graph.route_keys == {route.key for route in ROUTES}


def test_a_node_lists_the_routes_drawn_through_it_and_their_numbers():
    graph = route_graph(START_POINT, occupation_groups(ROUTES))
    assert graph.node("start").routes == tuple(
        r.key for r in ROUTES[:1] + ROUTES[2:3] + ROUTES[1:2] + ROUTES[3:]
    )
    technician = graph.node("p:process-technician")
    assert technician.numbers == (2, 3, 4)
    assert graph.node("o:process-operator").numbers == (1, 2)
    assert (
        technician.label == "Process Technician (College, EQF 5, Finland), on 3 routes"
    )
    assert technician.status == (
        "3 routes go through Process Technician: numbers 2, 3, 4. They are marked in the list."
    )
    assert graph.node("p:automation-course@0.1").label == (
        "Automation Course (College, no EQF level, Finland), on 2 routes"
    )


def test_a_course_taken_at_different_points_appears_once_at_each_point():
    routes = [route(OPERATOR, COURSE), route(ENGINEER, YH, COURSE)]
    graph = route_graph(START_POINT, occupation_groups(routes))
    copies = [node for node in graph.nodes if node.obj is COURSE]
    assert [(node.id, graph.columns[node.column].kind) for node in copies] == [
        ("p:automation-course@0.1", COURSES),
        ("p:automation-course@5.1", COURSES),
    ]
    assert (
        copies[0].column < graph.node("p:process-technician").column < copies[1].column
    )


def test_two_courses_in_a_row_get_a_column_each():
    routes = [route(OPERATOR, COURSE, SAFETY), route(OPERATOR, SAFETY, COURSE)]
    graph = route_graph(START_POINT, occupation_groups(routes))
    assert {node.id: node.column for node in graph.nodes} == {
        "start": 0,
        "p:automation-course@0.1": 1,
        "p:safety-course@0.1": 1,
        "p:safety-course@0.2": 2,
        "p:automation-course@0.2": 2,
        "o:process-operator": 3,
    }


def test_nodes_of_a_column_do_not_overlap_and_stay_inside_the_picture():
    many = [
        route(occupation(100 + n, f"occupation-{n}"), programme(100 + n, f"course-{n}"))
        for n in range(12)
    ]
    graph = route_graph(START_POINT, occupation_groups([*ROUTES, *many]))
    for index in range(len(graph.columns)):
        members = sorted(
            (n for n in graph.nodes if n.column == index), key=lambda n: n.y
        )
        for upper, lower in zip(members, members[1:], strict=False):
            assert lower.y >= upper.y + upper.height
        for node in members:
            assert 0 <= node.y and node.y + node.height <= graph.height
            assert node.x + node.width <= graph.width


def test_the_graph_of_one_route_is_a_line():
    graph = route_graph(START_POINT, occupation_groups([route(OPERATOR, VOCATIONAL)]))
    assert [(n.id, n.column) for n in graph.nodes] == [
        ("start", 0),
        ("p:process-qualification", 1),
        ("o:process-operator", 2),
    ]
    # all centred at one height: the edges are straight lines
    assert len({n.y + n.height / 2 for n in graph.nodes}) == 1
    assert all(re.fullmatch(r"M[\d.]+ [\d.]+H[\d.]+", e.path) for e in graph.edges)
    assert [(e.source, e.target) for e in graph.edges] == [
        ("start", "p:process-qualification"),
        ("p:process-qualification", "o:process-operator"),
    ]


def test_long_names_are_wrapped_into_as_many_lines_as_they_need():
    assert wrap("Battery technology", 10) == ("Battery technology",)
    assert wrap("Battery technology", 8) == ("Battery", "technology")
    name = "Vocational Qualification in Process, Chemical, Plastics and Composites Industries"
    lines = wrap(name, 10)
    assert len(lines) == 6 and " ".join(lines) == name  # whole, never shortened
    assert all(text_width(line) <= 10 for line in lines)
    # A compound too long for a line is broken after its own hyphen, or else with a hyphen added.
    assert wrap("Automaatio-operaattori (18 viikkoa)", 8) == (
        "Automaatio-",
        "operaattori (18",
        "viikkoa)",
    )
    assert wrap("Teollisuussähköasentaja", 8) == ("Teollisuussäh-", "köasentaja")


def drawn_text(node) -> str:
    """The text of a node's box as a browser reads it: its <tspan>s one after the other."""
    return "".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", str(node.text_spans)))


def test_a_box_reads_as_its_whole_name_and_its_accessible_name_starts_with_it():
    long = Programme(
        pk=9,
        slug="teollisuus",
        name_en="Teollisuussähköasentaja ja automaatio-operaattori (aikuiskoulutus, 40 viikkoa)",
        provider=COLLEGE,
        awarded_level=LEVELS[4],
    )
    graph = route_graph(
        START_POINT, occupation_groups([*ROUTES, route(OPERATOR, long)])
    )
    for node in graph.nodes:
        text = drawn_text(node)
        # A line broken inside a word by the layout ends in a hyphen the name does not have; nothing else differs.
        lines, ends = node.lines, word_ends(node.name.text, node.lines)
        assert len(lines) == len(ends)
        assert text.replace("-", "") == node.name.text.replace("-", ""), node.id
        # Label in name (WCAG 2.5.3): the accessible name begins with the words on the box.
        assert node.label.startswith(node.name.text)
        assert node.name.text in node.label
    box = graph.node("p:teollisuus")
    assert len(box.lines) > 3
    # broken inside the compound (a hyphen added) and at its own hyphen (none added): no space after those lines
    assert drawn_text(box).count("-") == box.name.text.count("-") + 1
    assert [line.endswith("-") for line in box.lines] == [
        not end for end in word_ends(box.name.text, box.lines)[:-1]
    ] + [False]


def test_programmes_with_names_that_begin_alike_show_different_text():
    alike = [
        programme(
            20 + n,
            f"vocational-qualification-in-electrical-and-automation-engineering-{town}",
            level=4,
        )
        for n, town in enumerate(["kemi", "oulu", "tornio"])
    ]
    graph = route_graph(
        START_POINT, occupation_groups([route(OPERATOR, p) for p in alike])
    )
    texts = [drawn_text(n) for n in graph.nodes if n.kind == "programme"]
    assert len(texts) == len(set(texts)) == 3


# Geometry ----------------------------------------------------------------------------------------------------------


def path_points(path: str, samples: int = 48) -> list[tuple[float, float]]:
    """Points along SVG path data made of M, H and C commands: the ends of every straight stretch, many points of
    every curve, and points along straight stretches one pixel apart."""
    points: list[tuple[float, float]] = []
    x = y = 0.0
    for command, numbers in re.findall(r"([MHC])([^MHC]*)", path):
        values = [float(v) for v in numbers.split()]
        if command == "M":
            x, y = values
            points.append((x, y))
        elif command == "H":
            (x2,) = values
            steps = max(int(abs(x2 - x)), 1)
            points += [(x + (x2 - x) * i / steps, y) for i in range(1, steps + 1)]
            x = x2
        else:
            x1, y1, x2, y2, x3, y3 = values
            for i in range(1, samples + 1):
                t = i / samples
                u = 1 - t
                points.append(
                    (
                        u**3 * x + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                        u**3 * y + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
                    )
                )
            x, y = x3, y3
    return points


def inside(point: tuple[float, float], node) -> bool:
    """Whether the point is inside the node's box (its outline excluded: edges end on it)."""
    x, y = point
    return node.x < x < node.x + node.width and node.y < y < node.y + node.height


def generated_routes(seed: int, count: int) -> list[Route]:
    """Routes of one to four steps over a small pool of programmes and courses, so that routes share nodes, skip
    columns (a start straight to EQF 6, a course straight to an occupation) and cross: fixed for each seed."""
    rng = Random(seed)
    levels = [
        programme(200 + n, f"level-{level}-programme-{n}", level)
        for n, level in enumerate([4, 4, 5, 5, 6, 6])
    ]
    courses = [programme(300 + n, f"course-{n}") for n in range(4)]
    occupations = [occupation(200 + n, f"occupation-{n}") for n in range(5)]
    routes = []
    for _ in range(count):
        # one programme at most per level: the search never goes back or sideways in level
        chosen = rng.sample(levels, rng.randint(0, 3))
        steps = sorted(
            {p.awarded_level.level: p for p in chosen}.values(),
            key=lambda p: p.awarded_level.level,
        )
        for _course in range(rng.randint(0 if steps else 1, 2)):
            steps.insert(rng.randint(0, len(steps)), rng.choice(courses))
        steps = [
            p for p, _group in itertools.groupby(steps)
        ]  # no programme twice in a row
        routes.append(
            route(rng.choice(occupations), *steps, country=rng.choice(["FI", "SE"]))
        )
    unique = {r.key: r for r in routes}
    return list(unique.values())


ROUTE_SETS = [
    pytest.param(ROUTES, id="hand-made"),
    *(
        pytest.param(generated_routes(seed, count), id=f"{count}-routes-{seed}")
        for seed, count in [(1, 3), (2, 12), (3, 30), (4, 60), (5, 60)]
    ),
]


@pytest.mark.parametrize("routes", ROUTE_SETS)
def test_no_edge_runs_through_a_box_it_does_not_connect(routes):
    graph = route_graph(START_POINT, occupation_groups(routes))
    skipping = [
        e
        for e in graph.edges
        if graph.node(e.target).column - graph.node(e.source).column > 1
    ]
    if len(routes) >= 12:
        assert skipping, "the route set should have edges that skip columns"
    for edge in graph.edges:
        points = path_points(edge.path)
        source, target = graph.node(edge.source), graph.node(edge.target)
        assert points[0] == (source.x + source.width, pytest.approx(points[0][1]))
        assert points[-1][0] == target.x
        assert source.y <= points[0][1] <= source.y + source.height
        assert target.y <= points[-1][1] <= target.y + target.height
        for node in graph.nodes:
            crossed = [p for p in points if inside(p, node)]
            assert not crossed, (
                f"{edge.source} → {edge.target} runs through {node.id} at {crossed[0]}"
            )


@pytest.mark.parametrize("routes", ROUTE_SETS)
def test_boxes_do_not_overlap_and_everything_is_inside_the_picture(routes):
    graph = route_graph(START_POINT, occupation_groups(routes))
    for a, b in itertools.combinations(graph.nodes, 2):
        apart = (
            a.x + a.width <= b.x
            or b.x + b.width <= a.x
            or a.y + a.height <= b.y
            or b.y + b.height <= a.y
        )
        assert apart, (a.id, b.id)
    for node in graph.nodes:
        assert 0 <= node.x and node.x + node.width <= graph.width, node.id
        assert 0 <= node.y and node.y + node.height <= graph.height, node.id
    assert {n.id for n in graph.nodes if n.kind == "occupation"} == {
        f"o:{r.occupation.slug}" for r in routes
    }
    for edge in graph.edges:
        assert all(
            0 <= x <= graph.width and 0 <= y <= graph.height
            for x, y in path_points(edge.path)
        )


@pytest.mark.parametrize("routes", ROUTE_SETS)
def test_edges_at_one_side_of_a_box_meet_it_at_different_points(routes):
    """Two routes that share a box and part ways stay two lines where they leave or reach it."""
    graph = route_graph(START_POINT, occupation_groups(routes))
    for node in graph.nodes:
        leaving = [path_points(e.path)[0] for e in graph.edges if e.source == node.id]
        reaching = [path_points(e.path)[-1] for e in graph.edges if e.target == node.id]
        for ends in (leaving, reaching):
            heights = sorted(y for _x, y in ends)
            # far enough apart to see two lines (PORT_STEP, less a pixel of rounding)
            assert all(
                b - a >= PORT_STEP - 1 for a, b in itertools.pairwise(heights)
            ), node.id


def test_two_edges_never_run_along_the_same_lane():
    graph = route_graph(START_POINT, occupation_groups(generated_routes(4, 60)))
    level_runs = set()
    for edge in graph.edges:
        for match in re.finditer(
            r"(?:^M|C[\d. ]+ )([\d.]+) ([\d.]+)H([\d.]+)", edge.path
        ):
            x, y, x2 = (float(v) for v in match.groups())
            for column in graph.columns:
                if (
                    x <= column.x and column.x + column.width <= x2
                ):  # along a lane through this column
                    assert (column.index, y) not in level_runs, edge
                    level_runs.add((column.index, y))
    assert level_runs
