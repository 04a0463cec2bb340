"""The API documentation pages (/api/docs/ Swagger UI, /api/redoc/ ReDoc): in English with lang set, nothing loaded
from other hosts (ReDoc's side menu names Redocly's logo on their CDN), and no axe violation of any impact under the
WCAG 2.2 A/AA and best-practice rules, on first view and with an operation opened."""

import pytest

AXE_TAGS = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22a",
    "wcag22aa",
    "best-practice",
]
READY = {
    "/api/docs/": ".opblock-summary-control",
    "/api/redoc/": "[id^='operation/'] h2",
}


def all_violations(page) -> list[tuple[str, str, list]]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_the_api_documentation_is_english_local_and_passes_axe(page, path):
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            elsewhere.append(request.url)
            if not request.url.startswith((page.base, "data:", f"blob:{page.base}"))
            else None
        ),
    )
    response = page.goto(f"{page.base}{path}")
    assert response.status == 200
    page.wait_for_selector(READY[path])
    page.wait_for_timeout(300)  # the heading levels are set after each redraw
    assert page.locator("html").get_attribute("lang") == "en"
    assert all_violations(page) == []
    assert elsewhere == []
    assert page.console_errors == []


def test_an_opened_swagger_operation_passes_axe_before_and_after_try_it_out(page):
    page.goto(f"{page.base}/api/docs/")
    page.locator(".opblock-summary-control").first.click()
    page.wait_for_selector(".opblock-body")
    page.wait_for_timeout(300)
    assert all_violations(page) == []
    page.get_by_role("button", name="Try it out").click()
    page.wait_for_selector(".btn.execute")
    page.wait_for_timeout(300)
    assert all_violations(page) == []


def test_headings_that_skip_a_level_are_read_at_the_level_they_stand_for(page):
    page.goto(f"{page.base}/api/redoc/")
    page.wait_for_selector(READY["/api/redoc/"])
    page.wait_for_timeout(300)
    levels = page.evaluate(
        """Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(
             (h) => Number(h.getAttribute('aria-level') || h.tagName.substring(1)))"""
    )
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    # ReDoc's "Parameters" headings are h5 under h2 operations: read as h3.
    assert page.locator("h5[aria-level='3']").count() > 0
