"""The supply side of the gap analysis: the study places of the programmes that count, per offering and per year,
with their filled places and the current intakes they come from, added up per segment, occupation or skill and site
region, and the offerings behind one row's figures.

An offering's places depend on its programme's other offerings and on its intakes, which makes this the most
intricate part of the figures; it is kept apart so that the rule for places (``counted_offerings`` in SQL for the
drill-down, ``offering_figures`` in Python for the figures) reads in one place. The rules themselves are
explained in gaps/analysis/compare.py.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Least
from django.db.models.lookups import LessThan

from batteryregion.records import PublicationState
from gaps.analysis.input_dates import earliest, latest
from gaps.analysis.parameters import Dimension, GapQuery
from programmes.models import Intake, Offering, Programme
from skills.models import Region


def current_intakes(query: GapQuery, programme: str = "pk") -> QuerySet[Intake]:
    """The programme's intakes that count as current supply: recent enough, and not examples when they are left out."""
    intakes = Intake.objects.filter(
        programme=OuterRef(programme), year__gte=query.oldest_intake_year
    )
    return intakes if query.examples else intakes.filter(is_example=False)


def latest_places_intake(query: GapQuery, programme: str = "pk") -> QuerySet[Intake]:
    """The programme's current intakes that record places, latest first (use with [:1] in a subquery)."""
    return (
        current_intakes(query, programme).filter(places__isnull=False).order_by("-year")
    )


def latest_filling_intake(query: GapQuery, programme: str = "pk") -> QuerySet[Intake]:
    """The programme's current intakes that tell how many places were filled, latest first, with their fill ``rate``."""
    filled = Coalesce(
        F("enrolled"), Least(F("applicants"), F("places")), output_field=IntegerField()
    )
    return (
        current_intakes(query, programme)
        .filter(places__gt=0)
        .filter(Q(enrolled__isnull=False) | Q(applicants__isnull=False))
        .order_by("-year")
        .annotate(
            rate=ExpressionWrapper(
                Least(Cast(filled, FloatField()) / Cast("places", FloatField()), 1.0),
                output_field=FloatField(),
            )
        )
    )


def fill_rate(query: GapQuery, programme: str = "pk") -> Any:
    """SQL expression: the share of places filled at the latest current intake that tells (1 when none does)."""
    return Coalesce(
        Subquery(
            latest_filling_intake(query, programme).values("rate")[:1],
            output_field=FloatField(),
        ),
        Value(1.0),
        output_field=FloatField(),
    )


def _offerings_at_levels(query: GapQuery) -> QuerySet[Offering]:
    """Offerings of published programmes that award a level in the query's band, or none (counted in every band)."""
    return Offering.objects.filter(programme__state=PublicationState.PUBLISHED).filter(
        Q(programme__awarded_level__isnull=True)
        | Q(
            programme__awarded_level__level__gte=query.min_level,
            programme__awarded_level__level__lte=query.max_level,
        )
    )


def counted_offerings(query: GapQuery) -> QuerySet[Offering]:
    """Offerings of published programmes at the query's levels, annotated with their places and filled places.

    ``offered_places``: the offering's own places, or else an equal share of what is left of the programme's places
    after the offerings with their own places (None when the programme's places are unknown). ``example_intake``:
    the places or the fill rate come from an intake marked as an example. Countries are not filtered here: the
    status needs the programmes on both sides of the border.
    """
    siblings = Offering.objects.filter(programme=OuterRef("programme")).order_by()
    own_places = siblings.values("programme").annotate(n=Sum("places")).values("n")
    sharing = (
        siblings.filter(places__isnull=True)
        .values("programme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # The programme's places through the join (COALESCE reads the intake only when places per year are unknown).
    remainder = Coalesce(
        Cast("programme__places_per_year", FloatField()),
        Cast(
            Subquery(latest_places_intake(query, "programme").values("places")[:1]),
            FloatField(),
        ),
    ) - Coalesce(Cast(Subquery(own_places[:1]), FloatField()), Value(0.0))
    # Not Greatest(): PostgreSQL's GREATEST skips NULL, and unknown places must stay unknown.
    left = Case(
        When(LessThan(remainder, 0.0), then=Value(0.0)),
        default=remainder,
        output_field=FloatField(),
    )
    shared = left / Cast(Subquery(sharing[:1]), FloatField())
    places = Coalesce(Cast("places", FloatField()), shared, output_field=FloatField())
    places_example = Case(
        When(
            Q(places__isnull=True, programme__places_per_year__isnull=True),
            then=Subquery(
                latest_places_intake(query, "programme").values("is_example")[:1]
            ),
        ),
        default=Value(False),
        output_field=models.BooleanField(),
    )
    fill_example = Subquery(
        latest_filling_intake(query, "programme").values("is_example")[:1],
        output_field=models.BooleanField(),
    )
    return (
        _offerings_at_levels(query)
        .annotate(
            offered_places=places,
            filled_places=ExpressionWrapper(
                places * fill_rate(query, "programme"), output_field=FloatField()
            ),
            places_example=Coalesce(places_example, Value(False)),
            fill_example=Coalesce(fill_example, Value(False)),
        )
        .annotate(
            example_intake=Case(
                When(Q(places_example=True) | Q(fill_example=True), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )
    )


def _programme_path(query: GapQuery) -> str:
    return {
        Dimension.SEGMENT: "programme__segments",
        Dimension.OCCUPATION: "programme__occupations",
        Dimension.SKILL: "programme__skills",
    }[query.dimension]


def supply_rows(query: GapQuery) -> QuerySet:
    """Each counted offering once, with what its places are worked out from: one query for every dimension.

    An offering's places depend on its siblings (see counted_offerings()); they are all in these rows, so
    offering_figures() works them out in Python. Each intake subquery then runs once per row, where summing
    counted_offerings() in SQL repeated the places expression in every aggregate (25 subselects). The rows hold no
    key: the segments, occupations or skills of each programme come from programme_keys(), so that the pages that
    analyse several dimensions build and run this query once.
    """
    return (
        _offerings_at_levels(query)
        .values(
            "pk",
            "programme_id",
            "site__region_id",
            "places",
            places_per_year=F("programme__places_per_year"),
            verified_on=F("programme__verified_on"),
            availability=F("programme__availability"),
            intake_places=Subquery(
                latest_places_intake(query, "programme").values("places")[:1]
            ),
            intake_example=Subquery(
                latest_places_intake(query, "programme").values("is_example")[:1]
            ),
            rate=fill_rate(query, "programme"),
            rate_example=Subquery(
                latest_filling_intake(query, "programme").values("is_example")[:1]
            ),
        )
        .order_by()
    )


def programme_keys(query: GapQuery) -> dict[int, list[int]]:
    """The segments, occupations or skills of every programme (only the query's keys, when it names some): one query."""
    link, key = {
        Dimension.SEGMENT: (Programme.segments.through, "segment_id"),
        Dimension.OCCUPATION: (Programme.occupations.through, "occupation_id"),
        Dimension.SKILL: (Programme.skills.through, "skill_id"),
    }[query.dimension]
    links = link.objects.all()
    if query.keys:
        links = links.filter(**{f"{key}__in": query.keys})
    keys: dict[int, list[int]] = defaultdict(list)
    for programme_id, key_id in links.values_list("programme_id", key).order_by():
        keys[programme_id].append(key_id)
    return keys


@dataclass(frozen=True)
class OfferingFigures:
    """An offering's places and filled places per year (None when unknown), as counted_offerings() annotates them."""

    places: float | None
    filled: float | None
    places_example: bool  # the places come from an intake marked as an example
    example_intake: bool  # the places or the fill rate do


def offering_figures(rows: Iterable[dict[str, Any]]) -> dict[int, OfferingFigures]:
    """The figures of every offering in supply_rows(), by offering id (the rule of counted_offerings())."""
    offerings = {row["pk"]: row for row in rows}
    # Per programme: the places of its offerings that have their own, and how many offerings share what is left.
    own: dict[int, float] = defaultdict(float)
    sharing: dict[int, int] = defaultdict(int)
    for row in offerings.values():
        if row["places"] is None:
            sharing[row["programme_id"]] += 1
        else:
            own[row["programme_id"]] += row["places"]
    figures = {}
    for pk, row in offerings.items():
        from_programme = row["places_per_year"] is None and row["places"] is None
        programme_places = (
            row["places_per_year"]
            if row["places_per_year"] is not None
            else row["intake_places"]
        )
        if row["places"] is not None:
            places: float | None = float(row["places"])
        elif programme_places is None:
            places = None
        else:
            left = max(0.0, programme_places - own[row["programme_id"]])
            places = left / sharing[row["programme_id"]]
        places_example = from_programme and bool(row["intake_example"])
        figures[pk] = OfferingFigures(
            places=places,
            filled=None if places is None else places * row["rate"],
            places_example=places_example,
            example_intake=places_example or bool(row["rate_example"]),
        )
    return figures


@dataclass
class _SupplyGroup:
    """Offerings of one (key, site region) being added up; programmes count once however many offerings they have."""

    places: float = 0.0
    filled: float = 0.0
    programmes: set[int] = field(default_factory=set)
    unknown_places: set[int] = field(default_factory=set)
    examples: set[int] = field(default_factory=set)
    example_places: float = 0.0
    oldest: datetime.date | None = None
    newest: datetime.date | None = None
    planned: set[int] = field(default_factory=set)
    planned_places: float = 0.0

    def add(self, row: dict[str, Any], figures: OfferingFigures) -> None:
        programme = row["programme_id"]
        if row["availability"] != Programme.Availability.RUNNING:
            # Never today's supply: a planned programme's places are counted apart, a proposed one not at all.
            if row["availability"] == Programme.Availability.PLANNED:
                self.planned.add(programme)
                self.planned_places += figures.places or 0.0
            return
        self.programmes.add(programme)
        if figures.places is None:
            self.unknown_places.add(programme)
        else:
            self.places += figures.places
            self.filled += figures.filled or 0.0
        if figures.example_intake:
            self.examples.add(programme)
        if figures.places_example and figures.places is not None:
            self.example_places += figures.places
        self.oldest = earliest(self.oldest, row["verified_on"])
        self.newest = latest(self.newest, row["verified_on"])


@dataclass(frozen=True)
class CountedOfferings:
    """The rows of supply_rows() with the figures of each offering: the same for every dimension of a query."""

    rows: list[dict[str, Any]]
    figures: dict[int, OfferingFigures]
    band: tuple[
        Any, ...
    ]  # what the rows depend on (supply_band()), to check that they serve another query


def supply_band(query: GapQuery) -> tuple[Any, ...]:
    """The parts of a query that decide the counted offerings and their places (not the dimension, keys or countries)."""
    return (query.min_level, query.max_level, query.examples, query.reference_year)


def counted_offering_figures(query: GapQuery) -> CountedOfferings:
    """Every counted offering with its figures, read once for the analyses of every dimension: one query."""
    rows = list(supply_rows(query))
    return CountedOfferings(rows, offering_figures(rows), supply_band(query))


def supply_groups(
    query: GapQuery, offerings: CountedOfferings | None = None
) -> list[dict[str, Any]]:
    """Offerings aggregated by (key, site region), with the keys of counted_offerings()'s sums: one or two queries.

    ``offerings`` are the counted offerings when the caller has read them already for another dimension.
    """
    if offerings is None:
        offerings = counted_offering_figures(query)
    elif offerings.band != supply_band(query):
        raise ValueError("The offerings were read for other levels or example data.")
    keys = programme_keys(query)
    groups: dict[tuple[int, int], _SupplyGroup] = defaultdict(_SupplyGroup)
    for row in offerings.rows:
        figures = offerings.figures[row["pk"]]
        for key_id in keys.get(row["programme_id"], ()):
            groups[(key_id, row["site__region_id"])].add(row, figures)
    return [
        {
            "key_id": key_id,
            "site__region_id": region_id,
            "places": group.places,
            "filled": group.filled,
            "programmes": len(group.programmes),
            "unknown_places": len(group.unknown_places),
            "examples": len(group.examples),
            "example_places": group.example_places,
            "oldest": group.oldest,
            "newest": group.newest,
            "planned_programmes": len(group.planned),
            "planned_places": group.planned_places,
        }
        for (key_id, region_id), group in groups.items()
    ]


@dataclass
class Places:
    """Aggregated places of one row in one region."""

    places: float = 0.0
    filled: float = 0.0
    programmes: int = 0
    unknown_places: int = 0
    examples: int = 0
    example_places: float = 0.0
    oldest: datetime.date | None = None
    newest: datetime.date | None = None
    planned_programmes: int = 0
    planned_places: float = 0.0

    def merge(self, other: Places) -> None:
        self.places += other.places
        self.filled += other.filled
        self.programmes += other.programmes
        self.unknown_places += other.unknown_places
        self.examples += other.examples
        self.example_places += other.example_places
        self.oldest = earliest(self.oldest, other.oldest)
        self.newest = latest(self.newest, other.newest)
        self.planned_programmes += other.planned_programmes
        self.planned_places += other.planned_places


def enclosing_regions(region_pk: int, regions: dict[int, Region]) -> list[int]:
    """The region and every region that encloses it (its NUTS parents): the regions whose supply a site counts in."""
    chain: list[int] = []
    current: int | None = region_pk
    while current is not None and current not in chain and current in regions:
        chain.append(current)
        current = regions[current].parent_id
    return chain


def offerings_behind(query: GapQuery, key_id: int) -> QuerySet[Offering]:
    """The offerings behind the supply of one segment, occupation or skill, with their places and filled places.

    Each also carries the intakes behind its figures: ``places_intake_year`` (the intake its places come from, when
    they come from one), ``fill_intake_year`` (the intake its fill rate comes from) and ``old_intake_year`` (the
    latest intake too old to count, shown so that nobody wonders why it was left out).
    """
    from_intake = Q(places__isnull=True, programme__places_per_year__isnull=True)
    old_intakes = Intake.objects.filter(
        programme=OuterRef("programme"), year__lt=query.oldest_intake_year
    ).order_by("-year")
    return (
        counted_offerings(query)
        .filter(**{_programme_path(query): key_id})
        .annotate(
            places_intake_year=Case(
                When(
                    from_intake,
                    then=Subquery(
                        latest_places_intake(query, "programme").values("year")[:1]
                    ),
                ),
                default=Value(None),
                output_field=IntegerField(),
            ),
            fill_intake_year=Subquery(
                latest_filling_intake(query, "programme").values("year")[:1],
                output_field=IntegerField(),
            ),
            old_intake_year=Subquery(
                old_intakes.values("year")[:1], output_field=IntegerField()
            ),
        )
        .select_related(
            "programme", "programme__provider", "programme__awarded_level", "site"
        )
        .order_by("site__region__code", "programme__name", "pk")
    )
