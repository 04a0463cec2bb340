"""Partner API representations of programmes: explicit fields, public identifiers, no per-row queries."""

from collections import defaultdict

from rest_framework import serializers

from batteryregion.row_serializers import (
    SUCCESSOR_COLUMNS,
    PageUrls,
    RowListSerializer,
    RowSerializer,
    iso_date,
    linked,
    linked_dicts,
    number,
    place_item,
    public_successor_slug,
    rows_by_owner,
    text,
    translated,
    translated_columns,
)
from batteryregion.serializers import (
    EnumField,
    PageUrlField,
    PublicSerializer,
    TranslatedField,
    coordinate_field,
)
from programmes.models import EntryRequirement, Intake, Offering, Programme
from programmes.selectors import entry_requirements_in_order, offerings_with_places
from skills.actor_serializers import (
    SuccessorField,
    publication_state_field,
)
from skills.models import Actor, Occupation, Skill
from skills.serializers import (
    CODES,
    SLUGS,
    EqfUriField,
    eqf_uri,
    esco_uris_field,
)

# Per kind (skills, occupations): the items per programme, and the ESCO URIs beside them (null for a local entry).
Taught = tuple[
    tuple[dict[int, list], dict[int, list]], tuple[dict[int, list], dict[int, list]]
]


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
    min_level_uri = EqfUriField(source="min_level")

    class Meta:
        model = EntryRequirement
        fields = ["qualification_type", "min_level", "min_level_uri"]


class ProgrammeSkillSerializer(PublicSerializer):
    """A skill the programme teaches."""

    label = TranslatedField()

    class Meta:
        model = Skill
        fields = ["slug", "esco_uri", "label"]


class ProgrammeOccupationSerializer(PublicSerializer):
    """An occupation the programme leads to."""

    label = TranslatedField()

    class Meta:
        model = Occupation
        fields = ["slug", "esco_uri", "label"]


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


class ProgrammeSerializer(RowSerializer):
    """A published or discontinued programme; skills and occupations as slugs."""

    page_url = PageUrlField("programmes:programme_detail")
    state = publication_state_field()
    successor = SuccessorField()
    provider = ProviderSerializer(read_only=True)
    kind = EnumField("ProgrammeKindEnum", choices=Programme.Kind.choices)
    availability = EnumField(
        "ProgrammeAvailabilityEnum",
        choices=Programme.Availability.choices,
        help_text="running: given today; planned: decided, with an expected start; proposed: an idea that may never "
        "run. Planned and proposed programmes never count in the gap analysis's supply.",
    )
    name = TranslatedField()
    description = TranslatedField()
    entry_notes = TranslatedField()
    audience = EnumField("ProgrammeAudienceEnum", choices=Programme.Audience.choices)
    audience_region = serializers.SlugRelatedField(**CODES, allow_null=True)
    required_fields = serializers.SlugRelatedField(many=True, **CODES)
    prior_studies = TranslatedField()
    awarded_qualification = serializers.SlugRelatedField(**CODES, allow_null=True)
    education_field = serializers.SlugRelatedField(**CODES, allow_null=True)
    awarded_level = serializers.SlugRelatedField(
        read_only=True, allow_null=True, slug_field="level"
    )
    awarded_level_uri = EqfUriField(source="awarded_level")
    min_age_waived_from = serializers.SlugRelatedField(
        read_only=True,
        allow_null=True,
        slug_field="level",
        help_text="The EQF level from which the minimum age does not apply (e.g. 4: an upper secondary diploma).",
    )
    languages = serializers.SlugRelatedField(many=True, **CODES)
    segments = serializers.SlugRelatedField(many=True, **CODES)
    offerings = OfferingSerializer(many=True, read_only=True)
    entry_requirements = EntryRequirementSerializer(many=True, read_only=True)
    skills = serializers.SlugRelatedField(many=True, **SLUGS)
    skill_esco_uris = esco_uris_field(source="skills")
    occupations = serializers.SlugRelatedField(many=True, **SLUGS)
    occupation_esco_uris = esco_uris_field(source="occupations")
    columns = (
        "id",
        "slug",
        "state",
        "ended_on",
        *SUCCESSOR_COLUMNS,
        "provider__slug",
        *translated_columns("provider__name"),
        "kind",
        *translated_columns("name", "description", "entry_notes", "prior_studies"),
        "audience",
        "audience_region__code",
        "min_age",
        "min_age_waived_from__level",
        "recognition_of_prior_learning",
        "free_of_charge",
        "pace",
        "awarded_qualification__code",
        "awarded_level__level",
        "education_field__code",
        "duration_months",
        "credits",
        "credit_unit",
        "delivery_mode",
        "places_per_year",
        "availability",
        "expected_start",
        "opintopolku_oid",
        "susa_id",
        "provider_code",
        "source_url",
        "verified_on",
    )

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
            "audience",
            "audience_region",
            "min_age",
            "min_age_waived_from",
            "required_fields",
            "prior_studies",
            "recognition_of_prior_learning",
            "free_of_charge",
            "pace",
            "awarded_qualification",
            "awarded_level",
            "awarded_level_uri",
            "education_field",
            "duration_months",
            "credits",
            "credit_unit",
            "languages",
            "delivery_mode",
            "places_per_year",
            "availability",
            "expected_start",
            "segments",
            "offerings",
            "entry_requirements",
            "skills",
            "skill_esco_uris",
            "occupations",
            "occupation_esco_uris",
            "opintopolku_oid",
            "susa_id",
            "provider_code",
            "source_url",
            "verified_on",
        ]
        extra_kwargs = {"credits": {"coerce_to_string": False}}
        list_serializer_class = RowListSerializer

    # Many-to-many fields written as codes or slugs: loaded together, in one query.
    coded = {
        "languages": (Programme.languages, "code"),
        "segments": (Programme.segments, "code"),
        "skills": (Programme.skills, ("slug", "esco_uri")),
        "occupations": (Programme.occupations, ("slug", "esco_uri")),
        "required_fields": (Programme.required_fields, "code"),
    }

    def represent(self, rows: list[dict]) -> list[dict]:
        if not rows:
            return []
        page_urls = PageUrls("programmes:programme_detail", self.context.get("request"))
        ids = [row["id"] for row in rows]
        codes = linked(ids, **self.coded)
        offerings = rows_by_owner(
            offerings_with_places().queryset.filter(programme__in=ids),
            "programme_id",
            "site__slug",
            *translated_columns("site__town"),
            "site__region__code",
            "site__latitude",
            "site__longitude",
            "starts_on",
            "language__code",
            "places",
        )
        requirements = rows_by_owner(
            entry_requirements_in_order().queryset.filter(programme__in=ids),
            "programme_id",
            "qualification_type__code",
            "min_level__level",
        )
        (skills, skill_uris), (occupations, occupation_uris) = self.taught(ids, codes)
        return [
            {
                "slug": row["slug"],
                "page_url": page_urls(row["slug"]),
                "state": row["state"],
                "ended_on": iso_date(row["ended_on"]),
                "successor": public_successor_slug(row),
                "provider": {
                    "slug": row["provider__slug"],
                    "name": translated(row, "provider__name"),
                },
                "kind": row["kind"],
                "name": translated(row, "name"),
                "description": translated(row, "description"),
                "entry_notes": translated(row, "entry_notes"),
                "audience": row["audience"],
                "audience_region": row["audience_region__code"],
                "min_age": row["min_age"],
                "min_age_waived_from": row["min_age_waived_from__level"],
                "required_fields": codes["required_fields"][row["id"]],
                "prior_studies": translated(row, "prior_studies"),
                "recognition_of_prior_learning": row["recognition_of_prior_learning"],
                "free_of_charge": row["free_of_charge"],
                "pace": text(row["pace"]),
                "awarded_qualification": row["awarded_qualification__code"],
                "awarded_level": row["awarded_level__level"],
                "awarded_level_uri": eqf_uri(row["awarded_level__level"]),
                "education_field": row["education_field__code"],
                "duration_months": row["duration_months"],
                "credits": number(row["credits"]),
                "credit_unit": text(row["credit_unit"]),
                "languages": codes["languages"][row["id"]],
                "delivery_mode": row["delivery_mode"],
                "places_per_year": row["places_per_year"],
                "availability": row["availability"],
                "expected_start": iso_date(row["expected_start"]),
                "segments": codes["segments"][row["id"]],
                "offerings": [offering_item(item) for item in offerings[row["id"]]],
                "entry_requirements": [
                    {
                        "qualification_type": requirement["qualification_type__code"],
                        "min_level": requirement["min_level__level"],
                        "min_level_uri": eqf_uri(requirement["min_level__level"]),
                    }
                    for requirement in requirements[row["id"]]
                ],
                "skills": skills[row["id"]],
                "skill_esco_uris": skill_uris[row["id"]],
                "occupations": occupations[row["id"]],
                "occupation_esco_uris": occupation_uris[row["id"]],
                "opintopolku_oid": text(row["opintopolku_oid"]),
                "susa_id": text(row["susa_id"]),
                "provider_code": text(row["provider_code"]),
                "source_url": row["source_url"],
                "verified_on": iso_date(row["verified_on"]),
            }
            for row in rows
        ]

    def taught(self, ids: list[int], codes: dict[str, dict[int, list]]) -> Taught:
        """The skills and occupations of these programmes, each with the ESCO URIs beside them: slugs here (already
        among the codes, with their URIs), labelled in the detail."""
        return tuple(
            (
                defaultdict(
                    list,
                    {o: [slug for slug, _uri in v] for o, v in codes[name].items()},
                ),
                defaultdict(
                    list,
                    {
                        o: [uri or None for _slug, uri in v]
                        for o, v in codes[name].items()
                    },
                ),
            )
            for name in ("skills", "occupations")
        )


def offering_item(offering: dict) -> dict:
    """An offering as OfferingSerializer writes it."""
    return {
        "site": offering["site__slug"],
        **place_item(offering, site="site__"),
        "starts_on": iso_date(offering["starts_on"]),
        "language": offering["language__code"],
        "places": offering["places"],
    }


class ProgrammeDetailSerializer(ProgrammeSerializer):
    """A published or discontinued programme with labelled skills and occupations, and its intakes."""

    skills = ProgrammeSkillSerializer(many=True, read_only=True)
    occupations = ProgrammeOccupationSerializer(many=True, read_only=True)
    intakes = IntakeSerializer(many=True, read_only=True)

    class Meta(ProgrammeSerializer.Meta):
        fields = [*ProgrammeSerializer.Meta.fields, "intakes"]

    coded = {
        name: relation
        for name, relation in ProgrammeSerializer.coded.items()
        if name in ("languages", "segments", "required_fields")
    }

    def represent(self, rows: list[dict]) -> list[dict]:
        items = super().represent(rows)
        intakes = rows_by_owner(
            Intake.objects.filter(programme__in=[row["id"] for row in rows]),
            "programme_id",
            "year",
            "places",
            "applicants",
            "enrolled",
            "source_url",
            "is_example",
        )
        for row, item in zip(rows, items, strict=True):
            item["intakes"] = [
                {**intake, "source_url": text(intake["source_url"])}
                for intake in intakes[row["id"]]
            ]
        return items

    def taught(self, ids: list[int], codes: dict[str, dict[int, list]]) -> Taught:
        # Both in one query; written as ProgrammeSkillSerializer and ProgrammeOccupationSerializer write them.
        found = linked_dicts(
            ids,
            ["slug", "esco_uri", *translated_columns("label")],
            skills=Programme.skills,
            occupations=Programme.occupations,
        )
        return tuple(
            (
                defaultdict(
                    list,
                    {
                        owner: [
                            {
                                "slug": row["slug"],
                                "esco_uri": text(row["esco_uri"]),
                                "label": translated(row, "label"),
                            }
                            for row in rows
                        ]
                        for owner, rows in by_owner.items()
                    },
                ),
                defaultdict(
                    list,
                    {
                        owner: [text(row["esco_uri"]) for row in rows]
                        for owner, rows in by_owner.items()
                    },
                ),
            )
            for by_owner in (found["skills"], found["occupations"])
        )
