"""The partnership's follow-up: what the cooperation actions, their figures and the network of actors amount to over a
date range, as the tables a coordinator pastes into the partnership's reports.

What each table counts (the page and the README say the same):

* **Actions by type and state**: the actions the viewer may see (batteryregion/visibility.py, the board's rule) that
  the segment and country-pair filters keep (the board's meanings) and whose period overlaps the range. An action's
  period runs from its planned start, or, when no start is planned, the day it was recorded, to its planned end, or
  open when no end is planned; it overlaps the range when it starts on or before the range's last day and does not
  end before its first day. The state is the action's state today: states have no dates of their own. Example actions
  (written by the project to show the board, marked as examples everywhere) count like the gap analysis' example
  needs do, and the page says how many of the counted actions are examples.
* **Promised and achieved per measure**: the figures of the actions the viewer may see and the filters keep, whatever
  the action's period: *promised* adds the figures whose due date falls in the range, *achieved* the achieved
  figures whose achieved-on date does. A figure without that date is not counted on that side. The share achieved is
  achieved ÷ promised (none when nothing is promised in the range).
* **Segments and the actions that address them**: every value-chain segment (the chosen one only, when one is
  chosen), the actions counted in the first table that address it, and the regions where the gap analysis today
  finds it under-supplied or without training.
* **Gaps with and without an action**: the segments and occupations that the gap analysis (gaps/analysis/compare.py
  ``analyse``, default query: standing needs, every target year, EQF 1–8, example data included, the countries of the
  chosen pair) marks *under-supplied* or *no training* in at least one region, and how many of them an action of the
  first table addresses directly. The gap analysis has no history: it is today's, whatever the range.
* **Planned training**: planned and proposed programmes, in all and expected to start in the range, with the places a
  year they state (gaps/cooperation/followup_planned.py).
* **Links across the border by kind**: published links between two published actors (the network page's links,
  programmes/network_selectors.py) that started on or before the range's last day and did not end before its first
  day; a link without a start date is counted, as the network page counts it, and the page says how many such links
  there are. Counted by programmes/network_figures.py, the network page's counts, with the network page's joint
  actions (programmes/network_edges.py) whose actions' planned periods overlap the range.

Everything is read in a fixed number of queries whatever the number of actions, figures and links (see
``follow_up_report``).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext as _

from batteryregion.i18n import shown
from gaps.analysis.compare import GapAnalysis, analyse, shared_inputs
from gaps.analysis.parameters import Dimension, GapQuery
from gaps.analysis.statuses import Status
from gaps.cooperation.filters import BOTH, FINLAND_ONLY, SWEDEN_ONLY, with_countries
from gaps.cooperation.followup_planned import PlannedRow, planned_rows
from gaps.cooperation.models import (
    BOARD_STATES,
    Action,
    ActionFigure,
)
from programmes.network_edges import JointEdge, network_kinds
from programmes.network_figures import NetworkFigures, network_figures
from programmes.network_selectors import joint_edges_for_network, links_for_network
from skills.models import ActorLink, Country, Occupation, Region, Segment

User = AbstractBaseUser | AnonymousUser

# The statuses the follow-up calls a gap: too few places, or no training at all.
GAP_STATUSES = (Status.UNDER_SUPPLIED, Status.NO_TRAINING)
# The gap analysis' countries for each country pair of the filters.
PAIR_COUNTRIES = {
    FINLAND_ONLY: (Country.FINLAND,),
    SWEDEN_ONLY: (Country.SWEDEN,),
    BOTH: (),
    "": (),
}


@dataclass(frozen=True)
class FollowUpQuery:
    """What the follow-up looks at: the range (both days included), a segment, a country pair."""

    start: datetime.date
    end: datetime.date
    segment: Segment | None = None
    countries: str = ""  # "", or a country pair of gaps.cooperation.filters


@dataclass(frozen=True)
class KindRow:
    """One type of action: how many actions are in each state (BOARD_STATES order) and in all."""

    kind: str
    label: str
    counts: list[int]
    examples: int = 0  # how many of them are examples (Action.is_example)

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class MeasureRow:
    """One measure: what was promised for the range and what was achieved in it."""

    measure: str
    label: str
    promised: int
    achieved: int

    @property
    def share(self) -> float | None:
        """Achieved ÷ promised in per cent, None when nothing is promised in the range."""
        return 100 * self.achieved / self.promised if self.promised else None


@dataclass(frozen=True)
class SegmentRow:
    """A value-chain segment, the counted actions that address it and the regions where it is a gap today."""

    segment: Segment
    actions: int
    gap_regions: list[Region]


@dataclass(frozen=True)
class GapRow:
    """Segments or occupations marked a gap in at least one region, with and without an action."""

    dimension: str
    label: str
    gaps: int
    with_action: int

    @property
    def without_action(self) -> int:
        return self.gaps - self.with_action


@dataclass(frozen=True)
class FollowUpReport:
    query: FollowUpQuery
    states: list[tuple[str, str]]  # (state, label) in the board's order
    kinds: list[KindRow]
    state_totals: list[int]
    actions: int
    example_actions: int  # of the actions, those written by the project as examples
    measures: list[MeasureRow]
    segments: list[SegmentRow]
    gaps: list[GapRow]
    links: NetworkFigures
    links_without_start: int  # cross-border links counted without a start date
    planned: list[
        PlannedRow
    ]  # planned and proposed programmes (gaps/cooperation/followup_planned.py)

    @property
    def addressed_segments(self) -> int:
        return sum(1 for row in self.segments if row.actions)


def filtered_actions(user: User, query: FollowUpQuery) -> QuerySet[Action]:
    """The actions the user may see that the segment and country pair keep, whatever their dates (not evaluated)."""
    actions = Action.objects.visible_to(user)
    if query.segment is not None:
        actions = actions.filter(
            Exists(
                Action.segments.through.objects.filter(
                    action=OuterRef("pk"), segment=query.segment
                )
            )
        )
    if query.countries:
        actions = with_countries(actions, query.countries)
    return actions


def actions_in_range(user: User, query: FollowUpQuery) -> QuerySet[Action]:
    """The filtered actions whose period overlaps the range: started (planned start, else the day recorded) on or
    before its last day, and not ended (planned end) before its first day (not evaluated)."""
    return (
        filtered_actions(user, query)
        .annotate(period_start=Coalesce("starts_on", TruncDate("created_at")))
        .filter(period_start__lte=query.end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=query.start))
    )


def kind_rows(actions: QuerySet[Action]) -> list[KindRow]:
    """Every type of action with its count per state, zeros included, and how many are examples (1 query,
    grouped)."""
    counted: Counter[tuple[str, str]] = Counter()
    examples: Counter[str] = Counter()
    for row in (
        actions.order_by().values("kind", "state", "is_example").annotate(n=Count("pk"))
    ):
        counted[row["kind"], row["state"]] += row["n"]
        if row["is_example"]:
            examples[row["kind"]] += row["n"]
    return [
        KindRow(
            kind,
            str(label),
            [counted[(kind, state)] for state in BOARD_STATES],
            examples[kind],
        )
        for kind, label in Action.Kind.choices
    ]


def measure_rows(actions: QuerySet[Action], query: FollowUpQuery) -> list[MeasureRow]:
    """Every measure with the figures promised for the range and achieved in it (1 query, grouped)."""
    in_range = {"due_on__range": (query.start, query.end)}
    achieved_in_range = {"achieved_on__range": (query.start, query.end)}
    sums = {
        row["measure"]: row
        for row in ActionFigure.objects.filter(action__in=actions.values("pk"))
        .order_by()
        .values("measure")
        .annotate(
            promised_sum=Sum("promised", filter=Q(**in_range)),
            achieved_sum=Sum("achieved", filter=Q(**achieved_in_range)),
        )
    }
    return [
        MeasureRow(
            measure,
            str(label),
            (sums.get(measure) or {}).get("promised_sum") or 0,
            (sums.get(measure) or {}).get("achieved_sum") or 0,
        )
        for measure, label in ActionFigure.Measure.choices
    ]


def addressed_counts(actions: QuerySet[Action]) -> dict[tuple[str, int], int]:
    """How many of the actions address each segment and occupation, keyed by (dimension, primary key): one query,
    the two link tables' counts in one UNION."""
    ids = actions.values("pk")
    parts = [
        link.objects.filter(action_id__in=ids)
        .annotate(dimension=Value(name, output_field=CharField()), key=F(column))
        .values("dimension", "key")
        .annotate(actions=Count("action_id"))
        .order_by()
        for name, link, column in (
            (Dimension.SEGMENT, Action.segments.through, "segment_id"),
            (Dimension.OCCUPATION, Action.occupations.through, "occupation_id"),
        )
    ]
    rows = parts[0].union(parts[1], all=True)
    return {(row["dimension"], row["key"]): row["actions"] for row in rows}


def gap_regions(analysis: GapAnalysis) -> dict[int, list[Region]]:
    """The regions where each key of the analysis is under-supplied or has no training, in code order."""
    regions: dict[int, list[Region]] = {}
    for cell in analysis.cells:  # sorted by key, then region code
        if cell.status in GAP_STATUSES:
            regions.setdefault(cell.key.pk, []).append(cell.region)
    return regions


def follow_up_report(
    user: User, query: FollowUpQuery, segments: list[Segment]
) -> FollowUpReport:
    """Every table of the follow-up for this viewer and query. ``segments``: every segment in value-chain order, read
    once by the page.

    Queries: the actions by type and state (1), the figures by measure (1), the actions per segment and occupation
    (1), the gap analysis of segments and of occupations (their shared regions and offerings 2, then 3 each: 8),
    the links with both actors (1) and their segments (1, none when there is no link), the joint actions' participants
    and their actions' segments (2, one when no action has two published participants), the planned training (1): 16. A chosen segment adds the
    occupations that belong to it (1), which the gap analysis of occupations is narrowed to.
    """
    counted = actions_in_range(user, query)
    kinds = kind_rows(counted)
    measures = measure_rows(filtered_actions(user, query), query)
    addressed = addressed_counts(counted)

    countries = PAIR_COUNTRIES.get(query.countries, ())
    segment_keys: tuple[int, ...] = ()
    occupation_keys: tuple[int, ...] = ()
    if query.segment is not None:
        segment_keys = (query.segment.pk,)
        occupation_keys = tuple(
            Occupation.segments.through.objects.filter(
                segment=query.segment
            ).values_list("occupation_id", flat=True)
        ) or (0,)  # no occupation of the segment: none, not every one
    segment_query = GapQuery(
        dimension=Dimension.SEGMENT, countries=countries, keys=segment_keys
    )
    shared = shared_inputs(segment_query)
    by_segment = gap_regions(analyse(segment_query, user, shared))
    by_occupation = gap_regions(
        analyse(
            GapQuery(
                dimension=Dimension.OCCUPATION,
                countries=countries,
                keys=occupation_keys,
            ),
            user,
            shared,
        )
    )

    shown_segments = [query.segment] if query.segment is not None else segments
    segment_rows = [
        SegmentRow(
            segment,
            addressed.get((Dimension.SEGMENT, segment.pk), 0),
            by_segment.get(segment.pk, []),
        )
        for segment in shown_segments
    ]
    gaps = [
        GapRow(
            dimension,
            label,
            len(keys),
            sum(1 for pk in keys if (dimension, pk) in addressed),
        )
        for dimension, label, keys in (
            (Dimension.SEGMENT, _("Value-chain segments"), by_segment),
            (Dimension.OCCUPATION, _("Occupations"), by_occupation),
        )
    ]

    links = links_for_network().filter(
        Q(started_on__isnull=True) | Q(started_on__lte=query.end),
        Q(ended_on__isnull=True) | Q(ended_on__gte=query.start),
    )
    if query.segment is not None:
        links = links.concerning(query.segment)
    edges: list[ActorLink | JointEdge] = list(links)
    # The network page's joint actions too: two organisations of one action the viewer may see, in force while one
    # of their actions' planned periods overlaps the range (an action without a planned start counts, as a link
    # without a start date does).
    edges += [
        edge
        for edge in joint_edges_for_network(user, segment=query.segment)
        if any(
            (start is None or start <= query.end)
            and (end is None or end >= query.start)
            for start, end in edge.periods
        )
    ]
    figures = network_figures(
        edges,
        no_segment=_("No segment given"),
        no_year=_("Start not known"),
        kinds=network_kinds(),
    )
    return FollowUpReport(
        query=query,
        states=[(state, str(Action.State(state).label)) for state in BOARD_STATES],
        kinds=kinds,
        state_totals=[
            sum(row.counts[index] for row in kinds)
            for index in range(len(BOARD_STATES))
        ],
        actions=sum(row.total for row in kinds),
        example_actions=sum(row.examples for row in kinds),
        measures=measures,
        segments=segment_rows,
        gaps=gaps,
        links=figures,
        links_without_start=sum(
            1 for link in edges if link.crosses_border and link.started_on is None
        ),
        planned=planned_rows(query),
    )


def report_tables(
    report: FollowUpReport,
) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """The report's tables as headers and rows of plain values, in the active language, for the CSV files."""
    state_labels = [label for _state, label in report.states]
    return {
        "actions": (
            [_("Type of action"), *state_labels, _("Total")],
            [
                *([row.label, *row.counts, row.total] for row in report.kinds),
                [_("Total"), *report.state_totals, report.actions],
            ],
        ),
        "figures": (
            [
                _("Measure"),
                _("Promised, due in the period"),
                _("Achieved in the period"),
                _("Share achieved (%)"),
            ],
            [
                [row.label, row.promised, row.achieved, row.share]
                for row in report.measures
            ],
        ),
        "segments": (
            [
                _("Value-chain segment"),
                _("Actions that address it"),
                _("Regions where it is under-supplied or without training"),
            ],
            [
                [
                    shown(row.segment, "name").text,
                    row.actions,
                    "; ".join(region.code for region in row.gap_regions),
                ]
                for row in report.segments
            ],
        ),
        "gaps": (
            [
                _("Gaps of the analysis"),
                _("Under-supplied or without training"),
                _("With an action"),
                _("Without an action"),
            ],
            [
                [row.label, row.gaps, row.with_action, row.without_action]
                for row in report.gaps
            ],
        ),
        "links": (
            [_("Kind of cooperation"), _("Links across the border")],
            [
                *([row.label.text, row.count] for row in report.links.by_kind),
                [_("Total"), report.links.cross_border],
            ],
        ),
        "planned": (
            [
                _("Availability"),
                _("Programmes"),
                _("Places a year"),
                _("Programmes expected to start in the period"),
                _("Their places a year"),
            ],
            [
                [
                    row.label,
                    row.programmes,
                    row.places,
                    row.starting,
                    row.starting_places,
                ]
                for row in report.planned
            ],
        ),
    }
