"""Pieces every partner API serializer shares: translated text, page links, blank-as-null text, pagination, and the
row serializers that write pages from values() rows."""

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, QuerySet, Value, Window
from django.db.models.fields.related_descriptors import ManyToManyDescriptor
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_choice_description_list, build_choice_field
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.views import APIView

from batteryregion.records import PublicationState
from skills.models import Origin

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class EnumField(serializers.ChoiceField):
    """A read-only choice field that the schema describes once, as the enum component `enum_name`.

    drf-spectacular names enums after the field, so two "kind" fields with different choices, or one set
    of choices under the names "fi", "sv" and "en", would come out with hashed names and warnings.
    """

    def __init__(self, enum_name: str, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)
        self.enum_name = enum_name


class EnumFieldExtension(OpenApiSerializerFieldExtension):
    target_class = EnumField
    match_subclasses = True

    def get_name(self) -> str:
        return self.target.enum_name

    def map_serializer_field(
        self, auto_schema: AutoSchema, direction: str
    ) -> dict[str, Any]:
        schema = build_choice_field(self.target)
        schema["description"] = build_choice_description_list(
            self.target.choices.items()
        )
        return schema


def _per_language(
    name: str, doc: str, make_field: Callable[[], serializers.Field]
) -> type[serializers.Serializer]:
    """A schema-only serializer with one field per interface language; drf-spectacular makes it a component."""
    fields = {code: make_field() for code in LANGUAGE_CODES}
    return type(name, (serializers.Serializer,), {"__doc__": doc, **fields})


# The docs are the component descriptions partners read in the schema.
TranslatedTextSerializer = _per_language(
    "TranslatedTextSerializer",
    "The text in Finnish, Swedish and English; null where it is missing in that language (no fallback).",
    lambda: serializers.CharField(allow_null=True),
)
OriginsSerializer = _per_language(
    "OriginsSerializer",
    "Where the text in each language comes from: ESCO, or the project's own translation.",
    lambda: EnumField("OriginEnum", choices=Origin.choices),
)
PageUrlsSerializer = _per_language(
    "PageUrlsSerializer", "The public page in each language.", serializers.URLField
)


@extend_schema_field(TranslatedTextSerializer)
class TranslatedField(serializers.Field):
    """Read-only {"fi": ..., "sv": ..., "en": ...}; null where a language is missing (no fallback here).

    `field` names the translated model field when it differs from the serializer field's name, and
    `source` the related object that holds it (an offering's town is its site's).
    """

    def __init__(self, field: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("source", "*")
        super().__init__(read_only=True, **kwargs)
        self.translated_field = field

    def to_representation(self, obj: models.Model) -> dict[str, str | None]:
        return translated_text(obj, self.translated_field or self.field_name)


def translated_text(obj: models.Model, field: str) -> dict[str, str | None]:
    """A translated field of a model instance as TranslatedField writes it."""
    return {code: getattr(obj, f"{field}_{code}") or None for code in LANGUAGE_CODES}


@extend_schema_field(OriginsSerializer)
class OriginField(serializers.Field):
    """Read-only {"fi": "esco", "sv": "project", ...}: where the text in each language comes from."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj: models.Model) -> dict[str, str]:
        return {
            code: getattr(obj, f"{self.field_name}_{code}") for code in LANGUAGE_CODES
        }


@extend_schema_field(PageUrlsSerializer)
class PageUrlField(serializers.Field):
    """Read-only absolute addresses of the public page in each language, from the object's slug."""

    def __init__(self, view_name: str, **kwargs: Any) -> None:
        super().__init__(source="slug", read_only=True, **kwargs)
        self.view_name = view_name

    def to_representation(self, slug: str) -> dict[str, str]:
        request = self.context.get("request")
        urls = {}
        for code in LANGUAGE_CODES:
            # Page addresses carry their language (/fi/…), so each one is reversed in its own.
            with translation.override(code):
                path = reverse(self.view_name, kwargs={"slug": slug})
            urls[code] = request.build_absolute_uri(path) if request else path
        return urls


def coordinate_field(**kwargs: Any) -> serializers.DecimalField:
    """Latitude or longitude in WGS 84 degrees, as a JSON number (DRF would send a decimal as a string)."""
    return serializers.DecimalField(
        max_digits=8, decimal_places=5, coerce_to_string=False, read_only=True, **kwargs
    )


@functools.cache
def _blank_as_null(field_class: type[serializers.Field]) -> type[serializers.Field]:
    def to_representation(self: serializers.Field, value: Any) -> Any:
        return None if value == "" else field_class.to_representation(self, value)

    return type(
        f"BlankAsNull{field_class.__name__}",
        (field_class,),
        {"to_representation": to_representation},
    )


class PublicSerializer(serializers.ModelSerializer):
    # No docstring: drf-spectacular would show it as every subclass's description.
    # Every field is read-only, so the schema marks each one as always present; blank text comes out as
    # null, so that partners never join on "".

    def get_extra_kwargs(self) -> dict[str, dict[str, Any]]:
        extra_kwargs = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra_kwargs.setdefault(name, {})["read_only"] = True
        return extra_kwargs

    def build_standard_field(
        self, field_name: str, model_field: models.Field
    ) -> tuple[type, dict[str, Any]]:
        field_class, field_kwargs = super().build_standard_field(
            field_name, model_field
        )
        if model_field.blank and isinstance(
            model_field, models.CharField | models.TextField
        ):
            field_class = _blank_as_null(field_class)
            # Null, never "", so the schema says nullable rather than "may be empty".
            field_kwargs["allow_null"] = True
            field_kwargs.pop("allow_blank", None)
        return field_class, field_kwargs


# --- Row serializers: pages written from values() rows ---------------------------------------------------------------
#
# DRF's ModelSerializer copies and builds every field per request and runs get_attribute() and to_representation()
# per value, and prefetch_related() builds a model instance (and a related manager) per related row: for a page of
# programmes that was nine tenths of the time. A row serializer keeps its declared fields as the schema, reads the
# rows as values() dicts, fetches each kind of related row for the whole page in one query, and writes the items
# directly. tests/api/test_api_costs.py checks every one against DRF's own output for the same records.


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


class PartnerPagination(PageNumberPagination):
    """Pages of PAGE_SIZE rows, ?page_size= from 1 to 200; a bad page or size is an error naming the parameter."""

    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param, "")
        if raw == "":
            return self.page_size
        # DRF would silently fall back to the default size; a partner should learn that the value was wrong.
        # The length test keeps int() away from thousands of digits, which it refuses with a ValueError.
        if not (
            raw.isdecimal() and len(raw) <= 3 and 1 <= int(raw) <= self.max_page_size
        ):
            message = gettext("Enter a whole number from 1 to %(max)s.") % {
                "max": self.max_page_size
            }
            raise ValidationError({self.page_size_query_param: [message]})
        return int(raw)

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
            else:
                parameter["schema"].update(minimum=1)
        return parameters

    def paginate_queryset(
        self, queryset: QuerySet, request: Request, view: APIView | None = None
    ) -> list | None:
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as error:
            number = request.query_params.get(self.page_query_param, "")
            message = gettext("There is no page %(page)s of these results.") % {
                "page": number
            }
            raise NotFound({self.page_query_param: [message]}) from error


def place_item(row: dict[str, Any], site: str = "") -> dict[str, Any]:
    """Where a site is (town, region, coordinates) as the API writes it; `site` prefixes the columns ("site__")."""
    return {
        "town": translated(row, f"{site}town"),
        "region": row[f"{site}region__code"],
        "latitude": number(row[f"{site}latitude"]),
        "longitude": number(row[f"{site}longitude"]),
    }
