"""The route graph's layout (gaps/pathways/graph.py), on routes built by hand: no database, no page."""

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
    wrap,
)
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
    assert (
        len({round(n.y) for n in graph.nodes}) == 1
    )  # all at one height: straight edges
    assert [(e.source, e.target) for e in graph.edges] == [
        ("start", "p:process-qualification"),
        ("p:process-qualification", "o:process-operator"),
    ]


def test_long_names_are_wrapped_into_three_lines_and_shortened_with_an_ellipsis():
    assert wrap("Battery technology", 10) == ("Battery technology",)
    assert wrap("Battery technology", 8) == ("Battery", "technology")
    lines = wrap(
        "Vocational Qualification in Process, Chemical, Plastics and Composites Industries",
        10,
    )
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(text_width(line) <= 10 for line in lines)
    # A compound too long for a line is broken after its own hyphen, or else with a hyphen added.
    assert wrap("Automaatio-operaattori (18 viikkoa)", 8) == (
        "Automaatio-",
        "operaattori (18",
        "viikkoa)",
    )
    assert wrap("Teollisuussähköasentaja", 8) == ("Teollisuussäh-", "köasentaja")
