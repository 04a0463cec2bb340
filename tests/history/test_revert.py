"""Restoring a record to an earlier version from its history."""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from batteryregion.records import ChangeChannel, RecordOrigin
from programmes.models import Programme
from tests.factories import (
    ActorFactory,
    ActorLinkFactory,
    CompetenceNeedFactory,
    EducationLevelFactory,
    LanguageFactory,
    OccupationFactory,
    ProgrammeFactory,
    QualificationTypeFactory,
    RegionFactory,
    SegmentFactory,
    SiteFactory,
    SkillFactory,
)
from tests.history.conftest import form_data
from tests.history.test_record_history import edit_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited_programme(admin_client) -> tuple[Programme, int, list]:
    """A bundled programme edited once in the admin; returns it, its version before the edit, and its skills then."""
    programme = ProgrammeFactory(
        name_fi="Akkukemia", places_per_year=20, origin=RecordOrigin.BUNDLED
    )
    kept = SkillFactory(label_en="Soldering")
    programme.skills.add(kept)
    before = programme.history.first().pk
    added = SkillFactory(label_en="Cell assembly")
    edit_programme(
        admin_client,
        programme,
        name_fi="Akkukemia ja kierrätys",
        places_per_year="35",
        skills=[kept.pk, added.pk],
    )
    return programme, before, [kept.pk]


def revert_url(programme: Programme, version: int) -> str:
    return f"/admin/programmes/programme/{programme.pk}/history/{version}/"


def test_the_revert_form_holds_the_earlier_version_with_its_links_in_language_tabs(
    admin_client, edited_programme
):
    programme, before, skills_before = edited_programme

    response = admin_client.get(revert_url(programme, before))

    form = response.context["adminform"].form
    assert form["name_fi"].value() == "Akkukemia"
    assert form["places_per_year"].value() == 20
    assert form["skills"].value() == skills_before
    html = response.content.decode()
    assert 'name="name_sv"' in html and 'name="name_en"' in html
    assert "tabbed_translation_fields.js" in html
    assert "What restoring this version changes" in html
    names = next(
        c for c in response.context["revert_changes"] if c.field == "Name [fi]"
    )
    assert (names.old, names.new) == ("Akkukemia ja kierrätys", "Akkukemia")
    assert "Restore this version" in html


def test_restoring_a_version_brings_back_its_values_and_links_as_a_new_admin_version(
    admin_client, edited_programme
):
    programme, before, skills_before = edited_programme
    versions = programme.history.count()
    form = admin_client.get(revert_url(programme, before))

    response = admin_client.post(revert_url(programme, before), form_data(form))

    assert response.status_code == 302
    assert (
        response["Location"] == f"/admin/programmes/programme/{programme.pk}/history/"
    )
    programme.refresh_from_db()
    assert programme.name_fi == "Akkukemia"
    assert programme.places_per_year == 20
    assert list(programme.skills.values_list("pk", flat=True)) == skills_before
    assert programme.origin == RecordOrigin.BUNDLED
    assert programme.history.count() == versions + 1
    restore = programme.history.first()
    assert restore.history_channel == ChangeChannel.ADMIN
    assert restore.history_user.username == "root"
    assert restore.history_change_reason.startswith("Restored the version of")
    assert list(restore.skills.values_list("skill_id", flat=True)) == skills_before
    history = admin_client.get(response["Location"]).content.decode()
    assert "Restored the version of" in history
    assert (
        history.count("Akkukemia ja kierrätys") == 2
    )  # set by the edit, undone by the restore


def test_a_coordinator_who_may_not_change_the_record_cannot_restore_a_version(
    edited_programme,
):
    programme, before, _skills = edited_programme
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_programme"))
    client = Client()
    client.force_login(viewer)
    form = client.get(revert_url(programme, before))
    assert form.status_code == 200
    assert "Restore this version" not in form.content.decode()

    response = client.post(revert_url(programme, before), form_data(form))

    assert response.status_code == 403
    programme.refresh_from_db()
    assert programme.name_fi == "Akkukemia ja kierrätys"


def test_a_version_of_another_record_or_a_hidden_record_is_not_found(
    admin_client, edited_programme
):
    programme, before, _skills = edited_programme
    other = ProgrammeFactory()

    assert admin_client.get(revert_url(other, before)).status_code == 404
    assert admin_client.get(revert_url(programme, "x")).status_code == 404
    assert (
        admin_client.get("/admin/programmes/programme/999999/history/").status_code
        == 404
    )


@pytest.mark.parametrize(
    "factory",
    [
        SegmentFactory,
        RegionFactory,
        EducationLevelFactory,
        QualificationTypeFactory,
        LanguageFactory,
        SkillFactory,
        OccupationFactory,
        ActorFactory,
        SiteFactory,
        CompetenceNeedFactory,
        ActorLinkFactory,
        ProgrammeFactory,
    ],
)
def test_every_kind_of_record_can_be_restored_from_its_history(admin_client, factory):
    record = factory()
    first = record.history.first().pk
    record.save()
    opts = record._meta
    history = f"/admin/{opts.app_label}/{opts.model_name}/{record.pk}/history/"
    assert admin_client.get(history).status_code == 200
    form = admin_client.get(f"{history}{first}/")
    assert form.status_code == 200

    response = admin_client.post(f"{history}{first}/", form_data(form))

    assert response.status_code == 302, response.context["errors"]
    assert record.history.count() == 3
