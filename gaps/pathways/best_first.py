"""The pathway search in memory: a best-first branch and bound over the programmes of a ``Network`` (the rules are
explained in gaps/pathways/search.py). ``search_routes`` is its entry point; the values it works on are in
gaps/pathways/nodes.py, and its working state and bounds in gaps/pathways/search_state.py."""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass, replace

from django.conf import settings

from batteryregion.i18n import shown
from gaps.pathways.last_steps import Ending, ends_of
from gaps.pathways.network import Network
from gaps.pathways.next_steps import UsefulSteps, outclassed, record_tried
from gaps.pathways.nodes import (
    NO_SKILLS,
    Found,
    Node,
    SkillBits,
    build_nodes,
    materialise,
    target_occupations,
)
from gaps.pathways.routes import (
    BORDER_PENALTY_MONTHS,
    COVERAGE_BONUS_MONTHS,
    FAR_FIRST_STEP_MONTHS,
    MAX_EXPANSIONS,
    MAX_ROUTES,
    MAX_STEPS,
    STEP_PENALTY_MONTHS,
    PathwayQuery,
    SearchOutcome,
    highest_level_for,
)
from gaps.pathways.search_state import (
    Group,
    Partial,
    SearchState,
    possibly_open,
)


def search_routes(
    query: PathwayQuery,
    network: Network,
    max_expansions: int = MAX_EXPANSIONS,
    seeds: SearchOutcome | None = None,
) -> SearchOutcome:
    """The best routes for the query, best first (at most MAX_ROUTES), how many there are in all, and the routes
    listed apart because a step without a recorded duration may not fit the study-time limit.

    `seeds`: the outcome of a search for the same person with fewer programmes (a preference or the admission rules
    not yet relaxed). Its routes are routes of this search too, with the same scores, so the search starts with them
    kept: it then only looks for routes that beat them, and finds the same best routes as a search from nothing."""
    bits = SkillBits(network.essential)
    nodes = build_nodes(query, network, bits)
    start = query.starting_point
    start_level = network.qualification_levels.get(start.pk)
    search = SearchState(query, network, nodes, bits, start.pk, start_level)
    search.max_expansions = max_expansions
    held = ((start.pk, start_level, shown(start, "name").text),)
    targets = frozenset(o.pk for o in target_occupations(query, network))
    search._open_at_start = search.open_steps(held)
    search.goal_nodes = frozenset(
        node.index for node in nodes if not node.touches.isdisjoint(targets)
    )
    search.gate_fields = frozenset().union(*(node.field_gate for node in nodes))
    search.targets = targets
    for occupation_id in targets:
        highest = highest_level_for(network.occupations[occupation_id])
        if highest is not None:
            search.highest_level[occupation_id] = highest
    threshold = search.threshold = settings.PATHWAY_COVERAGE_THRESHOLD
    for occupation_id in targets:
        _mask, count = bits.essential.get(occupation_id, NO_SKILLS)
        search.needed[occupation_id] = next(
            (n for n in range(1, count + 1) if n / count >= threshold), count + 1
        )
    search.target_bits = {
        occupation_id: (bits.essential.get(occupation_id, NO_SKILLS)[0], needed)
        for occupation_id, needed in search.needed.items()
    }
    for node in nodes:
        for occupation_id in node.touches & targets:
            mask, _count = bits.essential.get(occupation_id, NO_SKILLS)
            taught = (mask & node.skills).bit_count()
            if taught > search.most_taught.get(occupation_id, 0):
                search.most_taught[occupation_id] = taught
    search.any_last_steps = search.last_step_options(possibly_open(search, held))
    search.any_ends = ends_of(search.any_last_steps)
    if query.max_months is not None:
        search.apart_options = (False, True)
    if seeds is not None:
        _keep_seeds(search, seeds)
    _best_first(search, Partial((), (), held, 0, frozenset(), targets, 0, 0, 0, False))
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
        seeds=tuple(
            (tuple(nodes[i].programme.pk for i in r.nodes), r)
            for kept_routes in search.found.values()
            for r in kept_routes
        ),
    )


def _keep_seeds(search: SearchState, seeds: SearchOutcome) -> None:
    """Keep the routes of an earlier search whose programmes are all among this search's, in their groups here (a
    route listed apart for an unknown duration is not apart without a study-time limit)."""
    index_of = {node.programme.pk: node.index for node in search.nodes}
    limit = search.query.max_months is not None
    for programmes, route in seeds.seeds:
        if not all(pk in index_of for pk in programmes):
            continue
        path = tuple(index_of[pk] for pk in programmes)
        apart = limit and any(not search.nodes[i].duration_known for i in path)
        group = (route.occupation_id, search.nodes[path[-1]].country, apart)
        search.keep(replace(route, nodes=path), group)


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


def _best_first(search: SearchState, start: Partial) -> None:
    """Extend partial routes in order of their bound until no route left to find can beat the ones kept.

    Every route through a partial route scores at least its bound, and extending a route only raises the
    bound, so once the lowest bound left exceeds the score of the last route that would be shown, the
    routes to show are complete. The routes left untried would only have been counted, so the search then says it
    is not complete: the total it gives is a lower bound (exploring them all took several times as long). When few
    routes exist (a narrow goal), the cutoff stays open; a partial route is then dropped once every group of routes it
    could still join holds better ones (SearchState.worth_extending), and MAX_EXPANSIONS caps the work; because partial
    routes are taken best first, the routes found are the best ones in reach.

    A partial route makes its longer routes one at a time, cheapest step first (_children), and waits in the frontier
    between them under the bound of the next: most are never made, because the groups they could join fill first.
    """
    frontier: list[tuple[float, int, Partial, Iterator[_Child] | None]] = [
        (start.bound, 0, start, None)
    ]
    counter = 1
    expansions = 0
    while frontier:
        bound, _order, partial, children = heapq.heappop(frontier)
        if bound > search.cutoff():
            search.complete = False
            break
        # A partial route back in the frontier has made its cheaper longer routes: the next costs at least this.
        least_step = bound - partial.bound - STEP_PENALTY_MONTHS
        if partial.path and not search.worth_extending(partial, least_step):
            continue  # every group it could still join already holds better routes: nothing is lost
        if children is None:
            if expansions >= search.max_expansions:
                search.complete = False
                break
            expansions += 1
            if len(partial.path) == MAX_STEPS - 1:
                _expand_last(search, partial)
                continue
            children = _children(search, partial)
        child, next_bound = next(children, (None, None))
        if child is not None:
            heapq.heappush(frontier, (child.bound, counter, child, None))
            counter += 1
        if next_bound is not None:
            heapq.heappush(frontier, (next_bound, counter, partial, children))
            counter += 1


def _may_follow(
    search: SearchState, node: Node, path: tuple[int, ...], top_level: int
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


_Child = tuple[Partial | None, float | None]


def _children(search: SearchState, partial: Partial) -> Iterator[_Child]:
    """Try each open programme as the next step, cheapest first; record the routes it completes; yield each longer
    partial route worth extending with the least bound of the next one (None after the last)."""
    path, held, targets = partial.path, partial.held, partial.targets
    top_level = max((level or 0 for _q, level, _n in held), default=0)
    max_months = search.query.max_months
    previous_country = search.nodes[path[-1]].country if path else None
    step_penalty = STEP_PENALTY_MONTHS * len(path)
    border = BORDER_PENALTY_MONTHS * partial.crossings
    nodes = search.nodes
    candidates = search.open_step_list(held)
    least = partial.ranked_months + step_penalty + border - COVERAGE_BONUS_MONTHS
    cutoff = search.cutoff()  # lowered again below whenever a route is kept
    # The bound under which the frontier last handed this partial route over.
    resumed_at = partial.bound
    # Steps that award a qualification, by what they give a longer route (award_class): the cost, months, places and
    # touched occupations of each tried so far, cheapest first (see outclassed).
    tried: dict[tuple, list[tuple[int, int, int, frozenset[int]]]] = {}
    last_follows = (
        len(path) + 2 == MAX_STEPS
    )  # a longer route made here can only be ended by its next step
    child_steps = STEP_PENALTY_MONTHS * (len(path) + 1)
    useful_after: dict[
        tuple | None, UsefulSteps
    ] = {}  # by what the step awards (see UsefulSteps)
    for position, (index, reason) in enumerate(candidates):
        node = nodes[index]
        least_here = least + node.ranked_months + node.penalty
        if least_here > resumed_at:
            # Every longer route left costs more than the frontier was told: back in the frontier under that bound,
            # so that cheaper partial routes go first, and their routes may make these unnecessary.
            yield None, least_here
            cutoff = search.cutoff()
            resumed_at = least_here
        ranked_months = partial.ranked_months + node.ranked_months + node.penalty
        if least_here > cutoff:
            # Nodes come cheapest first (nodes.step_cost), and far from home or across the border only adds: no
            # route through this or any later candidate can be shown any more.
            search.complete = False
            break
        if not _may_follow(search, node, path, top_level):
            continue
        route_months = partial.months + node.months
        if max_months is not None and route_months > max_months:
            continue  # the recorded durations alone are too long
        crossings = partial.crossings + (
            previous_country is not None and node.country != previous_country
        )
        if not path and node.far:
            ranked_months += FAR_FIRST_STEP_MONTHS
        fixed = ranked_months + step_penalty + BORDER_PENALTY_MONTHS * crossings
        if fixed - COVERAGE_BONUS_MONTHS > cutoff:
            search.complete = False
            continue  # no route through this step can be shown any more
        if last_follows:
            award = (node.qualification_id, node.level) if node.awards else None
            useful = useful_after.get(award)
            if useful is None:
                new_held = held
                if node.awards:
                    new_held = (*held, (node.qualification_id, node.level, node.name))
                useful = useful_after[award] = UsefulSteps(search, partial, new_held)
            if useful.futile(search, partial, node):
                record_tried(search, tried, node, path)
                continue  # it completes no route, and no route through it could be kept (see UsefulSteps)
        dropped = outclassed(search, tried, node, path, targets)
        step = _Step(node, reason, crossings, fixed, route_months)
        # An occupation linked earlier on the route was reached there and is no longer a target, so only this
        # programme's occupations can be reached here.
        reached = set()
        taught = partial.taught | node.skills
        above = search.above(node)  # no route to these goes through it
        for occupation_id in (targets & node.touches) - above:
            if not (occupation_id in partial.linked or occupation_id in node.links):
                # The test _try_route starts with, inline: most steps reach none of the occupations they touch.
                needed, essential = search.bits.essential.get(occupation_id, NO_SKILLS)
                if (
                    not essential
                    or (needed & taught).bit_count() / essential < search.threshold
                ):
                    continue
            if _try_route(search, partial, step, occupation_id):
                reached.add(occupation_id)
        cutoff = search.cutoff()
        remaining = targets - reached - dropped - above
        if not (node.awards or node.field_id in search.gate_fields):
            # A step that awards nothing and opens no field-gated programme helps a later step only with the
            # skills it teaches: a route through it to an occupation it teaches none of is a longer way to what the
            # route without it reaches (or is dropped as the last programme alone would do).
            remaining &= node.touches
        if remaining:
            new_held = held
            if node.awards:
                new_held = (*held, (node.qualification_id, node.level, node.name))
            duration_unknown = partial.duration_unknown or not node.duration_known
            if last_follows:
                # SearchState.worth_extending of the longer route, whose next step can only be its last, checked
                # before the partial route is made: most are dropped here.
                ending = Ending(remaining, taught, route_months, ranked_months + child_steps - COVERAGE_BONUS_MONTHS,
                                crossings, node.country, search.apart_groups(duration_unknown))  # fmt: skip
                if not search.may_join(ending, useful.ends, 0, 0):
                    continue  # dropped now rather than when its turn comes
            child = Partial((*path, index), (*partial.reasons, reason), new_held, taught,
                             partial.linked | node.links, remaining, route_months, ranked_months, crossings,
                             duration_unknown, search.open_group if last_follows else None)  # fmt: skip
            if not last_follows and not search.worth_extending(child):
                continue  # dropped now rather than when its turn comes
            following = position + 1
            if following == len(candidates):
                yield child, None
                return
            after = nodes[candidates[following][0]]
            resumed_at = least + after.ranked_months + after.penalty
            yield child, resumed_at
            cutoff = search.cutoff()


def _expand_last(search: SearchState, partial: Partial) -> None:
    """Try the programmes that can end the partial route as its last step, per remaining target and country: those
    linked to the target, cheapest first, and those that teach enough of its essential skills to make up what the
    route lacks, most first (SearchState.last_steps), each only while it could still beat the routes kept."""
    path = partial.path
    previous_country = search.nodes[path[-1]].country
    base = partial.ranked_months + STEP_PENALTY_MONTHS * len(path)
    max_months = search.query.max_months
    open_steps = search.open_steps(partial.held)
    enders = search.last_steps(partial.held)
    nodes, essential = search.nodes, search.bits.essential
    for occupation_id in partial.targets:
        mask, _count = essential.get(occupation_id, NO_SKILLS)
        lacking = search.needed[occupation_id] - (mask & partial.taught).bit_count()
        for country in ("FI", "SE"):
            option = enders.get((occupation_id, country))
            if option is None:
                continue
            crossings = partial.crossings + (country != previous_country)
            border = BORDER_PENALTY_MONTHS * crossings
            for cost, index in option.enders(lacking):
                fixed = base + cost + border
                if fixed - COVERAGE_BONUS_MONTHS > search.cutoff():
                    search.complete = False
                    break
                rank = (crossings > 1, fixed - COVERAGE_BONUS_MONTHS)
                if all(
                    rank >= search.worst_kept((occupation_id, country, apart))
                    for apart in search.apart_options
                ):
                    break  # its group holds better routes than this or any dearer step could make
                node = nodes[index]
                if not _may_follow(search, node, path, 0):
                    continue  # the level was checked with the held qualifications (last_steps)
                if occupation_id in search.above(node):
                    continue  # it awards too high a level for the occupation
                route_months = partial.months + node.months
                if max_months is not None and route_months > max_months:
                    continue
                step = _Step(node, open_steps[index], crossings, fixed, route_months)
                _try_route(search, partial, step, occupation_id)


@dataclass(slots=True)
class _Step:
    """A programme tried as the next step of a partial route, with what it makes of the route."""

    node: Node
    reason: tuple[int, int]
    crossings: int
    fixed: float  # the route's score before the coverage bonus
    months: int  # the route's recorded durations added up


def _try_route(
    search: SearchState, partial: Partial, step: _Step, occupation_id: int
) -> bool:
    """Whether the partial route followed by the step reaches the occupation; keep the route if it ranks among the
    best of its group (unless the last programme alone would reach the occupation: earlier steps only add time)."""
    node = step.node
    needed, essential = search.bits.essential.get(occupation_id, NO_SKILLS)
    count = (needed & (partial.taught | node.skills)).bit_count()
    by_link = occupation_id in partial.linked or occupation_id in node.links
    if not (by_link or (essential and count / essential >= search.threshold)):
        return False
    path = partial.path
    if path and occupation_id in search.reaches_alone(node, search.threshold):
        return True
    score = step.fixed - COVERAGE_BONUS_MONTHS * (
        count / essential if essential else 0.0
    )
    duration_unknown = partial.duration_unknown or not node.duration_known
    apart = search.query.max_months is not None and duration_unknown
    group = (occupation_id, node.country, apart)
    if (step.crossings > 1, score) < search.worst_kept(group):
        route_path = (*path, node.index)
        places = min(search.nodes[i].places for i in route_path)
        search.keep(
            Found(score, places, route_path, (*partial.reasons, step.reason), partial.held, occupation_id,
                  by_link, count, step.months, step.crossings),
            group,
        )  # fmt: skip
    return True
