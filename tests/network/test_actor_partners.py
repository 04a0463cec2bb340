"""An actor's page lists its partners, from links entered on either side: grouped by kind of cooperation, each
linked to its page with its country and the dates; drafts and partners without a public page stay out."""

import re

import pytest

pytestmark = pytest.mark.django_db


def partners_section(html: str) -> str:
    start = html.index('<section aria-labelledby="partners-title">')
    return html[start : html.index("</section>", start)]


def test_the_partners_are_grouped_by_kind_with_country_and_dates_from_either_side(
    client, network
):
    html = partners_section(client.get("/en/actors/osao/").content.decode())
    groups = re.findall(
        r'<h3 id="partners-(\w+)">(.*?)</h3>\s*<ul[^>]*>(.*?)</ul>', html, re.S
    )

    assert [(kind, label) for kind, label, _items in groups] == [
        ("agreement", "Education–employer agreement"),
        ("apprenticeship", "Apprenticeship or workplace-learning partner"),
        ("shared_programme", "Shared programme"),
    ]
    items = {
        kind: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", body)).strip()
        for kind, _label, body in groups
    }
    assert items["agreement"] == "Northvolt (Sweden), since 1 August 2022"
    # Entered on Boliden's side, shown on OSAO's page too.
    assert (
        items["apprenticeship"] == "Boliden (Sweden), 15 January 2024 to 30 June 2025"
    )
    assert items["shared_programme"] == "Centria (Finland), since 10 January 2022"
    assert 'href="/en/actors/boliden/"' in html
    # The draft link and the partner that is a draft are not listed.
    assert "skelleftea" not in html and "draft-actor" not in html


def test_the_other_side_sees_the_same_link(client, network):
    html = partners_section(client.get("/en/actors/boliden/").content.decode())

    assert 'href="/en/actors/osao/"' in html
    assert 'href="/en/actors/centria/"' in html
    assert "dates not known" in html  # the research link has no dates


def test_an_actor_without_links_has_no_partners_section(client, network):
    from tests.factories import ActorFactory

    ActorFactory(slug="alone")
    html = client.get("/en/actors/alone/").content.decode()

    assert "partners-title" not in html
