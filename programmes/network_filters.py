"""The network page's one FilterSet: part of the value chain, region, kind of cooperation, and across the border only."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from programmes.filters import PlainSelect, regions, segments
from programmes.network_edges import JOINT_ACTION, network_kinds
from skills.filters import PublicationStateFilter
from skills.models import ActorLink, Region, Segment


class AcrossCheckbox(forms.CheckboxInput):
    """A checkbox on the page ("on" when ticked); the API sends "true" or "false". The value is handed over as sent,
    so that the field can refuse anything else (Django's checkbox reads any other text as ticked)."""

    def value_from_datadict(self, data, files, name: str) -> object:
        return data.get(name)


class AcrossField(forms.Field):
    """True for "on" or "true", False for "false", nothing when absent; any other value is an error naming it."""

    widget = AcrossCheckbox

    def to_python(self, value: object) -> bool | None:
        if value in (None, ""):
            return None
        if value in ("on", "true", True):
            return True
        if value in ("false", False):
            return False
        raise forms.ValidationError(_("Enter true or false."), code="invalid")


class AcrossFilter(filters.BooleanFilter):
    field_class = AcrossField

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault(
            "widget", AcrossCheckbox
        )  # the REST framework's filter would set its own
        super().__init__(**kwargs)


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
    # The recorded kinds and "Joint action" (programmes/network_edges.py): that one picks no recorded link; the page
    # reads its edges with these values (network_selectors.joint_edges_for_network).
    kind = filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("Kind of cooperation"),
        empty_label=_("All kinds"),
        choices=network_kinds,
        method="filter_kind",
    )
    across = AcrossFilter(
        label=_("Across the border only"),
        method="filter_across",
    )

    class Meta:
        model = ActorLink
        fields = ["segment", "region", "kind", "across"]

    def filter_kind(
        self, queryset: QuerySet[ActorLink], name: str, value: str
    ) -> QuerySet[ActorLink]:
        if not value:
            return queryset
        return queryset.none() if value == JOINT_ACTION else queryset.filter(kind=value)

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
    shows published links only). The API lists recorded links only, so its kinds are ActorLink's: the joint-action
    edges are derived per viewer from the actions, which the API gives at /api/v1/cooperation-actions/."""

    kind = filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("Kind of cooperation"),
        empty_label=_("All kinds"),
        choices=ActorLink.Kind.choices,
    )

    state = PublicationStateFilter()
