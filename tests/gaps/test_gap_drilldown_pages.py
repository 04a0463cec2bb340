"""The gap drill-down pages (/gaps/<dimension>/<key>/): exactly the needs and offerings behind each figure, the first
of a region and all on request, the filters kept, and the intakes behind the places, old ones included."""

import re

import pytest

from gaps.analysis import detail_views
from programmes.models import Programme
from tests.factories import IntakeFactory, SegmentFactory
from tests.gaps.gap_page_data import (
    Urgency,
    Y,
    listed_needs,
    listed_programmes,
    need,
    programme,
    section,
    text,
    url,
)

pytestmark = pytest.mark.django_db


def test_the_drill_down_lists_exactly_the_needs_and_offerings_behind_each_figure(
    client, data
):
    response = client.get(url("gaps:detail", dimension="segment", key="cells"))

    assert response.status_code == 200
    html = response.content.decode()
    oulu, north, vbotten = (
        section(html, f"region-{code}") for code in ["FI1D9", "FI1D", "SE331"]
    )
    assert listed_needs(oulu) == ["oulu-operators", "oulu-cells"]
    assert listed_programmes(oulu) == ["oulu-cell-course", "oulu-cell-unknown"]
    # The NUTS 2 region's figure has its own need and the places of the programmes in the regions inside it.
    assert listed_needs(north) == ["north-cells"]
    assert listed_programmes(north) == ["oulu-cell-course", "oulu-cell-unknown"]
    assert listed_needs(vbotten) == []
    assert listed_programmes(vbotten) == ["umea-cells"]
    # The figures and the listed needs add up: 18 + 2 = 20 people per year.
    figures = text(oulu)
    assert (
        "People needed 16 Weighted demand per year 20.0 Places per year 12.0" in figures
    )
    assert "Listed needs 16 20.0" in figures
    assert (
        f"Need oulu-operators Employer employer-oulu-operators cell operator 12 {Y} High 18.0 Standing"
        in figures
    )
    assert "Programme oulu-cell-unknown" in figures and "unknown unknown" in figures
    assert "example data" in text(north)
    assert 'href="/en/actors/employer-oulu-operators/"' in oulu
    assert 'href="/en/programmes/oulu-cell-course/"' in oulu
    assert 'href="/en/gaps/export/segment/cells.csv?format=csv-comma"' in html


def test_the_drill_down_lists_the_first_needs_and_programmes_of_a_region_and_all_on_request(
    client, regions, monkeypatch
):
    monkeypatch.setattr(detail_views, "NEEDS_SHOWN", 2)
    monkeypatch.setattr(detail_views, "OFFERINGS_SHOWN", 1)
    segment = SegmentFactory(code="busy")
    for n, people in enumerate([3, 9, 6]):
        need(f"busy-{n}", regions.fi1d9, people, Urgency.MEDIUM, segments=[segment])
    for n in range(2):
        programme(f"busy-course-{n}", regions.fi1d9, places=10, segments=[segment])
    address = url("gaps:detail", dimension="segment", key="busy")

    oulu = section(client.get(address).content.decode(), "region-FI1D9")

    # The largest demand first; the totals are of every need, listed or not, as the figures are.
    assert listed_needs(oulu) == ["busy-1", "busy-2"]
    assert "All needs you may see, listed or not 18 18.0" in text(oulu)
    assert "The first 2 of 3 needs are listed, the largest demand first." in text(oulu)
    assert "The first 1 of 2 programmes are listed." in text(oulu)
    assert listed_programmes(oulu) == ["busy-course-0"]
    show_all = 'href="?all=FI1D9#region-FI1D9"'
    assert oulu.count(show_all) == 2  # after the needs and after the programmes
    assert "List every need and programme in North Ostrobothnia" in text(oulu)

    every = section(client.get(f"{address}?all=FI1D9").content.decode(), "region-FI1D9")

    assert listed_needs(every) == ["busy-1", "busy-2", "busy-0"]
    assert listed_programmes(every) == ["busy-course-0", "busy-course-1"]
    assert "Listed needs 18 18.0" in text(every) and "The first" not in text(every)


def test_the_drill_down_of_an_occupation_keeps_the_filters(client, data):
    response = client.get(
        url("gaps:detail", dimension="occupation", key="cell-operator") + "?country=FI"
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<h1><span class="gap-kicker">Occupation</span> <span lang="en">cell operator</span></h1>'
        in html
    )
    assert listed_needs(section(html, "region-FI1D9")) == ["oulu-operators"]
    assert listed_programmes(section(html, "region-FI1D9")) == ["oulu-cell-course"]
    assert (
        'href="/en/gaps/export/occupation/cell-operator.csv?country=FI&amp;format=csv-comma"'
        in html
    )
    assert 'href="/en/occupations/cell-operator/"' in html


# Old intakes -----------------------------------------------------------------------------------------------------


def test_the_drill_down_shows_the_intakes_behind_the_places_and_the_old_ones(
    client, data
):
    course = Programme.objects.get(slug="oulu-cell-course")
    unknown = Programme.objects.get(slug="oulu-cell-unknown")
    IntakeFactory(programme=course, year=Y - 1, places=12, applicants=None, enrolled=9)
    IntakeFactory(programme=course, year=Y - 7, places=12, applicants=None, enrolled=3)
    IntakeFactory(
        programme=unknown, year=Y - 3, places=40, applicants=None, enrolled=40
    )

    html = client.get(
        url("gaps:detail", dimension="segment", key="cells")
    ).content.decode()

    oulu = text(section(html, "region-FI1D9"))
    # The course keeps its 12 places per year, filled 9 of 12 at last year's intake; the unknown programme's only
    # intake is three years old, so its places stay unknown.
    course_row, unknown_row = (
        text(row)
        for row in re.findall(r"<tr>(.*?)</tr>", section(html, "region-FI1D9"), re.S)
        if "oulu-cell-" in row
    )
    assert course_row.endswith(
        f"no level Oulu (North Ostrobothnia) 12.0 9.0 Filled share from the {Y - 1} intake. "
        f"Intake {Y - 7} and older: too old to count"
    )
    assert unknown_row.endswith(
        "no level Oulu (North Ostrobothnia) unknown unknown "
        f"Intake {Y - 3} and older: too old to count"
    )
    assert "Places per year 12.0 Filled places per year 9.0" in oulu
    assert (
        f"Only intakes of {Y - 2} and later count toward places and fill rates; older ones are listed with their "
        "year but do not count."
    ) in text(html)


def test_the_drill_down_says_which_intake_the_places_come_from(client, data):
    unknown = Programme.objects.get(slug="oulu-cell-unknown")
    IntakeFactory(programme=unknown, year=Y, places=6, applicants=None, enrolled=None)

    html = client.get(
        url("gaps:detail", dimension="segment", key="cells")
    ).content.decode()

    unknown_row = next(
        text(row)
        for row in re.findall(r"<tr>(.*?)</tr>", section(html, "region-FI1D9"), re.S)
        if "oulu-cell-unknown" in row
    )
    assert unknown_row.endswith(
        f"Oulu (North Ostrobothnia) 6.0 6.0 Places from the {Y} intake."
    )
