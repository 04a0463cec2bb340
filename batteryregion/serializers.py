"""Pieces every partner API serializer shares: translated text, origins and page links as fields, blank-as-null text,
and pagination. The row serializers that write pages from values() rows are in batteryregion/row_serializers.py."""

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_choice_description_list, build_choice_field
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.views import APIView

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
TranslatedTextListsSerializer = _per_language(
    "TranslatedTextListsSerializer",
    "Texts in Finnish, Swedish and English, a list per language in the order they are kept; an empty list where a "
    "language has none (no fallback).",
    lambda: serializers.ListField(child=serializers.CharField()),
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


def text_lines(text: str | None) -> list[str]:
    """The entries of a text kept one a line (alternative labels), trimmed, without empty lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@extend_schema_field(TranslatedTextListsSerializer)
class TranslatedLinesField(serializers.Field):
    """Read-only {"fi": [...], "sv": [...], "en": [...]}: a translated text kept one entry a line, as a list per
    language; [] where a language has none (no fallback here)."""

    def __init__(self, field: str | None = None, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)
        self.translated_field = field

    def to_representation(self, obj: models.Model) -> dict[str, list[str]]:
        field = self.translated_field or self.field_name
        return {
            code: text_lines(getattr(obj, f"{field}_{code}")) for code in LANGUAGE_CODES
        }


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
