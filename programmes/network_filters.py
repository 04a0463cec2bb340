"""The network page's one FilterSet: part of the value chain, region, kind of cooperation, and across the border only."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from programmes.filters import PlainSelect, regions, segments
from skills.filters import PublicationStateFilter
from skills.models import ActorLink, Region, Segment


class NetworkFilter(filters.FilterSet):
    segment = filters.ModelChoiceFilter(
        widget=PlainSelect,
        label=_("Value-chain segment"),
        empty_label=_("All segments"),
        to_field_name="code",
        queryset=segments,
        method="filter_segment",
    )
    region = filters.ModelChoiceFilter(
        widget=PlainSelect,
        label=_("Region"),
        empty_label=_("All regions"),
        to_field_name="code",
        queryset=regions,
        method="filter_region",
        help_text=_("Links with an actor that has a site in the region."),
    )
    kind = filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("Kind of cooperation"),
        empty_label=_("All kinds"),
        choices=ActorLink.Kind.choices,
    )
    across = filters.BooleanFilter(
        label=_("Across the border only"),
        widget=forms.CheckboxInput,
        method="filter_across",
    )

    class Meta:
        model = ActorLink
        fields = ["segment", "region", "kind", "across"]

    def filter_segment(
        self, queryset: QuerySet[ActorLink], name: str, value: Segment | None
    ) -> QuerySet[ActorLink]:
        return queryset.concerning(value) if value else queryset

    def filter_region(
        self, queryset: QuerySet[ActorLink], name: str, value: Region | None
    ) -> QuerySet[ActorLink]:
        return queryset.in_region(value) if value else queryset

    # The API's schema: a boolean (?across=true), not the text the hint's union would give.
    @extend_schema_field(OpenApiTypes.BOOL)
    def filter_across(
        self, queryset: QuerySet[ActorLink], name: str, value: bool | None
    ) -> QuerySet[ActorLink]:
        # An unticked box sends nothing: every link.
        return queryset.crossing_border() if value else queryset


class NetworkApiFilter(NetworkFilter):
    """The network page's parameters, and ?state= for partners who remove discontinued links (API only: the page
    shows published links only)."""

    state = PublicationStateFilter()
