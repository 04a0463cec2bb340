"""Overlapping programmes: candidates for joint teaching, shared teachers and joint student recruitment.

The rules, also explained on the "How the gap analysis works" page and in the README:

* Two published programmes *overlap* when they award the same EQF level (or both award none), are given by different
  providers, or by one provider at sites in different regions, and teach largely the same skills.
* *Similarity* is the Jaccard index of the skills they teach: skills taught by both divided by skills taught by either.
  A pair is listed from ``MIN_SIMILARITY`` (0.5: at least half of their skills together are shared) with at least
  ``MIN_SHARED`` shared skills; pairs are ranked by similarity, then by shared skills.
* Each pair shows what it shares and what each teaches alone; pairs that chain together (A–B, B–C) form a *group*.
* Filters: level band, countries (a programme counts when it is given there), a segment, across the border only.

The pairs are found with one SQL aggregation over the programme–skill table joined to itself, so the work stays in
the database; ``find_overlaps`` then reads the programmes (with their offerings, sites and regions) and the skills of
the listed pairs in three more queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from programmes.models import Offering, Programme
from skills.models import Country, Skill

MIN_SIMILARITY = 0.5
MIN_SHARED = 2

ProgrammeSkill = Programme.skills.through


@dataclass(frozen=True)
class OverlapQuery:
    min_level: int = 1
    max_level: int = 8
    countries: tuple[
        str, ...
    ] = ()  # a programme counts when it is given in one of them; empty means both
    segment: int | None = None  # only programmes serving this segment
    across_border: bool = False  # only pairs with one programme in each country
    min_similarity: float = MIN_SIMILARITY


@dataclass(frozen=True)
class Overlap:
    first: Programme
    second: Programme
    similarity: float
    shared: list[Skill]
    only_first: list[Skill]
    only_second: list[Skill]

    @property
    def across_border(self) -> bool:
        return bool(countries_of(self.first) ^ countries_of(self.second))

    @property
    def similarity_percent(self) -> int:
        return round(self.similarity * 100)


def countries_of(programme: Programme) -> set[str]:
    return {offering.site.region.country for offering in programme.offerings.all()}


def eligible_programmes(query: OverlapQuery) -> QuerySet[Programme]:
    programmes = Programme.objects.published().filter(
        Q(awarded_level__isnull=True)
        | Q(
            awarded_level__level__gte=query.min_level,
            awarded_level__level__lte=query.max_level,
        )
    )
    if query.countries and set(query.countries) != set(Country.values):
        programmes = programmes.filter(
            pk__in=Offering.objects.filter(
                site__region__country__in=query.countries
            ).values("programme")
        )
    if query.segment:
        programmes = programmes.filter(segments=query.segment)
    return programmes


def overlapping_pairs(query: OverlapQuery) -> QuerySet:
    """Pairs (first < second) of eligible programmes at one level, with shared skills and similarity: one query.

    Each row is a dict with ``first``, ``second``, ``first_provider``, ``second_provider``, ``shared`` and
    ``similarity``. Same-provider pairs are still in it; ``find_overlaps`` keeps those given in different regions.
    """
    eligible = eligible_programmes(query).values("pk")

    def skill_count(ref: str) -> Subquery:
        counted = (
            ProgrammeSkill.objects.filter(programme_id=OuterRef(ref))
            .order_by()
            .values("programme_id")
            .annotate(n=Count("skill_id"))
            .values("n")
        )
        return Subquery(counted[:1])

    pairs = (
        ProgrammeSkill.objects.filter(programme_id__in=eligible)
        .annotate(
            other=F("skill__programmes"),
            level=Coalesce("programme__awarded_level_id", Value(0)),
            other_level=Coalesce("skill__programmes__awarded_level_id", Value(0)),
        )
        .filter(other__gt=F("programme_id"), other__in=eligible, level=F("other_level"))
        .values("programme_id", "other")
        .annotate(shared=Count("skill_id"))
        .filter(shared__gte=MIN_SHARED)
        .annotate(
            first_count=skill_count("programme_id"),
            second_count=skill_count("other"),
        )
        .annotate(
            similarity=ExpressionWrapper(
                Cast("shared", FloatField())
                / Cast(
                    F("first_count") + F("second_count") - F("shared"), FloatField()
                ),
                output_field=FloatField(),
            )
        )
        .filter(similarity__gte=query.min_similarity)
        .order_by("-similarity", "-shared", "programme_id", "other")
    )
    return pairs


def find_overlaps(query: OverlapQuery, limit: int | None = None) -> list[Overlap]:
    """The overlapping pairs, best first, with the programmes and their shared and own skills: four queries."""
    rows = list(overlapping_pairs(query))
    ids = {row["programme_id"] for row in rows} | {row["other"] for row in rows}
    programmes = {
        programme.pk: programme
        for programme in Programme.objects.filter(pk__in=ids)
        .select_related("provider", "awarded_level")
        .prefetch_related(
            Prefetch(
                "offerings",
                Offering.objects.select_related("site__region").defer(
                    "site__region__boundary"
                ),
            )
        )
    }
    overlaps = []
    for row in rows:
        first, second = programmes[row["programme_id"]], programmes[row["other"]]
        if first.provider_id == second.provider_id and _regions(first) & _regions(
            second
        ):
            continue  # one provider in one region: not a cooperation between regions or providers
        if query.across_border and not (countries_of(first) ^ countries_of(second)):
            continue
        overlaps.append((row, first, second))
        if limit is not None and len(overlaps) >= limit:
            break
    skills = _skills_of({p.pk for _, a, b in overlaps for p in (a, b)})
    return [
        Overlap(
            first=first,
            second=second,
            similarity=row["similarity"],
            shared=_ordered(skills[first.pk] & skills[second.pk]),
            only_first=_ordered(skills[first.pk] - skills[second.pk]),
            only_second=_ordered(skills[second.pk] - skills[first.pk]),
        )
        for row, first, second in overlaps
    ]


def groups(overlaps: list[Overlap]) -> list[list[Programme]]:
    """Programmes that overlap in a chain (A–B, B–C), largest group first; pairs alone are groups of two."""
    parent: dict[int, int] = {}

    def root(pk: int) -> int:
        while parent.setdefault(pk, pk) != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    members: dict[int, Programme] = {}
    for overlap in overlaps:
        members[overlap.first.pk] = overlap.first
        members[overlap.second.pk] = overlap.second
        parent[root(overlap.first.pk)] = root(overlap.second.pk)
    grouped: dict[int, list[Programme]] = {}
    for pk, programme in members.items():
        grouped.setdefault(root(pk), []).append(programme)
    return sorted(
        (sorted(group, key=lambda p: p.name) for group in grouped.values()),
        key=lambda group: (-len(group), group[0].name),
    )


def _regions(programme: Programme) -> set[int]:
    return {offering.site.region_id for offering in programme.offerings.all()}


def _skills_of(programme_ids: set[int]) -> dict[int, set[Any]]:
    skills: dict[int, set[Any]] = {pk: set() for pk in programme_ids}
    for link in ProgrammeSkill.objects.filter(
        programme_id__in=programme_ids
    ).select_related("skill"):
        skills[link.programme_id].add(link.skill)
    return skills


def _ordered(skills: set[Skill]) -> list[Skill]:
    return sorted(skills, key=lambda skill: skill.slug)
