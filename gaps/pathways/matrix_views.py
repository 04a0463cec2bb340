"""The pathway matrix page (/pathways/matrix/): the pathway search without a starting point, for counsellors.

Choose a part of the value chain or an occupation; the page shows, for every starting point of both countries, how
many routes lead to each occupation of that goal (gaps/pathways/matrix.py), each cell linking to the pathway search
for that starting point and occupation.

Queries, whatever the amount of data: the form's choices (5, gaps.pathways.forms.PathwayChoices), then with a goal
the pathway search's network (gaps.pathways.network.cached_network), read once for all the starting points. An
unknown code is a 400 naming the field; no goal yet is the form with a hint (200).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from batteryregion.i18n import shown
from gaps.form_fields import CodeField
from gaps.pathways.forms import PathwayChoices, occupation_label
from gaps.pathways.matrix import MatrixCell, MatrixColumn, PathwayMatrix, pathway_matrix
from gaps.pathways.network import cached_network
from gaps.pathways.routes import ROUTES_PER_OCCUPATION_AND_COUNTRY
from skills.models import Country, Occupation, QualificationType, Segment


class MatrixForm(forms.Form):
    """The goal of the matrix: a part of the value chain or an occupation, one of them."""

    segment = CodeField(
        label=gettext_lazy("Part of the value chain"),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "“%(value)s” is not a part of the value chain."
            )
        },
    )
    occupation = CodeField(
        label=gettext_lazy("Occupation"),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "“%(value)s” is not an occupation on the map."
            )
        },
    )

    def __init__(
        self, data: Any = None, *, choices: PathwayChoices, **kwargs: Any
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        self.choices = choices
        self.fields["segment"].choices = [
            ("", _("Choose a part of the value chain")),
            *((code, shown(s, "name").text) for code, s in choices.segments.items()),
        ]
        self.fields["occupation"].choices = [
            ("", _("Or choose one occupation")),
            *((slug, occupation_label(o)) for slug, o in choices.occupations.items()),
        ]
        for name, field in self.fields.items():
            field.widget.attrs["aria-describedby"] = f"id_{name}_error"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("occupation") and data.get("segment"):
            self.add_error(
                "segment",
                _("Choose an occupation or a part of the value chain, not both."),
            )
        return data

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"

    def goal(self) -> dict[str, Any]:
        """The chosen segment and occupation (either may be None); call after is_valid()."""
        data = self.cleaned_data
        return {
            "segment": self.choices.segments.get(data["segment"]),
            "occupation": self.choices.occupations.get(data["occupation"]),
        }

    def error_fields(self) -> list[BoundField]:
        """The fields with errors, in form order, for the error summary."""
        return [self[name] for name in self.fields if self[name].errors]


@dataclass(frozen=True)
class ColumnView:
    column: MatrixColumn
    url: str  # the occupation's page


@dataclass(frozen=True)
class CellView:
    cell: MatrixCell
    url: str  # the pathway search for the cell's starting point and occupation
    routes: str  # "3 routes", "at least 3 routes", "No route", "Not counted"
    countries: str  # "FI 2 · SE 1", or ""
    # the same for screen readers: "2 ending in Finland, 1 in Sweden"
    countries_words: str
    months: str  # "from 18 months", "duration not known", or "" without routes


@dataclass(frozen=True)
class RowGroup:
    country: str
    rows: list[tuple[QualificationType, list[CellView]]]


def pathway_matrix_page(request: HttpRequest) -> HttpResponse:
    """The form, and with a goal the matrix; an unknown code is a 400, no goal the form with a hint."""
    choices = PathwayChoices.load()
    asked = any(name in request.GET for name in MatrixForm.base_fields)
    form = MatrixForm(request.GET if asked else None, choices=choices)
    context: dict[str, Any] = {
        "form": form,
        "per_country": ROUTES_PER_OCCUPATION_AND_COUNTRY,
    }
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound and any(form.goal().values()):
        goal = form.goal()
        matrix = pathway_matrix(
            cached_network(), choices.starting_points.values(), **goal
        )
        context.update(_matrix_context(matrix, goal["occupation"] or goal["segment"]))
    return render(request, "gaps/pathway_matrix.html", context, status=status)


def _matrix_context(
    matrix: PathwayMatrix, goal: Occupation | Segment
) -> dict[str, Any]:
    """The table as the template shows it: column headers with their links, and the rows by country."""
    columns = [
        ColumnView(
            column,
            reverse("programmes:occupation_detail", args=[column.occupation.slug]),
        )
        for column in matrix.columns
    ]
    search_url = reverse("gaps:pathways")
    groups: dict[str, list[tuple[QualificationType, list[CellView]]]] = {}
    for row in matrix.rows:
        start = row.starting_point
        cells = [_cell_view(cell, search_url) for cell in row.cells]
        groups.setdefault(_country_label(start.country), []).append((start, cells))
    return {
        "matrix": matrix,
        "goal_name": shown(goal, "label" if isinstance(goal, Occupation) else "name"),
        "columns": columns,
        "row_groups": [RowGroup(country, rows) for country, rows in groups.items()],
        "untrained": [c for c in matrix.columns if c.untrained],
    }


def _cell_view(cell: MatrixCell, search_url: str) -> CellView:
    """A cell's texts in words, and the pathway search for its starting point and occupation."""
    query = urlencode(
        {"start": cell.starting_point.code, "occupation": cell.occupation.slug}
    )
    if cell.routes:
        count = (
            ngettext("%(count)s route", "%(count)s routes", cell.routes)
            if cell.complete
            else ngettext(
                "at least %(count)s route", "at least %(count)s routes", cell.routes
            )
        ) % {"count": cell.routes}
        numbers = {"finland": cell.finland, "sweden": cell.sweden}
        countries = _("FI %(finland)s · SE %(sweden)s") % numbers
        words = _("%(finland)s ending in Finland, %(sweden)s in Sweden") % numbers
    else:
        count = _("No route") if cell.complete else _("Not counted")
        countries = words = ""
    if cell.shortest_months is not None:
        months = ngettext(
            "from %(months)s month", "from %(months)s months", cell.shortest_months
        ) % {"months": cell.shortest_months}
    elif cell.routes:
        # every route has a step without a recorded duration
        months = _("duration not known")
    else:
        months = ""
    return CellView(cell, f"{search_url}?{query}", count, countries, words, months)


def _country_label(code: str) -> str:
    """The name of a starting point's country; starting points of no country (work experience) are "Other"."""
    return str(Country(code).label) if code in Country.values else _("Other")
