"""Cooperation actions and the network of actors in a real browser, on the bundled data with a few actions in every
state and links of every kind: axe in the three languages, keyboard use of the board's filters and of the network
picture, and no sideways scrolling on a phone."""

import datetime

import pytest

from gaps.cooperation.models import Action, ActionFigure
from skills.models import Actor, ActorLink, Segment
from tests.browser.conftest import axe_violations, describe
from tests.factories import (
    ActionFactory,
    ActionFigureFactory,
    ActionParticipantFactory,
    ActorLinkFactory,
)

LANGUAGES = ["fi", "sv", "en"]
PAGES = [
    "/cooperation/",
    "/cooperation/joint-recruitment-in-progress/",
    "/cooperation/follow-up/?from=2026-01-01&to=2027-12-31",
    "/network/",
]


@pytest.fixture(scope="module", autouse=True)
def cooperation(bundled_site, django_db_blocker) -> dict[str, int]:
    """One public action per state between bundled actors of both countries, and a link of every kind (committed, so
    that the live server sees them; the module's end empties the tables). Returns what the bundled data (its example
    actions and sourced links) adds to the pages before this module's records: its public actions, dropped ones
    among them, and its links and joint-action pairs on the network page."""
    with django_db_blocker.unblock():
        public = Action.objects.filter(visibility="public")
        bundled = {
            "actions": public.count(),
            "dropped": public.filter(state=Action.State.DROPPED).count(),
            "edges": network_edge_count(),
        }
        published = Actor.objects.filter(state="published").order_by("slug")
        finnish = list(published.filter(country="FI")[:5])
        swedish = list(published.filter(country="SE")[:5])
        segment = Segment.objects.order_by("order").first()
        for n, state in enumerate(Action.State):
            action = ActionFactory(
                slug=f"joint-recruitment-{state.value.replace('_', '-')}",
                kind=Action.Kind.JOINT_RECRUITMENT,
                state=state,
                dropped_reason="The partners chose another way."
                if state == Action.State.DROPPED
                else "",
            )
            action.segments.add(segment)
            ActionParticipantFactory(action=action, actor=finnish[n % 5], role="lead")
            ActionParticipantFactory(action=action, actor=swedish[n % 5])
            ActionFigureFactory(
                action=action,
                measure=ActionFigure.Measure.STUDENTS,
                achieved_on=datetime.date(2027, 6, 1),
            )
        for n, kind in enumerate(ActorLink.Kind):
            link = ActorLinkFactory(
                actor=finnish[n],
                partner=swedish[n] if n % 2 else finnish[n - 1],
                kind=kind,
            )
            link.segments.add(segment)
    return bundled


def network_edge_count() -> int:
    """The edges the network page shows an anonymous visitor: published links and joint-action pairs."""
    from django.contrib.auth.models import AnonymousUser

    from programmes.network_selectors import joint_edges_for_network, links_for_network

    return links_for_network().count() + len(joint_edges_for_network(AnonymousUser()))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_board_an_action_and_the_network_have_no_accessibility_violations(
    page, language
):
    for path in PAGES:
        response = page.goto(f"{page.base}/{language}{path}")
        assert response.status == 200, path
        violations = axe_violations(page)
        assert violations == [], f"{language}{path}: {describe(violations)}"
    assert page.console_errors == []


def test_the_board_filters_work_by_keyboard_alone(page, cooperation):
    page.goto(f"{page.base}/en/cooperation/")
    assert (
        page.locator(".action-card").count()
        == len(Action.State) + cooperation["actions"]
    )
    page.get_by_label("State", exact=True).focus()
    page.keyboard.press("End")  # the last state: dropped
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.tagName") != "BUTTON":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**state=dropped**")
    dropped = 1 + cooperation["dropped"]
    assert page.locator(".action-card").count() == dropped
    assert page.locator("#actions-table tbody tr").count() == dropped
    assert (
        "The partners chose another way." not in page.content()
    )  # the reason is on the action's page
    page.locator(
        "#actions-table tbody a[href$='/cooperation/joint-recruitment-dropped/']"
    ).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/cooperation/joint-recruitment-dropped/")
    assert "The partners chose another way." in page.content()


def test_each_actor_of_the_network_picture_is_reached_by_keyboard_and_opens_its_page(
    page, cooperation
):
    page.goto(f"{page.base}/en/network/")
    first = page.locator(".network-node").first
    label = first.locator("text").text_content()
    first.focus()
    assert page.evaluate("document.activeElement.classList.contains('network-node')")
    # The accessible name is the visible label (WCAG 2.5.3).
    assert page.get_by_role("link", name=label, exact=True).count() >= 1
    page.keyboard.press("Enter")
    page.wait_for_url("**/actors/**")
    assert label.strip() in page.locator("h1").inner_text()
    # The table alternative lists as many links as the picture draws.
    page.go_back()
    # A link of every kind, and a joint action for each action that is not dropped (five pairs), besides the
    # bundled data's links and its example actions' pairs.
    rows = page.locator("#network-links tbody tr").count()
    assert (
        rows
        == page.locator(".network-edges path").count()
        == len(ActorLink.Kind) + 5 + cooperation["edges"]
    )


@pytest.mark.parametrize("path", PAGES)
def test_the_pages_do_not_scroll_sideways_on_a_phone(browser, bundled_site, path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for language in LANGUAGES:
        page.goto(f"{bundled_site}/{language}{path}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{language}{path} scrolls {overflow} px sideways"
    context.close()
