"""The region outlines every Leaflet map draws: one JSON answer in each language, rounded to 4 decimals, with a label
point inside each region, at an address that carries the outlines' digest so that browsers keep it for a year
(programmes/outlines.py, map_views.region_outlines)."""

import json
import re

import pytest

from programmes.outlines import inside, label_point, rounded_geometry
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[25.0, 64.5], [26.5, 64.5], [26.5, 65.5], [25.0, 65.5], [25.0, 64.5]]
    ],
}
# The bundled files have 13 decimals; two points that meet when rounded become one.
FINE_SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [
            [25.0000000000001, 64.5000000000001],
            [26.4999999999999, 64.5],
            [26.50000001, 64.50000002],
            [26.5, 65.5],
            [25.0, 65.4999999999999],
            [25.0000000000001, 64.5000000000001],
        ]
    ],
}


@pytest.fixture
def regions() -> None:
    """Two NUTS 3 regions with a boundary (one without a Swedish name); not drawn: a NUTS 2 region and a NUTS 3 region
    without a boundary."""
    RegionFactory(boundary=FINE_SQUARE)
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


def json_script(html: str, element_id: str) -> dict:
    found = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S
    )
    assert found, f"no json_script #{element_id}"
    return json.loads(found.group(1))


def versioned_address(client, language: str = "en") -> str:
    html = client.get(f"/{language}/map/").content.decode()
    return json_script(html, "map-config")["boundariesUrl"]


def test_the_outlines_are_the_nuts_3_regions_with_a_boundary_rounded_and_labelled(
    client, regions, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/en/map/regions.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": SQUARE,
                "properties": {
                    "code": "FI1D9",
                    "name": "North Ostrobothnia",
                    "lang": "en",
                    "label": [25.75, 65.0],
                },
            },
            {
                "type": "Feature",
                "geometry": SQUARE,
                "properties": {
                    "code": "SE331",
                    "name": "Västerbotten County",
                    "lang": "en",
                    "label": [25.75, 65.0],
                },
            },
        ],
    }


def test_the_outlines_are_named_in_the_language_of_their_address(client, regions):
    names = {
        language: [
            (
                feature["properties"]["code"],
                feature["properties"]["name"],
                feature["properties"]["lang"],
            )
            for feature in client.get(f"/{language}/map/regions.json").json()[
                "features"
            ]
        ]
        for language in ("fi", "sv")
    }
    assert names["fi"] == [
        ("FI1D9", "Pohjois-Pohjanmaa", "fi"),
        ("SE331", "Västerbottenin lääni", "fi"),
    ]
    # A missing Swedish name falls back to Finnish, and says so, so that the label is read in the right language.
    assert names["sv"] == [
        ("FI1D9", "Norra Österbotten", "sv"),
        ("SE331", "Västerbottenin lääni", "fi"),
    ]


def test_the_outlines_are_only_read(client, regions):
    assert client.head("/en/map/regions.json").status_code == 200
    assert client.post("/en/map/regions.json").status_code == 405


def test_the_versioned_address_is_kept_for_a_year_even_through_the_page_cache(
    client, regions, settings
):
    settings.PAGE_CACHE_SECONDS = 600  # the shared page cache must not shorten it
    address = versioned_address(client)
    assert re.fullmatch(r"/en/map/regions-[0-9a-f]{12}\.json", address)
    for _ in range(2):  # stored by the page cache, then served from it
        response = client.get(address)
        assert response.status_code == 200
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "max-age=31536000", "immutable"} <= cache_control
    assert response.json()["features"][0]["properties"]["code"] == "FI1D9"
    # Each language has its own digest: the names differ.
    assert versioned_address(client, "fi") != address


def test_a_new_boundary_makes_a_new_address_and_the_old_one_is_not_kept(
    client, regions
):
    old = versioned_address(client)
    region = RegionFactory._meta.model.objects.get(code="SE331")
    region.boundary = {
        "type": "Polygon",
        "coordinates": [[[20.0, 64.0], [21.0, 64.0], [21.0, 65.0], [20.0, 64.0]]],
    }
    region.save()
    new = versioned_address(client)
    assert new != old
    # A page cached before the change still names the old address: it gets today's outlines, not kept.
    response = client.get(old)
    assert response.status_code == 200
    assert "immutable" not in response.get("Cache-Control", "")
    assert response.content == client.get(new).content


def test_coordinates_are_rounded_to_4_decimals_and_repeated_points_dropped():
    assert rounded_geometry(FINE_SQUARE) == SQUARE
    multi = {
        "type": "MultiPolygon",
        "coordinates": [FINE_SQUARE["coordinates"], [[[1, 1], [1, 1], [1, 1]]]],
    }
    # A part that rounding reduces to a point is left out.
    assert rounded_geometry(multi) == SQUARE


def test_the_label_point_is_inside_a_bent_region():
    # An L-shaped region: the centre of its bounding box is outside it.
    bent = {
        "type": "Polygon",
        "coordinates": [
            [[20, 60], [24, 60], [24, 61], [21, 61], [21, 64], [20, 64], [20, 60]]
        ],
    }
    rings = bent["coordinates"]
    assert not inside((22.0, 62.0), rings)
    point = label_point(bent)
    assert inside(point, rings)


def test_the_bundled_regions_are_all_drawn_with_their_names_inside_them(client):
    from batteryregion.bundled_data import load_bundled_data

    load_bundled_data()
    features = client.get("/fi/map/regions.json").json()["features"]
    assert [feature["properties"]["code"] for feature in features] == [
        "FI195",
        "FI1D5",
        "FI1D7",
        "FI1D8",
        "FI1D9",
        "SE331",
        "SE332",
    ]
    for feature in features:
        geometry = feature["geometry"]
        parts = (
            [geometry["coordinates"]]
            if geometry["type"] == "Polygon"
            else geometry["coordinates"]
        )
        assert any(inside(feature["properties"]["label"], part) for part in parts)
        text = json.dumps(geometry)
        assert not re.search(r"\.\d{5,}", text), feature["properties"]["code"]
