"""What the network page counts, following the partnership's goal of a network across the border: the links between
a Finnish and a Swedish actor, by kind of cooperation, by part of the value chain and by the year they started.

Pure functions over the links the page already read (programmes.network_selectors.links_for_network, filtered, and
the joint-action edges of programmes/network_edges.py), so the figures, the graph and the table always describe the
same links and cost no query of their own.

Links in force over time (``in_force_by_year``): for each year from the earliest start to the current year, the
cross-border links that started on or before the year's last day and did not end before its first day, by kind. A
link without a start date is counted once under "start not known", never in the years. A joint-action edge is in force
while one of its actions is, by the actions' planned start and end (an action without a planned start counts under
"start not known").
"""

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from batteryregion.i18n import Shown, shown
from programmes.network_edges import JointEdge, link_periods, link_segments
from skills.models import ActorLink, Segment

Edge = ActorLink | JointEdge


@dataclass(frozen=True)
class FigureRow:
    """One line of a figure: what is counted (a label, with its language when it is a record's name) and how many."""

    label: Shown
    count: int


@dataclass(frozen=True)
class NetworkFigures:
    total: int  # every link shown
    cross_border: int  # those between the two countries
    by_kind: list[FigureRow]  # every kind, zeros included
    by_segment: list[
        FigureRow
    ]  # segments with a cross-border link, in value-chain order; then "no segment given"
    by_year: list[
        FigureRow
    ]  # years with a cross-border link, oldest first; then "start not known"


def _plain(text: str) -> Shown:
    return Shown(text=str(text), lang="", is_fallback=False)


def network_figures(
    links: Sequence[Edge],
    *,
    no_segment: str,
    no_year: str,
    kinds: Sequence[tuple[str, str]] = ActorLink.Kind.choices,
) -> NetworkFigures:
    """Count the cross-border links among the given ones (both actors and the segments loaded), by ``kinds`` (the
    recorded kinds unless told). A link that concerns several segments counts once in each, so the segment rows may
    add up to more than the links."""
    across = [link for link in links if link.crosses_border]
    per_kind = Counter(link.kind for link in across)
    segments: dict[int, Segment] = {}
    per_segment: Counter[int] = Counter()
    without_segment = 0
    for link in across:
        linked = link_segments(link)
        if not linked:
            without_segment += 1
        for segment in linked:
            segments[segment.pk] = segment
            per_segment[segment.pk] += 1
    by_segment = [
        FigureRow(label=shown(segment, "name"), count=per_segment[segment.pk])
        for segment in sorted(segments.values(), key=lambda s: (s.order, s.pk))
    ]
    if without_segment:
        by_segment.append(FigureRow(label=_plain(no_segment), count=without_segment))
    years = Counter(link.started_on.year for link in across if link.started_on)
    by_year = [
        FigureRow(label=_plain(str(year)), count=years[year]) for year in sorted(years)
    ]
    unknown = sum(1 for link in across if link.started_on is None)
    if unknown:
        by_year.append(FigureRow(label=_plain(no_year), count=unknown))
    return NetworkFigures(
        total=len(links),
        cross_border=len(across),
        by_kind=[
            FigureRow(label=_plain(label), count=per_kind[kind])
            for kind, label in kinds
        ],
        by_segment=by_segment,
        by_year=by_year,
    )


@dataclass(frozen=True)
class YearRow:
    """One line of the table over time: a year (or "start not known"), the links in force by kind, and in all."""

    label: str
    counts: list[int]  # in the order of InForceTable.kinds
    total: int


@dataclass(frozen=True)
class InForceTable:
    kinds: list[str]  # the kinds' labels, the table's columns
    rows: list[
        YearRow
    ]  # oldest year first; "start not known" last when there is such a link


def _in_force(
    periods: list[tuple[datetime.date | None, datetime.date | None]], year: int
) -> bool:
    return any(
        start is not None and start.year <= year and (end is None or end.year >= year)
        for start, end in periods
    )


def in_force_by_year(
    links: Sequence[Edge],
    *,
    this_year: int,
    kinds: Sequence[tuple[str, str]],
    no_year: str,
) -> InForceTable:
    """The cross-border links in force each year from the earliest known start to ``this_year``, by kind (see the
    module's docstring); a link whose every start is unknown counts under ``no_year``. No queries."""
    across = [link for link in links if link.crosses_border]
    periods = {id(link): link_periods(link) for link in across}
    starts = [
        start.year for link in across for start, _end in periods[id(link)] if start
    ]
    rows = []
    for year in range(min(starts, default=this_year + 1), this_year + 1):
        counts = Counter(
            link.kind for link in across if _in_force(periods[id(link)], year)
        )
        row = [counts[kind] for kind, _label in kinds]
        rows.append(YearRow(label=str(year), counts=row, total=sum(row)))
    unknown = Counter(
        link.kind
        for link in across
        if not any(start for start, _end in periods[id(link)])
    )
    if unknown:
        row = [unknown[kind] for kind, _label in kinds]
        rows.append(YearRow(label=str(no_year), counts=row, total=sum(row)))
    return InForceTable(kinds=[str(label) for _kind, label in kinds], rows=rows)
