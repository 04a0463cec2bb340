"""An actor's page lists the cooperation actions the viewer may see in which it takes part, with its role, the
action's state and type, each linking to the action's page; no section at all when there are none."""

import re

import pytest

from tests.factories import ActionFactory, ActionParticipantFactory

pytestmark = pytest.mark.django_db

ROW = re.compile(
    r'<tr>\s*<th scope="row"><a href="(/en/cooperation/[^"]+/)">([^<]+)</a></th>\s*'
    r'<td data-label="Role">([^<]+)</td>\s*<td data-label="State">([^<]+)</td>\s*<td data-label="Type">([^<]+)</td>'
)


def listed(client, slug: str) -> list[tuple[str, ...]]:
    html = client.get(f"/en/actors/{slug}/").content.decode()
    section = re.search(
        r'<section aria-labelledby="actions-title">(.*?)</section>', html, re.S
    )
    return ROW.findall(section.group(1)) if section else []


@pytest.mark.parametrize(
    ("viewer", "rows"),
    [
        ("anonymous", [("bridge", "Funder", "Agreed")]),
        (
            "partner",
            [("bridge", "Funder", "Agreed"), ("partners-only", "Lead", "In progress")],
        ),
        (
            "coordinator",
            [
                ("coordinators-only", "Partner", "Proposed"),  # planned start 2021
                ("bridge", "Funder", "Agreed"),  # 2023
                ("partners-only", "Lead", "In progress"),  # no planned start: last
            ],
        ),
    ],
)
def test_the_actor_page_lists_the_actions_the_viewer_may_see_with_the_actors_role(
    viewers, network, actions, viewer, rows
):
    found = listed(viewers[viewer], "centria")

    assert [
        (url.split("/")[-2], role, state) for url, _title, role, state, _kind in found
    ] == rows
    assert {kind for *_rest, kind in found} == {"Joint programme or module"}
    assert found[0][0] == f"/en/cooperation/{rows[0][0]}/"


def test_a_dropped_action_stays_on_the_page_with_its_state(client, network, actions):
    # Dropped actions make no edge in the network, but the organisation did take part: the page says how it ended.
    assert [
        (title, state) for _url, title, _role, state, _kind in listed(client, "boliden")
    ] == [("Dropped", "Dropped")]


def test_no_actions_no_section(client, network, actions):
    html = client.get("/en/actors/skelleftea/").content.decode()

    assert "Cooperation actions" not in html
    assert 'id="actions-title"' not in html
    # Only coordinators' actions: nothing either, for a visitor.
    ActionParticipantFactory(
        action=ActionFactory(visibility="coordinators"), actor=network.northvolt
    )
    assert [row[0] for row in listed(client, "northvolt")] == [
        "/en/cooperation/bridge/"
    ]
