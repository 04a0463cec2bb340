"""Who sees which needs in the partner API's gap analysis: the figures count only the needs the caller may see, and a
third employer's hidden need changes nothing for those it is hidden from."""

import pytest

from tests.api.gap_data import (
    GAPS,
    PUBLIC_ONLY,
    VISIBILITY_FIELDS,
    WITH_PARTNERS,
    Visibility,
    _reference_year,  # noqa: F401 (fixtures)
    cells,
    employer,
    figures,
    need,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("client", "expected"),
    [
        ("api_client", PUBLIC_ONLY),
        ("partner_client", WITH_PARTNERS),
        (
            "coordinator_api_client",
            {"demand": 11.5, "people": 14, "needs": 3, "sources": 3},
        ),
    ],
)
def test_figures_count_only_the_needs_the_caller_may_see(
    request, confidential, client, expected
):
    rows = cells(request.getfixturevalue(client).get(GAPS))

    assert figures(rows["recycling", "FI1D9"], *VISIBILITY_FIELDS) == expected
    assert "withheld" not in rows["recycling", "FI1D9"]


@pytest.mark.parametrize(
    ("client", "expected"),
    [
        # However many employers state them, needs hidden from a caller never count for them.
        ("api_client", PUBLIC_ONLY),
        ("partner_client", WITH_PARTNERS),
        (
            "coordinator_api_client",
            {"demand": 13.5, "people": 16, "needs": 4, "sources": 4},
        ),
    ],
)
def test_a_third_employers_hidden_need_changes_nothing_for_those_it_is_hidden_from(
    request, confidential, client, expected
):
    need(
        confidential["regions"]["FI"],
        segments=confidential["recycling"],
        visibility=Visibility.COORDINATORS,
        by=employer("second-employer"),
        **confidential["common"],
    )

    rows = cells(request.getfixturevalue(client).get(GAPS))

    assert figures(rows["recycling", "FI1D9"], *VISIBILITY_FIELDS) == expected
