"""Error pages answer in the address's language, the API's errors are JSON, and a database that is down gives 503."""

import re
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from batteryregion.page_cache import forget_version

# tests/error_urls.py: the project's addresses plus views that raise under /<language>/test/ and /api/test/.
with_failing_views = pytest.mark.urls("tests.error_urls")

UNAVAILABLE = "The service is temporarily unavailable. Try again in a minute."


@pytest.fixture
def lenient_client() -> Client:
    """A client that gets the 500 page instead of the view's exception."""
    return Client(raise_request_exception=False)


def assert_error_page(
    response: HttpResponse, status: int, language: str, heading: str, explanation: str
) -> None:
    assert response.status_code == status
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    with translation.override(language):
        assert f"<h1>{escape(gettext(heading))}</h1>" in html
        assert escape(gettext(explanation)) in html
        assert f'href="{reverse("home")}"' in html
        assert f'href="{reverse("programmes:programme_list")}"' in html


def assert_api_error(
    response: HttpResponse, status: int, language: str, detail: str
) -> None:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    with translation.override(language):
        assert response.json() == {"detail": gettext(detail)}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_unknown_address_is_a_404_page_in_the_language_of_its_prefix(
    client, language
):
    response = client.get(f"/{language}/no-such-page/")
    assert_error_page(
        response,
        404,
        language,
        "Page not found",
        "There is no page at this address. It may have moved, or the address may be mistyped.",
    )


def test_an_unknown_api_address_is_json_in_the_language_the_client_accepts(client):
    response = client.get(
        "/api/v1/no-such-resource/", headers={"accept-language": "sv"}
    )
    assert_api_error(response, 404, "sv", "Not found.")


@with_failing_views
def test_an_error_in_a_view_is_a_500_page_in_the_language_of_its_prefix(lenient_client):
    response = lenient_client.get("/fi/test/crash/")
    assert_error_page(
        response,
        500,
        "fi",
        "Something went wrong",
        "An error on our side stopped this page from loading. Try again later.",
    )
    assert response["Cache-Control"] == "no-store"


@with_failing_views
def test_a_database_connection_error_is_a_503_page_with_retry_after(lenient_client):
    response = lenient_client.get("/sv/test/database-down/")
    assert_error_page(response, 503, "sv", "Temporarily unavailable", UNAVAILABLE)
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page_cache_seconds", [0, 600], ids=["in the view", "in the page-cache middleware"]
)
def test_a_page_asked_for_while_the_database_is_down_is_a_503_page(
    lenient_client, settings, page_cache_seconds
):
    # With the page cache on, its middleware asks the database for the data version before the view runs.
    forget_version()
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("connection refused")
    ):
        response = lenient_client.get("/en/")
    assert_error_page(response, 503, "en", "Temporarily unavailable", UNAVAILABLE)


@pytest.mark.django_db
@with_failing_views
@pytest.mark.parametrize("address", ["/fi/test/crash/", "/fi/test/database-down/"])
def test_the_500_and_503_pages_make_no_database_query(
    lenient_client, django_assert_num_queries, address
):
    with django_assert_num_queries(0):
        response = lenient_client.get(address)
    assert response.status_code in {500, 503}


@with_failing_views
@pytest.mark.parametrize(
    ("address", "status", "detail"),
    [
        ("/api/test/bad-request/", 400, "Malformed request."),
        (
            "/api/test/forbidden/",
            403,
            "You do not have permission to perform this action.",
        ),
        ("/api/test/crash/", 500, "A server error occurred."),
        ("/api/test/database-down/", 503, UNAVAILABLE),
    ],
)
def test_every_error_under_the_api_is_json_in_drf_format(
    lenient_client, address, status, detail
):
    response = lenient_client.get(address, headers={"accept-language": "fi"})
    assert_api_error(response, status, "fi", detail)
    assert response["Cache-Control"] == "no-store"


@with_failing_views
def test_a_database_connection_error_under_the_api_has_retry_after(lenient_client):
    response = lenient_client.get("/api/test/database-down/")
    assert response["Retry-After"] == "60"


def test_a_request_for_an_unknown_host_is_a_400_page(client):
    response = client.get("/sv/", headers={"host": "unknown.example"})
    assert_error_page(
        response,
        400,
        "sv",
        "Bad request",
        "The address or the data sent with it could not be understood.",
    )


@with_failing_views
def test_a_suspicious_request_is_a_400_page(lenient_client):
    response = lenient_client.get("/en/test/bad-request/")
    assert_error_page(
        response,
        400,
        "en",
        "Bad request",
        "The address or the data sent with it could not be understood.",
    )


@with_failing_views
def test_a_refused_permission_is_a_403_page(lenient_client):
    response = lenient_client.get("/fi/test/forbidden/")
    assert_error_page(
        response,
        403,
        "fi",
        "Access denied",
        "You do not have permission to see this page.",
    )


def test_a_form_without_a_csrf_token_is_a_403_page():
    response = Client(enforce_csrf_checks=True).post("/sv/")
    assert_error_page(
        response,
        403,
        "sv",
        "Form not sent",
        "The form failed its security check. Reload the page and send the form again; your browser must accept cookies from this site.",
    )
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_the_language_links_of_a_missing_page_lead_to_each_languages_home_page(client):
    response = client.get("/sv/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'hreflang="fi" href="/fi/"' in html or 'href="/fi/" hreflang="fi"' in html
    assert 'href="/en/"' in html
