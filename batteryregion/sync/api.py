"""/api/v1/changes/: the change feed (feed.py) with its parameters, a cursor to page on, and the entries' JSON."""

import base64
import binascii
import datetime
import json
from typing import Any
from urllib.parse import quote

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from batteryregion.query_parameters import KnownQueryParameters
from batteryregion.row_serializers import utc_time
from batteryregion.serializers import EnumField, PartnerPagination
from batteryregion.sync.feed import Change, Kind, Position, changes_since
from batteryregion.sync.filters import MOMENT_SCHEMA, parse_moment
from batteryregion.sync.models import IdentifierAlias
from batteryregion.sync.resources import Resource, resources

KINDS = [
    (Kind.CREATED, _("Created")),
    (Kind.UPDATED, _("Updated")),
    (Kind.DISCONTINUED, _("Discontinued")),
    (Kind.DELETED, _("Deleted")),
]


class ChangeSerializer(serializers.Serializer):
    """A change of one record: fetch `url` and keep the item under `identifier` (and drop the item under each of
    `previous_identifiers`), or drop the item when `kind` is deleted."""

    type = serializers.CharField(
        read_only=True,
        help_text=_("The resource: segment, region, programme, competence-need …"),
    )
    identifier = serializers.CharField(
        read_only=True,
        help_text=_("The slug or code that the resource's detail URL takes."),
    )
    kind = EnumField("ChangeKindEnum", choices=KINDS)
    time = serializers.DateTimeField(
        read_only=True,
        help_text=_(
            "When the change was made: the record's modified time, or when it was deleted (UTC)."
        ),
    )
    url = serializers.URLField(
        read_only=True,
        allow_null=True,
        help_text=_("The record's detail in the API; null for a deleted record."),
    )
    previous_identifiers = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_(
            "Identifiers the record had since the moment asked for, oldest first (it was renamed)."
        ),
    )


class ChangeFeedFilter(BaseFilterBackend):
    """?since= (required) and ?type= of the change feed."""

    def parse(self, request: Request) -> tuple[datetime.datetime, list[Resource]]:
        raw = request.query_params.get("since")
        if not raw:
            message = gettext(
                "Give the moment to read the changes from, such as ?since=2026-01-31T08:00:00Z."
            )
            raise ValidationError({"since": [message]})
        since = parse_moment(raw, "since")
        known = resources()
        names = [
            name.strip()
            for value in request.query_params.getlist("type")
            for name in value.split(",")
            if name.strip()
        ]
        unknown = [name for name in names if name not in known]
        if unknown:
            message = gettext(
                "Unknown resource type %(types)s; choose from %(known)s."
            ) % {"types": ", ".join(unknown), "known": ", ".join(known)}
            raise ValidationError({"type": [message]})
        chosen = [known[name] for name in dict.fromkeys(names)] or list(known.values())
        return since, chosen

    def filter_queryset(self, request: Request, queryset: Any, view: APIView) -> Any:
        return queryset

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        return [
            {
                "name": "since",
                "required": True,
                "in": "query",
                "description": str(
                    _(
                        "Changes made at or after this moment: an ISO 8601 date-time with its time zone "
                        "(2026-01-31T08:00:00Z) or a date (from its start, UTC)."
                    )
                ),
                "schema": MOMENT_SCHEMA,
            },
            {
                "name": "type",
                "required": False,
                "in": "query",
                "description": str(
                    _(
                        "Only changes of these resources (repeat the parameter or separate with commas); all when "
                        "left out."
                    )
                ),
                "schema": {
                    "type": "array",
                    "items": {"type": "string", "enum": list(resources())},
                },
                "style": "form",
                "explode": True,
            },
        ]


class ChangeCursorPagination(BasePagination):
    """Pages of 100 entries (?page_size= 1–200); `next` carries a cursor to the entry after the page's last, so
    that changes made while a partner pages never shift an entry past them."""

    page_size = 100
    cursor_query_param = "cursor"

    def parse(self, request: Request) -> tuple[Position | None, int]:
        size = PartnerPagination()
        size.page_size = self.page_size
        raw = request.query_params.get(self.cursor_query_param)
        return (self._decode(raw) if raw else None), size.get_page_size(request)

    def _decode(self, raw: str) -> Position:
        try:
            time, resource, key, record = json.loads(
                base64.urlsafe_b64decode(raw.encode("ascii") + b"==")
            )
            return Position(
                datetime.datetime.fromisoformat(time),
                str(resource),
                str(key),
                int(record),
            )
        except (ValueError, TypeError, binascii.Error, UnicodeError):
            message = gettext(
                "This cursor is not one the change feed gave; use the next link as it is."
            )
            raise ValidationError({self.cursor_query_param: [message]}) from None

    @staticmethod
    def encode(position: Position) -> str:
        data = [
            position.time.isoformat(),
            position.resource,
            position.key,
            position.record,
        ]
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": str(
                    _(
                        "Where the page starts: take it from the previous page's next link."
                    )
                ),
                "schema": {"type": "string"},
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": str(
                    _("Entries per page, from 1 to 200 (100 when left out).")
                ),
                "schema": {"type": "integer", "minimum": 1, "maximum": 200},
            },
        ]

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }


class ChangeViewSet(KnownQueryParameters, viewsets.GenericViewSet):
    """What changed in the API's resources since a moment, oldest first: one entry per record at its latest change.

    Created, updated and discontinued records come with their detail URL; deleted ones are tombstones. A record
    that leaves your view (back to draft; a competence need no longer published or no longer visible to you) is
    deleted for you; one you could never see does not appear. A renamed record is updated, with its
    previous_identifiers. Apply the entries in order and your copy ends as the lists show the data (?state=all for
    programmes and actors)."""

    serializer_class = ChangeSerializer
    # The feed reads its rows itself (feed.changes_since); the browsable API wants a queryset to draw filter forms.
    queryset = IdentifierAlias.objects.none()
    filter_backends = [ChangeFeedFilter]
    pagination_class = ChangeCursorPagination

    @extend_schema(operation_id="changes_list")
    def list(self, request: Request) -> Response:
        since, chosen = ChangeFeedFilter().parse(request)
        paginator = ChangeCursorPagination()
        after, size = paginator.parse(request)
        changes = changes_since(
            chosen, request.user, since, after=after, limit=size + 1
        )
        page, more = changes[:size], len(changes) > size
        following = None
        if more:
            following = replace_query_param(
                request.build_absolute_uri(),
                paginator.cursor_query_param,
                paginator.encode(page[-1].position),
            )
        return Response({"next": following, "results": entries(request, page)})


def entries(request: Request, page: list[Change]) -> list[dict[str, Any]]:
    """The page's changes as the API writes them; one reverse() per resource on the page."""
    templates: dict[str, str] = {}
    entries = []
    for change in page:
        url = None
        if change.kind != Kind.DELETED:
            name = change.resource.name
            if name not in templates:
                path = reverse(
                    f"v1:{name}-detail",
                    kwargs={change.resource.identifier: "__identifier__"},
                )
                templates[name] = request.build_absolute_uri(path)
            url = templates[name].replace(
                "__identifier__", quote(change.identifier, safe="")
            )
        entries.append(
            {
                "type": change.resource.name,
                "identifier": change.identifier,
                "kind": change.kind,
                "time": utc_time(change.time),
                "url": url,
                "previous_identifiers": change.previous_identifiers,
            }
        )
    return entries
