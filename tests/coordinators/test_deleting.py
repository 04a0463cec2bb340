"""Records that others refer to are never deleted by cascade: the delete is refused with the list of what refers to
them, and programmes, actors and needs are discontinued instead."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from batteryregion.records import PublicationState
from coordinators.selectors import referring_records
from programmes.models import EntryRequirement, Intake, Offering, Programme
from skills.models import Actor, OccupationSkill, Segment, Site
from tests.coordinators.world import coordinator_user
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    EntryRequirementFactory,
    IntakeFactory,
    OccupationFactory,
    OfferingFactory,
    ProgrammeFactory,
    RegionFactory,
    SegmentFactory,
    SiteFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(db) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw"))
    return client


def test_referring_records_are_what_a_delete_would_cascade_to_protect_or_unlink():
    provider = ActorFactory()
    programme = ProgrammeFactory(provider=provider)
    successor = ProgrammeFactory(provider=provider)
    programme.successor = successor
    programme.save()
    need = CompetenceNeedFactory(employer=provider)
    site = SiteFactory(actor=provider)
    OfferingFactory(programme=successor, site=site)

    assert set(referring_records([provider])) == {programme, successor, need}
    # Its offerings, intakes and entry requirements are part of a programme; its predecessor refers to it.
    assert set(referring_records([successor])) == {programme}


def test_links_and_parts_stand_for_the_record_that_owns_them():
    skill = SkillFactory()
    occupation = OccupationFactory()
    OccupationSkill.objects.create(occupation=occupation, skill=skill)
    programme = ProgrammeFactory()
    programme.skills.add(skill)
    assert set(referring_records([skill])) == {occupation, programme}
    # An occupation's own skill links go with it.
    assert referring_records([occupation]) == []


def test_a_programme_nothing_refers_to_is_deleted_with_its_parts(superuser_client):
    programme = ProgrammeFactory()
    OfferingFactory(programme=programme)
    IntakeFactory(programme=programme)
    EntryRequirementFactory(programme=programme)
    programme.segments.set([SegmentFactory()])
    url = f"/admin/programmes/programme/{programme.pk}/delete/"

    assert "referring-records" not in superuser_client.get(url).content.decode()
    assert superuser_client.post(url, {"post": "yes"}).status_code == 302

    assert not Programme.objects.exists()
    assert not Offering.objects.exists()
    assert not Intake.objects.exists()
    assert not EntryRequirement.objects.exists()
    assert Segment.objects.count() == 1


def test_deleting_an_actor_is_refused_with_what_refers_to_it_and_offers_to_discontinue(
    superuser_client,
):
    actor = ActorFactory(name_en="Northvolt Ett")
    programme = ProgrammeFactory(provider=actor, name_en="Cell production operator")
    need = CompetenceNeedFactory(employer=actor)
    url = f"/admin/skills/actor/{actor.pk}/delete/"

    page = superuser_client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    referring = re.search(r'<ul[^>]*class="referring-records">(.*?)</ul>', html, re.S).group(1)  # fmt: skip
    assert f'href="/admin/programmes/programme/{programme.pk}/change/"' in referring
    assert "Cell production operator" in referring
    assert f'href="/admin/skills/competenceneed/{need.pk}/change/"' in referring
    assert 'value="discontinue_selected"' in html

    refused = superuser_client.post(url, {"post": "yes"})
    assert refused.status_code == 200
    assert Actor.objects.filter(pk=actor.pk).exists()
    assert Programme.objects.filter(pk=programme.pk).exists()

    # The page's own form: discontinue instead.
    action = re.search(r'<form method="post" action="([^"]+)"', html).group(1)
    response = superuser_client.post(
        action.replace("&amp;", "&"),
        {"action": "discontinue_selected", "_selected_action": actor.pk, "index": 0},
    )
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.state == PublicationState.DISCONTINUED
    assert actor.ended_on == timezone.localdate()
    assert actor.history.first().history_channel == "admin"


def test_a_site_with_offerings_is_not_deleted_and_cannot_be_discontinued(
    superuser_client,
):
    offering = OfferingFactory()
    html = superuser_client.get(
        f"/admin/skills/site/{offering.site.pk}/delete/"
    ).content.decode()
    assert "referring-records" in html
    assert f'href="/admin/programmes/programme/{offering.programme.pk}/change/"' in html
    assert "discontinue_selected" not in html
    assert "Change or remove those references first" in html


def test_an_actor_whose_sites_nothing_refers_to_is_deleted_with_them(
    superuser_client,
):
    actor = ActorFactory()
    SiteFactory(actor=actor)
    response = superuser_client.post(
        f"/admin/skills/actor/{actor.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Actor.objects.exists()
    assert not Site.objects.exists()


def test_vocabulary_in_use_is_not_deleted_even_by_a_superuser(superuser_client):
    segment = SegmentFactory(name_en="Recycling")
    programme = ProgrammeFactory(segments=[segment])
    region = RegionFactory(code="SE331", country="SE")
    _user, coordinator = coordinator_user("skelleftea", side="SE", regions=[region])

    for url, referrer in [
        (
            f"/admin/skills/segment/{segment.pk}/delete/",
            f"/admin/programmes/programme/{programme.pk}/change/",
        ),  # fmt: skip
        (
            f"/admin/skills/region/{region.pk}/delete/",
            f"/admin/coordinators/coordinator/{coordinator.pk}/change/",
        ),  # fmt: skip
    ]:
        html = superuser_client.post(url, {"post": "yes"}).content.decode()
        assert "referring-records" in html
        assert referrer in html
    assert programme.segments.get() == segment


def test_bulk_delete_is_refused_for_records_others_refer_to(superuser_client):
    in_use, unused = SegmentFactory(), SegmentFactory()
    ProgrammeFactory(segments=[in_use])
    response = superuser_client.post(
        "/admin/skills/segment/",
        {
            "action": "delete_selected",
            "_selected_action": [in_use.pk, unused.pk],
            "index": 0,
            "post": "yes",
        },
    )
    assert response.status_code == 200
    assert "referring-records" in response.content.decode()
    assert Segment.objects.count() == 2

    superuser_client.post(
        "/admin/skills/segment/",
        {
            "action": "delete_selected",
            "_selected_action": [unused.pk],
            "index": 0,
            "post": "yes",
        },  # fmt: skip
    )
    assert list(Segment.objects.all()) == [in_use]


def test_bulk_delete_of_programmes_offers_to_discontinue_them(superuser_client):
    provider = ActorFactory()
    old, new = ProgrammeFactory(provider=provider), ProgrammeFactory(provider=provider)
    old.successor = new
    old.save()
    html = superuser_client.post(
        "/admin/programmes/programme/?scope=all",
        {"action": "delete_selected", "_selected_action": [new.pk], "index": 0},
    ).content.decode()
    assert "referring-records" in html
    assert 'value="discontinue_selected"' in html


def test_a_coordinator_discontinues_only_records_they_may_change(db):
    mine = ActorFactory()
    user, _coordinator = coordinator_user("osao", side="FI", organisations=[mine])
    programme, other = ProgrammeFactory(provider=mine), ProgrammeFactory()
    client = Client()
    client.force_login(user)

    refused = client.post(
        "/admin/programmes/programme/?scope=all",
        {
            "action": "discontinue_selected",
            "_selected_action": [programme.pk, other.pk],
            "index": 0,
        },  # fmt: skip
    )
    assert refused.status_code == 403
    assert not Programme.objects.filter(state=PublicationState.DISCONTINUED).exists()

    client.post(
        "/admin/programmes/programme/",
        {
            "action": "discontinue_selected",
            "_selected_action": [programme.pk],
            "index": 0,
        },  # fmt: skip
    )
    programme.refresh_from_db()
    other.refresh_from_db()
    assert programme.state == PublicationState.DISCONTINUED
    assert other.state == PublicationState.PUBLISHED
