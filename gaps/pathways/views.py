"""The public pathway pages: the search with its routes (list, graph and map), and how routes are chosen.

Queries, whatever the amount of data: the form's choices (5), then, with a valid starting point, the pathway search's
own fixed number (gaps.pathways.network.load_network, which also brings the programmes' sites), and when there are
routes the region outlines of the map (1). Bad input is a 400 naming the field, never a 500.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from batteryregion.i18n import Shown, shown
from gaps.pathways import applying, route_texts, search
from gaps.pathways.forms import PathwayChoices, PathwayForm
from gaps.pathways.graph import occupation_groups, route_graph
from gaps.pathways.search import (
    PathwayResult,
    ProgrammeSite,
    Route,
    Step,
    find_pathways,
)
from programmes.map import map_config
from programmes.models import Programme
from skills.models import Country, Occupation

RELAXED_PARAMETER = {
    "languages": "language",
    "countries": "country",
    "regions": "region",
    "duration": "months",
    "mobility": "mobility",
}
"""The address parameter that holds each preference a Blocker or a Removal names."""


@dataclass(frozen=True)
class StepRow:
    """One step as the list shows it: its reason differs from route to route, its programme's card does not."""

    step: Step
    card: str  # gaps/includes/step_programme.html, rendered once per programme (see _programme_cards)
    contribution: str  # what the programme does for the route's occupation, or ""


@dataclass(frozen=True)
class RouteRow:
    """One route as the list shows it, with its number on the page and its totals."""

    number: int
    title: str  # "Route 3"
    route: Route
    steps: list[StepRow]
    countries: str
    languages: list[Shown]
    languages_known: bool
    duration: str  # "about 24 months", "at least 12 months + unknown"
    places: str
    crossings: str
    why: str  # how the route reaches its occupation
    unknown_steps: str  # which steps have no recorded duration, or ""

    @property
    def key(self) -> str:
        return self.route.key


@dataclass(frozen=True)
class GroupRow:
    occupation: Occupation
    routes: list[RouteRow]


@dataclass(frozen=True)
class RemovalRow:
    """What one preference removed ("12 routes longer than 24 months") and the search without it."""

    constraint: str
    text: str
    url: str
    link_text: str


@dataclass(frozen=True)
class NotOpenRow:
    """A programme of the best routes that the person may not apply to, and why."""

    name: Shown
    url: str
    reasons: tuple[str, ...]
    note: Shown | None  # the programme's entry requirements in its own words


@dataclass(frozen=True)
class DroppedRow:
    """An occupation reached only by routes the cap left out, and the search for it alone."""

    occupation: Occupation
    url: str


@dataclass(frozen=True)
class BlockerRow:
    constraint: str
    message: str
    routes_if_relaxed: int
    url: str


def pathways(request: HttpRequest) -> HttpResponse:
    """The form, and with a starting point the routes; htmx gets only the results."""
    choices = PathwayChoices.load()
    htmx = getattr(request, "htmx", None)
    # The form sent by htmx leaves empty fields out (pathways.js): "Show routes" with nothing chosen is still a
    # question, answered with what is missing.
    asked = any(name in request.GET for name in PathwayForm.base_fields) or bool(
        htmx and not htmx.history_restore_request
    )
    form = PathwayForm(request.GET if asked else None, choices=choices)
    context: dict[str, Any] = {"form": form}
    status = 200
    if form.is_bound:
        if form.is_valid():
            result = find_pathways(form.query())
            context.update(_results(request, result, choices))
        else:
            status = 400
    if htmx and not htmx.history_restore_request:
        context["swap"] = True
        template = "gaps/includes/pathway_results.html"
    else:
        template = "gaps/pathways.html"
    response = render(request, template, context, status=status)
    # The same address answers with the page or the results: caches and the back button must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def how(request: HttpRequest) -> HttpResponse:
    """The rules of the pathway search in plain words, with the numbers the search uses (no queries)."""
    coverage = 0.6
    example = {
        "first": 24,
        "second": 6,
        "coverage": round(coverage * 100),
        "bonus": search.COVERAGE_BONUS_MONTHS * coverage,
    }
    example["score"] = (
        example["first"]
        + example["second"]
        + search.STEP_PENALTY_MONTHS
        + search.BORDER_PENALTY_MONTHS
        - example["bonus"]
    )
    context = {
        "threshold": round(settings.PATHWAY_COVERAGE_THRESHOLD * 100),
        "max_steps": search.MAX_STEPS,
        "step_penalty": search.STEP_PENALTY_MONTHS,
        "border_penalty": search.BORDER_PENALTY_MONTHS,
        "coverage_bonus": search.COVERAGE_BONUS_MONTHS,
        "half_bonus": search.COVERAGE_BONUS_MONTHS / 2,
        "unknown_months": search.UNKNOWN_DURATION_MONTHS,
        "condition_penalty": search.CONDITION_PENALTY_MONTHS,
        "group_penalty": search.GROUP_CONDITION_PENALTY_MONTHS,
        "far_penalty": search.FAR_FIRST_STEP_MONTHS,
        "near_km": search.NEAR_HOME_KM,
        "per_country": search.ROUTES_PER_OCCUPATION_AND_COUNTRY,
        "max_routes": search.MAX_ROUTES,
        "example": example,
    }
    return render(request, "gaps/how.html", context)


# What the results show ------------------------------------------------------------------------------------------


def _results(
    request: HttpRequest, result: PathwayResult, choices: PathwayChoices
) -> dict[str, Any]:
    start = result.query.starting_point
    context: dict[str, Any] = {
        "result": result,
        "start": shown(start, "name"),
        "removals": [
            RemovalRow(
                removal.constraint,
                route_texts.removed_text(
                    removal.constraint, removal.routes, result.query
                ),
                _relaxed_url(request, removal.constraint, start.code),
                route_texts.relax_link_text(removal.constraint),
            )
            for removal in result.removed
            if removal.routes
        ],
        "capped": result.total > len(result.routes),
        "dropped": [
            DroppedRow(occupation, _occupation_url(request, occupation.slug))
            for occupation in result.dropped_occupations
        ],
        "not_open": _not_open_rows(result),
    }
    every_route = [*result.routes, *result.unknown_duration]
    sites = _programme_sites(every_route)
    languages = {code: shown(lang, "name") for code, lang in choices.languages.items()}
    labels = _labels()
    urls = _programme_urls(every_route)
    countries = _country_names()
    cards = _programme_cards(every_route, sites, languages, labels, urls, countries)
    # Listed apart, after the numbered routes of the graph and the list.
    context["unknown_duration"] = [
        _route_row(len(result.routes) + n, route, cards, languages, countries)
        for n, route in enumerate(result.unknown_duration, start=1)
    ]
    context["labels"] = labels
    if not result.routes:
        context["blockers"] = [
            BlockerRow(
                blocker.constraint,
                blocker.message,
                blocker.routes_if_relaxed,
                _relaxed_url(request, blocker.constraint, start.code),
            )
            for blocker in result.blockers
        ]
        return context
    groups = occupation_groups(result.routes)
    context.update(
        {
            "graph": route_graph(start, groups),
            "groups": [
                GroupRow(
                    group.occupation,
                    [
                        _route_row(item.number, item.route, cards, languages, countries)
                        for item in group.routes
                    ],
                )
                for group in groups
            ],
            "occupation_count": len(groups),
            "map_items": _map_items(result.routes, sites, urls),
            "map_config": map_config(),
            "script_text": {
                "cleared": _("No step is chosen: every route is shown."),
                "through": _("On a route through: %(name)s"),
            },
        }
    )
    return context


def _not_open_rows(result: PathwayResult) -> list[NotOpenRow]:
    """The programmes not open to the person, with the reasons and the programme's own entry note (1 query, only
    when there are any)."""
    if not result.not_open:
        return []
    notes = {
        programme.pk: shown(programme, "entry_notes")
        for programme in Programme.objects.filter(
            pk__in=[item.programme.pk for item in result.not_open]
        ).only("entry_notes")
    }
    return [
        NotOpenRow(
            name=shown(item.programme, "name"),
            url=reverse("programmes:programme_detail", args=[item.programme.slug]),
            reasons=item.reasons,
            note=notes.get(item.programme.pk),
        )
        for item in result.not_open
    ]


def _relaxed_url(request: HttpRequest, constraint: str, start_code: str) -> str:
    """The same search without the preference (empty parameters left out), or for "entry" the catalogue of
    programmes open to the starting point."""
    if constraint not in RELAXED_PARAMETER:
        return f"{reverse('programmes:programme_list')}?{urlencode({'open_to': start_code})}"
    query = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        kept = [value for value in values if value]
        if name != RELAXED_PARAMETER[constraint] and kept:
            query.setlist(name, kept)
    return f"{request.path}?{query.urlencode()}"


def _occupation_url(request: HttpRequest, slug: str) -> str:
    """The same search for one occupation alone (a segment would contradict it, so it is left out)."""
    query = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        kept = [value for value in values if value]
        if name not in ("occupation", "segment") and kept:
            query.setlist(name, kept)
    query["occupation"] = slug
    return f"{request.path}?{query.urlencode()}"


def _programmes(routes: list[Route]) -> dict[int, Step]:
    """A step of each programme on the routes, by programme id, in the order the programmes first appear."""
    return {step.programme.pk: step for route in routes for step in route.steps}


def _programme_urls(routes: list[Route]) -> dict[int, str]:
    """The page of each programme on the routes, by programme id: the step cards and the map link to it."""
    return {
        programme_id: reverse("programmes:programme_detail", args=[step.programme.slug])
        for programme_id, step in _programmes(routes).items()
    }


def _country_names() -> dict[str, str]:
    """The name of each country in the active language, by code, looked up once per page rather than per step."""
    return {code: str(label) for code, label in Country.choices}


def _programme_sites(routes: list[Route]) -> dict[int, list[ProgrammeSite]]:
    """The distinct sites of each programme on the routes, by programme id, in the order of their slugs (no queries:
    load_network() has read the sites of the offerings)."""
    sites: dict[int, list[ProgrammeSite]] = {}
    for programme_id, step in _programmes(routes).items():
        by_slug = {site.slug: site for site in step.programme.site_rows}
        sites[programme_id] = [by_slug[slug] for slug in sorted(by_slug)]
    return sites


def _labels() -> dict[str, str]:
    """The labels of a route's totals and of a step's facts (gaps/includes/route.html and step_programme.html),
    translated once per page: they are the same on every route, and a {% translate %} tag for each label of each
    route and step was a large part of rendering the page."""
    return {
        "time": _("Time in all"),
        "languages": _("Languages"),
        "partial_languages": _("(not recorded for every step)"),
        "not_recorded": _("not recorded"),
        "places": _("Places per year"),
        "crossings": _("Border crossings"),
        "why": _("Why this occupation"),
        "provider": _("Provider"),
        "level": _("Level awarded"),
        "where": _("Where"),
        "duration": _("Duration"),
        "check": _("Check before applying:"),
        "more_facts": _("Provider, level, languages, places and study mode"),
    }


def _programme_cards(
    routes: list[Route],
    sites: dict[int, list[ProgrammeSite]],
    languages: dict[str, Shown],
    labels: dict[str, str],
    urls: dict[int, str],
    countries: dict[str, str],
) -> dict[int, str]:
    """Each programme's name and facts as a step shows them, by programme id. A programme is on many routes and
    its card is the same on each, so it is rendered once per page rather than once per step."""
    cards = {}
    steps = _programmes(routes)
    # How each programme is studied and when to apply (gaps.pathways.applying): one query for every route.
    details = applying.load_application_details(
        [step.programme for step in steps.values()], timezone.localdate()
    )
    for programme_id, step in steps.items():
        programme = step.programme
        level = programme.awarded_level.level if programme.awarded_level_id else None
        months = step.months
        context = {
            "step": step,
            "apply": details.get(programme_id),
            "labels": labels,
            "url": urls[programme_id],
            "level": f"EQF {level}"
            if level
            else _("no EQF level (short course or module)"),
            "duration": ngettext("%(months)s month", "%(months)s months", months)
            % {"months": months}
            if months
            else labels["not_recorded"],
            "places": _("not known") if step.places is None else str(step.places),
            "countries": _country_labels(
                step.countries or (step.country,), ", ", countries
            ),
            "towns": [shown(site, "town") for site in sites.get(programme_id, [])],
            "distance": route_texts.distance_text(step),
            "languages": [
                languages.get(code, Shown(code, code, False)) for code in step.languages
            ],
        }
        cards[programme_id] = render_to_string(
            "gaps/includes/step_programme.html", context
        )
    return cards


def _country_labels(
    codes: tuple[str, ...], separator: str, countries: dict[str, str]
) -> str:
    """The countries' names (see _country_names); a code that is not a country of the map as it is."""
    return separator.join(countries.get(code, code) for code in codes)


def _route_row(
    number: int,
    route: Route,
    cards: dict[int, str],
    languages: dict[str, Shown],
    countries: dict[str, str],
) -> RouteRow:
    steps = []
    codes: list[str] = []
    path = [step.country for step in route.steps]
    for step in route.steps:
        codes += [code for code in step.languages if code not in codes]
        steps.append(
            StepRow(
                step,
                cards[step.programme.pk],
                route_texts.contribution_text(step, route),
            )
        )
    return RouteRow(
        number=number,
        title=_("Route %(number)s") % {"number": number},
        route=route,
        steps=steps,
        # Where the route goes in order, so that there and back again reads "Sweden → Finland → Sweden".
        countries=_country_labels(
            tuple(c for i, c in enumerate(path) if i == 0 or path[i - 1] != c),
            " → ",
            countries,
        ),
        languages=[languages.get(code, Shown(code, code, False)) for code in codes],
        languages_known=all(step.languages for step in route.steps),
        duration=route_texts.duration_text(route),
        places=route_texts.places_text(route),
        crossings=route_texts.crossings_text(route),
        why=route_texts.why_text(route),
        unknown_steps=route_texts.unknown_steps_text(route),
    )


def _map_items(
    routes: list[Route], sites: dict[int, list[ProgrammeSite]], urls: dict[int, str]
) -> list[dict]:
    """The sites of the routes' programmes for the small map (static/js/map.js contract), one per programme and
    site, in the order the programmes first appear."""
    items, seen = [], set()
    label = _("Programme")
    for route in routes:
        for step in route.steps:
            programme = step.programme
            if programme.pk in seen:
                continue
            seen.add(programme.pk)
            name = shown(programme, "name")
            provider = shown(programme.provider, "name")
            for site in sites.get(programme.pk, []):
                town = shown(site, "town")
                items.append(
                    {
                        "name": name.text,
                        "name_lang": name.lang,
                        "url": urls[programme.pk],
                        "kind": "programme",
                        "kind_label": label,
                        "town": town.text,
                        "town_lang": town.lang,
                        "lat": float(site.latitude),
                        "lng": float(site.longitude),
                        "provider": provider.text,
                        "provider_lang": provider.lang,
                    }
                )
    return items
