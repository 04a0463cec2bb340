"""What the network page counts, following the partnership's goal of a network across the border: the links between
a Finnish and a Swedish actor, by kind of cooperation, by part of the value chain and by the year they started.

Pure functions over the links the page already read (programmes.network_selectors.links_for_network, filtered), so the
figures, the graph and the table always describe the same links and cost no query of their own.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from batteryregion.i18n import Shown, shown
from skills.models import ActorLink, Segment


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
    links: Sequence[ActorLink], *, no_segment: str, no_year: str
) -> NetworkFigures:
    """Count the cross-border links among the given ones (both actors and the segments loaded). A link that concerns
    several segments counts once in each, so the segment rows may add up to more than the links."""
    across = [link for link in links if link.crosses_border]
    kinds = Counter(link.kind for link in across)
    segments: dict[int, Segment] = {}
    per_segment: Counter[int] = Counter()
    without_segment = 0
    for link in across:
        linked = link.segments.all()
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
            FigureRow(label=_plain(label), count=kinds[kind])
            for kind, label in ActorLink.Kind.choices
        ],
        by_segment=by_segment,
        by_year=by_year,
    )
