"""Demand in the gap analysis (gaps.analysis.compare, gaps.analysis.demand): the rules' constants, headcount times
urgency weight over the years left, which needs count (status, horizon, level band, country) and what a need counts
toward (segments, occupations, skills, its region), pinned figure by figure on small hand-made data sets.

Every query passes an explicit reference year, so that the demand weighting does not depend on today's date.
"""

import pytest

from gaps.analysis.parameters import (
    BALANCED_RANGE,
    URGENCY_WEIGHTS,
    Dimension,
    GapQuery,
)
from gaps.analysis.statuses import Status
from tests.factories import OccupationFactory, SegmentFactory, SkillFactory
from tests.gaps.analysis_data import (
    CRITICAL,
    HIGH,
    LOW,
    MEDIUM,
    PAUSED,
    REF,
    STANDING,
    WITHDRAWN,
    gap,
    need,
    programme,
    row,
)

pytestmark = pytest.mark.django_db


# --- constants ------------------------------------------------------------------------------------------------------


def test_the_constants_of_the_rules():
    assert URGENCY_WEIGHTS == {LOW: 0.5, MEDIUM: 1.0, HIGH: 1.5, CRITICAL: 2.0}
    assert BALANCED_RANGE == (0.8, 1.25)
    assert GapQuery().statuses == (STANDING,)
    assert GapQuery().country_codes == ("FI", "SE")
    assert GapQuery(countries=("SE",)).country_codes == ("SE",)


# --- demand ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("urgency", "headcount", "target_year", "demand"),
    [
        (LOW, 10, REF, 5.0),
        (MEDIUM, 10, REF, 10.0),
        (HIGH, 10, REF, 15.0),
        (CRITICAL, 10, REF, 20.0),
        (MEDIUM, 9, REF + 2, 3.0),  # three years left: 2026, 2027 and 2028
        (HIGH, 7, REF + 1, 5.25),  # 7 × 1.5 / 2
        (LOW, 12, REF + 3, 1.5),  # 12 × 0.5 / 4
        (CRITICAL, 5, REF + 9, 1.0),  # 5 × 2 / 10
        (MEDIUM, 10, REF - 1, 10.0),  # overdue by a year: needed now
        (CRITICAL, 10, REF - 6, 20.0),  # long overdue: still one year, not less
    ],
)
def test_demand_is_headcount_times_urgency_weight_over_years_left(
    regions, urgency, headcount, target_year, demand
):
    segment = SegmentFactory()
    need(
        regions.fi1d9,
        headcount,
        target_year=target_year,
        urgency=urgency,
        segments=[segment],
    )

    cell = row(gap(), segment, regions.fi1d9)

    assert cell.demand == pytest.approx(demand)
    assert cell.people == headcount  # unweighted
    assert cell.needs == 1


@pytest.mark.parametrize(
    ("reference_year", "demand"),
    [(2024, 10 / 5), (2026, 10 / 3), (2027, 5.0), (2028, 10.0), (2031, 10.0)],
)
def test_years_left_count_from_the_reference_year_through_the_target_year(
    regions, reference_year, demand
):
    segment = SegmentFactory()
    need(regions.fi1d9, 10, target_year=2028, segments=[segment])

    cell = row(gap(reference_year=reference_year), segment, regions.fi1d9)

    assert cell.demand == pytest.approx(demand)


def test_demand_and_people_add_up_over_the_needs_of_a_row(regions):
    segment = SegmentFactory()
    need(regions.fi1d9, 10, urgency=CRITICAL, segments=[segment])  # 20
    need(regions.fi1d9, 6, urgency=LOW, target_year=REF + 2, segments=[segment])  # 1
    need(regions.fi1d9, 8, urgency=HIGH, target_year=REF + 3, segments=[segment])  # 3

    cell = row(gap(), segment, regions.fi1d9)

    assert cell.demand == pytest.approx(24.0)
    assert cell.people == 24
    assert cell.needs == 3
    assert cell.sources == 3


# --- which needs count ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statuses", "people"),
    [
        ((STANDING,), 1),
        ((STANDING, PAUSED), 3),
        ((STANDING, PAUSED, WITHDRAWN), 7),
        ((PAUSED,), 2),
        ((WITHDRAWN,), 4),
    ],
)
def test_only_needs_with_the_chosen_statuses_count(regions, statuses, people):
    segment = SegmentFactory()
    need(regions.fi1d9, 1, status=STANDING, segments=[segment])
    need(regions.fi1d9, 2, status=PAUSED, segments=[segment])
    need(regions.fi1d9, 4, status=WITHDRAWN, segments=[segment])

    assert row(gap(statuses=statuses), segment, regions.fi1d9).people == people


def test_standing_needs_only_by_default(regions):
    segment = SegmentFactory()
    need(regions.fi1d9, 1, status=STANDING, segments=[segment])
    need(regions.fi1d9, 2, status=PAUSED, segments=[segment])
    need(regions.fi1d7, 4, status=WITHDRAWN, segments=[segment])

    analysis = gap()

    assert row(analysis, segment, regions.fi1d9).people == 1
    assert analysis.cell(segment, regions.fi1d7) is None


@pytest.mark.parametrize(
    ("horizon", "people"),
    [(None, 7), (REF + 4, 7), (REF + 3, 3), (REF + 2, 3), (REF + 1, 1), (REF, 1)],
)
def test_needs_count_up_to_the_horizon(regions, horizon, people):
    segment = SegmentFactory()
    need(regions.fi1d9, 1, target_year=REF, segments=[segment])
    need(regions.fi1d9, 2, target_year=REF + 2, segments=[segment])
    need(regions.fi1d9, 4, target_year=REF + 4, segments=[segment])

    assert row(gap(horizon=horizon), segment, regions.fi1d9).people == people


def test_a_horizon_before_every_target_year_leaves_no_row(regions):
    segment = SegmentFactory()
    need(regions.fi1d9, 1, target_year=REF, segments=[segment])

    analysis = gap(horizon=REF - 1)

    assert analysis.cells == []
    assert analysis.keys == []
    assert analysis.regions == []


@pytest.mark.parametrize(
    ("band", "people"),
    [
        ((1, 8), 31),
        ((4, 4), 17),  # no band + 4–4
        ((5, 5), 3),  # no band + 5–6
        ((6, 8), 7),  # no band + 5–6 + 6–
        ((1, 3), 9),  # no band + –3
        ((3, 4), 25),  # no band + –3 + 4–4
    ],
)
def test_needs_count_when_their_level_band_overlaps_the_chosen_band(
    regions, band, people
):
    segment = SegmentFactory()
    need(regions.fi1d9, 1, segments=[segment])  # no band: overlaps every band
    need(regions.fi1d9, 2, min_level=5, max_level=6, segments=[segment])
    need(regions.fi1d9, 4, min_level=6, segments=[segment])  # 6 and above
    need(regions.fi1d9, 8, max_level=3, segments=[segment])  # 3 and below
    need(regions.fi1d9, 16, min_level=4, max_level=4, segments=[segment])

    analysis = gap(min_level=band[0], max_level=band[1])

    assert row(analysis, segment, regions.fi1d9).people == people


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        ((), ["FI1D9", "SE331"]),
        (("FI", "SE"), ["FI1D9", "SE331"]),
        (("FI",), ["FI1D9"]),
        (("SE",), ["SE331"]),
    ],
)
def test_needs_count_in_the_chosen_countries_only(regions, countries, expected):
    segment = SegmentFactory()
    need(regions.fi1d9, 1, segments=[segment])
    need(regions.se331, 2, segments=[segment])

    analysis = gap(countries=countries)

    assert [region.code for region in analysis.regions] == expected
    assert [cell.region.code for cell in analysis.cells] == expected


# --- what a need counts toward --------------------------------------------------------------------------------------


def test_a_segment_counts_needs_naming_it_or_else_the_segments_of_their_occupation(
    regions,
):
    cathode, cells, recycling = (
        SegmentFactory(code="cathode", order=1),
        SegmentFactory(code="cells", order=2),
        SegmentFactory(code="recycling", order=3),
    )
    operator = OccupationFactory(slug="operator")
    operator.segments.set([cathode, cells])
    # Names a segment: counts there only, not in the segments of its occupation.
    need(regions.fi1d9, 10, occupation=operator, segments=[recycling])
    # Names no segment: counts, in full, in each segment of its occupation.
    need(regions.fi1d9, 4, occupation=operator)
    # Names two segments: counts in full in both.
    need(regions.fi1d9, 2, segments=[cathode, cells])
    # Names neither a segment nor an occupation with segments: counts nowhere in the segment view.
    need(regions.fi1d9, 100, occupation=OccupationFactory(slug="unplaced"))

    analysis = gap()

    assert analysis.keys == [cathode, cells, recycling]
    assert [(c.key.code, c.people, c.needs) for c in analysis.cells] == [
        ("cathode", 6, 2),
        ("cells", 6, 2),
        ("recycling", 10, 1),
    ]
    assert row(analysis, cathode, regions.fi1d9).demand == pytest.approx(6.0)


def test_the_occupation_view_counts_needs_naming_the_occupation(regions):
    welder, operator, idle = (
        OccupationFactory(slug="b-welder"),
        OccupationFactory(slug="a-operator"),
        OccupationFactory(slug="c-idle"),
    )
    segment = SegmentFactory()
    operator.segments.set([segment])
    need(regions.fi1d9, 10, occupation=welder, segments=[segment])
    need(regions.fi1d9, 3, occupation=operator)
    need(regions.fi1d9, 50, segments=[segment])  # no occupation: no row
    programme(regions.fi1d9, 12, occupations=[welder, operator])
    programme(regions.fi1d7, 5, occupations=[idle])

    analysis = gap(dimension=Dimension.OCCUPATION)

    assert analysis.keys == [operator, welder, idle]  # by slug
    assert [
        (c.key.slug, c.region.code, c.people, c.supply, c.status)
        for c in analysis.cells
    ] == [
        ("a-operator", "FI1D9", 3, 12.0, Status.OVER_SUPPLIED),
        ("b-welder", "FI1D9", 10, 12.0, Status.BALANCED),
        ("c-idle", "FI1D7", 0, 5.0, Status.NO_NEED),
    ]


def test_the_skill_view_counts_a_need_in_full_toward_each_skill_it_lists(regions):
    soldering, safety = SkillFactory(slug="soldering"), SkillFactory(slug="safety")
    need(regions.fi1d9, 10, skills=[soldering, safety])
    need(regions.fi1d9, 4, skills=[safety], urgency=HIGH)
    need(regions.fi1d9, 40, occupation=OccupationFactory())  # no skills: no row
    programme(regions.fi1d9, 20, skills=[soldering, safety])  # teaches both in full

    analysis = gap(dimension=Dimension.SKILL)

    assert analysis.keys == [safety, soldering]
    safety_row, soldering_row = analysis.cells
    assert (safety_row.people, safety_row.needs, safety_row.supply) == (14, 2, 20.0)
    assert safety_row.demand == pytest.approx(16.0)
    assert safety_row.status == Status.BALANCED  # exactly 125 %
    assert (soldering_row.people, soldering_row.needs, soldering_row.supply) == (
        10,
        1,
        20.0,
    )
    assert soldering_row.demand == pytest.approx(10.0)
    assert soldering_row.status == Status.OVER_SUPPLIED


def test_a_programme_counts_toward_each_segment_it_serves(regions):
    first, second = SegmentFactory(order=1), SegmentFactory(order=2)
    programme(regions.fi1d9, 20, segments=[first, second])

    analysis = gap()

    assert [(c.key, c.supply, c.programmes) for c in analysis.cells] == [
        (first, 20.0, 1),
        (second, 20.0, 1),
    ]


def test_only_the_chosen_keys_have_rows(regions):
    first, second = SegmentFactory(order=1), SegmentFactory(order=2)
    need(regions.fi1d9, 10, segments=[first, second])
    programme(regions.fi1d9, 20, segments=[first, second])

    analysis = gap(keys=(second.pk,))

    assert analysis.keys == [second]
    assert [(c.key, c.people, c.supply) for c in analysis.cells] == [(second, 10, 20.0)]


def test_rows_are_in_key_order_then_region_code_order(regions):
    late = SegmentFactory(code="a-late", order=2)
    first_z = SegmentFactory(code="z-first", order=1)
    first_a = SegmentFactory(code="a-first", order=1)
    for segment in (late, first_z, first_a):
        need(regions.se331, 1, segments=[segment])
        need(regions.fi1d9, 1, segments=[segment])
    programme(regions.fi1d7, 5, segments=[first_a])

    analysis = gap()

    assert analysis.keys == [first_a, first_z, late]
    assert [r.code for r in analysis.regions] == ["FI1D7", "FI1D9", "SE331"]
    assert [(c.key.code, c.region.code) for c in analysis.cells] == [
        ("a-first", "FI1D7"),
        ("a-first", "FI1D9"),
        ("a-first", "SE331"),
        ("z-first", "FI1D9"),
        ("z-first", "SE331"),
        ("a-late", "FI1D9"),
        ("a-late", "SE331"),
    ]


def test_a_need_counts_in_the_region_it_is_stated_for_only(regions):
    segment = SegmentFactory()
    need(regions.fi1d, 10, segments=[segment])  # NUTS2
    need(regions.fi1d9, 3, segments=[segment])  # NUTS3 inside it

    analysis = gap()

    assert [(c.region.code, c.people) for c in analysis.cells] == [
        ("FI1D", 10),
        ("FI1D9", 3),
    ]
