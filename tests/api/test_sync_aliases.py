"""Incremental sync, part three: a renamed record keeps its old identifier as an alias that answers 301 to the
current address, and no other record may take it."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from batteryregion.sync.models import IdentifierAlias
from tests.factories import (
    CompetenceNeedFactory,
    ProgrammeFactory,
    SegmentFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


def rename(record, field: str, value: str) -> None:
    setattr(record, field, value)
    record.full_clean()
    record.save()


def test_a_renamed_programme_answers_its_old_slug_with_a_301_in_the_api_and_on_its_page(
    api_client, client
):
    programme = ProgrammeFactory(slug="battery-tech")
    rename(programme, "slug", "battery-technology")

    response = api_client.get("/api/v1/programmes/battery-tech/?format=json")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/programmes/battery-technology/?format=json"
    assert api_client.get(response["Location"]).status_code == 200
    page = client.get("/fi/programmes/battery-tech/")
    assert (page.status_code, page["Location"]) == (
        301,
        "/fi/programmes/battery-technology/",
    )
    assert client.get("/fi/programmes/never-was/").status_code == 404


def test_a_code_renamed_twice_leads_from_both_old_codes_and_renaming_back_drops_the_alias(
    api_client,
):
    segment = SegmentFactory(code="recycling")
    rename(segment, "code", "recycling-2")
    rename(segment, "code", "recycling-3")
    for old in ("recycling", "recycling-2"):
        response = api_client.get(f"/api/v1/segments/{old}/")
        assert response["Location"] == "/api/v1/segments/recycling-3/"
    rename(segment, "code", "recycling")
    assert api_client.get("/api/v1/segments/recycling/").status_code == 200
    assert set(
        IdentifierAlias.objects.filter(resource="segment").values_list(
            "identifier", flat=True
        )
    ) == {"recycling-2", "recycling-3"}


def test_an_old_identifier_is_never_given_to_another_record(api_client):
    skill = SkillFactory(slug="welding")
    rename(skill, "slug", "arc-welding")
    newcomer = SkillFactory.build(slug="welding", esco_uri="http://example.org/new")
    with pytest.raises(ValidationError) as refused:
        newcomer.full_clean()
    assert list(refused.value.message_dict) == ["slug"]
    assert "Another skill had this slug before" in refused.value.message_dict["slug"][0]
    other = SkillFactory(slug="soldering")
    with pytest.raises(ValidationError) as refused:
        rename(other, "slug", "welding")
    assert list(refused.value.message_dict) == ["slug"]
    # The record itself may take its old identifier back.
    rename(skill, "slug", "welding")


def test_an_old_slug_of_a_need_hidden_from_the_caller_does_not_tell_its_new_slug(
    api_client, coordinator_api_client, coordinator
):
    coordinator.user_permissions.add(
        *Permission.objects.filter(codename="view_confidential_needs")
    )
    need = CompetenceNeedFactory(slug="secret-plan", visibility="coordinators")
    rename(need, "slug", "secret-plan-2027")
    assert api_client.get("/api/v1/competence-needs/secret-plan/").status_code == 404
    response = coordinator_api_client.get("/api/v1/competence-needs/secret-plan/")
    assert response["Location"] == "/api/v1/competence-needs/secret-plan-2027/"
