"""The status of a gap-analysis row (gaps.analysis.statuses): the status for each demand and supply, needs covered only
across the border, the largest unmet needs, and a cell's own figures (difference, ratio, unmet).
"""

import dataclasses

import pytest

from gaps.analysis.compare import Cell
from gaps.analysis.parameters import Dimension, GapQuery
from gaps.analysis.statuses import Status, status_of
from tests.factories import (
    EducationLevelFactory,
    OccupationFactory,
    SegmentFactory,
    SkillFactory,
)
from tests.gaps.analysis_data import (
    PAUSED,
    REF,
    gap,
    intake,
    need,
    programme,
    row,
    rows,
)

pytestmark = pytest.mark.django_db


def make_cell(**figures) -> Cell:
    """A Cell built directly, for its properties; unspecified figures are zero."""
    defaults = {
        field.name: None if field.name.endswith(("oldest", "newest")) else 0
        for field in dataclasses.fields(Cell)
    }
    defaults.update(key=None, region=None, status="")
    return Cell(**{**defaults, **figures})


# --- status ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("places", "enrolled", "status"),
    [
        (None, None, Status.NO_TRAINING),  # no programme at all
        (15, None, Status.UNDER_SUPPLIED),  # 75 %
        (16, None, Status.BALANCED),  # exactly 80 %: not under
        (20, None, Status.BALANCED),
        (25, None, Status.BALANCED),  # exactly 125 %: still balanced
        (26, None, Status.OVER_SUPPLIED),
        (20, 15, Status.RECRUITMENT_GAP),  # places 100 %, filled 75 %
        (20, 16, Status.BALANCED),  # filled exactly 80 %
        (40, 10, Status.RECRUITMENT_GAP),  # plenty of places, filled 50 %
        (40, 20, Status.OVER_SUPPLIED),  # filled 100 %, places 200 %
    ],
)
def test_status_of_a_row_with_a_demand_of_20(regions, places, enrolled, status):
    segment = SegmentFactory()
    need(regions.fi1d9, 20, segments=[segment])
    if places is not None:
        prog = programme(regions.fi1d9, places, segments=[segment])
        if enrolled is not None:
            intake(prog, 2025, places, enrolled=enrolled)

    cell = row(gap(), segment, regions.fi1d9)

    assert cell.demand == 20.0
    assert cell.status == status


def test_training_without_a_counted_need_is_no_stated_need(regions):
    segment = SegmentFactory()
    programme(regions.fi1d9, 20, segments=[segment])
    need(regions.fi1d9, 20, segments=[segment], status=PAUSED)

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.demand, cell.people, cell.needs, cell.sources) == (0.0, 0, 0, 0)
    assert cell.status == Status.NO_NEED
    assert cell.ratio is None


def test_every_status_in_one_analysis(regions):
    segments = {
        name: SegmentFactory(code=name, order=order)
        for order, name in enumerate(
            ["none", "across", "under", "gap", "balanced", "over", "no-need"]
        )
    }
    for name in ("none", "across", "under", "gap", "balanced", "over"):
        need(regions.fi1d9, 10, segments=[segments[name]])
    programme(regions.se331, 10, segments=[segments["across"]])
    programme(regions.fi1d9, 7, segments=[segments["under"]])
    intake(
        programme(regions.fi1d9, 10, segments=[segments["gap"]]), 2025, 10, enrolled=7
    )
    programme(regions.fi1d9, 10, segments=[segments["balanced"]])
    programme(regions.fi1d9, 13, segments=[segments["over"]])
    programme(regions.fi1d9, 10, segments=[segments["no-need"]])

    assert rows(gap()) == [
        ("none", "FI1D9", Status.NO_TRAINING),
        ("across", "FI1D9", Status.ACROSS_BORDER),
        ("across", "SE331", Status.NO_NEED),
        ("under", "FI1D9", Status.UNDER_SUPPLIED),
        ("gap", "FI1D9", Status.RECRUITMENT_GAP),
        ("balanced", "FI1D9", Status.BALANCED),
        ("over", "FI1D9", Status.OVER_SUPPLIED),
        ("no-need", "FI1D9", Status.NO_NEED),
    ]


@pytest.mark.parametrize(
    ("demand", "supply", "filled", "in_country", "across_border", "status"),
    [
        (0, 10, 10, 1, 0, Status.NO_NEED),
        (0, 10, 10, 1, 1, Status.NO_NEED),
        (10, 0, 0, 0, 0, Status.NO_TRAINING),
        (10, 0, 0, 0, 2, Status.ACROSS_BORDER),
        (10, 30, 30, 0, 1, Status.ACROSS_BORDER),  # places elsewhere do not count
        (10, 0, 0, 1, 0, Status.UNDER_SUPPLIED),  # training without known places
        (10, 0, 0, 1, 1, Status.UNDER_SUPPLIED),
        (10, 7.99, 7.99, 1, 0, Status.UNDER_SUPPLIED),
        (10, 8, 8, 1, 0, Status.BALANCED),
        (10, 8, 7.99, 1, 0, Status.RECRUITMENT_GAP),
        (10, 30, 7.99, 1, 0, Status.RECRUITMENT_GAP),  # before over-supplied
        (10, 7.99, 0, 1, 0, Status.UNDER_SUPPLIED),  # before recruitment gap
        (10, 12.5, 12.5, 1, 0, Status.BALANCED),
        (10, 12.5, 8, 1, 0, Status.BALANCED),
        (10, 12.51, 12.51, 1, 0, Status.OVER_SUPPLIED),
        (10, 12.51, 8, 1, 0, Status.OVER_SUPPLIED),
        (0.5, 0.4, 0.4, 1, 0, Status.BALANCED),
        (0.5, 0.39, 0.39, 1, 0, Status.UNDER_SUPPLIED),
    ],
)
def test_status_of(demand, supply, filled, in_country, across_border, status):
    assert status_of(demand, supply, filled, in_country, across_border) == status


@pytest.mark.parametrize(
    ("in_country", "across_border", "status"),
    [(0, 0, Status.NO_TRAINING), (0, 1, Status.ACROSS_BORDER)],
)
def test_status_of_no_need_requires_training_in_the_country(
    in_country, across_border, status
):
    assert status_of(0, 0, 0, in_country, across_border) == status


# --- across the border ----------------------------------------------------------------------------------------------


def test_a_need_served_only_across_the_border_is_covered_across_the_border(regions):
    segment = SegmentFactory()
    need(regions.fi1d9, 10, segments=[segment])
    programme(regions.se331, 20, segments=[segment])
    other = SegmentFactory()
    need(regions.se332, 10, segments=[other])
    programme(regions.fi1d7, 20, segments=[other])

    analysis = gap()

    finnish = row(analysis, segment, regions.fi1d9)
    assert (finnish.supply, finnish.programmes) == (0.0, 0)
    assert (finnish.programmes_in_country, finnish.programmes_across_border) == (0, 1)
    assert finnish.status == Status.ACROSS_BORDER
    swedish = row(analysis, other, regions.se332)
    assert (swedish.programmes_in_country, swedish.programmes_across_border) == (0, 1)
    assert swedish.status == Status.ACROSS_BORDER
    # The programmes' own rows: training without need.
    assert row(analysis, segment, regions.se331).status == Status.NO_NEED
    assert row(analysis, other, regions.fi1d7).status == Status.NO_NEED


@pytest.mark.parametrize("dimension", [Dimension.OCCUPATION, Dimension.SKILL])
def test_across_the_border_by_occupation_and_by_skill(regions, dimension):
    occupation, skill = OccupationFactory(), SkillFactory()
    need(regions.fi1d9, 10, occupation=occupation, skills=[skill])
    programme(regions.se331, 20, occupations=[occupation], skills=[skill])
    key = occupation if dimension == Dimension.OCCUPATION else skill

    cell = row(gap(dimension=dimension), key, regions.fi1d9)

    assert (cell.programmes_in_country, cell.programmes_across_border) == (0, 1)
    assert cell.status == Status.ACROSS_BORDER


def test_a_programme_elsewhere_in_the_country_makes_it_under_supplied_not_across(
    regions,
):
    segment = SegmentFactory()
    need(regions.fi1d9, 10, segments=[segment])
    programme(regions.fi1d7, 20, segments=[segment])  # Lapland, not North Ostrobothnia
    programme(regions.se331, 20, segments=[segment])

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.supply, cell.programmes) == (0.0, 0)
    assert (cell.programmes_in_country, cell.programmes_across_border) == (1, 1)
    assert cell.status == Status.UNDER_SUPPLIED


def test_the_other_country_counts_for_the_status_even_when_not_chosen(regions):
    segment = SegmentFactory()
    need(regions.fi1d9, 10, segments=[segment])
    need(regions.se331, 10, segments=[segment])
    programme(regions.se331, 20, segments=[segment])

    analysis = gap(countries=("FI",))

    assert rows(analysis) == [(segment.code, "FI1D9", Status.ACROSS_BORDER)]


def test_programmes_across_the_border_count_only_at_the_chosen_levels(regions):
    segment = SegmentFactory()
    need(regions.fi1d9, 10, segments=[segment])
    programme(
        regions.se331, 20, segments=[segment], level=EducationLevelFactory(level=6)
    )

    assert row(gap(max_level=5), segment, regions.fi1d9).status == Status.NO_TRAINING
    assert row(gap(min_level=6), segment, regions.fi1d9).status == Status.ACROSS_BORDER


# --- the largest unmet demand and the cell's own figures ------------------------------------------------------------


def test_largest_unmet_lists_unmet_rows_by_unmet_demand_then_demand_then_region(
    regions,
):
    codes = ["under", "none", "gap", "balanced", "no-need", "lapland", "across"]
    s = {code: SegmentFactory(code=code, order=n) for n, code in enumerate(codes)}
    need(regions.fi1d9, 10, segments=[s["under"]])
    programme(regions.fi1d9, 7, segments=[s["under"]])  # unmet 3
    need(regions.fi1d9, 5, segments=[s["none"]])  # unmet 5, demand 5, FI1D9
    need(regions.fi1d9, 10, segments=[s["gap"]])
    gap_programme = programme(regions.fi1d9, 10, segments=[s["gap"]])
    intake(gap_programme, 2025, 10, enrolled=5)  # unmet 5, demand 10
    need(regions.fi1d9, 10, segments=[s["balanced"]])
    programme(regions.fi1d9, 9, segments=[s["balanced"]])  # balanced: not listed
    programme(regions.fi1d9, 9, segments=[s["no-need"]])  # no need: not listed
    need(regions.fi1d7, 5, segments=[s["lapland"]])  # unmet 5, demand 5, FI1D7
    need(regions.fi1d9, 2, segments=[s["across"]])
    programme(regions.se331, 9, segments=[s["across"]])  # unmet 2

    analysis = gap()

    assert [(c.key.code, c.region.code, c.unmet) for c in analysis.largest_unmet()] == [
        ("gap", "FI1D9", 5.0),
        ("lapland", "FI1D7", 5.0),
        ("none", "FI1D9", 5.0),
        ("under", "FI1D9", 3.0),
        ("across", "FI1D9", 2.0),
    ]
    assert [c.key.code for c in analysis.largest_unmet(limit=2)] == ["gap", "lapland"]
    assert len(analysis.largest_unmet(limit=None)) == 5
    assert len(analysis.largest_unmet(limit=0)) == 0
    balanced = row(analysis, s["balanced"], regions.fi1d9)
    assert (balanced.status, balanced.unmet) == (Status.BALANCED, 1.0)


@pytest.mark.parametrize(
    ("demand", "supply", "filled", "difference", "ratio", "unmet"),
    [
        (10.0, 7.0, 7.0, -3.0, 0.7, 3.0),
        (10.0, 10.0, 5.0, 0.0, 1.0, 5.0),  # unfilled places do not meet demand
        (10.0, 8.0, 12.0, -2.0, 0.8, 2.0),  # filled beyond places does not either
        (10.0, 15.0, 15.0, 5.0, 1.5, 0.0),  # never negative
        (0.0, 6.0, 6.0, 6.0, None, 0.0),  # no demand: no ratio
        (4.0, 0.0, 0.0, -4.0, 0.0, 4.0),
    ],
)
def test_cell_difference_ratio_and_unmet(
    demand, supply, filled, difference, ratio, unmet
):
    cell = make_cell(demand=demand, supply=supply, filled=filled)

    assert cell.difference == pytest.approx(difference)
    assert cell.ratio == (None if ratio is None else pytest.approx(ratio))
    assert cell.unmet == pytest.approx(unmet)


def test_a_cell_knows_its_country_and_the_analysis_finds_it(regions):
    segment = SegmentFactory()
    need(regions.se331, 3, segments=[segment])

    analysis = gap()

    assert row(analysis, segment, regions.se331).country == "SE"
    assert analysis.cell(segment, regions.fi1d9) is None
    assert analysis.query == GapQuery(reference_year=REF)
