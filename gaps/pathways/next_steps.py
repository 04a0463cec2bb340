"""Which next steps of a partial route the pathway search (gaps/pathways/best_first.py) need not try: a step that
no route kept could go through (UsefulSteps), and a step outclassed towards a target by two of its class tried
before it (outclassed). Both leave the routes found unchanged; the reasons are in their docstrings."""

from __future__ import annotations

from gaps.pathways.nodes import Held, Node
from gaps.pathways.search_state import Partial, SearchState


class UsefulSteps:
    """Which next steps of a partial route can matter when the route after them can only take one more (its last):
    a step matters if it completes a route to a remaining target (linked to it on the route, or the skills taught
    reach the coverage threshold), or if some programme open after it could end a longer route to a target the
    longer route keeps, linked to it or teaching enough of its essential skills to make up what the route then lacks.
    That is a necessary condition of SearchState.worth_extending for the longer route (which also weighs the cost and
    the groups' routes), so a step failing it would be tried in vain: no route kept, no longer route. One per partial
    route and qualification the step awards (the same programmes are open after the same qualifications)."""

    __slots__ = ("ends", "makes_up", "untouched")

    def __init__(self, search: SearchState, partial: Partial, held: Held) -> None:
        # target -> the most essential skills a last step open after `held` can make up (any number when one is
        # linked to the target)
        self.ends = search.ends(
            held
        )  # the last steps open after `held`, as may_join reads them
        self.makes_up = {
            occupation_id: most for occupation_id, (most, _options) in self.ends.items()
        }
        # the targets a longer route could still reach through a step teaching none of their skills
        self.untouched = frozenset(
            occupation_id
            for occupation_id in partial.targets
            if self._lacking(search, partial.taught, occupation_id)
            <= self.makes_up.get(occupation_id, -1)
        )

    @staticmethod
    def _lacking(search: SearchState, taught: int, occupation_id: int) -> int:
        mask, needed = search.target_bits[occupation_id]
        return needed - (mask & taught).bit_count()

    def futile(self, search: SearchState, partial: Partial, node: Node) -> bool:
        """Whether the step completes no route and no longer route through it could be kept (see the class)."""
        taught = partial.taught | node.skills
        for occupation_id in partial.targets & node.touches:
            if occupation_id in partial.linked or occupation_id in node.links:
                return False
            lacking = self._lacking(search, taught, occupation_id)
            if lacking <= 0 or lacking <= self.makes_up.get(occupation_id, -1):
                return False
        if node.awards or node.field_id in search.gate_fields:
            # A longer route keeps the targets the step does not touch (_children); it teaches nothing of them.
            return self.untouched <= node.touches
        return True


def record_tried(
    search: SearchState,
    tried: dict[tuple, list[tuple[int, int, int, frozenset[int]]]],
    node: Node,
    path: tuple[int, ...],
) -> None:
    """Record the step among those tried of its class, as outclassed does (a step not tried further still ranks
    its routes as it does)."""
    kind = award_class(search, node, path)
    if kind is not None:
        tried.setdefault(kind, []).append(
            (node.ranked_months + node.penalty, node.months, node.places, node.touches)
        )


def outclassed(
    search: SearchState,
    tried: dict[tuple, list[tuple[int, int, int, frozenset[int]]]],
    node: Node,
    path: tuple[int, ...],
    targets: frozenset[int],
) -> frozenset[int]:
    """The targets that longer routes through this step need not be sought for: each one that it teaches nothing of
    and does not lead to, when two steps of its class that do not touch it either were tried before it here, each
    ranking a route at least as well: cheaper, or as cheap with at least as many places (tried first, it is also
    first in the fixed order of programmes), and with a study-time limit in no more months. A step of the class
    (award_class) gives a longer route the same qualification, country and, where a later programme asks for one, the
    same field, so every route through this step to such a target has two routes at least as good beside it, the same
    but for this step (their later steps touch the target or award more, so they are neither of the two), and each
    group keeps two. Records the step among those tried."""
    if node.level is None:
        return frozenset()  # it awards no level: no class (award_class)
    kind = award_class(search, node, path)
    if kind is None:
        return frozenset()
    earlier = tried.setdefault(kind, [])
    cost = node.ranked_months + node.penalty
    limit = search.query.max_months is not None
    places, months = node.places, node.months
    # target -> how many of the steps that rank a route at least as well do not touch it, until two do not
    short = dict.fromkeys(targets - node.touches, 0) if len(earlier) >= 2 else {}
    found = []
    for earlier_cost, earlier_months, earlier_places, touches in earlier:
        if not short:
            break  # every target has its two, or there are none to look for
        if (earlier_cost < cost or earlier_places >= places) and not (
            limit and earlier_months > months
        ):
            for occupation_id in [o for o in short if o not in touches]:
                if short[occupation_id]:
                    del short[occupation_id]
                    found.append(occupation_id)
                else:
                    short[occupation_id] = 1
    earlier.append((cost, months, places, node.touches))
    return frozenset(found)


def award_class(search: SearchState, node: Node, path: tuple[int, ...]) -> tuple | None:
    """What a step that awards a qualification at a level gives a longer route besides its cost, months and places: the
    qualification, its country, its field where a programme of the search asks for earlier education in it, whether
    its duration is known and, as a first step, whether it is far from home. None for a step that awards no level."""
    if not node.awards or node.level is None:
        return None
    return (
        node.qualification_id,
        node.level,
        node.country,
        node.field_id if node.field_id in search.gate_fields else None,
        node.duration_known,
        not path and node.far,
    )
