"""Overlapping programmes in the partner API (/api/v1/overlaps/): a pair's similarity, programmes and shared skills,
groups chained at a lower similarity, the filters, and the same groups on every page."""

import pytest

from programmes.models import Programme
from tests.api.gap_data import (
    OVERLAPS,
    _reference_year,  # noqa: F401 (fixtures)
)

pytestmark = pytest.mark.django_db


def test_an_overlap_shows_its_similarity_programmes_and_skills(api_client, overlapping):
    body = api_client.get(OVERLAPS).json()

    assert body["count"] == 1
    assert body["groups"] == [["technician-fi", "technician-se"]]
    (pair,) = body["results"]
    assert {
        key: pair[key]
        for key in [
            "similarity",
            "across_border",
            "shared",
            "only_first",
            "only_second",
        ]
    } == {
        "similarity": 0.6,
        "across_border": True,
        "shared": ["s1", "s2", "s3"],
        "only_first": ["s4"],
        "only_second": ["s5"],
    }
    first = Programme.objects.select_related("provider").get(slug="technician-fi")
    assert pair["first"] == {
        "slug": "technician-fi",
        "name": {"fi": "technician-fi", "sv": "technician-fi", "en": "technician-fi"},
        "provider": {
            "slug": first.provider.slug,
            "name": {
                "fi": first.provider.name_fi,
                "sv": first.provider.name_sv,
                "en": first.provider.name_en,
            },
        },
        "level": 5,
        "countries": ["FI"],
        "regions": ["FI1D9"],
        "page_url": {
            code: f"http://testserver/{code}/programmes/technician-fi/"
            for code in ["fi", "sv", "en"]
        },
    }
    assert (pair["second"]["slug"], pair["second"]["countries"]) == (
        "technician-se",
        ["SE"],
    )
    assert body["parameters"] == {
        "min_level": 1,
        "max_level": 8,
        "countries": ["FI", "SE"],
        "segment": None,
        "across_border": False,
        "min_similarity": 0.5,
    }


def test_a_lower_similarity_chains_pairs_into_a_group_and_the_filters_narrow_them(
    api_client, overlapping
):
    def pairs(**parameters: object) -> list[tuple[str, str, float]]:
        response = api_client.get(OVERLAPS, parameters)
        assert response.status_code == 200, response.content
        return [
            (pair["first"]["slug"], pair["second"]["slug"], pair["similarity"])
            for pair in response.json()["results"]
        ]

    low = api_client.get(OVERLAPS, {"min_similarity": 0.3}).json()

    assert [pair["similarity"] for pair in low["results"]] == [0.6, 0.333, 0.333]
    assert low["groups"] == [["course-fi", "technician-fi", "technician-se"]]  # by name
    assert pairs(min_similarity=0.3, across_border="true") == [
        ("technician-fi", "technician-se", 0.6),
        ("technician-se", "course-fi", 0.333),
    ]
    assert pairs(min_similarity=0.3, country="FI") == [
        ("technician-fi", "course-fi", 0.333)
    ]
    assert pairs(min_similarity=0.3, segment="recycling") == [
        ("technician-fi", "technician-se", 0.6)
    ]
    assert pairs(max_level=4) == []
    assert pairs(min_similarity=0.61) == []


def test_overlap_groups_are_the_same_on_every_page(api_client, overlapping):
    first = api_client.get(OVERLAPS, {"min_similarity": 0.3, "page_size": 1}).json()
    last = api_client.get(
        OVERLAPS, {"min_similarity": 0.3, "page_size": 1, "page": 3}
    ).json()

    assert (
        first["groups"]
        == last["groups"]
        == [["course-fi", "technician-fi", "technician-se"]]
    )
    assert len(first["results"]) == len(last["results"]) == 1
