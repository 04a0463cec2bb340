"""Numbers as each language writes them, for pages, texts built in code and tests.

Grouping and the decimal mark come from Django's locale formats (USE_THOUSAND_SEPARATOR): "12 345,7" in Finnish and
Swedish (a non-breaking space), "12,345.7" in English. On top of that a negative number gets the real minus sign
(U+2212), and a percentage is "5 %" with a non-breaking space in Finnish and Swedish and "5%" in English.
Years and identifiers are not quantities: pages show them with |unlocalize, code with str().
"""

from __future__ import annotations

from typing import Any

from django.template.defaultfilters import floatformat
from django.utils.functional import lazy
from django.utils.translation import get_language

MINUS = "\u2212"
NO_BREAK_SPACE = "\u00a0"
# Languages that write the percent sign right after the number; the others put a non-breaking space before it.
PERCENT_WITHOUT_SPACE = frozenset({"en"})


def format_number(value: Any, digits: int | str = -1) -> str:
    """A number in the active language; `digits` as floatformat's: 1 always one decimal, -1 one only when needed.

    Anything that is not a number gives an empty string."""
    text = str(floatformat(value, digits))
    if text.startswith("-"):
        return MINUS + text[1:]
    return text


def format_percent(value: Any, digits: int | str = 0) -> str:
    """A percentage (given as 0–100, not as a share) in the active language: "5 %" (fi, sv) or "5%" (en)."""
    number = format_number(value, digits)
    if not number:
        return ""
    language = (get_language() or "en").split("-")[0]
    if language in PERCENT_WITHOUT_SPACE:
        return f"{number}%"
    return f"{number}{NO_BREAK_SPACE}%"


format_percent_lazy = lazy(format_percent, str)
