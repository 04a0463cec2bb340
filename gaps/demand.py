"""The demand side of the gap analysis: which needs count, their weighted demand in people per year, the needs of each
segment, occupation or skill aggregated in SQL, the confidentiality rule, and the needs behind one row's figures.

Needs are read and weighted only here, so that the dashboard's figures (``counted_demand``), the drill-down's list of
needs (``needs_behind``) and the needs met only across the border (gaps/across_border.py) count the same needs in the
same way. The rules themselves are explained in gaps/analysis.py.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest

from gaps.input_dates import earliest, latest
from gaps.parameters import MIN_SOURCES, URGENCY_WEIGHTS, Dimension, GapQuery
from skills.models import CompetenceNeed, visible_needs


def counted_needs(query: GapQuery) -> QuerySet[CompetenceNeed]:
    """Published needs the query counts, before visibility: status, horizon, level band, country and examples."""
    needs = CompetenceNeed.objects.published().filter(
        status__in=query.statuses, region__country__in=query.country_codes
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
    """SQL expression: one need's weighted demand in people per year (see the rules in gaps/analysis.py)."""
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


def source_of(group: dict[str, Any]) -> tuple[str, Any]:
    """Who stated a need: its employer, or else the workshop, survey or report named as its source."""
    if group["employer_id"] is not None:
        return ("employer", group["employer_id"])
    return ("source", group["source_name"])


def _need_paths(query: GapQuery) -> list[tuple[Q, str]]:
    """(filter, key path) pairs that relate needs to the query's dimension; each need matches at most one path."""
    if query.dimension == Dimension.SEGMENT:
        names_segments = Exists(
            CompetenceNeed.segments.through.objects.filter(
                competenceneed_id=OuterRef("pk")
            )
        )
        return [(Q(), "segments"), (~Q(names_segments), "occupation__segments")]
    if query.dimension == Dimension.OCCUPATION:
        return [(Q(), "occupation")]
    return [(Q(), "skills")]


def needs_for_key(query: GapQuery, key_id: int) -> QuerySet[CompetenceNeed]:
    """The counted needs that belong to one segment, occupation or skill (before visibility)."""
    needs = counted_needs(query)
    if query.dimension == Dimension.SEGMENT:
        explicit = CompetenceNeed.objects.filter(segments=key_id).values("pk")
        by_occupation = CompetenceNeed.objects.filter(
            segments__isnull=True, occupation__segments=key_id
        ).values("pk")
        return needs.filter(Q(pk__in=explicit) | Q(pk__in=by_occupation))
    if query.dimension == Dimension.OCCUPATION:
        return needs.filter(occupation=key_id)
    return needs.filter(skills=key_id)


def demand_groups(
    query: GapQuery, user: AbstractBaseUser | AnonymousUser
) -> Iterable[dict[str, Any]]:
    """Needs aggregated by (key, region, source, visible to the user): one query per path of the dimension."""
    rule = visible_needs(user)
    visible = (
        Case(When(rule, then=Value(1)), default=Value(0), output_field=IntegerField())
        if rule
        else Value(1, output_field=IntegerField())
    )
    for path_filter, path in _need_paths(query):
        needs = (
            counted_needs(query)
            .filter(path_filter)
            .annotate(key_id=F(path), visible=visible)
            .filter(key_id__isnull=False)
        )
        if query.keys:
            needs = needs.filter(key_id__in=query.keys)
        yield from (
            needs.values("key_id", "region_id", "employer_id", "source_name", "visible")
            .annotate(
                people=Sum("headcount"),
                demand=Sum(need_demand(query)),
                needs=Count("pk"),
                examples=Count("pk", filter=Q(is_example=True)),
                example_people=Coalesce(Sum("headcount", filter=Q(is_example=True)), 0),
                example_demand=Coalesce(
                    Sum(need_demand(query), filter=Q(is_example=True)),
                    0.0,
                    output_field=FloatField(),
                ),
                oldest=Min("stated_on"),
                newest=Max("stated_on"),
            )
            .order_by()
        )


@dataclass
class Figures:
    """Aggregated needs of one row, before the confidentiality rule."""

    people: int = 0
    demand: float = 0.0
    needs: int = 0
    examples: int = 0
    example_people: int = 0
    example_demand: float = 0.0
    sources: set[tuple[Any, Any]] = field(default_factory=set)
    oldest: datetime.date | None = None
    newest: datetime.date | None = None

    def add(self, group: dict[str, Any]) -> None:
        self.people += group["people"]
        self.demand += group["demand"]
        self.needs += group["needs"]
        self.examples += group["examples"]
        self.example_people += group["example_people"]
        self.example_demand += group["example_demand"]
        self.sources.add(source_of(group))
        self.oldest = earliest(self.oldest, group["oldest"])
        self.newest = latest(self.newest, group["newest"])

    def merge(self, other: Figures) -> None:
        self.people += other.people
        self.demand += other.demand
        self.needs += other.needs
        self.examples += other.examples
        self.example_people += other.example_people
        self.example_demand += other.example_demand
        self.sources |= other.sources
        self.oldest = earliest(self.oldest, other.oldest)
        self.newest = latest(self.newest, other.newest)


def counted_demand(
    query: GapQuery, user: AbstractBaseUser | AnonymousUser
) -> tuple[dict[tuple[int, int], Figures], set[tuple[int, int]]]:
    """The figures of the needs each (key, region) counts, and the pairs whose confidential needs are withheld.

    The confidentiality rule: needs the user may see always count; needs hidden from them count only when they come
    from at least MIN_SOURCES different sources, and are otherwise left out of the figure, which then says so.
    """
    shown_demand: dict[tuple[int, int], Figures] = defaultdict(Figures)
    hidden_demand: dict[tuple[int, int], Figures] = defaultdict(Figures)
    for group in demand_groups(query, user):
        target = shown_demand if group["visible"] else hidden_demand
        target[(group["key_id"], group["region_id"])].add(group)
    withheld: set[tuple[int, int]] = set()
    for cell_key, hidden in hidden_demand.items():
        if len(hidden.sources) >= MIN_SOURCES:
            shown_demand[cell_key].merge(hidden)
        else:
            withheld.add(cell_key)
    return shown_demand, withheld


def needs_behind(
    query: GapQuery, key_id: int, user: AbstractBaseUser | AnonymousUser
) -> QuerySet[CompetenceNeed]:
    """The needs the user may see behind the figures of one segment, occupation or skill, with their demand.

    Each need carries ``weighted``, its demand in people per year; the rows of a region add up to its figure, except
    for confidential needs that count without being shown (see the rules in gaps/analysis.py).
    """
    return (
        needs_for_key(query, key_id)
        .filter(visible_needs(user))
        .annotate(weighted=need_demand(query))
        .select_related("employer", "occupation", "region")
        .order_by("region__code", "-weighted", "slug")
    )
