"""Partner API representations of the shared vocabulary and the demand side: explicit fields, public identifiers."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from batteryregion.serializers import (
    OriginField,
    PageUrlField,
    PageUrls,
    RowListSerializer,
    RowSerializer,
    TranslatedField,
    coordinate_field,
    linked,
    number,
    origins,
    rows_by_owner,
    text,
    translated,
    translated_columns,
)
from skills.models import (
    Country,
    EducationField,
    EducationLevel,
    Municipality,
    Occupation,
    OccupationSkill,
    QualificationType,
    Region,
    Segment,
    Skill,
)

# A region's code, an occupation's slug …: the identifier other systems can join on.
CODES = {"read_only": True, "slug_field": "code"}
SLUGS = {"read_only": True, "slug_field": "slug"}


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
                "nqf_level": row["nqf_level"],
                "category": row["category"],
                "is_starting_point": row["is_starting_point"],
                "name": translated(row, "name"),
                "name_national": text(row["name_national"]),
                "source_url": text(row["source_url"]),
            }
            for row in rows
        ]


class SkillSerializer(RowSerializer):
    """An ESCO skill or knowledge concept, or a local one (is_local, no ESCO URI)."""

    page_url = PageUrlField("programmes:skill_detail")
    label = TranslatedField()
    label_origin = OriginField()
    columns = (
        "slug",
        "esco_uri",
        "skill_type",
        "reuse_level",
        "is_local",
        *translated_columns("label", "label_origin"),
    )

    class Meta:
        model = Skill
        fields = [
            "slug",
            "page_url",
            "esco_uri",
            "skill_type",
            "reuse_level",
            "is_local",
            "label",
            "label_origin",
        ]
        list_serializer_class = RowListSerializer

    def represent(self, rows: list[dict]) -> list[dict]:
        page_urls = PageUrls("programmes:skill_detail", self.context.get("request"))
        return [
            {
                "slug": row["slug"],
                "page_url": page_urls(row["slug"]),
                "esco_uri": text(row["esco_uri"]),
                "skill_type": row["skill_type"],
                "reuse_level": text(row["reuse_level"]),
                "is_local": row["is_local"],
                "label": translated(row, "label"),
                "label_origin": origins(row, "label_origin"),
            }
            for row in rows
        ]


class OccupationSerializer(RowSerializer):
    """An ESCO occupation, or a local one of the battery industry."""

    page_url = PageUrlField("programmes:occupation_detail")
    label = TranslatedField()
    label_origin = OriginField()
    description = TranslatedField()
    description_origin = OriginField()
    segments = serializers.SlugRelatedField(many=True, **CODES)
    columns = (
        "id",
        "slug",
        "esco_uri",
        "esco_code",
        "isco_code",
        "is_local",
        *translated_columns(
            "label", "label_origin", "description", "description_origin"
        ),
    )

    class Meta:
        model = Occupation
        fields = [
            "slug",
            "page_url",
            "esco_uri",
            "esco_code",
            "isco_code",
            "is_local",
            "label",
            "label_origin",
            "description",
            "description_origin",
            "segments",
        ]
        list_serializer_class = RowListSerializer

    def represent(self, rows: list[dict]) -> list[dict]:
        if not rows:
            return []
        page_urls = PageUrls(
            "programmes:occupation_detail", self.context.get("request")
        )
        segments = linked(
            [row["id"] for row in rows], segments=(Occupation.segments, "code")
        )["segments"]
        return [
            {
                "slug": row["slug"],
                "page_url": page_urls(row["slug"]),
                "esco_uri": text(row["esco_uri"]),
                "esco_code": text(row["esco_code"]),
                "isco_code": text(row["isco_code"]),
                "is_local": row["is_local"],
                "label": translated(row, "label"),
                "label_origin": origins(row, "label_origin"),
                "description": translated(row, "description"),
                "description_origin": origins(row, "description_origin"),
                "segments": segments[row["id"]],
            }
            for row in rows
        ]


class OccupationDetailSerializer(OccupationSerializer):
    """An occupation with the slugs of its essential and optional skills."""

    essential_skills = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_("Slugs of the skills the occupation requires."),
    )
    optional_skills = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_("Slugs of the skills it may use."),
    )

    class Meta(OccupationSerializer.Meta):
        fields = [
            *OccupationSerializer.Meta.fields,
            "essential_skills",
            "optional_skills",
        ]

    def represent(self, rows: list[dict]) -> list[dict]:
        items = super().represent(rows)
        links = rows_by_owner(
            OccupationSkill.objects.filter(
                occupation__in=[row["id"] for row in rows]
            ).order_by("skill__slug"),
            "occupation_id",
            "skill__slug",
            "relation",
        )
        for row, item in zip(rows, items, strict=True):
            skills = links[row["id"]]
            item["essential_skills"] = self._slugs(
                skills, OccupationSkill.Relation.ESSENTIAL
            )
            item["optional_skills"] = self._slugs(
                skills, OccupationSkill.Relation.OPTIONAL
            )
        return items

    @staticmethod
    def _slugs(links: list[dict], relation: str) -> list[str]:
        return [link["skill__slug"] for link in links if link["relation"] == relation]
