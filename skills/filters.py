"""FilterSets of the shared vocabulary and the demand side; they take codes and slugs, never database ids.

A value that names nothing we hold (?segment=nope, ?kind=nope, ?is_example=maybe) makes the form invalid,
which the API answers with a 400 naming the parameter, in the request's language.
"""

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from batteryregion.records import PublicationState
from skills.models import (
    Actor,
    CompetenceNeed,
    Country,
    Municipality,
    Occupation,
    Region,
    Segment,
    Skill,
    Workshop,
)


@extend_schema_field(OpenApiTypes.BOOL)
class BooleanFilter(filters.TypedChoiceFilter):
    """Takes "true" or "false"; django-filter's own BooleanFilter would silently ignore any other value."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            choices=[("true", _("Yes")), ("false", _("No"))],
            coerce=lambda value: value == "true",
            **kwargs,
        )


@extend_schema_field({"type": "integer", "minimum": 1900, "maximum": 2200})
class YearFilter(filters.NumberFilter):
    """A year as a whole number (NumberFilter would accept 2028.5); one far outside this century is a 400, not a
    number too large for the database."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs: object) -> None:
        super().__init__(min_value=1900, max_value=2200, **kwargs)


def in_region(lookup: str, region: Region) -> Q:
    """Rows whose `lookup` region is the region or lies inside it (NUTS levels below, at most three)."""
    return (
        Q(**{lookup: region})
        | Q(**{f"{lookup}__parent": region})
        | Q(**{f"{lookup}__parent__parent": region})
        | Q(**{f"{lookup}__parent__parent__parent": region})
    )


SEARCH_MAX_LENGTH = 200
SEARCH_HELP = _(
    "Text to look for. Finnish, Swedish and English are all searched, whatever the language of the request; "
    "at most 200 characters."
)


def text_schema(description: Promise) -> dict[str, object]:
    """The schema of a TextFilter: the length limit, and the description (drf-spectacular then takes it from here)."""
    return {
        "type": "string",
        "maxLength": SEARCH_MAX_LENGTH,
        "description": description,
    }


class TextFilter(filters.CharFilter):
    """Free text of at most 200 characters (a longer value is a 400); subclasses declare that in the schema."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        # The limit is on the text as sent (the schema's maxLength); the search itself ignores outer spaces.
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)


@extend_schema_field(text_schema(SEARCH_HELP))
class TranslatedSearchFilter(TextFilter):
    """?q=: rows whose translated field (field_name) contains the text in any language, so that a Finnish
    name is found from a Swedish request too."""

    def __init__(
        self, field_name: str, also: tuple[str, ...] = (), **kwargs: object
    ) -> None:
        """also: further translated fields searched the same way (the alternative labels of ESCO concepts)."""
        kwargs.setdefault("help_text", SEARCH_HELP)
        self.also = also
        super().__init__(field_name=field_name, label=_("Search"), **kwargs)

    def filter(self, queryset: QuerySet, value: str) -> QuerySet:
        value = (value or "").strip()
        if not value:
            return queryset
        matches = Q()
        for field in (self.field_name, *self.also):
            for code, _name in settings.LANGUAGES:
                matches |= Q(**{f"{field}_{code}__icontains": value})
        return queryset.filter(matches)


class CodesFilter(filters.ModelMultipleChoiceFilter):
    """Repeatable codes (?segment=a&segment=b: either) of a many-to-many relation named by field_name."""

    def get_filter_predicate(self, value: models.Model) -> dict[str, models.Model]:
        # django-filter would compare the relation with value.<to_field_name>, which needs field_name
        # "segments__code"; drf-spectacular cannot follow that, so filter by the chosen row itself.
        return {self.field_name: value}


class PublicationStateFilter(filters.ChoiceFilter):
    """?state=published (the default), discontinued, or all of both; drafts are never listed.

    Applied even when the parameter is absent, so that a list shows published records unless asked otherwise.
    """

    ALL = "all"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            label=_("Publication state"),
            help_text=_(
                "published (the default), discontinued (ended records, so that you can remove them), "
                "or all (both)."
            ),
            choices=[
                (PublicationState.PUBLISHED, _("Published")),
                (PublicationState.DISCONTINUED, _("Discontinued")),
                (self.ALL, _("Published and discontinued")),
            ],
            **kwargs,
        )

    def filter(self, queryset: QuerySet, value: str) -> QuerySet:
        if value == self.ALL:
            return queryset.exclude(state=PublicationState.DRAFT)
        return queryset.filter(state=value or PublicationState.PUBLISHED)


def segment_filter() -> CodesFilter:
    return CodesFilter(
        label=_("Value-chain segment"),
        field_name="segments",
        to_field_name="code",
        queryset=Segment.objects.all(),
        distinct=True,
    )


def region_filter(lookup: str) -> filters.ModelChoiceFilter:
    """?region=: a NUTS code of any level; the rows whose `lookup` region is it or lies inside it (in_region)."""

    def filter_region(queryset: QuerySet, name: str, value: Region | None) -> QuerySet:
        if not value:
            return queryset
        # A subquery, so that two regions inside the one asked for do not list a row twice.
        inside = queryset.model.objects.filter(in_region(lookup, value))
        return queryset.filter(pk__in=inside.values("pk"))

    return filters.ModelChoiceFilter(
        label=_("Region"),
        to_field_name="code",
        queryset=Region.objects.all(),
        method=filter_region,
    )


@extend_schema_field(text_schema(_("The skill's ESCO concept URI, exactly.")))
class EscoUriFilter(TextFilter):
    pass


@extend_schema_field({"type": "string", "pattern": "^[0-9]{1,4}$"})
class IscoGroupFilter(filters.CharFilter):
    """One to four digits of an ISCO-08 code, so declared in the schema."""


class SkillFilter(filters.FilterSet):
    q = TranslatedSearchFilter("label", also=("alt_labels",))
    type = filters.ChoiceFilter(
        label=_("Type"), field_name="skill_type", choices=Skill.Type.choices
    )
    is_local = BooleanFilter(label=_("Local entry"))
    esco_uri = EscoUriFilter(label=_("ESCO URI"))

    class Meta:
        model = Skill
        fields: list[str] = []


class OccupationFilter(filters.FilterSet):
    q = TranslatedSearchFilter("label", also=("alt_labels",))
    segment = segment_filter()
    isco = IscoGroupFilter(
        label=_("ISCO-08 group"),
        field_name="isco_code",
        lookup_expr="startswith",  # a major, sub-major or minor group code matches its unit groups
        strip=False,  # " 81" is not a code either
        validators=[
            # \Z, not $: "81\n" is not a code.
            RegexValidator(
                r"^[0-9]{1,4}\Z", _("Enter one to four digits of an ISCO-08 code.")
            )
        ],
    )

    class Meta:
        model = Occupation
        fields: list[str] = []


class ActorFilter(filters.FilterSet):
    q = TranslatedSearchFilter("name")
    kind = filters.ChoiceFilter(label=_("Type"), choices=Actor.Kind.choices)
    country = filters.ChoiceFilter(label=_("Country"), choices=Country.choices)
    region = filters.ModelChoiceFilter(
        label=_("Region"),
        to_field_name="code",
        queryset=Region.objects.all(),
        method="filter_region",
    )
    segment = segment_filter()
    state = PublicationStateFilter()

    class Meta:
        model = Actor
        fields: list[str] = []

    def filter_region(
        self, queryset: QuerySet[Actor], name: str, value: Region | None
    ) -> QuerySet[Actor]:
        """Actors with a site in the region or below it; a subquery, so that two sites do not list an actor twice."""
        if not value:
            return queryset
        return queryset.filter(
            pk__in=Actor.objects.filter(in_region("sites__region", value)).values("pk")
        )


class MunicipalityFilter(filters.FilterSet):
    country = filters.ChoiceFilter(
        label=_("Country"), field_name="region__country", choices=Country.choices
    )
    region = filters.ModelChoiceFilter(
        label=_("Region"),
        to_field_name="code",
        queryset=Region.objects.all(),
        method="filter_region",
    )

    class Meta:
        model = Municipality
        fields: list[str] = []

    def filter_region(
        self, queryset: QuerySet[Municipality], name: str, value: Region | None
    ) -> QuerySet[Municipality]:
        """Municipalities of the NUTS 3 region, or of every NUTS 3 region inside a larger one (FI1D, SE3)."""
        return queryset.filter(in_region("region", value)) if value else queryset


class CompetenceNeedFilter(filters.FilterSet):
    status = filters.ChoiceFilter(
        label=_("Status"), choices=CompetenceNeed.Status.choices
    )
    region = filters.ModelChoiceFilter(
        label=_("Region"),
        to_field_name="code",
        queryset=Region.objects.all(),
        method="filter_region",
    )
    occupation = filters.ModelChoiceFilter(
        label=_("Occupation"), to_field_name="slug", queryset=Occupation.objects.all()
    )
    is_example = BooleanFilter(label=_("Example data"))
    target_year = YearFilter(label=_("Needed by (year)"))

    class Meta:
        model = CompetenceNeed
        fields: list[str] = []

    def filter_region(
        self, queryset: QuerySet[CompetenceNeed], name: str, value: Region | None
    ) -> QuerySet[CompetenceNeed]:
        """Needs stated for the region or for a region inside it."""
        return queryset.filter(in_region("region", value)) if value else queryset


class WorkshopFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(label=_("Type"), choices=Workshop.Kind.choices)
    segment = segment_filter()
    region = region_filter("regions")
    held_from = filters.DateFilter(
        label=_("Held on or after"),
        field_name="held_on",
        lookup_expr="gte",
        help_text=_(
            "A date (YYYY-MM-DD): workshops held, or surveys closed, on it or later."
        ),
    )
    held_to = filters.DateFilter(
        label=_("Held on or before"),
        field_name="held_on",
        lookup_expr="lte",
        help_text=_(
            "A date (YYYY-MM-DD): workshops held, or surveys closed, on it or earlier."
        ),
    )

    class Meta:
        model = Workshop
        fields: list[str] = []
