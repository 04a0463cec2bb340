"""Who sees which needs in the gap analysis: the figures count only the needs the viewer may see (public, partners',
coordinators'), however many employers or sources state a hidden need, and a row that exists only because of hidden
needs does not appear.
"""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User

from gaps.analysis.demand import counts_every_need
from gaps.analysis.statuses import Status
from skills.models import Actor, Segment
from tests.factories import ActorFactory, SegmentFactory
from tests.gaps.analysis_data import (
    COORDINATORS,
    PARTNERS,
    PUBLIC,
    gap,
    need,
    programme,
    row,
    rows,
)

pytestmark = pytest.mark.django_db


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
