"""What the gap analysis made of a list of needs (a workshop's): the status today of each need's occupation, or else
its segments, or else its skills, in the need's region, with the drill-down that shows the figures.

Each dimension the needs use is analysed once, for exactly their keys (gaps/analysis/compare.py ``analyse``), so the
cost is fixed whatever the number of needs: 2 queries for the regions and offerings, then 3 per dimension used (at
most three), plus the permission check of a logged-in viewer.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import reverse

from gaps.analysis.compare import Cell, analyse, shared_inputs
from gaps.analysis.parameters import Dimension, GapQuery, key_code
from gaps.analysis.statuses import STATUSES, StatusInfo
from skills.models import CompetenceNeed


@dataclass(frozen=True)
class NeedStatus:
    """One row a need counts in: its occupation, segment or skill in the need's region, and that row's status."""

    dimension: str
    key: Any  # the Occupation, Segment or Skill
    cell: (
        Cell | None
    )  # None: the row is not in today's analysis (the need is not counted, for instance a draft)

    @property
    def name_field(self) -> str:
        """The translated field that names the key: a segment's name, an occupation's or skill's label."""
        return "name" if self.dimension == Dimension.SEGMENT else "label"

    @property
    def status(self) -> StatusInfo | None:
        return STATUSES[self.cell.status] if self.cell is not None else None

    @property
    def url(self) -> str:
        """The drill-down of the occupation, segment or skill, at the need's region."""
        address = reverse("gaps:detail", args=[self.dimension, key_code(self.key)])
        return (
            address
            if self.cell is None
            else f"{address}#region-{self.cell.region.code}"
        )


def keys_of(need: CompetenceNeed) -> tuple[str, list[Any]]:
    """The dimension and keys a need is judged by: its occupation, else its segments, else its skills (no query once
    segments and skills are prefetched)."""
    if need.occupation_id is not None:
        return Dimension.OCCUPATION, [need.occupation]
    if segments := list(need.segments.all()):
        return Dimension.SEGMENT, segments
    return Dimension.SKILL, list(need.skills.all())


def need_statuses(
    needs: list[CompetenceNeed], user: AbstractBaseUser | AnonymousUser
) -> dict[int, list[NeedStatus]]:
    """Per need (by id), the status of each row it counts in, as the viewer's gap analysis shows it today."""
    wanted: dict[str, set[int]] = defaultdict(set)
    judged = {}
    for need in needs:
        dimension, keys = keys_of(need)
        judged[need.pk] = (dimension, keys)
        wanted[dimension].update(key.pk for key in keys)
    analyses = {}
    shared = None
    for dimension, key_ids in wanted.items():
        if not key_ids:
            continue
        query = GapQuery(dimension=dimension, keys=tuple(sorted(key_ids)))
        if shared is None:
            shared = shared_inputs(
                query
            )  # the same regions and offerings for every dimension
        analyses[dimension] = analyse(query, user, shared)
    return {
        need.pk: [
            NeedStatus(dimension, key, analyses[dimension].cell(key, need.region))
            for key in keys
        ]
        for need in needs
        for dimension, keys in [judged[need.pk]]
    }
