"""Planned and proposed programmes in the gap analysis: never today's supply, planned places apart, and the status
after planned training by the same rules; the drill-down lists them apart, the API and CSV carry the new figures."""

import csv
import datetime
import io

import pytest

from gaps.analysis.statuses import Status
from programmes.models import Programme
from tests.factories import SegmentFactory
from tests.gaps.analysis_data import gap, need, programme, row
from tests.gaps.gap_page_data import url

pytestmark = pytest.mark.django_db

PLANNED = {
    "availability": Programme.Availability.PLANNED,
    "expected_start": datetime.date(2027, 8, 1),
}
PROPOSED = {"availability": Programme.Availability.PROPOSED}


def test_a_planned_programme_is_never_in_todays_supply_but_in_planned_places(
    regions,
):
    segment = SegmentFactory()
    need(regions.fi1d9, 20, segments=[segment])
    programme(regions.fi1d9, 5, segments=[segment])
    programme(regions.fi1d9, 18, segments=[segment], **PLANNED)

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.supply, cell.filled, cell.programmes) == (5.0, 5.0, 1)
    assert (cell.planned_places, cell.planned_programmes) == (18.0, 1)
    assert cell.status == Status.UNDER_SUPPLIED
    assert cell.planned_status == Status.BALANCED  # 23 places for a demand of 20


def test_a_proposed_programme_counts_in_neither_figure(regions):
    segment = SegmentFactory()
    need(regions.fi1d9, 20, segments=[segment])
    programme(regions.fi1d9, 40, segments=[segment], **PROPOSED)

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.supply, cell.programmes, cell.planned_places) == (0.0, 0, 0.0)
    assert cell.status == Status.NO_TRAINING
    assert cell.planned_status == Status.NO_TRAINING


def test_only_planned_training_is_no_training_today(regions):
    segment = SegmentFactory()
    need(regions.fi1d9, 20, segments=[segment])
    programme(regions.fi1d9, 30, segments=[segment], **PLANNED)

    cell = row(gap(), segment, regions.fi1d9)

    assert cell.status == Status.NO_TRAINING
    assert cell.planned_status == Status.OVER_SUPPLIED  # 30 > 125 % of 20
    assert cell.programmes_in_country == 0


def test_planned_training_across_the_border_counts_after_planned_training(regions):
    segment = SegmentFactory()
    need(regions.fi1d9, 20, segments=[segment])
    programme(regions.se331, 30, segments=[segment], **PLANNED)

    cell = row(gap(), segment, regions.fi1d9)

    assert cell.status == Status.NO_TRAINING
    assert cell.planned_status == Status.ACROSS_BORDER


def test_the_drilldown_lists_planned_programmes_apart(client, regions):
    segment = SegmentFactory()
    need(regions.fi1d9, 20, segments=[segment])
    running = programme(regions.fi1d9, 5, segments=[segment], name_en="Running one")
    planned = programme(
        regions.fi1d9, 18, segments=[segment], name_en="Planned one", **PLANNED
    )

    response = client.get(url("gaps:detail", dimension="segment", key=segment.code))

    planned_section = response.context["planned_offerings"]
    assert [o.programme for o, _region in planned_section] == [planned]
    listed = [o.programme for g in response.context["groups"] for o, _r in g.offerings]
    assert running in listed and planned not in listed
    html = response.content.decode()
    assert "Planned and proposed programmes" in html
    assert "Status after planned training" in html
    assert "Planned — expected to start" in html


def test_the_api_rows_and_the_csv_carry_planned_places_and_the_later_status(
    client, regions
):
    segment = SegmentFactory(code="planned-cells")
    need(regions.fi1d9, 20, segments=[segment])
    programme(regions.fi1d9, 5, segments=[segment])
    programme(regions.fi1d9, 18, segments=[segment], **PLANNED)

    body = client.get("/api/v1/gaps/", {"key": "planned-cells"}).json()
    [item] = [r for r in body["results"] if r["region"]["code"] == "FI1D9"]
    assert (item["supply"], item["planned_places"], item["planned_programmes"]) == (
        5.0,
        18.0,
        1,
    )
    assert (item["status"], item["planned_status"]) == (
        "under-supplied",
        "balanced",
    )

    response = client.get("/en/gaps/export/segments.csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    header, *rows = csv.reader(io.StringIO(text[1:]))
    assert header[-3:] == [
        "Planned places per year",
        "Planned programmes",
        "Status after planned training",
    ]
    [row] = [r for r in rows if r[1] == "planned-cells" and r[3] == "FI1D9"]
    assert row[-3:] == ["18.00", "1", "Balanced"]


def test_the_dashboard_list_shows_the_status_after_planned_training(client, regions):
    segment = SegmentFactory(code="planned-cells")
    need(regions.fi1d9, 20, segments=[segment])
    programme(regions.fi1d9, 5, segments=[segment])
    programme(regions.fi1d9, 18, segments=[segment], **PLANNED)

    html = client.get(url("gaps:dashboard")).content.decode()

    assert "After planned training:" in html
    assert (
        "18.0 planned places per year" in html or "18 planned places per year" in html
    )
