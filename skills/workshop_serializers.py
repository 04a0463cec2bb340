"""The API's workshops and surveys with companies (list and detail), read as values() and written directly: when,
where, who organised it and took part, what it found (the competence needs the caller may see) and its summary.
The contact is personal data for coordinators only: never read here, never written."""

from collections import defaultdict

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from batteryregion.records import PublicationState
from batteryregion.row_serializers import (
    PageUrls,
    RowListSerializer,
    RowSerializer,
    iso_date,
    linked,
    text,
    translated,
    translated_columns,
)
from batteryregion.serializers import EnumField, PageUrlField, TranslatedField
from programmes.network_serializers import detail_urls
from skills.actor_serializers import SuccessorField
from skills.models import Workshop
from skills.selectors import actors_shown_in_workshops, needs_shown_in_workshops
from skills.serializers import CODES, SLUGS

WORKSHOP_DETAIL = "v1:workshop-detail"
WORKSHOP_PAGE = "gaps:workshop_detail"


@extend_schema_field(
    {
        "type": "string",
        "nullable": True,
        "description": "Slug of the organisation that organised it (/api/v1/actors/<slug>/); null while that "
        "organisation is a draft.",
    }
)
class OrganiserField(SuccessorField):
    """The organiser's slug; null when it is a draft (drafts have no page and no item in the API)."""


class WorkshopSerializer(RowSerializer):
    """A workshop or survey with companies: when and where, who organised it and took part, its public summary and
    the competence needs it identified that the caller may see. The contact person is never shown."""

    url = serializers.HyperlinkedIdentityField(
        view_name=WORKSHOP_DETAIL,
        lookup_field="slug",
        help_text=_("This workshop's item in the API."),
    )
    page_url = PageUrlField(WORKSHOP_PAGE)
    kind = EnumField("WorkshopKindEnum", choices=Workshop.Kind.choices)
    title = TranslatedField()
    summary = TranslatedField()
    organiser = OrganiserField()
    participants = serializers.SlugRelatedField(
        many=True,
        help_text=_(
            "The organisations that took part (/api/v1/actors/), drafts left out."
        ),
        **SLUGS,
    )
    segments = serializers.SlugRelatedField(many=True, **CODES)
    regions = serializers.SlugRelatedField(many=True, **CODES)
    needs = serializers.SlugRelatedField(
        source="competence_needs",
        many=True,
        help_text=_(
            "The competence needs the workshop identified that the caller may see (/api/v1/competence-needs/)."
        ),
        **SLUGS,
    )
    columns = (
        "id",
        "slug",
        "kind",
        "held_on",
        "place",
        "is_online",
        "is_summary_public",
        "organiser__slug",
        "organiser__state",
        *translated_columns("title", "summary"),
    )

    class Meta:
        model = Workshop
        fields = [
            "slug",
            "url",
            "page_url",
            "kind",
            "title",
            "held_on",
            "place",
            "is_online",
            "organiser",
            "participants",
            "segments",
            "regions",
            "summary",
            "is_summary_public",
            "needs",
        ]
        list_serializer_class = RowListSerializer

    def represent(self, rows: list[dict]) -> list[dict]:
        if not rows:
            return []
        request = self.context.get("request")
        # The bulk export has no request user: it writes what an anonymous caller reads.
        user = getattr(request, "user", None) or AnonymousUser()
        ids = [row["id"] for row in rows]
        codes = linked(
            ids,
            segments=(Workshop.segments, "code"),
            regions=(Workshop.regions, "code"),
        )
        participants = _participant_slugs(ids)
        needs: defaultdict[int, list[str]] = defaultdict(list)
        for workshop_id, slug in (
            needs_shown_in_workshops(user)
            .filter(workshop_id__in=ids)
            .values_list("workshop_id", "slug")
        ):
            needs[workshop_id].append(slug)
        api_url = detail_urls(WORKSHOP_DETAIL, "slug", request)
        page_urls = PageUrls(WORKSHOP_PAGE, request)
        return [
            {
                "slug": row["slug"],
                "url": api_url(row["slug"]),
                "page_url": page_urls(row["slug"]),
                "kind": row["kind"],
                "title": translated(row, "title"),
                "held_on": iso_date(row["held_on"]),
                "place": text(row["place"]),
                "is_online": row["is_online"],
                "organiser": None
                if row["organiser__state"] == PublicationState.DRAFT
                else row["organiser__slug"],
                "participants": participants[row["id"]],
                "segments": codes["segments"][row["id"]],
                "regions": codes["regions"][row["id"]],
                "summary": translated(row, "summary"),
                "is_summary_public": row["is_summary_public"],
                "needs": needs[row["id"]],
            }
            for row in rows
        ]


def _participant_slugs(ids: list[int]) -> defaultdict[int, list[str]]:
    """The slugs of the organisations that took part in each workshop, drafts left out, by slug (one query)."""
    found: defaultdict[int, list[str]] = defaultdict(list)
    for workshop_id, slug in (
        actors_shown_in_workshops()
        .filter(workshops__in=ids)
        .values_list("workshops", "slug")
    ):
        found[workshop_id].append(slug)
    return found
