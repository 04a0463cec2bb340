"""The news list's filters: type, value-chain segment (its code) and region (its NUTS code)."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from batteryregion.news.models import NewsItem
from programmes.filters import PlainSelect, regions, segments


class NewsFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("Type"),
        empty_label=_("All types"),
        choices=NewsItem.Kind.choices,
    )
    segment = filters.ModelChoiceFilter(
        widget=PlainSelect,
        label=_("Value-chain segment"),
        empty_label=_("All segments"),
        field_name="segments",
        to_field_name="code",
        queryset=segments,
        distinct=True,
    )
    region = filters.ModelChoiceFilter(
        widget=PlainSelect,
        label=_("Region"),
        empty_label=_("All regions"),
        field_name="regions",
        to_field_name="code",
        queryset=regions,
        distinct=True,
    )

    class Meta:
        model = NewsItem
        fields = ["kind", "segment", "region"]
