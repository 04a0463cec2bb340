"""The Swedish National Agency for Higher Vocational Education's decided YH programmes in the region.

Myndigheten för yrkeshögskolan (MYH) publishes the result of each application round as a table of programmes,
one row per application, with the decision (``Beslut``: "Beviljad" or "Avslag"):

- documentation and files: https://www.myh.se/yrkeshogskolan/resultat-ansokningsomgangar/resultat-for-program
  (workbook "Resultat ansökningsomgång <year>", sheet "Tabell 3", one row per application).

This module reads that table as CSV text (semicolon-, comma- or tab-separated, title lines above the header
allowed) from the address in the ``REGISTERS_YH_CSV_URL`` setting, with the published column names:

``Diarienummer`` (the identifier), ``Beslut``, ``Utbildningsnamn``, ``Utbildningsanordnare administrativ enhet``
(the provider), ``Län``, ``Kommun``, ``Flera kommuner``, ``Utbildningsområde``, ``YH-poäng``, ``Studietakt %``,
``Beviljade utbildningsomgångar``, ``Beviljade platser totalt``; the optional ``Organisationsnummer`` when the file
has it (the agency's table names the provider but not its number, so the matching then goes by name).

Only granted ("Beviljad") rows are programmes. A row is kept when its municipality is one of the query's (a row
for several municipalities, ``Flera kommuner``, when its county is one of theirs) and, when the query has search
words, one of them is in its name or field. Each kept row gives one offering: its municipality, its pace and the
places per intake (granted places over granted intakes). The table has no start dates, languages or application
periods (those are in Susa-navet), and ``Studieform`` (classroom or distance) has no place in ``RegisterOffering``.
"""

import csv
import io
import itertools
import re
from collections.abc import Iterator, Mapping

from django.conf import settings
from django.utils.translation import gettext as _

from programmes.registers import sweden
from programmes.registers.records import (
    JsonClient,
    RecordProblem,
    Register,
    RegisterAnswer,
    RegisterOffering,
    RegisterProgramme,
    RegisterQuery,
)
from programmes.registers.sweden import RecordError, organisation_number

NAME = Register.YH
SETTING = "REGISTERS_YH_CSV_URL"
GRANTED = "beviljad"
REQUIRED = (
    "Diarienummer",
    "Beslut",
    "Utbildningsnamn",
    "Utbildningsanordnare administrativ enhet",
    "Kommun",
)
# The columns the search words are looked for in.
SEARCHED = ("Utbildningsnamn", "Utbildningsområde")
YES = {"ja", "j", "yes", "true", "1", "x"}


def read(client: JsonClient, query: RegisterQuery) -> RegisterAnswer:
    """The region's granted YH programmes, and a problem for each row that could not be read."""
    answer = RegisterAnswer()
    url = getattr(settings, SETTING, "")
    if not url:
        message = _(
            "No address is set for the YH agency's programme table (setting %(setting)s)."
        )
        answer.problems.append(
            RecordProblem(NAME, url, SETTING, message % {"setting": SETTING})
        )
        return answer
    header, rows = table(client.get_text(url).lstrip("\ufeff"))
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        message = _("The table has no column “%(column)s”.") % {"column": missing[0]}
        answer.problems.append(RecordProblem(NAME, url, missing[0], message))
        return answer
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        row = dict(zip(header, (cell.strip() for cell in cells), strict=False))
        where = row.get("Diarienummer") or _("row %(row)s") % {"row": line}
        if len(cells) < len(header):
            message = _(
                "The row is cut short: it has %(found)s of %(expected)s columns."
            )
            answer.problems.append(
                RecordProblem(
                    NAME,
                    where,
                    header[len(cells)],
                    message % {"found": len(cells), "expected": len(header)},
                )
            )
            continue
        try:
            programme = read_row(row, query)
        except RecordError as error:
            answer.problems.append(
                RecordProblem(NAME, where, error.field, error.message)
            )
            continue
        if programme is not None:
            answer.programmes.append(programme)
    return answer


def table(body: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (the first row with "Diarienummer": the workbook's sheet has title lines above it) and the rows
    under it with their line numbers, in whichever of ";", "," and tab separates the columns."""
    for delimiter in (";", ",", "\t"):
        reader = csv.reader(io.StringIO(body), delimiter=delimiter)
        for cells in itertools.islice(reader, 20):
            header = [cell.strip() for cell in cells]
            if "Diarienummer" in header and len(header) > 1:
                return header, ((reader.line_num, cells) for cells in reader)
    return [], iter(())


def read_row(row: Mapping[str, str], query: RegisterQuery) -> RegisterProgramme | None:
    """A granted row of the region with a search word as a programme, None for any other; RecordError for a bad
    field of a row that would be read."""
    if row["Beslut"].casefold() != GRANTED:
        return None
    code, place = place_of(row, query.municipality_codes)
    if code is None:
        return None
    if query.keywords:
        haystack = " ".join(row.get(column, "") for column in SEARCHED).casefold()
        if not any(keyword.casefold() in haystack for keyword in query.keywords):
            return None
    identifier = row["Diarienummer"]
    if not identifier:
        raise RecordError("Diarienummer", _("The record has no identifier."))
    name = row["Utbildningsnamn"]
    if not name:
        raise RecordError("Utbildningsnamn", _("The record has no name."))
    provider = row["Utbildningsanordnare administrativ enhet"]
    if not provider:
        raise RecordError(
            "Utbildningsanordnare administrativ enhet",
            _("The record names no provider."),
        )
    raw_number = row.get("Organisationsnummer", "")
    number = organisation_number(raw_number)
    if raw_number and not number:
        message = _("“%(value)s” is not an organisation number (NNNNNN-NNNN).") % {
            "value": raw_number
        }
        raise RecordError("Organisationsnummer", message)
    credits = decimal_or_none(row.get("YH-poäng", ""), "YH-poäng")
    intakes = whole_number_or_none(
        row.get("Beviljade utbildningsomgångar", ""), "Beviljade utbildningsomgångar"
    )
    places = whole_number_or_none(
        row.get("Beviljade platser totalt", ""), "Beviljade platser totalt"
    )
    offering = RegisterOffering(
        identifier=identifier,
        municipality_code=code,
        place_name=place,
        pace=pace_of(row.get("Studietakt %", "")),
        # Every intake of a programme is granted the same number of places.
        places=places // intakes
        if places is not None and intakes and places % intakes == 0
        else None,
    )
    return RegisterProgramme(
        register=NAME,
        identifier=identifier,
        provider_identifier=number,
        provider_name={"sv": provider},
        name={"sv": name},
        credits=credits,
        credit_unit="yhp" if credits is not None else "",
        offerings=(offering,),
    )


def place_of(row: Mapping[str, str], region: tuple[str, ...]) -> tuple[str | None, str]:
    """(map municipality code or "" when not known, place name) of a row in the region; (None, …) outside it."""
    place = row["Kommun"]
    codes_by_name = {
        name.casefold(): code for code, name in sweden.known_municipalities().items()
    }
    code = codes_by_name.get(place.casefold(), "")
    if not region:
        return code, place
    if code:
        return (code if code in region else None), place
    counties = {sweden.county_of(code) for code in region}
    county = next(
        (
            number
            for number, name in sweden.COUNTIES.items()
            if name == row.get("Län", "")
        ),
        "",
    )
    if county not in counties:
        return None, place
    if row.get("Flera kommuner", "").casefold() in YES:
        return "", place
    if not place:
        raise RecordError("Kommun", _("The record names no municipality."))
    message = _("“%(value)s” is not a municipality of %(county)s.") % {
        "value": place,
        "county": row["Län"],
    }
    raise RecordError("Kommun", message)


def decimal_or_none(value: str, field: str) -> float | None:
    """A number as the agency writes it: "400", "400,0" or "1 200"."""
    raw = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not raw:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", raw):
        return float(raw)
    raise RecordError(field, _("“%(value)s” is not a number.") % {"value": value})


def whole_number_or_none(value: str, field: str) -> int | None:
    raw = value.replace("\u00a0", "").replace(" ", "")
    if not raw:
        return None
    if raw.isdigit():
        return int(raw)
    raise RecordError(field, _("“%(value)s” is not a whole number.") % {"value": value})


def pace_of(value: str) -> str:
    """Studietakt %: 100 is full-time, less part-time."""
    raw = value.replace("%", "").strip()
    if not raw:
        return ""
    if raw.isdigit() and 0 < int(raw) <= 100:
        return "full_time" if int(raw) == 100 else "part_time"
    message = _("“%(value)s” is not a percentage above 0 and at most 100.") % {
        "value": value
    }
    raise RecordError("Studietakt %", message)
