"""The employer form: the organisation and its contact (``SubmissionForm``) and up to MAX_NEEDS needs
(``NeedLineForm`` in ``NeedLineFormSet``).

The organisation and each occupation are typed, with the names on the map and the ESCO occupations offered as the
visitor types (a list of suggestions in the page's language). A name that matches one, in any of the three
languages, is linked to it; any other text is kept as written ("other") for the coordinator who reviews it.
"""

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q, QuerySet
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from skills.models import (
    Actor,
    CompetenceNeed,
    Country,
    EscoConcept,
    LevelBand,
    Occupation,
    Region,
    Skill,
)

MAX_NEEDS = 10
"""Needs in one sending; more are refused (the size limit of the form)."""
YEARS_AHEAD = 15
"""The latest year a need may be for, counted from this year."""
LANGUAGES = ("fi", "sv", "en")


def _label_match(field: str, text: str) -> Q:
    """Records whose field equals the text, ignoring case, in any of the three languages."""
    query = Q()
    for language in LANGUAGES:
        query |= Q(**{f"{field}_{language}__iexact": text})
    return query


def matching_actor(name: str) -> Actor | None:
    """The published organisation on the map with exactly this name (any language, any case), if one."""
    return (
        Actor.objects.published().filter(_label_match("name", name)).first()
        if name
        else None
    )


def _concept_named(model: type[EscoConcept], text: str) -> EscoConcept | None:
    """The concept whose label, or else one of whose alternative labels (ESCO's other names, one a line), is the
    text, ignoring case, in any of the three languages. One query: the alternative labels are narrowed in the
    database and matched line by line here."""
    if not text:
        return None
    query = _label_match("label", text)
    for language in LANGUAGES:
        query |= Q(**{f"alt_labels_{language}__icontains": text})
    wanted = text.casefold()
    by_alternative = None
    for concept in model.objects.filter(query).order_by("slug"):
        if any(
            (getattr(concept, f"label_{language}") or "").casefold() == wanted
            for language in LANGUAGES
        ):
            return concept
        if by_alternative is None and any(
            label.casefold() == wanted
            for language in LANGUAGES
            for label in concept.alternative_labels(language)
        ):
            by_alternative = concept
    return by_alternative


def matching_occupation(text: str) -> Occupation | None:
    """The occupation on the map named so (its label or an alternative label, any language, any case), if one."""
    return _concept_named(Occupation, text)


def matching_skills(text: str) -> tuple[list[Skill], list[str]]:
    """The skills named one per line (or separated by semicolons) that are ESCO skills on the map, and the rest."""
    names = [
        part.strip()
        for line in text.splitlines()
        for part in line.split(";")
        if part.strip()
    ]
    found: list[Skill] = []
    rest: list[str] = []
    for name in names:
        skill = _concept_named(Skill, name)
        if skill is None:
            rest.append(name)
        elif skill not in found:
            found.append(skill)
    return found, rest


def region_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The regions a need can be placed in (NUTS 3), grouped by country."""
    regions: QuerySet[Region] = Region.objects.filter(level=3).order_by(
        "country", "name"
    )
    groups: dict[str, list[tuple[str, str]]] = {}
    for region in regions:
        groups.setdefault(region.country, []).append((region.code, region.name))
    return [
        (str(Country(country).label), choices) for country, choices in groups.items()
    ]


class SubmissionForm(forms.Form):
    """Who needs the people, where, whether it may be published, and whom the coordinators may ask."""

    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_(
            "Your company or organisation. Start typing: if it is already on the map, choose it from the list."
        ),
        widget=forms.TextInput(
            attrs={"list": "organisation-names", "autocomplete": "organization"}
        ),
    )
    region = forms.ChoiceField(
        label=_("Region"), help_text=_("Where the people will work.")
    )
    site = forms.CharField(
        label=_("Site or town"),
        max_length=200,
        required=False,
        help_text=_("Optional, for example the plant or the municipality."),
    )
    may_publish = forms.TypedChoiceField(
        label=_("May we publish these needs on the portal?"),
        choices=[
            (
                "yes",
                _("Yes: the organisation, occupations, numbers and years may be shown"),
            ),
            ("no", _("No: for the partnership's coordinators only")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_("Your contact details are never published."),
    )
    message = forms.CharField(
        label=_("Anything else the coordinators should know"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send the receipt and the coordinators' decision here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Your telephone number"),
        max_length=40,
        required=False,
        help_text=_("Optional."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    # The time the form was shown and the honeypot (skills/intake/protection.py: the field is HONEYPOT_FIELD).
    shown = forms.CharField(widget=forms.HiddenInput, required=False)
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("Choose a region")), *region_choices()]

    def clean_organisation(self) -> str:
        return " ".join(self.cleaned_data["organisation"].split())

    def clean_region(self) -> Region:
        region = Region.objects.filter(
            code=self.cleaned_data["region"], level=3
        ).first()
        if region is None:
            raise forms.ValidationError(_("Choose a region from the list."))
        return region


class NeedLineForm(forms.Form):
    """One need: which occupation (or what else), how many people, by when, what education, how urgent."""

    occupation = forms.CharField(
        label=_("Occupation"),
        max_length=200,
        help_text=_(
            "Start typing and choose from the list of occupations; if yours is not there, write it in your own words."
        ),
        widget=forms.TextInput(
            attrs={"list": "occupation-names", "autocomplete": "off"}
        ),
    )
    skills = forms.CharField(
        label=_("Skills (optional)"),
        max_length=1000,
        required=False,
        help_text=_("The most important skills, one per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    headcount = forms.IntegerField(
        label=_("How many people"),
        min_value=1,
        max_value=10000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    target_year = forms.IntegerField(
        label=_("Needed by (year)"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    level_band = forms.ChoiceField(
        label=_("Education needed"),
        choices=LevelBand.choices,
        initial=LevelBand.UNKNOWN,
    )
    urgency = forms.ChoiceField(
        label=_("How urgent"),
        choices=CompetenceNeed.Urgency.choices,
        initial=CompetenceNeed.Urgency.MEDIUM,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        year = self.fields["target_year"]
        year.min_value, year.max_value = this_year, this_year + YEARS_AHEAD
        year.validators = [
            MinValueValidator(
                this_year, _("The year must be %(limit_value)s or later.")
            ),
            MaxValueValidator(
                this_year + YEARS_AHEAD,
                _("The year must be %(limit_value)s or earlier."),
            ),
        ]
        year.widget.attrs.update(min=this_year, max=this_year + YEARS_AHEAD)

    def clean_occupation(self) -> str:
        return " ".join(self.cleaned_data["occupation"].split())


class BaseNeedLineFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        if not any(form.has_changed() and form.cleaned_data for form in self.forms):
            raise forms.ValidationError(_("Describe at least one need."))


NeedLineFormSet = formset_factory(
    NeedLineForm,
    formset=BaseNeedLineFormSet,
    extra=0,
    min_num=1,
    max_num=MAX_NEEDS,
    validate_max=True,
    absolute_max=MAX_NEEDS,
)


def suggestion_lists(language: str | None = None) -> dict[str, list[str]]:
    """The names offered as the visitor types, in the page's language: organisations on the map, ESCO occupations."""
    language = language or get_language() or "en"
    # The alternative labels too, so that a visitor typing "akkuasentaja" is offered it (and the form finds it).
    occupations = sorted(
        {
            name.strip()
            for label, alternatives in Occupation.objects.values_list(
                f"label_{language}", f"alt_labels_{language}"
            )
            for name in [label or "", *(alternatives or "").splitlines()]
            if name.strip()
        },
        key=str.casefold,
    )
    organisations = sorted(
        {
            name
            for name in Actor.objects.published().values_list(
                f"name_{language}", flat=True
            )
            if name
        },
        key=str.casefold,
    )
    return {"occupations": occupations, "organisations": organisations}
