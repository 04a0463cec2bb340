"""Safe by default: a strict Content-Security-Policy and the other security headers, and cookies that stay on HTTPS."""

import pytest

from tests.factories import SegmentFactory

PAGES = ["/fi/", "/sv/programmes/", "/en/gaps/", "/api/v1/segments/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_answer_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
        if directive
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_language_cookie_is_secure_http_only_and_same_site(client):
    response = client.post("/i18n/setlang/", {"language": "fi", "next": "/fi/"})
    cookie = response.cookies["django_language"]
    assert cookie.value == "fi"
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_the_csrf_and_session_cookies_are_secure_and_same_site(client, coordinator):
    login_form = client.get("/admin/login/")
    csrf = login_form.cookies["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["samesite"] == "Lax"
    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": "coordinator",
            "password": "pw",
            "csrfmiddlewaretoken": csrf.value,
        },
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert (
        session["secure"] is True
        and session["httponly"] is True
        and session["samesite"] == "Lax"
    )


@pytest.mark.django_db
def test_public_answers_are_compressed_for_clients_that_accept_it(client):
    SegmentFactory.create_batch(5)  # gzip leaves answers under 200 bytes alone
    response = client.get("/en/programmes/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    api = client.get("/api/v1/segments/", headers={"accept-encoding": "gzip"})
    assert api["Content-Encoding"] == "gzip"
