"""The gap-analysis rules (see the docstring of gaps.analysis.compare), pinned figure by figure on small hand-made data sets.

Every query passes an explicit reference year, so that the demand weighting does not depend on today's date.
"""

import dataclasses
import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gaps.analysis.compare import Cell, GapAnalysis, analyse
from gaps.analysis.demand import counts_every_need
from gaps.analysis.parameters import (
    BALANCED_RANGE,
    URGENCY_WEIGHTS,
    Dimension,
    GapQuery,
)
from gaps.analysis.statuses import Status, status_of
from programmes.models import Offering, Programme
from skills.models import Actor, CompetenceNeed, Region, Segment
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    EducationLevelFactory,
    IntakeFactory,
    OccupationFactory,
    OfferingFactory,
    ProgrammeFactory,
    SegmentFactory,
    SiteFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

REF = 2026  # the reference year ("this year") of every query below

LOW = CompetenceNeed.Urgency.LOW
MEDIUM = CompetenceNeed.Urgency.MEDIUM
HIGH = CompetenceNeed.Urgency.HIGH
CRITICAL = CompetenceNeed.Urgency.CRITICAL

STANDING = CompetenceNeed.Status.STANDING
PAUSED = CompetenceNeed.Status.PAUSED
WITHDRAWN = CompetenceNeed.Status.WITHDRAWN

PUBLIC = CompetenceNeed.Visibility.PUBLIC
PARTNERS = CompetenceNeed.Visibility.PARTNERS
COORDINATORS = CompetenceNeed.Visibility.COORDINATORS


# --- data builders --------------------------------------------------------------------------------------------------


def need(
    region: Region,
    headcount: int = 10,
    *,
    target_year: int = REF,
    urgency: str = MEDIUM,
    segments=(),
    occupation=None,
    skills=(),
    **kwargs,
) -> CompetenceNeed:
    """A need for ``headcount`` people in the region, by default public, standing, medium, due this year."""
    created = CompetenceNeedFactory(
        region=region,
        headcount=headcount,
        target_year=target_year,
        urgency=urgency,
        occupation=occupation,
        **kwargs,
    )
    created.segments.set(segments)
    created.skills.set(skills)
    return created


def offer(programme: Programme, region: Region, places: int | None = None) -> Offering:
    """One more offering of the programme, at a new site of its provider in the region."""
    return OfferingFactory(
        programme=programme,
        site=SiteFactory(actor=programme.provider, region=region),
        places=places,
    )


def programme(
    region: Region,
    places: int | None = 20,
    *,
    segments=(),
    occupations=(),
    skills=(),
    level=None,
    offering_places: int | None = None,
    **kwargs,
) -> Programme:
    """A published programme with ``places`` places per year, given at one site in the region."""
    created = ProgrammeFactory(
        places_per_year=places,
        awarded_level=level,
        provider__country=region.country,
        **kwargs,
    )
    created.segments.set(segments)
    created.occupations.set(occupations)
    created.skills.set(skills)
    offer(created, region, offering_places)
    return created


def intake(prog: Programme, year: int, places=None, *, applicants=None, enrolled=None):
    return IntakeFactory(
        programme=prog,
        year=year,
        places=places,
        applicants=applicants,
        enrolled=enrolled,
    )


def gap(user=None, **kwargs) -> GapAnalysis:
    """The analysis for the user (anonymous by default) at the reference year REF unless another is given."""
    kwargs.setdefault("reference_year", REF)
    return analyse(GapQuery(**kwargs), user or AnonymousUser())


def row(analysis: GapAnalysis, key, region: Region) -> Cell:
    found = analysis.cell(key, region)
    assert found is not None, f"no row for {key} in {region.code}"
    return found


def rows(analysis: GapAnalysis) -> list[tuple[str, str, str]]:
    """(segment code or occupation/skill slug, region code, status) of every row, in the analysis's order."""
    return [
        (getattr(c.key, "code", None) or c.key.slug, c.region.code, c.status)
        for c in analysis.cells
    ]


def make_cell(**figures) -> Cell:
    """A Cell built directly, for its properties; unspecified figures are zero."""
    defaults = {
        field.name: None if field.name.endswith(("oldest", "newest")) else 0
        for field in dataclasses.fields(Cell)
    }
    defaults.update(key=None, region=None, status="")
    return Cell(**{**defaults, **figures})


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


# --- supply ---------------------------------------------------------------------------------------------------------


def test_supply_is_the_recorded_places_per_year(regions):
    segment = SegmentFactory()
    need(regions.fi1d9, 20, segments=[segment])
    prog = programme(regions.fi1d9, 24, segments=[segment], duration_months=36)
    intake(prog, 2025, 50, enrolled=50)  # recorded places win over the intake's

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.supply, cell.filled, cell.programmes, cell.unknown_places) == (
        24.0,
        24.0,
        1,
        0,
    )


def test_without_places_per_year_supply_is_the_latest_intake_that_records_places(
    regions,
):
    segment = SegmentFactory()
    prog = programme(regions.fi1d9, None, segments=[segment])
    intake(prog, 2022, 40)
    intake(prog, 2023, 30)
    intake(prog, 2024, 15)
    intake(prog, 2025, None, applicants=60)  # latest, but records no places

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.supply, cell.programmes, cell.unknown_places) == (15.0, 1, 0)


def test_an_offering_with_its_own_places_counts_those(regions):
    segment = SegmentFactory()
    programme(regions.fi1d9, 20, segments=[segment], offering_places=7)

    assert row(gap(), segment, regions.fi1d9).supply == 7.0


def test_a_programme_at_several_sites_shares_its_places_equally(regions):
    segment = SegmentFactory()
    prog = programme(regions.fi1d9, 30, segments=[segment])
    offer(prog, regions.fi1d7)
    need(regions.fi1d, 10, segments=[segment])  # NUTS2 above both sites
    need(regions.fi1, 10, segments=[segment])  # NUTS1

    analysis = gap()

    assert row(analysis, segment, regions.fi1d9).supply == 15.0
    assert row(analysis, segment, regions.fi1d7).supply == 15.0
    assert row(analysis, segment, regions.fi1d).supply == 30.0  # counted once
    assert row(analysis, segment, regions.fi1).supply == 30.0
    assert row(analysis, segment, regions.fi1d9).programmes == 1
    assert row(analysis, segment, regions.fi1d7).programmes == 1


def test_a_programme_at_two_start_dates_at_one_site_counts_its_places_once(regions):
    segment = SegmentFactory()
    prog = programme(regions.fi1d9, 30, segments=[segment])
    OfferingFactory(
        programme=prog,
        site=prog.offerings.get().site,
        starts_on=datetime.date(2028, 1, 10),
    )

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.supply, cell.programmes) == (30.0, 1)


def test_a_programme_on_both_sides_of_the_border_counts_its_share_on_each(regions):
    segment = SegmentFactory()
    prog = programme(regions.fi1d9, 30, segments=[segment])
    offer(prog, regions.se331)
    need(regions.fi1d9, 15, segments=[segment])
    need(regions.se331, 15, segments=[segment])

    analysis = gap()

    for region in (regions.fi1d9, regions.se331):
        cell = row(analysis, region=region, key=segment)
        assert cell.supply == 15.0
        assert (cell.programmes_in_country, cell.programmes_across_border) == (1, 1)
        assert cell.status == Status.BALANCED


def test_offerings_without_own_places_share_the_programmes_places_equally(regions):
    """An offering with its own places counts those, the others share what is left of the programme's places."""
    segment = SegmentFactory()
    prog = programme(regions.fi1d9, 30, segments=[segment], offering_places=6)
    offer(prog, regions.fi1d7)
    offer(prog, regions.fi1d7)

    analysis = gap()

    assert row(analysis, segment, regions.fi1d9).supply == 6.0
    assert row(analysis, segment, regions.fi1d7).supply == 24.0  # (30 - 6) / 2 each


def test_unpublished_programmes_are_ignored(regions):
    segment = SegmentFactory()
    need(regions.fi1d9, 10, segments=[segment])
    programme(regions.fi1d9, 20, segments=[segment], state="draft")
    programme(regions.se331, 20, segments=[segment], state="draft")

    analysis = gap()

    cell = row(analysis, segment, regions.fi1d9)
    assert (cell.supply, cell.programmes, cell.programmes_in_country) == (0.0, 0, 0)
    assert cell.programmes_across_border == 0
    assert cell.status == Status.NO_TRAINING
    assert analysis.cell(segment, regions.se331) is None


@pytest.mark.parametrize(
    ("band", "supply"),
    [
        ((1, 8), 1 + 2 + 4 + 8),
        ((3, 5), 1 + 2 + 4),  # 4 and 5 inside, 6 outside
        ((5, 5), 1 + 4),
        ((6, 8), 1 + 8),
        ((1, 3), 1),  # only the course that awards no level
    ],
)
def test_programmes_count_when_the_level_they_award_lies_in_the_band(
    regions, band, supply
):
    segment = SegmentFactory()
    programme(regions.fi1d9, 1, segments=[segment])  # awards no level: every band
    programme(
        regions.fi1d9, 2, segments=[segment], level=EducationLevelFactory(level=4)
    )
    programme(
        regions.fi1d9, 4, segments=[segment], level=EducationLevelFactory(level=5)
    )
    programme(
        regions.fi1d9, 8, segments=[segment], level=EducationLevelFactory(level=6)
    )

    cell = row(gap(min_level=band[0], max_level=band[1]), segment, regions.fi1d9)

    assert cell.supply == supply


def test_a_programme_without_known_places_counts_as_training_with_no_places(regions):
    segment = SegmentFactory()
    need(regions.fi1d9, 10, segments=[segment])
    unknown = programme(regions.fi1d9, None, segments=[segment])
    intake(unknown, 2025, None, applicants=40, enrolled=12)  # no places recorded
    programme(regions.fi1d9, None, segments=[segment])  # no intake at all

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.supply, cell.filled) == (0.0, 0.0)
    assert (cell.programmes, cell.unknown_places, cell.programmes_in_country) == (
        2,
        2,
        2,
    )
    assert cell.status == Status.UNDER_SUPPLIED  # training exists: not "no training"


def test_unknown_places_are_counted_beside_known_ones(regions):
    segment = SegmentFactory()
    programme(regions.fi1d9, None, segments=[segment])
    programme(regions.fi1d9, 20, segments=[segment])

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.supply, cell.programmes, cell.unknown_places) == (20.0, 2, 1)
    assert cell.status == Status.NO_NEED


def test_supply_of_a_region_includes_its_subregions(regions):
    segment = SegmentFactory()
    programme(
        regions.fi1d9, 20, segments=[segment], verified_on=datetime.date(2025, 3, 1)
    )
    programme(
        regions.fi1d7, 10, segments=[segment], verified_on=datetime.date(2026, 4, 1)
    )
    programme(regions.se331, 40, segments=[segment])
    need(regions.fi1d, 30, segments=[segment])  # NUTS2
    need(regions.fi1, 30, segments=[segment])  # NUTS1
    need(regions.fi1d9, 30, segments=[segment])  # NUTS3

    analysis = gap()

    for region in (regions.fi1d, regions.fi1):
        cell = row(analysis, segment, region)
        assert (cell.supply, cell.filled, cell.programmes) == (30.0, 30.0, 2)
        assert cell.programmes_oldest == datetime.date(2025, 3, 1)
        assert cell.programmes_newest == datetime.date(2026, 4, 1)
        assert cell.status == Status.BALANCED
    assert row(analysis, segment, regions.fi1d9).supply == 20.0
    assert row(analysis, segment, regions.fi1d9).status == Status.UNDER_SUPPLIED


def test_a_programme_at_sites_in_two_subregions_counts_in_each_but_its_places_once(
    regions,
):
    segment = SegmentFactory()
    prog = programme(regions.fi1d9, 30, segments=[segment])
    offer(prog, regions.fi1d7)
    need(regions.fi1d, 30, segments=[segment])

    cell = row(gap(), segment, regions.fi1d)

    assert cell.supply == 30.0
    # Documented: the programme count of an enclosing region adds up its subregions'.
    assert (cell.programmes, cell.programmes_in_country) == (2, 2)


# --- filled places --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("intakes", "filled"),
    [
        ([], 20.0),  # no intake: full
        ([(2025, 20, None, 15)], 15.0),  # enrolled
        ([(2024, 20, None, 5), (2025, 20, None, 18)], 18.0),  # the latest intake
        ([(2025, 20, 12, None)], 12.0),  # fewer applicants than places
        ([(2025, 20, 35, None)], 20.0),  # more applicants than places: full
        ([(2025, 20, 35, 14)], 14.0),  # enrolled, however many applied
        ([(2025, 20, None, 25)], 20.0),  # a fill rate never exceeds 1
        ([(2024, 20, None, 10), (2025, 20, None, None)], 10.0),  # latest that tells
        ([(2024, 20, None, 10), (2025, None, None, 19)], 10.0),  # ... with places
        ([(2025, 40, None, 10)], 5.0),  # rate 1/4 of 20 recorded places per year
    ],
)
def test_filled_places_follow_the_fill_rate_of_the_latest_intake(
    regions, intakes, filled
):
    segment = SegmentFactory()
    prog = programme(regions.fi1d9, 20, segments=[segment])
    for year, places, applicants, enrolled in intakes:
        intake(prog, year, places, applicants=applicants, enrolled=enrolled)

    cell = row(gap(), segment, regions.fi1d9)

    assert cell.supply == 20.0
    assert cell.filled == pytest.approx(filled)


def test_the_fill_rate_scales_the_places_of_each_offering(regions):
    segment = SegmentFactory()
    prog = programme(regions.fi1d9, 30, segments=[segment], offering_places=10)
    offer(prog, regions.fi1d7)  # has what is left of 30: 20
    intake(prog, 2025, 30, enrolled=15)  # half filled

    analysis = gap()

    assert row(analysis, segment, regions.fi1d9).filled == pytest.approx(5.0)
    assert row(analysis, segment, regions.fi1d7).filled == pytest.approx(10.0)


def test_filled_places_add_up_over_programmes_and_subregions(regions):
    segment = SegmentFactory()
    half = programme(regions.fi1d9, 20, segments=[segment])
    intake(half, 2025, 20, enrolled=10)
    programme(regions.fi1d7, 10, segments=[segment])  # no intake: full
    need(regions.fi1d, 26, segments=[segment])

    cell = row(gap(), segment, regions.fi1d)

    assert (cell.supply, cell.filled) == (30.0, pytest.approx(20.0))
    assert cell.status == Status.RECRUITMENT_GAP  # 30 ≥ 0.8 × 26 = 20.8 > 20


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


# --- visibility and confidential needs ------------------------------------------------------------------------------


@pytest.fixture
def viewer_with_permission(db) -> User:
    """A logged-in user with the permission itself, not through the coordinators' group."""
    user = User.objects.create_user("analyst", password="pw")
    user.user_permissions.add(
        Permission.objects.get(codename="view_confidential_needs")
    )
    return User.objects.get(pk=user.pk)


def _three_visibilities(regions) -> Segment:
    segment = SegmentFactory()
    need(regions.fi1d9, 1, segments=[segment], visibility=PUBLIC)
    need(regions.fi1d9, 2, segments=[segment], visibility=PARTNERS)
    need(regions.fi1d9, 4, segments=[segment], visibility=COORDINATORS)
    return segment


def test_anonymous_visitors_count_public_needs_only(regions):
    segment = _three_visibilities(regions)

    cell = row(gap(), segment, regions.fi1d9)

    assert (cell.people, cell.needs, cell.sources) == (1, 1, 1)
    assert cell.demand == 1.0


def test_partners_also_count_partner_needs(regions, partner):
    segment = _three_visibilities(regions)

    cell = row(gap(partner), segment, regions.fi1d9)

    assert (cell.people, cell.needs, cell.sources) == (3, 2, 2)


def test_coordinators_count_every_need(regions, coordinator):
    segment = _three_visibilities(regions)

    cell = row(gap(coordinator), segment, regions.fi1d9)

    assert (cell.people, cell.needs, cell.sources) == (7, 3, 3)


def test_the_permission_itself_shows_every_need(regions, viewer_with_permission):
    segment = _three_visibilities(regions)

    cell = row(gap(viewer_with_permission), segment, regions.fi1d9)

    assert (cell.people, cell.sources) == (7, 3)


@pytest.mark.parametrize(
    ("viewer", "every_need"),
    [
        ("anonymous", False),
        ("partner", False),
        ("coordinator", True),
        ("viewer_with_permission", True),
    ],
)
def test_only_those_who_may_see_every_need_count_every_need(
    request, viewer, every_need
):
    user = AnonymousUser() if viewer == "anonymous" else request.getfixturevalue(viewer)

    assert counts_every_need(user) is every_need


def test_hidden_needs_count_for_no_one_they_are_hidden_from_however_many_employers(
    regions, partner, coordinator
):
    segment = SegmentFactory()
    need(regions.fi1d9, 8, segments=[segment], visibility=PUBLIC)
    need(regions.fi1d9, 1, segments=[segment], visibility=COORDINATORS)
    need(regions.fi1d9, 2, segments=[segment], visibility=PARTNERS)
    need(regions.fi1d9, 4, segments=[segment], visibility=COORDINATORS)

    anonymous = row(gap(), segment, regions.fi1d9)
    assert (anonymous.people, anonymous.needs, anonymous.sources) == (8, 1, 1)
    assert anonymous.demand == pytest.approx(8.0)
    partner_row = row(gap(partner), segment, regions.fi1d9)
    assert (partner_row.people, partner_row.needs, partner_row.sources) == (10, 2, 2)
    every = row(gap(coordinator), segment, regions.fi1d9)
    assert (every.people, every.needs, every.sources) == (15, 4, 4)


def test_needs_of_one_employer_under_different_source_names_are_one_source(
    regions, coordinator
):
    segment = SegmentFactory()
    need(regions.fi1d9, 8, segments=[segment], visibility=PUBLIC)
    employer = ActorFactory(kind=Actor.Kind.EMPLOYER, slug="one-employer")
    need(
        regions.fi1d9,
        1,
        segments=[segment],
        employer=employer,
        source_name="Spring",
        visibility=COORDINATORS,
    )
    need(
        regions.fi1d9,
        2,
        segments=[segment],
        employer=employer,
        source_name="Autumn",
        visibility=COORDINATORS,
    )
    need(regions.fi1d9, 4, segments=[segment], visibility=PARTNERS)

    cell = row(gap(coordinator), segment, regions.fi1d9)
    assert (cell.people, cell.needs, cell.sources) == (15, 4, 3)
    cell = row(gap(), segment, regions.fi1d9)
    assert (cell.people, cell.needs, cell.sources) == (8, 1, 1)


def _stated_by(source_kind: str, source_name: str, **kwargs) -> dict:
    return {
        "employer": None,
        "source_kind": source_kind,
        "source_name": source_name,
        "visibility": COORDINATORS,
        **kwargs,
    }


def test_needs_without_employer_count_their_sources_by_name(regions, coordinator):
    segment = SegmentFactory()
    need(regions.fi1d9, 1, segments=[segment], **_stated_by("workshop", "Workshop A"))
    need(regions.fi1d9, 2, segments=[segment], **_stated_by("survey", "Survey B"))
    need(regions.fi1d9, 4, segments=[segment], **_stated_by("report", "Report C"))

    cell = row(gap(coordinator), segment, regions.fi1d9)

    assert (cell.people, cell.needs, cell.sources) == (7, 3, 3)
    assert gap().cells == []


def test_needs_of_one_named_source_are_one_source(regions, coordinator):
    segment = SegmentFactory()
    need(regions.fi1d9, 1, segments=[segment], **_stated_by("workshop", "Workshop A"))
    need(regions.fi1d9, 2, segments=[segment], **_stated_by("workshop", "Workshop A"))
    need(regions.fi1d9, 4, segments=[segment], **_stated_by("survey", "Survey B"))

    # The row would exist only because of needs hidden from visitors, so for them it does not.
    anonymous = gap()
    assert anonymous.cells == [] and anonymous.keys == [] and anonymous.regions == []

    cell = row(gap(coordinator), segment, regions.fi1d9)
    assert (cell.people, cell.needs, cell.sources) == (7, 3, 2)


def test_a_row_that_exists_only_because_of_hidden_needs_does_not_appear(regions):
    segment, other = SegmentFactory(order=1), SegmentFactory(order=2)
    need(regions.fi1d9, 5, segments=[segment], visibility=PUBLIC)
    need(regions.fi1d7, 4, segments=[segment], visibility=COORDINATORS)
    need(regions.fi1d7, 4, segments=[segment], visibility=PARTNERS)
    need(regions.se331, 4, segments=[other], visibility=COORDINATORS)

    analysis = gap()

    assert rows(analysis) == [(segment.code, "FI1D9", Status.NO_TRAINING)]
    assert analysis.keys == [segment]
    assert [r.code for r in analysis.regions] == ["FI1D9"]


def test_a_row_with_training_and_only_hidden_needs_is_as_if_they_did_not_exist(
    regions,
):
    segment = SegmentFactory()
    programme(regions.fi1d9, 20, segments=[segment])
    hidden = need(regions.fi1d9, 30, segments=[segment], visibility=COORDINATORS)

    cell = row(gap(), segment, regions.fi1d9)
    hidden.delete()

    assert (cell.demand, cell.people, cell.needs, cell.sources) == (0.0, 0, 0, 0)
    assert cell.status == Status.NO_NEED
    assert cell == row(gap(), segment, regions.fi1d9)


def test_hidden_needs_count_in_no_row_whatever_their_sources(regions, coordinator):
    segment, other = SegmentFactory(order=1), SegmentFactory(order=2)
    need(regions.fi1d9, 1, segments=[segment], visibility=COORDINATORS)
    need(regions.fi1d9, 2, segments=[segment], visibility=COORDINATORS)
    need(regions.fi1d7, 4, segments=[segment], visibility=COORDINATORS)
    need(regions.se331, 1, segments=[segment], visibility=COORDINATORS)
    need(regions.se331, 2, segments=[segment], visibility=COORDINATORS)
    need(regions.se331, 4, segments=[other], visibility=COORDINATORS)

    assert gap().cells == []
    assert len(gap(coordinator).cells) == 4


def test_a_need_counts_in_every_row_it_belongs_to_for_those_who_may_see_it(
    regions, partner
):
    first, second = SegmentFactory(order=1), SegmentFactory(order=2)
    for headcount in (1, 2, 4):
        need(regions.fi1d9, headcount, segments=[first, second], visibility=PARTNERS)

    assert gap().cells == []
    assert [(c.key, c.people, c.sources) for c in gap(partner).cells] == [
        (first, 7, 3),
        (second, 7, 3),
    ]


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


def test_leaving_out_examples_costs_no_extra_query(regions, django_assert_num_queries):
    _data_set(regions, range(2))

    with django_assert_num_queries(5):  # the same five as with examples
        analyse(GapQuery(reference_year=REF, examples=False), AnonymousUser())


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


# --- queries --------------------------------------------------------------------------------------------------------


def _data_set(regions, numbers: range) -> None:
    """Needs and programmes of every kind, one set per number: keys, regions, visibilities, sites, intakes."""
    for n in numbers:
        segment = SegmentFactory(code=f"queries-{n}", order=n)
        occupation = OccupationFactory(slug=f"queries-{n}")
        occupation.segments.set([segment])
        skill = SkillFactory(slug=f"queries-{n}")
        for region, visibility in (
            (regions.fi1d9, PUBLIC),
            (regions.fi1d, PARTNERS),
            (regions.se331, COORDINATORS),
        ):
            need(
                region, 5, occupation=occupation, skills=[skill], visibility=visibility
            )
            need(region, 5, segments=[segment], skills=[skill], visibility=COORDINATORS)
        prog = programme(
            regions.fi1d7 if n % 2 else regions.se332,
            None if n % 3 == 1 else 12,
            segments=[segment],
            occupations=[occupation],
            skills=[skill],
            offering_places=5 if n % 4 == 0 else None,
        )
        offer(prog, regions.fi1d9)
        intake(prog, 2025, 10, enrolled=7)


def _viewer(request, name: str):
    """A fresh user object (no cached permissions), or an anonymous visitor."""
    if name == "anonymous":
        return AnonymousUser()
    return User.objects.get(pk=request.getfixturevalue(name).pk)


@pytest.mark.parametrize("dimension", list(Dimension))
@pytest.mark.parametrize("viewer", ["anonymous", "partner", "coordinator"])
def test_analyse_does_a_fixed_number_of_queries(
    regions, request, django_assert_num_queries, dimension, viewer
):
    query = GapQuery(dimension=dimension, reference_year=REF)
    _data_set(regions, range(1))
    user = _viewer(request, viewer)
    with CaptureQueriesContext(connection) as small:
        small_rows = len(analyse(query, user).cells)

    _data_set(regions, range(1, 10))  # ten times as many needs and programmes
    user = _viewer(request, viewer)
    with django_assert_num_queries(len(small.captured_queries)):
        large_rows = len(analyse(query, user).cells)

    assert large_rows == 10 * small_rows


@pytest.mark.parametrize(
    ("dimension", "queries"),
    # regions, needs, offerings, keys of the programmes, the keys of the rows: one demand query for each dimension
    [(Dimension.SEGMENT, 5), (Dimension.OCCUPATION, 5), (Dimension.SKILL, 5)],
)
def test_analyse_does_the_documented_number_of_queries(
    regions, django_assert_num_queries, dimension, queries
):
    _data_set(regions, range(3))

    with django_assert_num_queries(queries):
        analyse(GapQuery(dimension=dimension, reference_year=REF), AnonymousUser())
