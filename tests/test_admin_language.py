"""The admin speaks the language the coordinator was reading on the public site (the language cookie), not the
browser's, and its title is the portal's own name in that language. Without the cookie it follows the browser's
languages (Accept-Language), and English when none of them is offered."""

import re

import pytest

pytestmark = pytest.mark.django_db


def login_page(client, **headers) -> tuple[str, str, str]:
    """The login page's language, <title> and site header."""
    html = client.get("/admin/login/", headers=headers).content.decode()
    language = re.search(r'<html lang="([^"]+)"', html).group(1)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    header = (
        re.search(r'<div id="site-name"><a href="/admin/">(.*?)</a>', html, re.S)
        .group(1)
        .strip()
    )
    return language, title, header


def test_the_language_cookie_wins_over_the_browsers_language(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    language, title, header = login_page(
        client, accept_language="fi-FI,fi;q=0.9,en;q=0.5"
    )
    assert language == "sv"
    assert title == "Logga in | Administration av Batteriregionens utbildningskarta"
    assert header == "Batteriregionens utbildningskarta"


def test_following_for_coordinators_from_a_swedish_page_opens_the_admin_in_swedish(
    client,
):
    home = client.get("/sv/").content.decode()
    assert '<a href="/sv/coordinators/">' in home  # the header's "For coordinators"
    response = client.get("/sv/coordinators/", headers={"accept-language": "en"})
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"
    assert response.cookies["django_language"].value == "sv"
    assert "no-cache" in response.headers["Cache-Control"]
    assert login_page(client, accept_language="en")[:2] == (
        "sv",
        "Logga in | Administration av Batteriregionens utbildningskarta",
    )


@pytest.mark.parametrize(
    ("accept_language", "language", "header"),
    [
        ("fi-FI,fi;q=0.9", "fi", "Akkualueen koulutuskartta"),
        ("de-DE,de;q=0.9", "en", "Battery Region Education Map"),
        (None, "en", "Battery Region Education Map"),
    ],
)
def test_without_the_cookie_the_admin_follows_the_browser_then_english(
    client, accept_language, language, header
):
    headers = {"accept_language": accept_language} if accept_language else {}
    got_language, _title, got_header = login_page(client, **headers)
    assert (got_language, got_header) == (language, header)
