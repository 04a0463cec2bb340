"""The gap analysis in a real browser, on the bundled data: the dashboard and its heat map, a drill-down, the CSV
export and the print view, for an anonymous visitor and for a coordinator, in the three languages."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from batteryregion.services import coordinator_group_ensure
from skills.models import CompetenceNeed
from tests.browser.conftest import axe_violations, describe

LANGUAGES = ["fi", "sv", "en"]


@pytest.fixture(scope="module")
def confidential_need(bundled_site, django_db_blocker) -> CompetenceNeed:
    """A standing need for coordinators only, with an occupation."""
    with django_db_blocker.unblock():
        return (
            CompetenceNeed.objects.filter(
                visibility=CompetenceNeed.Visibility.COORDINATORS,
                status=CompetenceNeed.Status.STANDING,
                occupation__isnull=False,
            )
            .select_related("occupation")
            .first()
        )


@pytest.fixture(scope="module")
def coordinator_session(bundled_site, django_db_blocker) -> str:
    """The session key of a logged-in coordinator, committed outside the tests' transactions so that the live
    server sees it on PostgreSQL too (the admin's login form is tested elsewhere)."""
    with django_db_blocker.unblock():
        user, _ = User.objects.get_or_create(
            username="browser-coordinator", defaults={"is_staff": True}
        )
        user.groups.add(coordinator_group_ensure())
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_dashboard_shows_the_heat_map_and_its_table_with_the_same_figures(
    page, language
):
    response = page.goto(f"{page.base}/{language}/gaps/")
    assert response.status == 200
    heat_links = page.locator("table.gap-heat td a")
    assert heat_links.count() > 0
    # The list has a row for every coloured cell of the heat map.
    list_rows = page.locator("#segment-list table tbody tr")
    assert list_rows.count() == heat_links.count()
    # Every status has a name in the legend, not just a colour.
    assert page.locator("#heat-map").inner_text().strip()
    assert page.console_errors == []

    # A heat-map cell leads to the drill-down of its segment, with the needs and programmes region by region.
    heat_links.first.click()
    page.wait_for_load_state()
    assert f"/{language}/gaps/segment/" in page.url
    assert page.locator("section.gap-region-section").count() >= 1
    assert page.locator("section.gap-region-section table").count() >= 1


def test_filters_change_the_figures_and_stay_in_the_address(page):
    page.goto(f"{page.base}/en/gaps/")
    everything = page.locator("#segment-list table tbody tr").count()
    page.locator('input[name="country"][value="SE"]').check()
    page.locator('form button[type="submit"]').first.click()
    page.wait_for_url("**/en/gaps/?*country=SE*")
    sweden_only = page.locator("#segment-list table tbody tr").count()
    assert 0 < sweden_only < everything
    codes = page.locator("#segment-list table tbody tr").all_inner_texts()
    assert not any("FI1" in row for row in codes)


def test_the_export_downloads_a_csv_of_the_table_in_the_page_language(page):
    page.goto(f"{page.base}/fi/gaps/?country=FI")
    # The first link is the Finnish spreadsheets' convention: semicolons and a decimal comma.
    with page.expect_download() as download_info:
        page.locator('a[href*="/gaps/export/segments.csv"]').first.click()
    download = download_info.value
    assert download.suggested_filename.endswith("-fi.csv")
    text = open(download.path(), encoding="utf-8").read()
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert (
        "Tila" in rows[0] and len(rows[0]) == 31
    )  # with the planned places, programmes and status
    codes = {
        row[rows[0].index("NUTS code") if "NUTS code" in rows[0] else 3]
        for row in rows[1:]
    }
    assert codes and all(code.startswith("FI") for code in codes)


@pytest.mark.parametrize(
    ("language", "pattern"),
    [
        ("fi", r"\d{1,2}\. \w+kuuta \d{4}"),
        ("sv", r"\d{1,2} [a-z]+ \d{4}"),
        ("en", r"\d{1,2} [A-Z][a-z]+ \d{4}"),
    ],
)
def test_the_printed_date_takes_the_languages_long_form(page, language, pattern):
    page.goto(f"{page.base}/{language}/gaps/")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    printed = page.locator("[data-print-date]").first.text_content()
    assert re.fullmatch(pattern, printed), (
        printed
    )  # English: "4 December 2026", not "December 4, 2026"


def test_the_print_view_leaves_out_navigation_and_forms(page):
    page.goto(f"{page.base}/en/gaps/")
    assert page.locator("nav.main-nav").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("nav.main-nav").is_visible()
    assert not page.locator("main form").first.is_visible()
    assert page.locator("table.gap-heat").is_visible()


def test_coordinators_see_confidential_needs_that_visitors_do_not(
    page, confidential_need, coordinator_session
):
    assert confidential_need is not None, (
        "the bundled data has a standing coordinators-only need"
    )
    path = f"/en/gaps/occupation/{confidential_need.occupation.slug}/"
    description = confidential_need.description_en
    page.goto(f"{page.base}{path}")
    assert description not in page.content()
    page.context.add_cookies(
        [{"name": "sessionid", "value": coordinator_session, "url": page.base}]
    )
    page.goto(f"{page.base}{path}")
    assert description in page.content()


@pytest.mark.parametrize("language", LANGUAGES)
def test_gap_pages_have_no_serious_accessibility_violations(
    page, language, confidential_need
):
    paths = [
        "/gaps/",
        "/gaps/?country=SE&status=standing&status=paused",
        "/gaps/segment/battery-chemicals/",
        f"/gaps/occupation/{confidential_need.occupation.slug}/",
        "/gaps/overlaps/",
        "/gaps/how/",
    ]
    for path in paths:
        response = page.goto(f"{page.base}/{language}{path}")
        assert response.status == 200, path
        violations = axe_violations(page)
        assert violations == [], f"{language}{path}: {describe(violations)}"


@pytest.mark.parametrize(
    ("path", "scroller"),
    [
        ("/en/gaps/", ".gap-scroll"),
        ("/en/pathways/matrix/?segment=cell-manufacturing", ".table-scroll"),
    ],
)
def test_a_cell_reached_by_keyboard_is_not_hidden_under_the_sticky_column(
    page, path, scroller
):
    """Focus not obscured (WCAG 2.2): on a phone the wide table scrolls inside its region, and a link taken by the
    keyboard comes to rest beside the column of row names that stays in view, not under it."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + path)
    region = page.locator(scroller).first
    assert region.evaluate("(r) => r.scrollWidth > r.clientWidth")
    region.evaluate("(r) => { r.scrollLeft = r.scrollWidth; }")
    links = page.locator(f"{scroller} tbody tr:has(th + td a)").first.locator("td a")
    assert links.count() > 1
    covered = links.first.evaluate(
        """(link) => {
          link.focus();
          const cell = link.getBoundingClientRect();
          const names = link.closest("tr").querySelector("th").getBoundingClientRect();
          return cell.left < names.right - 1;
        }"""
    )
    assert not covered
