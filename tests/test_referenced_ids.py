"""Every id a page points at exists in it: aria-describedby and aria-labelledby (help texts and error messages of
forms, with and without errors) and in-page links (the error summaries' links to their fields)."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PAGES = [
    "/en/programmes/",
    "/fi/programmes/?segment=nope&level=12&q=akku",
    "/sv/programmes/?q=zzzz-nothing",
    "/en/map/?country=XX",
    "/fi/actors/?kind=pirate&country=XX",
    "/en/pathways/",
    "/fi/pathways/?start=nope&months=7",
    "/en/pathways/matrix/?segment=nope",
    "/en/gaps/",
    "/sv/gaps/?country=XX&min_level=9&max_level=2",
    "/en/gaps/overlaps/?segment=nope",
    "/fi/about/",
    "/sv/privacy/",
    "/en/accessibility/",
]


def test_every_id_a_page_points_at_exists(client):
    call_command("load_bundled_data", verbosity=0)  # once: it takes seconds
    missing = {}
    for address in PAGES:
        response = client.get(address)
        assert response.status_code in (200, 400), (address, response.status_code)
        html = response.content.decode()
        present = set(re.findall(r'\sid="([^"]+)"', html))
        pointed = {
            name
            for names in re.findall(r'aria-(?:describedby|labelledby)="([^"]+)"', html)
            for name in names.split()
        } | set(re.findall(r'href="#([^"]+)"', html))
        if pointed - present:
            missing[address] = pointed - present
    assert missing == {}
