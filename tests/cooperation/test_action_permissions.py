"""Who may change which action, with its participants and figures (coordinators/permissions/), each way into an
action on its own: an organisation of the coordinator takes part; the coordinator is responsible; a lead's side (an
action of both sides belongs to both leads). Staff without a coordinator record read, and change nothing. The admin
views of every role are in the permission matrix (tests/coordinators/test_permission_matrix.py)."""

import pytest
from django.contrib.auth.models import User

from coordinators import permissions
from gaps.cooperation.models import Action, ActionFigure, ActionParticipant
from tests.cooperation.conftest import coordinator_of
from tests.factories import (
    ActionFactory,
    ActionFigureFactory,
    ActionParticipantFactory,
    ActorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sides():
    """A Finnish college, a Swedish company, and an action of each side and one of both."""
    college = ActorFactory(slug="college", country="FI")
    company = ActorFactory(slug="company", country="SE")
    actions = {}
    for name, actors in (
        ("fi", [college]),
        ("se", [company]),
        ("both", [college, company]),
    ):
        action = ActionFactory(slug=f"action-{name}")
        for actor in actors:
            ActionParticipantFactory(action=action, actor=actor)
        ActionFigureFactory(action=action)
        actions[name] = action
    return college, company, actions


def changes(user: User, model: type) -> set[str]:
    """The slugs of the actions whose records of the model the user may change."""
    records = permissions.editable_by(user, model)
    if model is Action:
        return set(records.values_list("slug", flat=True))
    return set(records.values_list("action__slug", flat=True))


@pytest.mark.parametrize("model", [Action, ActionParticipant, ActionFigure])
def test_a_coordinator_changes_the_actions_their_organisation_takes_part_in(
    sides, model
):
    college, _company, _actions = sides
    user = coordinator_of("college-coordinator", organisations=[college])
    assert changes(user, model) == {"action-fi", "action-both"}
    assert permissions.can_add(user, model)


@pytest.mark.parametrize("model", [Action, ActionParticipant, ActionFigure])
def test_a_coordinator_changes_the_actions_they_are_responsible_for(sides, model):
    _college, _company, actions = sides
    user = coordinator_of("responsible", side="FI")  # no organisations, no regions
    actions["se"].responsible = user.coordinator
    actions["se"].save()
    assert changes(user, model) == {"action-se"}


@pytest.mark.parametrize("model", [Action, ActionParticipant, ActionFigure])
def test_each_lead_changes_the_actions_of_their_side_and_both_the_shared_one(
    sides, model
):
    lead_fi = coordinator_of("lead-fi", side="FI", role="lead")
    lead_se = coordinator_of("lead-se", side="SE", role="lead")
    assert changes(lead_fi, model) == {"action-fi", "action-both"}
    assert changes(lead_se, model) == {"action-se", "action-both"}


def test_a_lead_changes_an_action_a_coordinator_of_their_side_is_responsible_for(sides):
    _college, _company, actions = sides
    swedish = coordinator_of("swedish", side="SE")
    actions["fi"].responsible = swedish.coordinator
    actions["fi"].save()
    assert changes(coordinator_of("lead-se", side="SE", role="lead"), Action) == {
        "action-fi",
        "action-se",
        "action-both",
    }


@pytest.mark.parametrize("model", [Action, ActionParticipant, ActionFigure])
def test_staff_without_a_coordinator_record_change_and_add_nothing(sides, model):
    staff = User.objects.create_user("staff", is_staff=True)
    assert changes(staff, model) == set()
    assert not permissions.can_add(staff, model)
    assert not permissions.may_start_actions(staff)


def test_a_superuser_changes_every_action(sides):
    root = User.objects.create_superuser("root", "root@example.org", "pw")
    assert changes(root, Action) == {"action-fi", "action-se", "action-both"}


def test_the_coordinators_group_carries_the_action_permissions():
    user = coordinator_of("someone")
    for codename in ("add_action", "change_action", "delete_action", "view_action"):
        assert user.has_perm(f"gaps.{codename}")
    for model in ("actionparticipant", "actionfigure"):
        assert user.has_perm(f"gaps.change_{model}")


def test_a_coordinator_may_name_only_themselves_responsible_and_a_lead_their_sides_coordinators(
    sides,
):
    coordinator = coordinator_of("fi-coordinator", side="FI")
    other = coordinator_of("se-coordinator", side="SE")
    lead = coordinator_of("lead-fi", side="FI", role="lead")
    assert list(permissions.choices_for(coordinator, Action, "responsible")) == [
        coordinator.coordinator
    ]
    assert set(permissions.choices_for(lead, Action, "responsible")) == {
        coordinator.coordinator,
        lead.coordinator,
    }
    assert other.coordinator not in permissions.choices_for(lead, Action, "responsible")


def test_an_action_saved_out_of_the_coordinators_reach_is_refused(sides, client):
    _college, company, _actions = sides
    user = coordinator_of("fi-coordinator", side="FI")
    client.force_login(user)
    posted = {
        "slug": "not-mine",
        "kind": Action.Kind.OTHER,
        "title_en": "Not mine",
        "state": "idea",
        "visibility": "public",
        "responsible": "",  # neither responsible nor taking part: the save is rolled back
        "participants-TOTAL_FORMS": 1,
        "participants-INITIAL_FORMS": 0,
        "participants-0-actor": company.pk,
        "participants-0-role": "lead",
        "figures-TOTAL_FORMS": 0,
        "figures-INITIAL_FORMS": 0,
    }
    response = client.post("/admin/gaps/action/add/", posted)
    assert response.status_code == 403
    assert not Action.objects.filter(slug="not-mine").exists()
    posted["responsible"] = user.coordinator.pk
    assert client.post("/admin/gaps/action/add/", posted).status_code == 302
    assert Action.objects.get(slug="not-mine").participants.get().actor == company


def test_existing_coordinators_groups_gain_the_action_permissions_after_migrating():
    from django.apps import apps
    from django.contrib.auth.models import Group
    from django.db.models.signals import post_migrate

    from batteryregion.services import COORDINATORS_GROUP, coordinator_group_ensure

    group = coordinator_group_ensure()
    group.permissions.remove(*group.permissions.filter(content_type__app_label="gaps"))
    gaps = apps.get_app_config("gaps")
    post_migrate.send(sender=gaps, app_config=gaps, using="default", verbosity=0, interactive=False, plan=[], apps=apps)  # fmt: skip
    codenames = set(
        Group.objects.get(name=COORDINATORS_GROUP)
        .permissions.filter(content_type__app_label="gaps")
        .values_list("codename", flat=True)
    )
    assert {
        "add_action",
        "change_actionparticipant",
        "delete_actionfigure",
    } <= codenames


def test_the_admin_offers_only_the_states_an_action_may_move_to(sides, client):
    _college, _company, actions = sides
    actions["fi"].state = Action.State.AGREED
    actions["fi"].save()
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw"))
    form = (
        client.get(f"/admin/gaps/action/{actions['fi'].pk}/change/")
        .context["adminform"]
        .form
    )
    assert [value for value, _label in form.fields["state"].choices] == [
        "agreed",
        "in_progress",
        "done",
        "dropped",
    ]
