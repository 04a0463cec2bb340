"""The cooperation pages: the board by state in the order an action moves, the same actions as a table, an action's
page with its reason when dropped, its organisations by country and role, links to the gap pages it addresses and its
figures; one <h1> in each language, and the navigation marks them."""

import datetime
import re
from html import unescape

import pytest

from gaps.cooperation.models import Action
from tests.factories import (
    ActionFactory,
    ActionFigureFactory,
    ActionParticipantFactory,
    ActorFactory,
)

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def recruitment(data):
    """A dropped joint recruitment of a Finnish college (lead) and a Swedish company (funder) for cell operators."""
    action = ActionFactory(
        slug="joint-recruitment",
        kind=Action.Kind.JOINT_RECRUITMENT,
        title_en="Recruit cell operators together",
        state=Action.State.DROPPED,
        dropped_reason="The company paused its hiring.",
        starts_on=datetime.date(2027, 1, 15),
        ends_on=datetime.date(2027, 6, 30),
    )
    action.segments.add(data["cells"])
    action.occupations.add(data["operator"])
    action.regions.add(data["oulu"])
    ActionParticipantFactory(
        action=action,
        actor=ActorFactory(slug="oulu-college", country="FI", name_en="Oulu College"),
        role="lead",
    )
    ActionParticipantFactory(
        action=action,
        actor=ActorFactory(slug="umea-company", country="SE", name_en="Umeå Cells"),
        role="funder",
    )
    ActionFigureFactory(
        action=action,
        measure="students",
        promised=20,
        achieved=5,
        achieved_on=datetime.date(2027, 3, 1),
    )
    return action


def test_the_board_has_a_column_per_state_in_the_order_an_action_moves(
    client, recruitment
):
    ActionFactory(slug="an-idea", title_en="An idea")
    html = client.get("/en/cooperation/").content.decode()
    columns = re.findall(r'<h3 id="state-([a-z_]+)">', html)
    assert columns == ["idea", "proposed", "agreed", "in_progress", "done", "dropped"]
    board = html[html.index('id="board-title"') : html.index('id="table-title"')]
    dropped = board[board.index('id="state-dropped"') :]
    assert "Recruit cell operators together" in dropped
    assert "An idea" not in dropped


def test_a_card_and_a_row_give_kind_organisations_with_country_dates_and_progress(
    client, recruitment
):
    html = client.get("/en/cooperation/").content.decode()
    card = text(
        re.search(r'<li class="card action-card">(.*?)</li>', html, re.S).group(1)
    )
    assert "Joint student recruitment or marketing" in card
    assert "Oulu College (FI), Umeå Cells (SE)" in card
    assert "15 January 2027 – 30 June 2027" in card
    assert "Students recruited: 5 of 20" in card
    row = text(re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1))
    assert row.startswith(
        "Recruit cell operators together Joint student recruitment or marketing Dropped"
    )


def test_the_table_and_board_filter_by_kind_state_region_and_countries(
    client, recruitment
):
    ActionFactory(slug="finnish-only", kind=Action.Kind.STUDY_VISIT)

    def slugs(**params):
        return [
            a.slug for a in client.get("/en/cooperation/", params).context["actions"]
        ]

    assert slugs(kind="joint_recruitment") == ["joint-recruitment"]
    assert slugs(state="dropped") == ["joint-recruitment"]
    assert slugs(region="FI1D9") == ["joint-recruitment"]
    assert slugs(countries="fi-se") == ["joint-recruitment"]
    assert slugs(countries="fi") == []
    assert slugs(occupation="cell-operator") == ["joint-recruitment"]


def test_every_filter_has_a_label(client, recruitment):
    html = client.get("/en/cooperation/").content.decode()
    for name in (
        "kind",
        "state",
        "segment",
        "occupation",
        "skill",
        "region",
        "countries",
        "organisation",
    ):
        assert f'<label for="id_{name}">' in html


def test_an_actions_page_gives_the_reason_it_was_dropped_and_everything_it_addresses(
    client, recruitment
):
    response = client.get("/en/cooperation/joint-recruitment/")
    page = text(response.content.decode())
    assert "State Dropped Why it was dropped The company paused its hiring." in page
    assert "Finland Oulu College – Lead Sweden Umeå Cells – Funder" in page
    html = response.content.decode()
    assert (
        '<a href="/en/gaps/segment/cells/"><span lang="en">Cell manufacturing</span></a>'
        in html
    )
    assert (
        '<a href="/en/gaps/occupation/cell-operator/"><span lang="en">cell operator</span></a>'
        in html
    )
    assert "Students recruited 20 31 December 2027 5 1 March 2027 25%" in page


def test_the_reason_is_given_in_the_pages_language_or_marked_as_another(
    client, recruitment
):
    recruitment.dropped_reason_sv = "Företaget pausade sin rekrytering."
    recruitment.save()

    swedish = client.get("/sv/cooperation/joint-recruitment/").content.decode()
    finnish = client.get("/fi/cooperation/joint-recruitment/").content.decode()

    assert '<dd lang="sv">Företaget pausade sin rekrytering.</dd>' in swedish
    english = client.get("/en/cooperation/joint-recruitment/").content.decode()

    assert '<dd lang="en">The company paused its hiring.</dd>' in english
    # No Finnish reason yet: the Swedish one is shown (the fallback order) and its language marked.
    assert '<dd lang="sv">Företaget pausade sin rekrytering.</dd>' in finnish


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_both_pages_answer_in_each_language_with_one_h1(client, recruitment, language):
    for address in (
        f"/{language}/cooperation/",
        f"/{language}/cooperation/joint-recruitment/",
    ):
        html = client.get(address).content.decode()
        assert f'<html lang="{language}">' in html
        assert len(re.findall(r"<h1[ >]", html)) == 1


def test_the_navigation_marks_the_cooperation_pages(client, recruitment):
    board = client.get("/en/cooperation/").content.decode()
    action = client.get("/en/cooperation/joint-recruitment/").content.decode()
    assert '<a href="/en/cooperation/" aria-current="page">Cooperation</a>' in board
    assert '<a href="/en/cooperation/" aria-current="true">Cooperation</a>' in action


def test_an_unknown_action_is_a_404(client, db):
    assert client.get("/en/cooperation/no-such-action/").status_code == 404
