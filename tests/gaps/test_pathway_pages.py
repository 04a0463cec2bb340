"""The pathway pages: the form and the "How routes are chosen" page in each language, routes with their steps, reasons
and totals, the route graph and the map beside the list, the starting points offered, what each preference removed,
unknown durations, the cap, occupations without training, and a fixed number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from gaps.pathways.search import PathwayQuery, find_pathways
from skills.models import OccupationSkill, QualificationType
from tests.factories import EducationLevelFactory, OccupationFactory, SkillFactory
from tests.gaps import pathway_page_data
from tests.gaps.pathway_page_data import programme

pytestmark = pytest.mark.django_db

# The pathway pages' data set, bound by name here: the data fixture of tests/gaps/conftest.py is the gap pages'.
data = pathway_page_data.data

LANGUAGES = ["fi", "sv", "en"]
# Starting points, occupations, segments, regions, languages, fields of education, municipalities. The map costs
# nothing more: the sites of the routes' programmes come with the search, and map.js fetches the region outlines
# from their own address.
CHOICES = 7


def listed_routes(html: str) -> list[tuple[str, str, str]]:
    """(number, key, body) of each route in the list, the key read from its step links and its occupation group."""
    routes = []
    groups = re.findall(
        r'<h3 id="occupation-\d+"><a href="/\w+/occupations/([^/]+)/">(.*?)</section>',
        html,
        re.S,
    )
    for occupation, group in groups:
        for number, body in re.findall(
            r'<li class="route" id="route-(\d+)" data-route="\1">(.*?)</dl>\s*</li>',
            group,
            re.S,
        ):
            slugs = re.findall(
                r'<p class="step-title"><a href="/\w+/programmes/([^/]+)/">', body
            )
            routes.append((number, ">".join([*slugs, occupation]), body))
    return sorted(routes, key=lambda route: int(route[0]))


def url(name: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name)


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[ >]", html))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_answers_in_each_language_with_one_h1_and_starting_points_by_country(
    client, data, language
):
    response = client.get(url("gaps:pathways", language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert h1_count(html) == 1
    start = re.search(r'<select name="start".*?</select>', html, re.S).group(0)
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', start, re.S)
    assert [
        (label, re.findall(r'value="([^"]+)"', options)) for label, options in groups
    ] == [
        (
            {"fi": "Suomi", "sv": "Finland", "en": "Finland"}[language],
            ["fi-basic", "fi-vocational"],
        ),
        # Other holds the starting points without a country, such as work experience.
        (groups[1][0], ["work-experience"]),
    ]
    assert 'class="route"' not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_how_page_answers_in_each_language_with_one_h1_and_the_numbers_of_the_search(
    client, settings, language
):
    settings.PATHWAY_COVERAGE_THRESHOLD = 0.6
    response = client.get(url("gaps:how", language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert h1_count(html) == 1
    # The coverage threshold as a percentage: "60 %" with a space that does not break in fi and sv, "60%" in en.
    assert ("60%" if language == "en" else "60\u00a0%") in html
    assert "24 + 6" in html  # the worked example of the score
    assert f'href="{url("gaps:pathways", language)}"' in html


def test_the_pathway_page_links_to_the_how_page_and_the_navigation_to_the_pathway_page(
    client, data
):
    html = client.get("/sv/pathways/").content.decode()
    assert 'href="/sv/pathways/how/"' in html
    assert '<a href="/sv/pathways/" aria-current="page">' in html


def test_routes_render_with_their_steps_reasons_and_totals(client, data):
    response = client.get("/en/pathways/", {"start": "fi-vocational"})
    assert response.status_code == 200
    html = response.content.decode()

    assert re.search(
        r'<h2 id="results-title" class="results-title">\s*2 routes from your starting point',
        html,
    )
    assert '<a href="/en/occupations/cell-operator/">' in html
    items = listed_routes(html)
    by_key = {key: body for _number, key, body in items}
    assert [(number, key) for number, key, _body in items] == [
        ("1", "battery-course>cell-operator"),  # 4 months − 12 × 3/4 = −5
        ("2", "yh-battery>cell-operator"),  # 18 months
    ]

    course = by_key["battery-course>cell-operator"]
    assert '<a href="/en/programmes/battery-course/">' in course
    assert "no EQF level (short course or module)" in course
    assert "Open to people with: Finnish vocational qualification." in course
    assert "Teaches 3 of its 4 essential skills (75%)." in course
    assert (
        ">Finland</span>" in course and 'Finland: <span lang="en">Oulu</span>' in course
    )
    assert (
        '<dd><span lang="en">English</span>, <span lang="en">suomi</span></dd>'
        in course
    )

    yh = by_key["yh-battery>cell-operator"]
    assert "EQF 5" in yh
    assert (
        "Open to anyone with a qualification at EQF level 4 or above, such as Finnish vocational qualification."
        in yh
    )
    assert "Leads directly to this occupation." in yh
    assert "about 18 months" in yh and ">Sweden</span>" in yh
    assert "<dd>30</dd>" in yh  # places per year
    assert "Short courses and modules are included" in html


def test_a_two_step_route_shows_both_steps_the_border_crossing_and_the_totals(
    client, data
):
    html = client.get("/en/pathways/", {"start": "fi-basic"}).content.decode()
    (item,) = [
        body
        for _number, key, body in listed_routes(html)
        if key == "vocational-process>yh-battery>cell-operator"
    ]
    steps = re.findall(
        r'<li class="step">.*?<a href="/en/programmes/([^/]+)/">', item, re.S
    )
    assert steps == ["vocational-process", "yh-battery"]
    assert "Open to people with: Finnish basic education." in item
    assert (
        "such as Process industry qualification." in item
    )  # the second step opens with the first's level
    assert "Finland → Sweden" in item
    assert "1 crossing between Finland and Sweden" in item
    assert "about 54 months" in item
    assert "30 (the fewest along the route)" in item


def test_the_graph_shows_the_same_routes_as_the_list(client, data):
    html = client.get("/en/pathways/", {"start": "fi-basic"}).content.decode()
    key_of = {number: key for number, key, _body in listed_routes(html)}
    graph = html[html.index("<svg") : html.index("</svg>")]
    # Nodes and edges name their routes by their numbers in the list.
    drawn = {
        key_of[number]
        for numbers in re.findall(r'data-routes="([^"]*)"', graph)
        for number in numbers.split()
    }
    assert (
        drawn
        == set(key_of.values())
        == {
            "vocational-process>yh-battery>cell-operator",
            "vocational-process>battery-course>cell-operator",  # upskilling after the qualification
        }
    )
    nodes = re.findall(
        r'<g class="graph-node" data-kind="(\w+)" data-node="([^"]+)" data-column="(\d+)"',
        graph,
    )
    assert sorted(nodes, key=lambda n: n[2]) == [
        ("start", "start", "0"),
        ("programme", "p:vocational-process", "1"),
        (
            "course",
            "p:battery-course@4.1",
            "2",
        ),  # short courses after EQF 4, before EQF 5
        ("programme", "p:yh-battery", "3"),
        ("occupation", "o:cell-operator", "4"),
    ]
    headers = re.findall(r'<text class="graph-header"[^>]*>([^<]+)</text>', graph)
    assert headers == [
        "Starting point",
        "EQF 4",
        "Short courses",
        "EQF 5",
        "Occupations",
    ]
    assert 'aria-labelledby="graph-caption"' in graph


def test_the_routes_programmes_are_on_a_small_map(client, data):
    response = client.get("/en/pathways/", {"start": "fi-vocational"})
    items = response.context["map_items"]
    assert [(i["name"], i["url"], i["kind"], i["town"]) for i in items] == [
        ("Battery course", "/en/programmes/battery-course/", "programme", "Oulu"),
        (
            "Battery technician YH",
            "/en/programmes/yh-battery/",
            "programme",
            "Skellefteå",
        ),
    ]
    html = response.content.decode()
    assert (
        '<div class="site-map pathway-map" data-map-items="pathway-map-items" data-map-config="pathway-map-config">'
        in html
    )
    assert re.search(r"<figure class=\"site-map-figure\">.*?<figcaption>", html, re.S)


def add_programmes(data, count: int) -> None:
    """More of everything: programmes on both sides of the border, each open to the vocational start and leading
    to an occupation of its own, with sites, languages and skills."""
    level5 = EducationLevelFactory(level=5)
    for n in range(count):
        occupation = OccupationFactory(slug=f"occupation-{n}")
        skill = SkillFactory()
        OccupationSkill.objects.create(occupation=occupation, skill=skill)
        programme(
            f"extra-{n}",
            name=f"Extra programme {n}",
            country="SE" if n % 2 else "FI",
            level=level5 if n % 3 else None,
            accepts=[data["vocational"]],
            leads_to=[occupation],
            teaches=[skill],
            languages=("fi", "sv"),
        )


def search_queries(query: PathwayQuery) -> int:
    with CaptureQueriesContext(connection) as captured:
        find_pathways(query)
    return len(captured.captured_queries)


def test_the_pages_do_the_same_queries_for_small_and_larger_data(
    client, data, django_assert_num_queries
):
    query = PathwayQuery(starting_point=data["vocational"])
    search = search_queries(
        query
    )  # the search's own fixed number (gaps.pathways.network.load_network)
    path = "/en/pathways/?start=fi-vocational"

    with django_assert_num_queries(CHOICES):
        client.get("/en/pathways/")
    with django_assert_num_queries(CHOICES):
        assert client.get("/en/pathways/?start=nope").status_code == 400
    # With routes, one more: their programmes' study modes and application periods (gaps.pathways.applying).
    with django_assert_num_queries(CHOICES + search + 1):
        assert len(client.get(path).context["result"].routes) == 2
    with django_assert_num_queries(CHOICES + search):  # no routes
        assert client.get(f"{path}&months=6&language=sv").context["blockers"]
    with django_assert_num_queries(0):
        client.get("/en/pathways/how/")

    add_programmes(data, 30)
    assert search_queries(query) == search
    with django_assert_num_queries(CHOICES):
        client.get("/en/pathways/")
    with django_assert_num_queries(CHOICES + search + 1):
        assert len(client.get(path).context["result"].routes) == 32
    with django_assert_num_queries(CHOICES + search + 1):
        client.get(path, headers={"HX-Request": "true"})


def test_the_starting_points_are_only_those_offered_as_starting_points(client, data):
    QualificationType.objects.filter(code="work-experience").update(
        is_starting_point=False
    )
    html = client.get("/en/pathways/").content.decode()
    assert 'value="work-experience"' not in html
    assert client.get("/en/pathways/", {"start": "work-experience"}).status_code == 400


def test_each_preference_says_how_many_routes_it_removed_with_a_link_without_it(
    client, data
):
    # From vocational: the 4-month Finnish course (coverage) and the 18-month Swedish YH programme (link).
    html = client.get(
        "/en/pathways/", {"start": "fi-vocational", "language": "fi", "months": "24"}
    ).content.decode()

    removals = dict(re.findall(r'<li data-constraint="(\w+)">(.*?)</li>', html, re.S))
    assert set(removals) == {
        "languages"
    }  # the YH route fits the time but is in Swedish
    assert "1 route in languages you did not choose" in removals["languages"]
    assert (
        'href="/en/pathways/?start=fi-vocational&amp;months=24"'
        in removals["languages"]
    )

    html = client.get(
        "/en/pathways/", {"start": "fi-vocational", "months": "12"}
    ).content.decode()
    removals = dict(re.findall(r'<li data-constraint="(\w+)">(.*?)</li>', html, re.S))
    assert "1 route longer than 12 months" in removals["duration"]
    assert 'href="/en/pathways/?start=fi-vocational"' in removals["duration"]


def test_a_route_with_an_unknown_duration_is_listed_apart_and_names_the_step(
    client, data
):
    data["course"].duration_months = None
    data["course"].save()

    limited = client.get(
        "/en/pathways/", {"start": "fi-vocational", "months": "24"}
    ).content.decode()
    unlimited = client.get("/en/pathways/", {"start": "fi-vocational"}).content.decode()

    section = limited.split('id="unknown-duration"')[1]
    assert "Duration not known" in limited
    assert "No duration is recorded for: Battery course." in section
    assert (
        "battery-course"
        not in limited.split('id="unknown-duration"')[0].split('id="route-list"')[1]
    )
    assert "duration not recorded" in unlimited  # its only step has no duration
    assert 'id="unknown-duration"' not in unlimited


def test_a_step_leads_directly_only_when_its_programme_is_linked(client, data):
    data["yh"].skills.add(
        *data["operator"].skill_links.all()[0:1].values_list("skill", flat=True)
    )
    html = client.get("/en/pathways/", {"start": "fi-vocational"}).content.decode()
    bodies = {key: body for _number, key, body in listed_routes(html)}

    course = bodies["battery-course>cell-operator"]
    assert (
        "Teaches part of what this occupation needs (75% of its essential skills)."
        in course
    )
    assert "Leads directly" not in course
    yh = bodies["yh-battery>cell-operator"]
    assert '<p class="step-contribution">Leads directly to this occupation.</p>' in yh
    # Finnish keeps a no-break space before the percent sign.
    finnish = client.get("/fi/pathways/", {"start": "fi-vocational"}).content.decode()
    assert "(75\u00a0% sen olennaisista taidoista)" in finnish


def test_the_headline_counts_every_route_when_the_cap_cuts_the_list(
    client, data, monkeypatch
):
    monkeypatch.setattr("gaps.pathways.best_first.MAX_ROUTES", 1)
    other = OccupationFactory(slug="process-operator", label_en="process operator")
    data["course"].occupations.add(other)

    html = client.get(
        "/en/pathways/", {"start": "fi-vocational", "country": "FI"}
    ).content.decode()

    assert "The 1 best of 2 routes from your starting point" in html
    dropped = html.split('id="dropped-title"')[1].split("</section>")[0]
    # The course reaches both; the cap keeps the better-ranked occupation and names the other.
    assert dropped.count("<li>") == 1
    assert re.search(
        r'href="/en/pathways/\?start=fi-vocational&amp;country=FI&amp;occupation=[\w-]+"',
        dropped,
    )


def test_an_occupation_without_training_is_marked_and_its_empty_result_says_so(
    client, data
):
    OccupationFactory(slug="lonely", label_en="lonely occupation")

    form = client.get("/en/pathways/").content.decode()
    result = client.get(
        "/en/pathways/", {"start": "fi-vocational", "occupation": "lonely"}
    ).content.decode()

    assert "lonely occupation (no training in the map yet)" in form
    assert "battery cell operator (no training" not in form
    assert "No programme in the map leads to this occupation yet." in result
    assert "This is not because of your starting point" in result
