"""Row serializers: pages of the partner API written from values() rows, and the helpers that write a row's values as
the fields of batteryregion/serializers.py would.

DRF's ModelSerializer copies and builds every field per request and runs get_attribute() and to_representation()
per value, and prefetch_related() builds a model instance (and a related manager) per related row: for a page of
programmes that was nine tenths of the time. A row serializer keeps its declared fields as the schema, reads the
rows as values() dicts, fetches each kind of related row for the whole page in one query, and writes the items
directly. tests/api/test_api_costs.py checks every one against DRF's own output for the same records.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from django.db import models
from django.db.models import F, QuerySet, Value, Window
from django.db.models.fields.related_descriptors import ManyToManyDescriptor
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.request import Request

from batteryregion.records import PublicationState
from batteryregion.serializers import LANGUAGE_CODES, PublicSerializer, text_lines


class RowListSerializer(serializers.ListSerializer):
    """A page of a RowSerializer: the child writes all the rows at once, so related rows load once per page."""

    def to_representation(self, data: Iterable[dict[str, Any]]) -> list[dict]:
        return self.child.items(list(data))


def utc_time(value: datetime | None) -> str | None:
    """A time as UtcTimeField writes it: ISO 8601 in UTC, "Z" for the offset."""
    if value is None:
        return None
    written = value.astimezone(UTC).isoformat()
    return (
        written.removesuffix("+00:00") + "Z" if written.endswith("+00:00") else written
    )


def utc_time_field(source: str, help_text: str) -> serializers.DateTimeField:
    return serializers.DateTimeField(
        source=source, read_only=True, default_timezone=UTC, help_text=help_text
    )


TIMESTAMPS = ("created", "modified")


class RowSerializer(PublicSerializer):
    # No docstring: drf-spectacular would show it as every subclass's description.
    # Subclasses name the values() `columns` they read and write their items in represent(); their Meta sets
    # list_serializer_class = RowListSerializer. Every item ends with the record's created and modified times, which
    # partners sync by (batteryregion/sync); they are added here, for every resource alike.

    created = utc_time_field(
        "created_at", _("When the record was created (ISO 8601, UTC).")
    )
    modified = utc_time_field(
        "updated_at",
        _(
            "When anything in this item last changed, its parts and the names and codes it shows included (ISO "
            "8601, UTC); ?modified_since= filters by it."
        ),
    )
    columns: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "created_at" not in cls.columns:
            cls.columns = (*cls.columns, "created_at", "updated_at")
        meta = cls.__dict__.get("Meta")
        if meta is not None and "fields" in meta.__dict__:
            meta.fields = [
                *(name for name in meta.fields if name not in TIMESTAMPS),
                *TIMESTAMPS,
            ]

    @classmethod
    def rows(cls, queryset: QuerySet) -> QuerySet:
        """The queryset's rows as dicts of `columns`; its prefetches are for model instances, so they go."""
        return queryset.prefetch_related(None).values(*cls.columns)

    def to_representation(self, row: dict[str, Any]) -> dict[str, Any]:
        return self.items([row])[0]

    def items(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The items of represent(), each ending with its created and modified times."""
        written = self.represent(rows)
        for row, item in zip(rows, written, strict=True):
            item["created"] = utc_time(row["created_at"])
            item["modified"] = utc_time(row["updated_at"])
        return written

    def represent(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The items of these rows, in their order, in a fixed number of queries."""
        raise NotImplementedError


def translated_columns(*fields: str) -> tuple[str, ...]:
    """The columns of translated fields: ("name_fi", "name_sv", "name_en", …); fields may name a join (site__town)."""
    return tuple(f"{field}_{code}" for field in fields for code in LANGUAGE_CODES)


def translated(row: dict[str, Any], field: str) -> dict[str, str | None]:
    """A translated field of a row as TranslatedField writes it: null where a language is missing."""
    return {code: row[f"{field}_{code}"] or None for code in LANGUAGE_CODES}


def translated_lines(row: dict[str, Any], field: str) -> dict[str, list[str]]:
    """A translated one-entry-a-line field of a row as TranslatedLinesField writes it: a list per language."""
    return {code: text_lines(row[f"{field}_{code}"]) for code in LANGUAGE_CODES}


def origins(row: dict[str, Any], field: str) -> dict[str, str]:
    """An origin field of a row as OriginField writes it."""
    return {code: row[f"{field}_{code}"] for code in LANGUAGE_CODES}


def text(value: str | None) -> str | None:
    """Text that may be blank, as PublicSerializer writes it: null, never ""."""
    return value or None


def iso_date(value: date | None) -> str | None:
    """A date as DRF's DateField writes it (ISO 8601)."""
    return value.isoformat() if value else None


def rounded(value: float | None, digits: int) -> float | None:
    """A figure as RoundedFloatField writes it."""
    return None if value is None else round(float(value), digits)


def number(value: Decimal | None) -> float | None:
    """A decimal of the model's own precision as a JSON number, as a DecimalField with coerce_to_string=False and the
    JSON renderer write it (quantizing to the model's places changes nothing)."""
    return None if value is None else float(value)


def public_successor_slug(row: dict[str, Any]) -> str | None:
    """SuccessorField's value from the successor__slug and successor__state columns: none for a draft."""
    if row["successor__state"] == PublicationState.DRAFT:
        return None
    return row["successor__slug"]


SUCCESSOR_COLUMNS = ("successor__slug", "successor__state")


def rows_by_owner(
    queryset: QuerySet, owner: str, *columns: str
) -> defaultdict[Any, list[dict[str, Any]]]:
    """The `columns` of the queryset's rows grouped by their `owner` column, in the queryset's order (one query)."""
    groups: defaultdict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in queryset.values(owner, *columns):
        groups[row.pop(owner)].append(row)
    return groups


def linked(
    owners: list[Any], **relations: tuple[ManyToManyDescriptor, str | tuple[str, ...]]
) -> dict[str, defaultdict[Any, list[Any]]]:
    """One column of the rows that many-to-many fields link each owner to, in the linked model's order (as a
    prefetch has them): what SlugRelatedField(many=True) writes. One query for all the fields (UNION ALL).

    `relations` name each field with its descriptor and column: segments=(Programme.segments, "code"); a tuple of
    columns gives tuples: skills=(Programme.skills, ("slug", "esco_uri")). Returns {name: {owner id: [value, …]}}.
    """
    found = _linked_rows(
        owners,
        {
            name: (relation, list(column) if isinstance(column, tuple) else [column])
            for name, (relation, column) in relations.items()
        },
    )
    return {
        name: defaultdict(
            list,
            {
                owner: [
                    row if isinstance(relations[name][1], tuple) else row[0]
                    for row in rows
                ]
                for owner, rows in by_owner.items()
            },
        )
        for name, by_owner in found.items()
    }


def linked_dicts(
    owners: list[Any], columns: list[str], **relations: ManyToManyDescriptor
) -> dict[str, defaultdict[Any, list[dict[str, Any]]]]:
    """Like linked(), with several columns (the same for every field) as dicts: {name: {owner id: [{column: …}]}}."""
    found = _linked_rows(
        owners, {name: (relation, columns) for name, relation in relations.items()}
    )
    return {
        name: defaultdict(
            list,
            {
                owner: [dict(zip(columns, row, strict=True)) for row in rows]
                for owner, rows in by_owner.items()
            },
        )
        for name, by_owner in found.items()
    }


def _linked_rows(
    owners: list[Any], relations: dict[str, tuple[ManyToManyDescriptor, list[str]]]
) -> dict[str, defaultdict[Any, list[tuple]]]:
    """The columns of the linked rows per field and owner. Each field's part numbers its rows in the linked model's
    order, so that the order survives the union; a single field needs no union, and its query is simply ordered (a
    window function costs more to compile than the query takes to run)."""
    single = len(relations) == 1
    # The parts of a union have one width: a field with fewer columns repeats its first to fill the row.
    width = max(len(columns) for _relation, columns in relations.values())
    parts = []
    for name, (relation, columns) in relations.items():
        field = relation.field
        owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        order = [
            F(f"{target}__{key[1:]}").desc()
            if key.startswith("-")
            else F(f"{target}__{key}").asc()
            for key in field.related_model._meta.ordering
        ]
        links = relation.through.objects.filter(**{f"{owner}__in": owners}).annotate(
            part=Value(name, output_field=models.CharField()),
            position=Value(0) if single else Window(RowNumber(), order_by=order),
        )
        if single:
            links = links.order_by(*order)  # the stable sort below keeps this order
        parts.append(
            links.values_list(
                "part",
                "position",
                f"{owner}_id",
                *(f"{target}__{column}" for column in columns),
                *[f"{target}__{columns[0]}"] * (width - len(columns)),
            )
        )
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    found: dict[str, defaultdict[Any, list[tuple]]] = {
        name: defaultdict(list) for name in relations
    }
    for part, _position, owner_id, *values in sorted(rows, key=lambda row: row[:2]):
        found[part][owner_id].append(tuple(values[: len(relations[part][1])]))
    return found


# Slugs, codes and keys that reverse() and build_absolute_uri() leave as they are (the slug path converter's
# characters); anything else takes the exact way.
PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
PLACEHOLDER = "__slug__"


class PageUrls:
    """The absolute addresses of a public page in each language for many slugs, as PageUrlField writes them, at the
    cost of one reverse() per language for the whole page instead of three reverse() and build_absolute_uri() per item.

    `variable` names the URL argument that changes from item to item; `fixed` gives the others.
    """

    def __init__(
        self,
        view_name: str,
        request: Request | None,
        variable: str = "slug",
        **fixed: str,
    ) -> None:
        self.view_name, self.request = view_name, request
        self.variable, self.fixed = variable, fixed
        self.templates = {
            code: self._exact(code, PLACEHOLDER).split(PLACEHOLDER)
            for code in LANGUAGE_CODES
        }

    def _exact(self, code: str, value: str) -> str:
        # Page addresses carry their language (/fi/…), so each one is reversed in its own.
        with translation.override(code):
            path = reverse(self.view_name, kwargs={**self.fixed, self.variable: value})
        return self.request.build_absolute_uri(path) if self.request else path

    def __call__(self, value: str) -> dict[str, str]:
        if not PLAIN_SLUG.fullmatch(value):
            return {code: self._exact(code, value) for code in LANGUAGE_CODES}
        return {code: value.join(parts) for code, parts in self.templates.items()}


def place_item(row: dict[str, Any], site: str = "") -> dict[str, Any]:
    """Where a site is (town, region, coordinates) as the API writes it; `site` prefixes the columns ("site__")."""
    return {
        "town": translated(row, f"{site}town"),
        "region": row[f"{site}region__code"],
        "latitude": number(row[f"{site}latitude"]),
        "longitude": number(row[f"{site}longitude"]),
    }
