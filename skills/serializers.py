"""Partner API representations of the shared vocabulary and the demand side: explicit fields, public identifiers."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from batteryregion.records import PublicationState
from batteryregion.serializers import (
    SUCCESSOR_COLUMNS,
    EnumField,
    OriginField,
    PageUrlField,
    PageUrls,
    PublicSerializer,
    RowListSerializer,
    RowSerializer,
    TranslatedField,
    coordinate_field,
    iso_date,
    linked,
    number,
    origins,
    public_successor_slug,
    rows_by_owner,
    text,
    translated,
    translated_columns,
)
from skills.models import (
    Actor,
    CompetenceNeed,
    EducationLevel,
    Occupation,
    OccupationSkill,
    QualificationType,
    Region,
    Segment,
    Site,
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


@extend_schema_field(
    {
        "type": "string",
        "nullable": True,
        "description": "Slug of the record that replaces this one, when it has a public page.",
    }
)
class SuccessorField(serializers.Field):
    """The successor's slug; null when there is none or it is still a draft (drafts are not public)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, successor: Actor) -> str | None:
        return None if successor.state == PublicationState.DRAFT else successor.slug


def publication_state_field() -> EnumField:
    """The record's state: published, or discontinued (ended; keeps its page); draft only for coordinators."""
    return EnumField(
        "PublicationStateEnum",
        choices=PublicationState.choices,
        help_text=_(
            "published, or discontinued (ended: it keeps its page, see ended_on and successor); "
            "draft only in a coordinator's detail."
        ),
    )


class SiteSerializer(PublicSerializer):
    """A place where an actor is: a town with coordinates (WGS 84) in a NUTS 3 region."""

    town = TranslatedField()
    region = serializers.SlugRelatedField(**CODES)
    latitude = coordinate_field()
    longitude = coordinate_field()

    class Meta:
        model = Site
        fields = ["slug", "town", "region", "latitude", "longitude", "is_main"]


class ActorSerializer(RowSerializer):
    """An organisation on the map with its sites."""

    kind = EnumField("ActorKindEnum", choices=Actor.Kind.choices)
    page_url = PageUrlField("programmes:actor_detail")
    name = TranslatedField()
    description = TranslatedField()
    segments = serializers.SlugRelatedField(many=True, **CODES)
    sites = SiteSerializer(many=True, read_only=True)
    state = publication_state_field()
    successor = SuccessorField()
    columns = (
        "id",
        "slug",
        "state",
        "ended_on",
        *SUCCESSOR_COLUMNS,
        "kind",
        "country",
        *translated_columns("name", "description"),
        "website",
        "source_url",
        "verified_on",
    )

    class Meta:
        model = Actor
        fields = [
            "slug",
            "page_url",
            "state",
            "ended_on",
            "successor",
            "kind",
            "country",
            "name",
            "description",
            "website",
            "segments",
            "sites",
            "source_url",
            "verified_on",
        ]
        list_serializer_class = RowListSerializer

    def represent(self, rows: list[dict]) -> list[dict]:
        if not rows:
            return []
        page_urls = PageUrls("programmes:actor_detail", self.context.get("request"))
        ids = [row["id"] for row in rows]
        segments = linked(ids, segments=(Actor.segments, "code"))["segments"]
        sites = sites_of_actors(ids)
        return [
            {
                "slug": row["slug"],
                "page_url": page_urls(row["slug"]),
                "state": row["state"],
                "ended_on": iso_date(row["ended_on"]),
                "successor": public_successor_slug(row),
                "kind": row["kind"],
                "country": row["country"],
                "name": translated(row, "name"),
                "description": translated(row, "description"),
                "website": text(row["website"]),
                "segments": segments[row["id"]],
                "sites": [site_item(site) for site in sites[row["id"]]],
                "source_url": text(row["source_url"]),
                "verified_on": iso_date(row["verified_on"]),
            }
            for row in rows
        ]


def sites_of_actors(actors: list[int]) -> dict[int, list[dict]]:
    """The sites of these actors with their region's code, main site first (one query), as actors_for_api() orders
    them."""
    sites = Site.objects.filter(actor__in=actors).order_by("-is_main", "slug")
    return rows_by_owner(
        sites,
        "actor_id",
        "slug",
        *translated_columns("town"),
        "region__code",
        "latitude",
        "longitude",
        "is_main",
    )


def site_item(site: dict) -> dict:
    """A site as SiteSerializer writes it."""
    return {
        "slug": site["slug"],
        "town": translated(site, "town"),
        "region": site["region__code"],
        "latitude": number(site["latitude"]),
        "longitude": number(site["longitude"]),
        "is_main": site["is_main"],
    }


class CompetenceNeedSerializer(RowSerializer):
    """A stated need for people; is_example marks illustrations written by the project."""

    employer = serializers.SlugRelatedField(**SLUGS, allow_null=True)
    occupation = serializers.SlugRelatedField(**SLUGS, allow_null=True)
    skills = serializers.SlugRelatedField(many=True, **SLUGS)
    segments = serializers.SlugRelatedField(many=True, **CODES)
    region = serializers.SlugRelatedField(**CODES)
    description = TranslatedField()
    columns = (
        "id",
        "slug",
        "is_example",
        "status",
        "visibility",
        "employer__slug",
        "source_kind",
        "source_name",
        "source_url",
        "occupation__slug",
        "headcount",
        "target_year",
        "region__code",
        "min_level",
        "max_level",
        "urgency",
        "stated_on",
        *translated_columns("description"),
    )

    class Meta:
        model = CompetenceNeed
        fields = [
            "slug",
            "is_example",
            "status",
            "visibility",
            "employer",
            "source_kind",
            "source_name",
            "source_url",
            "occupation",
            "skills",
            "segments",
            "headcount",
            "target_year",
            "region",
            "min_level",
            "max_level",
            "urgency",
            "stated_on",
            "description",
        ]
        list_serializer_class = RowListSerializer

    def represent(self, rows: list[dict]) -> list[dict]:
        if not rows:
            return []
        codes = linked(
            [row["id"] for row in rows],
            skills=(CompetenceNeed.skills, "slug"),
            segments=(CompetenceNeed.segments, "code"),
        )
        return [
            {
                "slug": row["slug"],
                "is_example": row["is_example"],
                "status": row["status"],
                "visibility": row["visibility"],
                "employer": row["employer__slug"],
                "source_kind": row["source_kind"],
                "source_name": text(row["source_name"]),
                "source_url": text(row["source_url"]),
                "occupation": row["occupation__slug"],
                "skills": codes["skills"][row["id"]],
                "segments": codes["segments"][row["id"]],
                "headcount": row["headcount"],
                "target_year": row["target_year"],
                "region": row["region__code"],
                "min_level": row["min_level"],
                "max_level": row["max_level"],
                "urgency": row["urgency"],
                "stated_on": iso_date(row["stated_on"]),
                "description": translated(row, "description"),
            }
            for row in rows
        ]
