"""Template helpers of the portal: translated fields with their fallback, language-switch links, safe links."""

import functools
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, reverse, translate_url
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


def address_in_language(request: HttpRequest, language: str) -> str:
    """translate_url() for the language switcher: the same page and query in `language`, or that language's home."""
    path = request.get_full_path()
    translated = _translated_address(request, path, language)
    if translated == path and get_language_from_path(path) != language:
        # A page not found (or one outside the language prefixes): the switcher still leads somewhere real.
        with translation.override(language):
            return reverse("home")
    return translated


def _translated_address(request: HttpRequest, path: str, language: str) -> str:
    """translate_url(path, language) from the match the request already resolved to, when it has one (translate_url()
    resolves the path again for every language)."""
    match = request.resolver_match
    if match is None or not match.url_name:
        return translate_url(path, language)
    view_name = (
        f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    )
    with translation.override(language):
        try:
            address = reverse(view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return path
    _path, question_mark, query = path.partition("?")
    return address + question_mark + query


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in its own language, capitalised: "Suomi", "Svenska", "English"
    url: str
    is_current: bool
    # for <link rel="alternate">: search engines want the scheme and host
    absolute_url: str


@register.simple_tag(takes_context=True)
def default_language_address(context: template.Context) -> str:
    """{% default_language_address %}: the page without its language prefix, absolute: the hreflang="x-default"
    alternate. The portal sends such an address on to the language the visitor's browser asks for."""
    request = context["request"]
    path = request.get_full_path()
    prefix = f"{get_script_prefix()}{translation.get_language()}/"
    if path.startswith(prefix):
        path = get_script_prefix() + path[len(prefix) :]
    return _absolute(request, path)


def _absolute(request: HttpRequest, address: str) -> str:
    """The address with the request's scheme and host; as it is on the error page of a request for an unknown host
    (the host is what is wrong there)."""
    try:
        return request.build_absolute_uri(address)
    except DisallowedHost:
        return address


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[LanguageLink]:
    """{% language_links as links %}: the page in each language, worked out once per page for the <head>'s
    alternates and the switcher (each address costs a reverse())."""
    request = context["request"]
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = address_in_language(request, code)
        links.append(
            LanguageLink(
                code=code,
                name=capfirst(translation.get_language_info(code)["name_local"]),
                url=url,
                is_current=code == current,
                absolute_url=_absolute(request, url),
            )
        )
    return links


# The links of the header and footer, by the name base.html gives them.
LAYOUT_VIEWS = {
    "home": "home",
    "catalogue": "programmes:programme_list",
    "pathways": "gaps:pathways",
    "gaps": "gaps:dashboard",
    "map": "programmes:map",
    "occupations": "programmes:occupation_list",
    "actors": "programmes:actor_list",
    "coordinators": "admin_in_page_language",
    "about": "about",
    "privacy": "privacy",
    "accessibility": "accessibility",
    "need_form": "needs:new",
}


@register.simple_tag
def layout_urls() -> dict[str, str]:
    """{% layout_urls as urls %}: the addresses of the layout's links, the same on every page of a language, so
    reversed once per language in each process (nine reverse() calls were a sixth of the layout's time)."""
    return _layout_urls(translation.get_language(), get_script_prefix())


@functools.cache
def _layout_urls(language: str, script_prefix: str) -> dict[str, str]:
    with translation.override(language):
        return {name: reverse(view_name) for name, view_name in LAYOUT_VIEWS.items()}


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
