"""Pathway search: routes from a person's starting point through one to three programmes to an occupation.

The rules (also explained to users on the "How routes are chosen" page):

* A programme is *open* to a person when one of its entry requirements accepts a qualification the person holds:
  their starting point, or a qualification awarded by an earlier step of the route. A requirement accepts a
  qualification when it names that qualification type, or when it asks for "any qualification at EQF level n or
  above" and the qualification sits at level n or higher. "Work experience without a qualification" has no level,
  so only programmes that name it are open to it.
* A route has at most three programmes and never steps backwards. A first step that awards a qualification must award
  a higher EQF level than the starting point's; a further step must award a higher level than the person then holds.
  Either may instead be a short course, module or other offer that awards no qualification (upskilling). No step
  awards the very qualification type the person starts with, and a programme appears at most once in a route. (The
  person's field of study is not known: only the level counts.)
* No step awards a level far above the occupation's: at most one EQF level above the education its ISCO-08 skill
  level stands for (``routes.highest_level_for``: EQF 4 for elementary occupations, 5 for clerical, service, craft
  and operator occupations, 6 for technicians; none for professionals and managers). What the person holds is not
  limited.
* Every step adds something towards the occupation: a step that awards no qualification (and is in no field that a
  field-gated programme asks for) comes before another step only if it teaches some of the occupation's essential
  skills; a route through it would only be a longer way to what the route without it reaches.
* A route *reaches* an occupation when a programme on it is linked to the occupation (it "leads directly" there), or
  when the skills taught along the route cover at least ``settings.PATHWAY_COVERAGE_THRESHOLD`` (0.5 unless configured)
  of the occupation's essential skills. No route is said to reach an occupation with less. A step that is not linked
  but teaches some of those skills shows its share of them ("teaches part of"). A route is not extended once it
  reaches an occupation: a longer route to the same occupation through it would only add time.
* The same programmes in another order to the same occupation are one route: the better-ranked order is kept, or
  another order where that one is not among the best routes ending in its country. Routes of the same score go by
  places, then by a fixed order of the programmes, so the same search always gives the same routes.
* A route crosses the border between Finland and Sweden at most once, unless no route crossing it at most once
  reaches that occupation.
* Preferences filter the programmes: languages (the programme teaches in one of them; a programme without recorded
  languages is kept and its step says so), countries and regions (the programme is given at a site there), and the
  longest total study time. An unknown duration is unknown, never zero: a route with a step without a recorded
  duration does not fit a study-time limit; if its recorded durations fit, it is listed apart ("Duration not
  known"), and the route names the steps without one. Without a limit such routes are listed with the others, their
  total shown as "at least N months + unknown". For each preference that is set, the search runs again in memory
  without it, and the result counts the routes it removed (``PathwayResult.removed``); that search starts from the
  routes already found (they are its routes too) and only looks for better ones, as does the search without the
  admission rules behind "Not open to you".
* Routes are ranked by a score in months, lowest first (see ``score``): total duration (a step without a recorded
  duration weighs ``UNKNOWN_DURATION_MONTHS``, six months), plus six months for each step after the first and for each
  border crossing, minus up to twelve months for skill coverage; ties go to the route with more places. A longer
  route whose last programme would reach the occupation on its own, straight from the starting point, is left out.
  For each occupation the best two routes ending on each side of the border are kept, at most sixty routes in all;
  ``PathwayResult.total`` counts the routes before that cap and ``dropped_occupations`` names the occupations only
  the routes beyond it reach. Once sixty routes are kept, the search stops trying routes that could not be among
  them (a full count took several times as long); ``total_complete`` is then False and the total reads "at least".
* When nothing is found for a chosen occupation that no programme leads to (``untrained_occupations``: no programme
  that may be on a route to it is linked to it and all of them together teach less than the coverage threshold of
  its essential skills, a cheap approximation of "no route from any starting point"), the result says so instead of
  blaming the starting point.

The search reads everything it needs in a fixed number of queries (``load_network``, in gaps/pathways/network.py; each
process keeps it until the data changes, ``cached_network``, so a search usually reads none) and then works in memory (gaps/pathways/best_first.py), so its cost does not grow with queries per programme. In memory it is a
best-first branch and bound: partial routes are extended in order of the best score they could still reach, one step at
a time, cheapest first; a partial route is dropped once every group of routes it could still join (a remaining
occupation and a country) holds two routes that its cheapest possible last step could not beat, and the search stops
when nothing left can beat the routes to be shown, or after ``MAX_EXPANSIONS`` partial routes. A step that awards a
qualification is not extended towards a target it does not touch once two steps as cheap or cheaper awarding the same
qualification in the same country (and field, where a programme asks for earlier education in one), which do not touch
it either, were tried in its place (each route through it would rank
below the two through them; next_steps.outclassed). When a route can take only one more step after the next, a next
step is not tried further if no route through it could be kept: it completes no route, and no programme open after it
could end a longer route, linked to a target or teaching enough of its essential skills to make up what the route then
lacks (next_steps.UsefulSteps; gaps/pathways/last_steps.py tables those programmes once per qualification held).
gaps/pathways/search_state.py has the bounds;
benchmarks/pathways.py measures the search. What a search is asked and answers (``PathwayQuery``, ``Route``,
``PathwayResult``) and the ranking numbers are in gaps/pathways/routes.py; this module brings the parts together and is
where the rest of the project imports them from.
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext as _

from gaps.pathways.best_first import search_routes
from gaps.pathways.eligibility import assess
from gaps.pathways.network import (
    Network,
    ProgrammeSite,
    cached_network,
    load_network,
    untrained_occupations,
)
from gaps.pathways.nodes import fits_preferences
from gaps.pathways.routes import (
    AGE_GROUPS,
    BORDER_PENALTY_MONTHS,
    CONDITION_PENALTY_MONTHS,
    COVERAGE_BONUS_MONTHS,
    FAR_FIRST_STEP_MONTHS,
    GROUP_CONDITION_PENALTY_MONTHS,
    MAX_EXPANSIONS,
    MAX_ROUTES,
    MAX_STEPS,
    MOBILITIES,
    NEAR_HOME_KM,
    ROUTES_PER_OCCUPATION_AND_COUNTRY,
    SITUATIONS,
    STEP_PENALTY_MONTHS,
    UNKNOWN_DURATION_MONTHS,
    Blocker,
    Home,
    NotOpen,
    PathwayQuery,
    PathwayResult,
    Removal,
    Route,
    SearchOutcome,
    Step,
    score,
)

__all__ = [
    "AGE_GROUPS",
    "CONDITION_PENALTY_MONTHS",
    "GROUP_CONDITION_PENALTY_MONTHS",
    "FAR_FIRST_STEP_MONTHS",
    "MOBILITIES",
    "NEAR_HOME_KM",
    "SITUATIONS",
    "Home",
    "NotOpen",
    "BORDER_PENALTY_MONTHS",
    "COVERAGE_BONUS_MONTHS",
    "MAX_EXPANSIONS",
    "MAX_ROUTES",
    "MAX_STEPS",
    "ROUTES_PER_OCCUPATION_AND_COUNTRY",
    "STEP_PENALTY_MONTHS",
    "UNKNOWN_DURATION_MONTHS",
    "Blocker",
    "Network",
    "cached_network",
    "PathwayQuery",
    "PathwayResult",
    "ProgrammeSite",
    "Removal",
    "Route",
    "Step",
    "find_pathways",
    "load_network",
    "untrained_occupations",
    "score",
]


def find_pathways(query: PathwayQuery, network: Network | None = None) -> PathwayResult:
    """Routes for the query, best first, with how many each preference removed; when there are none, the
    preferences that removed them. The search runs again in memory once per preference set (no new queries)."""
    network = network or cached_network()
    outcome = search_routes(query, network)
    result = PathwayResult(
        query=query,
        routes=outcome.routes,
        total=outcome.total,
        total_complete=outcome.complete,
        dropped_occupations=outcome.dropped_occupations,
        unknown_duration=outcome.unknown_duration,
    )
    relaxed = {
        constraint: search_routes(relaxed, network, seeds=outcome)
        for constraint, relaxed in _relaxations(query)
    }
    listed = outcome.found
    result.removed = [
        Removal(constraint, len(other.found - listed))
        for constraint, other in relaxed.items()
    ]
    if query.apply_rules:
        result.not_open = _not_open(query, network, outcome)
    if not outcome.routes:
        result.blockers = _explain(query, network, relaxed)
    return result


MAX_NOT_OPEN = 10


def _not_open(
    query: PathwayQuery, network: Network, outcome: SearchOutcome
) -> list[NotOpen]:
    """The programmes that the best routes found without the admission rules take and the person may not: each
    with the rules it does not meet, in the order of those routes, at most MAX_NOT_OPEN."""
    if not any(
        assess(p, query).closed
        for p in network.programmes
        if fits_preferences(p, query)
    ):
        return []  # no programme the search may take is closed to the person: it would list none
    # Only the best routes matter here, and they are found first: a third of the main search's work will do.
    without_rules = search_routes(
        replace(query, apply_rules=False), network, MAX_EXPANSIONS // 3, outcome
    )
    listed = outcome.found
    closed: dict[int, NotOpen] = {}
    for route in without_rules.routes:
        if (tuple(s.programme.pk for s in route.steps), route.occupation.pk) in listed:
            continue
        for position, step in enumerate(route.steps):
            programme = step.programme
            if programme.pk in closed:
                continue
            assessment = assess(programme, query)
            rules = assessment.closed
            if not rules or (position > 0 and assessment.closed_only_by_field):
                continue
            closed[programme.pk] = NotOpen(programme, tuple(r.text for r in rules))
    return list(closed.values())[:MAX_NOT_OPEN]


def _relaxations(query: PathwayQuery) -> list[tuple[str, PathwayQuery]]:
    """The query without each preference that is set, one at a time."""
    relaxations = [
        ("languages", bool(query.languages), replace(query, languages=frozenset())),
        ("countries", bool(query.countries), replace(query, countries=frozenset())),
        ("regions", bool(query.regions), replace(query, regions=())),
        ("duration", query.max_months is not None, replace(query, max_months=None)),
        (
            "mobility",
            query.mobility in ("commute", "distance"),
            replace(query, mobility=None),
        ),
    ]
    return [
        (constraint, relaxed) for constraint, is_set, relaxed in relaxations if is_set
    ]


def _explain(
    query: PathwayQuery, network: Network, relaxed: dict[str, SearchOutcome]
) -> list[Blocker]:
    """Which preference removed the routes: the searches with each one relaxed."""
    messages = {
        "languages": _("No route teaches in the languages you chose."),
        "countries": _("No route runs in the country you chose."),
        "regions": _("No route runs in the regions you chose."),
        "duration": _("Every route takes longer than the time you have."),
        "mobility": _(
            "No route can be studied the way you need (near home, or at a distance or part-time)."
        ),
    }
    blockers = [
        Blocker(constraint, messages[constraint], len(outcome.routes))
        for constraint, outcome in relaxed.items()
        if outcome.routes
    ]
    if blockers:
        return blockers
    if query.occupation is not None and query.occupation.pk in untrained_occupations(
        network
    ):
        return [
            Blocker(
                "untrained",
                _("No programme in the map leads to this occupation yet."),
                0,
            )
        ]
    everything = replace(
        query,
        languages=frozenset(),
        countries=frozenset(),
        regions=(),
        max_months=None,
        mobility=None,
    )
    if query.occupation is not None or query.segment is not None:
        message = _(
            "No programme open to your starting point leads to this goal within three steps."
        )
    else:
        message = _("No programme on the map is open to your starting point yet.")
    return [Blocker("entry", message, len(search_routes(everything, network).routes))]
