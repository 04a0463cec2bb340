"""axe-core finds no violation of WCAG 2.0–2.2 A/AA or of its best practices, of any impact, on the public pages, in fi, sv
and en."""

import re

import pytest

from tests.browser.conftest import PUBLIC_PAGES, axe_violations, describe


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_public_pages_have_no_accessibility_violations(page, language):
    for path in PUBLIC_PAGES:
        response = page.goto(f"{page.base}/{language}{path}")
        assert response.status == 200, path
        violations = axe_violations(page)
        assert violations == [], f"{language}{path}: {describe(violations)}"


def test_the_skip_link_moves_keyboard_focus_to_the_content(page):
    page.goto(f"{page.base}/en/programmes/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def _luminance(rgb: str) -> float:
    """Relative luminance (WCAG 2) of a computed CSS colour, "rgb(r, g, b)"."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_focus_ring_stands_out_on_the_header_and_on_the_page(page):
    """WCAG 2.2 focus appearance: the ring has 3:1 against what it is drawn on."""
    page.goto(f"{page.base}/en/programmes/")
    header = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand link, in the header
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert page.evaluate("!!document.activeElement.closest('.site-header')")
    assert _contrast(ring, header) >= 3, (ring, header)

    page.get_by_role("searchbox", name="Search").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert _contrast(ring, "rgb(255, 255, 255)") >= 3, ring
