"""The shared vocabulary in the partner API: segments, regions, levels, qualification types, skills, occupations."""

import pytest

from skills.models import Origin, Skill
from tests.api.factories import complete_occupation, region_chain, segment
from tests.factories import (
    EducationLevelFactory,
    OccupationFactory,
    QualificationTypeFactory,
    SegmentFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

BOUNDARY = {
    "type": "Polygon",
    "coordinates": [[[25.0, 65.0], [26.0, 65.0], [26.0, 66.0], [25.0, 65.0]]],
}


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def slugs(response) -> list[str]:
    return [item["slug"] for item in results(response)]


def test_segments_come_in_value_chain_order_with_names_in_every_language(api_client):
    SegmentFactory(code="recycling", order=6, name_sv="")
    SegmentFactory(
        code="raw-materials",
        order=1,
        name_fi="Raaka-aineet",
        name_sv="Råmaterial",
        name_en="Raw materials",
    )

    items = results(api_client.get("/api/v1/segments/"))

    assert [item["code"] for item in items] == ["raw-materials", "recycling"]
    assert items[0]["name"] == {
        "fi": "Raaka-aineet",
        "sv": "Råmaterial",
        "en": "Raw materials",
    }
    assert items[1]["name"]["sv"] is None


def test_a_region_names_its_parent_by_code_and_only_its_detail_carries_the_boundary(
    api_client,
):
    chain = region_chain("FI")
    chain[3].boundary = BOUNDARY
    chain[3].code_2016 = ""
    chain[3].save()

    item = next(
        item
        for item in results(api_client.get("/api/v1/regions/"))
        if item["code"] == "FI1D9"
    )
    detail = api_client.get("/api/v1/regions/FI1D9/").json()

    assert (item["parent"], item["level"], item["country"], item["code_2016"]) == (
        "FI1D",
        3,
        "FI",
        None,
    )
    assert "boundary" not in item
    assert detail["boundary"] == BOUNDARY
    assert api_client.get("/api/v1/regions/FI/").json()["parent"] is None


def test_a_level_is_found_by_its_eqf_number_with_its_descriptors(api_client):
    EducationLevelFactory(
        level=4,
        knowledge_en="Factual and theoretical knowledge",
        knowledge_fi="",
        knowledge_sv="",
    )

    response = api_client.get("/api/v1/levels/4/")

    assert response.status_code == 200
    assert response.json()["knowledge"] == {
        "fi": None,
        "sv": None,
        "en": "Factual and theoretical knowledge",
    }
    assert api_client.get("/api/v1/levels/9/").status_code == 404


def test_a_qualification_type_gives_its_country_level_and_category(api_client):
    QualificationTypeFactory(code="fi-vocational")
    QualificationTypeFactory(
        code="experience", country="", level=None, category="experience"
    )

    items = {
        item["code"]: item
        for item in results(api_client.get("/api/v1/qualification-types/"))
    }

    assert (items["fi-vocational"]["country"], items["fi-vocational"]["level"]) == (
        "FI",
        4,
    )
    assert items["fi-vocational"]["category"] == "vocational"
    assert (items["experience"]["country"], items["experience"]["level"]) == (
        None,
        None,
    )


def test_a_skill_gives_its_labels_and_where_each_comes_from(api_client):
    SkillFactory(
        slug="battery-chemistry",
        label_fi="akkukemia",
        label_sv="",
        label_en="battery chemistry",
        label_origin_fi=Origin.PROJECT,
        label_origin_en=Origin.ESCO,
        reuse_level=Skill.ReuseLevel.SECTOR_SPECIFIC,
    )

    item = results(api_client.get("/api/v1/skills/"))[0]

    assert item["label"] == {"fi": "akkukemia", "sv": None, "en": "battery chemistry"}
    assert item["label_origin"] == {"fi": "project", "sv": "project", "en": "esco"}
    assert (item["skill_type"], item["reuse_level"], item["is_local"]) == (
        "skill",
        "sector-specific",
        False,
    )
    assert item["page_url"]["sv"] == "http://testserver/sv/skills/battery-chemistry/"


def test_the_skill_filters_combine(api_client):
    SkillFactory(
        slug="esco-knowledge", skill_type=Skill.Type.KNOWLEDGE, label_sv="elektrokemi"
    )
    SkillFactory(slug="esco-skill", label_sv="elektrokemisk analys")
    SkillFactory(
        slug="local-knowledge",
        esco_uri=None,
        is_local=True,
        skill_type=Skill.Type.KNOWLEDGE,
    )

    assert slugs(
        api_client.get("/api/v1/skills/", {"type": "knowledge", "is_local": "false"})
    ) == ["esco-knowledge"]
    assert slugs(
        api_client.get("/api/v1/skills/", {"q": "ELEKTROKEMI", "type": "skill"})
    ) == ["esco-skill"]
    assert slugs(api_client.get("/api/v1/skills/", {"is_local": "true"})) == [
        "local-knowledge"
    ]
    uri = Skill.objects.get(slug="esco-skill").esco_uri
    assert slugs(api_client.get("/api/v1/skills/", {"esco_uri": uri})) == ["esco-skill"]


def test_an_occupation_detail_lists_its_essential_and_optional_skills_by_slug(
    api_client,
):
    occupation = complete_occupation(slug="cell-operator")
    essential, optional = (
        link.skill.slug for link in occupation.skill_links.order_by("relation")
    )

    item = results(api_client.get("/api/v1/occupations/"))[0]
    detail = api_client.get("/api/v1/occupations/cell-operator/").json()

    assert "essential_skills" not in item
    assert item["segments"] == ["cell-manufacturing"]
    assert (detail["essential_skills"], detail["optional_skills"]) == (
        [essential],
        [optional],
    )


def test_the_occupation_filters_combine(api_client):
    cells = segment("cell-manufacturing")
    OccupationFactory(
        slug="cell-operator", isco_code="8131", label_fi="kennolaitteiden hoitaja"
    ).segments.add(cells)
    OccupationFactory(slug="chemist", isco_code="2113").segments.add(cells)
    OccupationFactory(slug="recycling-operator", isco_code="8131")

    assert slugs(
        api_client.get(
            "/api/v1/occupations/", {"segment": "cell-manufacturing", "isco": "81"}
        )
    ) == ["cell-operator"]
    assert slugs(api_client.get("/api/v1/occupations/", {"q": "kenno"})) == [
        "cell-operator"
    ]


def test_the_occupation_list_does_the_same_queries_for_1_and_50_occupations(
    api_client, django_assert_num_queries
):
    complete_occupation()
    # 1 count, 2 occupations, 3 segments
    with django_assert_num_queries(3):
        api_client.get("/api/v1/occupations/")
    for _ in range(49):
        complete_occupation()
    with django_assert_num_queries(3):
        response = api_client.get("/api/v1/occupations/")
    assert response.json()["count"] == 50


def test_an_occupation_detail_does_a_fixed_number_of_queries(
    api_client, django_assert_num_queries
):
    occupation = complete_occupation()
    for skill in SkillFactory.create_batch(5):
        occupation.skill_links.create(skill=skill)
    # 1 occupation, 2 segments, 3 skill links + skill
    with django_assert_num_queries(3):
        response = api_client.get(f"/api/v1/occupations/{occupation.slug}/")
    assert len(response.json()["essential_skills"]) == 6


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/segments/",
        "/api/v1/regions/",
        "/api/v1/levels/",
        "/api/v1/qualification-types/",
        "/api/v1/skills/",
    ],
)
def test_each_vocabulary_list_does_two_queries_however_long_it_is(
    api_client, django_assert_num_queries, address
):
    for level in range(1, 9):
        QualificationTypeFactory(
            code=f"type-{level}", level=EducationLevelFactory(level=level)
        )
        SegmentFactory()
        SkillFactory()
    region_chain("FI")
    region_chain("SE")
    # 1 count, 2 rows (with their parent region or EQF level joined)
    with django_assert_num_queries(2):
        response = api_client.get(address)
    assert response.json()["count"] >= 8
