"""CSV export of every gap-analysis view, in the page's language and with the page's filters.

Files open in spreadsheet programs, so text that a person entered is made safe against formula injection: a cell that
would start with ``=``, ``+``, ``-``, ``@``, a tab or a line break gets a leading apostrophe, which spreadsheets show as
text (OWASP's advice). Numbers the analysis computes are written as plain numbers, without thousands separators and
with a hyphen-minus, so that spreadsheets read them as numbers. The separator and the decimal mark follow the page
language or ``?format=`` (gaps.analysis.csv_format): semicolons and a decimal comma for Finnish and Swedish, commas
and a decimal point for English. The file is UTF-8 with a byte-order mark, so that Excel reads å, ä and ö right.

A file holds the figures of its downloader: only the needs they may see count (gaps/analysis/demand.py). A file whose
figures include confidential needs (a coordinator's) says so in its name, so that it is not published by mistake.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from batteryregion.i18n import shown
from gaps.analysis.across_border import needs_met_only_across_border
from gaps.analysis.compare import Cell, GapAnalysis, analyse
from gaps.analysis.csv_format import COMMA, CsvFormat, UnknownCsvFormat, csv_format_of
from gaps.analysis.demand import counts_every_need, needs_behind
from gaps.analysis.forms import GapForm, OverlapForm
from gaps.analysis.overlap_export import overlap_table, planned_overlap_table
from gaps.analysis.overlaps import split_overlaps
from gaps.analysis.parameters import KEY_MODELS, Dimension, key_code
from gaps.analysis.statuses import Status
from gaps.analysis.supply import offerings_behind
from skills.models import CompetenceNeed, Segment

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")

TABLES = (
    "segments",
    "occupations",
    "skills",
    "unmet",
    "overlaps",
    "planned-overlaps",
    "across-border",
)
TABLE_DIMENSIONS = {
    "segments": Dimension.SEGMENT,
    "occupations": Dimension.OCCUPATION,
    "skills": Dimension.SKILL,
}


def safe(value: Any, csv_format: CsvFormat = COMMA) -> Any:
    """A value as a CSV cell: text that a spreadsheet would read as a formula is prefixed with an apostrophe, a
    decimal number has two decimals and the format's decimal mark."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", csv_format.decimal_mark)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def csv_rows(
    header: Sequence[str], rows: Iterable[Sequence[Any]], csv_format: CsvFormat = COMMA
) -> Iterator[str]:
    """The lines of a CSV file: a byte-order mark, the header, then each row made safe."""
    writer = csv.writer(_Echo(), delimiter=csv_format.delimiter)
    yield "\ufeff" + writer.writerow([safe(title, csv_format) for title in header])
    for row in rows:
        yield writer.writerow([safe(value, csv_format) for value in row])


CONFIDENTIAL_SUFFIX = "-confidential"
"""Ends the name of a file whose figures or needs include confidential ones."""


def csv_response(
    csv_format: CsvFormat,
    name: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    confidential: bool = False,
) -> StreamingHttpResponse:
    """The file in the given convention, named for the table, the day and the page language, and marked
    ``-confidential`` when it includes needs only coordinators may see."""
    suffix = CONFIDENTIAL_SUFFIX if confidential else ""
    filename = f"{name}-{timezone.localdate().isoformat()}-{get_language()}{suffix}.csv"
    response = StreamingHttpResponse(
        csv_rows(header, rows, csv_format), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- tables ---------------------------------------------------------------------------------------------------------


def cell_header(dimension: str) -> list[str]:
    return [
        str(Dimension(dimension).label),
        _("Code"),
        _("Region"),
        _("NUTS code"),
        _("Country"),
        _("People needed"),
        _("Demand per year (weighted)"),
        _("Places per year"),
        _("Filled places per year"),
        _("Difference per year"),
        _("Places per needed person"),
        _("Status"),
        _("Needs"),
        _("Employers or other sources"),
        _("Example needs"),
        _("People needed by example needs"),
        _("Demand per year from example needs"),
        _("Programmes"),
        _("Programmes with unknown places"),
        _("Programmes with example intake figures"),
        _("Places per year from example intakes"),
        _("Rests mostly on example data"),
        _("Programmes in the country"),
        _("Programmes across the border"),
        _("Oldest need stated on"),
        _("Newest need stated on"),
        _("Oldest programme verified on"),
        _("Newest programme verified on"),
        _("Planned places per year"),
        _("Planned programmes"),
        _("Status after planned training"),
    ]


def cell_row(cell: Cell) -> list[Any]:
    return [
        _key_name(cell.key),
        key_code(cell.key),
        shown(cell.region, "name").text,
        cell.region.code,
        cell.region.get_country_display(),
        cell.people,
        cell.demand,
        cell.supply,
        cell.filled,
        cell.difference,
        cell.ratio,
        Status(cell.status).label,
        cell.needs,
        cell.sources,
        cell.examples,
        cell.example_people,
        cell.example_demand,
        cell.programmes,
        cell.unknown_places,
        cell.example_programmes,
        cell.example_places,
        cell.rests_on_examples,
        cell.programmes_in_country,
        cell.programmes_across_border,
        cell.needs_oldest,
        cell.needs_newest,
        cell.programmes_oldest,
        cell.programmes_newest,
        cell.planned_places,
        cell.planned_programmes,
        Status(cell.planned_status).label,
    ]


def unmet_table(
    analyses: Sequence[GapAnalysis],
) -> tuple[list[str], Iterator[list[Any]]]:
    """Every row whose demand is not met, from the occupation and skill views, largest unmet demand first."""
    cells = sorted(
        (cell for analysis in analyses for cell in analysis.largest_unmet(limit=None)),
        key=lambda cell: (-cell.unmet, -cell.demand, cell.region.code),
    )
    header = [
        _("Rank"),
        _("Occupation or skill"),
        _("Name"),
        _("Code"),
        _("Region"),
        _("NUTS code"),
        _("Unmet demand per year"),
        _("Demand per year (weighted)"),
        _("Places per year"),
        _("Filled places per year"),
        _("Status"),
    ]
    rows = (
        [
            rank,
            type(cell.key)._meta.verbose_name,
            _key_name(cell.key),
            key_code(cell.key),
            shown(cell.region, "name").text,
            cell.region.code,
            cell.unmet,
            cell.demand,
            cell.supply,
            cell.filled,
            Status(cell.status).label,
        ]
        for rank, cell in enumerate(cells, start=1)
    )
    return header, rows


def need_header() -> list[str]:
    return [
        _("Need"),
        _("Description"),
        _("Employer or source"),
        _("Occupation"),
        _("Region"),
        _("NUTS code"),
        _("People needed"),
        _("Needed by (year)"),
        _("EQF levels"),
        _("Urgency"),
        _("Status"),
        _("Stated on"),
        _("Example"),
    ]


def need_row(need: CompetenceNeed) -> list[Any]:
    return [
        need.slug,
        shown(need, "description").text,
        shown(need.employer, "name").text if need.employer else need.source_shown,
        shown(need.occupation, "label").text if need.occupation else "",
        shown(need.region, "name").text,
        need.region.code,
        need.headcount,
        need.target_year,
        _levels(need.min_level, need.max_level),
        need.get_urgency_display(),
        need.get_status_display(),
        need.stated_on,
        need.is_example,
    ]


def detail_table(
    form: GapForm,
    dimension: str,
    key: Any,
    user: AbstractBaseUser | AnonymousUser,
) -> tuple[list[str], Iterator[list[Any]]]:
    """The needs and the offerings behind the figures of one segment, occupation or skill."""
    query = form.gap_query(dimension, keys=(key.pk,))
    header = [
        _("Row"),
        _("Region"),
        _("NUTS code"),
        _("Name"),
        _("Employer, source or provider"),
        _("EQF levels"),
        _("People needed"),
        _("Needed by (year)"),
        _("Urgency"),
        _("Demand per year (weighted)"),
        _("Places per year"),
        _("Filled places per year"),
        _("Status"),
        _("Stated or verified on"),
        _("Example"),
        _("Places from the intake of"),
        _("Filled share from the intake of"),
        _("Intakes too old to count, the latest"),
    ]

    def rows() -> Iterator[list[Any]]:
        for need in needs_behind(query, key.pk, user):
            yield [
                _("Need"),
                shown(need.region, "name").text,
                need.region.code,
                shown(need, "description").text or need.slug,
                shown(need.employer, "name").text
                if need.employer
                else need.source_shown,
                _levels(need.min_level, need.max_level),
                need.headcount,
                need.target_year,
                need.get_urgency_display(),
                need.weighted,
                None,
                None,
                need.get_status_display(),
                need.stated_on,
                need.is_example,
                None,
                None,
                None,
            ]
        for offering in offerings_behind(query, key.pk).select_related("site__region"):
            programme = offering.programme
            level = programme.awarded_level.level if programme.awarded_level else None
            yield [
                _("Programme")
                if programme.is_running
                else programme.get_availability_display(),
                shown(offering.site.region, "name").text,
                offering.site.region.code,
                shown(programme, "name").text,
                shown(programme.provider, "name").text,
                _levels(level, level),
                None,
                None,
                None,
                None,
                offering.offered_places,
                offering.filled_places,
                None,
                programme.verified_on,
                offering.example_intake,
                offering.places_intake_year,
                offering.fill_intake_year,
                offering.old_intake_year,
            ]

    return header, rows()


# --- views ----------------------------------------------------------------------------------------------------------


def export_table(request: HttpRequest, table: str) -> HttpResponse:
    """One table of the dashboard or the overlaps page as CSV, with the filters of the page's address."""
    if table not in TABLES:
        raise Http404(_("There is no such table to export."))
    try:
        csv_format = csv_format_of(request)
    except UnknownCsvFormat as error:
        return _plain_bad_request([str(error)])
    form = GapForm(request.GET)
    if not form.is_valid():
        return _bad_request(form)
    confidential = counts_every_need(request.user)
    if table in TABLE_DIMENSIONS:
        dimension = TABLE_DIMENSIONS[table]
        analysis = analyse(form.gap_query(dimension), request.user)
        return csv_response(
            csv_format,
            f"gap-analysis-{table}",
            cell_header(dimension),
            (cell_row(cell) for cell in analysis.cells),
            confidential,
        )
    if table == "unmet":
        header, rows = unmet_table(
            [
                analyse(form.gap_query(Dimension.OCCUPATION), request.user),
                analyse(form.gap_query(Dimension.SKILL), request.user),
            ]
        )
        return csv_response(
            csv_format, "gap-analysis-unmet", header, rows, confidential
        )
    if table in ("overlaps", "planned-overlaps"):
        overlap_form = OverlapForm(request.GET, segments=OverlapForm.load_segments())
        if not overlap_form.is_valid():
            return _bad_request(overlap_form)
        split = split_overlaps(overlap_form.query())
        if table == "overlaps":  # today's: both programmes run today
            header, rows = overlap_table(split.today)
            return csv_response(csv_format, "overlapping-programmes", header, rows)
        header, rows = planned_overlap_table(split.planned)
        return csv_response(csv_format, "planned-overlapping-programmes", header, rows)
    needs = needs_met_only_across_border(form.gap_query(), request.user)
    return csv_response(
        csv_format,
        "needs-met-only-across-the-border",
        need_header(),
        (need_row(need) for need in needs),
        confidential,
    )


def export_detail(request: HttpRequest, dimension: str, key: str) -> HttpResponse:
    """The needs and programmes behind the figures of one segment, occupation or skill, as CSV."""
    if dimension not in Dimension.values:
        raise Http404(_("There is no such view of the gap analysis."))
    model = KEY_MODELS[dimension]
    lookup = "code" if dimension == Dimension.SEGMENT else "slug"
    obj = model.objects.filter(**{lookup: key}).first()
    if obj is None:
        raise Http404(_("There is nothing with this code in the gap analysis."))
    try:
        csv_format = csv_format_of(request)
    except UnknownCsvFormat as error:
        return _plain_bad_request([str(error)])
    form = GapForm(request.GET)
    if not form.is_valid():
        return _bad_request(form)
    header, rows = detail_table(form, dimension, obj, request.user)
    return csv_response(
        csv_format,
        f"gap-analysis-{dimension}-{key}",
        header,
        rows,
        counts_every_need(request.user),
    )


def _bad_request(form: GapForm) -> HttpResponse:
    return _plain_bad_request(
        [
            f"{form.fields[name].label if name in form.fields else name}: {message}"
            for name, messages in form.errors.items()
            for message in messages
        ]
    )


def _plain_bad_request(lines: list[str]) -> HttpResponse:
    return HttpResponse(
        "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )


# --- helpers --------------------------------------------------------------------------------------------------------


def _key_name(key: Any) -> str:
    field = "name" if isinstance(key, Segment) else "label"
    return shown(key, field).text


def _levels(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return ""
    if low == high:
        return str(low)
    return f"{low or 1}–{high or 8}"
