"""The pathway page in a real browser, on the bundled data: the form end to end in each language, the route graph
with the mouse and the keyboard, the list beside it, and no serious accessibility violations."""

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
    countries = set(page.locator("#route-list .route-countries").all_inner_texts())
    assert countries == {"Suomi" if language == "fi" else "Finland"}
    assert (
        page.locator("#pathway-status").inner_text()
        == page.locator("#results-title").inner_text()
    )
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
