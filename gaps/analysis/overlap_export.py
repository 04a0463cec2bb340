"""The overlap tables of the CSV export (gaps/analysis/export.py): today's pairs, and apart from them the planned or
proposed programmes that would overlap, each with its availability and expected start.

The two files never mix: today's holds only programmes that run today, the planned one a planned or proposed
programme first in every row. Programmes, offerings and skills come prefetched by the overlap lists.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.utils.translation import gettext as _

from batteryregion.i18n import shown
from gaps.analysis.overlaps import Overlap
from programmes.models import Programme


def overlap_table(overlaps: Sequence[Overlap]) -> tuple[list[str], Iterator[list[Any]]]:
    """Today's overlapping pairs, one row each."""
    header = [
        _("First programme"),
        _("First provider"),
        _("First programme's regions"),
        _("Second programme"),
        _("Second provider"),
        _("Second programme's regions"),
        _("EQF level"),
        _("Across the border"),
        _("Similarity (%)"),
        _("Shared skills"),
        _("Skills taught by both"),
        _("Skills only in the first"),
        _("Skills only in the second"),
    ]
    rows = (
        [
            shown(overlap.first, "name").text,
            shown(overlap.first.provider, "name").text,
            regions_of(overlap.first),
            shown(overlap.second, "name").text,
            shown(overlap.second.provider, "name").text,
            regions_of(overlap.second),
            overlap.first.awarded_level.level if overlap.first.awarded_level else "",
            overlap.across_border,
            overlap.similarity_percent,
            len(overlap.shared),
            skill_names(overlap.shared),
            skill_names(overlap.only_first),
            skill_names(overlap.only_second),
        ]
        for overlap in overlaps
    )
    return header, rows


def planned_overlap_table(
    overlaps: Sequence[Overlap],
) -> tuple[list[str], Iterator[list[Any]]]:
    """Planned or proposed programmes (first) and the programmes they would overlap, one row per pair."""
    header = [
        _("Planned or proposed programme"),
        _("Its availability"),
        _("Its expected start"),
        _("Its provider"),
        _("Its regions"),
        _("Would overlap"),
        _("Availability of the other"),
        _("Expected start of the other"),
        _("Provider of the other"),
        _("Regions of the other"),
        _("EQF level"),
        _("Across the border"),
        _("Similarity (%)"),
        _("Shared skills"),
        _("Skills taught by both"),
        _("Skills only in the planned programme"),
        _("Skills only in the other"),
    ]
    rows = (
        [
            *_programme_columns(overlap.first),
            *_programme_columns(overlap.second),
            overlap.first.awarded_level.level if overlap.first.awarded_level else "",
            overlap.across_border,
            overlap.similarity_percent,
            len(overlap.shared),
            skill_names(overlap.shared),
            skill_names(overlap.only_first),
            skill_names(overlap.only_second),
        ]
        for overlap in overlaps
    )
    return header, rows


def _programme_columns(programme: Programme) -> list[Any]:
    """Name, availability ("Running", "Planned", "Proposed"), expected start (a date or empty), provider, regions."""
    return [
        shown(programme, "name").text,
        programme.get_availability_display(),
        programme.expected_start,
        shown(programme.provider, "name").text,
        regions_of(programme),
    ]


def regions_of(programme: Any) -> str:
    """The NUTS codes of the regions where the programme is given, "FI1D9; SE331"."""
    return "; ".join(
        sorted({offering.site.region.code for offering in programme.offerings.all()})
    )


def skill_names(skills: Sequence[Any]) -> str:
    return "; ".join(shown(skill, "label").text for skill in skills)
