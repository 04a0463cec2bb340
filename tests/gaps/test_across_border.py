"""Needs met only across the border: the per-need rule of gaps.analysis.compare.needs_met_only_across_border."""

import pytest
from django.contrib.auth.models import AnonymousUser

from gaps.analysis.across_border import needs_met_only_across_border
from gaps.analysis.parameters import GapQuery
from skills.models import CompetenceNeed
from tests.factories import (
    EducationLevelFactory,
    OccupationFactory,
    SegmentFactory,
    SkillFactory,
)
from tests.gaps.analysis_data import REF, need, programme

pytestmark = pytest.mark.django_db


def listed(user=None, **query) -> list[str]:
    query.setdefault("reference_year", REF)
    needs = needs_met_only_across_border(GapQuery(**query), user or AnonymousUser())
    return [n.slug for n in needs]


def test_a_need_met_by_its_occupation_only_in_the_other_country_is_listed(regions):
    operator = OccupationFactory()
    need(regions.fi1d9, occupation=operator, slug="fi-operators")
    need(regions.se331, occupation=operator, slug="se-operators")
    programme(regions.se332, occupations=[operator])
    # The Swedish need has a programme in Sweden (another region: still its own country).
    assert listed() == ["fi-operators"]


def test_one_shared_skill_is_enough_and_either_side_counts(regions):
    welding, safety = SkillFactory(), SkillFactory()
    need(regions.se331, skills=[welding, safety], occupation=None, slug="se-welders")
    programme(regions.fi1d7, skills=[safety])
    assert listed() == ["se-welders"]
    programme(regions.se332, skills=[welding])
    assert listed() == []


def test_a_need_that_no_programme_meets_anywhere_is_not_listed(regions):
    need(regions.fi1d9, occupation=OccupationFactory(), slug="nowhere")
    programme(regions.se331, occupations=[OccupationFactory()])
    assert listed() == []


def test_segments_count_only_for_a_need_naming_no_occupation_or_skill(regions):
    recycling = SegmentFactory()
    need(regions.fi1d9, segments=[recycling], occupation=None, slug="by-segment")
    need(
        regions.fi1d9,
        segments=[recycling],
        occupation=OccupationFactory(),
        slug="by-occupation",
    )
    programme(regions.se331, segments=[recycling])
    # The second need names an occupation that no programme leads to: the shared segment does not meet it.
    assert listed() == ["by-segment"]


def test_the_programme_level_must_lie_in_the_need_band(regions):
    operator = OccupationFactory()
    level4, level6 = EducationLevelFactory(level=4), EducationLevelFactory(level=6)
    need(regions.fi1d9, occupation=operator, min_level=4, max_level=5, slug="band-4-5")
    programme(
        regions.fi1d9, occupations=[operator], level=level6
    )  # at home, but too high
    programme(regions.se331, occupations=[operator], level=level4)
    assert listed() == ["band-4-5"]
    programme(
        regions.fi1d7, occupations=[operator]
    )  # a course with no level meets every band
    assert listed() == []


def test_unpublished_programmes_meet_nothing(regions):
    operator = OccupationFactory()
    need(regions.fi1d9, occupation=operator, slug="fi")
    programme(regions.fi1d9, occupations=[operator], state="draft")
    programme(regions.se331, occupations=[operator])
    assert listed() == ["fi"]


def test_the_list_follows_the_filters_and_the_visibility_rule(regions, coordinator):
    operator = OccupationFactory()
    programme(regions.se331, occupations=[operator])
    need(regions.fi1d9, occupation=operator, slug="public")
    need(
        regions.fi1d9,
        occupation=operator,
        slug="secret",
        visibility=CompetenceNeed.Visibility.COORDINATORS,
    )
    need(
        regions.fi1d9,
        occupation=operator,
        slug="paused",
        status=CompetenceNeed.Status.PAUSED,
    )
    need(regions.fi1d9, occupation=operator, slug="later", target_year=REF + 5)
    assert set(listed()) == {"public", "later"}
    assert set(listed(coordinator)) == {"public", "secret", "later"}
    assert set(listed(horizon=REF + 1)) == {"public"}
    assert set(listed(statuses=("paused",))) == {"paused"}
    assert listed(countries=("SE",)) == []


def test_one_query_however_many_needs(regions, django_assert_num_queries):
    for n in range(12):
        operator = OccupationFactory()
        programme(regions.se331, occupations=[operator], skills=[SkillFactory()])
        need(
            regions.fi1d9,
            occupation=operator,
            skills=[SkillFactory()],
            slug=f"need-{n}",
        )
    with django_assert_num_queries(1):
        assert len(listed()) == 12


@pytest.mark.parametrize("state", ["draft", "discontinued"])
def test_only_published_needs_and_programmes_count_across_the_border(regions, state):
    operator = OccupationFactory()
    need(regions.fi1d9, occupation=operator, slug="published-need")
    need(regions.fi1d9, occupation=operator, slug="unpublished-need", state=state)
    programme(regions.se331, occupations=[operator])
    assert listed() == ["published-need"]

    # A programme at home that is not published does not meet the need there.
    programme(regions.fi1d7, occupations=[operator], state=state)
    assert listed() == ["published-need"]


def test_example_needs_are_listed_only_with_example_data(regions):
    operator = OccupationFactory()
    need(regions.fi1d9, occupation=operator, slug="real")
    need(regions.fi1d9, occupation=operator, slug="example", is_example=True)
    programme(regions.se331, occupations=[operator])

    assert listed() == ["example", "real"]  # by region, then target year, then slug
    assert listed(examples=False) == ["real"]
