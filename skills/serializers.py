"""Partner API representations of the shared vocabulary and the demand side: explicit fields, public identifiers."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from batteryregion.row_serializers import (
    RowListSerializer,
    RowSerializer,
    number,
    text,
    translated,
    translated_columns,
)
from batteryregion.serializers import TranslatedField, coordinate_field
from skills.models import (
    Country,
    EducationField,
    EducationLevel,
    Municipality,
    QualificationType,
    Region,
    Segment,
)

# A region's code, an occupation's slug …: the identifier other systems can join on.
CODES = {"read_only": True, "slug_field": "code"}
SLUGS = {"read_only": True, "slug_field": "slug"}

# The EU's EQF vocabulary (Publications Office, used by Europass): one concept per level, in this scheme.
EQF_SCHEME_URI = "http://data.europa.eu/snb/eqf/25831c2"
# The NUTS version of every region code the API gives (code_2016 and code_2024 give the others).
NUTS_VERSION = "2021"


def eqf_uri(level: int | None) -> str | None:
    """The EU concept URI of an EQF level: 4 → http://data.europa.eu/snb/eqf/4."""
    return None if level is None else f"http://data.europa.eu/snb/eqf/{level}"


@extend_schema_field(
    {
        "type": "string",
        "format": "uri",
        "nullable": True,
        "description": "The EQF level's concept URI in the EU's EQF vocabulary (http://data.europa.eu/snb/eqf/1 … /8).",
    }
)
class EqfUriField(serializers.Field):
    """The EU URI of an EQF level, from the level (an EducationLevel or its number)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, level: EducationLevel | int) -> str | None:
        return eqf_uri(level.level if isinstance(level, EducationLevel) else level)


@extend_schema_field(
    {
        "type": "string",
        "enum": [NUTS_VERSION],
        "description": "The NUTS version of the region codes (code, parent, and every region elsewhere in the API).",
    }
)
class NutsVersionField(serializers.Field):
    """The NUTS version of the region codes: the same for every region."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, region: Any) -> str:
        return NUTS_VERSION


def esco_uris_field(**kwargs: Any) -> serializers.SlugRelatedField:
    """The ESCO URIs of linked skills or occupations, in the order of their slugs; null for a local one."""
    return serializers.SlugRelatedField(
        many=True,
        read_only=True,
        slug_field="esco_uri",
        help_text=_(
            "ESCO URIs in the order of the slugs beside them; null for a local entry, which ESCO lacks."
        ),
        **kwargs,
    )


class SegmentSerializer(RowSerializer):
    """A part of the battery value chain, or a cross-cutting area."""

    name = TranslatedField()
    description = TranslatedField()
    columns = ("code", "is_cross_cutting", *translated_columns("name", "description"))

    class Meta:
        model = Segment
        fields = ["code", "is_cross_cutting", "name", "description"]
        list_serializer_class = RowListSerializer

    def represent(self, rows: list[dict]) -> list[dict]:
        return [
            {
                "code": row["code"],
                "is_cross_cutting": row["is_cross_cutting"],
                "name": translated(row, "name"),
                "description": translated(row, "description"),
            }
            for row in rows
        ]


class RegionSerializer(RowSerializer):
    """A NUTS region with its 2016 and 2024 codes."""

    parent = serializers.SlugRelatedField(**CODES, allow_null=True)
    nuts_version = NutsVersionField()
    name = TranslatedField()
    columns = (
        "code",
        "code_2016",
        "code_2024",
        "level",
        "country",
        "parent__code",
        *translated_columns("name"),
        "source_url",
    )

    class Meta:
        model = Region
        fields = [
            "code",
            "nuts_version",
            "code_2016",
            "code_2024",
            "level",
            "country",
            "parent",
            "name",
            "source_url",
        ]
        list_serializer_class = RowListSerializer

    def represent(self, rows: list[dict]) -> list[dict]:
        return [self.item(row) for row in rows]

    @staticmethod
    def item(row: dict) -> dict:
        return {
            "code": row["code"],
            "nuts_version": NUTS_VERSION,
            "code_2016": text(row["code_2016"]),
            "code_2024": text(row["code_2024"]),
            "level": row["level"],
            "country": row["country"],
            "parent": row["parent__code"],
            "name": translated(row, "name"),
            "source_url": text(row["source_url"]),
        }


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "description": "Simplified boundary: a GeoJSON geometry (RFC 7946), longitude and latitude in WGS 84.",
        "properties": {
            "type": {"type": "string"},
            "coordinates": {"type": "array", "items": {}},
        },
        "required": ["type", "coordinates"],
    }
)
class GeometryField(serializers.JSONField):
    """A GeoJSON geometry as stored."""


class RegionDetailSerializer(RegionSerializer):
    """A NUTS region with its simplified boundary."""

    boundary = GeometryField(read_only=True)
    columns = (*RegionSerializer.columns, "boundary")

    class Meta(RegionSerializer.Meta):
        fields = [*RegionSerializer.Meta.fields, "boundary"]

    def represent(self, rows: list[dict]) -> list[dict]:
        return [{**self.item(row), "boundary": row["boundary"]} for row in rows]


class MunicipalitySerializer(RowSerializer):
    """A municipality (kunta, kommun) with its NUTS 3 region and the coordinates of its centre (WGS 84): a home
    for the pathway search's ?home=."""

    name = TranslatedField()
    region = serializers.SlugRelatedField(**CODES)
    country = serializers.ChoiceField(
        choices=Country.choices, source="region.country", read_only=True
    )
    latitude = coordinate_field()
    longitude = coordinate_field()
    columns = (
        "code",
        *translated_columns("name"),
        "region__code",
        "region__country",
        "latitude",
        "longitude",
    )

    class Meta:
        model = Municipality
        fields = ["code", "name", "region", "country", "latitude", "longitude"]
        list_serializer_class = RowListSerializer

    def represent(self, rows: list[dict]) -> list[dict]:
        return [
            {
                "code": row["code"],
                "name": translated(row, "name"),
                "region": row["region__code"],
                "country": row["region__country"],
                "latitude": number(row["latitude"]),
                "longitude": number(row["longitude"]),
            }
            for row in rows
        ]


class EducationFieldSerializer(RowSerializer):
    """A broad field of education of ISCED-F 2013: the pathway search's ?field=."""

    name = TranslatedField()
    columns = ("code", *translated_columns("name"))

    class Meta:
        model = EducationField
        fields = ["code", "name"]
        list_serializer_class = RowListSerializer

    def represent(self, rows: list[dict]) -> list[dict]:
        return [{"code": row["code"], "name": translated(row, "name")} for row in rows]


class EducationLevelSerializer(RowSerializer):
    """An EQF level with the descriptors of the Council Recommendation of 22 May 2017."""

    uri = EqfUriField(source="*")
    name = TranslatedField()
    knowledge = TranslatedField()
    skills = TranslatedField()
    responsibility = TranslatedField()
    columns = (
        "level",
        *translated_columns("name", "knowledge", "skills", "responsibility"),
        "source_url",
    )

    class Meta:
        model = EducationLevel
        fields = [
            "level",
            "uri",
            "name",
            "knowledge",
            "skills",
            "responsibility",
            "source_url",
        ]
        list_serializer_class = RowListSerializer

    def represent(self, rows: list[dict]) -> list[dict]:
        return [
            {
                "level": row["level"],
                "uri": eqf_uri(row["level"]),
                "name": translated(row, "name"),
                "knowledge": translated(row, "knowledge"),
                "skills": translated(row, "skills"),
                "responsibility": translated(row, "responsibility"),
                "source_url": text(row["source_url"]),
            }
            for row in rows
        ]


class QualificationTypeSerializer(RowSerializer):
    """A national qualification type, or a country-independent starting point."""

    level = serializers.SlugRelatedField(
        read_only=True, allow_null=True, slug_field="level"
    )
    level_uri = EqfUriField(source="level")
    name = TranslatedField()
    columns = (
        "code",
        "country",
        "level__level",
        "nqf_level",
        "category",
        "is_starting_point",
        *translated_columns("name"),
        "name_national",
        "source_url",
    )

    class Meta:
        model = QualificationType
        fields = [
            "code",
            "country",
            "level",
            "level_uri",
            "nqf_level",
            "category",
            "is_starting_point",
            "name",
            "name_national",
            "source_url",
        ]
        list_serializer_class = RowListSerializer

    def represent(self, rows: list[dict]) -> list[dict]:
        return [
            {
                "code": row["code"],
                "country": text(row["country"]),
                "level": row["level__level"],
                "level_uri": eqf_uri(row["level__level"]),
                "nqf_level": row["nqf_level"],
                "category": row["category"],
                "is_starting_point": row["is_starting_point"],
                "name": translated(row, "name"),
                "name_national": text(row["name_national"]),
                "source_url": text(row["source_url"]),
            }
            for row in rows
        ]
