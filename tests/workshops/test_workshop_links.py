"""The way from a need to the workshop that found it: "From: <workshop>" on the pages that list needs (an actor's
needs, the drill-down of the gap analysis, a cooperation action), only when the visitor may see the workshop; and
an actor's page listing the workshops it organised or took part in that the visitor may see. Never the contact."""

import pytest
from django.test import Client

from skills.models import CompetenceNeed
from tests.factories import (
    ActionFactory,
    ActorFactory,
    CompetenceNeedFactory,
    OccupationFactory,
    RegionFactory,
    WorkshopFactory,
)
from tests.gaps.conftest import data  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

CONTACT_NAME = "Maija Meikäläinen"
CONTACT_EMAIL = "maija.meikalainen@example.org"
OPEN_LINK = (
    '<a href="/en/workshops/open-day/">From: <span lang="en">Open workshop</span></a>'
)
CLOSED_LINK = '<a href="/en/workshops/closed-day/">From: <span lang="en">Closed workshop</span></a>'


@pytest.fixture
def employer():
    return ActorFactory(slug="cell-company", kind="employer", name_en="Cell Company")


@pytest.fixture
def workshops(employer):
    """A workshop with a public summary that the employer organised, and one without that it took part in."""
    return {
        "open": WorkshopFactory(
            slug="open-day", title_en="Open workshop", organiser=employer
        ),
        "closed": WorkshopFactory(
            slug="closed-day",
            title_en="Closed workshop",
            is_summary_public=False,
            participants=[employer],
        ),
    }


@pytest.fixture
def needs(employer, workshops):
    """A need of the employer from each workshop, one from no workshop; one occupation, one region."""
    occupation = OccupationFactory(slug="cell-operator", label_en="Cell operator")
    region = RegionFactory(code="FI1D9", code_2024="FI1D9")
    made = {
        name: CompetenceNeedFactory(
            slug=f"{name}-need",
            employer=employer,
            occupation=occupation,
            region=region,
            workshop=workshop,
            source_kind="workshop",
        )
        for name, workshop in workshops.items()
    }
    made["plain"] = CompetenceNeedFactory(
        slug="plain-need", employer=employer, occupation=occupation, region=region
    )
    return made


def visitors(client, partner, coordinator_client) -> dict[str, Client]:
    partner_client = Client()
    partner_client.force_login(partner)
    return {
        "anonymous": client,
        "partner": partner_client,
        "coordinator": coordinator_client,
    }


def assert_no_contact(html: str) -> None:
    assert CONTACT_NAME not in html
    assert CONTACT_EMAIL not in html


@pytest.mark.parametrize(
    "address",
    ["/en/actors/cell-company/", "/en/gaps/occupation/cell-operator/"],
    ids=["actor page", "drill-down"],
)
def test_a_need_links_to_its_workshop_when_the_visitor_may_see_the_workshop(
    client, partner, coordinator_client, needs, address
):
    for name, visitor in visitors(client, partner, coordinator_client).items():
        html = visitor.get(address).content.decode()

        assert html.count(OPEN_LINK) == 1, name
        # Only coordinators see a workshop without a public summary, and so its link.
        assert html.count(CLOSED_LINK) == (1 if name == "coordinator" else 0), name
        assert html.count("From: ") == (2 if name == "coordinator" else 1), name
        assert_no_contact(html)


def test_a_cooperation_actions_needs_link_to_their_workshops(client, needs):
    action = ActionFactory(slug="joint-cells")
    action.needs.set(needs.values())

    html = client.get("/en/cooperation/joint-cells/").content.decode()

    assert html.count(OPEN_LINK) == 1
    assert CLOSED_LINK not in html
    assert_no_contact(html)


def test_the_actor_page_lists_the_workshops_it_organised_or_took_part_in_that_the_visitor_may_see(
    client, partner, coordinator_client, employer, workshops
):
    WorkshopFactory(slug="other-day", title_en="Someone else's workshop")
    # Organiser and participant at once: listed once.
    workshops["open"].participants.add(employer)

    for name, visitor in visitors(client, partner, coordinator_client).items():
        html = visitor.get("/en/actors/cell-company/").content.decode()

        assert '<h2 id="workshops-title">Workshops and surveys</h2>' in html, name
        assert html.count('href="/en/workshops/open-day/"') == 1, name
        assert html.count('href="/en/workshops/closed-day/"') == (
            1 if name == "coordinator" else 0
        ), name
        assert "other-day" not in html
        assert_no_contact(html)


def test_an_actor_without_workshops_the_visitor_may_see_has_no_workshop_section(
    client, workshops
):
    workshops["open"].delete()

    html = client.get("/en/actors/cell-company/").content.decode()

    assert "workshops-title" not in html


def test_the_dashboards_needs_met_across_the_border_link_to_their_workshop(
    client,
    coordinator_client,
    data,  # noqa: F811
):
    need = CompetenceNeed.objects.get(slug="vbotten-recycling")
    workshop = WorkshopFactory(
        slug="recycling-day", title_en="Recycling day", is_summary_public=False
    )
    CompetenceNeed.objects.filter(pk=need.pk).update(
        workshop=workshop, source_kind="workshop"
    )
    link = '<a href="/en/workshops/recycling-day/">From: <span lang="en">Recycling day</span></a>'

    # Not public: only coordinators see the workshop, and so the link.
    assert link not in client.get("/en/gaps/").content.decode()
    assert link in coordinator_client.get("/en/gaps/").content.decode()
    workshop.is_summary_public = True
    workshop.save()
    html = client.get("/en/gaps/").content.decode()
    assert link in html
    assert_no_contact(html)
