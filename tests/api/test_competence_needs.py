"""Competence needs in the partner API: who sees which, what a need holds, filters, a fixed number of queries."""

import pytest

from skills.models import CompetenceNeed
from tests.api.factories import region_chain, segment
from tests.factories import CompetenceNeedFactory, OccupationFactory, SkillFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/competence-needs/"
Visibility = CompetenceNeed.Visibility


@pytest.fixture
def needs_of_every_visibility() -> None:
    for visibility in Visibility:
        CompetenceNeedFactory(slug=f"{visibility}-need", visibility=visibility)


def slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["slug"] for item in response.json()["results"]}


def test_anonymous_callers_see_public_needs_only_in_the_list_and_the_detail(
    api_client, needs_of_every_visibility
):
    assert slugs(api_client.get(LIST)) == {"public-need"}
    assert api_client.get(f"{LIST}public-need/").status_code == 200
    assert api_client.get(f"{LIST}partners-need/").status_code == 404
    assert api_client.get(f"{LIST}coordinators-need/").status_code == 404


def test_a_logged_in_partner_also_sees_partner_needs(
    partner_client, needs_of_every_visibility
):
    assert slugs(partner_client.get(LIST)) == {"public-need", "partners-need"}
    assert partner_client.get(f"{LIST}partners-need/").status_code == 200
    assert partner_client.get(f"{LIST}coordinators-need/").status_code == 404


def test_a_coordinator_with_the_permission_sees_every_need(
    coordinator, coordinator_api_client, needs_of_every_visibility
):
    assert coordinator.has_perm("skills.view_confidential_needs")
    assert slugs(coordinator_api_client.get(LIST)) == {
        "public-need",
        "partners-need",
        "coordinators-need",
    }
    assert coordinator_api_client.get(f"{LIST}coordinators-need/").status_code == 200


def test_a_need_names_its_employer_occupation_skills_and_region_by_public_identifiers(
    api_client,
):
    need = CompetenceNeedFactory(
        slug="cell-operators-2028",
        occupation=OccupationFactory(slug="cell-operator"),
        region=region_chain("FI")[3],
        min_level=4,
        max_level=5,
        is_example=True,
        description_fi="Esimerkki",
    )
    need.skills.set([SkillFactory(slug="battery-safety")])
    need.segments.set([segment("cell-manufacturing")])

    item = api_client.get(f"{LIST}cell-operators-2028/").json()

    assert item.pop("created") <= item.pop("modified")  # ISO 8601 in UTC (test_sync.py)
    assert item == {
        "slug": "cell-operators-2028",
        "is_example": True,
        "status": "standing",
        "visibility": "public",
        "employer": need.employer.slug,
        "source_kind": "employer",
        "source_name": None,
        "source_url": None,
        "occupation": "cell-operator",
        "occupation_esco_uri": need.occupation.esco_uri,
        "skills": ["battery-safety"],
        "skill_esco_uris": [need.skills.get().esco_uri],
        "segments": ["cell-manufacturing"],
        "headcount": 10,
        "target_year": 2028,
        "region": "FI1D9",
        "min_level": 4,
        "min_level_uri": "http://data.europa.eu/snb/eqf/4",
        "max_level": 5,
        "max_level_uri": "http://data.europa.eu/snb/eqf/5",
        "urgency": "medium",
        "stated_on": "2026-05-01",
        "description": {"fi": "Esimerkki", "sv": None, "en": None},
    }


def test_a_need_from_a_report_names_its_source_instead_of_an_employer(api_client):
    CompetenceNeedFactory(
        slug="report-need",
        employer=None,
        occupation=None,
        source_kind=CompetenceNeed.SourceKind.REPORT,
        source_name="Battery Region mapping 2022",
    )

    item = api_client.get(f"{LIST}report-need/").json()

    assert (item["employer"], item["occupation"], item["source_name"]) == (
        None,
        None,
        "Battery Region mapping 2022",
    )


def test_the_need_filters_combine(api_client):
    north_ostrobothnia = region_chain("FI")[3]
    vasterbotten = region_chain("SE")[3]
    operator = OccupationFactory(slug="cell-operator")
    CompetenceNeedFactory(
        slug="match", occupation=operator, region=north_ostrobothnia, is_example=True
    )
    CompetenceNeedFactory(slug="real", occupation=operator, region=north_ostrobothnia)
    CompetenceNeedFactory(
        slug="swedish", occupation=operator, region=vasterbotten, is_example=True
    )
    CompetenceNeedFactory(
        slug="later",
        occupation=operator,
        region=north_ostrobothnia,
        is_example=True,
        target_year=2030,
    )
    CompetenceNeedFactory(
        slug="withdrawn",
        occupation=operator,
        region=north_ostrobothnia,
        is_example=True,
        status=CompetenceNeed.Status.WITHDRAWN,
    )

    query = {
        "region": "FI1D",
        "occupation": "cell-operator",
        "is_example": "true",
        "target_year": 2028,
    }
    assert slugs(api_client.get(LIST, {**query, "status": "standing"})) == {"match"}
    assert slugs(api_client.get(LIST, {"region": "FI", "is_example": "false"})) == {
        "real"
    }
    assert slugs(api_client.get(LIST, {"status": "withdrawn"})) == {"withdrawn"}


def test_the_need_list_does_the_same_queries_for_1_and_50_needs(
    api_client, django_assert_num_queries
):
    def need() -> None:
        CompetenceNeedFactory().skills.set([SkillFactory()])

    need()
    # 1 count, 2 needs + employer + occupation + region, 3 skills and segments (one UNION ALL)
    with django_assert_num_queries(3):
        api_client.get(LIST)
    for _ in range(49):
        need()
    with django_assert_num_queries(3):
        response = api_client.get(LIST)
    assert response.json()["count"] == 50
