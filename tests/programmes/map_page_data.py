"""Shared by the map page tests: a square region outline, no tile server (the autouse fixture _no_tiles, which each
module imports), and the places of the page read back as map.js reads them. The data set is the ``area`` fixture
of tests/programmes/conftest.py."""

import re
from html import unescape

import pytest

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[25.0, 64.5], [26.5, 64.5], [26.5, 65.5], [25.0, 65.5], [25.0, 64.5]]
    ],
}


@pytest.fixture(autouse=True)
def _no_tiles(settings) -> None:
    settings.TILE_URL = ""


def map_places(html: str) -> list[dict]:
    """The places map.js draws: the rows of the list with their coordinates, read as its placesInList() reads them."""
    places = []
    for row in re.findall(r"<tr data-kind=.*?</tr>", html, re.S):
        kind, lat, lng = re.search(
            r'<tr data-kind="([\w-]+)" data-lat="([^"]+)" data-lng="([^"]+)">', row
        ).groups()
        url, name_lang, name = re.search(
            r'<a href="([^"]*)" lang="(\w+)" data-place="name">([^<]*)</a>', row
        ).groups()
        town_lang, town = re.search(
            r'<td lang="(\w+)" data-place="town">([^<]*)</td>', row
        ).groups()
        place = {
            "name": unescape(name),
            "name_lang": name_lang,
            "url": unescape(url),
            "kind": kind,
            "kind_label": unescape(
                re.search(r'<span data-place="kind">([^<]*)</span>', row).group(1)
            ),
            "town": unescape(town),
            "town_lang": town_lang,
            "lat": float(lat),
            "lng": float(lng),
        }
        provider = re.search(
            r'<span class="map-list-provider" lang="(\w+)" data-place="provider">([^<]*)</span>',
            row,
        )
        if provider:
            place["provider"] = unescape(provider.group(2))
            place["provider_lang"] = provider.group(1)
        places.append(place)
    return places


def count_heading(html: str) -> str:
    """The "N places" heading of the list, in one line."""
    found = re.search(r'<h2 id="map-results-title"[^>]*>(.*?)</h2>', html, re.S)
    return " ".join(found.group(1).split())
