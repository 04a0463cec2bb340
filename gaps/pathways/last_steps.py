"""The tables of possible last steps that the pathway search's bounds read (gaps/pathways/search_state.py): per
target occupation and country, the programmes that could end a route there and the least cost of one that makes up
so many of the occupation's essential skills."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class LastSteps:
    """The programmes that could end a route of two or three steps at one occupation in one country (see
    SearchState.worth_extending), and what the best of them offer."""

    shortest: int = 1_000_000  # the fewest recorded months one takes (Node.months)
    # (cost, node index) of those linked to the occupation, cheapest first; a cost is what the step adds to a route's
    # score (Node.ranked_months + penalty)
    linked: list[tuple[int, int]] = field(default_factory=list)
    # (essential skills of the occupation taught, cost, node index) of the others, most taught first
    teaching: list[tuple[int, int, int]] = field(default_factory=list)
    # item n: the least cost of one that can make up n essential skills a route lacks (linked, or teaching n or
    # more); beyond the end only a linked one can
    _cheapest_for: list[float] = field(default_factory=list)
    _cheapest_linked: float | None = None
    _enders: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    def sort(self) -> None:
        """Order the programmes and work out the least costs, once all are added."""
        self.linked.sort()
        self.teaching.sort(key=lambda item: (-item[0], item[1], item[2]))
        self._cheapest_linked = self.linked[0][0] if self.linked else None
        most_taught = self.teaching[0][0] if self.teaching else 0
        least = float("inf") if self._cheapest_linked is None else self._cheapest_linked
        cheapest_for = [least] * (most_taught + 1)
        for taught, cost, _index in self.teaching:
            cheapest_for[taught] = min(cheapest_for[taught], cost)
        for n in range(most_taught - 1, -1, -1):  # one teaching more makes up fewer too
            cheapest_for[n] = min(cheapest_for[n], cheapest_for[n + 1])
        self._cheapest_for = cheapest_for

    def enders(self, lacking: int) -> list[tuple[int, int]]:
        """(cost, node index) of the programmes here that can make up `lacking` essential skills, cheapest first:
        those linked to the occupation and those teaching as many or more. Worked out once per number: the last
        steps of many partial routes are tried from it."""
        at_least = max(lacking, 0)
        enders = self._enders.get(at_least)
        if enders is None:
            teaching = (
                (cost, index)
                for taught, cost, index in self.teaching
                if taught >= at_least
            )
            enders = self._enders[at_least] = sorted((*self.linked, *teaching))
        return enders

    def cheapest(self, lacking: int) -> float | None:
        """The least cost of a programme here that can make up `lacking` essential skills (None if none can)."""
        if lacking < len(self._cheapest_for):
            return self._cheapest_for[max(lacking, 0)]
        return self._cheapest_linked


Ends = dict[
    int, tuple[float, tuple[tuple[str, int, tuple[float, ...], float | None], ...]]
]
"""Possible last steps by target occupation, as SearchState.may_join reads them (ends_of): the most essential
skills one can make up, and the options per country."""


@dataclass(slots=True)
class Ending:
    """What SearchState.may_join needs of a partial route: its remaining targets, the skills taught, its recorded
    months, its score so far with the step penalties of the steps it has and the full coverage bonus (`base`), its
    border crossings, the country of its last step (None before the first) and the groups it may fall in (listed
    apart or not)."""

    targets: frozenset[int]
    taught: int
    months: int
    base: float
    crossings: int
    previous: str | None
    apart: tuple[bool, ...]


def ends_of(options: dict[tuple[int, str], LastSteps]) -> Ends:
    """The options by occupation as may_join reads them: the most essential skills of it that one can make up (any
    number, infinite, when one is linked to it) and, per country (FI before SE), the fewest months one takes, the
    least cost of one that makes up n essential skills (item n) and the least cost of a linked one (None if none is
    linked), as LastSteps.cheapest reads them."""
    ends: Ends = {}
    for occupation_id in dict.fromkeys(o for o, _c in options):
        per_country = tuple(
            (
                country,
                option.shortest,
                tuple(option._cheapest_for),
                option._cheapest_linked,
            )
            for country in ("FI", "SE")
            if (option := options.get((occupation_id, country))) is not None
        )
        most = max(
            len(cheapest_for) - 1 if linked is None else float("inf")
            for _country, _shortest, cheapest_for, linked in per_country
        )
        ends[occupation_id] = (most, per_country)
    return ends
