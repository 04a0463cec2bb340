"""The public pages of cooperation actions: the board with its table, and an action's own page.

Each shows only the actions the viewer may see (batteryregion/visibility.py); an action the viewer may not see is a
404, as if it did not exist. Queries are fixed whatever the number of actions (counted in each view's docstring for
an anonymous visitor, pinned in tests/cooperation/test_cooperation_page_costs.py).
"""

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from batteryregion.news.selectors import news_for_action
from coordinators.permissions import may_record_planned_training
from gaps.cooperation.filters import ActionFilter
from gaps.cooperation.models import BOARD_STATES, Action, ActionParticipant
from gaps.cooperation.selectors import action_for_page, actions_for_board
from gaps.cooperation.start import planned_training_url
from skills.models import Country


@dataclass(frozen=True)
class Column:
    """One state of the board with its actions."""

    state: str
    label: str
    actions: list[Action]


@dataclass(frozen=True)
class CountryGroup:
    """The organisations of one country taking part in an action, by role."""

    country: str
    label: str
    participants: list[ActionParticipant]


def board(request: HttpRequest) -> HttpResponse:
    """The actions the viewer may see, as a board by state and as a table, with one set of filters.

    Queries: the filters' choices (segments, occupations, skills, regions, organisations: 5), the actions (1),
    their participants with the organisations (1) and their figures (1): 8; each segment, occupation, skill, region
    or organisation chosen adds its lookup (1). Bad filters: a 400.
    """
    filterset = ActionFilter(
        request.GET, queryset=actions_for_board(request.user), request=request
    )
    if not filterset.is_valid():
        return render(
            request, "cooperation/board.html", {"filterset": filterset}, status=400
        )
    actions = list(filterset.qs)
    by_state: dict[str, list[Action]] = {state: [] for state in BOARD_STATES}
    for action in actions:
        by_state[action.state].append(action)
    columns = [
        Column(state, Action.State(state).label, by_state[state])
        for state in BOARD_STATES
    ]
    return render(
        request,
        "cooperation/board.html",
        {
            "filterset": filterset,
            "actions": actions,
            "columns": columns,
            "filtered": any(filterset.form.cleaned_data.values()),
        },
    )


def action_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One action: what, who by country and role, when, what it addresses with links to the gap pages, the needs
    the viewer may see and the programmes, and its figures.

    Queries: the action with its responsible coordinator (1), participants with organisations, figures, segments,
    occupations, skills, regions, needs and programmes (1 each), the news about it (1): 10. An action the viewer may not see: a 404 after 1.
    """
    action = action_for_page(request.user, slug)
    if action is None:
        raise Http404
    groups: dict[str, list[ActionParticipant]] = {}
    for participant in action.participants.all():
        groups.setdefault(participant.actor.country, []).append(participant)
    gap_pages = [
        *[
            (segment, "name", reverse("gaps:detail", args=["segment", segment.code]))
            for segment in action.segments.all()
        ],
        *[
            (
                occupation,
                "label",
                reverse("gaps:detail", args=["occupation", occupation.slug]),
            )  # fmt: skip
            for occupation in action.occupations.all()
        ],
        *[
            (skill, "label", reverse("gaps:detail", args=["skill", skill.slug]))
            for skill in action.skills.all()
        ],
    ]
    return render(
        request,
        "cooperation/action_detail.html",
        {
            "action": action,
            "countries": [
                CountryGroup(country, Country(country).label, participants)
                for country, participants in sorted(groups.items())
            ],
            "gap_pages": gap_pages,
            "regions": list(action.regions.all()),
            "figures": list(action.figures.all()),
            "related_news": news_for_action(action),
            "planned_training_url": planned_training_url(
                action, action.participants.all()
            )
            if may_record_planned_training(request.user)
            else "",
        },
    )
