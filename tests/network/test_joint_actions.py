"""Joint actions in the network: two organisations of one action the viewer may see (the board's rule) that is not
dropped are linked as "Joint action" in the picture, the table, the figures and the kind filter, beside any recorded
link of the pair; the links in force each year; the page's queries stay fixed whatever the number of actions."""

import datetime
import re

import pytest

from programmes.network_edges import JointActionRef, JointEdge, network_kinds
from programmes.network_figures import in_force_by_year
from skills.models import Actor, ActorLink
from tests.factories import ActionFactory, ActionParticipantFactory, ActorFactory

pytestmark = pytest.mark.django_db

ANY_PATH_LINK = re.compile(
    r'<path d="[^"]+" stroke="[^"]+"(?: stroke-dasharray="[^"]+")? data-link="([^"]+)"'
)
ANY_ROW_LINK = re.compile(r'<tr data-link="([^"]+)">')


def joint(response) -> dict[tuple[str, str], list[str]]:
    """The joint-action rows of the table: (actor, partner) slugs → the slugs of the actions they come from."""
    return {
        (row.link.actor.slug, row.link.partner.slug): [a.slug for a in row.link.actions]
        for row in response.context["rows"]
        if row.link.kind == "joint_action"
    }


def pair(*actors: Actor) -> tuple[str, str]:
    first, second = sorted(actors, key=lambda a: a.pk)
    return (first.slug, second.slug)


def expected(network, viewer: str) -> dict[tuple[str, str], list[str]]:
    edges = {
        pair(network.osao, network.northvolt): ["bridge"],
        pair(network.osao, network.centria): ["bridge"],
        pair(network.centria, network.northvolt): ["bridge"],
    }
    if viewer == "partner":
        edges[pair(network.centria, network.boliden)] = ["partners-only"]
    if viewer == "coordinator":
        # Planned start first; an action without a planned start last.
        edges[pair(network.centria, network.boliden)] = [
            "coordinators-only",
            "partners-only",
        ]
    return edges


@pytest.mark.parametrize("viewer", ["anonymous", "partner", "coordinator"])
def test_joint_actions_link_the_participants_of_the_actions_the_viewer_may_see(
    viewers, network, actions, viewer
):
    response = viewers[viewer].get("/en/network/")

    assert response.status_code == 200
    # The dropped action (OSAO–Boliden) links nobody, and the draft actor of "bridge" is on no page.
    assert joint(response) == expected(network, viewer)
    html = response.content.decode()
    assert ("partners-only" in html) == (viewer != "anonymous")
    assert ("coordinators-only" in html) == (viewer == "coordinator")
    assert 'href="/en/cooperation/dropped/"' not in html


def test_a_pair_with_a_recorded_link_keeps_both_edges(client, network, actions):
    rows = [
        row.link.kind
        for row in client.get("/en/network/").context["rows"]
        if {row.link.actor_id, row.link.partner_id}
        == {network.osao.pk, network.northvolt.pk}
    ]

    assert sorted(rows) == ["agreement", "joint_action"]


def test_a_joint_action_row_names_the_kind_and_links_to_the_action(
    client, network, actions
):
    html = client.get("/en/network/").content.decode()
    row = re.search(
        rf'<tr data-link="action-{network.osao.pk}-{network.northvolt.pk}">(.*?)</tr>',
        html,
        re.S,
    )

    assert row is not None
    assert "Joint action" in row.group(1)
    assert '<a href="/en/cooperation/bridge/">Bridge</a> (Agreed)' in row.group(1)
    assert "Cell manufacturing" in row.group(1)  # the action's segment


@pytest.mark.parametrize("viewer", ["anonymous", "coordinator"])
def test_the_picture_and_the_table_list_the_same_edges_with_the_joint_actions(
    viewers, network, actions, viewer
):
    for query in (
        "",
        "?across=on",
        "?kind=joint_action",
        "?segment=cells",
        "?region=SE331",
    ):
        response = viewers[viewer].get(f"/en/network/{query}")
        html = response.content.decode()
        in_picture, in_table = ANY_PATH_LINK.findall(html), ANY_ROW_LINK.findall(html)
        assert in_picture == in_table, query
        assert len(in_table) == len(set(in_table)) == len(response.context["rows"])
        assert response.context["graph"].link_ids == [
            row.link.pk for row in response.context["rows"]
        ]
        # Every query here keeps some of bridge's edges (its segment, Northvolt's region SE331).
        assert any(link.startswith("action-") for link in in_table), query


@pytest.mark.parametrize(
    ("query", "kinds", "pairs"),
    [
        ("?kind=joint_action", {"joint_action"}, "all"),
        ("?kind=agreement", {"agreement"}, []),
        ("?across=on", None, ["osao-northvolt", "centria-northvolt"]),
        ("?segment=recycling", None, []),  # bridge concerns cells only
        ("?segment=cells", None, "all"),
        (
            "?region=FI1D5",
            None,
            ["osao-centria", "centria-northvolt"],
        ),  # Centria's region
    ],
)
def test_the_filters_apply_to_joint_actions_too(
    client, network, actions, query, kinds, pairs
):
    response = client.get(f"/en/network/{query}")
    assert response.status_code == 200
    names = {
        "osao": network.osao,
        "centria": network.centria,
        "northvolt": network.northvolt,
    }
    shown = set(joint(response))
    if pairs == "all":
        assert shown == set(expected(network, "anonymous"))
    else:
        assert shown == {pair(*(names[n] for n in p.split("-"))) for p in pairs}
    if kinds:
        assert {row.link.kind for row in response.context["rows"]} <= kinds


def test_the_figures_count_the_joint_actions_across_the_border(
    client, network, actions
):
    figures = client.get("/en/network/").context["figures"]

    # 4 links (3 across) and bridge's 3 edges, 2 of them across the border.
    assert (figures.total, figures.cross_border) == (7, 5)
    assert [(str(row.label), row.count) for row in figures.by_kind][-1] == (
        "Joint action",
        2,
    )
    assert [(str(row.label), row.count) for row in figures.by_year] == [
        ("2022", 1),
        ("2023", 2),  # bridge's planned start
        ("2024", 1),
        ("Start not known", 1),
    ]


def test_the_links_in_force_each_year_count_the_network_and_the_planned_actions(
    client, network, actions
):
    this_year = datetime.date.today().year
    table = client.get("/en/network/").context["in_force"]

    assert table.kinds == [str(label) for _kind, label in network_kinds()]
    rows = {row.label: row.counts for row in table.rows}
    assert [row.label for row in table.rows] == [
        *map(str, range(2022, this_year + 1)),
        "Start not known",
    ]
    #             agreement, apprenticeship, shared, research, cluster, joint action
    assert rows["2022"] == [1, 0, 0, 0, 0, 0]
    assert rows["2023"] == [1, 0, 0, 0, 0, 2]
    assert rows["2024"] == [1, 1, 0, 0, 0, 2]
    assert rows["2025"] == [
        1,
        1,
        0,
        0,
        0,
        2,
    ]  # the apprenticeship ended on 30 June 2025, bridge by its end
    assert rows["2026"] == [1, 0, 0, 0, 0, 0]
    assert rows["Start not known"] == [0, 0, 0, 1, 0, 0]
    html = client.get("/en/network/").content.decode()
    assert (
        "Links across the border in force each year, by kind of cooperation</caption>"
        in html
    )
    assert "A joint action counts from its planned start to its planned end." in html


def _link(kind: str, start, end, countries=("FI", "SE")) -> ActorLink:
    return ActorLink(
        actor=Actor(pk=1, country=countries[0]), partner=Actor(pk=2, country=countries[1]),
        kind=kind, started_on=start, ended_on=end,
    )  # fmt: skip


def _joint(*periods) -> JointEdge:
    refs = [
        JointActionRef(slug=f"a{n}", title=None, url="", state="agreed", state_label="", starts_on=s, ends_on=e)
        for n, (s, e) in enumerate(periods)
    ]  # fmt: skip
    return JointEdge(
        actor=Actor(pk=1, country="FI"), partner=Actor(pk=3, country="SE"), actions=refs
    )


def test_links_in_force_count_each_year_from_the_first_start_and_unknown_starts_apart():
    d = datetime.date
    links = [
        _link("agreement", d(2021, 6, 1), d(2023, 2, 1)),  # 2021, 2022, 2023
        _link("research", d(2022, 12, 31), None),  # 2022 on
        _link("apprenticeship", None, None),  # start not known
        _link(
            "apprenticeship", None, d(2022, 1, 1)
        ),  # start not known, though it ended
        _link(
            "shared_programme", d(2020, 1, 1), None, countries=("FI", "FI")
        ),  # within Finland: not counted
        _link("cluster", d(2030, 1, 1), None),  # starts after the current year
        _joint(
            (d(2023, 1, 1), d(2024, 6, 30)), (None, None)
        ),  # 2023 and 2024 by the dated action
        _joint((None, d(2024, 1, 1))),  # no planned start
    ]

    table = in_force_by_year(
        links, this_year=2025, kinds=network_kinds(), no_year="Start not known"
    )

    assert [(row.label, row.counts, row.total) for row in table.rows] == [
        ("2021", [1, 0, 0, 0, 0, 0], 1),
        ("2022", [1, 0, 0, 1, 0, 0], 2),
        ("2023", [1, 0, 0, 1, 0, 1], 3),
        ("2024", [0, 0, 0, 1, 0, 1], 2),
        ("2025", [0, 0, 0, 1, 0, 0], 1),
        ("Start not known", [0, 2, 0, 0, 0, 1], 3),
    ]


def test_no_cross_border_link_gives_no_years():
    table = in_force_by_year([], this_year=2025, kinds=network_kinds(), no_year="?")

    assert table.rows == []


def _many_actions(network, count: int) -> None:
    for _ in range(count):
        made = ActionFactory(visibility="public", state="agreed")
        made.segments.set([network.cells])
        ActionParticipantFactory(action=made, actor=network.osao, role="lead")
        ActionParticipantFactory(action=made, actor=ActorFactory(country="SE"))
        ActionParticipantFactory(action=made, actor=ActorFactory(country="SE"))


@pytest.mark.parametrize("viewer", ["anonymous", "coordinator"])
def test_the_page_does_the_same_queries_for_1_and_30_actions(
    viewers, network, django_assert_num_queries, viewer
):
    # A visitor: 1 the segment and 2 the region choices of the form, 3 the links with both actors, 4 their segments,
    # 5 the visible actions' participants with action and actor, 6 the actions' segments. A coordinator: the session
    # and the user first, and the permission check of the visibility rule (the user's and the groups' permissions).
    queries = {"anonymous": 6, "coordinator": 10}[viewer]
    _many_actions(network, 1)
    with django_assert_num_queries(queries):
        response = viewers[viewer].get("/en/network/")
    assert len(joint(response)) == 3
    _many_actions(network, 29)
    with django_assert_num_queries(queries):
        response = viewers[viewer].get("/en/network/")
    assert (
        len(joint(response)) == 3 * 30
    )  # OSAO and two Swedish actors in each: three pairs


def test_the_actor_links_api_stays_about_recorded_links(client, network, actions):
    response = client.get("/api/v1/actor-links/", {"page_size": 100})

    assert response.status_code == 200
    assert sorted(item["id"] for item in response.json()["results"]) == sorted(
        link.pk
        for link in (
            network.agreement,
            network.apprenticeship,
            network.research,
            network.shared,
        )
    )
    assert (
        client.get("/api/v1/actor-links/", {"kind": "joint_action"}).status_code == 400
    )
