"""The pathway page in a real browser, on the bundled data: the form end to end in each language, the route graph
with the mouse and the keyboard, the list beside it, and no serious accessibility violations."""

import gzip
import re

import pytest

from tests.browser.conftest import axe_violations, describe

LANGUAGES = ["fi", "sv", "en"]
# The Finnish vocational upper secondary qualification as the bundled data names it in each language.
VOCATIONAL = {
    "fi": "Ammatillinen perustutkinto (Suomi)",
    "sv": "Yrkesinriktad grundexamen (Finland)",
    "en": "Finnish vocational upper secondary qualification",
}


def listed_routes(page) -> list[str]:
    return page.locator("#route-list li.route").evaluate_all(
        "items => items.map(i => i.dataset.route)"
    )


def graph_routes(page) -> set[str]:
    keys = page.locator("svg[data-route-graph] [data-routes]").evaluate_all(
        "elements => elements.map(e => e.getAttribute('data-routes'))"
    )
    return {key for value in keys for key in value.split()}


def show_routes(page, language: str) -> None:
    """Open the form, choose the vocational qualification and Finland, submit, and wait for the graph."""
    page.goto(f"{page.base}/{language}/pathways/")
    page.locator("#id_start").select_option(label=VOCATIONAL[language])
    page.wait_for_url(re.compile(r"start=fi-vocational"))
    page.locator('#id_country input[value="FI"]').check()
    page.wait_for_url(re.compile(r"start=fi-vocational&country=FI"))
    page.evaluate("window.before = document.querySelector('svg[data-route-graph]')")
    page.locator("#pathway-form button[type=submit]").click()
    # The results of the submission, not those the change of a field brought a moment earlier.
    # A function, not an expression: Playwright would eval() an expression in the page, which the CSP refuses.
    page.wait_for_function(
        "() => (svg => svg && svg !== window.before && svg.dataset.ready)"
        "(document.querySelector('svg[data-route-graph]'))"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_shows_routes_in_place_and_puts_the_choices_in_the_address(
    page, language
):
    show_routes(page, language)

    assert (
        page.url == f"{page.base}/{language}/pathways/?start=fi-vocational&country=FI"
    )
    routes = listed_routes(page)
    assert len(routes) >= 5
    assert set(routes) == graph_routes(page)
    # Every step is in Finland, and each has a reason why it is open.
    assert page.locator("#route-list .step-reason").count() >= len(routes)
    # Routes folded under their occupation's best one have no visible text.
    countries = set(page.locator("#route-list .route-countries").all_inner_texts()) - {
        ""
    }
    assert countries == {"Suomi" if language == "fi" else "Finland"}
    assert (
        page.locator("#pathway-status").inner_text()
        == page.locator("#results-title").inner_text()
    )
    page.locator("details[data-map-toggle] > summary").click()
    page.wait_for_selector(".pathway-map[data-map-places]")
    assert int(page.locator(".pathway-map").get_attribute("data-map-places")) > 0
    # The address can be shared: loading it gives the same routes.
    page.goto(page.url)
    assert listed_routes(page) == routes
    assert page.console_errors == []


def test_the_form_works_without_javascript(browser, bundled_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{bundled_site}/sv/pathways/")
        page.locator("#id_start").select_option(label=VOCATIONAL["sv"])
        page.locator('#id_language input[value="sv"]').check()
        page.locator("#pathway-form button[type=submit]").click()
        page.wait_for_url(re.compile(r"start=fi-vocational.*language=sv"))
        assert page.locator("#route-list li.route").count() > 0
        assert page.locator("svg[data-route-graph]").get_attribute("role") == "img"
    finally:
        context.close()


def test_choosing_a_graph_node_marks_its_routes_in_the_graph_and_in_the_list(page):
    show_routes(page, "en")
    # A programme that not every route goes through.
    node = next(
        n
        for n in page.locator(
            'svg[data-route-graph] .graph-node[data-kind="programme"]'
        ).all()
        if 1 < len(n.get_attribute("data-routes").split()) < len(listed_routes(page))
    )
    through = set(node.get_attribute("data-routes").split())

    node.click()

    assert node.get_attribute("aria-pressed") == "true"
    marked = page.locator("#route-list li.route.is-highlighted").evaluate_all(
        "items => items.map(i => i.dataset.route)"
    )
    assert set(marked) == through
    assert page.locator(
        "#route-list li.route.is-highlighted .route-mark:visible"
    ).count() == len(through)
    on_edges = page.locator("svg[data-route-graph] .graph-edge.is-on").evaluate_all(
        "edges => edges.map(e => e.getAttribute('data-routes').split(' '))"
    )
    assert on_edges and all(set(keys) & through for keys in on_edges)
    off_edges = page.locator("svg[data-route-graph] .graph-edge.is-off").evaluate_all(
        "edges => edges.map(e => e.getAttribute('data-routes').split(' '))"
    )
    assert all(not set(keys) & through for keys in off_edges)
    assert str(len(through)) in page.locator("#pathway-status").inner_text()

    node.click()  # a second choice clears the marks

    assert node.get_attribute("aria-pressed") == "false"
    assert page.locator("#route-list li.route.is-highlighted").count() == 0
    assert (
        page.locator(
            "svg[data-route-graph] .is-on, svg[data-route-graph] .is-off"
        ).count()
        == 0
    )
    assert page.console_errors == []


def test_a_route_chosen_the_moment_the_graph_is_ready_stays_marked(page):
    """htmx gives swapped elements with an id (the routes) their old attributes until it settles, then puts back the
    server's: a choice made as soon as the graph answers must survive that."""
    show_routes(page, "en")
    page.evaluate(
        """() => {
          window.before = document.querySelector('svg[data-route-graph]');
          const results = document.getElementById('pathway-results');
          window.fastChoice = new Promise(resolve => {
            new MutationObserver((records, observer) => {
              const svg = results.querySelector('svg[data-route-graph][data-ready]');
              if (!svg || svg === window.before) { return; }
              observer.disconnect();
              const node = svg.querySelector('.graph-node[data-column="1"]');
              node.dispatchEvent(new MouseEvent('click', {bubbles: true}));
              const report = () => resolve({
                wanted: node.getAttribute('data-routes').split(' ').sort(),
                marked: Array.from(document.querySelectorAll('li.route.is-highlighted'))
                  .map(li => li.dataset.route).sort(),
              });
              // Read the list once htmx has settled (if it still has to) and the moment has passed.
              results.addEventListener('htmx:afterSettle', () => setTimeout(report, 100), {once: true});
              setTimeout(report, 1000);
            }).observe(results, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready']});
          });
        }"""
    )
    page.locator("#pathway-form button[type=submit]").click()
    outcome = page.evaluate("() => window.fastChoice")
    assert outcome["wanted"]
    assert outcome["marked"] == outcome["wanted"]


def test_a_graph_node_works_with_the_keyboard(page):
    show_routes(page, "en")
    nodes = page.locator("svg[data-route-graph] .graph-node")
    # One tab stop for the whole graph: the starting point.
    assert (
        nodes.evaluate_all(
            "ns => ns.filter(n => n.getAttribute('tabindex') === '0').length"
        )
        == 1
    )
    start = page.locator('svg[data-route-graph] .graph-node[data-kind="start"]')
    start.focus()
    assert "Finnish vocational upper secondary qualification" in start.get_attribute(
        "aria-label"
    )

    page.keyboard.press("ArrowRight")
    focused = page.locator("svg[data-route-graph] .graph-node:focus")
    assert focused.get_attribute("data-column") != "0"
    assert focused.get_attribute("tabindex") == "0"
    assert start.get_attribute("tabindex") == "-1"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    chosen = page.locator('svg[data-route-graph] .graph-node[aria-pressed="true"]')
    assert chosen.count() == 1
    assert chosen.evaluate("n => n === document.activeElement")
    routes = set(chosen.get_attribute("data-routes").split())
    assert (
        set(
            page.locator("li.route.is-highlighted").evaluate_all(
                "i => i.map(x => x.dataset.route)"
            )
        )
        == routes
    )

    page.keyboard.press("Escape")
    assert (
        page.locator('svg[data-route-graph] .graph-node[aria-pressed="true"]').count()
        == 0
    )
    assert page.locator("li.route.is-highlighted").count() == 0

    page.keyboard.press(" ")
    assert (
        page.locator('svg[data-route-graph] .graph-node[aria-pressed="true"]').count()
        == 1
    )
    page.keyboard.press(" ")
    assert (
        page.locator('svg[data-route-graph] .graph-node[aria-pressed="true"]').count()
        == 0
    )
    assert page.console_errors == []


def test_an_impossible_wish_explains_what_stands_in_the_way_and_relaxing_it_shows_routes(
    page,
):
    page.goto(f"{page.base}/en/pathways/?start=fi-vocational&language=en&months=6")
    assert (
        page.locator("#results-title").inner_text() == "No route matches your choices"
    )
    blocker = page.locator('li.blocker[data-constraint="languages"]')
    blocker.get_by_role("link").click()
    page.wait_for_url(f"{page.base}/en/pathways/?start=fi-vocational&months=6")
    assert page.locator("#route-list li.route").count() > 0
    assert page.console_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pathway_pages_have_no_serious_accessibility_violations(page, language):
    pages = [
        "/pathways/",
        "/pathways/?start=fi-vocational&country=FI",
        "/pathways/?start=fi-basic",  # the largest graph
        "/pathways/?start=fi-vocational&language=en&months=6",
        "/pathways/how/",
    ]
    for path in pages:
        response = page.goto(f"{page.base}/{language}{path}")
        assert response.status == 200, path
        violations = axe_violations(page)
        assert violations == [], f"{language}{path}: {describe(violations)}"


def test_a_chosen_node_and_the_error_summary_have_no_serious_accessibility_violations(
    page,
):
    page.goto(
        f"{page.base}/en/pathways/?start=se-upper-secondary-vocational&country=SE"
    )
    page.locator(
        'svg[data-route-graph] .graph-node[data-kind="occupation"]'
    ).first.click()
    assert page.locator("#route-list li.route.is-highlighted").count() > 0
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.goto(
        f"{page.base}/en/pathways/?start=fi-vocational&occupation=battery-assembler&segment=recycling"
    )
    assert page.locator(".error-summary").is_visible()
    violations = axe_violations(page)
    assert violations == [], describe(violations)


LARGEST = "/en/pathways/?start=fi-basic"


def leaflet_files(page) -> list[str]:
    return page.locator('script[src*="leaflet"], link[href*="leaflet"]').evaluate_all(
        "elements => elements.map(e => e.src || e.href)"
    )


def test_leaflet_loads_only_when_the_map_is_opened_and_the_toggle_works_with_the_keyboard(
    page,
):
    page.goto(page.base + LARGEST)
    assert leaflet_files(page) == []
    assert page.evaluate("() => typeof window.L") == "undefined"
    assert page.locator(".pathway-map").is_hidden()

    summary = page.locator("details[data-map-toggle] > summary")
    summary.focus()
    page.keyboard.press("Enter")

    page.wait_for_selector(".pathway-map[data-map-places]")
    assert int(page.locator(".pathway-map").get_attribute("data-map-places")) > 0
    files = leaflet_files(page)
    # the page's own static files, never a CDN
    assert len(files) == 2 and all(f.startswith(page.base + "/static/") for f in files)
    page.keyboard.press("Enter")
    assert page.locator(".pathway-map").is_hidden()
    page.keyboard.press("Enter")  # opened again: drawn once, Leaflet loaded once
    assert page.locator(".pathway-map").is_visible()
    assert len(leaflet_files(page)) == 2
    assert (
        page.locator(
            ".pathway-map .leaflet-container, .pathway-map.leaflet-container"
        ).count()
        == 1
    )
    assert page.console_errors == []


def page_scrolls_sideways(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth > window.innerWidth"
    )


def test_on_a_phone_the_list_comes_first_the_graph_opens_with_the_keyboard_and_the_page_never_scrolls_sideways(
    page,
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + LARGEST)
    graph = page.locator("svg[data-route-graph]")
    toggle = page.locator("details[data-graph-toggle]")
    assert toggle.get_attribute("open") is None and graph.is_hidden()
    list_top = page.locator("#route-list").bounding_box()["y"]
    assert list_top < page.locator("#route-graph").bounding_box()["y"]
    assert not page_scrolls_sideways(page)

    summary = toggle.locator("summary")
    assert summary.evaluate("s => s.tabIndex") == 0
    summary.focus()
    page.keyboard.press("Enter")

    assert graph.is_visible()
    assert not page_scrolls_sideways(page)
    # The graph is wider than the phone: it scrolls in its own region, which the keyboard reaches and scrolls.
    region = page.locator(".graph-scroll")
    assert region.get_attribute("role") == "region" and region.get_attribute(
        "aria-label"
    )
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    page.keyboard.press("Tab")
    assert region.evaluate("r => r === document.activeElement")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.graph-scroll').scrollLeft > 0"
    )
    assert not page_scrolls_sideways(page)

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert graph.is_hidden()
    assert page.console_errors == []


def test_on_a_desktop_the_graph_is_open_and_every_occupation_can_be_seen(page):
    """The graph fits, or scrolls inside its region until the occupations on its right are in view."""
    page.set_viewport_size({"width": 1366, "height": 900})
    response = page.goto(page.base + LARGEST)
    # the largest search stays a light page: well under 60 KB of compressed HTML
    assert len(gzip.compress(response.body())) < 60_000
    assert page.locator("details[data-graph-toggle]").get_attribute("open") is not None
    assert not page_scrolls_sideways(page)
    region = page.locator(".graph-scroll")
    region.evaluate(
        "r => { r.scrollLeft = r.scrollWidth; }"
    )  # as far right as it goes (a no-op when it fits)
    inside = page.locator(
        'svg[data-route-graph] .graph-node[data-kind="occupation"] .node-box'
    ).evaluate_all(
        """(boxes) => {
          const area = document.querySelector('.graph-scroll').getBoundingClientRect();
          return boxes.map((box) => {
            const r = box.getBoundingClientRect();
            return r.left >= area.left && r.right <= area.right && r.right <= window.innerWidth;
          });
        }"""
    )
    assert inside and all(inside)


def test_no_graph_box_overlaps_another_in_the_browser(page):
    page.goto(page.base + LARGEST)
    boxes = page.locator("svg[data-route-graph] .graph-node .node-box").evaluate_all(
        "boxes => boxes.map(b => (r => [r.left, r.top, r.right, r.bottom])(b.getBoundingClientRect()))"
    )
    assert len(boxes) > 20
    for n, (left, top, right, bottom) in enumerate(boxes):
        for other in boxes[n + 1 :]:
            apart = (
                right <= other[0] + 0.5
                or other[2] <= left + 0.5
                or bottom <= other[1] + 0.5
                or other[3] <= top + 0.5
            )
            assert apart, ((left, top, right, bottom), other)
    # and the text of every box stays inside it
    spill = page.locator("svg[data-route-graph] .graph-node").evaluate_all(
        """(nodes) => nodes.filter((node) => {
          const box = node.querySelector('.node-box').getBoundingClientRect();
          const text = node.nextElementSibling.querySelector('.node-text').getBoundingClientRect();
          return text.left < box.left || text.right > box.right + 1 || text.top < box.top || text.bottom > box.bottom;
        }).map((node) => node.dataset.node)"""
    )
    assert spill == []


def test_the_largest_result_page_has_no_serious_accessibility_violations_on_a_phone(
    page,
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + LARGEST)
    page.locator("details[data-graph-toggle] > summary").click()
    page.locator("details[data-map-toggle] > summary").click()
    page.wait_for_selector(".pathway-map[data-map-places]")
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def tab_to(page, element_id: str, limit: int = 40) -> None:
    """Press Tab until the element with the id has the focus (the keyboard alone, as a person would)."""
    for _ in range(limit):
        if (
            page.evaluate("() => document.activeElement && document.activeElement.id")
            == element_id
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_a_person_describes_themselves_with_the_keyboard_alone_and_gets_routes_near_home(
    page,
):
    page.goto(f"{page.base}/en/pathways/")
    page.locator("#id_start").focus()
    page.keyboard.type("Finnish vocational upper")
    page.wait_for_url(re.compile(r"start=fi-vocational"))
    tab_to(page, "id_field")
    page.keyboard.type("Engineering")
    tab_to(page, "id_home")
    page.keyboard.type("Oulu")
    tab_to(page, "id_age")
    page.keyboard.type("25")
    tab_to(page, "id_situation_5")  # None of these
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"situation=none"))
    submit = page.locator("#pathway-form button[type=submit]")
    for _ in range(40):
        if submit.evaluate("b => b === document.activeElement"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"home=FI564"))
    page.wait_for_selector("#route-list li.route")
    page.wait_for_function(
        "() => !document.querySelector('#pathway-results[aria-busy=\"true\"], .htmx-request')"
    )
    page.wait_for_timeout(500)  # the results fade back in (a 0.2 s transition)

    assert re.search(r"field=07.*home=FI564.*age=25_plus.*situation=none", page.url)
    assert page.locator("#id_home").evaluate("s => s.value") == "FI564"
    # Each step says how far from home it is (those of folded routes are hidden: no text).
    distances = [
        text
        for text in page.locator("#route-list .step-distance").all_inner_texts()
        if text
    ]
    assert distances and all("km from home" in text for text in distances)
    # What the person's answers closed is said, with the reason.
    assert page.locator(".not-open li").count() > 0
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_show_routes_with_no_starting_point_says_so_visibly_and_to_screen_readers(
    page,
):
    page.goto(f"{page.base}/en/pathways/")
    page.get_by_role("button", name="Show routes").click()
    error = page.locator("#id_start_error .error")
    error.wait_for()
    assert error.is_visible()
    assert (
        page.get_by_label("Your highest education", exact=True).get_attribute(
            "aria-invalid"
        )
        == "true"
    )
    summary = page.locator("#pathway-results .error-summary[role=alert]")
    assert summary.is_visible()  # an alert: screen readers say it as it appears
    # Chromium logs the answer's 400 itself; nothing else may fail.
    assert [e for e in page.console_errors if "status of 400" not in e] == []
