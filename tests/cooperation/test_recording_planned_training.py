"""Recording planned training from an action: the action's page offers "Record planned training for this action" to
those who may add programmes; the link opens the programme's add form filled from the action (proposed, expected to
start when the action does, its lead provider, what it concerns), and the saved programme is linked to the action
when the coordinator may change that action."""

import datetime
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from gaps.cooperation.models import Action
from programmes.models import Programme
from tests.cooperation.conftest import coordinator_of
from tests.coordinators.world import form_data
from tests.factories import ActionFactory, ActionParticipantFactory, ActorFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(
    r'<a class="action-start" href="(/admin/programmes/programme/add/\?[^"]*)">Record planned training for this action</a>'
)


@pytest.fixture
def action(data):
    action = ActionFactory(
        slug="cell-operators",
        kind="new_training",
        title_en="Cell operator training",
        visibility="public",
        starts_on=datetime.date(2027, 8, 16),
    )
    action.segments.add(data["cells"])
    action.occupations.add(data["operator"])
    ActionParticipantFactory(
        action=action,
        actor=ActorFactory(slug="employer", kind="employer", country="FI"),
        role="lead",
    )
    ActionParticipantFactory(
        action=action,
        actor=ActorFactory(slug="college", kind="provider", country="FI"),
        role="lead",
    )
    return action


def link_of(client: Client) -> str | None:
    found = LINK.findall(client.get("/en/cooperation/cell-operators/").content.decode())
    return unescape(found[0]) if found else None


def test_only_those_who_may_add_programmes_are_offered_the_link(action, viewers):
    assert link_of(viewers["anonymous"]) is None
    assert link_of(viewers["partner"]) is None
    # A coordinator with no organisation or region yet changes nothing, so adds no programme either.
    assert link_of(viewers["coordinator"]) is None
    assert link_of(viewers["lead"]) is not None
    college = ActorFactory(slug="own-college", kind="provider", country="FI")
    scoped = Client()
    scoped.force_login(coordinator_of("fi-org", organisations=[college]))
    assert link_of(scoped) is not None


def test_the_add_form_is_filled_from_the_action(action, data, viewers):
    address = link_of(viewers["lead"])
    query = parse_qs(urlsplit(address).query)
    assert query["availability"] == ["proposed"]
    assert query["expected_start"] == ["2027-08-16"]
    assert query["name_en"] == ["Cell operator training"]
    assert query["for_action"] == ["cell-operators"]
    # The lead that is an education provider, not the lead employer.
    assert query["provider"] == [
        str(action.participants.get(actor__slug="college").actor_id)
    ]
    assert query["segments"] == [str(data["cells"].pk)]
    assert query["occupations"] == [str(data["operator"].pk)]
    form = viewers["lead"].get(address).context["adminform"].form
    assert form["availability"].value() == "proposed"
    assert str(form["expected_start"].value()) == "2027-08-16"


def add_from(client: Client, address: str, slug: str):
    data = form_data(client.get(address))
    data.update(
        slug=slug,
        kind="vocational",
        source_url="https://example.org/cells",
        state="published",
    )
    data["name_en"] = "Cell operator training"
    return client.post(address, data, follow=True)


def test_the_saved_programme_is_linked_to_the_action(action, viewers):
    response = add_from(
        viewers["lead"], link_of(viewers["lead"]), "cell-operators-vaasa"
    )

    programme = Programme.objects.get(slug="cell-operators-vaasa")
    assert programme.availability == "proposed"
    assert list(action.programmes.all()) == [programme]
    assert "The programme is linked to the action" in response.content.decode()
    page = viewers["anonymous"].get("/en/cooperation/cell-operators/").content.decode()
    assert "cell-operators-vaasa" in page
    assert "availability-proposed" in page


def test_a_coordinator_who_may_not_change_the_action_gets_the_programme_unlinked(
    action, viewers
):
    address = link_of(viewers["lead"])
    # A Swedish organisation's coordinator may add its own programmes but not change this Finnish action.
    swedish = ActorFactory(slug="swedish-college", kind="provider", country="SE")
    user = coordinator_of("se-org", side="SE", organisations=[swedish])
    client = Client()
    client.force_login(user)
    address = address.replace(
        f"provider={action.participants.get(actor__slug='college').actor_id}",
        f"provider={swedish.pk}",
    )

    response = add_from(client, address, "swedish-cells")

    assert Programme.objects.filter(slug="swedish-cells").exists()
    assert not Action.objects.get(slug="cell-operators").programmes.exists()
    assert "The programme was not linked to an action" in response.content.decode()
