"""The rows of the gap analysis as the pages show them: each cell with its status, the address of its drill-down and
the dates of its inputs in words (``CellRow``, made by ``RowMaker``), and addresses reversed once per list.

The dashboard, the drill-down and the side-by-side comparison all show cells the same way; a page makes its rows
with one RowMaker, which reverses each address pattern and words each pair of dates once, as doing it per row cost
more than the rest of the row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from batteryregion.numbers import format_number
from gaps.analysis.compare import Cell, GapAnalysis
from gaps.analysis.input_dates import Dates, dates_with_age
from gaps.analysis.parameters import KEY_MODELS, key_code
from gaps.analysis.statuses import StatusInfo, statuses_translated


@dataclass(frozen=True)
class CellRow:
    """One cell of the analysis with its status, its drill-down address and the dates of its inputs."""

    cell: Cell
    status: StatusInfo
    planned_status: StatusInfo  # the status once the planned programmes run
    url: str
    needs_dates: Dates
    programmes_dates: Dates

    # The counts in words, made here rather than by {% blocktranslate count %} in every row of the list table
    # (the same msgids, literal so that makemessages finds them): the tag cost more than the rest of the row.
    @property
    def needs_words(self) -> str:
        count = self.cell.needs
        return ngettext("%(counter)s need", "%(counter)s needs", count) % {
            "counter": format_number(count)
        }

    @property
    def sources_words(self) -> str:
        count = self.cell.sources
        return ngettext("%(counter)s source", "%(counter)s sources", count) % {
            "counter": format_number(count)
        }

    @property
    def programmes_words(self) -> str:
        count = self.cell.programmes
        return ngettext("%(counter)s programme", "%(counter)s programmes", count) % {
            "counter": format_number(count)
        }

    @property
    def unknown_places_words(self) -> str:
        count = self.cell.unknown_places
        return ngettext(
            "%(counter)s with unknown places", "%(counter)s with unknown places", count
        ) % {"counter": format_number(count)}

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
            self._dates[(oldest, newest)] = dates_with_age(oldest, newest, self.today)
        return self._dates[(oldest, newest)]

    def row(self, cell: Cell) -> CellRow:
        return CellRow(
            cell=cell,
            status=self.statuses[cell.status],
            planned_status=self.statuses[cell.planned_status],
            url=f"{self.key_url(cell.key)}#region-{cell.region.code}",
            needs_dates=self.dates(cell.needs_oldest, cell.needs_newest),
            programmes_dates=self.dates(cell.programmes_oldest, cell.programmes_newest),
        )


def input_dates_of(analysis: GapAnalysis) -> dict[str, Any]:
    """The dates of every input behind the analysis, with how old the oldest ones are."""
    today = timezone.localdate()
    dates = analysis.inputs()
    return {
        "needs": dates_with_age(dates["needs_oldest"], dates["needs_newest"], today),
        "programmes": dates_with_age(
            dates["programmes_oldest"], dates["programmes_newest"], today
        ),
    }
