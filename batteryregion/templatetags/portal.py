"""Template helpers of the portal: translated fields with their fallback, language-switch links, safe links."""

import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language_from_path, gettext

from batteryregion.i18n import Shown, shown

register = template.Library()


@register.simple_tag(name="shown")
def shown_tag(obj: models.Model, field: str) -> Shown:
    """{% shown obj "name" as name %}: name.text, name.lang, name.is_fallback."""
    return shown(obj, field)


def address_in_language(path: str, language: str) -> str:
    """translate_url() for the language switcher: the same page and query in `language`, or that language's home."""
    translated = translate_url(path, language)
    if translated == path and get_language_from_path(path) != language:
        # A page not found (or one outside the language prefixes): the switcher still leads somewhere real.
        with translation.override(language):
            return reverse("home")
    return translated


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in its own language, capitalised: "Suomi", "Svenska", "English"
    url: str
    is_current: bool


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[LanguageLink]:
    """{% language_links as links %}: the page in each language, resolved once per page for the <head>'s
    alternates and the switcher (each address costs a resolve() and a reverse())."""
    path = context["request"].get_full_path()
    current = translation.get_language()
    return [
        LanguageLink(
            code=code,
            name=capfirst(translation.get_language_info(code)["name_local"]),
            url=address_in_language(path, code),
            is_current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]


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


# Browsers drop ASCII tabs and newlines anywhere in an address ("java\tscript:" is "javascript:") and spaces and
# control characters at its ends; any other whitespace or control character inside it makes the address suspect.
_DROPPED_IN_URLS = re.compile(r"[\t\n\r]")
_URL_ENDS = re.compile(r"^[\s\x00-\x1f\x7f-\x9f]+|[\s\x00-\x1f\x7f-\x9f]+$")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


@register.filter
def http_url(value: object) -> str:
    """The stored address if it is an absolute http(s) URL, else "": {% with url=x.source_url|http_url %}.

    Anything else (javascript:, data:, vbscript:, file:, relative or scheme-relative addresses, hidden characters)
    gives "", so that a template renders no link rather than one a browser would run or read differently. The
    programme page's JSON-LD uses it too.
    """
    text = _URL_ENDS.sub("", _DROPPED_IN_URLS.sub("", str(value or "")))
    if _INVISIBLE.search(text):
        return ""
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:  # an unclosed IPv6 bracket, for one
        return ""
    if parts.scheme.lower() not in ("http", "https") or not host:
        return ""
    return text


@register.filter
def eqf(level: object) -> str:
    """ "EQF 4" for a level object or number."""
    number = getattr(level, "level", level)
    return f"EQF {number}" if number else ""


@register.simple_tag
def translated(obj: models.Model, field: str) -> str:
    """The field's text in the page language, or its fallback marked "not yet translated".

    Built with format_html rather than an inclusion template: lists call it once per row, and a template per
    call was most of their rendering time."""
    return marked(shown(obj, field))


@register.filter
def marked(value: Shown) -> str:
    """{{ card.name|marked }}: a precomputed Shown as <span lang>, with the "not yet translated" note on a fallback."""
    html = format_html('<span lang="{}">{}</span>', value.lang, value.text)
    if value.is_fallback:
        html += format_html(
            ' <span class="fallback">({})</span>', gettext("not yet translated")
        )
    return html
