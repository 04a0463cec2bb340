"""What a gap-analysis row rests on: its examples, sources and dates, published records only, current intakes (no older
than the setting allows) and example data, counted and said or left out.
"""

import datetime

import pytest

from gaps.analysis.parameters import GapQuery
from gaps.analysis.statuses import Status
from skills.models import Actor
from tests.factories import ActorFactory, IntakeFactory, SegmentFactory
from tests.gaps.analysis_data import COORDINATORS, gap, intake, need, programme, row

pytestmark = pytest.mark.django_db


# --- examples, sources, dates ---------------------------------------------------------------------------------------


def test_examples_sources_and_dates_of_a_row(regions):
    segment = SegmentFactory()
    employer = ActorFactory(kind=Actor.Kind.EMPLOYER, slug="the-employer")
    need(
        regions.fi1d9,
        1,
        segments=[segment],
        employer=employer,
        is_example=True,
        stated_on=datetime.date(2025, 6, 30),
    )
    need(
        regions.fi1d9,
        2,
        segments=[segment],
        employer=employer,
        is_example=True,
        stated_on=datetime.date(2024, 3, 1),
    )
    need(regions.fi1d9, 4, segments=[segment], stated_on=datetime.date(2026, 1, 15))
    need(
        regions.fi1d9,
        8,
        segments=[segment],
        visibility=COORDINATORS,  # hidden from visitors: its date is not behind their figure
        stated_on=datetime.date(2020, 1, 1),
    )
    programme(
        regions.fi1d9, 5, segments=[segment], verified_on=datetime.date(2025, 1, 10)
    )
    programme(
        regions.fi1d9, 5, segments=[segment], verified_on=datetime.date(2026, 2, 1)
    )
    programme(regions.fi1d9, 5, segments=[segment], verified_on=None)

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.needs, cell.examples, cell.sources, cell.people) == (3, 2, 2, 7)
    assert (cell.needs_oldest, cell.needs_newest) == (
        datetime.date(2024, 3, 1),
        datetime.date(2026, 1, 15),
    )
    assert (cell.programmes, cell.programmes_oldest, cell.programmes_newest) == (
        3,
        datetime.date(2025, 1, 10),
        datetime.date(2026, 2, 1),
    )


def test_a_row_without_programmes_or_needs_has_no_dates(regions):
    segment, other = SegmentFactory(order=1), SegmentFactory(order=2)
    need(regions.fi1d9, 1, segments=[segment])
    programme(regions.fi1d9, 5, segments=[other], verified_on=None)

    analysis = gap()

    needs_only = row(analysis, segment, regions.fi1d9)
    assert (needs_only.programmes_oldest, needs_only.programmes_newest) == (None, None)
    programmes_only = row(analysis, other, regions.fi1d9)
    assert (programmes_only.needs_oldest, programmes_only.needs_newest) == (None, None)
    assert (programmes_only.programmes_oldest, programmes_only.programmes_newest) == (
        None,
        None,
    )


def test_inputs_are_the_oldest_and_newest_dates_behind_every_row(regions):
    first, second = SegmentFactory(order=1), SegmentFactory(order=2)
    need(regions.fi1d9, 1, segments=[first], stated_on=datetime.date(2025, 5, 5))
    need(regions.se331, 1, segments=[second], stated_on=datetime.date(2023, 2, 2))
    need(regions.fi1d7, 1, segments=[second], stated_on=datetime.date(2026, 7, 7))
    programme(regions.fi1d9, 5, segments=[first], verified_on=datetime.date(2024, 4, 4))
    programme(
        regions.se331, 5, segments=[second], verified_on=datetime.date(2026, 1, 1)
    )
    programme(regions.fi1d7, 5, segments=[second], verified_on=None)

    assert gap().inputs() == {
        "needs_oldest": datetime.date(2023, 2, 2),
        "needs_newest": datetime.date(2026, 7, 7),
        "programmes_oldest": datetime.date(2024, 4, 4),
        "programmes_newest": datetime.date(2026, 1, 1),
    }


def test_inputs_of_an_empty_analysis(regions):
    assert gap().inputs() == {
        "needs_oldest": None,
        "needs_newest": None,
        "programmes_oldest": None,
        "programmes_newest": None,
    }


def test_programmes_taking_their_figures_from_example_intakes_are_counted(regions):
    segment = SegmentFactory()
    places_from_example = programme(regions.fi1d9, None, segments=[segment])
    IntakeFactory(
        programme=places_from_example,
        year=2025,
        places=12,
        applicants=None,
        enrolled=None,
        is_example=True,
    )
    fill_from_example = programme(regions.fi1d9, 10, segments=[segment])
    IntakeFactory(
        programme=fill_from_example,
        year=2025,
        places=10,
        applicants=None,
        enrolled=5,
        is_example=True,
    )
    real = programme(regions.fi1d9, None, segments=[segment])
    intake(real, 2025, 8)
    programme(regions.fi1d9, 4, segments=[segment])  # no intake

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.supply, cell.filled) == (34.0, pytest.approx(29.0))
    assert (cell.programmes, cell.example_programmes) == (4, 2)


def test_an_old_example_intake_that_no_figure_uses_does_not_count(regions):
    """Docstring: the figure says "how many take their figures from intakes marked as examples"."""
    segment = SegmentFactory()
    prog = programme(regions.fi1d9, None, segments=[segment])
    IntakeFactory(
        programme=prog,
        year=2024,
        places=30,
        applicants=None,
        enrolled=20,
        is_example=True,
    )
    intake(
        prog, 2025, 12, enrolled=12
    )  # real and later: gives both places and fill rate

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.supply, cell.filled) == (12.0, 12.0)
    assert cell.example_programmes == 0


# --- published records only -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["draft", "discontinued"])
def test_draft_and_discontinued_needs_are_not_demand(regions, state):
    segment = SegmentFactory()
    need(regions.fi1d9, 10, segments=[segment])
    need(regions.fi1d9, 40, segments=[segment], state=state)

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.people, cell.demand, cell.needs) == (10, 10.0, 1)


@pytest.mark.parametrize("state", ["draft", "discontinued"])
def test_draft_and_discontinued_programmes_are_not_supply(regions, state):
    segment = SegmentFactory()
    need(regions.fi1d9, 10, segments=[segment])
    programme(regions.fi1d9, 6, segments=[segment])
    programme(regions.fi1d9, 30, segments=[segment], state=state)
    programme(regions.se331, 50, segments=[segment], state=state)

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.supply, cell.programmes, cell.programmes_across_border) == (6.0, 1, 0)
    assert cell.status == Status.UNDER_SUPPLIED  # 6 places for 10 people a year: 60 %
    assert gap().cell(segment, regions.se331) is None  # no need, no published programme


def test_a_row_with_only_a_draft_need_has_no_row(regions):
    segment = SegmentFactory()
    need(regions.fi1d9, 10, segments=[segment], state="draft")

    assert gap().cells == []


# --- current intakes ------------------------------------------------------------------------------------------------


def test_intakes_three_years_old_and_older_are_not_current_supply(regions):
    """In 2026 the intakes of 2024, 2025 and 2026 count; 2023 and earlier do not."""
    segment = SegmentFactory()
    old_only = programme(regions.fi1d9, None, segments=[segment])
    intake(old_only, 2023, 40, enrolled=10)
    intake(old_only, 2012, 80)
    current = programme(regions.fi1d9, None, segments=[segment])
    intake(current, 2024, 15, enrolled=12)
    intake(current, 2023, 90, enrolled=90)  # older than the current one anyway

    cell = row(gap(), segment, regions.fi1d9)

    # old_only: places unknown (its 2023 and 2012 intakes are too old), no fill rate; current: 15 places, 12 filled.
    assert (cell.supply, cell.filled) == (15.0, pytest.approx(12.0))
    assert (cell.programmes, cell.unknown_places) == (2, 1)


def test_an_old_intake_no_longer_sets_the_fill_rate(regions):
    segment = SegmentFactory()
    prog = programme(regions.fi1d9, 20, segments=[segment])
    intake(prog, 2023, 20, enrolled=5)  # a quarter filled, but too old to count

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.supply, cell.filled) == (20.0, 20.0)  # no current intake: full


@pytest.mark.parametrize(
    ("max_age", "reference_year", "supply"),
    [
        (3, 2026, 24.0),  # 2024 is the oldest current year: its 24 places
        (3, 2027, 0.0),  # in 2027, 2024 is too old: places unknown
        (1, 2026, 0.0),  # only 2026 intakes are current
        (5, 2028, 24.0),  # 2024 is still current in 2028 when five years are allowed
    ],
)
def test_the_intake_age_follows_the_setting_and_the_reference_year(
    regions, settings, max_age, reference_year, supply
):
    settings.INTAKE_MAX_AGE_YEARS = max_age
    segment = SegmentFactory()
    intake(programme(regions.fi1d9, None, segments=[segment]), 2024, 24)

    cell = row(gap(reference_year=reference_year), segment, regions.fi1d9)

    assert cell.supply == supply
    assert GapQuery(reference_year=reference_year).oldest_intake_year == (
        reference_year - max_age + 1
    )


# --- example data ---------------------------------------------------------------------------------------------------


@pytest.fixture
def example_row(regions):
    """A segment in North Ostrobothnia: a real need for 4 people and an example need for 12 (medium, due this year),
    a real programme with 5 places per year and a programme whose 10 places come from an example intake (2025)."""
    segment = SegmentFactory(code="examples")
    need(regions.fi1d9, 4, segments=[segment])
    need(regions.fi1d9, 12, segments=[segment], is_example=True)
    programme(regions.fi1d9, 5, segments=[segment])
    from_example = programme(regions.fi1d9, None, segments=[segment])
    IntakeFactory(
        programme=from_example,
        year=2025,
        places=10,
        applicants=None,
        enrolled=None,
        is_example=True,
    )
    return segment


def test_every_figure_says_how_much_of_it_is_example_data(regions, example_row):
    cell = row(gap(), example_row, regions.fi1d9)

    assert (cell.people, cell.demand, cell.supply) == (16, 16.0, 15.0)
    assert (cell.needs, cell.examples) == (2, 1)
    assert (cell.example_people, cell.example_demand) == (12, 12.0)
    assert cell.example_demand_share == 0.75  # 12 of 16 people a year
    assert (cell.programmes, cell.example_programmes) == (2, 1)
    assert cell.example_places == 10.0
    assert cell.example_places_share == pytest.approx(10 / 15)
    assert cell.rests_on_examples is True
    assert cell.status == Status.BALANCED  # 15 places for 16 people a year: 94 %


def test_without_example_data_example_needs_and_intakes_do_not_count(
    regions, example_row
):
    cell = row(gap(examples=False), example_row, regions.fi1d9)

    # The real need (4) against the real programme (5 places); the other programme's places are unknown.
    assert (cell.people, cell.demand, cell.supply) == (4, 4.0, 5.0)
    assert (cell.needs, cell.examples, cell.example_people) == (1, 0, 0)
    assert (cell.example_demand, cell.example_places) == (0.0, 0.0)
    assert (cell.programmes, cell.unknown_places, cell.example_programmes) == (2, 1, 0)
    assert cell.rests_on_examples is False
    assert cell.status == Status.BALANCED  # 5 places for 4 people a year: 125 %


def test_example_data_can_flip_a_status(regions):
    segment = SegmentFactory()
    need(regions.fi1d9, 10, segments=[segment])
    prog = programme(regions.fi1d9, 10, segments=[segment])
    IntakeFactory(
        programme=prog,
        year=2025,
        places=10,
        applicants=None,
        enrolled=3,
        is_example=True,
    )

    assert (
        row(gap(), segment, regions.fi1d9).status == Status.RECRUITMENT_GAP
    )  # 3 of 10 filled
    assert row(gap(examples=False), segment, regions.fi1d9).status == Status.BALANCED


def test_a_figure_rests_mostly_on_examples_above_half_of_its_demand_or_places(
    regions,
):
    half, more = SegmentFactory(order=1), SegmentFactory(order=2)
    need(regions.fi1d9, 5, segments=[half])
    need(regions.fi1d9, 5, segments=[half], is_example=True)  # exactly half: not mostly
    need(regions.fi1d9, 4, segments=[more])
    need(regions.fi1d9, 6, segments=[more], is_example=True)  # 60 %

    analysis = gap()

    assert row(analysis, half, regions.fi1d9).rests_on_examples is False
    assert row(analysis, more, regions.fi1d9).rests_on_examples is True
    assert (analysis.with_examples, analysis.resting_on_examples) == (2, 1)
