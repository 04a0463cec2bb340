"""The gap dashboard: the filters, the segment heat map with its list table, the largest unmet needs by occupation
and skill, the needs met only across the border, and, on request, the segment analysis with and without example data
side by side.

The page's own rows (``HeatRow``, ``ComparisonRow``) are here; the rows it shares with the drill-down are in
gaps/analysis/cell_rows.py, and the filters it shares with the other gap pages in gaps/analysis/page_filters.py. Bad filter values are
a 400 with the form's errors beside the fields. Its queries, fixed whatever the amount of data, are counted in the view's docstring for an anonymous visitor (a
logged-in one adds the session and the user, a coordinator also their permissions) and pinned in
tests/gaps/test_gap_pages.py and tests/gaps/test_gap_page_costs.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone

from coordinators.permissions import may_start_actions
from gaps.analysis.across_border import needs_met_only_across_border
from gaps.analysis.cell_rows import CellRow, RowMaker, input_dates_of
from gaps.analysis.compare import GapAnalysis, analyse, shared_inputs
from gaps.analysis.csv_format import download_options, query_without_format
from gaps.analysis.demand import counts_every_need
from gaps.analysis.forms import EXAMPLES_EXCLUDE, EXAMPLES_INCLUDE, DashboardForm
from gaps.analysis.page_filters import describe_fields, filter_summary, with_defaults
from gaps.analysis.parameters import MOSTLY_EXAMPLES, Dimension
from gaps.analysis.statuses import STATUSES
from gaps.cooperation.models import Action
from gaps.cooperation.selectors import action_counts
from gaps.cooperation.start import action_start_url
from skills.models import CompetenceNeed, Region
from skills.selectors import with_shown_workshop

UNMET_SHOWN = 10
"""Rows in each "largest unmet needs" table."""
ACROSS_BORDER_SHOWN = 20
"""Needs listed under "needs met only across the border"; the page says how many there are in all."""


@dataclass(frozen=True)
class HeatRow:
    """A segment and its cells, one per region column (None where it has no row in that region)."""

    key: Any
    url: str
    cells: list[CellRow | None]


@dataclass(frozen=True)
class ComparisonRow:
    """A segment in a region with example data and without it, for the side-by-side view."""

    key: Any
    region: Region
    with_examples: CellRow | None
    without_examples: CellRow | None

    @property
    def changes(self) -> bool:
        """The status (or whether the row exists at all) differs without example data."""
        with_status = self.with_examples.status.code if self.with_examples else None
        without = self.without_examples.status.code if self.without_examples else None
        return with_status != without


def dashboard(request: HttpRequest) -> HttpResponse:
    """The filters, the segment heat map with its list table, the largest unmet needs by occupation and skill, the
    needs met only across the border, and a link to the overlapping programmes (their search is the costliest part
    of the analysis, so it has its own page).

    Queries: the regions and counted offerings the three analyses share (2), the segment, occupation and skill
    analyses (3 each: needs, keys of the programmes, the keys themselves) and the needs met only across the border (1:
    read once, counted and cut in Python, as the search is the costly part) and the actions the viewer may see per
    segment, occupation and skill (1, grouped): 13; with compare_examples the segment analysis runs once more with
    example data the other way round (5): 18. A coordinator who may start actions adds their coordinator record (3,
    once). Bad filters: none, a 400.
    """
    form = DashboardForm(with_defaults(request.GET))
    valid = form.is_valid()
    describe_fields(form)
    context: dict[str, Any] = {
        "form": form,
        "query_string": query_without_format(request.GET),
        "csv_options": download_options(),
        "statuses": list(STATUSES.values()),
        "counts_every_need": counts_every_need(request.user),
    }
    if not valid:
        return render(request, "gaps/dashboard.html", context, status=400)
    query_string = context["query_string"]
    today = timezone.localdate()
    segment_query = form.gap_query(Dimension.SEGMENT)
    # The three dimensions share the regions and the counted offerings, read once.
    shared = shared_inputs(segment_query)
    segments = analyse(segment_query, request.user, shared)
    comparison = None
    if form.cleaned_data.get("compare_examples"):
        other = analyse(
            replace(segment_query, examples=not segment_query.examples), request.user
        )
        comparison = _comparison(
            *((segments, other) if segment_query.examples else (other, segments)),
            request.GET,
            today,
        )
    occupations = analyse(form.gap_query(Dimension.OCCUPATION), request.user, shared)
    skills = analyse(form.gap_query(Dimension.SKILL), request.user, shared)
    across = list(
        with_shown_workshop(
            needs_met_only_across_border(form.gap_query(), request.user), request.user
        )
    )
    across_count = len(across)
    starts_actions = may_start_actions(request.user)  # once, not per row
    maker = RowMaker(query_string, today)
    rows = [maker.row(cell) for cell in segments.cells]
    context.update(
        {
            "filters": filter_summary(form),
            "today": today,
            "regions": segments.regions,
            "heat_rows": _heat_rows(segments, rows, maker),
            "rows": rows,
            "unmet_occupations": [
                maker.row(cell) for cell in occupations.largest_unmet(UNMET_SHOWN)
            ],
            "unmet_skills": [
                maker.row(cell) for cell in skills.largest_unmet(UNMET_SHOWN)
            ],
            "across_count": across_count,
            "across_needs": [
                (need, _start_from_need(need) if starts_actions else None)
                for need in across[:ACROSS_BORDER_SHOWN]
            ],
            "action_counts": action_counts(request.user),
            "inputs": input_dates_of(segments),
            "needs_shown": ACROSS_BORDER_SHOWN,
            "examples_included": segment_query.examples,
            "example_rows": segments.with_examples,
            "example_heavy_rows": segments.resting_on_examples,
            "row_count": len(segments.cells),
            "comparison": comparison,
            "comparison_changes": sum(1 for r in comparison or () if r.changes),
            "mostly_examples": round(MOSTLY_EXAMPLES * 100),
        }
    )
    return render(request, "gaps/dashboard.html", context)


def _start_from_need(need: CompetenceNeed) -> str:
    """The admin's new action for a need that only the other country's programmes meet: joint recruitment across
    the border, with the need, its region and its occupation."""
    return action_start_url(
        kind=Action.Kind.JOINT_RECRUITMENT,
        regions=[need.region_id],
        occupations=[need.occupation_id] if need.occupation_id else [],
        needs=[need],
        title_en=f"Recruit across the border: {need.occupation.label_en if need.occupation_id else need.slug}",
    )


def _heat_rows(
    analysis: GapAnalysis, rows: list[CellRow], maker: RowMaker
) -> list[HeatRow]:
    by_cell = {(row.cell.key.pk, row.cell.region.pk): row for row in rows}
    return [
        HeatRow(
            key=key,
            url=maker.key_url(key),
            cells=[by_cell.get((key.pk, region.pk)) for region in analysis.regions],
        )
        for key in analysis.keys
    ]


def _comparison(
    with_examples: GapAnalysis,
    without_examples: GapAnalysis,
    params: QueryDict,
    today: datetime.date,
) -> list[ComparisonRow]:
    """Every segment and region of either analysis, with its row in each (None where it has none); each row's link
    leads to the drill-down with example data included or left out, as that side counts it."""
    makers = {}
    for included, value in ((True, EXAMPLES_INCLUDE), (False, EXAMPLES_EXCLUDE)):
        side = params.copy()
        side.pop("compare_examples", None)
        side["examples"] = value
        makers[included] = RowMaker(side.urlencode(), today)
    keys = {key.pk: key for key in [*with_examples.keys, *without_examples.keys]}
    regions = {r.pk: r for r in [*with_examples.regions, *without_examples.regions]}
    pairs = {
        (cell.key.pk, cell.region.pk)
        for cell in [*with_examples.cells, *without_examples.cells]
    }
    rows = []
    # Segments in value-chain order, as the analysis lists them.
    for key_pk, region_pk in sorted(
        pairs,
        key=lambda pair: (
            keys[pair[0]].order,
            keys[pair[0]].code,
            regions[pair[1]].code,
        ),
    ):
        key, region = keys[key_pk], regions[region_pk]
        with_cell = with_examples.cell(key, region)
        without_cell = without_examples.cell(key, region)
        rows.append(
            ComparisonRow(
                key=key,
                region=region,
                with_examples=makers[True].row(with_cell) if with_cell else None,
                without_examples=makers[False].row(without_cell)
                if without_cell
                else None,
            )
        )
    return rows
