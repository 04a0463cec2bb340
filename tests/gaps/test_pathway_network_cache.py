"""The pathway search's network kept in memory between requests (gaps.pathways.network.cached_network): no query while
nothing changes, a change made in this process seen at once, one made elsewhere seen with the next data version."""

import pytest
from django.utils import translation

from batteryregion.models import DataVersion
from batteryregion.page_cache import forget_version
from gaps.pathways.eligibility import assess
from gaps.pathways.network import cached_network, forget_networks
from gaps.pathways.search import PathwayQuery, find_pathways
from programmes.models import Programme
from tests.factories import (
    EducationLevelFactory,
    OccupationFactory,
    QualificationTypeFactory,
    pathway_programme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def network_cache_on(settings):
    settings.PATHWAY_NETWORK_CACHE = True
    # The version is read once per test, not whenever a second has passed: the query counts below are exact.
    settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 3600
    forget_version()
    forget_networks()
    yield
    forget_version()
    forget_networks()


@pytest.fixture
def basic():
    return QualificationTypeFactory(
        code="fi-basic", level=EducationLevelFactory(level=2)
    )


@pytest.fixture
def operator():
    return OccupationFactory(slug="operator")


def slugs(query: PathwayQuery) -> list[str]:
    return [r.steps[0].programme.slug for r in find_pathways(query).routes]


def test_a_second_search_reads_nothing_from_the_database(
    basic, operator, django_assert_num_queries
):
    pathway_programme("course", accepts=[basic], leads_to=[operator])
    query = PathwayQuery(starting_point=basic)
    with django_assert_num_queries(1 + 12):  # the data version, then load_network()
        assert slugs(query) == ["course"]
    with django_assert_num_queries(0):
        assert slugs(query) == ["course"]


def test_a_change_in_this_process_is_searched_at_once(basic, operator):
    pathway_programme("course", accepts=[basic], leads_to=[operator], months=12)
    query = PathwayQuery(starting_point=basic)
    assert slugs(query) == ["course"]

    pathway_programme("shorter", accepts=[basic], leads_to=[operator], months=3)
    assert slugs(query) == ["shorter", "course"]
    Programme.objects.get(slug="shorter").delete()
    assert slugs(query) == ["course"]


def test_a_change_made_elsewhere_is_searched_with_the_next_data_version(
    basic, operator
):
    pathway_programme("course", accepts=[basic], leads_to=[operator], months=12)
    pathway_programme("other", accepts=[basic], leads_to=[operator], months=24)
    query = PathwayQuery(starting_point=basic)
    assert slugs(query) == ["course", "other"]

    # Another process: no signal here (a queryset update sends none), only a new data version in the database.
    Programme.objects.filter(slug="other").update(duration_months=1)
    assert slugs(query) == [
        "course",
        "other",
    ]  # this process has not read the version again yet
    DataVersion.objects.update_or_create(pk=1, defaults={"number": 99})
    forget_version()  # as when PAGE_CACHE_VERSION_CHECK_SECONDS have passed
    assert slugs(query) == ["other", "course"]


def test_each_language_has_its_own_network(basic, operator):
    pathway_programme("course", accepts=[basic], leads_to=[operator])
    with translation.override("fi"):
        finnish = cached_network()
        assert cached_network() is finnish
    with translation.override("sv"):
        assert cached_network() is not finnish


def test_a_kept_programme_remembers_the_answers_of_a_bounded_number_of_people(
    basic, operator
):
    pathway_programme("course", accepts=[basic], leads_to=[operator], min_age=20)
    programme = cached_network().programmes[0]
    for person in range(
        100
    ):  # a hundred people who told different things about themselves
        situations = frozenset({f"situation-{person}"})
        assess(programme, PathwayQuery(starting_point=basic, situations=situations))
    assert 0 < len(programme.__dict__["_assessments"]) <= 32
