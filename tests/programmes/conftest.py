"""Shared data of the map tests (test_map_*.py): the area, two regions with actors and programmes on both sides of the
border."""

import datetime

import pytest

from skills.models import Actor
from tests.factories import (
    ActorFactory,
    EducationLevelFactory,
    OfferingFactory,
    ProgrammeFactory,
    RegionFactory,
    SegmentFactory,
    SiteFactory,
)
from tests.programmes.map_page_data import SQUARE


@pytest.fixture
def area() -> None:
    """Two regions, two segments, two levels; actors and programmes on both sides of the border."""
    oulu_region = RegionFactory(boundary=SQUARE)
    vasterbotten = RegionFactory(
        code="SE331",
        code_2024="SE331",
        country="SE",
        name_fi="Västerbottenin lääni",
        name_sv="Västerbottens län",
        name_en="Västerbotten County",
        boundary=SQUARE,
    )
    recycling = SegmentFactory(code="recycling", name_en="Recycling")
    cells = SegmentFactory(code="cells", name_en="Cell manufacturing")
    level4, level6 = EducationLevelFactory(level=4), EducationLevelFactory(level=6)

    college = ActorFactory(
        slug="college",
        name_en="Oulu College",
        name_sv="Uleåborgs yrkesskola",
        kind=Actor.Kind.PROVIDER,
    )
    college.segments.add(recycling)
    college_site = SiteFactory(actor=college, region=oulu_region)
    university = ActorFactory(
        slug="university",
        name_en="Umeå University",
        kind=Actor.Kind.PROVIDER,
        country="SE",
    )
    university_site = SiteFactory(
        actor=university,
        region=vasterbotten,
        town_en="Umeå",
        town_fi="Uumaja",
        town_sv="Umeå",
    )
    factory = ActorFactory(
        slug="cell-factory",
        name_en="Cell Factory",
        kind=Actor.Kind.EMPLOYER,
        country="SE",
    )
    factory.segments.add(cells)
    SiteFactory(
        actor=factory,
        region=vasterbotten,
        town_en="Skellefteå",
        town_fi="Skellefteå",
        town_sv="Skellefteå",
    )
    # A Swedish company's site in Finland is a place in Finland.
    SiteFactory(actor=factory, region=oulu_region)

    operator = ProgrammeFactory(
        slug="process-operator",
        name_fi="Prosessinhoitaja",
        name_sv="Processoperatör",
        name_en="Process operator",
        provider=college,
        awarded_level=level4,
        segments=[recycling],
    )
    OfferingFactory(
        programme=operator, site=college_site, starts_on=datetime.date(2027, 8, 1)
    )
    # Another start at the same site: the same place.
    OfferingFactory(
        programme=operator, site=college_site, starts_on=datetime.date(2028, 1, 10)
    )
    engineer = ProgrammeFactory(
        slug="battery-engineer",
        name_en="Battery engineer",
        provider=university,
        awarded_level=level6,
        segments=[cells],
    )
    OfferingFactory(programme=engineer, site=university_site)
    hidden = ProgrammeFactory(
        slug="hidden", name_en="Hidden", provider=college, state="draft"
    )
    OfferingFactory(programme=hidden, site=college_site)
