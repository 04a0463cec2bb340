"""The map's optional layer "Cross-border cooperation" in a real browser: off at first, ticked with the keyboard it
draws a line per cross-border link (recorded and joint action) between actors with a site."""

import pytest
from django.contrib.auth.models import AnonymousUser

from programmes.map_lines import cross_border_lines
from skills.models import Actor
from tests.factories import ActionFactory, ActionParticipantFactory, ActorLinkFactory

pytestmark = pytest.mark.django_db(transaction=False)

LINES = "#map .leaflet-overlay-pane path.map-link-line"


@pytest.fixture(scope="module", autouse=True)
def cross_border(bundled_site, django_db_blocker) -> int:
    """Two recorded links and one public joint action between bundled actors with sites (committed, so that the live
    server sees them; the module's end empties the tables). Returns how many lines the bundled data drew before."""
    with django_db_blocker.unblock():
        bundled = len(cross_border_lines(AnonymousUser())["lines"])
        placed = (
            Actor.objects.filter(state="published", sites__isnull=False)
            .distinct()
            .order_by("slug")
        )
        finnish, swedish = (
            list(placed.filter(country="FI")[:2]),
            list(placed.filter(country="SE")[:2]),
        )
        ActorLinkFactory(actor=finnish[0], partner=swedish[0])
        ActorLinkFactory(actor=finnish[1], partner=swedish[1], kind="research")
        action = ActionFactory(
            slug="joint-battery-course", visibility="public", state="agreed"
        )
        ActionParticipantFactory(action=action, actor=finnish[0], role="lead")
        ActionParticipantFactory(action=action, actor=swedish[1])
        assert len(cross_border_lines(AnonymousUser())["lines"]) == bundled + 3
    return bundled


def test_ticking_the_layer_with_the_keyboard_draws_the_cross_border_lines(
    page, cross_border
):
    drawn = cross_border + 3  # the bundled data's lines and the three added here
    page.goto(f"{page.base}/en/map/")
    page.wait_for_selector("#map[data-map-places]")
    box = page.locator("#map-layer-links")
    assert box.is_visible() and not box.is_checked()
    assert page.locator(LINES).count() == 0

    box.focus()
    page.keyboard.press("Space")

    page.wait_for_selector(f"#map[data-map-lines='{drawn}']")
    assert page.locator(LINES).count() == drawn
    page.keyboard.press("Space")
    page.wait_for_selector("#map[data-map-lines='0']")
    assert page.locator(LINES).count() == 0
    assert page.console_errors == []
