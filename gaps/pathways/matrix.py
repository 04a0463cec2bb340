"""The pathway matrix: for each starting point, how many routes the pathway search finds to each occupation of a
goal (a part of the value chain or one occupation), on which side of the border they end, and the shortest time.

It is the search without a starting point, for counsellors: the pathway search (gaps/pathways/best_first.py) runs
once per starting point with the goal, all on one ``Network`` read by ``load_network``, so the matrix costs the
network's fixed number of queries whatever the number of starting points, occupations and programmes.

What a cell counts is what the search finds for that occupation (``SearchOutcome.found``): the best routes to it,
at most ``ROUTES_PER_OCCUPATION_AND_COUNTRY`` ending on each side of the border, the same programmes in another
order being one route. The search for the starting point and the occupation alone (where the cell links) shows
the same routes. When a search stopped before trying everything (``SearchOutcome.complete`` False: it already had
``MAX_ROUTES`` better routes), a count is a lower bound and an empty cell means "not counted", not "no route".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from batteryregion.i18n import shown
from gaps.pathways.best_first import search_routes
from gaps.pathways.forms import sort_text
from gaps.pathways.network import Network, untrained_occupations
from gaps.pathways.nodes import target_occupations
from gaps.pathways.routes import PathwayQuery
from programmes.models import Programme
from skills.models import Occupation, QualificationType, Segment


@dataclass(frozen=True)
class MatrixCell:
    """The routes from one starting point to one occupation."""

    starting_point: QualificationType
    occupation: Occupation
    routes: int
    finland: int  # routes whose last step is given in Finland
    sweden: int  # … in Sweden
    shortest_months: (
        int | None
    )  # the shortest total of a route whose every step has a recorded duration
    complete: (
        bool  # the search tried everything: `routes` is exact, and 0 means no route
    )


@dataclass(frozen=True)
class MatrixColumn:
    occupation: Occupation
    untrained: bool  # no programme in the data leads to it (gaps.pathways.network.untrained_occupations)


@dataclass(frozen=True)
class MatrixRow:
    starting_point: QualificationType
    cells: tuple[MatrixCell, ...]  # in the order of the columns
    complete: bool  # the row's search tried everything


@dataclass(frozen=True)
class PathwayMatrix:
    columns: tuple[MatrixColumn, ...]
    rows: tuple[MatrixRow, ...]

    @property
    def complete(self) -> bool:
        return all(row.complete for row in self.rows)


def pathway_matrix(
    network: Network,
    starting_points: Iterable[QualificationType],
    *,
    occupation: Occupation | None = None,
    segment: Segment | None = None,
) -> PathwayMatrix:
    """The matrix of the starting points (rows, in the order given) and the occupations of the goal (columns, by
    name in the active language), one search per starting point (no queries)."""
    if occupation is None and segment is None:
        raise ValueError("The matrix needs a goal: an occupation or a segment.")
    starting_points = list(starting_points)
    goal = {"occupation": occupation, "segment": segment}
    untrained = untrained_occupations(network)
    occupations = sorted(
        target_occupations(_query(starting_points[0], goal), network)
        if starting_points
        else [],
        key=lambda o: (sort_text(shown(o, "label").text), o.pk),
    )
    columns = tuple(MatrixColumn(o, o.pk in untrained) for o in occupations)
    programmes = {programme.pk: programme for programme in network.programmes}
    rows = []
    for start in starting_points:
        outcome = search_routes(_query(start, goal), network)
        routes = _routes_by_occupation(outcome.found)
        cells = tuple(
            _cell(start, column.occupation, routes.get(column.occupation.pk, []), programmes, outcome.complete)
            for column in columns
        )  # fmt: skip
        rows.append(MatrixRow(start, cells, outcome.complete))
    return PathwayMatrix(columns, tuple(rows))


def _query(start: QualificationType, goal: dict) -> PathwayQuery:
    return PathwayQuery(starting_point=start, **goal)


def _routes_by_occupation(
    found: frozenset[tuple[tuple[int, ...], int]],
) -> dict[int, list[tuple[int, ...]]]:
    """The programmes of each route found, by occupation id; the same programmes in another order are one route
    (the search keeps only one of them already; this holds even if it did not), the first in sorted order kept."""
    routes: dict[tuple[frozenset[int], int], tuple[int, ...]] = {}
    for programme_ids, occupation_id in sorted(found):
        routes.setdefault((frozenset(programme_ids), occupation_id), programme_ids)
    by_occupation: dict[int, list[tuple[int, ...]]] = {}
    for (_programmes, occupation_id), programme_ids in routes.items():
        by_occupation.setdefault(occupation_id, []).append(programme_ids)
    return by_occupation


def _cell(
    start: QualificationType,
    occupation: Occupation,
    routes: list[tuple[int, ...]],
    programmes: dict[int, Programme],
    complete: bool,
) -> MatrixCell:
    # The country of a route's last step, as the search groups it: the first country where its programme is given.
    last_countries = [programmes[route[-1]].countries[0] for route in routes]
    known_totals = [
        sum(months)
        for route in routes
        if None not in (months := [programmes[pk].duration_months for pk in route])
    ]
    return MatrixCell(
        starting_point=start,
        occupation=occupation,
        routes=len(routes),
        finland=last_countries.count("FI"),
        sweden=last_countries.count("SE"),
        shortest_months=min(known_totals, default=None),
        complete=complete,
    )
