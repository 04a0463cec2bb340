"""The snapshot pages in a real browser, on the bundled data with two snapshots and edits in between: a visitor goes
from the list to a snapshot and on to the comparison the list offers; axe finds nothing on any of them in fi, sv and
en, and none scrolls sideways on a phone."""

import pytest
from django.utils import timezone

from gaps.snapshots.models import Snapshot
from gaps.snapshots.services import snapshot_take
from programmes.models import Programme
from tests.browser.conftest import axe_violations, describe
from tests.browser.test_phone_layout import WIDEST_ELEMENT

LANGUAGES = ["fi", "sv", "en"]


@pytest.fixture(scope="module", autouse=True)
def snapshots(bundled_site, django_db_blocker):
    """A snapshot of the bundled data, a programme discontinued and another's places raised, and a second snapshot
    (committed, so that the live server sees them; the module's end empties the tables)."""
    with django_db_blocker.unblock():
        before = snapshot_take(title="Before")
        running = Programme.objects.filter(state="published", places_per_year__isnull=False).order_by("slug")  # fmt: skip
        ended = running[0]
        ended.state = "discontinued"
        ended.ended_on = timezone.localdate()
        ended.save()
        raised = running[1]
        raised.places_per_year += 10
        raised.save()
        after = snapshot_take(title="After")
        return {"before": before, "after": after, "ended": ended}


def test_from_the_list_to_a_snapshot_and_the_comparison(page, snapshots):
    page.goto(f"{page.base}/en/gaps/snapshots/")
    assert page.locator("h1").inner_text() == "Snapshots of the map"
    page.get_by_role("link", name="After", exact=True).click()
    page.wait_for_url(f"**/en/gaps/snapshots/{snapshots['after'].slug}/")
    assert page.locator("h1").inner_text() == "After"
    assert page.get_by_role(
        "table", name="What the public map held on this day"
    ).is_visible()

    page.get_by_role("link", name="All snapshots").click()
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**/en/gaps/snapshots/compare/?*")
    discontinued = page.locator("#discontinued-title + ul").inner_text()
    assert snapshots["ended"].name_en in discontinued
    assert page.console_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_snapshot_pages_have_no_accessibility_violations(page, snapshots, language):
    before, after = snapshots["before"].slug, snapshots["after"].slug
    for path in [
        "/gaps/snapshots/",
        f"/gaps/snapshots/{after}/",
        f"/gaps/snapshots/compare/?from={before}&to={after}",
        "/gaps/snapshots/compare/?from=nothing&to=",
    ]:
        page.goto(f"{page.base}/{language}{path}")
        violations = axe_violations(page)
        assert violations == [], f"{language}{path}: {describe(violations)}"
    # Chromium logs the refused comparison's 400 itself; nothing else may fail.
    assert [e for e in page.console_errors if "status of 400" not in e] == []


def test_the_snapshot_pages_do_not_scroll_sideways_on_a_phone(page, snapshots):
    page.set_viewport_size({"width": 320, "height": 844})
    before, after = snapshots["before"].slug, snapshots["after"].slug
    for language in LANGUAGES:
        for path in [
            "/gaps/snapshots/",
            f"/gaps/snapshots/{after}/",
            f"/gaps/snapshots/compare/?from={before}&to={after}",
        ]:
            page.goto(f"{page.base}/{language}{path}")
            found = page.evaluate(WIDEST_ELEMENT)
            assert found["overflow"] <= 0, f"{language}{path}: {found['widest']}"
    assert Snapshot.objects.count() == 2
