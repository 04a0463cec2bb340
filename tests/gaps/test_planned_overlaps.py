"""Planned training in the overlaps analysis: planned and proposed programmes are never in today's pairs, counts or
groups (page, API, CSV), and are listed apart, each with its badge and expected start, when they would overlap a
running or another planned programme by the same rule.

The ``data`` set (tests/gaps/gap_page_data.py) has one pair today: the Oulu cell course and the Umeå cell programme
teach the same two skills. Here a planned programme in Lapland and a proposed one in Västerbotten teach them too.
"""

import datetime

import pytest

from programmes.models import Programme
from skills.models import Region, Skill
from tests.gaps.gap_page_data import OVERLAPS, more_data, programme, section, text, url
from tests.gaps.test_export import read_csv

pytestmark = pytest.mark.django_db

CELL_SKILLS = ["electrolyte-handling", "cell-stacking"]
PLANNED_PAIR_QUERIES = 3  # the planned pairs' programmes, their offerings with sites and regions, their skills


@pytest.fixture
def planned(data) -> dict:
    skills = list(Skill.objects.filter(slug__in=CELL_SKILLS))
    lapland = Region.objects.create(
        code="FI1D7", code_2024="FI1D7", level=3, country="FI", parent=data["north"],
        name_fi="Lappi", name_sv="Lappland", name_en="Lapland",
    )  # fmt: skip
    made = {
        "planned": programme("kemi-cells-planned", lapland, places=20, segments=[data["cells"]], teaches=skills,
                             town="Kemi"),
        "proposed": programme("skelleftea-cells-idea", Region.objects.get(code="SE331"), places=None,
                              segments=[data["cells"]], teaches=skills, country="SE", town="Skellefteå"),
    }  # fmt: skip
    Programme.objects.filter(pk=made["planned"].pk).update(
        availability=Programme.Availability.PLANNED,
        expected_start=datetime.date(2027, 8, 1),
    )
    Programme.objects.filter(pk=made["proposed"].pk).update(
        availability=Programme.Availability.PROPOSED
    )
    return made


def test_the_page_keeps_planned_programmes_out_of_todays_pairs_and_lists_them_apart(
    client, planned
):
    html = client.get(url("gaps:overlaps")).content.decode()

    pairs = text(section(html, "pairs"))
    assert "1 overlapping pair" in pairs
    assert "oulu-cell-course" in pairs and "umea-cells" in pairs
    assert "kemi-cells-planned" not in pairs and "skelleftea-cells-idea" not in pairs
    assert "groups" not in html.split('id="planned-overlaps"')[0].split('id="pairs"')[1]
    later = text(section(html, "planned-overlaps"))
    assert later.startswith("Planned training that would overlap")
    # Each pair once, the planned or proposed programme first: planned–course, planned–Umeå, proposed–course,
    # proposed–Umeå, and planned–proposed (both not yet running).
    assert "5 planned overlapping pairs" in later
    assert (
        later.count(
            "Programme kemi-cells-planned Planned — expected to start August 2027"
        )
        >= 3
    )
    assert later.count("Programme skelleftea-cells-idea Proposed") >= 3
    assert "Programme oulu-cell-course" in later and "Programme umea-cells" in later
    assert 'href="/en/gaps/export/planned-overlaps.csv?format=csv-comma"' in html


def test_without_planned_programmes_the_section_says_none_would_overlap(client, data):
    html = client.get(url("gaps:overlaps")).content.decode()

    assert "No planned or proposed programme would overlap with these filters." in text(
        section(html, "planned-overlaps")
    )


def test_the_api_answers_todays_pairs_and_the_planned_ones_in_a_field_of_their_own(
    client, planned
):
    body = client.get("/api/v1/overlaps/").json()

    assert body["count"] == 1
    assert [(r["first"]["slug"], r["second"]["slug"]) for r in body["results"]] == [
        ("oulu-cell-course", "umea-cells")
    ]
    assert "availability" not in body["results"][0]["first"]
    assert body["groups"] == [["oulu-cell-course", "umea-cells"]]
    firsts = {(r["first"]["slug"], r["second"]["slug"]) for r in body["planned"]}
    assert firsts == {
        ("kemi-cells-planned", "oulu-cell-course"),
        ("kemi-cells-planned", "umea-cells"),
        ("skelleftea-cells-idea", "oulu-cell-course"),
        ("skelleftea-cells-idea", "umea-cells"),
        ("kemi-cells-planned", "skelleftea-cells-idea"),
    }
    planned_first = next(
        r for r in body["planned"] if r["second"]["slug"] == "oulu-cell-course"
        and r["first"]["slug"] == "kemi-cells-planned"
    )  # fmt: skip
    assert (
        planned_first["first"]["availability"],
        planned_first["first"]["expected_start"],
    ) == ("planned", "2027-08-01")
    assert (
        planned_first["second"]["availability"],
        planned_first["second"]["expected_start"],
    ) == ("running", None)
    assert planned_first["similarity"] == 1.0


def test_the_csv_of_todays_pairs_has_no_planned_programme_and_the_planned_csv_has_them(
    client, planned
):
    today = read_csv(client.get("/en/gaps/export/overlaps.csv"))
    later = read_csv(client.get("/en/gaps/export/planned-overlaps.csv"))

    assert [row[0] for row in today[1:]] == ["Programme oulu-cell-course"]
    assert "kemi" not in str(today) and "skelleftea" not in str(today)
    assert later[0][:3] == [
        "Planned or proposed programme",
        "Its availability",
        "Its expected start",
    ]
    rows = {(row[0], row[5]): row for row in later[1:]}
    assert len(rows) == 5
    row = rows[("Programme kemi-cells-planned", "Programme umea-cells")]
    assert row[1:3] == ["Planned", "2027-08-01"]
    assert row[6:8] == ["Running", ""]
    assert rows[("Programme skelleftea-cells-idea", "Programme oulu-cell-course")][
        1:3
    ] == ["Proposed", ""]


def test_the_page_does_the_same_queries_however_many_planned_pairs(
    client, planned, data, django_assert_num_queries
):
    with django_assert_num_queries(OVERLAPS + PLANNED_PAIR_QUERIES):
        assert client.get(url("gaps:overlaps")).status_code == 200
    more_data(data)
    Programme.objects.filter(slug__startswith="extra-").update(
        availability=Programme.Availability.PROPOSED
    )
    with django_assert_num_queries(OVERLAPS + PLANNED_PAIR_QUERIES):
        html = client.get(url("gaps:overlaps")).content.decode()
    assert "extra-0-0" in section(html, "planned-overlaps")
    assert "extra-0-0" not in section(html, "pairs")
