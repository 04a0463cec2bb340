"""The workshop pages in a real browser, on the bundled data with one public workshop and its needs: axe finds
nothing on the list and the workshop's page in fi, sv and en, and neither scrolls sideways on a phone."""

import pytest

from skills.models import Actor, CompetenceNeed, Occupation, Region
from tests.browser.conftest import axe_violations, describe
from tests.browser.test_phone_layout import WIDEST_ELEMENT
from tests.factories import CompetenceNeedFactory, WorkshopFactory

LANGUAGES = ["fi", "sv", "en"]
PAGES = ["/workshops/", "/workshops/kokkola-process-operators/"]


@pytest.fixture(scope="module", autouse=True)
def workshop(bundled_site, django_db_blocker):
    """A public workshop organised by a bundled actor, with two needs of bundled occupations in a bundled region
    (committed, so that the live server sees them; the module's end empties the tables)."""
    with django_db_blocker.unblock():
        organiser = (
            Actor.objects.filter(state="published", country="FI")
            .order_by("slug")
            .first()
        )
        region = Region.objects.get(code="FI1D5")
        held = WorkshopFactory(
            slug="kokkola-process-operators", organiser=organiser, regions=[region]
        )
        for occupation in Occupation.objects.order_by("slug")[:2]:
            CompetenceNeedFactory(
                workshop=held,
                source_kind=CompetenceNeed.SourceKind.WORKSHOP,
                employer=None,
                source_name=held.title_en,
                occupation=occupation,
                region=region,
            )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_workshop_pages_have_no_accessibility_violations(page, language):
    for path in PAGES:
        response = page.goto(f"{page.base}/{language}{path}")
        assert response.status == 200, path
        violations = axe_violations(page)
        assert violations == [], f"{language}{path}: {describe(violations)}"
    assert page.console_errors == []


def test_the_workshop_pages_do_not_scroll_sideways_on_a_phone(page):
    page.set_viewport_size({"width": 320, "height": 844})
    for language in LANGUAGES:
        for path in PAGES:
            page.goto(f"{page.base}/{language}{path}")
            found = page.evaluate(WIDEST_ELEMENT)
            assert found["overflow"] <= 0, f"{language}{path}: {found['widest']}"
