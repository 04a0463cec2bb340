"""A key's scope decides which competence needs it reads, through the one rule (skills.models.visible_needs): a
"partners" key as a logged-in partner, a "public" key as an anonymous visitor, and no key ever a coordinators' need."""

import pytest

from partners.models import PartnerKey
from skills.models import CompetenceNeed
from tests.api.conftest import confidential, regions, segments  # noqa: F401 (fixtures)
from tests.api.gap_data import (
    GAPS,
    VISIBILITY_FIELDS,
    _reference_year,  # noqa: F401 (fixtures)
    cells,
    figures,
)
from tests.factories import CompetenceNeedFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/competence-needs/"


@pytest.fixture
def needs_of_every_visibility() -> None:
    for visibility in CompetenceNeed.Visibility:
        CompetenceNeedFactory(slug=f"{visibility}-need", visibility=visibility)


def slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["slug"] for item in response.json()["results"]}


@pytest.mark.parametrize(
    ("scope", "seen"),
    [
        (PartnerKey.Scope.PUBLIC, {"public-need"}),
        (PartnerKey.Scope.PARTNERS, {"public-need", "partners-need"}),
    ],
)
def test_a_keys_scope_decides_the_needs_it_lists_and_opens(issue_key, needs_of_every_visibility, scope, seen):  # fmt: skip
    client = issue_key(scope=scope).client()

    assert slugs(client.get(LIST)) == seen
    for visibility in CompetenceNeed.Visibility:
        status = client.get(f"{LIST}{visibility}-need/").status_code
        assert status == (200 if f"{visibility}-need" in seen else 404), visibility


def test_a_coordinators_need_is_never_shown_to_a_key_even_with_a_coordinators_session(
    partners_key, coordinator, needs_of_every_visibility
):
    client = partners_key.client()
    client.force_login(coordinator)

    # The key decides who asks, not the session that comes with it.
    assert slugs(client.get(LIST)) == {"public-need", "partners-need"}
    assert client.get(f"{LIST}coordinators-need/").status_code == 404


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        # As an anonymous caller: only the public need counts.
        (
            PartnerKey.Scope.PUBLIC,
            {"demand": 7.5, "people": 10, "needs": 1, "sources": 1},
        ),
        # As a logged-in partner: the partners' need counts too; the coordinators' need stays out.
        (
            PartnerKey.Scope.PARTNERS,
            {"demand": 9.5, "people": 12, "needs": 2, "sources": 2},
        ),
    ],
)
@pytest.mark.usefixtures("confidential")
def test_gap_figures_count_the_needs_of_the_keys_scope(issue_key, scope, expected):
    rows = cells(issue_key(scope=scope).client().get(GAPS))

    assert figures(rows["recycling", "FI1D9"], *VISIBILITY_FIELDS) == expected
