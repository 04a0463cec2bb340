"""The change log across all records (/admin/history/), for lead coordinators and superusers."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from batteryregion.records import ChangeChannel, changes_through
from coordinators.models import Coordinator
from programmes.models import Programme
from skills.models import CompetenceNeed, Skill
from tests.factories import CompetenceNeedFactory, ProgrammeFactory, SkillFactory

pytestmark = pytest.mark.django_db

LOG = "/admin/history/"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rows(response) -> list:
    assert response.status_code == 200
    return response.context["rows"]


@pytest.fixture
def changes(superuser) -> dict:
    """A programme and a skill from the loader, the programme then edited by the superuser, a need from the shell."""
    with changes_through(ChangeChannel.LOADER):
        programme = ProgrammeFactory(name_en="Cell production operator")
        skill = SkillFactory(label_en="Electrolyte handling")
    programme._history_user = superuser
    programme.places_per_year = 40
    with changes_through(ChangeChannel.ADMIN):
        programme.save()
    need = CompetenceNeedFactory()
    return {"programme": programme, "skill": skill, "need": need}


def test_the_log_lists_the_newest_versions_across_all_kinds_of_records(
    admin_client, changes
):
    log = rows(admin_client.get(LOG))

    titles = [row.title for row in log]
    assert titles[0] == str(changes["need"].slug)
    assert "Cell production operator" in titles
    assert "Electrolyte handling" in titles
    assert {row.kind for row in log} >= {
        "Programme",
        "Skill",
        "Competence need",
        "Actor",
    }
    edit = next(row for row in log if row.who == "Riikka Root")
    assert (edit.title, edit.action, edit.channel) == (
        "Cell production operator",
        "Changed",
        "Admin",
    )
    programme = changes["programme"]
    version = programme.history.first().pk
    assert (
        edit.url
        == f"/admin/programmes/programme/{programme.pk}/history/#version-{version}"
    )


def test_the_log_filters_by_kind_of_record_channel_user_record_and_dates(
    admin_client, superuser, changes
):
    def titles(query: str) -> set[str]:
        return {row.title for row in rows(admin_client.get(f"{LOG}?{query}"))}

    programme = changes["programme"]
    assert titles("model=skills.skill") == {"Electrolyte handling"}
    assert titles("channel=loader") >= {
        "Cell production operator",
        "Electrolyte handling",
    }
    assert changes["need"].slug not in titles("channel=loader")
    assert titles(f"user={superuser.pk}") == {"Cell production operator"}
    assert titles(f"model=programmes.programme&record={programme.pk}") == {
        "Cell production operator"
    }
    today = timezone.localdate()
    assert "Electrolyte handling" in titles(f"since={today}&until={today}")
    assert titles(f"until={today - datetime.timedelta(days=1)}") == set()
    assert titles(f"since={today + datetime.timedelta(days=1)}") == set()


def test_a_filter_that_makes_no_sense_is_refused_with_a_reason(admin_client):
    response = admin_client.get(f"{LOG}?record=3")
    assert response.status_code == 400
    assert "Choose the kind of record" in response.content.decode()
    assert admin_client.get(f"{LOG}?since=2026-13-01").status_code == 400
    assert (
        admin_client.get(f"{LOG}?since=2026-05-02&until=2026-05-01").status_code == 400
    )
    assert admin_client.get(f"{LOG}?model=auth.user").status_code == 400
    assert admin_client.get(f"{LOG}?page=99").status_code == 404


def test_the_log_is_for_lead_coordinators_and_superusers_only(
    coordinator, superuser, changes
):
    assert logged_in(coordinator).get(LOG).status_code == 403
    assert (
        "/admin/history/" not in logged_in(coordinator).get("/admin/").content.decode()
    )
    assert Client().get(LOG).status_code == 302  # to the login page

    Coordinator.objects.update_or_create(
        user=coordinator, defaults={"role": Coordinator.Role.LEAD, "side": "FI"}
    )
    assert rows(logged_in(coordinator).get(LOG))
    assert "/admin/history/" in logged_in(coordinator).get("/admin/").content.decode()
    assert "/admin/history/" in logged_in(superuser).get("/admin/").content.decode()


def test_a_lead_who_may_not_see_confidential_needs_does_not_see_their_versions(db):
    CompetenceNeedFactory(slug="open-need")
    CompetenceNeedFactory(
        slug="workshop-need", visibility=CompetenceNeed.Visibility.COORDINATORS
    )
    lead = User.objects.create_user("lead", password="pw", is_staff=True)
    Coordinator.objects.create(user=lead, role=Coordinator.Role.LEAD, side="SE")

    titles = {
        row.title
        for row in rows(logged_in(lead).get(f"{LOG}?model=skills.competenceneed"))
    }

    assert titles == {"open-need"}


def test_the_log_shows_50_versions_a_page_in_a_fixed_number_of_queries(
    lead_coordinator, django_assert_num_queries
):
    client = logged_in(lead_coordinator)
    SkillFactory()
    # session, user, the lead's coordinator record with its organisations and regions, their permissions (user,
    # groups) for the menu, count, page, users of the filter
    with django_assert_num_queries(10):
        kinds = [row.kind for row in rows(client.get(LOG))]
    assert kinds == [
        "Skill",
        "Coordinator",
    ]  # the skill, and the lead's own coordinator record

    ProgrammeFactory.create_batch(30)
    CompetenceNeedFactory.create_batch(10)
    SkillFactory.create_batch(20)
    with django_assert_num_queries(10):
        response = client.get(LOG)
    first = rows(response)
    assert "Page 1 of " in response.content.decode()
    with django_assert_num_queries(10):
        second = rows(client.get(f"{LOG}?page=2"))
    total = sum(model.history.count() for model in (Programme, Skill, CompetenceNeed))
    assert len(first) == 50
    assert first[0].when >= second[0].when
    assert total > 50
