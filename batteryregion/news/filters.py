"""The news list's filters: type, value-chain segment (its code) and region (its NUTS code)."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from batteryregion.news.models import NewsItem
from programmes.filters import PlainSelect, linked_code_filter


class NewsFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("Type"),
        empty_label=_("All types"),
        choices=NewsItem.Kind.choices,
    )
    segment = linked_code_filter("segments")
    region = linked_code_filter("regions")

    class Meta:
        model = NewsItem
        fields = ["kind", "segment", "region"]
