"""What the gap pages cost in queries: the same number for one programme and need as for two hundred of each.

The rows of a page come from a few aggregating queries, never from one query per row (a template reading a relation
that was not loaded would add one per row); see the query budgets in gaps/analysis/dashboard_views.py and gaps/analysis/detail_views.py.
"""

import pytest
from django.urls import reverse

from gaps.analysis.parameters import this_year
from skills.models import Actor, CompetenceNeed
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    IntakeFactory,
    OccupationFactory,
    OfferingFactory,
    ProgrammeFactory,
    SegmentFactory,
    SiteFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

# regions and offerings shared by the three analyses 2, then segment, occupation and skill analyses 3 each (needs,
# keys of the programmes, the keys), needs met only across the border 1, visible actions per segment, occupation and
# skill 1 (grouped)
DASHBOARD = 13
# the segment 1, its analysis 5 (its regions also place the offerings), needs 1, offerings 1, its visible actions 1
DETAIL_SEGMENT = 9
DETAIL_SKILL = (
    9  # the skill 1, its analysis 5, needs 1, offerings 1, its visible actions 1
)


class World:
    """Two segments, occupations and skills, and a site and an employer in each country's two NUTS 3 regions."""

    def __init__(self, regions) -> None:
        self.segments = [SegmentFactory(code=f"segment-{n}", order=n) for n in range(2)]
        self.skills = [SkillFactory(slug=f"skill-{n}") for n in range(2)]
        self.occupations = [OccupationFactory(slug=f"occupation-{n}") for n in range(2)]
        for segment, occupation in zip(self.segments, self.occupations, strict=True):
            occupation.segments.add(segment)
        self.regions = [regions.fi1d9, regions.fi1d7, regions.se331, regions.se332]
        self.sites = [
            SiteFactory(actor__country=region.country, region=region)
            for region in self.regions
        ]
        self.employers = [
            ActorFactory(slug=f"employer-{n}", kind=Actor.Kind.EMPLOYER)
            for n in range(len(self.regions))
        ]

    def add(self, count: int) -> None:
        """count programmes (given at one or two sites, some with intakes) and count needs, all over the regions."""
        for n in range(count):
            programme = ProgrammeFactory(
                provider=self.sites[n % 4].actor,
                places_per_year=None if n % 3 == 0 else 10 + n % 7,
                segments=[self.segments[n % 2]],
            )
            programme.skills.add(self.skills[n % 2])
            programme.occupations.add(self.occupations[(n + 1) % 2])
            OfferingFactory(programme=programme, site=self.sites[n % 4])
            if n % 5 == 0:
                OfferingFactory(
                    programme=programme, site=self.sites[(n + 1) % 4], places=4
                )
            if n % 3 == 0:
                IntakeFactory(
                    programme=programme, year=this_year(), is_example=n % 2 == 0
                )
            need = CompetenceNeedFactory(
                employer=self.employers[n % 4],
                region=self.regions[(n + 2) % 4],
                occupation=self.occupations[n % 2] if n % 4 else None,
                headcount=1 + n % 9,
                target_year=this_year() + n % 4,
                visibility=CompetenceNeed.Visibility.PUBLIC
                if n % 3
                else CompetenceNeed.Visibility.COORDINATORS,
                is_example=n % 2 == 0,
            )
            need.skills.add(self.skills[(n + 1) % 2])
            if n % 4 == 0:
                need.segments.add(self.segments[n % 2])


@pytest.fixture
def world(regions) -> World:
    return World(regions)


def test_the_dashboard_does_the_same_queries_for_1_and_200_programmes_and_needs(
    client, world, django_assert_num_queries
):
    world.add(1)
    with django_assert_num_queries(DASHBOARD):
        assert client.get(reverse("gaps:dashboard")).status_code == 200
    world.add(199)
    with django_assert_num_queries(DASHBOARD):
        response = client.get(reverse("gaps:dashboard"))
    assert response.status_code == 200
    assert (
        response.content.count(b'class="gap-cell gap-') >= 8
    )  # two segments in four regions at least


@pytest.mark.parametrize(
    ("dimension", "key", "queries"),
    [("segment", "segment-0", DETAIL_SEGMENT), ("skill", "skill-1", DETAIL_SKILL)],
)
def test_a_drill_down_does_the_same_queries_for_1_and_200_programmes_and_needs(
    client, world, django_assert_num_queries, dimension, key, queries
):
    address = reverse("gaps:detail", args=[dimension, key])
    world.add(2)
    with django_assert_num_queries(queries):
        assert client.get(address).status_code == 200
    world.add(198)
    with django_assert_num_queries(queries):
        assert client.get(address).status_code == 200
