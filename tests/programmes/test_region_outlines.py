"""The region outlines every map draws: one JSON address in each language (map/regions.json), which the pages give
map.js instead of embedding 11 KB of GeoJSON in each of them (issue 11)."""

import json
import re

import pytest

from tests.factories import (
    OfferingFactory,
    ProgrammeFactory,
    RegionFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[25.0, 64.5], [26.5, 64.5], [26.5, 65.5], [25.0, 65.5], [25.0, 64.5]]
    ],
}


@pytest.fixture
def regions() -> None:
    """Two NUTS 3 regions with a boundary (one without a Swedish name); not drawn: a NUTS 2 region and a NUTS 3 region
    without a boundary."""
    RegionFactory(boundary=SQUARE)
    RegionFactory(
        code="SE331",
        code_2024="SE331",
        country="SE",
        name_fi="Västerbottenin lääni",
        name_sv="",
        name_en="Västerbotten County",
        boundary=SQUARE,
    )
    RegionFactory(code="SE33", code_2024="SE33", level=2, country="SE", boundary=SQUARE)
    RegionFactory(code="FI1D8", code_2024="FI1D8", boundary=None)


def map_config(html: str, element_id: str) -> dict:
    found = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S
    )
    assert found, f"no json_script #{element_id}"
    return json.loads(found.group(1))


def test_the_outlines_are_the_nuts_3_regions_with_a_boundary_as_geojson(
    client, regions, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/en/map/regions.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    outlines = response.json()
    assert outlines == {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": SQUARE,
                "properties": {
                    "code": "FI1D9",
                    "name": "North Ostrobothnia",
                    "lang": "en",
                },
            },
            {
                "type": "Feature",
                "geometry": SQUARE,
                "properties": {
                    "code": "SE331",
                    "name": "Västerbotten County",
                    "lang": "en",
                },
            },
        ],
    }


def test_the_outlines_are_named_in_the_language_of_their_address(client, regions):
    names = {
        language: [
            feature["properties"]
            for feature in client.get(f"/{language}/map/regions.json").json()[
                "features"
            ]
        ]
        for language in ("fi", "sv")
    }
    assert names["fi"] == [
        {"code": "FI1D9", "name": "Pohjois-Pohjanmaa", "lang": "fi"},
        {"code": "SE331", "name": "Västerbottenin lääni", "lang": "fi"},
    ]
    # A missing Swedish name falls back to Finnish, and says so, so that the label is read in the right language.
    assert names["sv"] == [
        {"code": "FI1D9", "name": "Norra Österbotten", "lang": "sv"},
        {"code": "SE331", "name": "Västerbottenin lääni", "lang": "fi"},
    ]


def test_the_outlines_are_only_read(client, regions):
    assert client.head("/en/map/regions.json").status_code == 200
    assert client.post("/en/map/regions.json").status_code == 405


def test_pages_with_a_small_map_give_it_the_address_of_the_outlines(client, regions):
    site = SiteFactory()
    OfferingFactory(programme=ProgrammeFactory(slug="cells"), site=site)
    for path in ("/fi/programmes/cells/", f"/fi/actors/{site.actor.slug}/"):
        html = client.get(path).content.decode()
        config = map_config(html, "site-map-config")
        assert config["boundariesUrl"] == "/fi/map/regions.json", path
        assert '"coordinates"' not in html, path
