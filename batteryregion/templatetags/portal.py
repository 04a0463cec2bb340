"""Template helpers of the portal: translated fields with their fallback, and language-switch links."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from batteryregion.i18n import Shown, shown

register = template.Library()


@register.simple_tag(name="shown")
def shown_tag(obj: models.Model, field: str) -> Shown:
    """{% shown obj "name" as name %}: name.text, name.lang, name.is_fallback."""
    return shown(obj, field)


@register.simple_tag(takes_context=True)
def url_in_language(context: template.Context, language: str) -> str:
    """The current page's address in another language."""
    request = context["request"]
    return translate_url(request.get_full_path(), language)


@register.simple_tag
def json_ld(document: dict) -> str:
    """<script type="application/ld+json"> with the document, escaped like json_script so it cannot end the tag."""
    text = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(text)
    )


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def eqf(level: object) -> str:
    """ "EQF 4" for a level object or number."""
    number = getattr(level, "level", level)
    return f"EQF {number}" if number else ""


@register.inclusion_tag("includes/translated.html")
def translated(obj: models.Model, field: str) -> dict:
    """The field's text in the page language, or its fallback marked "not yet translated"."""
    return {"value": shown(obj, field)}
