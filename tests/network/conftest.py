"""A small network on both sides of the border, every number of the network page's figures written out by hand.

OSAO (FI, provider, North Ostrobothnia)   —agreement 2022, cells—            Northvolt (SE, employer, Västerbotten)
OSAO                                       —apprenticeship 2024, cells+recycling— Boliden (SE, employer, Västerbotten)
Centria (FI, provider, Central Ostrobothnia) —research, start unknown, no segment— Boliden
OSAO                                       —shared programme 2022, recycling— Centria   (within Finland)
a draft link OSAO — Skellefteå municipality, and a published link to a draft actor: on no page
"""

import datetime
from dataclasses import dataclass

import pytest

from skills.models import Actor, ActorLink, Segment
from tests.factories import (
    ActorFactory,
    ActorLinkFactory,
    RegionFactory,
    SegmentFactory,
    SiteFactory,
)


@dataclass
class Network:
    osao: Actor
    centria: Actor
    northvolt: Actor
    boliden: Actor
    cells: Segment
    recycling: Segment
    agreement: ActorLink
    apprenticeship: ActorLink
    research: ActorLink
    shared: ActorLink


@pytest.fixture
def network(db) -> Network:
    return small_network()


def small_network() -> Network:
    """The network of the module docstring (the API's tests read it too)."""
    north_ostrobothnia = RegionFactory(code="FI1D9")
    central_ostrobothnia = RegionFactory(
        code="FI1D5", code_2024="FI1D5", name_fi="Keski-Pohjanmaa", name_sv="Mellersta Österbotten",
        name_en="Central Ostrobothnia",
    )  # fmt: skip
    vasterbotten = RegionFactory(
        code="SE331", code_2024="SE331", country="SE", name_fi="Västerbotten", name_sv="Västerbotten",
        name_en="Västerbotten",
    )  # fmt: skip
    osao = ActorFactory(
        slug="osao", country="FI", name_fi="OSAO", name_sv="OSAO", name_en="OSAO"
    )
    centria = ActorFactory(
        slug="centria",
        country="FI",
        name_fi="Centria",
        name_sv="Centria",
        name_en="Centria",
    )
    northvolt = ActorFactory(
        slug="northvolt", country="SE", kind=Actor.Kind.EMPLOYER, name_fi="Northvolt", name_sv="Northvolt",
        name_en="Northvolt",
    )  # fmt: skip
    boliden = ActorFactory(
        slug="boliden", country="SE", kind=Actor.Kind.EMPLOYER, name_fi="Boliden", name_sv="Boliden",
        name_en="Boliden",
    )  # fmt: skip
    municipality = ActorFactory(
        slug="skelleftea", country="SE", kind=Actor.Kind.AUTHORITY
    )
    draft_actor = ActorFactory(slug="draft-actor", country="SE", state="draft")
    SiteFactory(actor=osao, region=north_ostrobothnia)
    SiteFactory(actor=centria, region=central_ostrobothnia)
    SiteFactory(actor=northvolt, region=vasterbotten)
    SiteFactory(actor=boliden, region=vasterbotten)
    cells = SegmentFactory(code="cells", order=3, name_en="Cell manufacturing")
    recycling = SegmentFactory(
        code="recycling", order=6, name_en="Recycling and second life"
    )

    agreement = ActorLinkFactory(
        actor=osao,
        partner=northvolt,
        kind=ActorLink.Kind.AGREEMENT,
        started_on=datetime.date(2022, 8, 1),
    )
    agreement.segments.set([cells])
    # Entered from the Swedish side: the network reads it the same.
    apprenticeship = ActorLinkFactory(
        actor=boliden, partner=osao, kind=ActorLink.Kind.APPRENTICESHIP, started_on=datetime.date(2024, 1, 15),
        ended_on=datetime.date(2025, 6, 30),
    )  # fmt: skip
    apprenticeship.segments.set([cells, recycling])
    research = ActorLinkFactory(
        actor=centria, partner=boliden, kind=ActorLink.Kind.RESEARCH, started_on=None
    )
    shared = ActorLinkFactory(
        actor=osao,
        partner=centria,
        kind=ActorLink.Kind.SHARED_PROGRAMME,
        started_on=datetime.date(2022, 1, 10),
    )
    shared.segments.set([recycling])
    ActorLinkFactory(actor=osao, partner=municipality, state="draft")
    ActorLinkFactory(actor=osao, partner=draft_actor)
    return Network(
        osao,
        centria,
        northvolt,
        boliden,
        cells,
        recycling,
        agreement,
        apprenticeship,
        research,
        shared,
    )


@dataclass
class Actions:
    """Actions among the small network's actors, one of each visibility, and a dropped one:

    bridge (public, agreed, 2023-03-01 to 2025-12-31, cells): OSAO lead, Northvolt partner, Centria funder, and a
        draft actor (on no page) → OSAO–Northvolt, OSAO–Centria, Centria–Northvolt
    partners-only (partners, in progress, no dates): Centria lead, Boliden partner → Centria–Boliden
    coordinators-only (coordinators, proposed, from 2021-01-01): Boliden lead, Centria partner → Centria–Boliden
    dropped (public, dropped, 2022): OSAO lead, Boliden partner → nothing for anyone
    """

    bridge: object
    partners_only: object
    coordinators_only: object
    dropped: object


@pytest.fixture
def actions(network) -> Actions:
    from gaps.cooperation.models import Action
    from tests.factories import ActionFactory, ActionParticipantFactory

    def action(slug: str, visibility: str, state: str, participants, **fields):
        made = ActionFactory(
            slug=slug, title_en=slug.replace("-", " ").title(), visibility=visibility, state=state, **fields
        )  # fmt: skip
        for actor, role in participants:
            ActionParticipantFactory(action=made, actor=actor, role=role)
        return made

    draft = Actor.objects.get(slug="draft-actor")
    bridge = action(
        "bridge", "public", Action.State.AGREED,
        [(network.osao, "lead"), (network.northvolt, "partner"), (network.centria, "funder"), (draft, "partner")],
        starts_on=datetime.date(2023, 3, 1), ends_on=datetime.date(2025, 12, 31),
    )  # fmt: skip
    bridge.segments.set([network.cells])
    partners_only = action(
        "partners-only", "partners", Action.State.IN_PROGRESS,
        [(network.centria, "lead"), (network.boliden, "partner")],
    )  # fmt: skip
    coordinators_only = action(
        "coordinators-only", "coordinators", Action.State.PROPOSED,
        [(network.boliden, "lead"), (network.centria, "partner")], starts_on=datetime.date(2021, 1, 1),
    )  # fmt: skip
    dropped = action(
        "dropped", "public", Action.State.DROPPED,
        [(network.osao, "lead"), (network.boliden, "partner")],
        dropped_reason="No funding.", starts_on=datetime.date(2022, 1, 1),
    )  # fmt: skip
    return Actions(bridge, partners_only, coordinators_only, dropped)


@pytest.fixture
def viewers(db, partner, coordinator):
    """A client per role (the root conftest's users): anonymous, a logged-in partner, a coordinator."""
    from django.test import Client

    clients = {"anonymous": Client()}
    for name, user in (("partner", partner), ("coordinator", coordinator)):
        clients[name] = Client()
        clients[name].force_login(user)
    return clients
