"""The demand side of the gap analysis: which needs count, their weighted demand in people per year, the needs of each
segment, occupation or skill aggregated in SQL, and the needs behind one row's figures.

Every figure counts only the needs its viewer may see (``skills.models.visible_needs``): ``counted_needs`` applies that
rule before anything is added up, so a need hidden from a viewer changes nothing in what they see, whatever filters
they combine, and a figure never says whether hidden needs lie behind it.

Needs are read and weighted only here, so that the dashboard's figures (``counted_demand``), the drill-down's list of
needs (``needs_behind``, its first ones per region ``needs_listed``) and the needs met only across the border
(gaps/analysis/across_border.py) count the same needs in the same way. The rules themselves are explained in gaps/analysis/compare.py.
Python handles groups, not needs: the figures, the different sources behind them and the first needs of each region
are worked out in SQL, so that 50,000 needs cost the page the same number of rows as 500.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FilteredRelation,
    FloatField,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, Greatest, RowNumber

from gaps.analysis.parameters import URGENCY_WEIGHTS, Dimension, GapQuery
from skills.models import CompetenceNeed, visible_needs

Viewer = AbstractBaseUser | AnonymousUser


def counts_every_need(user: Viewer) -> bool:
    """Whether the viewer may see every need, confidential ones too, so that their figures include them all
    (coordinators): ``visible_needs`` then sets no condition. No query for an anonymous visitor."""
    return not visible_needs(user)


def counted_needs(query: GapQuery, user: Viewer) -> QuerySet[CompetenceNeed]:
    """Published needs the query counts for this viewer: the ones they may see, by status, horizon, level band,
    country and examples."""
    needs = CompetenceNeed.objects.published().filter(
        visible_needs(user),
        status__in=query.statuses,
        region__country__in=query.country_codes,
    )
    if not query.examples:
        needs = needs.filter(is_example=False)
    if query.horizon is not None:
        needs = needs.filter(target_year__lte=query.horizon)
    return needs.filter(
        Q(min_level__isnull=True) | Q(min_level__lte=query.max_level),
        Q(max_level__isnull=True) | Q(max_level__gte=query.min_level),
    )


def need_demand(query: GapQuery) -> Any:
    """SQL expression: one need's weighted demand in people per year (see the rules in gaps/analysis/compare.py)."""
    weight = Case(
        *(
            When(urgency=urgency, then=Value(w))
            for urgency, w in URGENCY_WEIGHTS.items()
        ),
        output_field=FloatField(),
    )
    years_left = Greatest(
        F("target_year") - Value(query.reference_year) + Value(1), Value(1)
    )
    return ExpressionWrapper(
        Cast("headcount", FloatField()) * weight / Cast(years_left, FloatField()),
        output_field=FloatField(),
    )


def needs_for_key(
    query: GapQuery, key_id: int, user: Viewer
) -> QuerySet[CompetenceNeed]:
    """The counted needs the viewer may see that belong to one segment, occupation or skill."""
    # Joined as demand_groups() joins them (each need once per key), not WHERE pk IN (…) OR pk IN (…): seconds at 50,000 needs.
    needs, key_path = _need_paths(query, user)
    return needs.alias(key_id=key_path).filter(key_id=key_id)


def _need_paths(query: GapQuery, user: Viewer) -> tuple[QuerySet[CompetenceNeed], Any]:
    """The viewer's counted needs joined to the query's dimension, and the expression of the key each row counts
    toward.

    A need counts toward a segment it names or, when it names none, toward the segments of its occupation. The
    occupation is joined only for needs with no segment of their own (a condition on the join, not a second query),
    so that each need is one row per segment it counts toward and both kinds of need add up in one query.
    """
    needs = counted_needs(query, user)
    if query.dimension == Dimension.SEGMENT:
        needs = needs.alias(named_segment=F("segments")).alias(
            unnamed_occupation=FilteredRelation(
                "occupation", condition=Q(named_segment__isnull=True)
            )
        )
        return needs, Coalesce("named_segment", "unnamed_occupation__segments")
    if query.dimension == Dimension.OCCUPATION:
        return needs, F("occupation")
    return needs, F("skills")


def _figures(demand: Any) -> dict[str, Any]:
    """The aggregates of Figures over a group of needs; ``demand`` is need_demand().

    Sums over no row are NULL here and 0 in Figures.of(): fewer expression layers for Django to build per query.
    """
    example = Q(is_example=True)
    return {
        "people": Sum("headcount"),
        "demand": Sum(demand),
        "needs": Count("pk"),
        "examples": Count("pk", filter=example),
        "example_people": Sum("headcount", filter=example),
        "example_demand": Sum(demand, filter=example),
        "sources": _sources(),
        "oldest": Min("stated_on"),
        "newest": Max("stated_on"),
    }


def _sources() -> Any:
    """SQL expression: how many different sources the needs of a group come from.

    A need comes from its employer or, without one, from the workshop, survey or report it names: employers and
    named sources are counted apart and added, as no source is both.
    """
    named = Case(When(employer__isnull=True, then=F("source_name")))
    return Count("employer", distinct=True) + Count(named, distinct=True)


def demand_groups(query: GapQuery, user: Viewer) -> Iterable[dict[str, Any]]:
    """The needs the viewer may see, aggregated by (key, region): one query, whatever the number of needs.

    Sources are counted in SQL (COUNT DISTINCT), so that Python handles groups, not needs.
    """
    needs, key_path = _need_paths(query, user)
    needs = needs.annotate(key_id=key_path).filter(key_id__isnull=False)
    if query.keys:
        needs = needs.filter(key_id__in=query.keys)
    # The demand expression is built once and used in two sums.
    aggregates = _figures(need_demand(query))
    return needs.values("key_id", "region_id").annotate(**aggregates).order_by()


DEMAND_DIGITS = 9
"""Decimals a row's summed demand is rounded to (see Figures.of)."""


@dataclass
class Figures:
    """Aggregated needs of one row: the needs its viewer may see."""

    people: int = 0
    demand: float = 0.0
    needs: int = 0
    examples: int = 0
    example_people: int = 0
    example_demand: float = 0.0
    sources: int = 0
    oldest: datetime.date | None = None
    newest: datetime.date | None = None

    @classmethod
    def of(cls, group: dict[str, Any]) -> Figures:
        """The figures of a group of demand_groups()."""
        return cls(
            people=group["people"] or 0,
            # Rounded far below what any page shows, so that the order in which SQL adds needs up cannot tip a
            # figure that lies halfway between two shown values (2094.15 shown as 2094.1 or 2094.2).
            demand=round(group["demand"] or 0.0, DEMAND_DIGITS),
            needs=group["needs"],
            examples=group["examples"],
            example_people=group["example_people"] or 0,
            example_demand=round(group["example_demand"] or 0.0, DEMAND_DIGITS),
            sources=group["sources"],
            oldest=group["oldest"],
            newest=group["newest"],
        )


def counted_demand(query: GapQuery, user: Viewer) -> dict[tuple[int, int], Figures]:
    """The figures of the needs the viewer may see, per (key, region) that has any."""
    return {
        (group["key_id"], group["region_id"]): Figures.of(group)
        for group in demand_groups(query, user)
    }


def needs_behind(
    query: GapQuery, key_id: int, user: Viewer
) -> QuerySet[CompetenceNeed]:
    """The needs behind the viewer's figures of one segment, occupation or skill, with their demand.

    Each need carries ``weighted``, its demand in people per year; the rows of a region add up to its figure.
    """
    return (
        needs_for_key(query, key_id, user)
        .annotate(weighted=need_demand(query))
        .select_related("employer", "occupation", "region")
        .defer(
            "region__boundary"
        )  # a region's outline, megabytes for all needs, is not shown
        .order_by("region__code", "-weighted", "slug")
    )


def needs_listed(
    query: GapQuery,
    key_id: int,
    user: Viewer,
    per_region: int,
    show_all: str = "",
) -> QuerySet[CompetenceNeed]:
    """needs_behind(), the first ``per_region`` of each region (every one of the region whose code is ``show_all``).

    Each need also carries the totals of the needs the user may see in its region, listed or not: ``region_needs``,
    ``region_people`` and ``region_demand``. Cut and added up in SQL (window functions), so that a row with thousands
    of needs does not read them all to list a few.
    """
    region = {"partition_by": F("region_id")}
    needs = needs_behind(query, key_id, user).annotate(
        rank=Window(
            RowNumber(), order_by=[F("weighted").desc(), F("slug").asc()], **region
        ),
        region_needs=Window(Count("pk"), **region),
        region_people=Window(Sum("headcount"), **region),
        region_demand=Window(Sum("weighted"), **region),
    )
    # The rank of the region listed in full counts as 0: a filter may not OR a window function with other columns.
    rank = Case(When(region__code=show_all, then=Value(0)), default=F("rank"))
    return needs.alias(listed_rank=rank).filter(listed_rank__lte=per_region)
