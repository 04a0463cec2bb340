"""Gap analysis: what the region's competence needs ask for (demand) against the places its programmes offer (supply).

The rules, also explained to users on the "How the gap analysis works" page and in the README:

* **Which needs count.** Published needs (drafts and discontinued ones are neither supply nor demand) whose status is
  among the chosen ones (standing only, unless paused or withdrawn ones are asked for), whose target year is at most
  the horizon (no horizon: every year), whose EQF band overlaps the chosen band (a need without a band overlaps every
  band) and whose region lies in a chosen country; without example data, only needs not marked as examples.
* **What a need counts toward.** A *segment* when the need names it, or, for a need that names no segment, when its
  occupation belongs to the segment; an *occupation* when the need names it; a *skill* when the need lists it. A need
  counts in full toward each segment, occupation or skill it belongs to: figures are per row and are not added up
  across rows. A need counts in the region it is stated for, at whatever NUTS level that is.
* **Demand** is in people per year, weighted by urgency and horizon: a need for ``headcount`` people by
  ``target_year`` adds ``headcount × urgency weight / years left``, where *years left* counts the reference year (this
  year) through the target year (at least 1: an overdue need is needed now) and the urgency weights are
  ``URGENCY_WEIGHTS`` (low 0.5, medium 1, high 1.5, critical 2). Unweighted *people needed* is shown beside it.
* **Supply** is in study places per year. A programme counts toward each segment it serves, each occupation it leads
  to and each skill it teaches (every graduate learns all of them), if it is published and the EQF level it awards
  lies in the chosen band (a course that awards no level counts in every band). Its places per year are its
  recorded places per year, or else the places of its latest current intake; a multi-year programme counts its
  yearly intake, not all students enrolled. A programme given at several sites counts its places once: an offering
  with its own places counts those, the others share what is left of the programme's places equally. A programme
  with no known places still counts as existing training, with no places, and the figure says how many such
  programmes it has, and how many take their places or fill rate from intakes marked as examples. Supply of a
  region includes its subregions (a programme given in two of them counts in the programme count of each).
* **Filled places** scale each programme's places by the fill rate of its latest current intake that records places
  and enrolled students (or applicants, when fewer than places: those places cannot have been filled); a programme
  without such an intake counts as full.
* **Current intakes.** An intake counts only when it is less than ``INTAKE_MAX_AGE_YEARS`` (setting, default 3) years
  before the reference year (in 2026: 2024 and later); older ones are shown with their year on the drill-down and the
  programme's page, and ignored here. Without example data, intakes marked as examples are ignored too.
* **Example data.** ``GapQuery.examples`` (default True) includes needs and intakes marked as examples; every row
  says how many of its needs are examples, how much of its demand and places come from them, and whether it rests
  mostly on them (more than ``MOSTLY_EXAMPLES`` of its demand or of its places).
* **Status** of a row (segment, occupation or skill in a region), in this order: *no training* when no programme in
  either country serves it at the chosen levels; *covered only across the border* when programmes exist only in the
  other country; *under-supplied* when places cover less than ``BALANCED_RANGE[0]`` (80 %) of demand; *recruitment
  gap* when places would cover it but filled places do not; *balanced* up to ``BALANCED_RANGE[1]`` (125 %);
  *over-supplied* above that; *no stated need* when there is training but no counted need.
* **Confidential needs.** A viewer sees the needs ``skills.models.visible_needs`` allows. Needs hidden from the viewer
  still count in a figure when they come from at least ``MIN_SOURCES`` different employers (or, for needs stated by a
  workshop, survey or report, sources); otherwise they are left out of that figure, and the figure says that some
  needs are withheld. So no published figure rests on one or two employers' confidential needs.

Everything is computed in a fixed number of queries (``analyse``: five for the segment view, four for the occupation
and skill views, plus the permission check of a logged-in user). Needs are aggregated in SQL. Offerings are read once
per key with the inputs of their places and added up in Python (``supply_groups``): an offering's places depend on its
siblings, and summing them in SQL repeated the intake subqueries in every aggregate. Python then combines the groups.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
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
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least
from django.db.models.lookups import LessThan
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from batteryregion.records import PublicationState
from batteryregion.staleness import oldest_current_intake_year
from programmes.models import Intake, Offering, Programme
from skills.models import (
    CompetenceNeed,
    Country,
    Occupation,
    Region,
    Segment,
    Skill,
    visible_needs,
)

URGENCY_WEIGHTS = {
    CompetenceNeed.Urgency.LOW: 0.5,
    CompetenceNeed.Urgency.MEDIUM: 1.0,
    CompetenceNeed.Urgency.HIGH: 1.5,
    CompetenceNeed.Urgency.CRITICAL: 2.0,
}
BALANCED_RANGE = (0.8, 1.25)
"""Places per needed person per year that count as balanced; below is under-supplied, above over-supplied."""
MIN_SOURCES = 3
"""Different employers (or other sources) that confidential needs must come from to count in a figure."""
MOSTLY_EXAMPLES = 0.5
"""A figure rests mostly on example data when more than this share of its demand or of its places comes from it."""


class Dimension(models.TextChoices):
    SEGMENT = "segment", _("Value-chain segment")
    OCCUPATION = "occupation", _("Occupation")
    SKILL = "skill", _("Skill")


class Status(models.TextChoices):
    NO_TRAINING = "no-training", _("No training")
    ACROSS_BORDER = "across-border", _("Covered only across the border")
    UNDER_SUPPLIED = "under-supplied", _("Under-supplied")
    RECRUITMENT_GAP = "recruitment-gap", _("Recruitment gap")
    BALANCED = "balanced", _("Balanced")
    OVER_SUPPLIED = "over-supplied", _("Over-supplied")
    NO_NEED = "no-stated-need", _("No stated need")


_LOW, _HIGH = (round(share * 100) for share in BALANCED_RANGE)
STATUS_EXPLANATIONS = {
    Status.NO_TRAINING: _("No programme in either country serves it at these levels."),
    Status.ACROSS_BORDER: _(
        "No programme in this country serves it; programmes across the border do."
    ),
    Status.UNDER_SUPPLIED: format_lazy(
        # xgettext:no-python-format
        _("Places per year cover less than {low} % of the demand."),
        low=_LOW,
    ),
    Status.RECRUITMENT_GAP: format_lazy(
        # xgettext:no-python-format
        _(
            "Places would cover the demand, but they stay unfilled: filled places cover less than {low} %."
        ),
        low=_LOW,
    ),
    Status.BALANCED: format_lazy(
        # xgettext:no-python-format
        _("Places per year cover {low}–{high} % of the demand."),
        low=_LOW,
        high=_HIGH,
    ),
    Status.OVER_SUPPLIED: format_lazy(
        # xgettext:no-python-format
        _("Places per year exceed {high} % of the demand."),
        high=_HIGH,
    ),
    Status.NO_NEED: _("Training exists, but no counted need asks for it."),
}

UNMET_STATUSES = frozenset(
    {
        Status.NO_TRAINING,
        Status.ACROSS_BORDER,
        Status.UNDER_SUPPLIED,
        Status.RECRUITMENT_GAP,
    }
)

KEY_MODELS: dict[str, type[models.Model]] = {
    Dimension.SEGMENT: Segment,
    Dimension.OCCUPATION: Occupation,
    Dimension.SKILL: Skill,
}


def this_year() -> int:
    return timezone.localdate().year


@dataclass(frozen=True)
class GapQuery:
    """What the analysis looks at: one dimension, the horizon, the level band, countries and need statuses."""

    dimension: str = Dimension.SEGMENT
    horizon: int | None = None  # last target year counted; None counts every year
    min_level: int = 1
    max_level: int = 8
    countries: tuple[str, ...] = ()  # "FI", "SE"; empty means both
    statuses: tuple[str, ...] = (CompetenceNeed.Status.STANDING,)
    keys: tuple[
        int, ...
    ] = ()  # only these segments, occupations or skills; empty means all
    reference_year: int = field(default_factory=this_year)
    examples: bool = True  # include needs and intakes marked as example data

    @property
    def country_codes(self) -> tuple[str, ...]:
        return self.countries or tuple(Country.values)

    @property
    def oldest_intake_year(self) -> int:
        """The earliest intake year that counts as current supply (INTAKE_MAX_AGE_YEARS before the reference year)."""
        return oldest_current_intake_year(self.reference_year)


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
        self.oldest = _earliest(self.oldest, group["oldest"])
        self.newest = _latest(self.newest, group["newest"])

    def merge(self, other: Figures) -> None:
        self.people += other.people
        self.demand += other.demand
        self.needs += other.needs
        self.examples += other.examples
        self.example_people += other.example_people
        self.example_demand += other.example_demand
        self.sources |= other.sources
        self.oldest = _earliest(self.oldest, other.oldest)
        self.newest = _latest(self.newest, other.newest)


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

    def merge(self, other: Places) -> None:
        self.places += other.places
        self.filled += other.filled
        self.programmes += other.programmes
        self.unknown_places += other.unknown_places
        self.examples += other.examples
        self.example_places += other.example_places
        self.oldest = _earliest(self.oldest, other.oldest)
        self.newest = _latest(self.newest, other.newest)


@dataclass(frozen=True)
class Cell:
    """One row of the analysis: a segment, occupation or skill in a region, with its figures and status."""

    key: Any  # the Segment, Occupation or Skill
    region: Region
    people: int  # people needed, unweighted
    demand: float  # weighted people per year
    supply: float  # places per year
    filled: float  # filled places per year
    needs: int
    sources: int  # different employers or other sources behind the counted needs
    examples: int  # counted needs that are examples
    withheld: bool  # confidential needs left out (fewer than MIN_SOURCES sources)
    programmes: int  # programmes in the region
    unknown_places: int  # of which with no known places
    example_programmes: int  # of which with example intake figures
    programmes_in_country: int
    programmes_across_border: int
    needs_oldest: datetime.date | None
    needs_newest: datetime.date | None
    programmes_oldest: datetime.date | None
    programmes_newest: datetime.date | None
    status: str
    example_people: int = 0  # people needed by example needs
    example_demand: float = 0.0  # weighted demand per year from example needs
    example_places: float = 0.0  # places per year taken from example intakes

    @property
    def example_demand_share(self) -> float:
        """The share of the demand that comes from example needs, 0–1."""
        return self.example_demand / self.demand if self.demand else 0.0

    @property
    def example_places_share(self) -> float:
        """The share of the places that come from example intakes, 0–1."""
        return self.example_places / self.supply if self.supply else 0.0

    @property
    def has_examples(self) -> bool:
        return bool(self.examples or self.example_programmes)

    @property
    def rests_on_examples(self) -> bool:
        """More than MOSTLY_EXAMPLES of the demand or of the places comes from example data."""
        return (
            self.example_demand_share > MOSTLY_EXAMPLES
            or self.example_places_share > MOSTLY_EXAMPLES
        )

    @property
    def difference(self) -> float:
        """Places minus demand, per year; negative when demand is unmet."""
        return self.supply - self.demand

    @property
    def ratio(self) -> float | None:
        """Places per needed person per year; None without demand."""
        return self.supply / self.demand if self.demand else None

    @property
    def unmet(self) -> float:
        """Demand per year that filled places do not cover."""
        return max(0.0, self.demand - min(self.supply, self.filled))

    @property
    def country(self) -> str:
        return self.region.country


@dataclass
class GapAnalysis:
    query: GapQuery
    keys: list[Any]  # every segment, occupation or skill with a row, in display order
    regions: list[Region]  # the regions with a row, in code order
    cells: list[Cell]

    def cell(self, key: Any, region: Region) -> Cell | None:
        return self._index.get((key.pk, region.pk))

    def __post_init__(self) -> None:
        self._index = {(cell.key.pk, cell.region.pk): cell for cell in self.cells}

    @property
    def resting_on_examples(self) -> int:
        """Rows that rest mostly on example data."""
        return sum(1 for cell in self.cells if cell.rests_on_examples)

    @property
    def with_examples(self) -> int:
        """Rows that include some example data."""
        return sum(1 for cell in self.cells if cell.has_examples)

    def largest_unmet(self, limit: int | None = 10) -> list[Cell]:
        """Rows whose demand places do not cover, largest unmet demand first."""
        unmet = [cell for cell in self.cells if cell.status in UNMET_STATUSES]
        unmet.sort(key=lambda cell: (-cell.unmet, -cell.demand, cell.region.code))
        return unmet[:limit]

    def inputs(self) -> dict[str, datetime.date | None]:
        """The oldest and newest dates of the needs and programmes behind every figure."""
        return {
            "needs_oldest": min(
                (c.needs_oldest for c in self.cells if c.needs_oldest), default=None
            ),
            "needs_newest": max(
                (c.needs_newest for c in self.cells if c.needs_newest), default=None
            ),
            "programmes_oldest": min(
                (c.programmes_oldest for c in self.cells if c.programmes_oldest),
                default=None,
            ),
            "programmes_newest": max(
                (c.programmes_newest for c in self.cells if c.programmes_newest),
                default=None,
            ),
        }


# --- the needs side -------------------------------------------------------------------------------------------------


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
    """SQL expression: one need's weighted demand in people per year (see the module's rules)."""
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


# --- the programmes side --------------------------------------------------------------------------------------------


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


def programme_places(query: GapQuery) -> Any:
    """SQL expression on programmes: places per year, recorded or from the latest current intake with places."""
    return Coalesce(
        Cast("places_per_year", FloatField()),
        Cast(Subquery(latest_places_intake(query).values("places")[:1]), FloatField()),
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
        Offering.objects.filter(programme__state=PublicationState.PUBLISHED)
        .filter(
            Q(programme__awarded_level__isnull=True)
            | Q(
                programme__awarded_level__level__gte=query.min_level,
                programme__awarded_level__level__lte=query.max_level,
            )
        )
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
    """Each counted offering once per key of its programme, with what its places are worked out from: one query.

    An offering's places depend on its siblings (see counted_offerings()); they are all in these rows, as keys
    belong to programmes, so offering_figures() works them out in Python. Each intake subquery then runs once per
    row, where summing counted_offerings() in SQL repeated the places expression in every aggregate (25 subselects).
    """
    offerings = (
        Offering.objects.filter(programme__state=PublicationState.PUBLISHED)
        .filter(
            Q(programme__awarded_level__isnull=True)
            | Q(
                programme__awarded_level__level__gte=query.min_level,
                programme__awarded_level__level__lte=query.max_level,
            )
        )
        .annotate(key_id=F(_programme_path(query)))
        .filter(key_id__isnull=False)
    )
    if query.keys:
        offerings = offerings.filter(key_id__in=query.keys)
    return offerings.values(
        "pk",
        "key_id",
        "programme_id",
        "site__region_id",
        "places",
        places_per_year=F("programme__places_per_year"),
        verified_on=F("programme__verified_on"),
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
    ).order_by()


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

    def add(self, row: dict[str, Any], figures: OfferingFigures) -> None:
        programme = row["programme_id"]
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
        self.oldest = _earliest(self.oldest, row["verified_on"])
        self.newest = _latest(self.newest, row["verified_on"])


def supply_groups(query: GapQuery) -> list[dict[str, Any]]:
    """Offerings aggregated by (key, site region), with the keys of counted_offerings()'s sums: one query."""
    rows = list(supply_rows(query))
    figures = offering_figures(rows)
    groups: dict[tuple[int, int], _SupplyGroup] = defaultdict(_SupplyGroup)
    for row in rows:
        groups[(row["key_id"], row["site__region_id"])].add(row, figures[row["pk"]])
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
        }
        for (key_id, region_id), group in groups.items()
    ]


# --- combining ------------------------------------------------------------------------------------------------------


def status_of(
    demand: float,
    supply: float,
    filled: float,
    in_country: int,
    across_border: int,
) -> str:
    """The status of a row from its figures (see the module's rules)."""
    if not in_country and not across_border:
        return Status.NO_TRAINING
    if not in_country:
        return Status.ACROSS_BORDER
    if demand <= 0:
        return Status.NO_NEED
    low, high = BALANCED_RANGE
    if supply < low * demand:
        return Status.UNDER_SUPPLIED
    if filled < low * demand:
        return Status.RECRUITMENT_GAP
    if supply <= high * demand:
        return Status.BALANCED
    return Status.OVER_SUPPLIED


def analyse(query: GapQuery, user: AbstractBaseUser | AnonymousUser) -> GapAnalysis:
    """Demand, supply and status of every segment, occupation or skill in every region with needs or programmes."""
    regions = {region.pk: region for region in Region.objects.defer("boundary")}
    ancestors = {pk: _ancestors(pk, regions) for pk in regions}

    # Demand: visible and hidden figures per (key, region); hidden ones count only with enough sources.
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

    # Supply per (key, site region), then rolled up to every enclosing region; programmes per country.
    supply: dict[tuple[int, int], Places] = defaultdict(Places)
    site_regions: set[tuple[int, int]] = set()
    in_country: dict[tuple[int, str], int] = defaultdict(int)
    for group in supply_groups(query):
        places = Places(
            places=group["places"],
            filled=group["filled"],
            programmes=group["programmes"],
            unknown_places=group["unknown_places"],
            examples=group["examples"],
            example_places=group["example_places"],
            oldest=group["oldest"],
            newest=group["newest"],
        )
        region_id = group["site__region_id"]
        site_regions.add((group["key_id"], region_id))
        for region_pk in ancestors[region_id]:
            supply[(group["key_id"], region_pk)].merge(places)
        in_country[(group["key_id"], regions[region_id].country)] += group["programmes"]

    # Rows: regions in the chosen countries with demand, and the regions of the sites with supply.
    wanted = set(query.country_codes)
    cell_keys = {
        (key_id, region_pk)
        for (key_id, region_pk) in set(shown_demand) | site_regions
        if regions[region_pk].country in wanted
    }
    keys = _load_keys(query, {key_id for key_id, _ in cell_keys})
    cells = []
    for key_id, region_pk in cell_keys:
        region = regions[region_pk]
        demand = shown_demand.get((key_id, region_pk), Figures())
        places = supply.get((key_id, region_pk), Places())
        other = next(code for code in Country.values if code != region.country)
        here, there = in_country[(key_id, region.country)], in_country[(key_id, other)]
        cells.append(
            Cell(
                key=keys[key_id],
                region=region,
                people=demand.people,
                demand=demand.demand,
                supply=places.places,
                filled=places.filled,
                needs=demand.needs,
                sources=len(demand.sources),
                examples=demand.examples,
                withheld=(key_id, region_pk) in withheld,
                programmes=places.programmes,
                unknown_places=places.unknown_places,
                example_programmes=places.examples,
                programmes_in_country=here,
                programmes_across_border=there,
                needs_oldest=demand.oldest,
                needs_newest=demand.newest,
                programmes_oldest=places.oldest,
                programmes_newest=places.newest,
                status=status_of(
                    demand.demand, places.places, places.filled, here, there
                ),
                example_people=demand.example_people,
                example_demand=demand.example_demand,
                example_places=places.example_places,
            )
        )
    key_order = {key.pk: index for index, key in enumerate(keys.values())}
    cells.sort(key=lambda cell: (key_order[cell.key.pk], cell.region.code))
    used_regions = sorted(
        {cell.region.pk for cell in cells}, key=lambda pk: regions[pk].code
    )
    return GapAnalysis(
        query=query,
        keys=list(keys.values()),
        regions=[regions[pk] for pk in used_regions],
        cells=cells,
    )


def _load_keys(query: GapQuery, key_ids: set[int]) -> dict[int, Any]:
    """The segments, occupations or skills of the rows, in display order: one query."""
    model = KEY_MODELS[query.dimension]
    objects = model.objects.filter(pk__in=key_ids)
    if query.dimension == Dimension.SEGMENT:
        objects = objects.order_by("order", "code")
    else:
        objects = objects.order_by("slug")
    return {obj.pk: obj for obj in objects}


def _ancestors(region_pk: int, regions: dict[int, Region]) -> list[int]:
    """The region and every region that encloses it."""
    chain = []
    current: int | None = region_pk
    while current is not None and current not in chain:
        chain.append(current)
        current = regions[current].parent_id
    return chain


def _earliest(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    return min(d for d in (a, b) if d) if (a or b) else None


def _latest(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    return max(d for d in (a, b) if d) if (a or b) else None


# --- behind the figures ---------------------------------------------------------------------------------------------


def region_and_subregions(region: Region) -> Q:
    """Sites in the region or in a region inside it (NUTS levels below)."""
    return (
        Q(site__region=region)
        | Q(site__region__parent=region)
        | Q(site__region__parent__parent=region)
        | Q(site__region__parent__parent__parent=region)
    )


def needs_behind(
    query: GapQuery, key_id: int, user: AbstractBaseUser | AnonymousUser
) -> QuerySet[CompetenceNeed]:
    """The needs the user may see behind the figures of one segment, occupation or skill, with their demand.

    Each need carries ``weighted``, its demand in people per year; the rows of a region add up to its figure, except
    for confidential needs that count without being shown (see the module's rules).
    """
    return (
        needs_for_key(query, key_id)
        .filter(visible_needs(user))
        .annotate(weighted=need_demand(query))
        .select_related("employer", "occupation", "region")
        .order_by("region__code", "-weighted", "slug")
    )


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


def needs_met_only_across_border(
    query: GapQuery, user: AbstractBaseUser | AnonymousUser
) -> QuerySet[CompetenceNeed]:
    """Counted needs the user may see that no programme in their own country meets, but one in the other does.

    A published programme *meets* a need when it is given in the country, awards a level within the need's band (or
    no level), and leads to the need's occupation or teaches one of its skills; for a need that names neither, when
    it serves one of the need's segments. One query.
    """
    # alias(), not annotate(): the expressions are only filtered on, so each is compiled and run once, in WHERE.
    needs = (
        counted_needs(query)
        .filter(visible_needs(user))
        .alias(
            other_country=Case(
                When(region__country=Country.FINLAND, then=Value(Country.SWEDEN)),
                default=Value(Country.FINLAND),
            ),
            names_skills=Exists(
                CompetenceNeed.skills.through.objects.filter(
                    competenceneed_id=OuterRef("pk")
                )
            ),
        )
    )
    return (
        needs.alias(
            met_here=_met_in(OuterRef("region__country")),
            met_there=_met_in(OuterRef("other_country")),
        )
        .filter(met_here=False, met_there=True)
        .select_related("employer", "occupation", "region")
        .order_by("region__code", "-target_year", "slug")
    )


def _met_in(country: Any) -> Any:
    """SQL expression on needs: a published programme in the country meets the need (see the rule above)."""

    def via(link: type[models.Model], **to_need: Any) -> Exists:
        """EXISTS read from a programme link table, starting at the need's occupation or skills: read from the
        programmes instead, every need scanned all published programmes (seconds at 50,000 needs)."""
        return Exists(
            link.objects.filter(
                **to_need,
                programme__state=PublicationState.PUBLISHED,
                programme__offerings__site__region__country=country,
            ).filter(
                Q(programme__awarded_level__isnull=True)
                | Q(
                    programme__awarded_level__level__gte=Coalesce(
                        OuterRef("min_level"), Value(1)
                    ),
                    programme__awarded_level__level__lte=Coalesce(
                        OuterRef("max_level"), Value(8)
                    ),
                )
            )
        )

    # Separate EXISTS for each path: one with an OR across two relations cannot use their indexes.
    by_occupation = via(
        Programme.occupations.through, occupation=OuterRef("occupation")
    )
    by_skill = via(Programme.skills.through, skill__competence_needs=OuterRef("pk"))
    by_segment = via(
        Programme.segments.through, segment__competence_needs=OuterRef("pk")
    )
    names_neither = Q(occupation__isnull=True, names_skills=False)
    return Case(
        When(by_occupation, then=Value(True)),
        When(by_skill, then=Value(True)),
        When(names_neither & Q(by_segment), then=Value(True)),
        default=Value(False),
        output_field=models.BooleanField(),
    )
