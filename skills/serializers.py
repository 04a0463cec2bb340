"""Partner API representations of the shared vocabulary and the demand side: explicit fields, public identifiers."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from batteryregion.records import PublicationState
from batteryregion.serializers import (
    EnumField,
    OriginField,
    PageUrlField,
    PublicSerializer,
    TranslatedField,
    coordinate_field,
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


class SegmentSerializer(PublicSerializer):
    """A part of the battery value chain, or a cross-cutting area."""

    name = TranslatedField()
    description = TranslatedField()

    class Meta:
        model = Segment
        fields = ["code", "is_cross_cutting", "name", "description"]


class RegionSerializer(PublicSerializer):
    """A NUTS region with its 2016 and 2024 codes."""

    parent = serializers.SlugRelatedField(**CODES, allow_null=True)
    name = TranslatedField()

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

    class Meta(RegionSerializer.Meta):
        fields = [*RegionSerializer.Meta.fields, "boundary"]


class EducationLevelSerializer(PublicSerializer):
    """An EQF level with the descriptors of the Council Recommendation of 22 May 2017."""

    name = TranslatedField()
    knowledge = TranslatedField()
    skills = TranslatedField()
    responsibility = TranslatedField()

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


class QualificationTypeSerializer(PublicSerializer):
    """A national qualification type, or a country-independent starting point."""

    level = serializers.SlugRelatedField(
        read_only=True, allow_null=True, slug_field="level"
    )
    name = TranslatedField()

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


class SkillSerializer(PublicSerializer):
    """An ESCO skill or knowledge concept, or a local one (is_local, no ESCO URI)."""

    page_url = PageUrlField("programmes:skill_detail")
    label = TranslatedField()
    label_origin = OriginField()

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


class OccupationSerializer(PublicSerializer):
    """An ESCO occupation, or a local one of the battery industry."""

    page_url = PageUrlField("programmes:occupation_detail")
    label = TranslatedField()
    label_origin = OriginField()
    description = TranslatedField()
    description_origin = OriginField()
    segments = serializers.SlugRelatedField(many=True, **CODES)

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


class OccupationDetailSerializer(OccupationSerializer):
    """An occupation with the slugs of its essential and optional skills."""

    essential_skills = serializers.SerializerMethodField(
        help_text=_("Slugs of the skills the occupation requires.")
    )
    optional_skills = serializers.SerializerMethodField(
        help_text=_("Slugs of the skills it may use.")
    )

    class Meta(OccupationSerializer.Meta):
        fields = [
            *OccupationSerializer.Meta.fields,
            "essential_skills",
            "optional_skills",
        ]

    def get_essential_skills(self, occupation: Occupation) -> list[str]:
        return self._skill_slugs(occupation, OccupationSkill.Relation.ESSENTIAL)

    def get_optional_skills(self, occupation: Occupation) -> list[str]:
        return self._skill_slugs(occupation, OccupationSkill.Relation.OPTIONAL)

    @staticmethod
    def _skill_slugs(occupation: Occupation, relation: str) -> list[str]:
        # .all() reads the prefetched links; filtering the manager would query once per call.
        return [
            link.skill.slug
            for link in occupation.skill_links.all()
            if link.relation == relation
        ]


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


class ActorSerializer(PublicSerializer):
    """An organisation on the map with its sites."""

    kind = EnumField("ActorKindEnum", choices=Actor.Kind.choices)
    page_url = PageUrlField("programmes:actor_detail")
    name = TranslatedField()
    description = TranslatedField()
    segments = serializers.SlugRelatedField(many=True, **CODES)
    sites = SiteSerializer(many=True, read_only=True)
    state = publication_state_field()
    successor = SuccessorField()

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


class CompetenceNeedSerializer(PublicSerializer):
    """A stated need for people; is_example marks illustrations written by the project."""

    employer = serializers.SlugRelatedField(**SLUGS, allow_null=True)
    occupation = serializers.SlugRelatedField(**SLUGS, allow_null=True)
    skills = serializers.SlugRelatedField(many=True, **SLUGS)
    segments = serializers.SlugRelatedField(many=True, **CODES)
    region = serializers.SlugRelatedField(**CODES)
    description = TranslatedField()

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
