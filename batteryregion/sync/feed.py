"""The change feed: what changed in the API's resources since a moment, as a partner's mirror needs it.

One entry per record, at its latest change, oldest first, in the stable order (time, resource, identifier, record):

- records the viewer finds in the lists whose `modified` time is at or after the moment: "created" (created since),
  "discontinued" (a programme, actor or link now discontinued: still in ?state=discontinued and ?state=all) or
  "updated";
- tombstones ("deleted"), read from the history django-simple-history keeps: records whose newest version since the
  moment deleted them or took them out of the viewer's lists (back to draft; a need no longer published or no longer
  visible to the viewer, see skills.models.visible_needs), provided that some version of the record was ever in the
  viewer's lists. A record the viewer could never see leaves no trace;
- tombstones too for the records whose own state lists them but that a draft they show keeps out of the lists (a
  link whose actor is a draft), read from their current row when their modified time moved since the moment: such a
  link leaves the lists without a version of its own. Its id may then appear even if it was never listed.

Both come from one UNION ALL query over every resource, each branch reading its table or its history by time
(indexes on updated_at and history_date); a page costs that query and one for the old identifiers of its records.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast
from simple_history.utils import get_history_manager_for_model

from batteryregion.records import PublicationState, Publishable
from batteryregion.sync.models import IdentifierAlias
from batteryregion.sync.resources import Resource

COLUMNS = ("sync_time", "sync_resource", "sync_key", "sync_record", "sync_kind")
ORDER = ("sync_time", "sync_resource", "sync_key", "sync_record")


class Kind:
    CREATED = "created"
    UPDATED = "updated"
    DISCONTINUED = "discontinued"
    DELETED = "deleted"


@dataclass(frozen=True)
class Position:
    """Where a page ends: the order columns of its last entry."""

    time: datetime.datetime
    resource: str
    key: str
    record: int


@dataclass(frozen=True)
class Change:
    resource: Resource
    identifier: str
    record: int
    kind: str
    time: datetime.datetime
    previous_identifiers: list[str]

    @property
    def position(self) -> Position:
        return Position(self.time, self.resource.name, self.identifier, self.record)


def _after(resource: Resource, time_field: str, after: Position | None) -> Q:
    """The branch's rows that come after the position in the feed's order (the resource is fixed per branch)."""
    if after is None:
        return Q()
    if resource.name > after.resource:
        return Q(**{f"{time_field}__gte": after.time})
    if resource.name < after.resource:
        return Q(**{f"{time_field}__gt": after.time})
    return (
        Q(**{f"{time_field}__gt": after.time})
        | Q(**{time_field: after.time, "sync_key__gt": after.key})
        | Q(
            **{
                time_field: after.time,
                "sync_key": after.key,
                "sync_record__gt": after.record,
            }
        )
    )


def _columns(
    resource: Resource, *, time: str, record: str, kind: Any
) -> dict[str, Any]:
    """The feed's columns, in the order of COLUMNS (a UNION matches its branches' columns by position)."""
    return {
        "sync_time": F(time),
        "sync_resource": Value(resource.name, output_field=TextField()),
        "sync_key": Cast(resource.identifier, TextField()),
        "sync_record": F(record),
        "sync_kind": kind,
    }


def _listed_records(
    resource: Resource,
    user: AbstractBaseUser | AnonymousUser,
    since: datetime.datetime,
    after: Position | None,
) -> QuerySet:
    """The records in the viewer's lists changed since the moment, in the feed's columns."""
    kinds = [When(created_at__gte=since, then=Value(Kind.CREATED))]
    if issubclass(resource.model, Publishable):
        discontinued = When(
            state=PublicationState.DISCONTINUED, then=Value(Kind.DISCONTINUED)
        )
        kinds.insert(0, discontinued)
    # A record taken out of the lists by a draft it shows (a link whose actor went back to draft) leaves no history
    # version of its own, but its modified time moves (touch.py): a tombstone from its current row.
    if (hidden := resource.hidden_by_what_it_shows()) is not None:
        kinds.insert(0, When(hidden, then=Value(Kind.DELETED)))
    return (
        # A plain QuerySet: modeltranslation's rewrites values() and reorders its columns.
        QuerySet(resource.model)
        .order_by()
        .filter(resource.listed_by_own_state(user), updated_at__gte=since)
        .values(
            **_columns(
                resource,
                time="updated_at",
                record="pk",
                kind=Case(
                    *kinds, default=Value(Kind.UPDATED), output_field=TextField()
                ),
            )
        )
        .filter(_after(resource, "updated_at", after))
    )


def _tombstones(
    resource: Resource,
    user: AbstractBaseUser | AnonymousUser,
    since: datetime.datetime,
    after: Position | None,
) -> QuerySet:
    """The records whose newest version, made since the moment, took them out of the viewer's lists, and that were
    in them at some time."""
    history = get_history_manager_for_model(resource.model).model
    pk = resource.model._meta.pk.attname
    listed = resource.listed_by_own_state(user)
    newer = history.objects.filter(
        **{pk: OuterRef(pk)}, history_id__gt=OuterRef("history_id")
    )
    versions = history.objects.order_by().filter(history_date__gte=since)
    if listed == Q():
        versions = versions.filter(history_type="-")
    else:
        ever_listed = history.objects.filter(listed, **{pk: OuterRef(pk)})
        versions = versions.filter(Q(history_type="-") | ~listed).filter(
            Exists(ever_listed)
        )
    return (
        versions.filter(~Exists(newer))
        .values(
            **_columns(
                resource,
                time="history_date",
                record=pk,
                kind=Value(Kind.DELETED, output_field=TextField()),
            )
        )
        .filter(_after(resource, "history_date", after))
    )


def changes_since(
    resources: list[Resource],
    user: AbstractBaseUser | AnonymousUser,
    since: datetime.datetime,
    *,
    after: Position | None = None,
    limit: int,
) -> list[Change]:
    """Up to `limit` changes of these resources since the moment (inclusive) that come after the position, oldest
    first, as the user may see them (2 queries)."""
    branches = [
        branch(resource, user, since, after)
        for resource in resources
        for branch in (_listed_records, _tombstones)
    ]
    rows = list(branches[0].union(*branches[1:], all=True).order_by(*ORDER)[:limit])
    by_name = {resource.name: resource for resource in resources}
    previous = _previous_identifiers(rows, since)
    return [
        Change(
            resource=by_name[row["sync_resource"]],
            identifier=row["sync_key"],
            record=row["sync_record"],
            kind=row["sync_kind"],
            time=_aware(row["sync_time"]),
            previous_identifiers=previous[(row["sync_resource"], row["sync_record"])],
        )
        for row in rows
    ]


def _previous_identifiers(
    rows: list[dict[str, Any]], since: datetime.datetime
) -> defaultdict[tuple[str, int], list[str]]:
    """The identifiers the page's records left since the moment, oldest first (one query)."""
    found: defaultdict[tuple[str, int], list[str]] = defaultdict(list)
    if not rows:
        return found
    records = Q()
    for row in rows:
        records |= Q(resource=row["sync_resource"], record_id=row["sync_record"])
    aliases = (
        IdentifierAlias.objects.filter(records, created_at__gte=since)
        .order_by("created_at", "identifier")
        .values_list("resource", "record_id", "identifier")
    )
    for resource, record, identifier in aliases:
        found[(resource, record)].append(identifier)
    return found


def _aware(moment: datetime.datetime) -> datetime.datetime:
    # A UNION's datetime column may come back naive on SQLite; the database keeps UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)
