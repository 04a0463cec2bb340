"""Template helpers of the portal: translated fields with their fallback, and language-switch links."""

from django import template
from django.db import models
from django.urls import translate_url

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
