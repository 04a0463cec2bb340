"""An action moves forward only (idea, proposed, agreed, in progress, done), or is dropped before it is done, with
the reason written down; its planned end is not before its start. Each refusal is a sentence (through gettext; the
fi and sv catalogues are filled after the merge) naming the field, from the model's validation and, where the
database can check it, from a constraint as well."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gaps.cooperation.models import Action, may_move
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

State = Action.State


def errors_of(action: Action) -> dict[str, list[str]]:
    try:
        action.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def stored(state: str, **fields) -> Action:
    """An action saved in the state, read back from the database as the admin would."""
    action = ActionFactory(state=state, dropped_reason="No funding." if state == State.DROPPED else "", **fields)  # fmt: skip
    return Action.objects.get(pk=action.pk)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (State.IDEA, State.PROPOSED),
        (State.PROPOSED, State.AGREED),
        (State.AGREED, State.IN_PROGRESS),
        (State.IN_PROGRESS, State.DONE),
        (State.IDEA, State.AGREED),  # a step may be skipped, forward
        (State.IN_PROGRESS, State.IN_PROGRESS),
    ],
)
def test_an_action_moves_forward(old, new):
    action = stored(old)
    action.state = new
    assert errors_of(action) == {}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (State.PROPOSED, State.IDEA),
        (State.DONE, State.IN_PROGRESS),
        (State.AGREED, State.PROPOSED),
        (State.DROPPED, State.IDEA),
        (State.DROPPED, State.DONE),
    ],
)
def test_an_action_never_moves_back_and_says_so_naming_the_state(old, new):
    action = stored(old)
    action.state = new
    assert errors_of(action) == {
        "state": [
            f"The state cannot change from “{State(old).label}” to “{State(new).label}”: an action only moves "
            "forward (idea, proposed, agreed, in progress, done), or is dropped before it is done."
        ]
    }


@pytest.mark.parametrize(
    "old", [State.IDEA, State.PROPOSED, State.AGREED, State.IN_PROGRESS]
)
def test_any_state_but_done_may_be_dropped_with_a_reason(old):
    action = stored(old)
    action.state = State.DROPPED
    action.dropped_reason = "The employer withdrew its need."
    assert errors_of(action) == {}


def test_a_done_action_is_not_dropped():
    action = stored(State.DONE)
    action.state = State.DROPPED
    action.dropped_reason = "Too late."
    assert list(errors_of(action)) == ["state"]


def test_dropping_needs_a_reason_in_the_field_and_in_the_database():
    action = stored(State.AGREED)
    action.state = State.DROPPED
    action.dropped_reason = "  "
    assert errors_of(action) == {
        "dropped_reason": ["Write why the action was dropped."]
    }
    action.dropped_reason = ""
    with pytest.raises(IntegrityError), transaction.atomic():
        action.save()


def test_the_planned_end_is_not_before_the_start():
    action = ActionFactory.build(
        starts_on=datetime.date(2027, 6, 1), ends_on=datetime.date(2027, 5, 31)
    )
    assert "The planned end must not be before the planned start." in str(
        errors_of(action)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        action.save()


def test_the_rule_of_moves_written_out():
    assert may_move(State.IDEA, State.DONE)
    assert may_move(State.DONE, State.DONE)
    assert not may_move(State.DONE, State.DROPPED)
    assert not may_move(State.DROPPED, State.PROPOSED)


def test_restoring_a_version_does_not_take_the_state_back():
    action = stored(State.AGREED)
    version = action.history.earliest().instance  # as saved first
    Action.objects.filter(pk=action.pk).update(state=State.IN_PROGRESS)
    version.state = State.IDEA
    with pytest.raises(ValidationError) as refused:
        version.clean()  # the model's own rules (a version is not new: its id and slug are its own)
    assert list(refused.value.message_dict) == ["state"]


def test_the_slug_of_the_follow_up_page_is_no_action_s_address():
    action = ActionFactory.build(slug="follow-up")
    assert list(errors_of(action)) == ["slug"]
    assert "follow-up" in errors_of(action)["slug"][0]
    assert "slug" not in errors_of(ActionFactory.build(slug="follow-up-2027"))
