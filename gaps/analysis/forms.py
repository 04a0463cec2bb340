"""The gap analysis filters (GapForm), with the dashboard's (DashboardForm) and the overlaps page's (OverlapForm)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from batteryregion.i18n import shown
from gaps.analysis.overlaps import OverlapQuery
from gaps.analysis.parameters import Dimension, GapQuery, this_year
from gaps.form_fields import CodeField
from skills.models import CompetenceNeed, Country, Segment

EXAMPLES_INCLUDE = "include"
EXAMPLES_EXCLUDE = "exclude"
EXAMPLE_CHOICES = [
    (EXAMPLES_INCLUDE, _("Include example data")),
    (EXAMPLES_EXCLUDE, _("Leave out example data")),
]


class GapForm(forms.Form):
    """The gap analysis filters, shared by the pages, the CSV export and /api/v1/gaps/ and /api/v1/overlaps/.

    Parameters: horizon (last target year counted; empty counts every year), min_level and max_level (EQF band,
    default 1–8), country (repeatable, FI or SE; none means both), status (repeatable need statuses; none means
    standing only), examples (include or exclude the needs and intakes marked as example data; default include,
    as long as the bundled needs are almost all examples). Validating costs no query.
    """

    horizon = forms.IntegerField(
        label=_("Needed by (horizon)"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Counts needs with a target year up to this one."),
    )
    min_level = forms.TypedChoiceField(
        label=_("From EQF level"),
        choices=[(level, level) for level in range(1, 9)],
        coerce=int,
        required=False,
        empty_value=1,
    )
    max_level = forms.TypedChoiceField(
        label=_("To EQF level"),
        choices=[(level, level) for level in range(1, 9)],
        coerce=int,
        required=False,
        empty_value=8,
    )
    country = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=Country.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen means both."),
    )
    status = forms.MultipleChoiceField(
        label=_("Needs that are"),
        choices=CompetenceNeed.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Standing needs only, unless you choose others."),
    )
    examples = forms.ChoiceField(
        label=_("Example data"),
        choices=EXAMPLE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Needs and intake figures written by the project to show how the map works, not real statements."
        ),
    )

    def __init__(self, *args: Any, reference_year: int | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.reference_year = reference_year or this_year()
        years = set(range(self.reference_year, self.reference_year + 11))
        chosen = self.data.get("horizon", "") if self.is_bound else ""
        if chosen.isdigit() and 2000 <= int(chosen) <= 2100:
            years.add(int(chosen))  # an address may ask for any year; the list shows it
        self.fields["horizon"].widget = forms.Select(
            choices=[("", _("Any year"))]
            + [(year, str(year)) for year in sorted(years)]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("min_level"), data.get("max_level")
        if low is not None and high is not None and low > high:
            self.add_error(
                "max_level",
                _("The highest level must not be below the lowest level."),
            )
        return data

    def gap_query(
        self, dimension: str = Dimension.SEGMENT, keys: tuple[int, ...] = ()
    ) -> GapQuery:
        """The valid form as an analysis query."""
        data = self.cleaned_data
        return GapQuery(
            dimension=dimension,
            horizon=data.get("horizon"),
            min_level=data.get("min_level") or 1,
            max_level=data.get("max_level") or 8,
            countries=tuple(sorted(data.get("country") or ())),
            statuses=tuple(data.get("status") or (CompetenceNeed.Status.STANDING,)),
            keys=keys,
            reference_year=self.reference_year,
            examples=self.includes_examples,
        )

    @property
    def includes_examples(self) -> bool:
        """Whether the valid form counts example data (the default)."""
        return self.cleaned_data.get("examples") != EXAMPLES_EXCLUDE

    def overlap_query(
        self, segment: int | None = None, across_border: bool = False
    ) -> OverlapQuery:
        data = self.cleaned_data
        return OverlapQuery(
            min_level=data.get("min_level") or 1,
            max_level=data.get("max_level") or 8,
            countries=tuple(sorted(data.get("country") or ())),
            segment=segment,
            across_border=across_border,
        )


class DashboardForm(GapForm):
    """The dashboard's filters: GapForm's, plus compare_examples (1, on or true) to show the segment analysis with
    and without example data side by side."""

    compare_examples = forms.BooleanField(
        label=_("Compare with and without example data"),
        required=False,
        help_text=_(
            "Shows the status of every part of the value chain in every region twice: with example data and without it."
        ),
    )


class OverlapForm(GapForm):
    """The overlaps page's filters: GapForm's level band and countries, plus a segment and "across the border only".

    Parameters: min_level, max_level and country as in GapForm, segment (a segment code) and across_border (1, on or
    true), the same the CSV export reads. Horizon, need statuses and example data (needs and intakes) say nothing
    about which programmes overlap, so they are not fields here. The segment choices are read once per request (`load_segments()`, 1 query); validating costs none.
    """

    segment = CodeField(
        label=_("Part of the value chain"),
        required=False,
        error_messages={
            "invalid_choice": _("“%(value)s” is not a part of the value chain.")
        },
    )
    across_border = forms.BooleanField(
        label=_("Across the border only"),
        required=False,
        help_text=_("Only pairs with one programme in Finland and one in Sweden."),
    )

    def __init__(self, *args: Any, segments: dict[str, Segment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["horizon"], self.fields["status"], self.fields["examples"]
        self.segments = segments
        self.fields["segment"].choices = [
            ("", _("Any part of the value chain")),
            *((code, shown(s, "name").text) for code, s in segments.items()),
        ]

    @staticmethod
    def load_segments() -> dict[str, Segment]:
        """The segments by code, in display order (1 query)."""
        return {s.code: s for s in Segment.objects.order_by("order", "code")}

    def query(self) -> OverlapQuery:
        """The valid form as an overlap query; call after is_valid()."""
        segment = self.segments.get(self.cleaned_data.get("segment") or "")
        return self.overlap_query(
            segment.pk if segment else None,
            bool(self.cleaned_data.get("across_border")),
        )
