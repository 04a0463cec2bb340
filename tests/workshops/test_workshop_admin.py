"""Coordinators record a workshop and the needs it identified on one admin page; the needs take their source from
the workshop, and only coordinators whose organisation organised it or whose regions it covers may change it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from skills.models import CompetenceNeed, Workshop
from tests.coordinators.world import coordinator_user, form_data
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    OccupationFactory,
    RegionFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db

ADD = "/admin/skills/workshop/add/"
PREFIX = "competence_needs"


def change_url(workshop: Workshop) -> str:
    return f"/admin/skills/workshop/{workshop.pk}/change/"


@pytest.fixture
def place():
    """Organisation A (a Finnish college) and North Ostrobothnia, and a Swedish actor and Västerbotten."""
    return {
        "oulu": RegionFactory(code="FI1D9", code_2024="FI1D9"),
        "vasterbotten": RegionFactory(
            code="SE331", code_2024="SE331", country="SE", name_en="Västerbotten"
        ),
        "organisation_a": ActorFactory(slug="organisation-a"),
        "swedish_actor": ActorFactory(slug="swedish-actor", country="SE"),
    }


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def workshop_post(
    client: Client, organiser, regions, needs: list[dict], **fields
) -> dict:
    """The add form as the admin renders it, filled in: the workshop and one inline row per need."""
    data = form_data(client.get(ADD))
    data.update(
        {
            "slug": "oulu-cells-2026",
            "kind": "workshop",
            "title_fi": "Kennotehdastyöpaja",
            "title_sv": "Workshop om cellfabriker",
            "title_en": "Cell factory workshop",
            "held_on": "2026-03-12",
            "place": "Oulu",
            "organiser": str(organiser.pk),
            "regions": [str(region.pk) for region in regions],
            "is_summary_public": "on",
            f"{PREFIX}-TOTAL_FORMS": str(len(needs)),
            **fields,
        }
    )
    for index, need in enumerate(needs):
        row = {
            "urgency": "high",
            "visibility": "coordinators",
            "state": "published",
            "target_year": "2029",
            **need,
        }
        data.update({f"{PREFIX}-{index}-{name}": value for name, value in row.items()})
    return data


def test_the_needs_entered_with_a_workshop_have_it_as_their_source(admin_client, place):
    operator = OccupationFactory(slug="cell-operator")
    chemist = OccupationFactory(slug="battery-chemist")
    needs = [
        {"occupation": str(operator.pk), "headcount": "40", "region": str(place["oulu"].pk)},
        {"occupation": str(chemist.pk), "headcount": "5", "region": str(place["oulu"].pk), "min_level": "6", "max_level": "7"},
    ]  # fmt: skip

    response = admin_client.post(
        ADD,
        workshop_post(admin_client, place["organisation_a"], [place["oulu"]], needs),
    )

    assert response.status_code == 302, (
        response.context["errors"] if response.context else response
    )
    workshop = Workshop.objects.get(slug="oulu-cells-2026")
    saved = list(workshop.competence_needs.order_by("slug"))
    assert [(n.slug, n.occupation, n.headcount) for n in saved] == [
        ("oulu-cells-2026-1", operator, 40),
        ("oulu-cells-2026-2", chemist, 5),
    ]
    for need in saved:
        assert need.source_kind == CompetenceNeed.SourceKind.WORKSHOP
        assert need.source_name == "Cell factory workshop"
        assert need.stated_on == datetime.date(2026, 3, 12)
        assert need.employer is None
        assert need.history.count() == 1


def test_a_survey_gives_its_needs_the_survey_source_type_and_its_changes_carry_over(
    admin_client, place
):
    workshop = WorkshopFactory(
        kind="survey",
        organiser=place["organisation_a"],
        title_en="Employer survey 2025",
    )
    need = CompetenceNeedFactory(
        workshop=workshop, source_kind="survey", source_name="Employer survey 2025"
    )
    data = form_data(admin_client.get(change_url(workshop)))
    data.update({"title_en": "Employer survey 2026", "held_on": "2026-02-01"})

    response = admin_client.post(change_url(workshop), data)

    assert response.status_code == 302
    need.refresh_from_db()
    assert (need.source_kind, need.source_name, need.stated_on) == (
        "survey",
        "Employer survey 2026",
        datetime.date(2026, 2, 1),
    )


def test_a_coordinator_records_a_workshop_of_their_organisation_with_needs_anywhere(
    place,
):
    user, _ = coordinator_user(
        "coordinator-a", side="FI", organisations=[place["organisation_a"]]
    )
    client = client_for(user)
    needs = [
        {
            "occupation": str(OccupationFactory().pk),
            "headcount": "3",
            "region": str(place["vasterbotten"].pk),
        }
    ]

    response = client.post(
        ADD,
        workshop_post(client, place["organisation_a"], [place["vasterbotten"]], needs),
    )

    assert response.status_code == 302
    assert Workshop.objects.get().competence_needs.count() == 1


def test_a_coordinator_out_of_scope_can_neither_add_nor_change_a_workshop(place):
    user, _ = coordinator_user(
        "coordinator-a", side="FI", organisations=[place["organisation_a"]]
    )
    client = client_for(user)
    theirs = WorkshopFactory(
        slug="theirs", organiser=place["swedish_actor"], regions=[place["vasterbotten"]]
    )

    # Organised by an actor they may not use, in a region that is not theirs: refused, nothing saved.
    response = client.post(
        ADD, workshop_post(client, place["swedish_actor"], [place["vasterbotten"]], [])
    )
    assert response.status_code == 200
    assert not Workshop.objects.filter(slug="oulu-cells-2026").exists()
    # Another side's workshop opens read-only, and a forged change is refused.
    assert "Save" not in client.get(change_url(theirs)).content.decode()
    data = form_data(client_for_superuser_form(theirs))
    data["title_en"] = "Taken over"
    assert client.post(change_url(theirs), data).status_code == 403
    theirs.refresh_from_db()
    assert theirs.title_en != "Taken over"


def client_for_superuser_form(workshop: Workshop):
    from django.contrib.auth.models import User

    superuser = User.objects.create_superuser("root", "root@example.org", "pw")
    return client_for(superuser).get(change_url(workshop))


def test_a_coordinator_of_the_workshops_region_changes_it_and_its_needs(place):
    user, _ = coordinator_user(
        "coordinator-b", side="SE", regions=[place["vasterbotten"]]
    )
    client = client_for(user)
    workshop = WorkshopFactory(
        organiser=place["swedish_actor"], regions=[place["vasterbotten"]]
    )
    # A need of the workshop in another region, with no employer: it follows the workshop.
    need = CompetenceNeedFactory(
        workshop=workshop,
        employer=None,
        source_name="x",
        region=place["oulu"],
        source_kind="workshop",
    )
    data = form_data(client.get(change_url(workshop)))
    data[f"{PREFIX}-0-headcount"] = "12"

    assert client.post(change_url(workshop), data).status_code == 302
    need.refresh_from_db()
    assert need.headcount == 12


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_need_from_a_workshop_must_have_its_type_as_source_type(language):
    workshop = WorkshopFactory(kind="survey")
    need = CompetenceNeedFactory(workshop=workshop, source_kind="survey")
    need.source_kind = "workshop"

    with translation.override(language), pytest.raises(ValidationError) as error:
        need.full_clean()
    with translation.override(language):
        assert error.value.message_dict["source_kind"] == [
            gettext(
                "A need from a workshop or survey has its type as the source type: choose “%(kind)s”."
            )
            % {"kind": gettext("Survey")}
        ]
    need.source_kind = "survey"
    need.full_clean()


def test_a_workshop_needs_a_place_or_to_be_online():
    workshop = WorkshopFactory.build(
        place="", is_online=False, organiser=ActorFactory()
    )
    with pytest.raises(ValidationError) as error:
        workshop.full_clean()
    assert error.value.messages == [
        "Give the place of the workshop, or mark it as held online."
    ]
    workshop.is_online = True
    workshop.full_clean()


def test_the_contact_is_not_kept_in_the_workshops_history():
    workshop = WorkshopFactory()
    workshop.contact_name = ""
    workshop.save()

    versions = list(workshop.history.all())
    assert len(versions) == 2
    assert not any(
        hasattr(version, "contact_name") or hasattr(version, "contact_email")
        for version in versions
    )
