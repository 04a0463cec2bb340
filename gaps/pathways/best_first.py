"""The pathway search in memory: a best-first branch and bound over the programmes of a ``Network`` (the rules are
explained in gaps/pathways/search.py). ``search_routes`` is its entry point; everything else here is its machinery."""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from batteryregion.i18n import shown
from gaps.pathways.network import Network
from gaps.pathways.routes import (
    BORDER_PENALTY_MONTHS,
    COVERAGE_BONUS_MONTHS,
    MAX_EXPANSIONS,
    MAX_ROUTES,
    MAX_STEPS,
    ROUTES_PER_OCCUPATION_AND_COUNTRY,
    STEP_PENALTY_MONTHS,
    UNKNOWN_DURATION_MONTHS,
    PathwayQuery,
    Route,
    Step,
)
from programmes.models import Programme
from skills.models import Occupation


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
    skills: int  # the skills it teaches, as a bit mask (see _SkillBits)
    links: frozenset[int]  # occupations it is linked to
    touches: frozenset[int]  # occupations it links to or teaches an essential skill of
    country: str
    places: int
    name: str  # as the reasons name the qualification it awards


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


class _SkillBits:
    """Skill sets as bit masks, one bit per skill: the inner loop unites the skills taught along a route and counts
    how many of an occupation's essential skills they cover, and on integers each is one operation where frozensets
    allocated a new set every time."""

    def __init__(self, essential: dict[int, frozenset[int]]) -> None:
        self._bit: dict[int, int] = {}
        # occupation id -> (its essential skills as a mask, how many there are)
        self.essential = {
            occupation_id: (self.mask(skills), len(skills))
            for occupation_id, skills in essential.items()
        }

    def mask(self, skill_ids: frozenset[int]) -> int:
        mask = 0
        for skill_id in skill_ids:
            mask |= 1 << self._bit.setdefault(skill_id, len(self._bit))
        return mask


_NO_SKILLS = (0, 0)  # an occupation without essential skills: no mask, none to cover


@dataclass
class _Search:
    """One search's working state: the query, the programmes it may use and what it has found."""

    query: PathwayQuery
    network: Network
    nodes: list[_Node]
    bits: _SkillBits
    found: dict[tuple[int, str], list[_Found]] = field(
        default_factory=dict
    )  # (occupation, country) -> best routes
    _cutoff: float | None = None
    _open_steps: dict[tuple, dict[int, tuple[int, int]]] = field(default_factory=dict)
    # node index -> the occupations the programme reaches on its own, straight from the starting point
    _alone: dict[int, frozenset[int]] = field(default_factory=dict)
    _open_at_start: dict[int, tuple[int, int]] = field(default_factory=dict)
    # the nodes that touch a goal of the search (a last step must), and the open ones among them per held key
    goal_nodes: frozenset[int] = frozenset()
    _open_last_steps: dict[tuple, list[tuple[int, tuple[int, int]]]] = field(
        default_factory=dict
    )

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

    def open_last_steps(
        self, held: tuple[tuple[int | None, int | None, str], ...]
    ) -> list[tuple[int, tuple[int, int]]]:
        """The items of open_steps(held) whose programme touches a goal of the search: only they can be the last
        step of a route, which is most of the steps tried when the data grows. Goals are only ever dropped, so
        nothing outside them can touch a goal a partial route still has."""
        key = tuple(
            (qualification_id, level) for qualification_id, level, _name in held
        )
        if key not in self._open_last_steps:
            self._open_last_steps[key] = [
                (index, reason)
                for index, reason in self.open_steps(held).items()
                if index in self.goal_nodes
            ]
        return self._open_last_steps[key]

    def reaches_alone(self, node: _Node, threshold: float) -> frozenset[int]:
        """The occupations the programme, taken straight from the starting point, would reach by itself: linked to
        it, or enough of their essential skills taught by it. Worked out once per programme and search."""
        if node.index not in self._alone:
            reached: set[int] = set()
            if node.index in self._open_at_start:
                reached.update(node.links)
                for occupation_id in node.touches - node.links:
                    mask, count = self.bits.essential.get(occupation_id, _NO_SKILLS)
                    if count and (mask & node.skills).bit_count() / count >= threshold:
                        reached.add(occupation_id)
            self._alone[node.index] = frozenset(reached)
        return self._alone[node.index]

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


def search_routes(query: PathwayQuery, network: Network) -> list[Route]:
    """The best routes for the query, best first (at most MAX_ROUTES)."""
    needed_by: dict[int, list[int]] = defaultdict(list)
    for occupation_id, skills in network.essential.items():
        for skill_id in skills:
            needed_by[skill_id].append(occupation_id)
    nodes = []
    bits = _SkillBits(network.essential)
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
                skills=bits.mask(skills),
                links=links,
                touches=links
                | frozenset(o for skill in skills for o in needed_by.get(skill, ())),
                country=programme.countries[0],
                places=programme.places_per_year or 0,
                name=shown(programme, "name").text,
            )
        )
    search = _Search(query, network, nodes, bits)
    start = query.starting_point
    held = (
        (
            start.pk,
            network.qualification_levels.get(start.pk),
            shown(start, "name").text,
        ),
    )
    targets = frozenset(o.pk for o in _target_occupations(query, network))
    search._open_at_start = search.open_steps(held)
    search.goal_nodes = frozenset(
        node.index for node in nodes if not node.touches.isdisjoint(targets)
    )
    start = _Partial((), (), held, 0, frozenset(), targets, 0, 0, 0)
    _best_first(search, start)
    found = sorted(
        (route for kept in search.found.values() for route in kept),
        key=lambda r: (r.score, -r.places, r.nodes, r.occupation_id),
    )[:MAX_ROUTES]
    return [_materialise(route, search) for route in found]


@dataclass(
    slots=True
)  # not frozen: thousands are made per search, and a frozen one is slower to make
class _Partial:
    """A route being built: its programmes so far and what they add up to."""

    path: tuple[int, ...]
    reasons: tuple[tuple[int, int], ...]
    held: tuple[tuple[int | None, int | None, str], ...]
    # the skills taught so far (a _SkillBits mask); an occupation's coverage is counted only when it is checked
    taught: int
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
    nodes, essential_skills = search.nodes, search.bits.essential
    children = []
    candidates = (
        search.open_last_steps(held) if last_step else search.open_steps(held).items()
    )
    for index, reason in candidates:
        node = nodes[index]
        if index in path:
            continue
        if last_step and node.touches.isdisjoint(targets):
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
        # An occupation linked earlier on the route was reached there and is no longer a target, so only this
        # programme's occupations can be reached here.
        for occupation_id in targets & node.touches:
            needed, essential = essential_skills.get(occupation_id, _NO_SKILLS)
            count = (needed & taught).bit_count()
            by_link = occupation_id in linked
            if not (by_link or (essential and count / essential >= threshold)):
                continue
            reached.add(occupation_id)
            if path and occupation_id in search.reaches_alone(node, threshold):
                continue  # the last programme alone would do: earlier steps only add time
            coverage = count / essential if essential else 0.0
            score = fixed - COVERAGE_BONUS_MONTHS * coverage
            group = (occupation_id, node.country)
            if score < search.worst_kept(group):
                places = min(nodes[i].places for i in route_path)
                found = _Found(score, places, route_path, reasons, held, occupation_id,
                               by_link, count, route_months, crossings)  # fmt: skip
                search.keep(found, group)
        remaining = targets - reached
        if remaining and not last_step:
            new_held = held
            if node.level is not None or node.qualification_id:
                new_held = (*held, (node.qualification_id, node.level, node.name))
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
    if query.countries and not set(programme.countries) & query.countries:
        return False
    if query.regions:
        wanted = {region.pk for region in query.regions}
        if not any(site.regions & wanted for site in programme.site_rows):
            return False
    return True


def _step(programme: Programme, reason: str) -> Step:
    return Step(
        programme=programme,
        countries=programme.countries,
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
            if query.segment.pk in network.occupation_segments.get(o.pk, ())
        ]
    return occupations
