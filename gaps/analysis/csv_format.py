"""The two CSV conventions of the downloads, and which one an address asks for.

Excel opens a CSV file with the list separator and decimal mark of the computer's regional settings: with Finnish or
Swedish settings that is a semicolon and a decimal comma, with English settings a comma and a decimal point. A file
in the other convention opens as a single column. So each download comes in the page language's convention unless
``?format=`` names the other:

- ``csv-semicolon``: semicolon-separated, decimal comma (the default on /fi/ and /sv/);
- ``csv-comma``: comma-separated, decimal point (the default on /en/).

Both are UTF-8 with a byte-order mark. The pages link to both, the page language's first.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, QueryDict
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

FORMAT_PARAMETER = "format"


@dataclass(frozen=True)
class CsvFormat:
    name: str
    delimiter: str
    decimal_mark: str
    label: Promise


SEMICOLON = CsvFormat(
    "csv-semicolon",
    ";",
    ",",
    gettext_lazy("CSV with semicolons (Excel in Finnish or Swedish)"),
)
COMMA = CsvFormat(
    "csv-comma",
    ",",
    ".",
    gettext_lazy("CSV with commas (Excel in English, other programs)"),
)
FORMATS = {csv_format.name: csv_format for csv_format in (SEMICOLON, COMMA)}
# Languages whose spreadsheets read commas; Finnish, Swedish and any other take semicolons.
COMMA_LANGUAGES = frozenset({"en"})


class UnknownCsvFormat(ValueError):
    """?format= names no CSV convention; the message says which values there are, in the request's language."""


def language_default() -> CsvFormat:
    """The convention of the active language's spreadsheets."""
    language = (get_language() or "en").split("-")[0]
    return COMMA if language in COMMA_LANGUAGES else SEMICOLON


def csv_format_of(request: HttpRequest) -> CsvFormat:
    """The convention the address asks for with ?format=, or the page language's; UnknownCsvFormat for another value."""
    name = request.GET.get(FORMAT_PARAMETER, "")
    if not name:
        return language_default()
    if name not in FORMATS:
        raise UnknownCsvFormat(
            _(
                "The parameter “%(parameter)s” must be %(first)s or %(second)s, not “%(value)s”."
            )
            % {
                "parameter": FORMAT_PARAMETER,
                "first": SEMICOLON.name,
                "second": COMMA.name,
                "value": name,
            }
        )
    return FORMATS[name]


def download_options() -> list[CsvFormat]:
    """Both conventions for the download links, the active language's first."""
    first = language_default()
    return [first, COMMA if first is SEMICOLON else SEMICOLON]


def query_without_format(query: QueryDict) -> str:
    """A page's filters as a query string for its download links, without a ?format= the page itself ignores."""
    query = query.copy()
    query.pop(FORMAT_PARAMETER, None)
    return query.urlencode()
