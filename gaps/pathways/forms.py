"""The pathway page's form: where a person starts and what suits them, parsed into a `PathwayQuery`.

The choices are read once per request (`PathwayChoices.load()`, 5 queries) and the form validates codes against
them, so a value costs no further query and an unknown value is an error naming its field, never a 500.
Parameters (all codes, so that an address can be shared): start, occupation, segment, country (repeatable),
region (repeatable), language (repeatable), months; about the person: field, home, age, situation (repeatable),
mobility.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.forms.boundfield import BoundField, BoundWidget
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from batteryregion.i18n import by_translated_name, shown
from gaps.form_fields import CodeField, CodesField
from gaps.pathways.homes import HomeChoices, load_homes
from gaps.pathways.routes import HIGHEST_LEVEL_BY_ISCO_MAJOR_GROUP
from gaps.pathways.search import AGE_GROUPS, NEAR_HOME_KM, PathwayQuery
from programmes.models import Programme
from skills.models import (
    Country,
    EducationField,
    Language,
    Occupation,
    OccupationSkill,
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
    fields: dict[str, EducationField]
    homes: HomeChoices

    @classmethod
    def load(cls) -> PathwayChoices:
        """Starting points, occupations, segments, NUTS 3 regions, languages, fields of education and homes (7
        queries, per request so that names follow the active language). Each reads only the columns the form and
        the search use (.only(): a translated name brings its languages), not the descriptions, outlines and
        record timestamps."""
        starting_points = (
            QualificationType.objects.filter(is_starting_point=True)
            .select_related("level")
            .only("code", "name", "country", "level__level")
            .order_by("order", "code")
        )
        occupations = by_translated_name(
            Occupation.objects.only("slug", "label")
            .annotate(highest_level=_highest_level())
            .annotate(**_training()),
            field="label",
        )
        threshold = settings.PATHWAY_COVERAGE_THRESHOLD
        for occupation in occupations:
            essential, taught = occupation.essential_count, occupation.taught_count
            occupation.has_training = occupation.linked_programme or bool(
                essential and (taught or 0) / essential >= threshold
            )
        regions = sorted(
            Region.objects.filter(level=3).only("code", "name", "country"),
            key=lambda r: (r.country, sort_text(shown(r, "name").text), r.code),
        )
        segments = Segment.objects.only("code", "name").order_by("order", "code")
        languages = Language.objects.only("code", "name").order_by("code")
        fields = EducationField.objects.only("code", "name").order_by("code")
        regions_by_code = {r.code: r for r in regions}
        return cls(
            starting_points={q.code: q for q in starting_points},
            occupations={o.slug: o for o in occupations},
            segments={s.code: s for s in segments},
            regions=regions_by_code,
            languages={lang.code: lang for lang in languages},
            fields={f.code: f for f in fields},
            homes=load_homes(regions_by_code),
        )


_ANY_LEVEL = 99  # above every EQF level: no limit


def _highest_level() -> Case:
    """gaps.pathways.routes.highest_level_for in SQL (_ANY_LEVEL where it gives None)."""
    return Case(
        *(
            When(isco_code__startswith=group, then=Value(level))
            for group, level in HIGHEST_LEVEL_BY_ISCO_MAJOR_GROUP.items()
        ),
        default=Value(_ANY_LEVEL),
    )


def _training() -> dict[str, Exists | Subquery]:
    """What tells whether a programme in the map leads to the occupation, as annotations of the occupations' query
    (no query of their own), read as gaps.pathways.network.untrained_occupations reads the network: whether a
    published programme that may be on a route to it (awarding no level, or one not above its highest_level
    annotation) is linked to it, how many essential skills it has, and how many of them such programmes teach."""

    def may_lead(highest: OuterRef) -> QuerySet[Programme]:
        return Programme.objects.published().filter(
            Q(awarded_level__isnull=True) | Q(awarded_level__level__lte=highest)
        )

    essential = OccupationSkill.objects.filter(
        occupation=OuterRef("pk"), relation=OccupationSkill.Relation.ESSENTIAL
    )
    taught = essential.filter(
        # one query down: the occupation's annotation is the outer query's outer reference
        skill__programmes__in=may_lead(OuterRef(OuterRef("highest_level")))
    )
    return {
        "linked_programme": Exists(
            may_lead(OuterRef("highest_level")).filter(occupations=OuterRef("pk"))
        ),
        "essential_count": _count(essential, "skill"),
        "taught_count": _count(taught, "skill"),
    }


def _count(rows: QuerySet, column: str) -> Subquery:
    """How many distinct `column` values the rows of the occupation have, as a subquery (None for none)."""
    return Subquery(
        rows.order_by()
        .values("occupation")
        .annotate(count=Count(column, distinct=True))
        .values("count")
    )


def occupation_label(occupation: Occupation) -> str:
    """The occupation's name, marked when no programme in the map leads to it."""
    label = shown(occupation, "label").text
    if getattr(occupation, "has_training", True):
        return label
    return _("%(occupation)s (no training in the map yet)") % {"occupation": label}


def _country_label(code: str) -> str:
    return str(Country(code).label) if code in Country.values else str(_("Other"))


def months_label(months: int) -> str:
    """ "6 months", "1 year", "2 years": the study-time choices in plain words."""
    if months % 12 == 0:
        return ngettext("%(count)s year", "%(count)s years", months // 12) % {
            "count": months // 12
        }
    return ngettext("%(count)s month", "%(count)s months", months) % {"count": months}


AGE_CHOICES = [
    ("under_18", _("Under 18")),
    ("18_19", _("18–19")),
    ("20_24", _("20–24")),
    ("25_plus", _("25 or older")),
]
assert [code for code, _label in AGE_CHOICES] == list(AGE_GROUPS)

SITUATION_CHOICES = [
    ("job_seeker_fi", _("I am a registered job seeker in Finland")),
    ("job_seeker_se", _("I am registered with Arbetsförmedlingen in Sweden")),
    ("employee", _("I am employed by a company")),
    ("teacher", _("I am a teacher or trainer")),
    ("foreign_degree", _("My degree is from outside Finland and Sweden")),
    ("none", _("None of these")),
]

MOBILITY_CHOICES = [
    ("move", _("I can move for my studies")),
    ("commute", _("Near home only, or at a distance")),
    ("distance", _("Only at a distance or part-time")),
]


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

    # About the person (all optional): what admission rules ask and where "near home" is.
    field = CodeField(
        label=_("Field of your highest education"),
        help_text=_(
            "Tells a step up or a change of field from a step back, and which programmes ask for your field."
        ),
        required=False,
        error_messages={
            "invalid_choice": _("“%(value)s” is not a field of education on the map.")
        },
    )
    home = CodeField(
        label=_("Where you live"),
        help_text=_("Routes that start near home come first."),
        required=False,
        error_messages={
            "invalid_choice": _(
                "“%(value)s” is not a municipality or region on the map."
            )
        },
    )
    age = CodeField(
        label=_("Your age"),
        required=False,
        error_messages={
            "invalid_choice": _("“%(value)s” is not one of the age groups.")
        },
    )
    situation = CodesField(
        label=_("Which of these apply to you?"),
        help_text=_(
            "Some programmes are only for job seekers, employees, teachers or people with a foreign degree. If you leave this empty, they come with a condition to check, after the others; “None of these” leaves them out."
        ),
        required=False,
        error_messages={
            "invalid_choice": _("“%(value)s” is not one of the situations offered.")
        },
    )
    mobility = CodeField(
        label=_("How you can study"),
        help_text=format_lazy(
            _("Near home means a site within {km} km of where you live."),
            km=NEAR_HOME_KM,
        ),
        required=False,
        error_messages={
            "invalid_choice": _(
                "“%(value)s” is not one of the ways of studying offered."
            )
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
            *((slug, occupation_label(o)) for slug, o in choices.occupations.items()),
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
        fields["field"].choices = [
            ("", _("Not given")),
            *((code, shown(f, "name").text) for code, f in choices.fields.items()),
        ]
        fields["home"].choices = [("", _("Not given")), *choices.homes.groups]
        fields["age"].choices = [("", _("Not given")), *AGE_CHOICES]
        fields["situation"].choices = SITUATION_CHOICES
        fields["mobility"].choices = [("", _("Not given")), *MOBILITY_CHOICES]
        for name, field in fields.items():
            described = []
            if field.help_text:
                described.append(f"id_{name}_helptext")
            described.append(f"id_{name}_error")
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
        situations = data.get("situation") or []
        if "none" in situations and len(situations) > 1:
            self.add_error(
                "situation",
                _("Choose “None of these” or the situations that apply, not both."),
            )
        home = self.choices.homes.homes.get(data.get("home") or "")
        if data.get("mobility") == "commute" and (
            home is None or home.latitude is None
        ):
            self.add_error(
                "home",
                _("Choose your municipality or region to study near home."),
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
            regions=tuple(
                choices.regions[code] for code in dict.fromkeys(data["region"])
            ),
            languages=frozenset(data["language"]),
            max_months=int(data["months"]) if data["months"] else None,
            field=choices.fields.get(data["field"]),
            home=choices.homes.homes.get(data["home"]),
            age=data["age"] or None,
            situations=(
                frozenset(data["situation"]) - {"none"} if data["situation"] else None
            ),
            mobility=data["mobility"] or None,
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
