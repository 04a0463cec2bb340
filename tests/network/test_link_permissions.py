"""Who may change a link between actors, beyond the permission matrix (tests/coordinators/): a coordinator's
organisation on either end is enough, a lead changes every link with an actor of their side (a link across the
border is both leads'), regions alone give no links, and a link saved out of one's reach is refused. A change also
raises the data version that the page cache keys on."""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from batteryregion.page_cache import current_version
from batteryregion.services import coordinator_group_ensure
from coordinators import permissions
from skills.models import ActorLink
from tests.coordinators.world import coordinator_user, form_data
from tests.factories import ActorFactory, ActorLinkFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def osao():
    return ActorFactory(slug="osao", country="FI")


@pytest.fixture
def boliden():
    return ActorFactory(slug="boliden", country="SE")


@pytest.fixture
def across(osao, boliden) -> ActorLink:
    """Entered on the Swedish side: Boliden is the actor, OSAO the partner."""
    return ActorLinkFactory(actor=boliden, partner=osao)


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_coordinator_changes_the_links_of_their_organisation_on_either_end(
    osao, boliden, across
):
    user, _ = coordinator_user("osao-coordinator", side="FI", organisations=[osao])
    elsewhere = ActorLinkFactory(actor=boliden, partner=ActorFactory(country="SE"))

    assert permissions.can_add(user, ActorLink)
    assert permissions.can_change(user, ActorLink, across)
    assert not permissions.can_change(user, ActorLink, elsewhere)
    assert permissions.can_delete(user, ActorLink, across)


def test_regions_alone_give_no_links(across):
    user, _ = coordinator_user(
        "region-coordinator", side="FI", regions=[RegionFactory(code="FI1D9")]
    )

    assert not permissions.can_add(user, ActorLink)
    assert not permissions.can_change(user, ActorLink, across)


def test_a_link_across_the_border_is_both_leads_and_a_link_within_one_side_its_leads(
    boliden, across
):
    lead_fi, _ = coordinator_user("lead-fi", side="FI", role="lead")
    lead_se, _ = coordinator_user("lead-se", side="SE", role="lead")
    swedish = ActorLinkFactory(actor=boliden, partner=ActorFactory(country="SE"))

    assert permissions.can_change(lead_fi, ActorLink, across)
    assert permissions.can_change(lead_se, ActorLink, across)
    assert not permissions.can_change(lead_fi, ActorLink, swedish)
    assert permissions.can_change(lead_se, ActorLink, swedish)


def test_staff_without_a_coordinator_record_only_read_links(across):
    user = User.objects.create_user("staff", password="pw", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__endswith="_actorlink")
    )
    client = logged_in(user)

    response = client.get(f"/admin/skills/actorlink/{across.pk}/change/")
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    assert client.get("/admin/skills/actorlink/add/").status_code == 403


def test_the_coordinators_group_carries_the_link_permissions():
    codenames = set(
        coordinator_group_ensure().permissions.values_list("codename", flat=True)
    )

    assert {
        "add_actorlink",
        "change_actorlink",
        "delete_actorlink",
        "view_actorlink",
    } <= codenames


def test_a_coordinator_cannot_move_a_link_away_from_their_organisation(
    osao, boliden, across
):
    user, _ = coordinator_user("osao-coordinator", side="FI", organisations=[osao])
    client = logged_in(user)
    url = f"/admin/skills/actorlink/{across.pk}/change/"
    data = form_data(client.get(url))
    data["partner"] = ActorFactory(country="SE").pk

    response = client.post(url, data)

    assert response.status_code == 200  # the form again, with the error
    across.refresh_from_db()
    assert across.partner == osao


def test_a_coordinator_adds_a_link_from_their_organisations_page(osao, boliden):
    user, _ = coordinator_user("osao-coordinator", side="FI", organisations=[osao])
    client = logged_in(user)
    url = f"/admin/skills/actor/{osao.pk}/change/"
    data = form_data(client.get(url))
    data.update(
        {
            "links-TOTAL_FORMS": "1",
            "links-0-partner": boliden.pk,
            "links-0-kind": ActorLink.Kind.RESEARCH,
            "links-0-state": "published",
            "links-0-source_url": "https://example.org/research",
            "links-0-started_on": "2025-03-01",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 302, (
        response.context["errors"] if response.context else ""
    )
    link = ActorLink.objects.get()
    assert (link.actor, link.partner, link.kind) == (
        osao,
        boliden,
        ActorLink.Kind.RESEARCH,
    )
    assert link.history.count() == 1


def test_the_admin_lists_both_actors_with_countries_and_finds_links_of_an_actor_on_either_side(
    admin_client, osao, boliden, across
):
    other = ActorLinkFactory(
        actor=ActorFactory(country="SE"), partner=ActorFactory(country="SE")
    )

    html = admin_client.get(
        f"/admin/skills/actorlink/?involving={osao.pk}"
    ).content.decode()
    assert f"/admin/skills/actorlink/{across.pk}/change/" in html
    assert f"/admin/skills/actorlink/{other.pk}/change/" not in html
    assert f"{boliden} (SE)" in html and f"{osao} (FI)" in html

    within = admin_client.get("/admin/skills/actorlink/?across=no").content.decode()
    assert f"/admin/skills/actorlink/{other.pk}/change/" in within
    assert f"/admin/skills/actorlink/{across.pk}/change/" not in within

    page = admin_client.get(f"/admin/skills/actor/{osao.pk}/change/").content.decode()
    assert f"/admin/skills/actorlink/?involving={osao.pk}&amp;scope=all" in page


@pytest.mark.django_db(transaction=True)
def test_adding_and_changing_a_link_raises_the_data_version():
    # Outside a transaction each save commits at once, as an admin request's does at its end.
    before = current_version()
    link = ActorLinkFactory()
    added = current_version()
    link.kind = ActorLink.Kind.CLUSTER
    link.save()

    assert before < added < current_version()


def test_an_actors_history_shows_the_versions_of_the_links_entered_on_its_page(
    admin_client, osao, boliden
):
    link = ActorLinkFactory(actor=osao, partner=boliden)
    link.started_on = None
    link.save()

    response = admin_client.get(f"/admin/skills/actor/{osao.pk}/history/")

    assert response.status_code == 200
    assert str(link) in response.content.decode()
    link_history = admin_client.get(f"/admin/skills/actorlink/{link.pk}/history/")
    assert link_history.status_code == 200
