"""The news pages in a real browser, on the bundled data with a few items: axe finds nothing on the list and an
article in fi, sv and en, and neither scrolls sideways on a phone."""

import datetime

import pytest
from django.utils import timezone

from programmes.models import Programme
from skills.models import Region, Segment
from tests.browser.conftest import axe_violations, describe
from tests.browser.test_phone_layout import WIDEST_ELEMENT
from tests.factories import NewsItemFactory

LANGUAGES = ["fi", "sv", "en"]
PAGES = ["/news/", "/news/?kind=lesson", "/news/recycling-pilot-lessons/", "/"]
BODY = (
    "<h2>Mitä opimme</h2><p>Yhteinen <strong>kierrätyskurssi</strong> käynnistyi kahdessa maassa.</p>"
    '<ul><li>Opettajat jaettiin.</li><li>Katso <a href="https://example.org/">raportti</a>.</li></ul>'
)


@pytest.fixture(scope="module", autouse=True)
def news(bundled_site, django_db_blocker):
    """Items of both kinds, one only in Finnish, linked to bundled segments, regions and programmes (committed, so
    that the live server sees them; the module's end empties the tables)."""
    with django_db_blocker.unblock():
        segment = Segment.objects.order_by("order").first()
        region = Region.objects.filter(code="SE331").first() or Region.objects.first()
        programme = Programme.objects.filter(state="published").order_by("slug").first()
        now = timezone.now()
        lesson = NewsItemFactory(
            slug="recycling-pilot-lessons",
            kind="lesson",
            title_sv="",
            summary_sv="",
            body_fi=BODY,
            body_sv="",
            body_en=BODY.replace("Mitä opimme", "What we learned"),
            published_at=now - datetime.timedelta(days=1),
        )
        lesson.segments.add(segment)
        lesson.regions.add(region)
        lesson.programmes.add(programme)
        for day in range(2, 5):
            NewsItemFactory(
                published_at=now - datetime.timedelta(days=day)
            ).segments.add(segment)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_news_pages_have_no_accessibility_violations(page, language):
    for path in PAGES:
        response = page.goto(f"{page.base}/{language}{path}")
        assert response.status == 200, path
        violations = axe_violations(page)
        assert violations == [], f"{language}{path}: {describe(violations)}"
    assert page.console_errors == []


def test_the_news_pages_do_not_scroll_sideways_on_a_phone(page):
    page.set_viewport_size({"width": 320, "height": 844})
    for language in LANGUAGES:
        for path in PAGES:
            page.goto(f"{page.base}/{language}{path}")
            found = page.evaluate(WIDEST_ELEMENT)
            assert found["overflow"] <= 0, f"{language}{path}: {found['widest']}"
