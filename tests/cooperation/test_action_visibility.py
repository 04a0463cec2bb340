"""Who sees which action, on every surface that shows actions: the board, its table and filters, an action's page,
and the gap pages' "actions address this" notes. The rule is the one of competence needs (batteryregion/visibility.py):
anonymous visitors see public actions, logged-in partners also partners' actions, coordinators and leads all."""

import pytest
from django.contrib.auth.models import AnonymousUser, User

from batteryregion.visibility import visible_records
from gaps.cooperation.models import Action
from skills.models import CompetenceNeed
from tests.cooperation.conftest import SEES, VIEWERS

pytestmark = pytest.mark.django_db


def test_needs_and_actions_follow_the_same_rule(coordinator, partner):
    for user in (AnonymousUser(), partner, User.objects.get(pk=coordinator.pk)):
        rule = visible_records(user)
        assert CompetenceNeed.objects.visible_to(user).query.where == CompetenceNeed.objects.filter(rule).query.where  # fmt: skip
        assert Action.objects.visible_to(user).query.where == Action.objects.filter(rule).query.where  # fmt: skip


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_board_and_its_table_show_the_actions_the_viewer_may_see(
    viewers, actions_of_every_visibility, viewer
):
    response = viewers[viewer].get("/en/cooperation/")
    assert response.status_code == 200
    shown = {action.visibility for action in response.context["actions"]}
    assert shown == SEES[viewer]
    html = response.content.decode()
    for visibility in Action.Visibility.values:
        # Once as a card on the board, once as a row of the table; or not at all.
        expected = 2 if visibility in SEES[viewer] else 0
        assert html.count(f"/en/cooperation/action-{visibility}/") == expected


@pytest.mark.parametrize("viewer", VIEWERS)
def test_no_filter_reveals_an_action_the_viewer_may_not_see(
    viewers, actions_of_every_visibility, viewer
):
    for visibility in Action.Visibility.values:
        response = viewers[viewer].get(
            "/en/cooperation/",
            {
                "organisation": f"college-{visibility}",
                "segment": "cells",
                "countries": "fi",
            },
        )
        if visibility in SEES[viewer]:
            assert response.status_code == 200
            assert [a.slug for a in response.context["actions"]] == [
                f"action-{visibility}"
            ]
        else:
            # The organisation of a hidden action is no choice: the same 400 as an unknown one.
            assert response.status_code == 400
            assert "actions" not in response.context
            assert f"action-{visibility}/" not in response.content.decode()


@pytest.mark.parametrize("viewer", VIEWERS)
def test_an_actions_page_is_a_404_for_a_viewer_who_may_not_see_it(
    viewers, actions_of_every_visibility, viewer
):
    for visibility in Action.Visibility.values:
        response = viewers[viewer].get(f"/en/cooperation/action-{visibility}/")
        assert response.status_code == (200 if visibility in SEES[viewer] else 404)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_gap_notes_count_only_the_actions_the_viewer_may_see(
    viewers, actions_of_every_visibility, viewer
):
    count = len(SEES[viewer])
    words = (
        f"{count} action addresses this"
        if count == 1
        else f"{count} actions address this"
    )
    dashboard = viewers[viewer].get("/en/gaps/").content.decode()
    detail = viewers[viewer].get("/en/gaps/segment/cells/").content.decode()
    occupation = (
        viewers[viewer].get("/en/gaps/occupation/cell-operator/").content.decode()
    )
    assert words in dashboard  # the segment's row
    assert (
        '<a class="tag action-badge" href="/en/cooperation/?segment=cells">'
        in dashboard
    )
    assert words in detail
    assert words in occupation
    assert 'href="/en/cooperation/?occupation=cell-operator"' in occupation


def test_no_note_where_no_action_the_viewer_may_see_addresses_the_gap(
    viewers, actions_of_every_visibility
):
    Action.objects.exclude(visibility="coordinators").delete()
    for viewer in ("anonymous", "partner"):
        for address in (
            "/en/gaps/",
            "/en/gaps/segment/cells/",
            "/en/gaps/segment/recycling/",
        ):
            assert "action-badge" not in viewers[viewer].get(address).content.decode()


def test_the_action_page_lists_only_the_needs_the_viewer_may_see(
    viewers, actions_of_every_visibility
):
    action = actions_of_every_visibility["public"]
    action.needs.set(
        CompetenceNeed.objects.filter(slug__in=["oulu-operators", "oulu-secret"])
    )
    anonymous = viewers["anonymous"].get("/en/cooperation/action-public/")
    coordinator = viewers["coordinator"].get("/en/cooperation/action-public/")
    assert [n.slug for n in anonymous.context["action"].visible_needs] == [
        "oulu-operators"
    ]
    assert {n.slug for n in coordinator.context["action"].visible_needs} == {
        "oulu-operators",
        "oulu-secret",
    }


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_filters_offer_only_the_organisations_of_actions_the_viewer_may_see(
    viewers, actions_of_every_visibility, viewer
):
    form = viewers[viewer].get("/en/cooperation/").context["filterset"].form
    offered = {actor.slug for actor in form.fields["organisation"].queryset}
    assert offered == {f"college-{visibility}" for visibility in SEES[viewer]}
    assert (
        form.fields["occupation"].queryset.count() == 1
    )  # each action addresses the cell operator
