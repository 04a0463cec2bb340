"""The actor and education map in a real browser, on the bundled data: the markers and the list show the same places,
filters update both in place and the address, popups lead to the right page, and axe finds nothing serious."""

import re

import pytest

from tests.browser.conftest import axe_violations, describe

pytestmark = pytest.mark.django_db(transaction=False)

LIST_ROWS = "#map-results tbody tr[data-kind]"

# Places drawn on the map now: single markers plus the places inside each cluster.
PLACES_ON_MAP = """() => {
  const pane = document.querySelector('#map .leaflet-marker-pane');
  const singles = pane.querySelectorAll('.map-marker').length;
  const grouped = [...pane.querySelectorAll('.map-cluster-count')].reduce((sum, el) => sum + Number(el.dataset.count), 0);
  return singles + grouped;
}"""


def open_map(page, path: str = "/fi/map/") -> int:
    """Open the map and wait until its markers are drawn; the number of places in the list."""
    page.goto(f"{page.base}{path}")
    page.wait_for_selector("#map[data-map-places]")
    return page.locator(LIST_ROWS).count()


def wait_for_rows_of_kind(page, kind: str) -> None:
    """Wait until the list has places, all of one type (the swap after a filter change has happened)."""
    page.wait_for_function(
        """kind => {
          const rows = [...document.querySelectorAll('#map-results tbody tr[data-kind]')];
          return rows.length > 0 && rows.every(row => row.dataset.kind === kind);
        }""",
        arg=kind,
    )


def country_groups(page) -> list[str]:
    return page.locator("#map-results tbody th[scope=rowgroup]").all_inner_texts()


def heading_count(page) -> int:
    return int(
        re.search(r"\d+", page.locator("#map-results-title").inner_text()).group()
    )


def open_a_popup(page) -> str:
    """Zoom into groups (or spread out those on one spot) until single markers show, open the first one's popup;
    the marker's title. Call on a page opened with reduced motion, so that each click has finished when it returns."""
    markers = page.locator("#map .leaflet-marker-pane .map-marker")
    for _ in range(10):
        if markers.count():
            break
        page.locator("#map .leaflet-marker-pane .map-cluster").first.click()
    marker = markers.first
    title = marker.get_attribute("title")
    marker.click()
    page.locator("#map .leaflet-popup-content a").wait_for()
    return title


def test_the_map_shows_the_places_of_the_list_beside_it(page):
    rows = open_map(page)
    assert rows > 50  # the bundled actors' sites and programmes' sites
    assert heading_count(page) == rows
    assert page.locator("#map").get_attribute("data-map-places") == str(rows)
    # The dense towns are clustered.
    assert page.locator("#map .map-cluster").count() > 0
    assert page.evaluate(PLACES_ON_MAP) == rows
    # The seven NUTS 3 regions of the map are drawn, each with its name, so the map reads without tiles.
    assert page.locator("#map .leaflet-overlay-pane path").count() == 7
    assert page.locator("#map .map-region-label").count() == 7
    attribution = page.locator("#map .leaflet-control-attribution").inner_text()
    assert "EuroGeographics" in attribution
    # Beside each other on a wide screen.
    map_box = page.locator("#map").bounding_box()
    list_box = page.locator("#map-results").bounding_box()
    assert list_box["x"] > map_box["x"] + map_box["width"] - 1
    assert page.locator(".map-legend").is_visible()
    assert page.console_errors == []


def test_choosing_a_filter_updates_the_map_the_list_and_the_address_in_place(page):
    everything = open_map(page)
    page.evaluate("window.notReloaded = true")

    page.locator("#id_kind").select_option("programme")
    # Empty filters stay out of the address.
    page.wait_for_url(re.compile(r"/fi/map/\?kind=programme$"))
    wait_for_rows_of_kind(page, "programme")
    programmes = page.locator(LIST_ROWS).count()
    assert 0 < programmes < everything
    page.wait_for_function(
        f"() => document.querySelector('#map').dataset.mapPlaces === '{programmes}'"
    )
    assert page.evaluate(PLACES_ON_MAP) == programmes
    assert heading_count(page) == programmes
    # Read out by screen readers.
    assert page.locator("#map-status").inner_text().startswith(str(programmes))

    page.locator("#id_country").select_option("SE")
    page.wait_for_url(re.compile(r"/fi/map/\?kind=programme&country=SE$"))
    page.wait_for_function(
        f"() => document.querySelector('#map').dataset.mapPlaces !== '{programmes}'"
    )
    in_sweden = page.locator(LIST_ROWS).count()
    assert 0 < in_sweden < programmes
    assert page.evaluate(PLACES_ON_MAP) == in_sweden
    assert country_groups(page) == ["Ruotsi"]

    # Updated in place, not a new page; the language links keep the filters.
    assert page.evaluate("window.notReloaded") is True
    swedish = page.locator(".language-switcher a[hreflang=sv]").get_attribute("href")
    assert swedish == "/sv/map/?kind=programme&country=SE"

    # Back goes to the previous filters with a working map (a fresh page, not a stale snapshot).
    page.go_back()
    page.wait_for_url(re.compile(r"/fi/map/\?kind=programme$"))
    page.wait_for_function("() => window.notReloaded === undefined")
    page.wait_for_selector("#map[data-map-places]")
    assert page.locator(LIST_ROWS).count() == programmes
    assert page.evaluate(PLACES_ON_MAP) == programmes
    assert page.console_errors == []


def test_a_marker_opens_a_popup_whose_link_goes_to_the_page_of_the_place(page):
    # Without animations every click has finished when it returns (the map honours
    # the user's setting).
    page.emulate_media(reduced_motion="reduce")
    open_map(page, "/fi/map/?kind=employer")
    name = open_a_popup(page).split(", ")[0]
    link = page.locator("#map .leaflet-popup-content a")
    assert link.inner_text() == name
    in_list = page.locator(LIST_ROWS).get_by_role("link", name=name, exact=True)
    expected = in_list.first.get_attribute("href")
    assert re.fullmatch(r"/fi/actors/[\w-]+/", expected)
    assert link.get_attribute("href") == expected
    popup = page.locator("#map .leaflet-popup-content").inner_text()
    assert popup.count("Työnantaja") == 1
    # Keyboard users land in the popup.
    assert page.evaluate("document.activeElement.closest('.leaflet-popup') !== null")

    with page.expect_navigation() as navigation:
        link.click()
    assert navigation.value.status == 200
    assert page.url == f"{page.base}{expected}"
    assert page.console_errors == []


def focused_class(page) -> str:
    return page.evaluate("document.activeElement.className") or ""


def tab_to(page, class_names: tuple[str, ...], presses: int = 6) -> str:
    """Press Tab until a marker or group has the focus; its class."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if any(name in focused_class(page) for name in class_names):
            return focused_class(page)
    raise AssertionError(
        f"Tab did not reach {class_names}; focus is on {focused_class(page)!r}"
    )


def test_places_on_the_map_are_reachable_with_the_keyboard(page):
    page.emulate_media(reduced_motion="reduce")
    open_map(page, "/en/map/?kind=programme")
    page.locator("#map").focus()
    # Enter on a group zooms in, and Tab goes on from the map to the places in it.
    for _ in range(10):
        if "map-marker" in tab_to(page, ("map-marker", "map-cluster")):
            break
        page.keyboard.press("Enter")
    title = page.evaluate("document.activeElement.title")
    page.keyboard.press("Enter")
    # A site with several programmes has a link per programme; the title names them in the same order.
    link = page.locator("#map .leaflet-popup-content a").first
    link.wait_for()
    assert title.startswith(link.inner_text())
    assert page.evaluate("document.activeElement.closest('.map-popup') !== null")
    page.keyboard.press("Escape")
    page.wait_for_selector("#map .leaflet-popup", state="detached")
    # Back on the marker.
    assert page.evaluate("document.activeElement.title") == title
    assert page.console_errors == []


def test_the_filters_work_without_javascript(browser, live_server, bundled_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/sv/map/")
    everything = page.locator(LIST_ROWS).count()
    page.locator("#id_country").select_option("FI")
    page.locator("form.map-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"country=FI"))
    in_finland = page.locator(LIST_ROWS).count()
    assert 0 < in_finland < everything
    assert country_groups(page) == ["Finland"]
    context.close()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_map_page_has_no_serious_accessibility_violations(page, language):
    # axe measures contrast: nothing may be half faded in.
    page.emulate_media(reduced_motion="reduce")
    open_map(page, f"/{language}/map/")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    # And after a filter change, with a popup open.
    page.locator("#id_kind").select_option("research")
    page.wait_for_url(re.compile(r"kind=research"))
    wait_for_rows_of_kind(page, "research")
    open_a_popup(page)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert page.console_errors == []
