"""The API's cooperation actions (list and detail): what an action is, its state and dates, what it addresses (segments,
occupations, skills, regions, the competence needs the viewer may see, programmes), the organisations taking part
and the figures promised and achieved, read as values() and written directly. The responsible coordinator is a
person: never shown."""

from collections import defaultdict
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from batteryregion.row_serializers import (
    RowListSerializer,
    RowSerializer,
    iso_date,
    linked,
    rows_by_owner,
    translated,
    translated_columns,
)
from batteryregion.serializers import EnumField, PublicSerializer, TranslatedField
from gaps.cooperation.models import Action, ActionFigure, ActionParticipant
from gaps.cooperation.selectors import (
    needs_shown_in_actions,
    participants_shown_in_actions,
    programmes_shown_in_actions,
)
from programmes.network_serializers import ACTOR_DETAIL, detail_urls
from skills.serializers import CODES, SLUGS, esco_uris_field

ACTION_DETAIL = "v1:cooperation-action-detail"


class ActionParticipantSerializer(PublicSerializer):
    """An organisation taking part in an action, its role, and the address of its own item in the API."""

    slug = serializers.SlugField(source="actor.slug", read_only=True)
    name = TranslatedField(source="actor")
    country = serializers.CharField(
        source="actor.country",
        read_only=True,
        help_text=_("The organisation's country: FI or SE."),
    )
    role = EnumField("ActionRoleEnum", choices=ActionParticipant.Role.choices)
    url = serializers.HyperlinkedRelatedField(
        source="actor",
        view_name=ACTOR_DETAIL,
        lookup_field="slug",
        read_only=True,
        help_text=_("The organisation's item in the API (/api/v1/actors/<slug>/)."),
    )

    class Meta:
        model = ActionParticipant
        fields = ["slug", "name", "country", "role", "url"]


class ActionFigureSerializer(PublicSerializer):
    """A figure the action promises, what it has achieved so far (null before anything is), and the dates."""

    measure = EnumField("ActionMeasureEnum", choices=ActionFigure.Measure.choices)

    class Meta:
        model = ActionFigure
        fields = ["measure", "promised", "achieved", "due_on", "achieved_on"]


class ActionSerializer(RowSerializer):
    """A joint action of the partnership to close gaps: what, how far it has come, what it addresses, who takes part
    and the figures it promises. Needs are those the caller may see; organisations those with an item in the API."""

    url = serializers.HyperlinkedIdentityField(
        view_name=ACTION_DETAIL,
        lookup_field="slug",
        help_text=_("This action's item in the API."),
    )
    kind = EnumField("ActionKindEnum", choices=Action.Kind.choices)
    state = EnumField("ActionStateEnum", choices=Action.State.choices)
    title = TranslatedField()
    description = TranslatedField()
    dropped_reason = TranslatedField(
        help_text=_(
            "Why the action was dropped, per language; null in every language unless it was dropped."
        )
    )
    segments = serializers.SlugRelatedField(many=True, **CODES)
    occupations = serializers.SlugRelatedField(many=True, **SLUGS)
    occupation_esco_uris = esco_uris_field(source="occupations")
    skills = serializers.SlugRelatedField(many=True, **SLUGS)
    skill_esco_uris = esco_uris_field(source="skills")
    regions = serializers.SlugRelatedField(many=True, **CODES)
    needs = serializers.SlugRelatedField(
        many=True,
        help_text=_(
            "The competence needs the action addresses that the caller may see (/api/v1/competence-needs/)."
        ),
        **SLUGS,
    )
    programmes = serializers.SlugRelatedField(
        many=True,
        help_text=_("The programmes the action concerns, drafts left out."),
        **SLUGS,
    )
    participants = ActionParticipantSerializer(many=True, read_only=True)
    figures = ActionFigureSerializer(many=True, read_only=True)
    columns = (
        "id",
        "slug",
        "kind",
        "state",
        "starts_on",
        "ends_on",
        "visibility",
        "is_example",
        *translated_columns("title", "description", "dropped_reason"),
    )

    class Meta:
        model = Action
        fields = [
            "slug",
            "url",
            "kind",
            "state",
            "dropped_reason",
            "title",
            "description",
            "starts_on",
            "ends_on",
            "visibility",
            "is_example",
            "segments",
            "occupations",
            "occupation_esco_uris",
            "skills",
            "skill_esco_uris",
            "regions",
            "needs",
            "programmes",
            "participants",
            "figures",
        ]
        list_serializer_class = RowListSerializer

    def represent(self, rows: list[dict]) -> list[dict]:
        if not rows:
            return []
        request = self.context.get("request")
        # The bulk export has no request user: it writes what an anonymous caller reads.
        user = getattr(request, "user", None) or AnonymousUser()
        ids = [row["id"] for row in rows]
        addressed = linked(
            ids,
            segments=(Action.segments, "code"),
            occupations=(Action.occupations, ("slug", "esco_uri")),
            skills=(Action.skills, ("slug", "esco_uri")),
            regions=(Action.regions, "code"),
        )
        needs = _slugs_by_action(needs_shown_in_actions(user), ids)
        programmes = _slugs_by_action(programmes_shown_in_actions(), ids)
        participants = rows_by_owner(
            participants_shown_in_actions().filter(action_id__in=ids),
            "action_id",
            "role",
            "actor__slug",
            "actor__country",
            *translated_columns("actor__name"),
        )
        figures = rows_by_owner(
            ActionFigure.objects.filter(action_id__in=ids),
            "action_id",
            "measure",
            "promised",
            "achieved",
            "due_on",
            "achieved_on",
        )
        action_url = detail_urls(ACTION_DETAIL, "slug", request)
        actor_url = detail_urls(ACTOR_DETAIL, "slug", request)
        return [
            {
                "slug": row["slug"],
                "url": action_url(row["slug"]),
                "kind": row["kind"],
                "state": row["state"],
                "dropped_reason": translated(row, "dropped_reason"),
                "title": translated(row, "title"),
                "description": translated(row, "description"),
                "starts_on": iso_date(row["starts_on"]),
                "ends_on": iso_date(row["ends_on"]),
                "visibility": row["visibility"],
                "is_example": row["is_example"],
                "segments": addressed["segments"][row["id"]],
                "occupations": [
                    slug for slug, _uri in addressed["occupations"][row["id"]]
                ],
                "occupation_esco_uris": [
                    uri for _slug, uri in addressed["occupations"][row["id"]]
                ],
                "skills": [slug for slug, _uri in addressed["skills"][row["id"]]],
                "skill_esco_uris": [
                    uri for _slug, uri in addressed["skills"][row["id"]]
                ],
                "regions": addressed["regions"][row["id"]],
                "needs": needs[row["id"]],
                "programmes": programmes[row["id"]],
                "participants": [
                    {
                        "slug": participant["actor__slug"],
                        "name": translated(participant, "actor__name"),
                        "country": participant["actor__country"],
                        "role": participant["role"],
                        "url": actor_url(participant["actor__slug"]),
                    }
                    for participant in participants[row["id"]]
                ],
                "figures": [
                    {
                        "measure": figure["measure"],
                        "promised": figure["promised"],
                        "achieved": figure["achieved"],
                        "due_on": iso_date(figure["due_on"]),
                        "achieved_on": iso_date(figure["achieved_on"]),
                    }
                    for figure in figures[row["id"]]
                ],
            }
            for row in rows
        ]


def _slugs_by_action(records: Any, ids: list[int]) -> defaultdict[int, list[str]]:
    """The slugs of the records (needs, programmes) linked to each action, in the records' own order (one query)."""
    found: defaultdict[int, list[str]] = defaultdict(list)
    for action_id, slug in records.filter(actions__in=ids).values_list(
        "actions", "slug"
    ):
        found[action_id].append(slug)
    return found
