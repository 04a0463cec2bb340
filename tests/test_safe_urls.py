"""Stored addresses become links only when they are http(s): the http_url filter, the pages and the JSON-LD."""

import json
import re

import pytest

from batteryregion.templatetags.portal import http_url
from tests.factories import (
    ActorFactory,
    IntakeFactory,
    OccupationFactory,
    ProgrammeFactory,
    SkillFactory,
)

SCRIPT = "javascript:alert(document.cookie)"


@pytest.mark.parametrize(
    ("stored", "linked"),
    [
        (
            "https://example.org/page?a=1&b=2#top",
            "https://example.org/page?a=1&b=2#top",
        ),
        ("http://data.europa.eu/esco/skill/x1", "http://data.europa.eu/esco/skill/x1"),
        ("HTTPS://Example.org/", "HTTPS://Example.org/"),
        ("  https://example.org/\n", "https://example.org/"),
        ("\x00https://example.org/\x1f", "https://example.org/"),
        (
            "ht\ttps://example.org/",
            "https://example.org/",
        ),  # browsers read it the same way
        ("https://[2001:db8::1]/", "https://[2001:db8::1]/"),
    ],
)
def test_http_and_https_addresses_are_linked(stored, linked):
    assert http_url(stored) == linked


@pytest.mark.parametrize(
    "stored",
    [
        SCRIPT,
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "\x01javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\rscript:alert(1)",
        "javascript&colon;alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.org/file",
        "mailto:someone@example.org",
        "//evil.example/",
        "/fi/programmes/",
        "example.org",
        "https:example.org",
        "https://",
        "http://[::1",
        "https://exa mple.org/",
        "https://example.org/\x00javascript:",
        "https\u200b://example.org/",
        "",
        None,
    ],
)
def test_anything_else_gives_no_link(stored):
    assert http_url(stored) == ""


def json_ld(html: str) -> dict:
    return json.loads(
        re.search(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        ).group(1)
    )


@pytest.mark.django_db
def test_a_programme_with_script_addresses_shows_no_such_link(client):
    programme = ProgrammeFactory(
        slug="unsafe",
        source_url=SCRIPT,
        provider=ActorFactory(website="data:text/html,<b>x</b>"),
    )
    IntakeFactory(programme=programme)
    programme.intakes.update(source_url="JAVASCRIPT:alert(2)")
    programme.skills.add(SkillFactory(esco_uri="java\tscript:alert(3)"))
    programme.occupations.add(OccupationFactory(esco_uri="vbscript:x"))

    response = client.get("/en/programmes/unsafe/")

    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r'href="\s*(java\s*script|data|vbscript):', html, re.I)
    assert SCRIPT not in html
    assert "The provider's or another public page about the programme" not in html
    document = json_ld(html)
    assert "sameAs" not in document
    assert document["provider"]["url"].endswith(
        f"/en/actors/{programme.provider.slug}/"
    )
    assert "url" not in document["teaches"][0]
    assert "sameAs" not in document["occupationalCategory"][0]


@pytest.mark.django_db
def test_an_actor_with_a_script_address_has_no_such_link_but_keeps_its_safe_one(
    client,
):
    actor = ActorFactory(
        slug="unsafe-actor", website=SCRIPT, source_url="https://example.org/source"
    )
    html = client.get(f"/en/actors/{actor.slug}/").content.decode()
    assert "javascript:" not in html
    assert '<a href="https://example.org/source">Source</a>' in html


@pytest.mark.django_db
def test_skill_and_occupation_pages_link_only_http_esco_addresses(client):
    skill = SkillFactory(esco_uri=SCRIPT)
    occupation = OccupationFactory(esco_uri="http://data.europa.eu/esco/occupation/x")
    assert "javascript:" not in client.get(f"/en/skills/{skill.slug}/").content.decode()
    assert (
        'href="http://data.europa.eu/esco/occupation/x"'
        in client.get(f"/en/occupations/{occupation.slug}/").content.decode()
    )
