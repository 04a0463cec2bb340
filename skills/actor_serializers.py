"""The API's actors, their sites and competence needs (list and detail), read as values() and written directly."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from batteryregion.records import PublicationState
from batteryregion.row_serializers import (
    SUCCESSOR_COLUMNS,
    PageUrls,
    RowListSerializer,
    RowSerializer,
    iso_date,
    linked,
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
from skills.models import (
    Actor,
    CompetenceNeed,
    Site,
)
from skills.serializers import CODES, SLUGS, EqfUriField, eqf_uri, esco_uris_field


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
        **place_item(site),
        "is_main": site["is_main"],
    }


class CompetenceNeedSerializer(RowSerializer):
    """A stated need for people; is_example marks illustrations written by the project."""

    employer = serializers.SlugRelatedField(**SLUGS, allow_null=True)
    occupation = serializers.SlugRelatedField(**SLUGS, allow_null=True)
    occupation_esco_uri = serializers.URLField(
        source="occupation.esco_uri",
        read_only=True,
        allow_null=True,
        help_text=_("The occupation's ESCO URI; null for a local occupation."),
    )
    skills = serializers.SlugRelatedField(many=True, **SLUGS)
    skill_esco_uris = esco_uris_field(source="skills")
    segments = serializers.SlugRelatedField(many=True, **CODES)
    region = serializers.SlugRelatedField(**CODES)
    min_level_uri = EqfUriField(source="min_level")
    max_level_uri = EqfUriField(source="max_level")
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
        "occupation__esco_uri",
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
            "occupation_esco_uri",
            "skills",
            "skill_esco_uris",
            "segments",
            "headcount",
            "target_year",
            "region",
            "min_level",
            "min_level_uri",
            "max_level",
            "max_level_uri",
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
            skills=(CompetenceNeed.skills, ("slug", "esco_uri")),
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
                "occupation_esco_uri": text(row["occupation__esco_uri"]),
                "skills": [slug for slug, _uri in codes["skills"][row["id"]]],
                "skill_esco_uris": [
                    text(uri) for _slug, uri in codes["skills"][row["id"]]
                ],
                "segments": codes["segments"][row["id"]],
                "headcount": row["headcount"],
                "target_year": row["target_year"],
                "region": row["region__code"],
                "min_level": row["min_level"],
                "min_level_uri": eqf_uri(row["min_level"]),
                "max_level": row["max_level"],
                "max_level_uri": eqf_uri(row["max_level"]),
                "urgency": row["urgency"],
                "stated_on": iso_date(row["stated_on"]),
                "description": translated(row, "description"),
            }
            for row in rows
        ]
