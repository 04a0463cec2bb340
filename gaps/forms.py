"""The pathway page's form: where a person starts and what suits them, parsed into a `PathwayQuery`.

The choices are read once per request (`PathwayChoices.load()`, 5 queries) and the form validates codes against
them, so a value costs no further query and an unknown value is an error naming its field, never a 500.
Parameters (all codes, so that an address can be shared): start, occupation, segment, country (repeatable),
region (repeatable), language (repeatable), months.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField, BoundWidget
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from batteryregion.i18n import by_translated_name, shown
from gaps.overlaps import OverlapQuery
from gaps.parameters import Dimension, GapQuery, this_year
from gaps.pathways import PathwayQuery
from skills.models import (
    CompetenceNeed,
    Country,
    Language,
    Occupation,
    QualificationType,
    Region,
    Segment,
)

MONTH_CHOICES = [6, 12, 24, 36, 48, 60, 72]
"""The longest study times a person can choose, in months; no choice means no limit."""


def sort_text(text: str) -> str:
    """A sort key close to Finnish and Swedish alphabetical order: accents ignored, å ä ö after z."""
    text = text.casefold().replace("å", "{1").replace("ä", "{2").replace("ö", "{3")
    text = unicodedata.normalize("NFKD", text)
    return "".join(char for char in text if not unicodedata.combining(char))


@dataclass(frozen=True)
class PathwayChoices:
    """Everything the form offers, by code, in the order it is shown."""

    starting_points: dict[str, QualificationType]
    occupations: dict[str, Occupation]
    segments: dict[str, Segment]
    regions: dict[str, Region]
    languages: dict[str, Language]

    @classmethod
    def load(cls) -> PathwayChoices:
        """Starting points, occupations, segments, NUTS 3 regions and languages (5 queries, per request so that
        names follow the active language). Each reads only the columns the form and the search use (.only(): a
        translated name brings its languages), not the descriptions, outlines and record timestamps."""
        starting_points = (
            QualificationType.objects.filter(is_starting_point=True)
            .only("code", "name", "country")
            .order_by("order", "code")
        )
        occupations = by_translated_name(
            Occupation.objects.only("slug", "label"), field="label"
        )
        regions = sorted(
            Region.objects.filter(level=3).only("code", "name", "country"),
            key=lambda r: (r.country, sort_text(shown(r, "name").text), r.code),
        )
        segments = Segment.objects.only("code", "name").order_by("order", "code")
        languages = Language.objects.only("code", "name").order_by("code")
        return cls(
            starting_points={q.code: q for q in starting_points},
            occupations={o.slug: o for o in occupations},
            segments={s.code: s for s in segments},
            regions={r.code: r for r in regions},
            languages={lang.code: lang for lang in languages},
        )


def _short(value: object) -> str:
    """A value as an error message repeats it: a long one shortened, so that a page cannot be made to echo pages."""
    return Truncator(str(value)).chars(40)


class CodeField(forms.ChoiceField):
    """One code from the choices; an unknown one is named (shortened) in the error."""

    def validate(self, value: Any) -> None:
        try:
            super().validate(value)
        except ValidationError as error:
            if error.code != "invalid_choice":
                raise
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": _short(value)},
            ) from error


class CodesField(forms.MultipleChoiceField):
    """Codes from the choices, each parameter repeated (?country=FI&country=SE); an empty value is no choice."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value: Any) -> list[str]:
        return [item for item in super().to_python(value) if item]

    def validate(self, value: Any) -> None:
        for item in value:
            if not self.valid_value(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": _short(item)},
                )


def _country_label(code: str) -> str:
    return str(Country(code).label) if code in Country.values else str(_("Other"))


def months_label(months: int) -> str:
    """ "6 months", "1 year", "2 years": the study-time choices in plain words."""
    if months % 12 == 0:
        return ngettext("%(count)s year", "%(count)s years", months // 12) % {
            "count": months // 12
        }
    return ngettext("%(count)s month", "%(count)s months", months) % {"count": months}


class PathwayForm(forms.Form):
    """Where the person starts (required) and, optionally, a goal and the preferences that suit them."""

    start = CodeField(
        label=_("Your highest education"),
        help_text=_(
            "The qualification you already have. Without one, choose “No formal qualification, but work experience” under Other."
        ),
        error_messages={
            "required": _("Choose your highest education."),
            "invalid_choice": _(
                "“%(value)s” is not a starting point of the pathway search."
            ),
        },
    )
    occupation = CodeField(
        label=_("Occupation"),
        required=False,
        error_messages={
            "invalid_choice": _("“%(value)s” is not an occupation on the map.")
        },
    )
    segment = CodeField(
        label=_("Part of the value chain"),
        required=False,
        error_messages={
            "invalid_choice": _("“%(value)s” is not a part of the value chain.")
        },
    )
    country = CodesField(
        label=_("Countries where you would study"),
        help_text=_("None chosen means both."),
        required=False,
        error_messages={
            "invalid_choice": _("“%(value)s” is not a country of the map.")
        },
    )
    region = CodesField(
        label=_("Regions where you would study"),
        help_text=_("None chosen means anywhere."),
        required=False,
        error_messages={"invalid_choice": _("“%(value)s” is not a region of the map.")},
    )
    language = CodesField(
        label=_("Languages you can study in"),
        help_text=_("None chosen means any language."),
        required=False,
        error_messages={
            "invalid_choice": _(
                "“%(value)s” is not a language of instruction on the map."
            )
        },
    )
    months = CodeField(
        label=_("Longest time you can study"),
        required=False,
        error_messages={
            "invalid_choice": _("“%(value)s” is not one of the study times offered.")
        },
    )

    def __init__(
        self, data: Any = None, *, choices: PathwayChoices, **kwargs: Any
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        self.choices = choices
        fields = self.fields
        groups: dict[str, list[tuple[str, str]]] = {}
        for code, qualification in choices.starting_points.items():
            label = _country_label(qualification.country)
            groups.setdefault(label, []).append(
                (code, shown(qualification, "name").text)
            )
        fields["start"].choices = [
            ("", _("Choose your education")),
            *groups.items(),
        ]
        fields["occupation"].choices = [
            ("", _("Any occupation")),
            *(
                (slug, shown(o, "label").text)
                for slug, o in choices.occupations.items()
            ),
        ]
        fields["segment"].choices = [
            ("", _("Any part of the value chain")),
            *((code, shown(s, "name").text) for code, s in choices.segments.items()),
        ]
        fields["country"].choices = Country.choices
        fields["region"].choices = [
            (code, shown(region, "name").text)
            for code, region in choices.regions.items()
        ]
        fields["language"].choices = [
            (code, shown(language, "name").text)
            for code, language in choices.languages.items()
        ]
        fields["months"].choices = [
            ("", _("No limit")),
            *((str(m), months_label(m)) for m in MONTH_CHOICES),
        ]
        for name, field in fields.items():
            described = []
            if field.help_text:
                described.append(f"id_{name}-help")
            described.append(f"id_{name}-error")
            if not isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["aria-describedby"] = " ".join(described)
            field.described_by = " ".join(described)

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

    def query(self) -> PathwayQuery:
        """The search the valid form asks for; call after is_valid()."""
        data = self.cleaned_data
        choices = self.choices
        return PathwayQuery(
            starting_point=choices.starting_points[data["start"]],
            occupation=choices.occupations.get(data["occupation"]),
            segment=choices.segments.get(data["segment"]),
            countries=frozenset(data["country"]),
            regions=tuple(choices.regions[code] for code in data["region"]),
            languages=frozenset(data["language"]),
            max_months=int(data["months"]) if data["months"] else None,
        )

    def region_groups(self) -> list[tuple[str, list[BoundWidget]]]:
        """The region checkboxes under their country, for a fieldset per country."""
        countries = {code: r.country for code, r in self.choices.regions.items()}
        groups: dict[str, list[BoundWidget]] = {}
        for checkbox in self["region"]:
            country = countries.get(str(checkbox.data["value"]), "")
            groups.setdefault(_country_label(country), []).append(checkbox)
        return list(groups.items())

    def error_fields(self) -> list[BoundField]:
        """The fields with errors, in form order, for the error summary."""
        return [self[name] for name in self.fields if self[name].errors]


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
            choices=[("", _("Any year"))] + [(year, year) for year in sorted(years)]
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
