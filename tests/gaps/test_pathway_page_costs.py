"""What the pathway page costs as the data grows: a fixed number of queries, and HTML that grows with the routes
shown without repeating their data (issue 11). Time budgets are not here: benchmarks/pathways.py measures them."""

import re

import pytest
from django.test.signals import template_rendered

from skills.models import OccupationSkill
from tests.factories import (
    EducationLevelFactory,
    LanguageFactory,
    OccupationFactory,
    QualificationTypeFactory,
    SkillFactory,
    pathway_programme,
)

pytestmark = pytest.mark.django_db

PATH = "/en/pathways/?start=fi-basic"
# 7 the form's choices (starting points, occupations, segments, regions, languages, fields of education,
# municipalities), 12 the search (gaps.pathways.network.load_network, sites included), 1 the steps' study modes and
# application periods (gaps.pathways.applying); the map's region outlines come from their own address
QUERIES = 7 + 12 + 1


@pytest.fixture
def bridge():
    """Basic education opens a vocational qualification (EQF 4); programmes added by add_programmes() are open
    only to holders of that qualification, so every route goes through it: basic → bridge → programme."""
    LanguageFactory(code="fi", name_fi="suomi", name_sv="finska", name_en="Finnish")
    basic = QualificationTypeFactory(
        code="fi-basic", level=EducationLevelFactory(level=2), order=1
    )
    level4 = EducationLevelFactory(level=4)
    vocational = QualificationTypeFactory(code="fi-vocational", level=level4, order=2)
    programme = pathway_programme(
        "bridge", level=level4, qualification=vocational, accepts=[basic], months=24
    )
    return {"vocational": vocational, "programme": programme}


def add_programmes(bridge, count: int, first: int = 0) -> None:
    """`count` EQF 5 programmes after the bridge, on both sides of the border, each leading to an occupation of its own."""
    level5 = EducationLevelFactory(level=5)
    for n in range(first, first + count):
        occupation = OccupationFactory(slug=f"occupation-{n}")
        OccupationSkill.objects.create(occupation=occupation, skill=SkillFactory())
        pathway_programme(
            f"programme-{n}",
            country="SE" if n % 2 else "FI",
            level=level5,
            accepts=[bridge["vocational"]],
            leads_to=[occupation],
            languages=("fi",),
        )


def rendered(client, path: str) -> tuple[str, list[str]]:
    """The page's HTML and the names of the templates rendered for it, one entry per rendering."""
    names: list[str] = []

    def record(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    try:
        html = client.get(path).content.decode()
    finally:
        template_rendered.disconnect(record)
    return html, names


def route_numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<li class="route" id="route-(\d+)"', html)]


def test_the_page_does_the_same_queries_for_1_and_200_programmes(
    client, bridge, django_assert_num_queries
):
    add_programmes(bridge, 1)
    with django_assert_num_queries(QUERIES):
        html = client.get(PATH).content.decode()
    assert route_numbers(html) == [1]

    add_programmes(bridge, 199, first=1)
    with django_assert_num_queries(QUERIES):
        html = client.get(PATH).content.decode()
    assert route_numbers(html) == list(range(1, 61))  # MAX_ROUTES


def test_the_graph_names_routes_by_their_numbers_in_the_list(client, bridge):
    """A route key repeats every slug of the route; the start node alone would hold all of them."""
    add_programmes(bridge, 12)
    html = client.get(PATH).content.decode()
    numbers = set(route_numbers(html))
    assert len(numbers) == 12
    graph = html[html.index("<svg") : html.index("</svg>")]
    marks = re.findall(r'data-routes="([^"]*)"', graph)
    assert marks and all(re.fullmatch(r"\d+( \d+)*", mark) for mark in marks)
    assert {int(n) for mark in marks for n in mark.split()} == numbers
    assert re.findall(r'data-route="(\d+)"', html) == [str(n) for n in sorted(numbers)]
    assert "&gt;occupation-" not in html  # no route key anywhere


def test_a_programme_card_is_rendered_once_however_many_routes_take_it(client, bridge):
    add_programmes(bridge, 12)
    html, templates = rendered(client, PATH)
    # 12 routes of two steps; the bridge is on all of them, yet its card is rendered once.
    assert len(route_numbers(html)) == 12
    assert templates.count("gaps/includes/route.html") == 12
    assert templates.count("gaps/includes/step_programme.html") == 13
    assert html.count('<li class="step">') == 24
    assert html.count('<a href="/en/programmes/bridge/">') == 12


def test_the_inline_json_is_the_map_places_and_the_interface_text_only(client, bridge):
    add_programmes(bridge, 12)
    html = client.get(PATH).content.decode()
    scripts = re.findall(r'<script id="([\w-]+)" type="application/json">', html)
    assert sorted(scripts) == [
        "pathway-map-config",
        "pathway-map-items",
        "pathway-text",
    ]
    items = re.search(
        r'<script id="pathway-map-items" type="application/json">(.*?)</script>',
        html,
        re.S,
    ).group(1)
    assert (
        items.count('"url"') == 13
    )  # one place per programme and site, not one per step
