"""Each record's history in the admin: who, when, through what, and the old and new values."""

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from batteryregion.records import ChangeChannel, changes_through
from programmes.models import Programme
from skills.models import CompetenceNeed, Occupation
from tests.factories import (
    CompetenceNeedFactory,
    OfferingFactory,
    ProgrammeFactory,
    SegmentFactory,
    SkillFactory,
)
from tests.history.conftest import form_data

pytestmark = pytest.mark.django_db


def edit_programme(client: Client, programme: Programme, **changes) -> None:
    url = f"/admin/programmes/programme/{programme.pk}/change/"
    data = form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]


def test_an_admin_edit_is_one_version_with_its_user_channel_and_old_and_new_values(
    admin_client,
):
    programme = ProgrammeFactory(name_fi="Akkukemia", places_per_year=20)
    kept = SkillFactory(label_en="Soldering")
    programme.skills.add(kept)
    added = SkillFactory(label_en="Cell assembly")
    versions_before = programme.history.count()

    edit_programme(
        admin_client,
        programme,
        name_fi="Akkukemia ja kierrätys",
        places_per_year="35",
        skills=[kept.pk, added.pk],
    )

    assert programme.history.count() == versions_before + 1
    version = programme.history.first()
    assert version.history_channel == ChangeChannel.ADMIN
    assert version.history_user.username == "root"
    assert set(version.skills.values_list("skill_id", flat=True)) == {kept.pk, added.pk}
    html = admin_client.get(
        f"/admin/programmes/programme/{programme.pk}/history/"
    ).content.decode()
    assert "Riikka Root" in html
    assert "Admin" in html
    assert "Name [fi]" in html
    assert "Akkukemia ja kierrätys" in html
    assert "Places per year" in html and ">20<" in html and ">35<" in html
    assert "Skills taught" in html
    assert ">Soldering<" in html
    assert "Cell assembly, Soldering" in html


def test_adding_a_record_with_links_makes_one_version_that_holds_them(admin_client):
    segment = SegmentFactory()
    url = "/admin/skills/occupation/add/"
    data = form_data(admin_client.get(url))
    data.update(
        slug="cell-operator",
        label_en="Cell production operator",
        is_local="on",
        segments=[segment.pk],
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    version = Occupation.objects.get(slug="cell-operator").history.get()
    assert version.history_type == "+"
    assert list(version.segments.values_list("segment_id", flat=True)) == [segment.pk]


def test_a_version_made_by_the_loader_shows_the_loader_as_its_maker(admin_client):
    with changes_through(ChangeChannel.LOADER):
        programme = ProgrammeFactory()

    html = admin_client.get(
        f"/admin/programmes/programme/{programme.pk}/history/"
    ).content.decode()

    assert programme.history.get().history_channel == ChangeChannel.LOADER
    assert html.count("Bundled-data loader") == 2  # who made it, and through what


def test_the_history_page_lists_the_versions_of_the_records_edited_with_it(
    admin_client,
):
    offering = OfferingFactory(places=12)
    offering.places = 18
    offering.save()

    html = admin_client.get(
        f"/admin/programmes/programme/{offering.programme.pk}/history/"
    ).content.decode()

    assert "entry requirements, offerings, intakes" in html
    assert f'id="offering-{offering.history.first().pk}"' in html
    assert "Offering: " in html
    assert ">12<" in html and ">18<" in html


def test_the_history_page_does_the_same_queries_for_3_and_40_versions(
    admin_client,
):
    programme = ProgrammeFactory()
    skills = SkillFactory.create_batch(20)

    def queries() -> int:
        url = f"/admin/programmes/programme/{programme.pk}/history/"
        with CaptureQueriesContext(connection) as context:
            assert admin_client.get(url).status_code == 200
        return len(context.captured_queries)

    programme.skills.add(skills[0])
    programme.places_per_year = 21
    programme.save()
    assert programme.history.count() == 3
    queries()  # Django caches the user model's content type on the first visit
    few = queries()
    for number, skill in enumerate(skills[1:], start=22):
        programme.skills.add(skill)
        programme.places_per_year = number
        programme.save()
    assert programme.history.count() == 41
    # session, user, the record (twice: ours and simple-history's), count, page, the links of its five link fields,
    # and one per kind of record edited with it (entry requirements, offerings, intakes)
    assert queries() == few == 14

    for number, skill in enumerate(SkillFactory.create_batch(11), start=50):
        programme.skills.add(skill)
        programme.places_per_year = number
        programme.save()
    # The oldest version of the first page is compared with the newest of the second: one query more.
    assert queries() == 15
    response = admin_client.get(f"/admin/programmes/programme/{programme.pk}/history/")
    oldest_shown = response.context["page_obj"][-1]
    assert oldest_shown.field_changes[0].field in {"Places per year", "Skills taught"}


def test_a_record_hidden_from_a_coordinator_has_no_history_for_them(db):
    need = CompetenceNeedFactory(visibility=CompetenceNeed.Visibility.COORDINATORS)
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_competenceneed"))
    client = Client()
    client.force_login(viewer)

    assert (
        client.get(f"/admin/skills/competenceneed/{need.pk}/history/").status_code
        == 404
    )
    version = need.history.first().pk
    assert (
        client.get(
            f"/admin/skills/competenceneed/{need.pk}/history/{version}/"
        ).status_code
        == 404
    )


def test_a_deleted_records_history_stays_readable_for_those_who_read_the_change_log(
    admin_client, coordinator
):
    skill = SkillFactory(label_en="Slurry mixing")
    pk = skill.pk
    skill.delete()
    url = f"/admin/skills/skill/{pk}/history/"

    html = admin_client.get(url).content.decode()

    assert "This record has been deleted" in html
    assert "Deleted" in html and "Slurry mixing" in html
    assert "Restore this version" not in html
    plain = Client()
    plain.force_login(coordinator)
    assert plain.get(url).status_code == 404
