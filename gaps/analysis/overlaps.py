"""Overlapping programmes: candidates for joint teaching, shared teachers and joint student recruitment.

The rules, also explained on the "How the gap analysis works" page and in the README:

* Two published programmes *overlap* when they award the same EQF level (or both award none), are given by different
  providers, or by one provider at sites in different regions, and teach largely the same skills.
* *Similarity* is the Jaccard index of the skills they teach: skills taught by both divided by skills taught by either.
  A pair is listed from ``MIN_SIMILARITY`` (0.5: at least half of their skills together are shared) with at least
  ``MIN_SHARED`` shared skills; pairs are ranked by similarity, then by shared skills.
* Each pair shows what it shares and what each teaches alone; pairs that chain together (A–B, B–C) form a *group*.
* Filters: level band, countries (a programme counts when it is given there), a segment, across the border only.
* Today's overlaps are between programmes that run today (``Programme.availability``): planned and proposed
  programmes are never in today's pairs, counts or groups. They are found by the same rule in the same query and
  listed apart (``OverlapSplit.planned``), each pair with the planned or proposed programme first, so that the
  partnership sees an overlap before the programme starts.

The pairs are found with one SQL aggregation over the programme–skill table joined to itself, so the work stays in
the database; a page of them then reads its programmes (with their offerings, sites and regions) and skills in three
more queries, and the groups' programmes in one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db import connection
from django.db.models import (
    Prefetch,
    Q,
    QuerySet,
)

from programmes.models import Offering, Programme
from skills.models import Country, Region, Site, Skill

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
    SELECT p.id, p.provider_id, COALESCE(p.awarded_level_id, 0) AS level,
           (SELECT COUNT(*) FROM {links} c WHERE c.programme_id = p.id) AS n
    FROM {programmes} p
    WHERE p.id IN ({eligible})
),
taught AS (
    SELECT l.programme_id, l.skill_id, e.level, e.n
    FROM {links} l JOIN eligible e ON e.id = l.programme_id
),
pairs AS (
    SELECT a.programme_id AS first, b.programme_id AS second, COUNT(*) AS shared,
           CAST(COUNT(*) AS DOUBLE PRECISION) / (a.n + b.n - COUNT(*)) AS similarity
    FROM taught a
    JOIN taught b ON b.skill_id = a.skill_id AND b.level = a.level AND b.programme_id > a.programme_id
    GROUP BY a.programme_id, b.programme_id, a.n, b.n
    HAVING COUNT(*) >= %s AND CAST(COUNT(*) AS DOUBLE PRECISION) / (a.n + b.n - COUNT(*)) >= %s
)
SELECT p.first, p.second, p.shared, p.similarity, ea.availability, eb.availability
FROM pairs p JOIN {programmes} ea ON ea.id = p.first JOIN {programmes} eb ON eb.id = p.second
WHERE (ea.provider_id <> eb.provider_id OR NOT EXISTS (
    SELECT 1
    FROM {offerings} o1 JOIN {sites} s1 ON s1.id = o1.site_id,
         {offerings} o2 JOIN {sites} s2 ON s2.id = o2.site_id
    WHERE o1.programme_id = p.first AND o2.programme_id = p.second AND s2.region_id = s1.region_id))
{across_border}
ORDER BY p.similarity DESC, p.shared DESC, p.first, p.second
"""

COUNTRY_ONLY_IN_SQL = """EXISTS (
    SELECT 1 FROM {offerings} o1 JOIN {sites} s1 ON s1.id = o1.site_id JOIN {regions} r1 ON r1.id = s1.region_id
    WHERE o1.programme_id = p.{one} AND NOT EXISTS (
        SELECT 1 FROM {offerings} o2 JOIN {sites} s2 ON s2.id = o2.site_id JOIN {regions} r2 ON r2.id = s2.region_id
        WHERE o2.programme_id = p.{other} AND r2.country = r1.country))"""
ACROSS_BORDER_SQL = (
    "AND ("
    + COUNTRY_ONLY_IN_SQL.replace("{one}", "first").replace("{other}", "second")
    + " OR "
    + COUNTRY_ONLY_IN_SQL.replace("{one}", "second").replace("{other}", "first")
    + ")"
)
"""A country where one programme of the pair is given and the other is not."""


@dataclass(frozen=True)
class Pair:
    first: int
    second: int
    shared: int
    similarity: float
    first_availability: str = Programme.Availability.RUNNING
    second_availability: str = Programme.Availability.RUNNING

    @property
    def runs_today(self) -> bool:
        """Whether both programmes run today: only such pairs are today's overlaps."""
        running = Programme.Availability.RUNNING
        return (
            self.first_availability == running and self.second_availability == running
        )

    def not_running_first(self) -> Pair:
        """The pair with a planned or proposed programme first (as it is when both are)."""
        if self.first_availability != Programme.Availability.RUNNING:
            return self
        return Pair(
            self.second,
            self.first,
            self.shared,
            self.similarity,
            self.second_availability,
            self.first_availability,
        )


def overlapping_pairs(query: OverlapQuery) -> list[Pair]:
    """Every overlapping pair of published programmes whatever their availability (first < second by id), best
    first: one query. ``split_overlaps()`` separates today's pairs from those with planned or proposed programmes.

    The one place with SQL written by hand: the programme–skill table joined to itself over the eligible programmes,
    each with its level and number of skills computed once (common table expressions, which the ORM cannot write);
    the ORM's version of the same join took ten times longer at 10,000 programmes (benchmarks/gaps.py). The eligible
    programmes come from a queryset; the rules on providers, regions and the border are applied in the same query,
    so that the number of pairs is known before any programme is read.
    """
    eligible, params = eligible_programmes(query).values("pk").query.sql_with_params()
    tables = {
        "links": ProgrammeSkill._meta.db_table,
        "programmes": Programme._meta.db_table,
        "offerings": Offering._meta.db_table,
        "sites": Site._meta.db_table,
        "regions": Region._meta.db_table,
    }
    across_border = ACROSS_BORDER_SQL.format(**tables) if query.across_border else ""
    sql = PAIRS_SQL.format(**tables, eligible=eligible, across_border=across_border)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, MIN_SHARED, query.min_similarity])
        return [Pair(*row) for row in cursor.fetchall()]


class OverlapList(Sequence[Overlap]):
    """The overlapping pairs of a query; a slice reads only its own pairs' programmes and skills (three queries).

    So a page of overlaps costs the same however many pairs there are; ``len()`` costs nothing more.
    """

    def __init__(self, pairs: list[Pair]) -> None:
        self.pairs = pairs

    def __len__(self) -> int:
        return len(self.pairs)

    @overload
    def __getitem__(self, index: int) -> Overlap: ...

    @overload
    def __getitem__(self, index: slice) -> list[Overlap]: ...

    def __getitem__(self, index: int | slice) -> Overlap | list[Overlap]:
        if isinstance(index, slice):
            return _load(self.pairs[index])
        return _load([self.pairs[index]])[0]

    def __iter__(self) -> Iterator[Overlap]:
        return iter(self[:])


@dataclass(frozen=True)
class OverlapSplit:
    """Today's overlaps (both programmes run today) and the planned ones (a planned or proposed programme, first,
    would overlap a running or another not yet running programme), never mixed."""

    today: OverlapList
    planned: OverlapList


def split_overlaps(query: OverlapQuery) -> OverlapSplit:
    """Today's and the planned overlapping pairs, best first, from one query; each list reads its programmes and
    skills (three queries) when a slice of it is taken."""
    pairs = overlapping_pairs(query)
    return OverlapSplit(
        today=OverlapList([pair for pair in pairs if pair.runs_today]),
        planned=OverlapList(
            [pair.not_running_first() for pair in pairs if not pair.runs_today]
        ),
    )


def find_overlaps(query: OverlapQuery, limit: int | None = None) -> OverlapList:
    """Today's overlapping pairs (both programmes run today), best first (one query); the programmes and skills are
    read when a slice is taken."""
    pairs = split_overlaps(query).today.pairs
    return OverlapList(pairs[:limit] if limit is not None else pairs)


def _load(pairs: list[Pair]) -> list[Overlap]:
    """The pairs with their programmes (provider, level, offerings with sites and regions) and skills: 3 queries."""
    if not pairs:
        return []
    ids = {pair.first for pair in pairs} | {pair.second for pair in pairs}
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
    skills = _skills_of(ids)
    overlaps = []
    for pair in pairs:
        first, second = programmes[pair.first], programmes[pair.second]
        overlaps.append(
            Overlap(
                first=first,
                second=second,
                similarity=pair.similarity,
                shared=_ordered(skills[first.pk] & skills[second.pk]),
                only_first=_ordered(skills[first.pk] - skills[second.pk]),
                only_second=_ordered(skills[second.pk] - skills[first.pk]),
            )
        )
    return overlaps


def groups(
    overlaps: OverlapList | Sequence[Overlap],
    smallest: int = 2,
    limit: int | None = None,
) -> list[list[Programme]]:
    """Programmes that overlap in a chain (A–B, B–C), largest group first, from ``smallest`` programmes up, at most
    ``limit`` groups.

    From an OverlapList the groups come from the pairs' ids, and their programmes are read in one query.
    """
    if isinstance(overlaps, OverlapList):
        links = [(pair.first, pair.second) for pair in overlaps.pairs]
    else:
        links = [(o.first.pk, o.second.pk) for o in overlaps]
    parent: dict[int, int] = {}

    def root(pk: int) -> int:
        while parent.setdefault(pk, pk) != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for first, second in links:
        parent[root(first)] = root(second)
    grouped: dict[int, list[int]] = {}
    for pk in list(parent):
        grouped.setdefault(root(pk), []).append(pk)
    wanted = sorted(
        (ids for ids in grouped.values() if len(ids) >= smallest),
        key=lambda ids: (-len(ids), min(ids)),
    )[:limit]
    if isinstance(overlaps, OverlapList):
        members = {pk for ids in wanted for pk in ids}
        known = (
            {
                p.pk: p
                for p in Programme.objects.filter(pk__in=members).select_related(
                    "provider"
                )
            }
            if members
            else {}
        )
    else:
        known = {p.pk: p for o in overlaps for p in (o.first, o.second)}
    return sorted(
        (sorted((known[pk] for pk in ids), key=lambda p: p.name) for ids in wanted),
        key=lambda group: (-len(group), group[0].name),
    )


def _skills_of(programme_ids: set[int]) -> dict[int, set[Any]]:
    skills: dict[int, set[Any]] = {pk: set() for pk in programme_ids}
    for link in ProgrammeSkill.objects.filter(
        programme_id__in=programme_ids
    ).select_related("skill"):
        skills[link.programme_id].add(link.skill)
    return skills


def _ordered(skills: set[Skill]) -> list[Skill]:
    return sorted(skills, key=lambda skill: skill.slug)
