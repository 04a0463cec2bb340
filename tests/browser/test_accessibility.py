"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on the public pages, in fi, sv and en."""

import pytest

from tests.browser.conftest import PUBLIC_PAGES, axe_violations, describe


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_public_pages_have_no_serious_accessibility_violations(page, language):
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
