"""The pathway search in memory: a best-first branch and bound over the programmes of a ``Network`` (the rules are
explained in gaps/pathways/search.py). ``search_routes`` is its entry point; the values it works on are in
gaps/pathways/nodes.py."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from django.conf import settings

from batteryregion.i18n import shown
from gaps.pathways.network import Network
from gaps.pathways.nodes import (
    NO_SKILLS,
    Found,
    Held,
    Node,
    SkillBits,
    build_nodes,
    materialise,
    opening,
    target_occupations,
)
from gaps.pathways.routes import (
    BORDER_PENALTY_MONTHS,
    COVERAGE_BONUS_MONTHS,
    FAR_FIRST_STEP_MONTHS,
    MAX_EXPANSIONS,
    MAX_ROUTES,
    MAX_STEPS,
    ROUTES_PER_OCCUPATION_AND_COUNTRY,
    STEP_PENALTY_MONTHS,
    PathwayQuery,
    SearchOutcome,
)

Group = tuple[int, str, bool]
"""(occupation id, country of the last step, whether the route is only listed apart for its unknown durations)."""

_NOT_FULL = (
    True,
    float("inf"),
)  # what a route must beat in a group that is not full: anything does


@dataclass
class _Search:
    """One search's working state: the query, the programmes it may use and what it has found."""

    query: PathwayQuery
    network: Network
    nodes: list[Node]
    bits: SkillBits
    start_id: int  # the qualification type the person holds
    start_level: int | None
    found: dict[Group, list[Found]] = field(
        default_factory=dict
    )  # the best routes of each group
    by_programmes: dict[tuple[int, frozenset[int]], tuple[Group, Found]] = field(
        default_factory=dict
    )
    _cutoff: float | None = None
    complete: bool = True  # nothing was left untried (see _best_first)
    max_expansions: int = MAX_EXPANSIONS
    _open_steps: dict[tuple, dict[int, tuple[int, int]]] = field(default_factory=dict)
    # node index -> the occupations the programme reaches on its own, straight from the starting point
    _alone: dict[int, frozenset[int]] = field(default_factory=dict)
    _open_at_start: dict[int, tuple[int, int]] = field(default_factory=dict)
    # the nodes that touch a goal of the search (a last step must), and the open ones among them per held key
    goal_nodes: frozenset[int] = frozenset()
    _open_last_steps: dict[tuple, list[tuple[int, tuple[int, int]]]] = field(
        default_factory=dict
    )

    def open_steps(self, held: Held) -> dict[int, tuple[int, int]]:
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
                if (reason := opening(node, held)) is not None
            }
        return self._open_steps[key]

    def open_last_steps(self, held: Held) -> list[tuple[int, tuple[int, int]]]:
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

    def reaches_alone(self, node: Node, threshold: float) -> frozenset[int]:
        """The occupations the programme, taken straight from the starting point, would reach by itself: linked to
        it, or enough of their essential skills taught by it. Worked out once per programme and search."""
        if node.index not in self._alone:
            reached: set[int] = set()
            if node.index in self._open_at_start and self.may_start(node):
                reached.update(node.links)
                for occupation_id in node.touches - node.links:
                    mask, count = self.bits.essential.get(occupation_id, NO_SKILLS)
                    if count and (mask & node.skills).bit_count() / count >= threshold:
                        reached.add(occupation_id)
            self._alone[node.index] = frozenset(reached)
        return self._alone[node.index]

    def may_start(self, node: Node) -> bool:
        """Whether the programme can be a first step: one that awards a qualification must award a higher level
        than the starting point, unless it is in another field than the person's qualification (a change of field
        may start lower); a course or module that awards none is upskilling and may come first. A programme that
        asks for earlier education in a field the person's is not in cannot come first."""
        if node.field_gate:
            return False
        if not node.awards or node.level is None or self.start_level is None:
            return True
        field = self.query.field
        if (
            field is not None
            and node.field_id is not None
            and node.field_id != field.pk
        ):
            return True
        return node.level > self.start_level

    def worst_kept(self, group: Group) -> tuple[bool, float]:
        """What a new route of the group must beat, as (crosses the border more than once, score)."""
        kept = self.found.get(group, [])
        if len(kept) < ROUTES_PER_OCCUPATION_AND_COUNTRY:
            return _NOT_FULL
        return kept[-1].crossings > 1, kept[-1].score

    def keep(self, route: Found, group: Group) -> None:
        """Keep the route among the best of its group, unless the same programmes in another order rank better."""
        same = self.by_programmes.get(route.same_route)
        if same is not None:
            same_group, same_route = same
            if same_route.rank <= route.rank:
                return
            self.found[same_group].remove(same_route)
        kept = self.found.setdefault(group, [])
        kept.append(route)
        kept.sort(key=lambda r: r.rank)
        for dropped in kept[ROUTES_PER_OCCUPATION_AND_COUNTRY:]:
            self.by_programmes.pop(dropped.same_route, None)
        del kept[ROUTES_PER_OCCUPATION_AND_COUNTRY:]
        if route in kept:
            self.by_programmes[route.same_route] = (group, route)
        self._cutoff = None

    def cutoff(self) -> float:
        """The score of the last route that would be shown (infinite until MAX_ROUTES are kept). Only routes
        within the study-time limit that cross the border at most once count: the others may be left out later."""
        if self._cutoff is None:
            scores = sorted(
                r.score
                for (_o, _c, apart), kept in self.found.items()
                if not apart
                for r in kept
                if r.crossings <= 1
            )
            enough = len(scores) >= MAX_ROUTES
            self._cutoff = scores[MAX_ROUTES - 1] if enough else float("inf")
        return self._cutoff


def search_routes(
    query: PathwayQuery, network: Network, max_expansions: int = MAX_EXPANSIONS
) -> SearchOutcome:
    """The best routes for the query, best first (at most MAX_ROUTES), how many there are in all, and the routes
    listed apart because a step without a recorded duration may not fit the study-time limit."""
    bits = SkillBits(network.essential)
    nodes = build_nodes(query, network, bits)
    start = query.starting_point
    start_level = network.qualification_levels.get(start.pk)
    search = _Search(query, network, nodes, bits, start.pk, start_level)
    search.max_expansions = max_expansions
    held = ((start.pk, start_level, shown(start, "name").text),)
    targets = frozenset(o.pk for o in target_occupations(query, network))
    search._open_at_start = search.open_steps(held)
    search.goal_nodes = frozenset(
        node.index for node in nodes if not node.touches.isdisjoint(targets)
    )
    _best_first(search, _Partial((), (), held, 0, frozenset(), targets, 0, 0, 0, False))
    shown_routes, apart = _few_crossings(search.found)
    order = lambda r: (r.score, -r.places, r.nodes, r.occupation_id)  # noqa: E731
    shown_routes.sort(key=order)
    apart.sort(key=order)
    kept = shown_routes[:MAX_ROUTES]
    reached = {r.occupation_id for r in kept}
    dropped = dict.fromkeys(
        r.occupation_id
        for r in shown_routes[MAX_ROUTES:]
        if r.occupation_id not in reached
    )
    return SearchOutcome(
        routes=[materialise(route, nodes, network) for route in kept],
        total=len(shown_routes),
        dropped_occupations=[network.occupations[pk] for pk in dropped],
        unknown_duration=[
            materialise(route, nodes, network) for route in apart[:MAX_ROUTES]
        ],
        complete=search.complete,
        found=frozenset(
            (tuple(nodes[i].programme.pk for i in r.nodes), r.occupation_id)
            for r in (*shown_routes, *apart)
        ),
    )


def _few_crossings(found: dict[Group, list[Found]]) -> tuple[list[Found], list[Found]]:
    """The routes found, those within the limits first and those listed apart second, without the routes that cross
    the border more than once to an occupation that a route crossing it at most once also reaches."""
    lists: tuple[list[Found], list[Found]] = ([], [])
    for apart in (False, True):
        routes = [
            r
            for (_o, _c, is_apart), kept in found.items()
            if is_apart == apart
            for r in kept
        ]
        near = {r.occupation_id for r in routes if r.crossings <= 1}
        lists[apart].extend(
            r for r in routes if r.crossings <= 1 or r.occupation_id not in near
        )
    return lists


@dataclass(
    slots=True
)  # not frozen: thousands are made per search, and a frozen one is slower to make
class _Partial:
    """A route being built: its programmes so far and what they add up to."""

    path: tuple[int, ...]
    reasons: tuple[tuple[int, int], ...]
    held: Held
    # the skills taught so far (a SkillBits mask); an occupation's coverage is counted only when it is checked
    taught: int
    linked: frozenset[int]
    targets: frozenset[int]  # occupations not reached yet
    months: int  # the recorded durations added up
    ranked_months: int
    crossings: int
    duration_unknown: bool  # a step so far has no recorded duration

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
    routes to show are complete. The routes left untried would only have been counted, so the search then says it
    is not complete: the total it gives is a lower bound (exploring them all took several times as long). When few routes exist (a narrow goal), the cutoff stays open; MAX_EXPANSIONS then caps the
    work, and because partial routes are taken best first, the routes it has found are the best ones in reach.
    """
    frontier: list[tuple[float, int, _Partial]] = [(start.bound, 0, start)]
    counter = 1
    expansions = 0
    while frontier and expansions < search.max_expansions:
        bound, _order, partial = heapq.heappop(frontier)
        if bound > search.cutoff():
            search.complete = False
            break
        expansions += 1
        for child in _expand(search, partial):
            heapq.heappush(frontier, (child.bound, counter, child))
            counter += 1
    if frontier and expansions >= search.max_expansions:
        search.complete = False


def _may_follow(
    search: _Search, node: Node, path: tuple[int, ...], top_level: int
) -> bool:
    """Whether the programme may be the next step: never one awarding the qualification the person started with; as
    a first step see may_start; later, it must raise the level held or award no level (upskilling)."""
    if node.index in path or node.qualification_id == search.start_id:
        return False
    if not path:
        return search.may_start(node)
    if node.field_gate and all(
        search.nodes[i].field_id not in node.field_gate for i in path
    ):
        return False  # it asks for earlier education in a field no earlier step is in
    return node.level is None or node.level > top_level


def _expand(search: _Search, partial: _Partial) -> list[_Partial]:
    """Try each open programme as the next step; record what it reaches; return the routes to extend."""
    path, held, targets = partial.path, partial.held, partial.targets
    top_level = max((level or 0 for _q, level, _n in held), default=0)
    last_step = len(path) == MAX_STEPS - 1
    threshold = settings.PATHWAY_COVERAGE_THRESHOLD
    max_months = search.query.max_months
    previous_country = search.nodes[path[-1]].country if path else None
    step_penalty = STEP_PENALTY_MONTHS * len(path)
    border = BORDER_PENALTY_MONTHS * partial.crossings
    nodes, essential_skills = search.nodes, search.bits.essential
    children = []
    candidates = (
        search.open_last_steps(held) if last_step else search.open_steps(held).items()
    )
    least = partial.ranked_months + step_penalty + border - COVERAGE_BONUS_MONTHS
    cutoff = search.cutoff()  # lowered again below whenever a route is kept
    for index, reason in candidates:
        node = nodes[index]
        ranked_months = partial.ranked_months + node.ranked_months + node.penalty
        if least + node.ranked_months + node.penalty > cutoff:
            # Nodes come cheapest first (nodes.step_cost), and far from home or across the border only adds: no
            # route through this or any later candidate can be shown any more.
            search.complete = False
            break
        if last_step and node.touches.isdisjoint(targets):
            continue  # a final step that cannot reach any remaining goal
        if not _may_follow(search, node, path, top_level):
            continue
        route_months = partial.months + node.months
        if max_months is not None and route_months > max_months:
            continue  # the recorded durations alone are too long
        duration_unknown = partial.duration_unknown or not node.duration_known
        apart = max_months is not None and duration_unknown
        crossings = partial.crossings + (
            previous_country is not None and node.country != previous_country
        )
        if not path and node.far:
            ranked_months += FAR_FIRST_STEP_MONTHS
        fixed = ranked_months + step_penalty + BORDER_PENALTY_MONTHS * crossings
        if fixed - COVERAGE_BONUS_MONTHS > cutoff:
            search.complete = False
            continue  # no route through this step can be shown any more
        taught = partial.taught | node.skills
        linked = partial.linked | node.links
        route_path = (*path, node.index)
        reasons = (*partial.reasons, reason)
        reached = set()
        # An occupation linked earlier on the route was reached there and is no longer a target, so only this
        # programme's occupations can be reached here.
        for occupation_id in targets & node.touches:
            needed, essential = essential_skills.get(occupation_id, NO_SKILLS)
            count = (needed & taught).bit_count()
            by_link = occupation_id in linked
            if not (by_link or (essential and count / essential >= threshold)):
                continue
            reached.add(occupation_id)
            if path and occupation_id in search.reaches_alone(node, threshold):
                continue  # the last programme alone would do: earlier steps only add time
            coverage = count / essential if essential else 0.0
            score = fixed - COVERAGE_BONUS_MONTHS * coverage
            group = (occupation_id, node.country, apart)
            if (crossings > 1, score) < search.worst_kept(group):
                places = min(nodes[i].places for i in route_path)
                found = Found(score, places, route_path, reasons, held, occupation_id,
                              by_link, count, route_months, crossings)  # fmt: skip
                search.keep(found, group)
                cutoff = search.cutoff()
        remaining = targets - reached
        if remaining and not last_step:
            new_held = held
            if node.awards:
                new_held = (*held, (node.qualification_id, node.level, node.name))
            children.append(
                _Partial(route_path, reasons, new_held, taught, linked, remaining, route_months,
                         ranked_months, crossings, duration_unknown)
            )  # fmt: skip
    return children
