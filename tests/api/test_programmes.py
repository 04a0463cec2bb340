"""The programmes of the partner API: what an item holds, the catalogue's filters, a fixed number of queries."""

import pytest

from programmes.models import Programme
from tests.api.factories import complete_programme, region_chain, segment
from tests.factories import (
    ActorFactory,
    EducationFieldFactory,
    EducationLevelFactory,
    OfferingFactory,
    ProgrammeFactory,
    QualificationTypeFactory,
    RegionFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/programmes/"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def test_a_programme_item_uses_public_identifiers_and_gives_every_language(api_client):
    programme = complete_programme(slug="battery-operator", name_sv="")

    item = api_client.get(LIST).json()["results"][0]

    assert item["slug"] == "battery-operator"
    assert "id" not in item
    assert item["name"] == {
        "fi": programme.name_fi,
        "sv": None,
        "en": programme.name_en,
    }
    assert item["provider"] == {
        "slug": programme.provider.slug,
        "name": {
            "fi": programme.provider.name_fi,
            "sv": programme.provider.name_sv,
            "en": programme.provider.name_en,
        },
    }
    assert item["awarded_qualification"] == "fi-vocational"
    assert item["awarded_level"] == 4
    assert item["credits"] == 180.0
    assert item["credit_unit"] == "osp"
    assert item["languages"] == ["fi"]
    assert item["segments"] == ["cell-manufacturing", "recycling"]
    assert item["offerings"] == [
        {
            "site": programme.offerings.get().site.slug,
            "town": {"fi": "Oulu", "sv": "Uleåborg", "en": "Oulu"},
            "region": "FI1D9",
            "latitude": 65.0121,
            "longitude": 25.4651,
            "starts_on": "2027-08-16",
            "language": "fi",
            "places": 20,
        }
    ]
    assert item["entry_requirements"] == [
        {"qualification_type": "fi-basic", "min_level": None, "min_level_uri": None},
        {
            "qualification_type": None,
            "min_level": 3,
            "min_level_uri": "http://data.europa.eu/snb/eqf/3",
        },
    ]
    assert item["awarded_level_uri"] == "http://data.europa.eu/snb/eqf/4"
    assert item["skills"] == [programme.skills.get().slug]
    assert item["skill_esco_uris"] == [programme.skills.get().esco_uri]
    assert item["occupations"] == [programme.occupations.get().slug]
    assert item["occupation_esco_uris"] == [programme.occupations.get().esco_uri]
    assert item["page_url"] == {
        "fi": "http://testserver/fi/programmes/battery-operator/",
        "sv": "http://testserver/sv/programmes/battery-operator/",
        "en": "http://testserver/en/programmes/battery-operator/",
    }


def test_empty_text_comes_out_as_null_so_that_partners_never_join_on_empty_strings(
    api_client,
):
    ProgrammeFactory(
        opintopolku_oid="",
        susa_id="",
        provider_code="P-17",
        description_fi="",
        credit_unit="",
    )

    item = api_client.get(LIST).json()["results"][0]

    assert (item["opintopolku_oid"], item["susa_id"], item["provider_code"]) == (
        None,
        None,
        "P-17",
    )
    assert item["description"] == {"fi": None, "sv": None, "en": None}
    assert item["credit_unit"] is None


def test_the_detail_labels_skills_and_occupations_and_lists_intakes(api_client):
    programme = complete_programme(slug="battery-operator")
    skill = programme.skills.get()

    response = api_client.get(f"{LIST}battery-operator/")

    assert response.status_code == 200
    detail = response.json()
    assert detail["skills"] == [
        {
            "slug": skill.slug,
            "esco_uri": skill.esco_uri,
            "label": {"fi": skill.label_fi, "sv": skill.label_sv, "en": skill.label_en},
        }
    ]
    assert [occupation["slug"] for occupation in detail["occupations"]] == [
        programme.occupations.get().slug
    ]
    assert detail["intakes"] == [
        {
            "year": 2026,
            "places": 20,
            "applicants": 31,
            "enrolled": 18,
            "source_url": None,
            "is_example": False,
        }
    ]


def test_an_unpublished_programme_is_not_in_the_api(api_client):
    ProgrammeFactory(slug="draft", state="draft")

    assert slugs(api_client.get(LIST)) == []
    assert api_client.get(f"{LIST}draft/").status_code == 404


def test_the_catalogue_filters_combine(api_client):
    cells = segment("cell-manufacturing")
    recycling = segment("recycling")
    finnish = ActorFactory(country="FI")
    swedish = ActorFactory(country="SE")
    level_4 = EducationLevelFactory(level=4)
    ProgrammeFactory(
        slug="fi-cells-4", provider=finnish, segments=[cells], awarded_level=level_4
    )
    ProgrammeFactory(
        slug="se-cells-4", provider=swedish, segments=[cells], awarded_level=level_4
    )
    ProgrammeFactory(
        slug="fi-recycling-4",
        provider=finnish,
        segments=[recycling],
        awarded_level=level_4,
    )
    ProgrammeFactory(
        slug="fi-cells-6",
        provider=finnish,
        segments=[cells],
        awarded_level=EducationLevelFactory(level=6),
    )

    assert slugs(
        api_client.get(
            LIST, {"segment": "cell-manufacturing", "country": "FI", "level": 4}
        )
    ) == ["fi-cells-4"]
    assert sorted(
        slugs(
            api_client.get(
                LIST, {"segment": ["cell-manufacturing", "recycling"], "level": 4}
            )
        )
    ) == [
        "fi-cells-4",
        "fi-recycling-4",
        "se-cells-4",
    ]
    assert (
        slugs(api_client.get(LIST, {"country": "SE", "kind": Programme.Kind.COURSE}))
        == []
    )


def test_the_region_filter_takes_a_nuts_code_and_includes_the_regions_below_it(
    api_client,
):
    north_ostrobothnia = region_chain("FI")[3]
    region_chain("SE")
    OfferingFactory(
        programme=ProgrammeFactory(slug="oulu"),
        site=SiteFactory(region=north_ostrobothnia),
    )

    assert slugs(api_client.get(LIST, {"region": "FI1D"})) == ["oulu"]
    assert slugs(api_client.get(LIST, {"region": "SE33"})) == []


def test_open_to_takes_a_starting_point_code(api_client):
    basic = QualificationTypeFactory(
        code="fi-basic", level=EducationLevelFactory(level=2)
    )
    complete_programme(slug="open-to-basic")
    ProgrammeFactory(slug="needs-a-degree")

    assert slugs(api_client.get(LIST, {"open_to": basic.code})) == ["open-to-basic"]


def test_the_programme_list_does_the_same_queries_for_1_and_50_programmes(
    api_client, django_assert_num_queries
):
    complete_programme()
    # 1 count, 2 programmes + provider + level + qualification + successor (joined), 3 languages, segments, skills
    # and occupations (one UNION ALL), 4 offerings + site + region + language, 5 entry requirements + type + level
    with django_assert_num_queries(5):
        api_client.get(LIST)
    for _ in range(49):
        complete_programme()
    with django_assert_num_queries(5):
        response = api_client.get(LIST)
    assert response.json()["count"] == 50


def test_a_programme_detail_does_a_fixed_number_of_queries(
    api_client, django_assert_num_queries
):
    programme = complete_programme()
    programme.skills.add(*[complete_programme().skills.get() for _ in range(3)])
    # 1 programme + provider + level + qualification + successor, 2 languages and segments (one UNION ALL),
    # 3 offerings + site + region + language, 4 entry requirements + type + level, 5 skills and occupations with
    # their labels (one UNION ALL), 6 intakes
    with django_assert_num_queries(6):
        response = api_client.get(f"{LIST}{programme.slug}/")
    assert len(response.json()["skills"]) == 4


ADMISSION_KEYS = [
    "audience",
    "audience_region",
    "min_age",
    "required_fields",
    "prior_studies",
    "recognition_of_prior_learning",
    "free_of_charge",
    "pace",
]


def test_who_may_apply_comes_as_codes_and_translated_text_in_list_and_detail(
    api_client,
):
    region = RegionFactory(code="SE332", country="SE", name_en="Norrbotten")
    programme = ProgrammeFactory(
        slug="for-norrbotten",
        audience=Programme.Audience.RESIDENTS_REGION,
        audience_region=region,
        min_age=20,
        prior_studies_fi="Matematiikka 2",
        prior_studies_sv="Matematik 2",
        prior_studies_en="",
        recognition_of_prior_learning=False,
        free_of_charge=True,
        pace=Programme.Pace.FULL_TIME,
    )
    programme.required_fields.add(
        EducationFieldFactory(code="07"), EducationFieldFactory(code="05")
    )
    ProgrammeFactory(slug="unknown-rules")
    expected = {
        "audience": "residents_region",
        "audience_region": "SE332",
        "min_age": 20,
        "required_fields": ["05", "07"],
        "prior_studies": {"fi": "Matematiikka 2", "sv": "Matematik 2", "en": None},
        "recognition_of_prior_learning": False,
        "free_of_charge": True,
        "pace": "full_time",
    }

    items = {item["slug"]: item for item in api_client.get(LIST).json()["results"]}
    detail = api_client.get(f"{LIST}for-norrbotten/").json()

    assert {key: items["for-norrbotten"][key] for key in ADMISSION_KEYS} == expected
    assert {key: detail[key] for key in ADMISSION_KEYS} == expected
    assert {key: items["unknown-rules"][key] for key in ADMISSION_KEYS} == {
        "audience": "everyone",
        "audience_region": None,
        "min_age": None,
        "required_fields": [],
        "prior_studies": {"fi": None, "sv": None, "en": None},
        "recognition_of_prior_learning": None,
        "free_of_charge": None,
        "pace": None,
    }
