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

The search reads everything it needs in a fixed number of queries (see ``load_network``) and then works in memory, so
its cost does not grow with queries per programme. In memory it is a best-first branch and bound: partial routes are
extended in order of the best score they could still reach, and the search stops when nothing left can beat the
routes to be shown, or after ``MAX_EXPANSIONS`` partial routes (benchmarks/pathways.py measures it).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db.models import Model, Prefetch, QuerySet
from django.utils.translation import gettext as _

from batteryregion.i18n import shown
from programmes.models import EntryRequirement, Offering, Programme
from skills.models import (
    Occupation,
    OccupationSkill,
    QualificationType,
    Region,
    Segment,
)

MAX_STEPS = 3
STEP_PENALTY_MONTHS = 6
BORDER_PENALTY_MONTHS = 6
COVERAGE_BONUS_MONTHS = 12
UNKNOWN_DURATION_MONTHS = (
    6  # what a step without a recorded duration weighs in the ranking
)
ROUTES_PER_OCCUPATION_AND_COUNTRY = 2
MAX_ROUTES = 60
MAX_EXPANSIONS = 1500  # partial routes the best-first search may extend; a bound on its work, see _best_first


@dataclass(frozen=True)
class PathwayQuery:
    """What the person tells: where they start and, optionally, where they want to go and what suits them."""

    starting_point: QualificationType
    occupation: Occupation | None = None
    segment: Segment | None = None
    countries: frozenset[str] = frozenset()  # "FI", "SE"; empty means both
    regions: tuple[Region, ...] = ()  # NUTS regions at any level; empty means anywhere
    languages: frozenset[str] = (
        frozenset()
    )  # language codes the person can study in; empty means any
    max_months: int | None = None  # longest total study time; None means no limit


@dataclass(frozen=True)
class Step:
    """One programme on a route, with why it is open to the person at that point."""

    programme: Programme
    countries: tuple[str, ...]  # where it is given ("FI", "SE")
    months: int | None
    languages: tuple[str, ...]  # language codes
    places: int | None
    reason: str  # plain words: "Open to holders of a Finnish vocational upper secondary qualification."

    @property
    def country(self) -> str:
        return self.countries[0] if self.countries else self.programme.provider.country


@dataclass(frozen=True)
class Route:
    """A chain of one to three programmes ending at an occupation."""

    steps: tuple[Step, ...]
    occupation: Occupation
    by_link: bool  # a programme on the route is linked to the occupation
    covered_skills: int  # essential skills of the occupation taught along the route
    essential_skills: int
    total_months: int  # sum of the known durations
    duration_known: bool  # every step has a recorded duration
    border_crossings: int
    score: float  # months; lower is better

    @property
    def coverage(self) -> float:
        """Share of the occupation's essential skills taught along the route, 0–1."""
        return (
            self.covered_skills / self.essential_skills
            if self.essential_skills
            else 0.0
        )

    @property
    def key(self) -> str:
        """A stable identifier: the programme slugs and the occupation slug."""
        return ">".join(
            [*(step.programme.slug for step in self.steps), self.occupation.slug]
        )

    @property
    def countries(self) -> tuple[str, ...]:
        """The countries of the steps in order, a country named again only after a border crossing (SE, FI, SE)."""
        countries: list[str] = []
        for step in self.steps:
            if not countries or countries[-1] != step.country:
                countries.append(step.country)
        return tuple(countries)

    @property
    def places(self) -> int | None:
        """The smallest number of places per year along the route, when every step has one."""
        known = [step.places for step in self.steps]
        return min(known) if known and None not in known else None


@dataclass(frozen=True)
class Blocker:
    """A preference that removed every route, and what relaxing it would give."""

    constraint: str  # "languages", "countries", "regions", "duration" or "entry"
    message: str
    routes_if_relaxed: int


@dataclass
class PathwayResult:
    query: PathwayQuery
    routes: list[Route] = field(default_factory=list)
    blockers: list[Blocker] = field(
        default_factory=list
    )  # only when there are no routes


@dataclass
class Network:
    """Everything the search needs, read in a fixed number of queries."""

    programmes: list[Programme]
    occupations: dict[int, Occupation]
    essential: dict[int, frozenset[int]]  # occupation id -> essential skill ids
    qualification_levels: dict[int, int | None]  # qualification type id -> EQF level


_UNUSED_COLUMNS = ("created_at", "updated_at")
"""Record timestamps: neither the search nor the pathway page and API use them, and each costs a conversion a row."""

_UNSHOWN_PROGRAMME_COLUMNS = [
    *(
        f"{field}_{code}"
        for field in ("description", "entry_notes")
        for code in ("fi", "sv", "en")
    ),
    "description",
    "entry_notes",
    *_UNUSED_COLUMNS,
]
"""Long texts and record timestamps: neither the search nor the pathway page and API use them."""

_OFFERING_JOINS = (
    "site",
    "site__region",
    "site__region__parent",
    "site__region__parent__parent",
    "site__region__parent__parent__parent",
)
"""An offering's site and its regions up to the country, for the country and region preferences (their outlines,
a GeoJSON text a row, are left out)."""


def load_network() -> Network:
    """Published programmes with requirements, skills, occupations, languages and sites; occupations with their
    essential skills (10 queries, whatever the size of the data).

    Entry requirements, skills, occupations and languages come as plain values, in one query each, set on each
    programme as ``requirement_pairs`` (accepted qualification type id, minimum EQF level), ``skill_ids``,
    ``occupation_ids`` and ``language_codes``: the search compares nothing else, and a model instance for every
    requirement and link was most of the time of loading. Programme columns no page or answer shows are left out.
    """
    published = Programme.objects.published()
    programmes = list(
        published.select_related(
            "provider", "awarded_level", "awarded_qualification__level"
        )
        .defer(*_UNSHOWN_PROGRAMME_COLUMNS)
        .prefetch_related(
            Prefetch(
                "offerings",
                Offering.objects.select_related(_OFFERING_JOINS[-1]).defer(
                    *_UNUSED_COLUMNS,
                    *(
                        f"{join}__{name}"
                        for join in _OFFERING_JOINS
                        for name in _UNUSED_COLUMNS
                    ),
                    *(f"{join}__boundary" for join in _OFFERING_JOINS[1:]),
                ),
                to_attr="offering_list",
            ),
        )
        .order_by("slug")
    )
    requirements = _links(
        EntryRequirement, ("qualification_type_id", "min_level__level"), published
    )
    skills = _links(Programme.skills.through, "skill_id", published)
    links = _links(Programme.occupations.through, "occupation_id", published)
    languages = _links(Programme.languages.through, "language__code", published)
    for programme in programmes:
        programme.requirement_pairs = tuple(requirements.get(programme.pk, ()))
        programme.skill_ids = frozenset(skills.get(programme.pk, ()))
        programme.occupation_ids = frozenset(links.get(programme.pk, ()))
        programme.language_codes = tuple(sorted(languages.get(programme.pk, ())))
    occupations = {o.pk: o for o in Occupation.objects.prefetch_related("segments")}
    essential: dict[int, set[int]] = defaultdict(set)
    for occupation_id, skill_id in OccupationSkill.objects.filter(
        relation=OccupationSkill.Relation.ESSENTIAL
    ).values_list("occupation_id", "skill_id"):
        essential[occupation_id].add(skill_id)
    levels = dict(QualificationType.objects.values_list("pk", "level__level"))
    return Network(
        programmes=programmes,
        occupations=occupations,
        essential={k: frozenset(v) for k, v in essential.items()},
        qualification_levels=levels,
    )


def _links(
    model: type[Model], value: str | tuple[str, ...], programmes: QuerySet
) -> dict[int, list]:
    """The values of one table's rows for each of the programmes, by programme id, in the order of the rows
    (1 query). A tuple of names gives tuples of values."""
    names = value if isinstance(value, tuple) else (value,)
    rows = (
        model.objects.filter(programme__in=programmes)
        .order_by("pk")
        .values_list("programme_id", *names)
    )
    by_programme: dict[int, list] = defaultdict(list)
    for programme_id, *values in rows:
        by_programme[programme_id].append(
            tuple(values) if len(names) > 1 else values[0]
        )
    return by_programme


def find_pathways(query: PathwayQuery, network: Network | None = None) -> PathwayResult:
    """Routes for the query, best first; when there are none, the preferences that removed them."""
    network = network or load_network()
    routes = _search(query, network)
    result = PathwayResult(query=query, routes=routes)
    if not routes:
        result.blockers = _explain(query, network)
    return result


# The search ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Node:
    """A programme reduced to the plain values the search touches in its inner loop."""

    index: int
    programme: Programme
    level: int | None  # EQF level awarded
    qualification_id: int | None  # qualification type awarded
    months: int
    ranked_months: int  # months in the ranking: the duration, or UNKNOWN_DURATION_MONTHS when it is not recorded
    requirements: tuple[
        tuple[int | None, int | None], ...
    ]  # (accepted qualification type id, minimum level)
    skills: frozenset[int]
    links: frozenset[int]  # occupations it is linked to
    touches: frozenset[int]  # occupations it links to or teaches an essential skill of
    country: str
    places: int


@dataclass
class _Found:
    """A route found by the search, kept as plain values until it is ranked."""

    score: float
    places: int
    nodes: tuple[int, ...]
    reasons: tuple[
        tuple[int, int], ...
    ]  # per step: (requirement index, held qualification index)
    held: tuple[tuple[int | None, int | None, str], ...]
    occupation_id: int
    by_link: bool
    covered: int
    months: int
    crossings: int


@dataclass
class _Search:
    """One search's working state: the query, the programmes it may use and what it has found."""

    query: PathwayQuery
    network: Network
    nodes: list[_Node]
    found: dict[tuple[int, str], list[_Found]] = field(
        default_factory=dict
    )  # (occupation, country) -> best routes
    _cutoff: float | None = None
    _open_steps: dict[tuple, dict[int, tuple[int, int]]] = field(default_factory=dict)

    def open_steps(
        self, held: tuple[tuple[int | None, int | None, str], ...]
    ) -> dict[int, tuple[int, int]]:
        """The programmes open to someone holding `held`, by node index in node order, each with the (requirement,
        held qualification) pair that opens it. Worked out once per set of qualifications: many partial routes
        hold the same few, and a route is extended only by programmes open to it. Names do not open anything, so
        routes through different programmes awarding the same qualification share the answer."""
        key = tuple(
            (qualification_id, level) for qualification_id, level, _name in held
        )
        if key not in self._open_steps:
            self._open_steps[key] = {
                node.index: reason
                for node in self.nodes
                if (reason := _open(node, held)) is not None
            }
        return self._open_steps[key]

    def worst_kept(self, group: tuple[int, str]) -> float:
        """The score a new route of the group must beat (infinite while the group is not full)."""
        kept = self.found.get(group, [])
        return (
            kept[-1].score
            if len(kept) >= ROUTES_PER_OCCUPATION_AND_COUNTRY
            else float("inf")
        )

    def keep(self, route: _Found, group: tuple[int, str]) -> None:
        kept = self.found.setdefault(group, [])
        kept.append(route)
        kept.sort(key=lambda r: (r.score, -r.places, r.nodes))
        del kept[ROUTES_PER_OCCUPATION_AND_COUNTRY:]
        self._cutoff = None

    def cutoff(self) -> float:
        """The score of the last route that would be shown (infinite until MAX_ROUTES are kept)."""
        if self._cutoff is None:
            scores = sorted(r.score for kept in self.found.values() for r in kept)
            enough = len(scores) >= MAX_ROUTES
            self._cutoff = scores[MAX_ROUTES - 1] if enough else float("inf")
        return self._cutoff


def _search(query: PathwayQuery, network: Network) -> list[Route]:
    needed_by: dict[int, list[int]] = defaultdict(list)
    for occupation_id, skills in network.essential.items():
        for skill_id in skills:
            needed_by[skill_id].append(occupation_id)
    nodes = []
    allowed = sorted(
        (p for p in network.programmes if _fits_preferences(p, query)),
        key=lambda p: (p.duration_months or 0, p.slug),
    )
    for index, programme in enumerate(allowed):
        skills = programme.skill_ids
        links = programme.occupation_ids
        nodes.append(
            _Node(
                index=index,
                programme=programme,
                level=programme.awarded_level.level
                if programme.awarded_level_id
                else None,
                qualification_id=programme.awarded_qualification_id,
                months=programme.duration_months or 0,
                ranked_months=programme.duration_months
                if programme.duration_months is not None
                else UNKNOWN_DURATION_MONTHS,
                requirements=programme.requirement_pairs,
                skills=skills,
                links=links,
                touches=links
                | frozenset(o for skill in skills for o in needed_by.get(skill, ())),
                country=_countries(programme)[0],
                places=programme.places_per_year or 0,
            )
        )
    search = _Search(query, network, nodes)
    start = query.starting_point
    held = (
        (
            start.pk,
            network.qualification_levels.get(start.pk),
            shown(start, "name").text,
        ),
    )
    targets = frozenset(o.pk for o in _target_occupations(query, network))
    start = _Partial((), (), held, frozenset(), frozenset(), targets, 0, 0, 0)
    _best_first(search, start)
    found = sorted(
        (route for kept in search.found.values() for route in kept),
        key=lambda r: (r.score, -r.places, r.nodes, r.occupation_id),
    )[:MAX_ROUTES]
    return [_materialise(route, search) for route in found]


@dataclass(frozen=True)
class _Partial:
    """A route being built: its programmes so far and what they add up to."""

    path: tuple[int, ...]
    reasons: tuple[tuple[int, int], ...]
    held: tuple[tuple[int | None, int | None, str], ...]
    # skill ids taught so far; an occupation's coverage is counted from them only when it is checked
    taught: frozenset[int]
    linked: frozenset[int]
    targets: frozenset[int]  # occupations not reached yet
    months: int
    ranked_months: int
    crossings: int

    @property
    def bound(self) -> float:
        """The best score any route through this partial route could still get."""
        steps = max(len(self.path) - 1, 0)
        return (
            self.ranked_months
            + STEP_PENALTY_MONTHS * steps
            + BORDER_PENALTY_MONTHS * self.crossings
            - COVERAGE_BONUS_MONTHS
        )


def _best_first(search: _Search, start: _Partial) -> None:
    """Expand partial routes in order of their bound until no route left to find can beat the ones kept.

    Every route through a partial route scores at least its bound, and extending a route only raises the
    bound, so once the lowest bound left exceeds the score of the last route that would be shown, the
    search is complete. When few routes exist (a narrow goal), the cutoff stays open; MAX_EXPANSIONS then caps the
    work, and because partial routes are taken best first, the routes it has found are the best ones in reach.
    """
    frontier: list[tuple[float, int, _Partial]] = [(start.bound, 0, start)]
    counter = 1
    expansions = 0
    while frontier and expansions < MAX_EXPANSIONS:
        bound, _order, partial = heapq.heappop(frontier)
        if bound > search.cutoff():
            break
        expansions += 1
        for child in _expand(search, partial):
            heapq.heappush(frontier, (child.bound, counter, child))
            counter += 1


def _expand(search: _Search, partial: _Partial) -> list[_Partial]:
    """Try each open programme as the next step; record what it reaches; return the routes to extend."""
    path, held, targets = partial.path, partial.held, partial.targets
    top_level = max((level or 0 for _q, level, _n in held), default=0)
    last_step = len(path) == MAX_STEPS - 1
    threshold = settings.PATHWAY_COVERAGE_THRESHOLD
    max_months = search.query.max_months
    previous_country = search.nodes[path[-1]].country if path else None
    step_penalty = STEP_PENALTY_MONTHS * len(path)
    children = []
    for index, reason in search.open_steps(held).items():
        node = search.nodes[index]
        if index in path:
            continue
        if last_step and not node.touches & targets:
            continue  # a final step that cannot reach any remaining goal
        if path and node.level is not None and node.level <= top_level:
            continue  # a further step must raise the level, or be upskilling that awards nothing
        route_months = partial.months + node.months
        if max_months is not None and route_months > max_months:
            continue
        crossings = partial.crossings + (
            previous_country is not None and node.country != previous_country
        )
        ranked_months = partial.ranked_months + node.ranked_months
        fixed = ranked_months + step_penalty + BORDER_PENALTY_MONTHS * crossings
        if fixed - COVERAGE_BONUS_MONTHS > search.cutoff():
            continue  # no route through this step can be shown any more
        taught = partial.taught | node.skills
        linked = partial.linked | node.links
        route_path = (*path, node.index)
        reasons = (*partial.reasons, reason)
        reached = set()
        for occupation_id in targets & (node.touches | linked):
            needed = search.network.essential.get(occupation_id, frozenset())
            essential, count = len(needed), len(needed & taught)
            by_link = occupation_id in linked
            if not (by_link or (essential and count / essential >= threshold)):
                continue
            reached.add(occupation_id)
            if path and _reaches_alone(node, occupation_id, held, search, threshold):
                continue  # the last programme alone would do: earlier steps only add time
            coverage = count / essential if essential else 0.0
            score = fixed - COVERAGE_BONUS_MONTHS * coverage
            group = (occupation_id, node.country)
            if score < search.worst_kept(group):
                places = min(search.nodes[i].places for i in route_path)
                found = _Found(score, places, route_path, reasons, held, occupation_id,
                               by_link, count, route_months, crossings)  # fmt: skip
                search.keep(found, group)
        remaining = targets - reached
        if remaining and not last_step:
            new_held = held
            if node.level is not None or node.qualification_id:
                name = shown(node.programme, "name").text
                new_held = (*held, (node.qualification_id, node.level, name))
            children.append(
                _Partial(route_path, reasons, new_held, taught, linked, remaining, route_months,
                         ranked_months, crossings)
            )  # fmt: skip
    return children


def _open(
    node: _Node, held: tuple[tuple[int | None, int | None, str], ...]
) -> tuple[int, int] | None:
    """The first (requirement, held qualification) pair that opens the programme, or None."""
    for r_index, (accepted, min_level) in enumerate(node.requirements):
        for h_index, (qualification_id, level, _name) in enumerate(held):
            if accepted is not None and accepted == qualification_id:
                return r_index, h_index
            if min_level is not None and level is not None and level >= min_level:
                return r_index, h_index
    return None


def _reaches_alone(
    node: _Node,
    occupation_id: int,
    held: tuple[tuple[int | None, int | None, str], ...],
    search: _Search,
    threshold: float,
) -> bool:
    """Whether the programme, taken straight from the starting point, would reach the occupation by itself."""
    if node.index not in search.open_steps(held[:1]):
        return False
    if occupation_id in node.links:
        return True
    essential = search.network.essential.get(occupation_id, frozenset())
    return (
        bool(essential) and len(essential & node.skills) / len(essential) >= threshold
    )


def _reason(
    node: _Node,
    reason: tuple[int, int],
    held: tuple[tuple[int | None, int | None, str], ...],
) -> str:
    """Why the step is open to the person, in plain words."""
    accepted, min_level = node.requirements[reason[0]]
    name = held[reason[1]][2]
    if accepted is not None:
        return _("Open to people with: %(qualification)s.") % {"qualification": name}
    return _(
        "Open to anyone with a qualification at EQF level %(level)s or above, such as %(qualification)s."
    ) % {
        "level": min_level,
        "qualification": name,
    }


def _materialise(found: _Found, search: _Search) -> Route:
    """The public Route of a ranked search result."""
    steps = []
    for position, index in enumerate(found.nodes):
        node = search.nodes[index]
        # The qualifications held at this step: the start plus what earlier steps awarded.
        held_here = found.held[
            : 1 + sum(1 for i in found.nodes[:position] if _awards(search.nodes[i]))
        ]
        steps.append(
            _step(node.programme, _reason(node, found.reasons[position], held_here))
        )
    occupation = search.network.occupations[found.occupation_id]
    return Route(
        steps=tuple(steps),
        occupation=occupation,
        by_link=found.by_link,
        covered_skills=found.covered,
        essential_skills=len(search.network.essential.get(found.occupation_id, ())),
        total_months=found.months,
        duration_known=all(step.months is not None for step in steps),
        border_crossings=found.crossings,
        score=found.score,
    )


def _awards(node: _Node) -> bool:
    return node.level is not None or node.qualification_id is not None


def _fits_preferences(programme: Programme, query: PathwayQuery) -> bool:
    if query.languages and programme.language_codes:
        if not set(programme.language_codes) & query.languages:
            return False
    if query.countries and not set(_countries(programme)) & query.countries:
        return False
    if query.regions:
        wanted = {region.pk for region in query.regions}
        if not any(
            _region_chain(offering.site.region) & wanted
            for offering in programme.offering_list
        ):
            return False
    return True


def _region_chain(region: Region) -> set[int]:
    """The region and its parents (NUTS 3 up to the country), from the joined rows."""
    chain: set[int] = set()
    while region is not None:
        chain.add(region.pk)
        region = region.parent
    return chain


def _countries(programme: Programme) -> tuple[str, ...]:
    countries = tuple(
        dict.fromkeys(
            offering.site.region.country for offering in programme.offering_list
        )
    )
    return countries or (programme.provider.country,)


def _step(programme: Programme, reason: str) -> Step:
    return Step(
        programme=programme,
        countries=_countries(programme),
        months=programme.duration_months,
        languages=programme.language_codes,
        places=programme.places_per_year,
        reason=reason,
    )


def _target_occupations(query: PathwayQuery, network: Network) -> list[Occupation]:
    if query.occupation is not None:
        return (
            [network.occupations[query.occupation.pk]]
            if query.occupation.pk in network.occupations
            else []
        )
    occupations = list(network.occupations.values())
    if query.segment is not None:
        occupations = [
            o
            for o in occupations
            if any(s.pk == query.segment.pk for s in o.segments.all())
        ]
    return occupations


def score(route: Route) -> float:
    """Months, lower is better: duration (6 for a step without one) + 6 per extra step + 6 per border crossing
    − 12 × skill coverage."""
    unknown = sum(1 for step in route.steps if step.months is None)
    return (
        route.total_months
        + UNKNOWN_DURATION_MONTHS * unknown
        + STEP_PENALTY_MONTHS * (len(route.steps) - 1)
        + BORDER_PENALTY_MONTHS * route.border_crossings
        - COVERAGE_BONUS_MONTHS * route.coverage
    )


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
            count = len(_search(relaxed, network))
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
        blockers.append(Blocker("entry", message, len(_search(relaxed, network))))
    return blockers
