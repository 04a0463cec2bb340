"""The API's links between actors (list and detail): both actors with their names, countries, kinds and API addresses,
the kind of cooperation, its dates, description and segments, read as values() and written directly."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.request import Request

from batteryregion.row_serializers import (
    PLACEHOLDER,
    PLAIN_SLUG,
    RowListSerializer,
    RowSerializer,
    iso_date,
    linked,
    text,
    translated,
    translated_columns,
)
from batteryregion.serializers import EnumField, PublicSerializer, TranslatedField
from skills.actor_serializers import publication_state_field
from skills.models import Actor, ActorLink
from skills.serializers import CODES

ACTOR_DETAIL = "v1:actor-detail"
LINK_DETAIL = "v1:actor-link-detail"
SIDES = ("actor", "partner")
SIDE_COLUMNS = ("slug", "country", "kind")


class LinkedActorSerializer(PublicSerializer):
    """One of the two actors of a link, with the address of its own item in the API."""

    kind = EnumField("ActorKindEnum", choices=Actor.Kind.choices)
    name = TranslatedField()
    url = serializers.HyperlinkedIdentityField(
        view_name=ACTOR_DETAIL,
        lookup_field="slug",
        help_text=_("The actor's item in the API (/api/v1/actors/<slug>/)."),
    )

    class Meta:
        model = Actor
        fields = ["slug", "name", "country", "kind", "url"]


class ActorLinkSerializer(RowSerializer):
    """Two actors that cooperate, and how. A link is undirected: which one is "actor" and which "partner" says only
    where it was entered."""

    id = serializers.IntegerField(
        read_only=True,
        help_text=_(
            "The link's identifier: a number that never changes and is never given to another link."
        ),
    )
    url = serializers.HyperlinkedIdentityField(
        view_name=LINK_DETAIL,
        lookup_field="id",
        help_text=_("This link's item in the API."),
    )
    actor = LinkedActorSerializer(read_only=True)
    partner = LinkedActorSerializer(read_only=True)
    kind = EnumField("ActorLinkKindEnum", choices=ActorLink.Kind.choices)
    crosses_border = serializers.BooleanField(
        read_only=True,
        help_text=_("Whether the two actors are in different countries."),
    )
    description = TranslatedField()
    segments = serializers.SlugRelatedField(many=True, **CODES)
    state = publication_state_field()
    columns = (
        "id",
        "kind",
        "state",
        "started_on",
        "ended_on",
        *translated_columns("description"),
        "source_url",
        "verified_on",
        *(f"{side}__{column}" for side in SIDES for column in SIDE_COLUMNS),
        *translated_columns(*(f"{side}__name" for side in SIDES)),
    )

    class Meta:
        model = ActorLink
        fields = [
            "id",
            "url",
            "actor",
            "partner",
            "kind",
            "crosses_border",
            "state",
            "started_on",
            "ended_on",
            "description",
            "segments",
            "source_url",
            "verified_on",
        ]
        list_serializer_class = RowListSerializer

    def represent(self, rows: list[dict]) -> list[dict]:
        if not rows:
            return []
        request = self.context.get("request")
        actor_url = detail_urls(ACTOR_DETAIL, "slug", request)
        link_url = detail_urls(LINK_DETAIL, "id", request)
        segments = linked(
            [row["id"] for row in rows], segments=(ActorLink.segments, "code")
        )["segments"]
        return [
            {
                "id": row["id"],
                "url": link_url(str(row["id"])),
                "actor": side_item(row, "actor", actor_url),
                "partner": side_item(row, "partner", actor_url),
                "kind": row["kind"],
                "crosses_border": row["actor__country"] != row["partner__country"],
                "state": row["state"],
                "started_on": iso_date(row["started_on"]),
                "ended_on": iso_date(row["ended_on"]),
                "description": translated(row, "description"),
                "segments": segments[row["id"]],
                "source_url": text(row["source_url"]),
                "verified_on": iso_date(row["verified_on"]),
            }
            for row in rows
        ]


def side_item(row: dict, side: str, actor_url: Callable[[str], str]) -> dict:
    """One actor of a link as LinkedActorSerializer writes it, from the row's joined columns."""
    slug = row[f"{side}__slug"]
    return {
        "slug": slug,
        "name": translated(row, f"{side}__name"),
        "country": row[f"{side}__country"],
        "kind": row[f"{side}__kind"],
        "url": actor_url(slug),
    }


def detail_urls(
    view_name: str, argument: str, request: Request | Any | None
) -> Callable[[str], str]:
    """The absolute addresses of an API detail for many identifiers, as HyperlinkedIdentityField writes them, at the
    cost of one reverse() for the whole page."""

    def exact(value: str) -> str:
        path = reverse(view_name, kwargs={argument: value})
        return request.build_absolute_uri(path) if request else path

    before, after = exact(PLACEHOLDER).split(PLACEHOLDER)
    return lambda value: (
        before + value + after if PLAIN_SLUG.fullmatch(value) else exact(value)
    )
