"""The follow-up page (/<lang>/cooperation/follow-up/), its CSV files and its form.

A plain GET form: the range (``from``, ``to``; ISO dates as the date pickers send them, or the language's own
"5.12.2026"), a segment (its code) and a country pair (the board's ``fi``, ``se``, ``fi-se``). Empty dates mean the
first day of this year and today. An invalid date, or ``to`` before ``from``, is a 400 with the error beside the field
and in a summary that names it; the CSV files answer it with a plain-text 400 naming the field.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from batteryregion.i18n import shown
from gaps.analysis.csv_format import (
    UnknownCsvFormat,
    csv_format_of,
    download_options,
    query_without_format,
)
from gaps.analysis.demand import counts_every_need
from gaps.analysis.export import csv_response
from gaps.analysis.page_filters import describe_fields
from gaps.cooperation.filters import COUNTRY_PAIRS
from gaps.cooperation.followup import FollowUpQuery, follow_up_report, report_tables
from gaps.form_fields import CodeField
from skills.models import Segment

# The CSV files, one per table, as gaps/analysis/export.py makes them.
TABLES = ("actions", "figures", "segments", "gaps", "links", "planned")


class DateInput(forms.DateInput):
    """A date picker that sends ISO dates."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class FollowUpForm(forms.Form):
    """The follow-up's filters. Validating costs no query: the segments are given, read once by the page."""

    segment = CodeField(
        label=gettext_lazy("Value-chain segment"),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "“%(value)s” is not a part of the value chain."
            )
        },
    )
    countries = forms.ChoiceField(
        label=gettext_lazy("Countries of the organisations"),
        required=False,
        choices=[("", gettext_lazy("Any")), *COUNTRY_PAIRS],
    )

    def __init__(
        self, data: Any, *, segments: dict[str, Segment], today: datetime.date
    ) -> None:
        data = data.copy()
        for name, default in (
            ("from", datetime.date(today.year, 1, 1)),
            ("to", today),
        ):
            if not data.get(name):
                data[name] = default.isoformat()
        super().__init__(data)
        # "from" is a Python keyword, so these two are added here rather than declared.
        self.fields = {
            "from": forms.DateField(
                label=_("From"),
                widget=DateInput(),
                help_text=_("The first day of the period."),
            ),
            "to": forms.DateField(
                label=_("To"),
                widget=DateInput(),
                help_text=_("The last day of the period."),
            ),
            **self.fields,
        }
        self.segments = segments
        self.fields["segment"].choices = [
            ("", _("All segments")),
            *((code, shown(s, "name").text) for code, s in segments.items()),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and end < start:
            self.add_error(
                "to",
                _(
                    "The end of the period (%(to)s) must not be before its start (%(from)s)."
                )
                % {"to": end.isoformat(), "from": start.isoformat()},
            )
        return data

    def query(self) -> FollowUpQuery:
        """The valid form as a follow-up query."""
        data = self.cleaned_data
        return FollowUpQuery(
            start=data["from"],
            end=data["to"],
            segment=self.segments.get(data.get("segment") or ""),
            countries=data.get("countries") or "",
        )


def _form(request: HttpRequest) -> FollowUpForm:
    segments = {s.code: s for s in Segment.objects.order_by("order", "code")}
    return FollowUpForm(request.GET, segments=segments, today=timezone.localdate())


def follow_up(request: HttpRequest) -> HttpResponse:
    """The follow-up tables for the chosen period, segment and countries, in the viewer's visibility.

    Queries for an anonymous visitor: the segments (1) and the report (13, gaps.cooperation.followup
    ``follow_up_report``): 14; a chosen segment adds its occupations (1). Invalid filters: a 400 after 1.
    """
    form = _form(request)
    valid = form.is_valid()
    describe_fields(form)
    context: dict[str, Any] = {
        "form": form,
        "query_string": query_without_format(request.GET),
        "csv_options": download_options(),
        "counts_every_need": counts_every_need(request.user),
        "sees": (
            "all"
            if counts_every_need(request.user)
            else "partners"
            if request.user.is_authenticated
            else "public"
        ),
        "today": timezone.localdate(),
    }
    if not valid:
        return render(request, "cooperation/follow_up.html", context, status=400)
    query = form.query()
    context["report"] = follow_up_report(
        request.user, query, list(form.segments.values())
    )
    context["segment"] = query.segment
    context["countries"] = dict(form.fields["countries"].choices).get(query.countries)
    return render(request, "cooperation/follow_up.html", context)


def follow_up_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One table of the follow-up as CSV, with the page's filters, in the page language's convention (or
    ``?format=``); a coordinator's file, which counts actions and needs only coordinators see, ends in
    ``-confidential``."""
    if table not in TABLES:
        raise Http404(_("There is no such table to export."))
    try:
        csv_format = csv_format_of(request)
    except UnknownCsvFormat as error:
        return _plain_bad_request([str(error)])
    form = _form(request)
    if not form.is_valid():
        return _plain_bad_request(
            [
                f"{form.fields[name].label if name in form.fields else name}: {message}"
                for name, messages in form.errors.items()
                for message in messages
            ]
        )
    query = form.query()
    report = follow_up_report(request.user, query, list(form.segments.values()))
    header, rows = report_tables(report)[table]
    return csv_response(
        csv_format,
        f"follow-up-{table}-{query.start.isoformat()}-{query.end.isoformat()}",
        header,
        rows,
        counts_every_need(request.user),
    )


def _plain_bad_request(lines: list[str]) -> HttpResponse:
    return HttpResponse(
        "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )
