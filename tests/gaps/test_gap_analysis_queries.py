"""What the gap analysis costs: a fixed, documented number of queries for every dimension and viewer, and no extra query
for leaving out example data.
"""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gaps.analysis.compare import analyse
from gaps.analysis.parameters import Dimension, GapQuery
from tests.factories import OccupationFactory, SegmentFactory, SkillFactory
from tests.gaps.analysis_data import (
    COORDINATORS,
    PARTNERS,
    PUBLIC,
    REF,
    intake,
    need,
    offer,
    programme,
)

pytestmark = pytest.mark.django_db


def test_leaving_out_examples_costs_no_extra_query(regions, django_assert_num_queries):
    _data_set(regions, range(2))

    with django_assert_num_queries(5):  # the same five as with examples
        analyse(GapQuery(reference_year=REF, examples=False), AnonymousUser())


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
