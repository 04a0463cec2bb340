"""The gap analysis pages: the dashboard, the drill-down behind one segment, occupation or skill, the overlapping
programmes, and how the analysis works.

The figures come from gaps/analysis.py and gaps/overlaps.py; these views only parse the filters, call them and
arrange the rows for the templates. Bad filter values are a 400 with the form's errors beside the fields, an unknown
dimension or key a 404. Each view does a fixed number of queries whatever the amount of data (in its docstring, for
an anonymous visitor; a logged-in one adds the session and the user, a coordinator also their permissions), pinned in
tests/gaps/test_gap_pages.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from batteryregion.i18n import Shown, shown
from batteryregion.pagination import paginate, query_without_page
from gaps.analysis import (
    BALANCED_RANGE,
    KEY_MODELS,
    MIN_SOURCES,
    MOSTLY_EXAMPLES,
    STATUS_EXPLANATIONS,
    URGENCY_WEIGHTS,
    Cell,
    Dimension,
    GapAnalysis,
    Status,
    analyse,
    needs_behind,
    needs_met_only_across_border,
    offerings_behind,
    this_year,
)
from gaps.forms import (
    EXAMPLES_EXCLUDE,
    EXAMPLES_INCLUDE,
    DashboardForm,
    GapForm,
    OverlapForm,
)
from gaps.overlaps import MIN_SHARED, MIN_SIMILARITY, Overlap, find_overlaps, groups
from programmes.models import Offering, Programme
from skills.models import CompetenceNeed, Country, Region, Segment, Skill

UNMET_SHOWN = 10
OVERLAPS_PER_PAGE = 50
GROUPS_SHOWN = 10
"""Rows in each "largest unmet needs" table."""
ACROSS_BORDER_SHOWN = 20
"""Needs listed under "needs met only across the border"; the page says how many there are in all."""


# What a status looks like ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusInfo:
    """A status as pages show it: its name, a symbol and a short word (so that colour is never the only sign)."""

    code: str
    name: Promise
    symbol: str
    short: Promise
    explanation: Promise


STATUSES = {
    info.code: info
    for info in [
        StatusInfo(
            Status.NO_TRAINING,
            Status.NO_TRAINING.label,
            "✕",
            gettext_lazy("No training"),
            STATUS_EXPLANATIONS[Status.NO_TRAINING],
        ),
        StatusInfo(
            Status.ACROSS_BORDER,
            Status.ACROSS_BORDER.label,
            "⇄",
            gettext_lazy("Across border"),
            STATUS_EXPLANATIONS[Status.ACROSS_BORDER],
        ),
        StatusInfo(
            Status.UNDER_SUPPLIED,
            Status.UNDER_SUPPLIED.label,
            "▼",
            gettext_lazy("Under"),
            STATUS_EXPLANATIONS[Status.UNDER_SUPPLIED],
        ),
        StatusInfo(
            Status.RECRUITMENT_GAP,
            Status.RECRUITMENT_GAP.label,
            "!",
            gettext_lazy("Unfilled"),
            STATUS_EXPLANATIONS[Status.RECRUITMENT_GAP],
        ),
        StatusInfo(
            Status.BALANCED,
            Status.BALANCED.label,
            "✓",
            gettext_lazy("Balanced"),
            STATUS_EXPLANATIONS[Status.BALANCED],
        ),
        StatusInfo(
            Status.OVER_SUPPLIED,
            Status.OVER_SUPPLIED.label,
            "▲",
            gettext_lazy("Over"),
            STATUS_EXPLANATIONS[Status.OVER_SUPPLIED],
        ),
        StatusInfo(
            Status.NO_NEED,
            Status.NO_NEED.label,
            "○",
            gettext_lazy("No need"),
            STATUS_EXPLANATIONS[Status.NO_NEED],
        ),
    ]
}
"""Every status in the order of the analysis's rules, which is also the legend's order."""


def statuses_translated() -> dict[str, StatusInfo]:
    """STATUSES with their texts translated once for the page, not once per cell that shows them."""
    return {
        code: replace(
            info,
            name=str(info.name),
            short=str(info.short),
            explanation=str(info.explanation),
        )
        for code, info in STATUSES.items()
    }


# Rows as the templates show them -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dates:
    """The oldest and newest date of the inputs behind a figure, and how old the oldest is in words.

    The dates are also formatted here, as the page writes them (ISO for <time datetime>, DATE_FORMAT to read):
    RowMaker makes one Dates per distinct pair, which many rows share.
    """

    oldest: datetime.date | None
    newest: datetime.date | None
    age: str

    @property
    def is_range(self) -> bool:
        return bool(self.oldest and self.newest and self.oldest != self.newest)

    @cached_property
    def iso_oldest(self) -> str:
        return self.oldest.isoformat() if self.oldest else ""

    @cached_property
    def iso_newest(self) -> str:
        return self.newest.isoformat() if self.newest else ""

    @cached_property
    def shown_oldest(self) -> str:
        return date_format(self.oldest, "DATE_FORMAT") if self.oldest else ""

    @cached_property
    def shown_newest(self) -> str:
        return date_format(self.newest, "DATE_FORMAT") if self.newest else ""


@dataclass(frozen=True)
class CellRow:
    """One cell of the analysis with its status, its drill-down address and the dates of its inputs."""

    cell: Cell
    status: StatusInfo
    url: str
    needs_dates: Dates
    programmes_dates: Dates

    # The counts in words, made here rather than by {% blocktranslate count %} in every row of the list table
    # (the same msgids, literal so that makemessages finds them): the tag cost more than the rest of the row.
    @property
    def needs_words(self) -> str:
        count = self.cell.needs
        return ngettext("%(counter)s need", "%(counter)s needs", count) % {
            "counter": count
        }

    @property
    def sources_words(self) -> str:
        count = self.cell.sources
        return ngettext("%(counter)s source", "%(counter)s sources", count) % {
            "counter": count
        }

    @property
    def programmes_words(self) -> str:
        count = self.cell.programmes
        return ngettext("%(counter)s programme", "%(counter)s programmes", count) % {
            "counter": count
        }

    @property
    def unknown_places_words(self) -> str:
        count = self.cell.unknown_places
        return ngettext(
            "%(counter)s with unknown places", "%(counter)s with unknown places", count
        ) % {"counter": count}

    @property
    def dates(self) -> tuple[Dates, Dates]:
        """The dates of the needs, then of the programmes (two columns of the list table)."""
        return (self.needs_dates, self.programmes_dates)

    @property
    def ratio_percent(self) -> int | None:
        ratio = self.cell.ratio
        return None if ratio is None else round(ratio * 100)

    @property
    def has_examples(self) -> bool:
        return self.cell.has_examples

    @property
    def example_demand_percent(self) -> int:
        return round(self.cell.example_demand_share * 100)

    @property
    def example_places_percent(self) -> int:
        return round(self.cell.example_places_share * 100)


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


@dataclass(frozen=True)
class RegionGroup:
    """One region of the drill-down: its figures and exactly the needs and offerings behind them."""

    row: CellRow
    needs: list[CompetenceNeed]
    offerings: list[tuple[Offering, Region]]  # with the region of the offering's site

    @property
    def hidden_needs(self) -> int:
        """Confidential needs counted in the figure that the viewer cannot see."""
        return max(0, self.row.cell.needs - len(self.needs))

    @property
    def listed_people(self) -> int:
        return sum(need.headcount for need in self.needs)

    @property
    def listed_demand(self) -> float:
        return sum(need.weighted for need in self.needs)

    @property
    def listed_places(self) -> float:
        return sum(o.offered_places or 0 for o, _region in self.offerings)

    @property
    def listed_filled(self) -> float:
        return sum(o.filled_places or 0 for o, _region in self.offerings)


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


# The pages ---------------------------------------------------------------------------------------------------------


def dashboard(request: HttpRequest) -> HttpResponse:
    """The filters, the segment heat map with its list table, the largest unmet needs by occupation and skill, the
    needs met only across the border, and a link to the overlapping programmes (their search is the costliest part
    of the analysis, so it has its own page).

    Queries: the segment analysis (5), the occupation and skill analyses (4 each) and the needs met only across the
    border (1: read once, counted and cut in Python, as the search is the costly part): 14; with compare_examples the
    segment analysis runs once more with example data the other way round (5): 19. Bad filters: none, a 400.
    """
    form = DashboardForm(_with_defaults(request.GET))
    valid = form.is_valid()
    _describe_fields(form)
    context: dict[str, Any] = {
        "form": form,
        "query_string": request.GET.urlencode(),
        "statuses": list(STATUSES.values()),
        "min_sources": MIN_SOURCES,
    }
    if not valid:
        return render(request, "gaps/dashboard.html", context, status=400)
    query_string = context["query_string"]
    today = timezone.localdate()
    segment_query = form.gap_query(Dimension.SEGMENT)
    segments = analyse(segment_query, request.user)
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
    occupations = analyse(form.gap_query(Dimension.OCCUPATION), request.user)
    skills = analyse(form.gap_query(Dimension.SKILL), request.user)
    across = list(needs_met_only_across_border(form.gap_query(), request.user))
    across_count = len(across)
    maker = RowMaker(query_string, today)
    rows = [maker.row(cell) for cell in segments.cells]
    context.update(
        {
            "filters": _filter_summary(form),
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
            "across_needs": across[:ACROSS_BORDER_SHOWN],
            "inputs": _inputs(segments),
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


def detail(request: HttpRequest, dimension: str, key: str) -> HttpResponse:
    """One segment, occupation or skill by region: its figures and exactly the needs and offerings behind them.

    Queries: the segment, occupation or skill (1), its analysis (5 for a segment, 4 for an occupation or skill), the
    needs behind it (1), the offerings behind it (1) and every region, to place offerings in the regions that enclose
    their sites (1): 9 for a segment, 8 otherwise. An unknown dimension or key is a 404 page saying so (after at most
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
    form = GapForm(_with_defaults(request.GET))
    valid = form.is_valid()
    _describe_fields(form)
    query_string = request.GET.urlencode()
    context: dict[str, Any] = {
        "form": form,
        "query_string": query_string,
        "dimension": dimension,
        "dimension_label": Dimension(dimension).label,
        "key": obj,
        "key_code": key,
        "key_field": _name_field(obj),
        "key_page": reverse(_KEY_PAGES[dimension], args=[key])
        if _KEY_PAGES[dimension]
        else None,
        "statuses": list(STATUSES.values()),
        "min_sources": MIN_SOURCES,
    }
    if not valid:
        return render(request, "gaps/detail.html", context, status=400)
    today = timezone.localdate()
    query = form.gap_query(dimension, keys=(obj.pk,))
    analysis = analyse(query, request.user)
    needs = list(needs_behind(query, obj.pk, request.user))
    offerings = list(offerings_behind(query, obj.pk))
    regions = {region.pk: region for region in Region.objects.defer("boundary")}

    maker = RowMaker(query_string, today)
    groups_by_region = []
    placed: set[int] = set()
    for cell in analysis.cells:
        inside = [
            (o, regions[o.site.region_id])
            for o in offerings
            if cell.region.pk in _enclosing(o.site.region_id, regions)
        ]
        placed.update(o.pk for o, _region in inside)
        groups_by_region.append(
            RegionGroup(
                row=maker.row(cell),
                needs=[need for need in needs if need.region_id == cell.region.pk],
                offerings=inside,
            )
        )
    context.update(
        {
            "filters": _filter_summary(form),
            "today": today,
            "groups": groups_by_region,
            "elsewhere": [
                (o, regions[o.site.region_id]) for o in offerings if o.pk not in placed
            ],
            "inputs": _inputs(analysis),
            "examples_included": query.examples,
            "oldest_intake_year": query.oldest_intake_year,
            "mostly_examples": round(MOSTLY_EXAMPLES * 100),
        }
    )
    return render(request, "gaps/detail.html", context)


def overlaps(request: HttpRequest) -> HttpResponse:
    """Overlapping programmes: candidates for joint teaching, shared teachers and joint recruitment.

    Queries: the segment choices (1), the pairs (1), the page's programmes, offerings and skills (3) and the largest
    groups' programmes (1): 6, or 2 when no pair overlaps. Pages of 50 pairs. Bad filters: a 400 after 1.
    """
    form = OverlapForm(
        _with_defaults(request.GET), segments=OverlapForm.load_segments()
    )
    valid = form.is_valid()
    _describe_fields(form)
    context: dict[str, Any] = {
        "form": form,
        "query_string": request.GET.urlencode(),
        "min_similarity": round(MIN_SIMILARITY * 100),
        "min_shared": MIN_SHARED,
    }
    if not valid:
        return render(request, "gaps/overlaps.html", context, status=400)
    found = find_overlaps(form.query())
    page = paginate(found, request, per_page=OVERLAPS_PER_PAGE)
    context.update(
        {
            "filters": _filter_summary(form),
            "today": timezone.localdate(),
            "count": len(found),
            "page": page,
            "page_query": query_without_page(request),
            "overlaps": _overlap_rows(page.object_list),
            # The largest groups, read in one query whenever a pair overlaps; those of three or more are shown.
            "groups": [
                group for group in groups(found, limit=GROUPS_SHOWN) if len(group) >= 3
            ],
        }
    )
    return render(request, "gaps/overlaps.html", context)


def method(request: HttpRequest) -> HttpResponse:
    """How the gap analysis works, in plain words, with the numbers the analysis uses (no queries)."""
    low, high = BALANCED_RANGE
    context = {
        "weights": [
            (CompetenceNeed.Urgency(urgency).label, weight)
            for urgency, weight in URGENCY_WEIGHTS.items()
        ],
        "low": round(low * 100),
        "high": round(high * 100),
        "min_sources": MIN_SOURCES,
        "min_similarity": round(MIN_SIMILARITY * 100),
        "min_shared": MIN_SHARED,
        "statuses": list(STATUSES.values()),
        "intake_years": settings.INTAKE_MAX_AGE_YEARS,
        "oldest_intake_year": this_year() - settings.INTAKE_MAX_AGE_YEARS + 1,
        "this_year": this_year(),
        "mostly_examples": round(MOSTLY_EXAMPLES * 100),
        "example": {
            "headcount": 12,
            "urgency": CompetenceNeed.Urgency.HIGH.label,
            "weight": URGENCY_WEIGHTS[CompetenceNeed.Urgency.HIGH],
            "year": this_year(),
            "target": this_year() + 2,
            "years": 3,  # this year, next year and the target year
            "demand": 12 * URGENCY_WEIGHTS[CompetenceNeed.Urgency.HIGH] / 3,
        },
    }
    return render(request, "gaps/method.html", context)


# Helpers -----------------------------------------------------------------------------------------------------------


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


def _short(value: str) -> str:
    """An address part as a message repeats it: shortened, so that a page cannot be made to echo long text."""
    return Truncator(value).chars(40)


def _not_found(request: HttpRequest, message: str) -> HttpResponse:
    """A 404 page that says what was not found, in the page's language, and leads back to the dashboard."""
    return render(request, "gaps/detail.html", {"not_found": message}, status=404)


def _name_field(key: Model) -> str:
    """The translated field that names a segment ("name") or an occupation or skill ("label")."""
    return "name" if isinstance(key, Segment) else "label"


def key_code(key: Model) -> str:
    """The public identifier of a segment (its code), occupation or skill (its slug)."""
    return key.code if isinstance(key, Segment) else key.slug


def age_in_words(date: datetime.date, today: datetime.date) -> str:
    """ "3 months old", "2 years old": how long ago an input was stated or verified."""
    months = (today.year - date.year) * 12 + today.month - date.month
    if today.day < date.day:
        months -= 1
    if months < 1:
        return _("less than a month old")
    if months < 12:
        return ngettext("%(count)s month old", "%(count)s months old", months) % {
            "count": months
        }
    years = months // 12
    return ngettext("%(count)s year old", "%(count)s years old", years) % {
        "count": years
    }


def _dates(
    oldest: datetime.date | None, newest: datetime.date | None, today: datetime.date
) -> Dates:
    if not oldest:
        return Dates(oldest, newest, "")
    age = age_in_words(oldest, today)
    if newest and newest != oldest:
        age = _("the oldest %(age)s") % {"age": age}
    return Dates(oldest, newest, age)


class RowMaker:
    """Makes the CellRows of one page: each drill-down address pattern is reversed once per dimension, and each
    distinct pair of dates worded and formatted once (rows share a handful of dates)."""

    def __init__(self, query_string: str, today: datetime.date) -> None:
        self.query = f"?{query_string}" if query_string else ""
        self.today = today
        self.statuses = statuses_translated()
        self._patterns: dict[str, AddressPattern] = {}
        self._dates: dict[tuple[Any, Any], Dates] = {}

    def key_url(self, key: Model) -> str:
        """The drill-down of a segment, occupation or skill, with the page's filters."""
        dimension = next(d for d, model in KEY_MODELS.items() if isinstance(key, model))
        if dimension not in self._patterns:
            self._patterns[dimension] = AddressPattern("gaps:detail", dimension)
        return self._patterns[dimension](key_code(key)) + self.query

    def dates(
        self, oldest: datetime.date | None, newest: datetime.date | None
    ) -> Dates:
        if (oldest, newest) not in self._dates:
            self._dates[(oldest, newest)] = _dates(oldest, newest, self.today)
        return self._dates[(oldest, newest)]

    def row(self, cell: Cell) -> CellRow:
        return CellRow(
            cell=cell,
            status=self.statuses[cell.status],
            url=f"{self.key_url(cell.key)}#region-{cell.region.code}",
            needs_dates=self.dates(cell.needs_oldest, cell.needs_newest),
            programmes_dates=self.dates(cell.programmes_oldest, cell.programmes_newest),
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


def _inputs(analysis: GapAnalysis) -> dict[str, Any]:
    """The dates of every input behind the analysis, with how old the oldest ones are."""
    today = timezone.localdate()
    dates = analysis.inputs()
    return {
        "needs": _dates(dates["needs_oldest"], dates["needs_newest"], today),
        "programmes": _dates(
            dates["programmes_oldest"], dates["programmes_newest"], today
        ),
    }


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


def _enclosing(region_pk: int, regions: dict[int, Region]) -> list[int]:
    """The region and every region that encloses it (its NUTS parents)."""
    chain: list[int] = []
    current: int | None = region_pk
    while current is not None and current not in chain and current in regions:
        chain.append(current)
        current = regions[current].parent_id
    return chain


def _country_names(codes: set[str]) -> str:
    return ", ".join(
        str(Country(code).label) for code in Country.values if code in codes
    )


class AddressPattern:
    """The addresses of one URL name that differ only in a slug, reversed once for a whole list: reversing the name
    for every row of a table cost more than the rest of the row."""

    _SLUG = (
        "__slug__"  # a placeholder that <slug:…> accepts, replaced by each row's slug
    )

    def __init__(self, name: str, *args: str) -> None:
        self.pattern = reverse(name, args=[*args, self._SLUG])

    def __call__(self, slug: str) -> str:
        return self.pattern.replace(self._SLUG, slug)


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
        _country_names(countries),
    )


def _overlap_rows(overlaps: list[Overlap]) -> list[OverlapRow]:
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
        )
        for overlap in overlaps
    ]


def _filter_summary(form: GapForm) -> list[tuple[str, str]]:
    """The chosen filters in words, for the page and the printed report."""
    data = form.cleaned_data
    summary = []
    if "horizon" in form.fields:
        horizon = data.get("horizon")
        summary.append(
            (
                str(form.fields["horizon"].label),
                str(horizon) if horizon else _("Any year"),
            )
        )
    low, high = data.get("min_level") or 1, data.get("max_level") or 8
    summary.append((_("EQF levels"), f"{low}–{high}"))
    countries = set(data.get("country") or ()) or set(Country.values)
    summary.append((str(form.fields["country"].label), _country_names(countries)))
    if "status" in form.fields:
        statuses = data.get("status") or [CompetenceNeed.Status.STANDING]
        summary.append(
            (
                _("Needs counted"),
                ", ".join(
                    str(CompetenceNeed.Status(s).label)
                    for s in CompetenceNeed.Status.values
                    if s in statuses
                ),
            )
        )
    if "examples" in form.fields:
        summary.append(
            (
                str(form.fields["examples"].label),
                _("Included") if form.includes_examples else _("Left out"),
            )
        )
    if isinstance(form, OverlapForm):
        segment = form.segments.get(data.get("segment") or "")
        summary.append(
            (
                str(form.fields["segment"].label),
                shown(segment, "name").text
                if segment
                else _("Any part of the value chain"),
            )
        )
        if data.get("across_border"):
            summary.append((_("Pairs"), _("Across the border only")))
    return summary


def _with_defaults(params: QueryDict) -> QueryDict:
    """The filters with what an empty one means filled in (EQF 1–8, standing needs, example data included), so that
    the form shows it."""
    data = params.copy()
    for name, default in (
        ("min_level", "1"),
        ("max_level", "8"),
        ("examples", EXAMPLES_INCLUDE),
    ):
        if not data.get(name):
            data[name] = default
    if not [value for value in data.getlist("status") if value]:
        data.setlist("status", [CompetenceNeed.Status.STANDING])
    return data


def _describe_fields(form: forms.Form) -> None:
    """Tie each control to its help text and errors (aria-describedby), and mark the invalid ones (aria-invalid)."""
    if "country" in form.fields:
        form.fields["country"].help_text = _("None chosen means both.")
    errors = form.errors if form.is_bound else {}
    for name, field in form.fields.items():
        described = ([f"id_{name}-help"] if field.help_text else []) + [
            f"id_{name}-error"
        ]
        field.described_by = " ".join(
            described
        )  # the fieldset of a checkbox group carries it
        if isinstance(field.widget, forms.RadioSelect):  # checkboxes too: the fieldset
            continue
        field.widget.attrs["aria-describedby"] = field.described_by
        if name in errors:
            field.widget.attrs["aria-invalid"] = "true"
