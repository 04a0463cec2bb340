"""The pathway matrix (/pathways/matrix/): the routes from every starting point to each occupation of a goal, with
the split by the country of the last step, the shortest time, links to the search, untrained occupations marked, bad
codes as a 400 naming the field, and a fixed number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gaps.pathways.best_first import search_routes
from gaps.pathways.forms import PathwayChoices
from gaps.pathways.matrix import MatrixCell, pathway_matrix
from gaps.pathways.matrix_views import _cell_view
from gaps.pathways.network import load_network
from gaps.pathways.routes import PathwayQuery
from skills.models import OccupationSkill, QualificationType
from tests.factories import (
    EducationLevelFactory,
    OccupationFactory,
    QualificationTypeFactory,
    SegmentFactory,
    SkillFactory,
    pathway_programme,
)

pytestmark = pytest.mark.django_db

PATH = "/en/pathways/matrix/"


def occupation(slug: str, label: str, segment):
    made = OccupationFactory(slug=slug, label_fi=label, label_sv=label, label_en=label)
    made.segments.add(segment)
    return made


@pytest.fixture
def data():
    """Two Finnish starting points, one Swedish, work experience, and one qualification that is not a starting
    point; a segment of three occupations, one of which no programme teaches; four programmes:

    * fi-vocational-operator (FI, 36 months, awards the Finnish vocational qualification), open to basic education,
      leads to the operator (and to an occupation outside the segment);
    * se-operator (SE, 12 months, a course), open to Swedish compulsory school, leads to the operator;
    * fi-technician (FI, 18 months, EQF 5), open from EQF level 4, leads to the technician;
    * se-technician (SE, no recorded duration, EQF 5), open to both basic schools, leads to the technician.
    """
    levels = {n: EducationLevelFactory(level=n) for n in (2, 4, 5)}
    basic = QualificationTypeFactory(
        code="fi-basic", country="FI", level=levels[2], name_en="Finnish basic", order=1
    )
    vocational = QualificationTypeFactory(
        code="fi-vocational",
        country="FI",
        level=levels[4],
        name_en="Finnish vocational",
        order=2,
    )
    compulsory = QualificationTypeFactory(
        code="se-compulsory",
        country="SE",
        level=levels[2],
        name_en="Swedish compulsory",
        order=3,
    )
    QualificationTypeFactory(
        code="fi-hidden",
        country="FI",
        level=levels[4],
        name_en="Hidden qualification",
        order=4,
        is_starting_point=False,
    )
    QualificationTypeFactory(
        code="work-experience",
        country="",
        level=None,
        name_en="Work experience",
        order=9,
    )
    segment = SegmentFactory(
        code="cells", name_fi="Kennot", name_sv="Celler", name_en="Cells"
    )
    operator = occupation("operator", "battery operator", segment)
    technician = occupation("technician", "battery technician", segment)
    recycler = occupation("recycler", "recycling worker", segment)
    OccupationSkill.objects.create(
        occupation=recycler, skill=SkillFactory()
    )  # taught nowhere
    outside = OccupationFactory(slug="outside", label_en="outside occupation")
    pathway_programme(
        "fi-vocational-operator",
        level=levels[4],
        qualification=vocational,
        months=36,
        accepts=[basic],
        leads_to=[operator, outside],
    )
    pathway_programme(
        "se-operator",
        country="SE",
        months=12,
        accepts=[compulsory],
        leads_to=[operator],
    )
    pathway_programme(
        "fi-technician",
        level=levels[5],
        months=18,
        min_level=levels[4],
        leads_to=[technician],
    )
    pathway_programme("se-technician", country="SE", level=levels[5], months=None, accepts=[basic, compulsory],
                      leads_to=[technician])  # fmt: skip
    return {
        "segment": segment,
        "operator": operator,
        "technician": technician,
        "recycler": recycler,
    }


def starting_points():
    return QualificationType.objects.filter(is_starting_point=True).order_by(
        "order", "code"
    )


def as_table(matrix) -> dict[tuple[str, str], tuple[int, int, int, int | None]]:
    return {
        (row.starting_point.code, cell.occupation.slug): (
            cell.routes,
            cell.finland,
            cell.sweden,
            cell.shortest_months,
        )
        for row in matrix.rows
        for cell in row.cells
    }


def test_each_cell_counts_the_routes_with_their_countries_and_shortest_time(data):
    matrix = pathway_matrix(load_network(), starting_points(), segment=data["segment"])

    assert [c.occupation.slug for c in matrix.columns] == [
        "operator",
        "technician",
        "recycler",
    ]
    assert [r.starting_point.code for r in matrix.rows] == [
        "fi-basic",
        "fi-vocational",
        "se-compulsory",
        "work-experience",
    ]
    assert matrix.complete
    # (routes, ending in Finland, ending in Sweden, shortest known total months)
    assert as_table(matrix) == {
        ("fi-basic", "operator"): (1, 1, 0, 36),
        # the Swedish programme has no recorded duration: the shortest known route is through both Finnish ones
        ("fi-basic", "technician"): (2, 1, 1, 54),
        ("fi-basic", "recycler"): (0, 0, 0, None),
        # the vocational programme awards the very qualification the person starts with
        ("fi-vocational", "operator"): (0, 0, 0, None),
        ("fi-vocational", "technician"): (1, 1, 0, 18),
        ("fi-vocational", "recycler"): (0, 0, 0, None),
        ("se-compulsory", "operator"): (1, 0, 1, 12),
        ("se-compulsory", "technician"): (1, 0, 1, None),
        ("se-compulsory", "recycler"): (0, 0, 0, None),
        ("work-experience", "operator"): (0, 0, 0, None),
        ("work-experience", "technician"): (0, 0, 0, None),
        ("work-experience", "recycler"): (0, 0, 0, None),
    }
    assert [c.occupation.slug for c in matrix.columns if c.untrained] == ["recycler"]


def test_a_cell_counts_what_the_search_for_its_occupation_alone_finds(data):
    network = load_network()
    matrix = pathway_matrix(network, starting_points(), segment=data["segment"])
    for row in matrix.rows:
        for cell in row.cells:
            query = PathwayQuery(
                starting_point=row.starting_point, occupation=cell.occupation
            )
            assert cell.routes == len(search_routes(query, network).found)  # fmt: skip


def test_an_occupation_as_the_goal_is_a_single_column(data):
    matrix = pathway_matrix(
        load_network(), starting_points(), occupation=data["technician"]
    )
    assert [c.occupation.slug for c in matrix.columns] == ["technician"]
    assert [cell.routes for row in matrix.rows for cell in row.cells] == [2, 1, 1, 0]


def test_the_page_shows_the_table_with_its_headers_counts_and_links(client, data):
    response = client.get(PATH, {"segment": "cells"})
    assert response.status_code == 200
    html = response.content.decode()
    table = html[html.index('<div class="table-scroll"') : html.index("</table>")]
    assert 'role="region" tabindex="0"' in table
    assert "<caption" in table
    headers = re.findall(
        r'<th scope="col" class="pm-occupation[^"]*">\s*<a href="([^"]+)">', table
    )
    assert headers == [
        "/en/occupations/operator/",
        "/en/occupations/technician/",
        "/en/occupations/recycler/",
    ]
    assert re.findall(r'<th scope="rowgroup"[^>]*><span>(\w+)</span>', table) == [
        "Finland",
        "Sweden",
        "Other",
    ]
    assert re.findall(
        r'<th scope="row" class="pm-start"><span lang="en">([^<]+)</span>', table
    ) == [
        "Finnish basic",
        "Finnish vocational",
        "Swedish compulsory",
        "Work experience",
    ]
    assert "Hidden qualification" not in table

    cell = re.search(
        r'<a href="/en/pathways/\?start=fi-basic&amp;occupation=technician">(.*?)</a>',
        table,
        re.S,
    )
    words = re.sub(r"<[^>]+>|\s+", " ", cell.group(1)).split()
    assert (
        " ".join(words)
        == "2 routes FI 1 · SE 1 1 ending in Finland, 1 in Sweden from 54 months"
    )
    unknown = re.search(
        r'start=se-compulsory&amp;occupation=technician">(.*?)</a>', table, re.S
    ).group(1)
    assert "1 route" in unknown and "duration not known" in unknown
    empty = re.search(
        r'<td class="pm-cell is-empty">\s*<a href="/en/pathways/\?start=fi-vocational&amp;'
        r'occupation=operator">(.*?)</a>',
        table,
        re.S,
    ).group(1)
    assert ">No route<" in empty and "FI" not in empty

    assert (
        'href="/en/pathways/"' in html and 'href="/en/pathways/how/"' in html
    )  # back to the search, and the rules
    assert (
        "style=" not in html and "<script>" not in html
    )  # the Content Security Policy allows neither inline


def test_an_untrained_occupation_is_marked_in_its_column_header(client, data):
    html = client.get(PATH, {"segment": "cells"}).content.decode()
    headers = re.findall(
        r'<th scope="col" class="pm-occupation[^"]*">(.*?)</th>', html, re.S
    )
    marked = [h for h in headers if "(no training in the map yet)" in h]
    assert len(marked) == 1 and "recycling worker" in marked[0]
    assert 'class="pm-occupation is-untrained"' in html
    assert "No programme in the map leads to 1 of these occupations yet" in html


def test_a_cell_of_a_search_that_stopped_early_says_at_least_and_not_counted(data):
    start, operator = QualificationType.objects.get(code="fi-basic"), data["operator"]
    partial = MatrixCell(
        start,
        operator,
        routes=2,
        finland=1,
        sweden=1,
        shortest_months=None,
        complete=False,
    )
    assert _cell_view(partial, "/en/pathways/").routes == "at least 2 routes"
    none = MatrixCell(
        start,
        operator,
        routes=0,
        finland=0,
        sweden=0,
        shortest_months=None,
        complete=False,
    )
    view = _cell_view(none, "/en/pathways/")
    assert (view.routes, view.countries, view.months) == ("Not counted", "", "")
    assert view.url == "/en/pathways/?start=fi-basic&occupation=operator"


@pytest.mark.parametrize(
    ("query", "field_id", "label", "message"),
    [
        ({"segment": "nope"}, "id_segment", "Part of the value chain", "“nope” is not a part of the value chain."),
        ({"occupation": "nope"}, "id_occupation", "Occupation", "“nope” is not an occupation on the map."),
        ({"segment": "cells", "occupation": "operator"}, "id_segment", "Part of the value chain",
         "Choose an occupation or a part of the value chain, not both."),
    ],
)  # fmt: skip
def test_a_bad_choice_is_a_400_naming_the_field(
    client, data, query, field_id, label, message
):
    response = client.get(PATH, query)
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[html.index('<div class="error-summary" role="alert">') :]
    assert f'<li><a href="#{field_id}">{label}</a>: {message}</li>' in summary
    assert re.search(rf'<select name="{field_id[3:]}"[^>]*aria-invalid="true"', html)
    assert "<table" not in html


@pytest.mark.parametrize("query", [{}, {"segment": "", "occupation": ""}])
def test_without_a_goal_the_form_shows_a_hint(client, data, query):
    response = client.get(PATH, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a part of the value chain or an occupation to see the routes" in html
    assert "<table" not in html and "error-summary" not in html
    assert '<form method="get"' in html and '<label for="id_segment">' in html


def queries_of(read) -> int:
    """The queries of a fixed-cost read the page makes (the form's choices, the search's network): measured rather
    than written down, as both grow a query when the search learns to use a new table."""
    with CaptureQueriesContext(connection) as queries:
        read()
    return len(queries)


def test_the_page_does_the_same_queries_whatever_the_data(
    client, data, django_assert_num_queries
):
    expected = queries_of(PathwayChoices.load) + queries_of(
        load_network
    )  # the choices, and the network once for every starting point
    with django_assert_num_queries(expected):
        assert client.get(PATH, {"segment": "cells"}).status_code == 200

    levels = {n: EducationLevelFactory(level=n) for n in (4, 5)}
    for n in range(6):
        QualificationTypeFactory(
            code=f"extra-{n}", country="SE", level=levels[4], order=20 + n
        )
        made = occupation(f"extra-{n}", f"extra occupation {n}", data["segment"])
        pathway_programme(f"extra-{n}", country="FI" if n % 2 else "SE", level=levels[5], min_level=levels[4],
                          leads_to=[made])  # fmt: skip
    with django_assert_num_queries(expected):
        html = client.get(PATH, {"segment": "cells"}).content.decode()
    assert (
        html.count('<th scope="row"') == 10 and html.count('class="pm-occupation') == 9
    )


def test_no_goal_costs_only_the_choices(client, data, django_assert_num_queries):
    with django_assert_num_queries(queries_of(PathwayChoices.load)):
        client.get(PATH)


@pytest.mark.parametrize(
    ("language", "segment_name", "label"),
    [("fi", "Kennot", "Arvoketjun osa"), ("sv", "Celler", "Del av värdekedjan"), ("en", "Cells", "Part of the value chain")],
)  # fmt: skip
def test_the_page_renders_in_each_language(client, data, language, segment_name, label):
    response = client.get(f"/{language}/pathways/matrix/", {"segment": "cells"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert segment_name in html
    assert f'<label for="id_segment">{label}</label>' in html
    assert f"/{language}/pathways/?start=fi-basic&amp;occupation=operator" in html
