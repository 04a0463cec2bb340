"""The overlaps endpoint's answer: pairs of programmes that teach much the same skills, their groups and parameters."""

import functools
from typing import Any

from drf_spectacular.utils import (
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers

from batteryregion.row_serializers import PageUrls, rounded
from batteryregion.serializers import (
    EnumField,
    PageUrlField,
    TranslatedField,
    translated_text,
)
from gaps.analysis.overlaps import Overlap
from gaps.analysis.serializers import count_field, page_link_field
from gaps.pathways.serializers import CountriesField, RoundedFloatField
from programmes.models import Programme
from programmes.serializers import ProviderSerializer
from skills.models import Skill


class OverlapProgrammeSerializer(serializers.ModelSerializer):
    """One programme of an overlapping pair."""

    name = TranslatedField()
    provider = ProviderSerializer(read_only=True)
    level = serializers.IntegerField(
        source="awarded_level.level",
        read_only=True,
        allow_null=True,
        help_text="EQF level the programme awards; null for courses that award no qualification.",
    )
    countries = serializers.SerializerMethodField(
        help_text="Countries where it is given."
    )
    regions = serializers.SerializerMethodField(
        help_text="NUTS 2021 codes of the regions of its sites."
    )
    page_url = PageUrlField("programmes:programme_detail")

    class Meta:
        model = Programme
        fields = [
            "slug",
            "name",
            "provider",
            "level",
            "countries",
            "regions",
            "page_url",
        ]
        read_only_fields = fields

    # Offerings, sites and regions come prefetched by find_overlaps().
    @extend_schema_field(
        {"type": "array", "items": {"$ref": "#/components/schemas/CountryEnum"}}
    )
    def get_countries(self, programme: Programme) -> list[str]:
        return sorted(
            {offering.site.region.country for offering in programme.offerings.all()}
        )

    def get_regions(self, programme: Programme) -> list[str]:
        return sorted(
            {offering.site.region.code for offering in programme.offerings.all()}
        )


class SkillSlugsField(serializers.ListField):
    """Skills as their slugs, in slug order (as find_overlaps() sorts them)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=serializers.CharField(), read_only=True, **kwargs)

    def to_representation(self, skills: list[Skill]) -> list[str]:
        return [skill.slug for skill in skills]


class OverlapSerializer(serializers.Serializer):
    """Two programmes that teach largely the same skills: candidates for joint teaching or recruitment."""

    # The fields below are the schema; to_representation() writes the same values directly, as GapCellSerializer.

    similarity = RoundedFloatField(
        3,
        help_text="Jaccard index of the skills taught: shared skills / skills taught by either, 0–1.",
    )
    across_border = serializers.BooleanField(
        read_only=True,
        help_text="One programme is given in a country the other is not.",
    )
    first = OverlapProgrammeSerializer(read_only=True)
    second = OverlapProgrammeSerializer(read_only=True)
    shared = SkillSlugsField(help_text="Slugs of the skills both teach.")
    only_first = SkillSlugsField(
        help_text="Slugs of the skills only the first teaches."
    )
    only_second = SkillSlugsField(
        help_text="Slugs of the skills only the second teaches."
    )

    @functools.cached_property
    def page_urls(self) -> PageUrls:
        return PageUrls("programmes:programme_detail", self.context.get("request"))

    def to_representation(self, overlap: Overlap) -> dict[str, Any]:
        return {
            "similarity": rounded(overlap.similarity, 3),
            "across_border": overlap.across_border,
            "first": self.programme_item(overlap.first),
            "second": self.programme_item(overlap.second),
            "shared": [skill.slug for skill in overlap.shared],
            "only_first": [skill.slug for skill in overlap.only_first],
            "only_second": [skill.slug for skill in overlap.only_second],
        }

    def programme_item(self, programme: Programme) -> dict[str, Any]:
        """A programme as OverlapProgrammeSerializer writes it; offerings, sites and regions come prefetched."""
        regions = [offering.site.region for offering in programme.offerings.all()]
        level = programme.awarded_level
        return {
            "slug": programme.slug,
            "name": translated_text(programme, "name"),
            "provider": {
                "slug": programme.provider.slug,
                "name": translated_text(programme.provider, "name"),
            },
            "level": None if level is None else int(level.level),
            "countries": sorted({region.country for region in regions}),
            "regions": sorted({region.code for region in regions}),
            "page_url": self.page_urls(programme.slug),
        }


class PlannedOverlapProgrammeSerializer(OverlapProgrammeSerializer):
    """One programme of a planned overlapping pair, with whether it runs today and when it is expected to start."""

    availability = EnumField(
        "ProgrammeAvailabilityEnum",  # the same component as the programmes' own field
        choices=Programme.Availability.choices,
        help_text="running, planned (decided, with an expected start) or proposed (an idea that may never run).",
    )
    expected_start = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="When a planned programme is expected to start; null when not known.",
    )

    class Meta(OverlapProgrammeSerializer.Meta):
        fields = [
            *OverlapProgrammeSerializer.Meta.fields,
            "availability",
            "expected_start",
        ]
        read_only_fields = fields


class PlannedOverlapSerializer(OverlapSerializer):
    """A planned or proposed programme (first) that would overlap another programme (second), running or not yet
    running, by the same rule as today's pairs."""

    first = PlannedOverlapProgrammeSerializer(
        read_only=True, help_text="The planned or proposed programme."
    )
    second = PlannedOverlapProgrammeSerializer(
        read_only=True,
        help_text="The programme it would overlap: running, planned or proposed.",
    )
    only_first = SkillSlugsField(
        help_text="Slugs of the skills only the planned programme teaches."
    )
    only_second = SkillSlugsField(
        help_text="Slugs of the skills only the other teaches."
    )

    def programme_item(self, programme: Programme) -> dict[str, Any]:
        item = super().programme_item(programme)
        item["availability"] = programme.availability
        item["expected_start"] = (
            programme.expected_start.isoformat() if programme.expected_start else None
        )
        return item


class OverlapParametersSerializer(serializers.Serializer):
    """The search as the API understood it, defaults filled in."""

    min_level = serializers.IntegerField(read_only=True)
    max_level = serializers.IntegerField(read_only=True)
    countries = CountriesField(
        help_text="A programme counts when it is given in one of them."
    )
    segment = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="Code of the segment the programmes serve; null for any.",
    )
    across_border = serializers.BooleanField(read_only=True)
    min_similarity = serializers.FloatField(read_only=True)


@extend_schema_serializer(many=False)
class OverlapPageSerializer(serializers.Serializer):
    """One page of today's overlapping pairs, best first, the groups that all of them form, and apart from them the
    planned or proposed programmes that would overlap."""

    parameters = OverlapParametersSerializer(read_only=True)
    count = count_field()
    next = page_link_field("next")
    previous = page_link_field("previous")
    groups = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()),
        read_only=True,
        help_text=(
            "Programme slugs that overlap in a chain (A–B, B–C), largest group first, each by name in the language "
            "of Accept-Language; computed from every pair of the answer, not only this page, and the same on "
            "every page."
        ),
    )
    results = OverlapSerializer(
        many=True,
        read_only=True,
        help_text="Today's overlapping pairs: both programmes run today (planned and proposed ones are in `planned`).",
    )
    planned = PlannedOverlapSerializer(
        many=True,
        read_only=True,
        help_text=(
            "Planned or proposed programmes that would overlap another programme by the same rule, the planned one "
            "first, best first; never counted in `count`, `results` or `groups`. All of them, the same on every page."
        ),
    )
