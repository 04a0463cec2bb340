"""Snapshots in the admin: a coordinator takes one with "Take a snapshot now" (titles optional), a lead corrects a
title, nobody changes the content; who may do what is in the permission matrix (tests/coordinators)."""

import pytest

from gaps.snapshots.models import Snapshot
from gaps.snapshots.services import snapshot_take
from tests.coordinators.world import coordinator_user

pytestmark = pytest.mark.django_db

TITLES = {"title_fi": "", "title_sv": "", "title_en": ""}


@pytest.fixture
def coordinator(client):
    user, _record = coordinator_user("coordinator", side="FI")
    client.force_login(user)
    return user


def test_a_coordinator_takes_a_snapshot_now_from_the_admin(
    client, coordinator, small_map
):
    listed = client.get("/admin/gaps/snapshot/").content.decode()
    assert (
        'href="/admin/gaps/snapshot/add/" class="addlink">Take a snapshot now</a>'
        in listed
    )
    assert (
        "Take a snapshot now"
        in client.get("/admin/gaps/snapshot/add/").content.decode()
    )

    response = client.post(
        "/admin/gaps/snapshot/add/", {**TITLES, "title_sv": "Rapport till styrgruppen"}
    )

    assert response.status_code == 302
    snapshot = Snapshot.objects.get()
    assert snapshot.taken_by == coordinator
    assert snapshot.title_sv == "Rapport till styrgruppen"
    assert snapshot.title_en.startswith("Battery Region map, ")
    assert snapshot.counts["programmes_running"] == 3
    assert snapshot.history.count() == 1


def test_the_public_list_offers_coordinators_to_take_one(client, coordinator):
    html = client.get("/en/gaps/snapshots/").content.decode()
    assert 'href="/admin/gaps/snapshot/add/">Take a snapshot now</a>' in html
    client.logout()
    assert (
        "Take a snapshot now" not in client.get("/en/gaps/snapshots/").content.decode()
    )


def test_the_snapshot_opens_read_only_with_its_counts_and_public_links(
    client, coordinator, small_map
):
    snapshot = snapshot_take()

    html = client.get(f"/admin/gaps/snapshot/{snapshot.pk}/change/").content.decode()

    assert 'name="_save"' not in html
    assert f'href="/en/gaps/snapshots/{snapshot.slug}/"' in html
    assert f'href="/en/gaps/snapshots/{snapshot.slug}/bundle.json"' in html
    assert "Programmes running: 3" in html and "the scheduled command" in html
    assert snapshot.sha256 in html


def test_a_lead_corrects_a_title_and_nothing_else(client, small_map):
    lead, _record = coordinator_user("lead", side="SE", role="lead")
    client.force_login(lead)
    snapshot = snapshot_take()

    response = client.post(
        f"/admin/gaps/snapshot/{snapshot.pk}/change/",
        {
            "title_fi": "Maaliskuun raportti",
            "title_sv": snapshot.title_sv,
            "title_en": snapshot.title_en,
            "taken_on": "2001-01-01",
            "data_version": "999",
        },
    )

    assert response.status_code == 302
    stored = Snapshot.objects.get(pk=snapshot.pk)
    assert stored.title_fi == "Maaliskuun raportti"
    assert (stored.taken_on, stored.data_version, stored.sha256, stored.figures) == (
        snapshot.taken_on,
        snapshot.data_version,
        snapshot.sha256,
        snapshot.figures,
    )
