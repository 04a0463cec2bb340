"""What the cooperation pages cost in queries: the same for one action as for thirty, each with organisations of
both countries, figures and everything it addresses; and a change to an action invalidates the cached pages."""

import pytest
from django.db import transaction

from batteryregion.page_cache import current_version
from gaps.cooperation.models import Action
from skills.models import Occupation, Skill
from tests.factories import (
    ActionFactory,
    ActionFigureFactory,
    ActionParticipantFactory,
    ActorFactory,
    CompetenceNeedFactory,
    OccupationFactory,
    ProgrammeFactory,
    RegionFactory,
    SegmentFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

# the filters' choices: segments, occupations, skills, regions, organisations 5; the actions 1, their participants
# with their organisations 1, their figures 1; each segment, occupation, skill, region or organisation chosen in the
# filters adds its lookup (1)
BOARD = 8
# the action with its responsible coordinator 1; participants with organisations, figures, segments, occupations,
# skills, regions, needs (with employer, occupation and region), programmes (with provider), the news about it 1 each
ACTION_PAGE = 10


def add_actions(count: int, start: int = 0) -> None:
    occupations = [Occupation.objects.filter(slug=f"occupation-{n}").first() or OccupationFactory(slug=f"occupation-{n}") for n in range(2)]  # fmt: skip
    skills = [Skill.objects.filter(slug=f"skill-{n}").first() or SkillFactory(slug=f"skill-{n}") for n in range(2)]  # fmt: skip
    for n in range(start, start + count):
        states = ["idea", "proposed", "agreed", "in_progress", "done", "dropped"]
        state = states[n % 6]
        action = ActionFactory(
            slug=f"action-{n:03d}",
            state=state,
            dropped_reason="No funding." if state == "dropped" else "",
        )
        action.segments.add(SegmentFactory(code=f"segment-{n % 3}"))
        action.occupations.add(occupations[n % 2])
        action.skills.add(skills[n % 2])
        action.regions.add(
            RegionFactory(code="FI1D9"), RegionFactory(code="SE331", country="SE")
        )
        action.needs.add(CompetenceNeedFactory())
        action.programmes.add(ProgrammeFactory())
        ActionParticipantFactory(
            action=action, actor=ActorFactory(country="FI"), role="lead"
        )
        ActionParticipantFactory(action=action, actor=ActorFactory(country="SE"))
        ActionFigureFactory(action=action)
        ActionFigureFactory(action=action, measure="places", achieved=None)


def test_the_board_does_the_same_queries_for_1_and_30_actions(
    client, django_assert_num_queries
):
    filtered = "/en/cooperation/?countries=fi-se&segment=segment-0"
    add_actions(1)
    with django_assert_num_queries(BOARD):
        response = client.get("/en/cooperation/")
    assert len(response.context["actions"]) == 1
    with django_assert_num_queries(
        BOARD + 1
    ):  # the chosen segment, looked up by its code
        client.get(filtered)
    add_actions(29, start=1)
    with django_assert_num_queries(BOARD):
        response = client.get("/en/cooperation/")
    assert len(response.context["actions"]) == 30
    with django_assert_num_queries(BOARD + 1):
        response = client.get(filtered)
    assert len(response.context["actions"]) == 10


def test_an_actions_page_does_the_same_queries_with_1_and_30_actions(
    client, django_assert_num_queries
):
    add_actions(1)
    with django_assert_num_queries(ACTION_PAGE):
        assert client.get("/en/cooperation/action-000/").status_code == 200
    add_actions(29, start=1)
    with django_assert_num_queries(ACTION_PAGE):
        response = client.get("/en/cooperation/action-029/")
    assert response.status_code == 200
    assert len(response.context["countries"]) == 2


def test_a_bad_filter_is_a_400_naming_the_field(client):
    response = client.get("/en/cooperation/?state=nonsense")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_a_change_to_an_action_raises_the_data_version(
    django_capture_on_commit_callbacks,
):
    before = current_version()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        ActionFactory()
    assert current_version() > before


def test_a_change_to_an_actions_figures_raises_the_data_version(
    django_capture_on_commit_callbacks,
):
    # Made without signals, so that only the figure's save asks for a new version.
    (action,) = Action.objects.bulk_create([ActionFactory.build()])
    before = current_version()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        ActionFigureFactory(action=action)
    assert current_version() > before


def test_the_gap_notes_cost_one_query_for_1_and_30_actions(
    client, data, django_assert_num_queries
):
    from tests.gaps.gap_page_data import DASHBOARD, DETAIL_OCCUPATION, DETAIL_SEGMENT

    pages = [
        ("/en/gaps/", DASHBOARD),
        ("/en/gaps/segment/cells/", DETAIL_SEGMENT),
        ("/en/gaps/occupation/cell-operator/", DETAIL_OCCUPATION),
    ]

    def addressing(count: int, start: int = 0) -> None:
        for n in range(start, start + count):
            action = ActionFactory(slug=f"gap-action-{n:03d}")
            action.segments.add(data["cells"], data["recycling"])
            action.occupations.add(data["operator"])

    addressing(1)
    for address, queries in pages:
        with django_assert_num_queries(queries):
            assert "1 action addresses this" in client.get(address).content.decode()
    addressing(29, start=1)
    for address, queries in pages:
        with django_assert_num_queries(queries):
            assert "30 actions address this" in client.get(address).content.decode()
