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

from django.db import connection
from django.db.models import (
    Prefetch,
    Q,
    QuerySet,
)

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


PAIRS_SQL = """
WITH eligible AS (
    SELECT p.id, COALESCE(p.awarded_level_id, 0) AS level,
           (SELECT COUNT(*) FROM {links} c WHERE c.programme_id = p.id) AS n
    FROM {programmes} p
    WHERE p.id IN ({eligible})
),
taught AS (
    SELECT l.programme_id, l.skill_id, e.level, e.n
    FROM {links} l JOIN eligible e ON e.id = l.programme_id
)
SELECT a.programme_id, b.programme_id, COUNT(*),
       CAST(COUNT(*) AS DOUBLE PRECISION) / (a.n + b.n - COUNT(*))
FROM taught a
JOIN taught b ON b.skill_id = a.skill_id AND b.level = a.level AND b.programme_id > a.programme_id
GROUP BY a.programme_id, b.programme_id, a.n, b.n
HAVING COUNT(*) >= %s AND CAST(COUNT(*) AS DOUBLE PRECISION) / (a.n + b.n - COUNT(*)) >= %s
ORDER BY 4 DESC, 3 DESC, 1, 2
"""


def overlapping_pairs(query: OverlapQuery) -> list[dict[str, Any]]:
    """Pairs (first < second) of eligible programmes at one level, with shared skills and similarity: one query.

    Each row is a dict with ``programme_id``, ``other``, ``shared`` and ``similarity``. Same-provider pairs are still in
    it; ``find_overlaps`` keeps those given in different regions. The one place with SQL written by hand: the
    programme–skill table joined to itself over the eligible programmes, each with its level and number of skills
    computed once (a common table expression, which the ORM cannot write); the ORM's version of the same join took
    ten times longer at 10,000 programmes (benchmarks/gaps.py). The eligible programmes come from a queryset.
    """
    eligible, params = eligible_programmes(query).values("pk").query.sql_with_params()
    sql = PAIRS_SQL.format(
        links=ProgrammeSkill._meta.db_table,
        programmes=Programme._meta.db_table,
        eligible=eligible,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, MIN_SHARED, query.min_similarity])
        return [
            {"programme_id": a, "other": b, "shared": shared, "similarity": similarity}
            for a, b, shared, similarity in cursor.fetchall()
        ]


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
