"""The gap filters as the pages show them: what an empty filter means filled in, each control tied to its help text
and errors for assistive technology, and the chosen filters in words for the page and the printed report.

The dashboard, the drill-down and the overlapping programmes share one filter form (gaps/analysis/forms.py); these helpers
prepare it for a page, which the form itself does not do, as the CSV export and the API use it without a page.
"""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _

from batteryregion.i18n import shown
from gaps.analysis.forms import EXAMPLES_INCLUDE, GapForm, OverlapForm
from skills.models import CompetenceNeed, Country


def with_defaults(params: QueryDict) -> QueryDict:
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


def describe_fields(form: forms.Form) -> None:
    """Tie each control to its help text and errors (aria-describedby), and mark the invalid ones (aria-invalid)."""
    errors = form.errors if form.is_bound else {}
    for name, field in form.fields.items():
        described = ([f"id_{name}_helptext"] if field.help_text else []) + [
            f"id_{name}_error"
        ]
        field.described_by = " ".join(
            described
        )  # the fieldset of a checkbox group carries it
        if isinstance(field.widget, forms.RadioSelect):  # checkboxes too: the fieldset
            continue
        field.widget.attrs["aria-describedby"] = field.described_by
        if name in errors:
            field.widget.attrs["aria-invalid"] = "true"


def filter_summary(form: GapForm) -> list[tuple[str, str]]:
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
    summary.append((str(form.fields["country"].label), country_names(countries)))
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


def country_names(codes: set[str]) -> str:
    """The countries' names in the order of Country, joined with commas ("Finland, Sweden")."""
    return ", ".join(
        str(Country(code).label) for code in Country.values if code in codes
    )
