"""The drill-down of the gap analysis: one segment, occupation or skill by region, with its figures and exactly the
needs and offerings behind them, and a 404 page that says what was not found.

It is the page that shows what a figure rests on, so besides the analysis it reads the needs and offerings themselves
(gaps/analysis/demand.py, gaps/analysis/supply.py). An unknown dimension or key is a 404, bad filter values a 400 with the form's
errors beside the fields. Its queries, fixed whatever the amount of data, are counted in the view's docstring for an anonymous visitor (a
logged-in one adds the session and the user, a coordinator also their permissions) and pinned in
tests/gaps/test_gap_pages.py and tests/gaps/test_gap_page_costs.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordinators.permissions import may_start_actions
from gaps.analysis.cell_rows import CellRow, RowMaker, input_dates_of
from gaps.analysis.compare import analyse, shared_inputs
from gaps.analysis.csv_format import download_options, query_without_format
from gaps.analysis.demand import counts_every_need, needs_listed
from gaps.analysis.forms import GapForm
from gaps.analysis.page_filters import describe_fields, filter_summary, with_defaults
from gaps.analysis.parameters import KEY_MODELS, MOSTLY_EXAMPLES, Dimension
from gaps.analysis.statuses import STATUSES
from gaps.analysis.supply import enclosing_regions, offerings_behind
from gaps.cooperation.selectors import action_counts
from gaps.cooperation.start import action_start_url
from programmes.models import Offering
from skills.models import CompetenceNeed, Region, Segment
from skills.selectors import with_shown_workshop

NEEDS_SHOWN = 25
"""Needs listed per region before "show all": the busiest rows have hundreds, which made the page megabytes."""
OFFERINGS_SHOWN = 25
"""Offerings listed per region before "show all"."""
SHOW_ALL = "all"
"""The query parameter that lists every need and offering of one region (its code)."""


@dataclass(frozen=True)
class RegionGroup:
    """One region of the drill-down: its figures and the needs and offerings behind them, the first ones listed.

    The totals are of every need the viewer may see (the figures count no other) and every offering, listed or not,
    so that they add up to the figures whatever is listed; ``show_all_url`` leads to the same page with every need
    and offering of the region.
    """

    row: CellRow
    needs: list[CompetenceNeed]  # listed: the first NEEDS_SHOWN, or all of them
    offerings: list[
        tuple[Offering, Region]
    ]  # every offering, with the region of its site
    visible_needs: int  # needs the viewer may see, listed or not
    listed_people: int
    listed_demand: float
    show_all: bool
    show_all_url: str

    @property
    def shown_offerings(self) -> list[tuple[Offering, Region]]:
        return self.offerings if self.show_all else self.offerings[:OFFERINGS_SHOWN]

    @property
    def more_needs(self) -> int:
        """Needs the viewer may see that are not listed."""
        return self.visible_needs - len(self.needs)

    @property
    def more_offerings(self) -> int:
        return len(self.offerings) - len(self.shown_offerings)

    @property
    def listed_places(self) -> float:
        return sum(o.offered_places or 0 for o, _region in self.offerings)

    @property
    def listed_filled(self) -> float:
        return sum(o.filled_places or 0 for o, _region in self.offerings)


def detail(request: HttpRequest, dimension: str, key: str) -> HttpResponse:
    """One segment, occupation or skill by region: its figures and exactly the needs and offerings behind them.

    Queries: the segment, occupation or skill (1), its analysis (5, whose regions also place offerings in the regions
    that enclose their sites), the first NEEDS_SHOWN needs behind it in each region with their region's totals (1)
    and the offerings behind it (1), and the actions the viewer may see that address it (1): 9. A coordinator who
    may start actions adds their coordinator record (3, once). Each region lists its first needs and offerings; ?all=<region code>
    lists every one of that region. An unknown dimension or key is a 404 page saying so (after at most
    1 query); bad filters a 400 (after 1).
    """
    if dimension not in Dimension.values:
        return _not_found(
            request,
            _("“%(dimension)s” is not a view of the gap analysis.")
            % {"dimension": _short(dimension)},
        )
    model = KEY_MODELS[dimension]
    lookup = "code" if dimension == Dimension.SEGMENT else "slug"
    obj = model.objects.filter(**{lookup: key}).first()
    if obj is None:
        return _not_found(request, _NOT_FOUND[dimension] % {"key": _short(key)})
    form = GapForm(with_defaults(request.GET))
    valid = form.is_valid()
    describe_fields(form)
    filters = request.GET.copy()
    filters.pop(SHOW_ALL, None)  # the filters, which links to other pages carry on
    query_string = query_without_format(filters)
    context: dict[str, Any] = {
        "form": form,
        "query_string": query_string,
        "csv_options": download_options(),
        "dimension": dimension,
        "dimension_label": Dimension(dimension).label,
        "key": obj,
        "key_code": key,
        "key_field": _name_field(obj),
        "key_page": reverse(_KEY_PAGES[dimension], args=[key])
        if _KEY_PAGES[dimension]
        else None,
        "statuses": list(STATUSES.values()),
        "counts_every_need": counts_every_need(request.user),
    }
    if not valid:
        return render(request, "gaps/detail.html", context, status=400)
    today = timezone.localdate()
    query = form.gap_query(dimension, keys=(obj.pk,))
    shared = shared_inputs(query)  # its regions also place the offerings below
    analysis = analyse(query, request.user, shared)
    show_all = request.GET.get(SHOW_ALL, "")
    needs = list(
        with_shown_workshop(
            needs_listed(query, obj.pk, request.user, NEEDS_SHOWN, show_all=show_all),
            request.user,
        )
    )
    behind = list(offerings_behind(query, obj.pk))
    # Planned and proposed programmes are listed apart: they are not today's supply.
    offerings = [o for o in behind if o.programme.is_running]
    planned_offerings = [
        (o, shared.regions[o.site.region_id])
        for o in behind
        if not o.programme.is_running
    ]
    regions = shared.regions

    maker = RowMaker(query_string, today)
    needs_by_region: dict[int, list[CompetenceNeed]] = defaultdict(list)
    for need in needs:
        needs_by_region[need.region_id].append(need)
    groups_by_region = []
    placed: set[int] = set()
    for cell in analysis.cells:
        inside = [
            (o, regions[o.site.region_id])
            for o in offerings
            if cell.region.pk in enclosing_regions(o.site.region_id, regions)
        ]
        placed.update(o.pk for o, _region in inside)
        listed = needs_by_region.get(cell.region.pk, [])
        groups_by_region.append(
            RegionGroup(
                row=maker.row(cell),
                needs=listed,
                offerings=inside,
                # Every listed need carries the totals of its region's visible needs (see needs_listed()).
                visible_needs=listed[0].region_needs if listed else 0,
                listed_people=listed[0].region_people if listed else 0,
                listed_demand=listed[0].region_demand if listed else 0.0,
                show_all=cell.region.code == show_all,
                show_all_url=_show_all_url(request, cell.region.code),
            )
        )
    context.update(
        {
            "filters": filter_summary(form),
            "today": today,
            "groups": groups_by_region,
            "elsewhere": [
                (o, regions[o.site.region_id]) for o in offerings if o.pk not in placed
            ],
            "planned_offerings": planned_offerings,
            "inputs": input_dates_of(analysis),
            "examples_included": query.examples,
            "oldest_intake_year": query.oldest_intake_year,
            "mostly_examples": round(MOSTLY_EXAMPLES * 100),
            "action_counts": action_counts(request.user, dimension, obj),
            "start_action_url": _start_action_url(
                dimension, obj, analysis.cells, needs, offerings
            )
            if may_start_actions(request.user)
            else None,
        }
    )
    return render(request, "gaps/detail.html", context)


def _start_action_url(
    dimension: str,
    key: Model,
    cells: list[Any],
    needs: list[CompetenceNeed],
    offerings: list[Offering],
) -> str:
    """The admin's new action, filled with this page's segment, occupation or skill, its regions, and the needs and
    programmes listed behind it."""
    name = getattr(key, f"{_name_field(key)}_en", "") or str(key)
    return action_start_url(
        **{f"{dimension}s": [key]},
        regions=[cell.region for cell in cells],
        needs=needs,
        programmes=[offering.programme_id for offering in offerings],
        title_en=f"Close the gap: {name}",
    )


_NOT_FOUND = {
    Dimension.SEGMENT: gettext_lazy(
        "No part of the value chain has the code “%(key)s”."
    ),
    Dimension.OCCUPATION: gettext_lazy("No occupation has the address “%(key)s”."),
    Dimension.SKILL: gettext_lazy("No skill has the address “%(key)s”."),
}


_KEY_PAGES = {
    Dimension.SEGMENT: None,
    Dimension.OCCUPATION: "programmes:occupation_detail",
    Dimension.SKILL: "programmes:skill_detail",
}
"""The catalogue's own page of an occupation or skill (segments have none)."""


def _show_all_url(request: HttpRequest, region_code: str) -> str:
    """This page with every need and offering of the region listed, at the region's section."""
    params = request.GET.copy()
    params[SHOW_ALL] = region_code
    return f"?{params.urlencode()}#region-{region_code}"


def _short(value: str) -> str:
    """An address part as a message repeats it: shortened, so that a page cannot be made to echo long text."""
    return Truncator(value).chars(40)


def _not_found(request: HttpRequest, message: str) -> HttpResponse:
    """A 404 page that says what was not found, in the page's language, and leads back to the dashboard."""
    return render(request, "gaps/detail.html", {"not_found": message}, status=404)


def _name_field(key: Model) -> str:
    """The translated field that names a segment ("name") or an occupation or skill ("label")."""
    return "name" if isinstance(key, Segment) else "label"
