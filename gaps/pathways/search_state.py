"""The working state of one run of the pathway search (gaps/pathways/best_first.py): the partial routes it extends,
the programmes open to what a route holds, the best routes kept per group, and the bounds that tell whether a partial
route can still lead to a route worth keeping."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings

from gaps.pathways.last_steps import Ending, Ends, LastSteps, ends_of
from gaps.pathways.network import Network
from gaps.pathways.nodes import NO_SKILLS, Found, Held, Node, SkillBits, opening
from gaps.pathways.routes import (
    BORDER_PENALTY_MONTHS,
    COVERAGE_BONUS_MONTHS,
    MAX_EXPANSIONS,
    MAX_ROUTES,
    MAX_STEPS,
    ROUTES_PER_OCCUPATION_AND_COUNTRY,
    STEP_PENALTY_MONTHS,
    PathwayQuery,
)

Group = tuple[int, str, bool]
"""(occupation id, country of the last step, whether the route is only listed apart for its unknown durations)."""

_NOT_FULL = (
    True,
    float("inf"),
)  # what a route must beat in a group that is not full: anything does


@dataclass(
    slots=True
)  # not frozen: thousands are made per search, and a frozen one is slower to make
class Partial:
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
    # A group that was not full when a longer route through this one was last found able to join it (see
    # SearchState.worth_extending); None when there is none.
    open_group: Group | None = None

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


@dataclass
class SearchState:
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
    # the same programmes to the same occupation -> the group and route that hold them, and their other orders found
    _holder: dict[tuple[int, frozenset[int]], tuple[Group, Found]] = field(
        default_factory=dict
    )
    _displaced: dict[tuple[int, frozenset[int]], list[tuple[Group, Found]]] = field(
        default_factory=dict
    )
    _cutoff: float | None = None
    complete: bool = True  # nothing was left untried (see _best_first)
    max_expansions: int = MAX_EXPANSIONS
    _open_steps: dict[tuple, dict[int, tuple[int, int]]] = field(default_factory=dict)
    _open_step_lists: dict[tuple, list[tuple[int, tuple[int, int]]]] = field(
        default_factory=dict
    )
    # node index -> the occupations the programme reaches on its own, straight from the starting point
    _alone: dict[int, frozenset[int]] = field(default_factory=dict)
    _open_at_start: dict[int, tuple[int, int]] = field(default_factory=dict)
    # the nodes that touch a goal of the search (a last step must), and the open ones among them per held key
    goal_nodes: frozenset[int] = frozenset()
    _open_last_steps: dict[tuple, list[tuple[int, tuple[int, int]]]] = field(
        default_factory=dict
    )
    targets: frozenset[int] = frozenset()  # the occupations the query asks for
    # target occupation id -> the highest EQF level a programme on a route to it may award (routes.highest_level_for)
    highest_level: dict[int, int] = field(default_factory=dict)
    _above: dict[int, frozenset[int]] = field(default_factory=dict)
    # occupation id -> how many of its essential skills a route must teach to reach it by coverage
    needed: dict[int, int] = field(default_factory=dict)
    # occupation id -> the most of its essential skills one programme of the search teaches
    most_taught: dict[int, int] = field(default_factory=dict)
    # the last steps of routes of two or three steps (see worth_extending): any programme, and those open per held key
    any_last_steps: dict[tuple[int, str], LastSteps] = field(default_factory=dict)
    _last_steps: dict[tuple, dict[tuple[int, str], LastSteps]] = field(
        default_factory=dict
    )
    _keys: dict[Held, tuple] = field(default_factory=dict)
    # the group that may_join last found a route able to join because it was not full (None: it beat a full one)
    open_group: Group | None = None
    # settings.PATHWAY_COVERAGE_THRESHOLD, read once per search: the inner loop reads it often
    threshold: float = field(
        default_factory=lambda: settings.PATHWAY_COVERAGE_THRESHOLD
    )
    _last_step_entries: dict[int, tuple] = field(default_factory=dict)
    _ends: dict[tuple, Ends] = field(default_factory=dict)
    any_ends: Ends = field(
        default_factory=dict
    )  # any_last_steps as may_join reads them
    # target occupation id -> (its essential skills as a mask, how many a route must teach: `needed`)
    target_bits: dict[int, tuple[int, int]] = field(default_factory=dict)
    apart_options: tuple[bool, ...] = (
        False,
    )  # the groups a route without an unknown duration may yet fall in

    def held_key(self, held: Held) -> tuple:
        """What opens programmes in a set of held qualifications (_held_key), remembered per set held: the caches
        below are looked up several times for every partial route."""
        key = self._keys.get(held)
        if key is None:
            key = self._keys[held] = _held_key(held)
        return key

    def open_steps(self, held: Held) -> dict[int, tuple[int, int]]:
        """The programmes open to someone holding `held`, by node index in node order, each with the (requirement,
        held qualification) pair that opens it. Worked out once per set of qualifications: many partial routes
        hold the same few, and a route is extended only by programmes open to it. Names do not open anything, so
        routes through different programmes awarding the same qualification share the answer."""
        key = self.held_key(held)
        if key not in self._open_steps:
            self._open_steps[key] = {
                node.index: reason
                for node in self.nodes
                if (reason := opening(node, held)) is not None
            }
        return self._open_steps[key]

    def open_step_list(self, held: Held) -> list[tuple[int, tuple[int, int]]]:
        """The items of open_steps(held) as a list, cheapest first."""
        key = self.held_key(held)
        if key not in self._open_step_lists:
            self._open_step_lists[key] = list(self.open_steps(held).items())
        return self._open_step_lists[key]

    def open_last_steps(self, held: Held) -> list[tuple[int, tuple[int, int]]]:
        """The items of open_steps(held) whose programme touches a goal of the search: only they can be the last
        step of a route, which is most of the steps tried when the data grows. Goals are only ever dropped, so
        nothing outside them can touch a goal a partial route still has."""
        key = self.held_key(held)
        if key not in self._open_last_steps:
            self._open_last_steps[key] = [
                (index, reason)
                for index, reason in self.open_steps(held).items()
                if index in self.goal_nodes
            ]
        return self._open_last_steps[key]

    def above(self, node: Node) -> frozenset[int]:
        """The targets the programme awards too high a level for (highest_level): no route to them goes through it.
        Worked out once per programme and search."""
        above = self._above.get(node.index)
        if above is None:
            level = node.level
            above = self._above[node.index] = frozenset(
                occupation_id
                for occupation_id, highest in self.highest_level.items()
                if level is not None and level > highest
            )
        return above

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

    def worst_kept(self, group: Group) -> tuple:
        """What a new route of the group must beat: the rank of its worst kept route (Found.rank). A bound, as
        (crosses the border more than once, score), is below it also when it ties, so that routes of the same score
        are tried and the one ranked first is kept, whichever the search met first."""
        kept = self.found.get(group, [])
        if len(kept) < ROUTES_PER_OCCUPATION_AND_COUNTRY:
            return _NOT_FULL
        return kept[-1].rank

    def keep(self, route: Found, group: Group) -> None:
        """Keep the route among the best of its group, unless the same programmes in another order rank better. The
        other order may end in another country, another group: the order ranked first is the one kept, and the others
        wait (`_displaced`) to take its place in their own group should it drop out of its group."""
        same = self._holder.get(route.same_route)
        if same is not None:
            same_group, same_route = same
            if same_route.rank <= route.rank:
                self._displaced.setdefault(route.same_route, []).append((group, route))
                return
            self.found[same_group].remove(same_route)
            self._displaced.setdefault(route.same_route, []).append(same)
        kept = self.found.setdefault(group, [])
        kept.append(route)
        kept.sort(key=lambda r: r.rank)
        self._holder[route.same_route] = (group, route)
        dropped = kept[ROUTES_PER_OCCUPATION_AND_COUNTRY:]
        del kept[ROUTES_PER_OCCUPATION_AND_COUNTRY:]
        self._cutoff = None
        for route_out in dropped:
            del self._holder[route_out.same_route]
            waiting = self._displaced.get(route_out.same_route)
            if waiting:  # the best other order of the same programmes takes its place in its own group
                best = min(waiting, key=lambda item: item[1].rank)
                waiting.remove(best)
                self.keep(best[1], best[0])

    def worth_extending(self, partial: Partial, least_step: float = 0) -> bool:
        """Whether a longer route through the partial route could still be kept. It needs a last step that touches
        a remaining target and does not reach it on its own (else the route is dropped), which ends the route in a
        country and adds that step's cost: the route can only join the group of such a target and country, and only
        if the cheapest such step that can reach the target would still beat the group's worst kept route (or the
        group is not full). Reaching it means being linked to it, or teaching enough of its essential skills to make
        up what the route still lacks (with a step between, what the most-teaching programme could add counts too);
        when that step comes next, it must also be open to what the partial route holds. Without this a search
        whose groups were full, or could never fill, went on until MAX_EXPANSIONS. `least_step`: the least the next step
        adds (a partial route that has made its cheaper longer routes already). A group found not full, that a
        route through the partial route could join, is remembered on it (Partial.open_group): while the group stays
        so the answer stays yes, since such a group takes any route whatever its cost, and nothing else that decides
        it changes for the same partial route."""
        if partial.open_group is not None:
            kept = self.found.get(partial.open_group)
            if kept is None or len(kept) < ROUTES_PER_OCCUPATION_AND_COUNTRY:
                return True  # the group it could join then is still not full: any route joins it, whatever its cost
        path = partial.path
        base = (
            partial.ranked_months
            + STEP_PENALTY_MONTHS * len(path)
            - COVERAGE_BONUS_MONTHS
        )
        ending = Ending(
            partial.targets,
            partial.taught,
            partial.months,
            base,
            partial.crossings,
            self.nodes[path[-1]].country if path else None,
            self.apart_groups(partial.duration_unknown),
        )
        # The ways the route can end: the next step is the last (open to what the route holds now), or `between`
        # more steps come first, each adding at least the cheapest step open now, and the last is any programme.
        if self.may_join(ending, self.ends(partial.held), 0, least_step):
            partial.open_group = self.open_group
            return True
        open_now = self.open_step_list(partial.held)
        if open_now:
            first = self.nodes[open_now[0][0]]
            least_between = max(least_step, first.ranked_months + first.penalty)
            for between in range(1, MAX_STEPS - len(path)):
                if self.may_join(
                    ending,
                    self.any_ends,
                    between,
                    least_between + STEP_PENALTY_MONTHS * between,
                ):
                    partial.open_group = self.open_group
                    return True
        return False

    def apart_groups(self, duration_unknown: bool) -> tuple[bool, ...]:
        """The groups (listed apart or not) that a route whose steps so far have an unknown duration, or not, may yet
        fall in."""
        if duration_unknown and self.apart_options != (False,):
            return (True,)
        return self.apart_options

    def may_join(
        self, ending: Ending, ends: Ends, between: int, least_before: float
    ) -> bool:
        """Whether a route through the partial route described by `ending`, ended by one of `ends` after `between`
        more steps that each add at least the least step cost, could join a group it beats (see worth_extending).
        `least_before`: the least those steps add, or with none between, the least the last step adds."""
        found, target_bits = self.found, self.target_bits
        max_months = self.query.max_months
        if max_months is None:
            max_months = float("inf")
        taught, months, previous = ending.taught, ending.months, ending.previous
        for occupation_id in ending.targets:
            entry = ends.get(occupation_id)
            if entry is None:
                continue
            most, options = entry
            mask, needed = target_bits[occupation_id]
            lacking = needed - (mask & taught).bit_count()
            if between:
                # What the steps between could still teach of the occupation's essential skills, at most.
                lacking -= self.most_taught.get(occupation_id, 0) * between
            if lacking > most:
                continue  # no step can make up what the route lacks, in either country
            for country, shortest, cheapest_for, cheapest_linked in options:
                if months + shortest > max_months:
                    continue
                # LastSteps.cheapest, inline: this is the search's innermost loop
                if lacking < len(cheapest_for):
                    cost = cheapest_for[lacking if lacking > 0 else 0]
                else:
                    cost = cheapest_linked
                if cost is None:
                    continue  # only a programme linked to the target could reach it, and none is
                cost = max(cost, least_before) if not between else cost + least_before
                crossings = ending.crossings + (
                    previous is not None and country != previous
                )
                rank = (
                    crossings > 1,
                    ending.base + cost + BORDER_PENALTY_MONTHS * crossings,
                )
                for apart in ending.apart:
                    # SearchState.worst_kept, inline
                    group = (occupation_id, country, apart)
                    kept = found.get(group)
                    if kept is None or len(kept) < ROUTES_PER_OCCUPATION_AND_COUNTRY:
                        self.open_group = group
                        return True
                    if rank < kept[-1].rank:
                        self.open_group = None
                        return True
        return False

    def ends(self, held: Held) -> Ends:
        """last_steps(held) as may_join reads them (see ends_of), once per set of qualifications."""
        key = self.held_key(held)
        ends = self._ends.get(key)
        if ends is None:
            ends = self._ends[key] = ends_of(self.last_steps(held))
        return ends

    def last_steps(self, held: Held) -> dict[tuple[int, str], LastSteps]:
        """The possible last steps open to someone holding `held` (see worth_extending), once per set of
        qualifications like open_steps."""
        key = self.held_key(held)
        if key not in self._last_steps:
            top_level = max((level or 0 for _q, level, _n in held), default=0)
            self._last_steps[key] = self.last_step_options(
                self.nodes[index]
                for index, _reason in self.open_last_steps(held)
                if self.nodes[index].level is None
                or self.nodes[index].level > top_level
            )
        return self._last_steps[key]

    def last_step_options(
        self, nodes: Iterable[Node]
    ) -> dict[tuple[int, str], LastSteps]:
        """For each target occupation and country, what the given programmes offer as the last step of a route of
        two or three steps: those linked to the occupation, and those teaching some of its essential skills, with how
        many (LastSteps). A programme that reaches the occupation on its own from the starting point is no such step."""
        options: dict[tuple[int, str], LastSteps] = {}
        for node in nodes:
            for group, linked, taught, cost, months in self._as_last_step(node):
                option = options.get(group)
                if option is None:
                    option = options[group] = LastSteps()
                option.shortest = min(option.shortest, months)
                if linked:
                    option.linked.append((cost, node.index))
                else:
                    option.teaching.append((taught, cost, node.index))
        for option in options.values():
            option.sort()
        return options

    def _as_last_step(
        self, node: Node
    ) -> tuple[tuple[tuple[int, str], bool, int, int, int], ...]:
        """What the programme offers as a last step (see last_step_options), once per programme and search: per
        target occupation it touches and does not reach on its own, ((occupation, country), linked, essential skills
        taught, cost, months)."""
        entries = self._last_step_entries.get(node.index)
        if entries is None:
            entries = ()
            touched = node.touches & self.targets
            if touched and node.qualification_id != self.start_id:
                alone = self.reaches_alone(node, self.threshold)
                cost = node.ranked_months + node.penalty
                entries = tuple(
                    (
                        (occupation_id, node.country),
                        occupation_id in node.links,
                        (self.target_bits[occupation_id][0] & node.skills).bit_count(),
                        cost,
                        node.months,
                    )
                    for occupation_id in touched - alone
                )
            self._last_step_entries[node.index] = entries
        return entries

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


def _held_key(held: Held) -> tuple:
    """What opens programmes in a set of held qualifications: their types and levels (names open nothing)."""
    return tuple((qualification_id, level) for qualification_id, level, _name in held)


def possibly_open(search: SearchState, start: Held) -> list[Node]:
    """The programmes that some route may reach: open to the starting point or to a qualification that a programme
    open to it awards, or to one a programme open to that awards (MAX_STEPS - 1 awards in all). Order, levels and fields
    are not checked, so this may include too many, never too few: a group of routes whose last steps are all outside
    it cannot fill, and the search need not look for it."""
    accepted: set[int | None] = {qualification_id for qualification_id, _l, _n in start}
    top = max((level or 0 for _q, level, _n in start), default=0)
    possible: list[Node] = []
    for _round in range(MAX_STEPS - 1):
        possible = [node for node in search.nodes if _may_open(node, accepted, top)]
        for node in possible:
            if node.awards:
                accepted.add(node.qualification_id)
                top = max(top, node.level or 0)
    return [node for node in search.nodes if _may_open(node, accepted, top)]


def _may_open(node: Node, accepted: set[int | None], top: int) -> bool:
    return any(
        (qualification_id is not None and qualification_id in accepted)
        or (min_level is not None and min_level <= top)
        for qualification_id, min_level in node.requirements
    )
