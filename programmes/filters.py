"""One FilterSet for the catalogue page and the partner API, so that both accept the same parameters."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from batteryregion.i18n import by_translated_name
from batteryregion.page_cache import recent_version
from programmes.models import Programme
from skills.filters import (
    SEARCH_MAX_LENGTH,
    CodesFilter,
    PublicationStateFilter,
    TextFilter,
    text_schema,
)
from skills.models import (
    Country,
    EducationLevel,
    Language,
    Occupation,
    QualificationType,
    Region,
    Segment,
)

# PostgreSQL text-search configurations of the interface languages.
SEARCH_CONFIG = {"fi": "finnish", "sv": "swedish", "en": "english"}


def html_attributes(attrs: dict[str, Any]) -> SafeString:
    """Widget attributes as Django's attrs.html writes them: name="value", a bare name for True, none for False."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )


class PlainSelect(forms.Select):
    """A <select> with the markup of Django's template, built in Python: the catalogue draws eight on every
    request, and the template include per option was a third of the page's rendering time."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, options, _index in widget["optgroups"]:
            lines = format_html_join(
                "",
                '\n  <option value="{}"{}>{}</option>\n',
                (
                    (option["value"], html_attributes(option["attrs"]), option["label"])
                    for option in options
                ),
            )
            if group_name:
                lines = format_html(
                    '\n  <optgroup label="{}">{}\n  </optgroup>', group_name, lines
                )
            parts.append(lines)
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            html_attributes(widget["attrs"]),
            mark_safe("".join(parts)),  # every part comes from format_html
        )


class PlainCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose <input> tags ({{ choice.tag }} in the catalogue's template) are built in Python, for the
    same reason as PlainSelect; the rest renders as usual."""

    def _render(
        self, template_name: str, context: dict[str, Any], renderer: Any = None
    ) -> SafeString:
        option = context["widget"]
        if template_name != self.option_template_name or option.get("wrap_label"):
            return super()._render(template_name, context, renderer)
        value = (
            format_html(' value="{}"', option["value"])
            if option["value"] is not None
            else ""
        )
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            option["type"],
            option["name"],
            value,
            html_attributes(option["attrs"]),
        )


# The choices of the filter form are read on every catalogue request: only the columns the options show.


def names() -> list[str]:
    """name_fi, name_sv, name_en: what an option's label (the model's __str__) reads."""
    return [f"name_{code}" for code, _name in settings.LANGUAGES]


def segments(request: HttpRequest | None) -> QuerySet[Segment]:
    return Segment.objects.only("code", *names()).order_by("order")


def regions(request: HttpRequest | None) -> QuerySet[Region]:
    return by_translated_name(Region.objects.only("code", *names())).order_by(
        "level", "_shown_name"
    )


def linked_code_filter(field_name: str) -> filters.ModelChoiceFilter:
    """A select of the value-chain segments ("segments") or regions ("regions") a record links to, chosen by code:
    the board's and the news list's filter, one row per record."""
    choices = {
        "segments": (_("Value-chain segment"), _("All segments"), segments),
        "regions": (_("Region"), _("All regions"), regions),
    }
    label, empty_label, queryset = choices[field_name]
    return filters.ModelChoiceFilter(
        widget=PlainSelect,
        label=label,
        empty_label=empty_label,
        field_name=field_name,
        to_field_name="code",
        queryset=queryset,
        distinct=True,
    )


def levels(request: HttpRequest | None) -> QuerySet[EducationLevel]:
    return EducationLevel.objects.only("level", *names()).order_by("level")


def languages(request: HttpRequest | None) -> QuerySet[Language]:
    return Language.objects.only("code", *names()).order_by("code")


def starting_points(request: HttpRequest | None) -> QuerySet[QualificationType]:
    # open_to() compares the starting point's EQF level.
    return (
        QualificationType.objects.filter(is_starting_point=True)
        .select_related("level")
        .only("code", *names(), "level", "level__level")
        .order_by("order")
    )


class ProgrammeFilter(filters.FilterSet):
    # The catalogue page searches the page's language; the API all three (ProgrammeApiFilter).
    search_languages: tuple[str, ...] | None = None

    q = filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    segment = CodesFilter(
        label=_("Value-chain segment"),
        field_name="segments",
        to_field_name="code",
        queryset=segments,
        distinct=True,
        widget=PlainCheckboxes,
    )
    country = filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("Country"),
        field_name="provider__country",
        choices=Country.choices,
        empty_label=_("Both countries"),
    )
    region = filters.ModelChoiceFilter(
        widget=PlainSelect,
        label=_("Region"),
        empty_label=_("All regions"),
        to_field_name="code",
        queryset=regions,
        method="filter_region",
    )
    level = filters.ModelChoiceFilter(
        widget=PlainSelect,
        label=_("Education level (EQF)"),
        empty_label=_("All levels"),
        field_name="awarded_level",
        to_field_name="level",
        queryset=levels,
    )
    kind = filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("Type of programme"),
        empty_label=_("All types"),
        choices=Programme.Kind.choices,
    )
    language = filters.ModelChoiceFilter(
        widget=PlainSelect,
        label=_("Language of instruction"),
        empty_label=_("Any language"),
        field_name="languages",
        to_field_name="code",
        queryset=languages,
        distinct=True,
    )
    delivery = filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("Delivery mode"),
        empty_label=_("Any mode"),
        field_name="delivery_mode",
        choices=Programme.DeliveryMode.choices,
    )
    availability = filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("Availability"),
        empty_label=_("Running, planned and proposed"),
        choices=Programme.Availability.choices,
    )
    open_to = filters.ModelChoiceFilter(
        widget=PlainSelect,
        label=_("Open to my education"),
        empty_label=_("Show all programmes"),
        to_field_name="code",
        queryset=starting_points,
        method="filter_open_to",
    )

    sort = filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("Sort by"),
        choices=[
            ("name", _("Name")),
            ("level", _("Education level")),
            ("duration", _("Duration")),
        ],
        method="sort_by",
        empty_label=None,
    )

    class Meta:
        model = Programme
        fields: list[str] = []

    def sort_by(
        self, queryset: QuerySet[Programme], name: str, value: str
    ) -> QuerySet[Programme]:
        """Name order comes from the base queryset; level and duration keep it as the tie-breaker."""
        if value == "level":
            return queryset.order_by(
                F("awarded_level__level").asc(nulls_first=True), "_shown_name", "pk"
            )
        if value == "duration":
            return queryset.order_by(
                F("duration_months").asc(nulls_last=True), "_shown_name", "pk"
            )
        return queryset

    def search(
        self, queryset: QuerySet[Programme], name: str, value: str
    ) -> QuerySet[Programme]:
        """Names, descriptions and provider names in the search languages (the current one unless the class names
        them), and the labels and alternative labels of the occupations a programme leads to (a search for
        "akkuasentaja" finds the programmes of the occupation ESCO also calls so); PostgreSQL adds stemmed full-text
        matching in each language's own configuration. Subqueries only, so the count of queries stays the same."""
        value = value.strip()
        if not value:
            return queryset
        languages = self.search_languages or (
            (get_language() or settings.LANGUAGE_CODE)[:2],
        )
        matches = Q()
        for language in languages:
            matches |= (
                Q(**{f"name_{language}__icontains": value})
                | Q(**{f"description_{language}__icontains": value})
                | Q(**{f"provider__name_{language}__icontains": value})
            )
        occupation_matches = Q()
        for language in languages:
            occupation_matches |= Q(**{f"label_{language}__icontains": value}) | Q(
                **{f"alt_labels_{language}__icontains": value}
            )
        matches |= Q(
            pk__in=Programme.occupations.through.objects.filter(
                occupation__in=Occupation.objects.filter(occupation_matches)
            ).values("programme_id")
        )
        if connection.vendor == "postgresql":
            vectors, stemmed = {}, Q()
            for language in languages:
                config = SEARCH_CONFIG.get(language, "simple")
                vectors[f"_search_{language}"] = SearchVector(
                    f"name_{language}", f"description_{language}", config=config
                )
                stemmed |= Q(
                    **{
                        f"_search_{language}": SearchQuery(
                            value, config=config, search_type="websearch"
                        )
                    }
                )
            found = Programme.objects.annotate(**vectors).filter(stemmed)
            matches |= Q(pk__in=found.values("pk"))
        return queryset.filter(matches)

    def filter_region(
        self, queryset: QuerySet[Programme], name: str, value: Region | None
    ) -> QuerySet[Programme]:
        return queryset.in_region(value) if value else queryset

    def filter_open_to(
        self, queryset: QuerySet[Programme], name: str, value: QualificationType | None
    ) -> QuerySet[Programme]:
        return queryset.open_to(value) if value else queryset


# The option lists of the catalogue's model filters, per data version and language: they change only with the data, and
# reading them cost five queries and a model instance per option on every catalogue request.
MODEL_CHOICE_FILTERS = ("segment", "region", "level", "language", "open_to")
_shared_choices: dict[tuple[int, str], dict[str, list[tuple[str, str]]]] = {}


def share_choices(form: forms.Form) -> None:
    """Give the catalogue form's model filters the option lists this process read for the current data version.

    Validation still looks the chosen value up (one query when a filter is set). Inside a transaction (a test, a
    request that writes) the rows may differ from the committed version's, so the options are read as usual.
    """
    if connection.in_atomic_block:
        return
    key = (recent_version(), get_language() or settings.LANGUAGE_CODE)
    choices = _shared_choices.get(key)
    if choices is None:
        choices = {
            name: [
                (str(value), str(label)) for value, label in form.fields[name].choices
            ]
            for name in MODEL_CHOICE_FILTERS
        }
        # Only the current version's lists are kept: one per language.
        for old in [old for old in _shared_choices if old[0] != key[0]]:
            del _shared_choices[old]
        _shared_choices[key] = choices
    for name, options in choices.items():
        # The widget draws the options; the field still validates against its queryset.
        form.fields[name].widget.choices = options


@extend_schema_field(
    text_schema(
        _(
            "Text to look for in programme names and descriptions and in provider names. Finnish, Swedish and "
            "English are all searched, whatever the language of the request; at most 200 characters."
        )
    )
)
class ProgrammeSearchFilter(TextFilter):
    pass


class ProgrammeApiFilter(ProgrammeFilter):
    """The catalogue's parameters, and ?state= for partners who remove discontinued programmes (API only: the
    catalogue page shows published programmes only). ?q= searches Finnish, Swedish and English whatever the request's
    language: a partner's program cannot know which language a name was written in."""

    search_languages = tuple(code for code, _name in settings.LANGUAGES)

    q = ProgrammeSearchFilter(label=_("Search"), method="search")
    state = PublicationStateFilter()
