"""{% load numbers %}: {{ x|number:1 }} and {{ x|percent }}, the portal's one way to show a figure on a page.

Plain {{ count }} already groups thousands in the page language; these add a fixed number of decimals, the real
minus sign and the percent sign (batteryregion.numbers). Years and codes: {{ year|unlocalize }} (l10n)."""

from typing import Any

from django import template

from batteryregion.numbers import format_number, format_percent

register = template.Library()


@register.filter
def number(value: Any, digits: int | str = -1) -> str:
    """{{ cell.demand|number:1 }} → "12 345,7" on a Finnish page, "−3,0" for a negative figure."""
    return format_number(value, digits)


@register.filter
def percent(value: Any, digits: int | str = 0) -> str:
    """{{ row.ratio_percent|percent }} → "85 %" (fi, sv; the space does not break) or "85%" (en)."""
    return format_percent(value, digits)
