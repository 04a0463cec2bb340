"""Partner API representation of the gap analysis and of overlapping programmes (/api/v1/gaps/, /api/v1/overlaps/).

The analyses return plain dataclasses (gaps.analysis.compare, gaps.analysis.overlaps) whose rows, regions, programmes and skills are
already loaded; these serializers only read attributes, so writing a response makes no queries.
"""

import functools
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import (
    PolymorphicProxySerializer,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers

from batteryregion.row_serializers import PageUrls, iso_date, rounded
from batteryregion.serializers import (
    LANGUAGE_CODES,
    EnumField,
    PageUrlsSerializer,
    PartnerPagination,
    TranslatedField,
    translated_text,
)
from gaps.analysis.compare import Cell
from gaps.analysis.forms import EXAMPLE_CHOICES
from gaps.analysis.parameters import (
    BALANCED_RANGE,
    MOSTLY_EXAMPLES,
    URGENCY_WEIGHTS,
    Dimension,
    key_code,
)
from gaps.analysis.statuses import Status
from gaps.pathways.serializers import CountriesField, RoundedFloatField
from skills.models import CompetenceNeed, Country, Segment


class AnalysisPagination(PartnerPagination):
    """Pages of 100 rows, ?page_size= from 1 to 500: an analysis is more often read whole than a catalogue."""

    page_size = 100
    max_page_size = 500


# --- /api/v1/gaps/ ---------------------------------------------------------------------------------------------------


class GapSegmentKeySerializer(serializers.Serializer):
    """The value-chain segment of a row (dimension=segment)."""

    code = serializers.CharField(read_only=True)
    name = TranslatedField()


class GapConceptKeySerializer(serializers.Serializer):
    """The occupation or skill of a row (dimension=occupation or skill)."""

    slug = serializers.CharField(read_only=True)
    name = TranslatedField(field="label")


@extend_schema_field(
    PolymorphicProxySerializer(
        component_name="GapKey",
        serializers=[GapSegmentKeySerializer, GapConceptKeySerializer],
        resource_type_field_name=None,
    )
)
class GapKeyField(serializers.Field):
    """What a row is about: {code, name} for a segment, {slug, name} for an occupation or a skill."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, key: models.Model) -> dict[str, Any]:
        if isinstance(key, Segment):
            return GapSegmentKeySerializer(key).data
        return GapConceptKeySerializer(key).data


class GapRegionSerializer(serializers.Serializer):
    """The NUTS region of a row; its figures include the sites of its subregions."""

    code = serializers.CharField(read_only=True, help_text="NUTS 2021 code.")
    name = TranslatedField()
    country = serializers.ChoiceField(choices=Country.choices, read_only=True)
    level = serializers.IntegerField(read_only=True, help_text="NUTS level, 0–3.")


@extend_schema_field(PageUrlsSerializer)
class GapPageUrlField(serializers.Field):
    """Absolute addresses of a row's drill-down page in each language (/fi/gaps/segment/recycling/ …)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, cell: Cell) -> dict[str, str]:
        request = self.context.get("request")
        kwargs = {"dimension": self.context["dimension"], "key": key_code(cell.key)}
        urls = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                path = reverse("gaps:detail", kwargs=kwargs)
            urls[code] = request.build_absolute_uri(path) if request else path
        return urls


class GapCellSerializer(serializers.Serializer):
    """A segment, occupation or skill in a region: what the counted needs ask for, what the programmes offer."""

    # The fields below are the schema; to_representation() writes the same values directly, because DRF's field
    # machinery cost more than the figures themselves for a page of rows (tests/api/test_api_costs.py compares them).

    key = GapKeyField()
    region = GapRegionSerializer(read_only=True)
    people = serializers.IntegerField(
        read_only=True, help_text="People needed, unweighted (sum of headcounts)."
    )
    demand = RoundedFloatField(
        2,
        help_text="Weighted people per year: headcount × urgency weight / years left to the target year.",
    )
    supply = RoundedFloatField(
        2,
        help_text="Study places per year of the programmes given in the region and its subregions.",
    )
    filled = RoundedFloatField(
        2,
        help_text="Places per year scaled by the fill rate of each programme's latest intake that tells.",
    )
    difference = RoundedFloatField(
        2, help_text="supply − demand, per year; negative when demand is unmet."
    )
    ratio = RoundedFloatField(
        3, allow_null=True, help_text="supply / demand; null without demand."
    )
    unmet = RoundedFloatField(
        2, help_text="Demand per year that filled places do not cover."
    )
    status = EnumField("GapStatusEnum", choices=Status.choices)
    planned_places = RoundedFloatField(
        2,
        help_text="Study places per year of planned programmes: never part of supply or filled.",
    )
    planned_programmes = serializers.IntegerField(
        read_only=True,
        help_text="Planned programmes in the region and its subregions (proposed ones are not counted).",
    )
    planned_status = EnumField(
        "GapStatusEnum",
        choices=Status.choices,
        help_text="The status once the planned programmes run: the same rules on supply + planned places.",
    )
    needs = serializers.IntegerField(
        read_only=True,
        help_text="Counted needs: only needs the caller may see count in any figure.",
    )
    sources = serializers.IntegerField(
        read_only=True,
        help_text="Different employers (or workshops, surveys, reports) behind the counted needs.",
    )
    examples = serializers.IntegerField(
        read_only=True,
        help_text="Counted needs that are examples written by the project, not statements of an employer.",
    )
    example_people = serializers.IntegerField(
        read_only=True, help_text="Of the people needed, those of example needs."
    )
    example_demand = RoundedFloatField(
        2, help_text="Of the demand per year, the part that comes from example needs."
    )
    example_programmes = serializers.IntegerField(
        read_only=True, help_text="Programmes whose intake figures are examples."
    )
    example_places = RoundedFloatField(
        2,
        help_text="Of the places per year, those taken from intakes marked as examples.",
    )
    rests_on_examples = serializers.BooleanField(
        read_only=True,
        help_text=(
            "True when more than thresholds.mostly_examples of the demand or of the places comes from example "
            "data: check the row with examples=exclude before acting on it."
        ),
    )
    programmes = serializers.IntegerField(
        read_only=True, help_text="Programmes given in the region and its subregions."
    )
    unknown_places = serializers.IntegerField(
        read_only=True, help_text="Of the programmes, those with no known places."
    )
    programmes_in_country = serializers.IntegerField(
        read_only=True,
        help_text="Programmes in the region's country that serve the row at the chosen levels.",
    )
    programmes_across_border = serializers.IntegerField(
        read_only=True, help_text="The same, in the other country."
    )
    needs_oldest = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="When the oldest counted need was stated.",
    )
    needs_newest = serializers.DateField(read_only=True, allow_null=True)
    programmes_oldest = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="When the programme data was verified, oldest.",
    )
    programmes_newest = serializers.DateField(read_only=True, allow_null=True)
    page_url = GapPageUrlField()

    @functools.cached_property
    def page_urls(self) -> PageUrls:
        """The drill-down addresses of this answer's rows: one reverse() per language for the whole page."""
        return PageUrls(
            "gaps:detail",
            self.context.get("request"),
            "key",
            dimension=self.context["dimension"],
        )

    def to_representation(self, cell: Cell) -> dict[str, Any]:
        key, region = cell.key, cell.region
        if isinstance(key, Segment):
            key_item = {"code": key.code, "name": translated_text(key, "name")}
        else:
            key_item = {"slug": key.slug, "name": translated_text(key, "label")}
        return {
            "key": key_item,
            "region": {
                "code": region.code,
                "name": translated_text(region, "name"),
                "country": region.country,
                "level": int(region.level),
            },
            "people": int(cell.people),
            "demand": rounded(cell.demand, 2),
            "supply": rounded(cell.supply, 2),
            "filled": rounded(cell.filled, 2),
            "difference": rounded(cell.difference, 2),
            "ratio": rounded(cell.ratio, 3),
            "unmet": rounded(cell.unmet, 2),
            "status": cell.status,
            "planned_places": rounded(cell.planned_places, 2),
            "planned_programmes": int(cell.planned_programmes),
            "planned_status": cell.planned_status,
            "needs": int(cell.needs),
            "sources": int(cell.sources),
            "examples": int(cell.examples),
            "example_people": int(cell.example_people),
            "example_demand": rounded(cell.example_demand, 2),
            "example_programmes": int(cell.example_programmes),
            "example_places": rounded(cell.example_places, 2),
            "rests_on_examples": cell.rests_on_examples,
            "programmes": int(cell.programmes),
            "unknown_places": int(cell.unknown_places),
            "programmes_in_country": int(cell.programmes_in_country),
            "programmes_across_border": int(cell.programmes_across_border),
            "needs_oldest": iso_date(cell.needs_oldest),
            "needs_newest": iso_date(cell.needs_newest),
            "programmes_oldest": iso_date(cell.programmes_oldest),
            "programmes_newest": iso_date(cell.programmes_newest),
            "page_url": self.page_urls(key_code(key)),
        }


@extend_schema_field(
    {"type": "array", "items": {"$ref": "#/components/schemas/StatusEnum"}}
)
class NeedStatusesField(serializers.ListField):
    """Need statuses (standing, paused, withdrawn): the same enum as /api/v1/competence-needs/."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            child=serializers.ChoiceField(choices=CompetenceNeed.Status.choices),
            read_only=True,
            **kwargs,
        )


class GapParametersSerializer(serializers.Serializer):
    """The analysis as the API understood it, defaults filled in."""

    dimension = EnumField("GapDimensionEnum", choices=Dimension.choices)
    key = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="The one segment code, occupation slug or skill slug asked for; null for all.",
    )
    horizon = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Last target year counted; null counts every year.",
    )
    min_level = serializers.IntegerField(read_only=True)
    max_level = serializers.IntegerField(read_only=True)
    countries = CountriesField(help_text="Countries whose regions have rows.")
    statuses = NeedStatusesField(help_text="Statuses of the needs counted.")
    reference_year = serializers.IntegerField(
        read_only=True,
        help_text="This year: years left to a target year are counted from it (itself included).",
    )
    examples = EnumField("GapExamplesEnum", choices=EXAMPLE_CHOICES)
    oldest_intake_year = serializers.IntegerField(
        read_only=True,
        help_text=(
            "Intakes of this year and later count toward places and fill rates; older ones are too old to count "
            "as current supply."
        ),
    )


class UrgencyWeightsSerializer(serializers.Serializer):
    """The weight of a need's headcount by its urgency."""

    low = serializers.FloatField(read_only=True)
    medium = serializers.FloatField(read_only=True)
    high = serializers.FloatField(read_only=True)
    critical = serializers.FloatField(read_only=True)


class GapThresholdsSerializer(serializers.Serializer):
    """The fixed rules behind the figures and statuses (the portal's page “How the gap analysis works”)."""

    balanced_range = serializers.ListField(
        child=serializers.FloatField(),
        read_only=True,
        min_length=2,
        max_length=2,
        help_text="Places per needed person per year that count as balanced: below under-supplied, above over-supplied.",
    )
    urgency_weights = UrgencyWeightsSerializer(read_only=True)
    mostly_examples = serializers.FloatField(
        read_only=True,
        help_text="A row rests mostly on example data when more than this share of its demand or places does.",
    )


class GapInputsSerializer(serializers.Serializer):
    """How old the data behind the whole answer is (every row, not only this page)."""

    needs_oldest = serializers.DateField(read_only=True, allow_null=True)
    needs_newest = serializers.DateField(read_only=True, allow_null=True)
    programmes_oldest = serializers.DateField(read_only=True, allow_null=True)
    programmes_newest = serializers.DateField(read_only=True, allow_null=True)


def thresholds() -> dict[str, Any]:
    """The analysis' constants, as GapThresholdsSerializer writes them."""
    return {
        "balanced_range": list(BALANCED_RANGE),
        "urgency_weights": {str(urgency): w for urgency, w in URGENCY_WEIGHTS.items()},
        "mostly_examples": MOSTLY_EXAMPLES,
    }


def count_field() -> serializers.IntegerField:
    return serializers.IntegerField(read_only=True, help_text="Rows in all pages.")


def page_link_field(which: str) -> serializers.URLField:
    return serializers.URLField(
        read_only=True,
        allow_null=True,
        help_text=f"The {which} page; null when there is none.",
    )


# many=False: the endpoint is a list action, but it answers one analysis with its rows, not an array of them.
@extend_schema_serializer(many=False)
class GapPageSerializer(serializers.Serializer):
    """One page of the rows of the gap analysis, with the parameters and rules that produced them."""

    parameters = GapParametersSerializer(read_only=True)
    thresholds = GapThresholdsSerializer(read_only=True)
    inputs = GapInputsSerializer(read_only=True)
    count = count_field()
    next = page_link_field("next")
    previous = page_link_field("previous")
    results = GapCellSerializer(many=True, read_only=True)


# --- /api/v1/overlaps/ -----------------------------------------------------------------------------------------------
