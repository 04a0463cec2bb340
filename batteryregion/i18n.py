"""Translated text with its language, so that pages can mark a fallback instead of hiding it."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language


@dataclass(frozen=True)
class Shown:
    text: str
    lang: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


def fallback_order(language: str | None = None) -> list[str]:
    """The active language first, then its fallbacks (fi → sv → en, sv → fi → en, en → fi → sv)."""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    return [
        language,
        *[
            code
            for code in fallbacks.get(language, fallbacks["default"])
            if code != language
        ],
    ]


def shown(obj: models.Model, field: str, language: str | None = None) -> Shown:
    """The text of a translated field in the active language, or the first fallback that has one."""
    order = fallback_order(language)
    for code in order:
        text = getattr(obj, f"{field}_{code}", None)
        if text:
            return Shown(text=text, lang=code, is_fallback=code != order[0])
    return Shown(text="", lang=order[0], is_fallback=False)


def shown_text(texts: dict[str, str | None], language: str | None = None) -> Shown:
    """A text kept per language ({"fi": …, "sv": …, "en": …}, as the API and snapshots write it) in the active
    language, or the first fallback that has one."""
    order = fallback_order(language)
    for code in order:
        text = texts.get(code)
        if text:
            return Shown(text=text, lang=code, is_fallback=code != order[0])
    return Shown(text="", lang=order[0], is_fallback=False)


def missing_languages(obj: models.Model, field: str) -> list[str]:
    """Language codes in which a translated field is empty."""
    return [
        code
        for code, _name in settings.LANGUAGES
        if not getattr(obj, f"{field}_{code}", None)
    ]


def translated_name_expression(
    field: str = "name", language: str | None = None
) -> Coalesce:
    """SQL for a translated field in fallback order, treating empty strings as missing."""
    columns = [
        NullIf(F(f"{field}_{code}"), Value(""), output_field=TextField())
        for code in fallback_order(language)
    ]
    return Coalesce(*columns, output_field=TextField())


def by_translated_name(queryset: QuerySet, field: str = "name") -> QuerySet:
    """Sort by the translated field as shown, so that rows without a Swedish name do not sort first on /sv/."""
    return queryset.alias(_shown_name=translated_name_expression(field)).order_by(
        "_shown_name", "pk"
    )
