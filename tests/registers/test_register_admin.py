"""The admin's "Fetch from a register" page: a Finnish lead coordinator previews Opintopolku's recorded answers,
nothing is written until they apply, and applying writes versions made by them through the national register.
Coordinators, the other side's lead and visitors are refused."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from batteryregion.records import ChangeChannel
from coordinators.models import Coordinator
from programmes.models import Programme
from tests.registers.opintopolku_world import (
    FIXTURES,
    PROCESS,
    OpintopolkuWorld,
    build_world,
    only_fixture_keywords,
)

URL = "/admin/programmes/programme/register/"


@pytest.fixture
def world(db, settings, monkeypatch) -> OpintopolkuWorld:
    settings.REGISTER_RESPONSES_DIR = str(FIXTURES)
    only_fixture_keywords(monkeypatch)
    return build_world()


def client_for(user: User, **kwargs: object) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def test_a_lead_coordinator_previews_then_applies_with_their_name_in_the_history(
    world, lead_coordinator_client, lead_coordinator
):
    page = lead_coordinator_client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<label for="id_register">Register:</label>' in html
    assert "<h1>Fetch programmes from a national register</h1>" in html

    before = Programme.objects.count()
    preview = lead_coordinator_client.post(
        URL, {"register": "opintopolku", "step": "preview"}
    )
    html = preview.content.decode()
    assert preview.status_code == 200
    assert Programme.objects.count() == before
    assert "<caption>New programmes (drafts) (2)</caption>" in html
    assert "<caption>Problems (3)</caption>" in html
    assert (
        "<caption>Discontinuation candidates: no longer listed by the register (1)</caption>"
        in html
    )
    assert '<th scope="col">Provider</th>' in html
    assert 'name="step" value="apply"' in html

    applied = lead_coordinator_client.post(
        URL, {"register": "opintopolku", "step": "apply"}
    )
    assert applied.status_code == 200
    process = Programme.objects.get(opintopolku_oid=PROCESS)
    version = process.history.get()
    assert (version.history_user, version.history_channel) == (
        lead_coordinator,
        ChangeChannel.REGISTER,
    )
    assert process.state == "draft"
    said = [str(message) for message in applied.context["messages"]]
    assert said == [
        "Opintopolku was read and applied: 2 new, 0 changed, 0 unchanged, 0 conflicts, 3 problems, 1 discontinuation candidates."
    ]


def test_the_programmes_list_links_the_page_for_those_who_may_and_filters_the_candidates(
    world, lead_coordinator_client, coordinator_client
):
    assert (
        URL
        in lead_coordinator_client.get("/admin/programmes/programme/").content.decode()
    )
    assert (
        URL
        not in coordinator_client.get("/admin/programmes/programme/").content.decode()
    )
    lead_coordinator_client.post(URL, {"register": "opintopolku", "step": "apply"})
    listed = lead_coordinator_client.get(
        "/admin/programmes/programme/", {"register_listing": "missing", "scope": "all"}
    )
    assert listed.status_code == 200
    assert [p.slug for p in listed.context["cl"].result_list] == ["old-battery-course"]


@pytest.mark.parametrize("step", ["preview", "apply"])
def test_coordinators_and_the_other_sides_lead_are_refused(
    world, coordinator_client, step
):
    swedish_lead = User.objects.create_user("lead-se", password="pw", is_staff=True)
    from batteryregion.services import coordinator_groups_sync

    coordinator_groups_sync(
        Coordinator.objects.create(
            user=swedish_lead, side="SE", role=Coordinator.Role.LEAD
        )
    )
    before = Programme.history.count()
    assert coordinator_client.get(URL).status_code == 403
    assert (
        coordinator_client.post(
            URL, {"register": "opintopolku", "step": step}
        ).status_code
        == 403
    )
    # The Swedish lead is offered the Swedish registers only (none until their modules are installed).
    swedish = client_for(swedish_lead)
    page = swedish.get(URL)
    assert page.status_code == 403 or 'value="opintopolku"' not in page.content.decode()
    assert swedish.post(URL, {"register": "opintopolku", "step": step}).status_code in (
        400,
        403,
    )
    assert Client().get(URL).status_code == 302  # to the login page
    assert Programme.history.count() == before


def test_a_post_without_the_csrf_token_writes_nothing(world, lead_coordinator):
    client = client_for(lead_coordinator, enforce_csrf_checks=True)
    before = Programme.history.count()
    assert (
        client.post(URL, {"register": "opintopolku", "step": "apply"}).status_code
        == 403
    )
    assert Programme.history.count() == before


def test_an_unknown_register_is_a_form_error(world, admin_client):
    response = admin_client.post(URL, {"register": "nowhere", "step": "preview"})
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()


def test_a_lead_coordinator_may_fetch_for_chosen_providers_only(
    world, lead_coordinator_client
):
    page = lead_coordinator_client.get(URL).content.decode()
    assert '<label for="id_providers">Only these providers:</label>' in page
    assert 'value="oulu-college"' in page
    preview = lead_coordinator_client.post(
        URL,
        {"register": "opintopolku", "step": "preview", "providers": ["oulu-college"]},
    )
    html = preview.content.decode()
    assert "<caption>New programmes (drafts) (2)</caption>" in html
    assert '<input type="hidden" name="providers" value="oulu-college">' in html
    lead_coordinator_client.post(
        URL, {"register": "opintopolku", "step": "apply", "providers": ["oulu-college"]}
    )
    assert Programme.objects.filter(opintopolku_oid=PROCESS).exists()


def test_a_provider_without_an_identifier_in_the_register_is_said_and_nothing_written(
    world, lead_coordinator_client
):
    from tests.factories import ActorFactory, SiteFactory

    SiteFactory(
        actor=ActorFactory(
            slug="swedish-school", country="SE", organisation_number="556012-5790"
        )
    )
    before = Programme.history.count()
    response = lead_coordinator_client.post(
        URL,
        {"register": "opintopolku", "step": "apply", "providers": ["swedish-school"]},
    )
    assert response.status_code == 200
    said = [str(message) for message in response.context["messages"]]
    assert said == [
        "No provider with a site on the map and an identifier in Opintopolku is named swedish-school."
    ]
    assert Programme.history.count() == before
