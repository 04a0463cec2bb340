"""Fixtures of the cooperation tests: the gap pages' data set (tests/gaps/conftest.py), viewers of every role, and
one public, one partners' and one coordinators' action."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from batteryregion.services import coordinator_groups_sync
from coordinators.models import Coordinator
from gaps.cooperation.models import Action
from tests.factories import ActionFactory, ActionParticipantFactory, ActorFactory
from tests.gaps.conftest import data  # noqa: F401  (the gap pages' data set, as a fixture here too)

VIEWERS = ["anonymous", "partner", "coordinator", "lead"]
# What each viewer sees: the one visibility rule (batteryregion/visibility.py), written out by hand.
SEES = {
    "anonymous": {"public"},
    "partner": {"public", "partners"},
    "coordinator": {"public", "partners", "coordinators"},
    "lead": {"public", "partners", "coordinators"},
}


@pytest.fixture
def viewers(db, coordinator, lead_coordinator, partner) -> dict[str, Client]:
    """A client per role: anonymous, a logged-in partner, a coordinator and a lead coordinator."""
    clients = {"anonymous": Client()}
    for name, user in (
        ("partner", partner),
        ("coordinator", coordinator),
        ("lead", lead_coordinator),
    ):
        clients[name] = Client()
        clients[name].force_login(user)
    return clients


@pytest.fixture
def actions_of_every_visibility(data) -> dict[str, Action]:  # noqa: F811
    """An action per visibility, each addressing the segment "cells" with a Finnish organisation taking part; the
    slugs and titles name the visibility."""
    actions = {}
    for visibility in Action.Visibility.values:
        action = ActionFactory(
            slug=f"action-{visibility}",
            title_en=f"Action for {visibility}",
            visibility=visibility,
        )
        action.segments.add(data["cells"])
        action.occupations.add(data["operator"])
        ActionParticipantFactory(
            action=action,
            actor=ActorFactory(slug=f"college-{visibility}", country="FI"),
        )
        actions[visibility] = action
    return actions


def coordinator_of(username: str, *, side: str = "FI", role: str = "coordinator", organisations=()) -> User:  # fmt: skip
    """A staff user with a coordinator record of the side, in the groups of the role."""
    user = User.objects.create_user(username, password="pw", is_staff=True)
    coordinator = Coordinator.objects.create(user=user, side=side, role=role)
    coordinator.organisations.set(organisations)
    coordinator_groups_sync(coordinator)
    return User.objects.get(pk=user.pk)
