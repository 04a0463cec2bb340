"""The overlapping programmes page: pairs of programmes that teach much the same skills, candidates for joint
teaching, shared teachers and joint recruitment, with the largest groups of them.

Finding the pairs is the costliest part of the analysis (gaps/analysis/overlaps.py), so it has a page of its own rather than a
section of the dashboard. Bad filter values are a 400 with the form's errors beside the fields. Its queries, fixed whatever the amount of data, are counted in the view's docstring for an anonymous visitor (a
logged-in one adds the session and the user, a coordinator also their permissions) and pinned in
tests/gaps/test_gap_pages.py and tests/gaps/test_gap_page_costs.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from batteryregion.i18n import Shown, shown
from batteryregion.pagination import paginate, query_without_page
from coordinators.permissions import may_start_actions
from gaps.analysis.cell_rows import AddressPattern
from gaps.analysis.csv_format import download_options, query_without_format
from gaps.analysis.forms import OverlapForm
from gaps.analysis.overlaps import (
    MIN_SHARED,
    MIN_SIMILARITY,
    Overlap,
    groups,
    split_overlaps,
)
from gaps.analysis.page_filters import (
    country_names,
    describe_fields,
    filter_summary,
    with_defaults,
)
from gaps.cooperation.models import Action
from gaps.cooperation.start import action_start_url
from programmes.models import Programme
from skills.models import Skill

OVERLAPS_PER_PAGE = 50
"""Pairs on one page of the list."""
PLANNED_SHOWN = 50
"""Planned pairs shown on the page, most similar first; the CSV has them all."""
GROUPS_SHOWN = 10
"""The largest groups of overlapping programmes read for the page; those of three or more are shown."""


@dataclass(frozen=True)
class ProgrammeSide:
    """One programme of an overlapping pair, with its page and the towns and regions where it is given."""

    programme: Programme
    url: str
    places: list[tuple[Shown, Shown]]  # (town, region)
    countries: str


@dataclass(frozen=True)
class OverlapRow:
    """A pair with its programmes, and the skills of each list with the address of the skill's page."""

    overlap: Overlap
    first: ProgrammeSide
    second: ProgrammeSide
    shared: list[tuple[Skill, str]]
    only_first: list[tuple[Skill, str]]
    only_second: list[tuple[Skill, str]]
    start_action_url: str | None = None  # for those who may start actions


def overlaps(request: HttpRequest) -> HttpResponse:
    """Overlapping programmes: candidates for joint teaching, shared teachers and joint recruitment.

    Queries: the segment choices (1), the pairs (1), the page's programmes, offerings and skills (3) and the largest
    groups' programmes (1): 6, or 2 when no pair overlaps; when planned or proposed programmes would overlap, their
    pairs' programmes, offerings and skills (3 more); a coordinator who may start actions adds their coordinator
    record (3, once). Pages of 50 pairs; the planned section shows the 50 most similar planned pairs. Bad filters: a
    400 after 1.
    """
    form = OverlapForm(with_defaults(request.GET), segments=OverlapForm.load_segments())
    valid = form.is_valid()
    describe_fields(form)
    context: dict[str, Any] = {
        "form": form,
        "query_string": query_without_format(request.GET),
        "csv_options": download_options(),
        "min_similarity": round(MIN_SIMILARITY * 100),
        "min_shared": MIN_SHARED,
    }
    if not valid:
        return render(request, "gaps/overlaps.html", context, status=400)
    starts_actions = may_start_actions(request.user)
    split = split_overlaps(form.query())
    found = split.today
    page = paginate(found, request, per_page=OVERLAPS_PER_PAGE)
    context.update(
        {
            "filters": filter_summary(form),
            "today": timezone.localdate(),
            "count": len(found),
            "page": page,
            "page_query": query_without_page(request),
            "overlaps": _overlap_rows(page.object_list, starts_actions=starts_actions),
            # The largest groups, read in one query whenever a pair overlaps; those of three or more are shown.
            "groups": [
                group for group in groups(found, limit=GROUPS_SHOWN) if len(group) >= 3
            ],
            # Planned and proposed programmes never enter today's pairs, counts or groups: they are listed apart.
            "planned_count": len(split.planned),
            "planned_overlaps": _overlap_rows(
                split.planned[:PLANNED_SHOWN], starts_actions=starts_actions
            ),
        }
    )
    return render(request, "gaps/overlaps.html", context)


def _programme_side(programme: Programme, address: AddressPattern) -> ProgrammeSide:
    places: dict[int, tuple[Shown, Shown]] = {}
    countries: set[str] = set()
    for (
        offering
    ) in programme.offerings.all():  # prefetched with site and region by find_overlaps
        site = offering.site
        countries.add(site.region.country)
        places.setdefault(site.pk, (shown(site, "town"), shown(site.region, "name")))
    return ProgrammeSide(
        programme,
        address(programme.slug),
        list(places.values()),
        country_names(countries),
    )


def _start_from_overlap(overlap: Overlap) -> str:
    """The admin's new action for an overlapping pair: coordinate the two programmes, their shared skills and the
    regions where they are given (offerings prefetched by find_overlaps)."""
    regions = [
        offering.site.region_id
        for programme in (overlap.first, overlap.second)
        for offering in programme.offerings.all()
    ]
    return action_start_url(
        kind=Action.Kind.COORDINATE_OVERLAP,
        programmes=[overlap.first, overlap.second],
        skills=overlap.shared,
        regions=regions,
        title_en=f"Coordinate {overlap.first.name_en} and {overlap.second.name_en}",
    )


def _overlap_rows(
    overlaps: list[Overlap], *, starts_actions: bool = False
) -> list[OverlapRow]:
    programme_page = AddressPattern("programmes:programme_detail")
    skill_page = AddressPattern("programmes:skill_detail")

    def linked(skills: list[Skill]) -> list[tuple[Skill, str]]:
        return [(skill, skill_page(skill.slug)) for skill in skills]

    return [
        OverlapRow(
            overlap,
            _programme_side(overlap.first, programme_page),
            _programme_side(overlap.second, programme_page),
            shared=linked(overlap.shared),
            only_first=linked(overlap.only_first),
            only_second=linked(overlap.only_second),
            start_action_url=_start_from_overlap(overlap) if starts_actions else None,
        )
        for overlap in overlaps
    ]
