"""Pathway search: routes from a person's starting point through one to three programmes to an occupation.

The rules (also explained to users on the "How routes are chosen" page):

* A programme is *open* to a person when one of its entry requirements accepts a qualification the person holds:
  their starting point, or a qualification awarded by an earlier step of the route. A requirement accepts a
  qualification when it names that qualification type, or when it asks for "any qualification at EQF level n or
  above" and the qualification sits at level n or higher. "Work experience without a qualification" has no level,
  so only programmes that name it are open to it.
* A route has at most three programmes. After the first step, a further step must either award a higher EQF level
  than the person then holds, or be a short course, module or other offer that awards no qualification
  (upskilling). A programme appears at most once in a route.
* A route *reaches* an occupation when a programme on it is linked to the occupation, or when the skills taught along
  the route cover at least ``settings.PATHWAY_COVERAGE_THRESHOLD`` of the occupation's essential skills. A route is not
  extended once it reaches an occupation: a longer route to the same occupation through it would only add time.
* Preferences filter the programmes: languages (the programme teaches in one of them; a programme without recorded
  languages is kept and its step says so), countries and regions (the programme is given at a site there), and the
  longest total study time (programmes without a recorded duration count as zero months and the route says so).
* Routes are ranked by a score in months, lowest first (see ``score``): total duration (a step without a recorded
  duration weighs six months), plus six months for each step after the first and for each border crossing, minus up
  to twelve months for skill coverage; ties go to the route with more places. A longer route whose last programme
  would reach the occupation on its own, straight from the starting point, is left out. For each occupation the best two routes
  ending on each side of the border are kept, at most sixty routes in all.

The search reads everything it needs in a fixed number of queries (``load_network``, in gaps/pathways/network.py) and
then works in memory (gaps/pathways/best_first.py), so its cost does not grow with queries per programme. In memory it is a
best-first branch and bound: partial routes are extended in order of the best score they could still reach, and the
search stops when nothing left can beat the routes to be shown, or after ``MAX_EXPANSIONS`` partial routes
(benchmarks/pathways.py measures it). What a search is asked and answers (``PathwayQuery``, ``Route``,
``PathwayResult``) and the ranking numbers are in gaps/pathways/routes.py; this module brings the parts together and is
where the rest of the project imports them from.
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext as _

from gaps.pathways.best_first import search_routes
from gaps.pathways.network import Network, ProgrammeSite, load_network
from gaps.pathways.routes import (
    BORDER_PENALTY_MONTHS,
    COVERAGE_BONUS_MONTHS,
    MAX_EXPANSIONS,
    MAX_ROUTES,
    MAX_STEPS,
    ROUTES_PER_OCCUPATION_AND_COUNTRY,
    STEP_PENALTY_MONTHS,
    UNKNOWN_DURATION_MONTHS,
    Blocker,
    PathwayQuery,
    PathwayResult,
    Route,
    Step,
    score,
)

__all__ = [
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
    "PathwayQuery",
    "PathwayResult",
    "ProgrammeSite",
    "Route",
    "Step",
    "find_pathways",
    "load_network",
    "score",
]


def find_pathways(query: PathwayQuery, network: Network | None = None) -> PathwayResult:
    """Routes for the query, best first; when there are none, the preferences that removed them."""
    network = network or load_network()
    routes = search_routes(query, network)
    result = PathwayResult(query=query, routes=routes)
    if not routes:
        result.blockers = _explain(query, network)
    return result


def _explain(query: PathwayQuery, network: Network) -> list[Blocker]:
    """Which preference removed the routes: try the search again with each one relaxed (no new queries)."""
    relaxations = [
        ("languages", bool(query.languages), replace(query, languages=frozenset()),
         _("No route teaches in the languages you chose.")),
        ("countries", bool(query.countries), replace(query, countries=frozenset()),
         _("No route runs in the country you chose.")),
        ("regions", bool(query.regions), replace(query, regions=()),
         _("No route runs in the regions you chose.")),
        ("duration", query.max_months is not None, replace(query, max_months=None),
         _("Every route takes longer than the time you have.")),
    ]  # fmt: skip
    blockers = []
    for constraint, is_set, relaxed, message in relaxations:
        if is_set:
            count = len(search_routes(relaxed, network))
            if count:
                blockers.append(Blocker(constraint, message, count))
    if not blockers:
        relaxed = replace(
            query,
            languages=frozenset(),
            countries=frozenset(),
            regions=(),
            max_months=None,
        )
        if query.occupation is not None or query.segment is not None:
            message = _(
                "No programme open to your starting point leads to this goal within three steps."
            )
        else:
            message = _("No programme on the map is open to your starting point yet.")
        blockers.append(Blocker("entry", message, len(search_routes(relaxed, network))))
    return blockers
