"""Every kind of page works under the strict Content-Security-Policy: the header is sent and Chromium reports no
violation (the `page` fixture fails a test at teardown for any), in fi, sv and en, and in the API docs and the admin."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from programmes.models import Programme
from tests.browser.conftest import PUBLIC_PAGES

LANGUAGES = ["fi", "sv", "en"]


def open_page(page, path: str) -> None:
    response = page.goto(f"{page.base}{path}")
    assert response.status == 200, path
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, f"{path}: {policy!r}"


def remember(page, selector: str) -> None:
    page.evaluate(f"window.before = document.querySelector({selector!r})")


def wait_for_new(page, selector: str) -> None:
    """Wait until htmx has put a new element in place of the one remember() saw."""
    page.wait_for_function(
        f"() => (e => e && e !== window.before)(document.querySelector({selector!r}))"
    )


@pytest.fixture(scope="module")
def admin_session(bundled_site, django_db_blocker) -> str:
    """The session key of a logged-in superuser, committed so that the live server sees it."""
    with django_db_blocker.unblock():
        user, _ = User.objects.get_or_create(
            username="browser-admin", defaults={"is_staff": True, "is_superuser": True}
        )
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value


@pytest.fixture(scope="module")
def programme_pk(bundled_site, django_db_blocker) -> int:
    with django_db_blocker.unblock():
        return Programme.objects.order_by("pk").values_list("pk", flat=True).first()


def test_the_violation_recorder_runs_under_the_policy_and_reports_what_is_blocked(
    page,
):
    open_page(page, "/en/")
    # The recorder is an init script: had the policy blocked it, nothing would be recorded here.
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')"
    )
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")
    assert any(
        violation.startswith("style-src-attr blocked inline")
        for violation in page.csp_violations
    ), page.csp_violations
    page.csp_violations.clear()
    page.csp_console_violations.clear()


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_cause_no_policy_violations(page, language):
    for path in PUBLIC_PAGES:
        open_page(page, f"/{language}{path}")

    # htmx refreshes the catalogue in place.
    open_page(page, f"/{language}/programmes/")
    remember(page, "#results")
    page.locator("#id_country").select_option("SE")
    wait_for_new(page, "#results")

    # The map draws its markers, and draws them again from the list htmx brings.
    open_page(page, f"/{language}/map/")
    page.wait_for_selector("#map[data-map-places]")
    remember(page, "#map-results table")
    page.locator("#id_country").select_option("FI")
    wait_for_new(page, "#map-results table")
    page.wait_for_url(re.compile(r"country=FI"))

    # A pathway search brings the route graph and its map (Leaflet loads when the map is opened), and htmx brings new
    # ones.
    open_page(page, f"/{language}/pathways/?start=fi-vocational&country=FI")
    page.locator("details[data-map-toggle] > summary").click()
    page.wait_for_selector(".pathway-map[data-map-places]")
    remember(page, "svg[data-route-graph][data-ready]")
    page.locator('#id_country input[value="SE"]').check()
    wait_for_new(page, "svg[data-route-graph][data-ready]")
    page.locator("details[data-map-toggle] > summary").click()
    page.wait_for_selector(".pathway-map[data-map-places]")


def test_the_api_documentation_and_the_browsable_api_cause_no_policy_violations(
    page,
):
    # Swagger UI: try out an operation, so that it also draws a highlighted response.
    open_page(page, "/api/docs/")
    page.locator("#swagger-ui .opblock-summary").first.click()
    page.locator("#swagger-ui .try-out__btn").first.click()
    page.locator("#swagger-ui .execute").first.click()
    page.wait_for_selector("#swagger-ui .live-responses-table .response")
    open_page(page, "/api/redoc/")
    page.wait_for_selector("redoc h1")
    # ReDoc searches in a worker (the page allows blob: workers), and leaves out Redocly's third-party logo.
    page.locator("redoc input").fill("programme")
    page.wait_for_selector("redoc [data-role='search:results'] li")
    assert page.locator("img[src*='cdn.redoc.ly']").count() == 0
    # The browsable API, with its filter form.
    open_page(page, "/api/v1/programmes/")
    page.locator(".api-filters > summary").click()
    page.wait_for_selector(".api-filters form", state="visible")


def test_the_admin_causes_no_policy_violations(page, admin_session, programme_pk):
    open_page(page, "/admin/login/")
    page.context.add_cookies(
        [{"name": "sessionid", "value": admin_session, "url": page.base}]
    )
    open_page(page, "/admin/")
    open_page(page, "/admin/programmes/programme/")
    open_page(page, f"/admin/programmes/programme/{programme_pk}/change/")
    # modeltranslation's script has made a tab per language.
    page.wait_for_selector(".ui-tabs .ui-tabs-nav")
