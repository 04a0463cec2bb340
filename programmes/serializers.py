"""Partner API representations of programmes: explicit fields, public identifiers, no per-row queries."""

from rest_framework import serializers

from batteryregion.serializers import (
    EnumField,
    PageUrlField,
    PublicSerializer,
    TranslatedField,
    coordinate_field,
)
from programmes.models import EntryRequirement, Intake, Offering, Programme
from skills.models import Actor, Occupation, Skill
from skills.serializers import (
    CODES,
    SLUGS,
    SuccessorField,
    publication_state_field,
)


class ProviderSerializer(PublicSerializer):
    """The actor that gives the programme."""

    name = TranslatedField()

    class Meta:
        model = Actor
        fields = ["slug", "name"]


class OfferingSerializer(PublicSerializer):
    """Where and when the programme is given, in which language, with how many places."""

    site = serializers.SlugRelatedField(**SLUGS)
    town = TranslatedField(source="site")
    region = serializers.SlugRelatedField(source="site.region", **CODES)
    latitude = coordinate_field(source="site.latitude")
    longitude = coordinate_field(source="site.longitude")
    language = serializers.SlugRelatedField(**CODES, allow_null=True)

    class Meta:
        model = Offering
        fields = [
            "site",
            "town",
            "region",
            "latitude",
            "longitude",
            "starts_on",
            "language",
            "places",
        ]


class EntryRequirementSerializer(PublicSerializer):
    """One accepted way in: a qualification type, or any qualification from an EQF level."""

    qualification_type = serializers.SlugRelatedField(**CODES, allow_null=True)
    min_level = serializers.SlugRelatedField(
        read_only=True, allow_null=True, slug_field="level"
    )

    class Meta:
        model = EntryRequirement
        fields = ["qualification_type", "min_level"]


class ProgrammeSkillSerializer(PublicSerializer):
    """A skill the programme teaches."""

    label = TranslatedField()

    class Meta:
        model = Skill
        fields = ["slug", "label"]


class ProgrammeOccupationSerializer(PublicSerializer):
    """An occupation the programme leads to."""

    label = TranslatedField()

    class Meta:
        model = Occupation
        fields = ["slug", "label"]


class IntakeSerializer(PublicSerializer):
    """Places, applicants and enrolled students of one year."""

    class Meta:
        model = Intake
        fields = [
            "year",
            "places",
            "applicants",
            "enrolled",
            "source_url",
            "is_example",
        ]


class ProgrammeSerializer(PublicSerializer):
    """A published or discontinued programme; skills and occupations as slugs."""

    page_url = PageUrlField("programmes:programme_detail")
    state = publication_state_field()
    successor = SuccessorField()
    provider = ProviderSerializer(read_only=True)
    kind = EnumField("ProgrammeKindEnum", choices=Programme.Kind.choices)
    name = TranslatedField()
    description = TranslatedField()
    entry_notes = TranslatedField()
    awarded_qualification = serializers.SlugRelatedField(**CODES, allow_null=True)
    awarded_level = serializers.SlugRelatedField(
        read_only=True, allow_null=True, slug_field="level"
    )
    languages = serializers.SlugRelatedField(many=True, **CODES)
    segments = serializers.SlugRelatedField(many=True, **CODES)
    offerings = OfferingSerializer(many=True, read_only=True)
    entry_requirements = EntryRequirementSerializer(many=True, read_only=True)
    skills = serializers.SlugRelatedField(many=True, **SLUGS)
    occupations = serializers.SlugRelatedField(many=True, **SLUGS)

    class Meta:
        model = Programme
        fields = [
            "slug",
            "page_url",
            "state",
            "ended_on",
            "successor",
            "provider",
            "kind",
            "name",
            "description",
            "entry_notes",
            "awarded_qualification",
            "awarded_level",
            "duration_months",
            "credits",
            "credit_unit",
            "languages",
            "delivery_mode",
            "places_per_year",
            "segments",
            "offerings",
            "entry_requirements",
            "skills",
            "occupations",
            "opintopolku_oid",
            "susa_id",
            "provider_code",
            "source_url",
            "verified_on",
        ]
        extra_kwargs = {"credits": {"coerce_to_string": False}}


class ProgrammeDetailSerializer(ProgrammeSerializer):
    """A published or discontinued programme with labelled skills and occupations, and its intakes."""

    skills = ProgrammeSkillSerializer(many=True, read_only=True)
    occupations = ProgrammeOccupationSerializer(many=True, read_only=True)
    intakes = IntakeSerializer(many=True, read_only=True)

    class Meta(ProgrammeSerializer.Meta):
        fields = [*ProgrammeSerializer.Meta.fields, "intakes"]
