"""Supply in the gap analysis: places per year, intakes and offerings, programmes shared across sites, regions and the
border, the level band, unknown places, subregions, and the filled places that follow the latest intake's fill rate.
"""

import datetime

import pytest

from gaps.analysis.statuses import Status
from tests.factories import EducationLevelFactory, OfferingFactory, SegmentFactory
from tests.gaps.analysis_data import gap, intake, need, offer, programme, row

pytestmark = pytest.mark.django_db


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
