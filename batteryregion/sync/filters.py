"""?modified_since= on every list of the partner API: the records whose `modified` time is at or after the moment,
oldest change first, so that a partner pages through the changes in a stable order."""

import datetime
import re
from typing import Any

from django.db.models import QuerySet
from django.utils import dateparse
from django.utils import timezone as django_timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend
from rest_framework.request import Request
from rest_framework.views import APIView

# "+02:00" in a query string that was not percent-encoded arrives as " 02:00".
_UNENCODED_OFFSET = re.compile(r" (\d{2}(?::?\d{2})?)$")


# A moment in the OpenAPI schema, as parse_moment() reads it.
MOMENT_SCHEMA = {
    "anyOf": [
        {"type": "string", "format": "date-time"},
        {"type": "string", "format": "date"},
    ],
    "example": "2026-01-31T08:00:00Z",
}


def parse_moment(raw: str, parameter: str) -> datetime.datetime:
    """An ISO 8601 date-time with its time zone (Z or an offset), or a date (its start, in UTC); anything else is a
    400 naming the parameter."""
    # RFC 3339 allows a lower-case "t" and "z".
    value = _UNENCODED_OFFSET.sub(r"+\1", raw.strip()).upper()
    moment = None
    try:
        # A date first: parse_datetime() would take it for a time without a zone.
        if (day := dateparse.parse_date(value)) is not None:
            moment = datetime.datetime.combine(day, datetime.time.min, datetime.UTC)
        else:
            moment = dateparse.parse_datetime(value)
    except ValueError:  # well formed, but no such day or hour (2026-02-30)
        moment = None
    if moment is not None and not django_timezone.is_naive(moment):
        try:
            moment = moment.astimezone(datetime.UTC)
        except OverflowError:  # the first or last day of the calendar in a far time zone: everything, or nothing
            limit = datetime.datetime.min if moment.year == 1 else datetime.datetime.max
            moment = limit.replace(tzinfo=datetime.UTC)
    if moment is None or django_timezone.is_naive(moment):
        message = gettext(
            "Enter a date (2026-01-31) or a date and time with its time zone (2026-01-31T08:00:00Z or "
            "2026-01-31T10:00:00+02:00)."
        )
        raise ValidationError({parameter: [message]})
    return moment


class ModifiedSinceFilter(BaseFilterBackend):
    """?modified_since=: records created or changed at or after the moment (their `modified` time), ordered by
    (modified, id); without it, a list keeps its own order. Used by every list of a resource with a detail."""

    parameter = "modified_since"
    description = _(
        "Only records whose `modified` time is at or after this moment: an ISO 8601 date-time with its time zone "
        "(2026-01-31T08:00:00Z) or a date (from its start, UTC). The list then comes oldest change first, ordered "
        "by modified time and then by record, so that you can page through the changes."
    )

    @staticmethod
    def applies(view: APIView) -> bool:
        from skills.api import PublicViewSet

        return isinstance(view, PublicViewSet)

    def filter_queryset(
        self, request: Request, queryset: QuerySet, view: APIView
    ) -> QuerySet:
        raw = request.query_params.get(self.parameter)
        if raw is None or not self.applies(view) or view.action != "list":
            return queryset
        since = parse_moment(raw, self.parameter)
        return queryset.filter(updated_at__gte=since).order_by("updated_at", "pk")

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        if not self.applies(view):
            return []
        return [
            {
                "name": self.parameter,
                "required": False,
                "in": "query",
                "description": str(self.description),
                "schema": MOMENT_SCHEMA,
            }
        ]
