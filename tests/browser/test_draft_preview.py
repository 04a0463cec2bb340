"""A coordinator previews a draft programme on its public page, with a banner; to anyone else it does not exist."""

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client

from batteryregion.services import coordinator_group_ensure
from programmes.models import Programme
from tests.browser.conftest import axe_violations, describe
from tests.factories import ProgrammeFactory

DRAFT = "/en/programmes/browser-draft-programme/"
BANNER = "Draft — not public. Only coordinators see this preview."


@pytest.fixture(scope="module")
def draft_programme(bundled_site, django_db_blocker) -> Programme:
    """A draft of a bundled provider, committed so that the live server sees it on PostgreSQL too."""
    with django_db_blocker.unblock():
        published = Programme.objects.published().select_related("provider").first()
        return ProgrammeFactory(
            slug="browser-draft-programme",
            name_en="Battery line operator (draft)",
            provider=published.provider,
            state="draft",
        )


@pytest.fixture(scope="module")
def coordinator_session(bundled_site, django_db_blocker) -> str:
    """The session key of a logged-in coordinator (the admin's login form is tested elsewhere)."""
    with django_db_blocker.unblock():
        user, _ = User.objects.get_or_create(
            username="browser-preview-coordinator", defaults={"is_staff": True}
        )
        user.groups.add(coordinator_group_ensure())
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value


@pytest.fixture
def coordinator_page(page, coordinator_session) -> Iterator[object]:
    host = page.base.split("//", 1)[1].split(":", 1)[0]
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": coordinator_session,
                "domain": host,
                "path": "/",
            }
        ]
    )
    yield page


def test_a_coordinator_sees_the_draft_with_a_banner_that_is_announced(
    coordinator_page, draft_programme
):
    page = coordinator_page
    response = page.goto(f"{page.base}{DRAFT}")

    assert response.status == 200
    assert "no-store" in response.headers["cache-control"]
    assert page.locator("h1").inner_text() == "Battery line operator (draft)"
    banner = page.get_by_role("status").filter(has_text=BANNER)
    assert banner.is_visible()
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    assert axe_violations(page) == [], describe(axe_violations(page))
    assert page.console_errors == []


def test_anonymous_visitors_get_a_404_for_the_draft(page, draft_programme):
    response = page.goto(f"{page.base}{DRAFT}")

    assert response.status == 404
    assert BANNER not in page.content()
    assert "Battery line operator (draft)" not in page.content()
