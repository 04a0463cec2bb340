"""CORS: a page of any site may read /api/v1/ and /api/schema/ (GET, HEAD, OPTIONS), without credentials, and send a
partner key; the admin and the pages answer without CORS headers."""

import pytest
from django.test import Client

from tests.factories import SegmentFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://partner.example.org"


def preflight(client: Client, path: str, method: str = "GET", headers: str = "authorization"):  # fmt: skip
    return client.options(
        path,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
    )


@pytest.mark.parametrize("path", ["/api/v1/segments/", "/api/schema/"])
def test_a_simple_get_from_any_origin_may_be_read_without_credentials(client, path):
    SegmentFactory()

    response = client.get(path, HTTP_ORIGIN=ORIGIN)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}  # fmt: skip
    assert {"ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after"} <= exposed  # fmt: skip


@pytest.mark.parametrize("headers", ["authorization", "x-api-key", "accept-language,x-api-key"])  # fmt: skip
def test_a_preflight_allows_reading_with_a_key_header(client, headers):
    response = preflight(client, "/api/v1/segments/", headers=headers)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    allowed_methods = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}  # fmt: skip
    assert allowed_methods == {"GET", "HEAD", "OPTIONS"}
    allowed_headers = {h.strip() for h in response["Access-Control-Allow-Headers"].split(",")}  # fmt: skip
    assert {"authorization", "x-api-key"} <= allowed_headers
    assert "Access-Control-Allow-Credentials" not in response


def test_a_preflight_for_a_write_is_not_allowed(client):
    response = preflight(client, "/api/v1/segments/", method="POST")

    assert "POST" not in response.get("Access-Control-Allow-Methods", "")


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/login/", "/en/", "/fi/", "/api/docs/", "/i18n/setlang/"]
)
def test_the_admin_pages_and_api_documentation_answer_without_cors_headers(client, path):  # fmt: skip
    for response in (client.get(path, HTTP_ORIGIN=ORIGIN), preflight(client, path)):
        assert not [h for h in response.headers if h.lower().startswith("access-control-")], path  # fmt: skip
