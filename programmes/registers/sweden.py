"""What the Swedish register modules (skolverket, yh) share: SCB's municipality and county codes, and the error
for one field of one record.

SCB writes a municipality as four digits, the first two its county's (2480 Umeå in county 24, Västerbotten); the
map writes it "SE" + those digits, as ``skills.Municipality.code`` and the bundled municipalities.csv hold it. The
bundled file lists the municipalities of the region's counties, so a code of those counties that it lacks is
unknown, while codes of other counties can only be checked for shape.
"""

import csv
import functools
import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

ORGANISATION_NUMBER = re.compile(r"^(\d{6})-?(\d{4})$")
# SCB's county codes and the counties' names as Swedish registers write them.
COUNTIES = {
    "01": "Stockholms län", "03": "Uppsala län", "04": "Södermanlands län", "05": "Östergötlands län",
    "06": "Jönköpings län", "07": "Kronobergs län", "08": "Kalmar län", "09": "Gotlands län",
    "10": "Blekinge län", "12": "Skåne län", "13": "Hallands län", "14": "Västra Götalands län",
    "17": "Värmlands län", "18": "Örebro län", "19": "Västmanlands län", "20": "Dalarnas län",
    "21": "Gävleborgs län", "22": "Västernorrlands län", "23": "Jämtlands län", "24": "Västerbottens län",
    "25": "Norrbottens län",
}  # fmt: skip


class RecordError(ValueError):
    """One field of one record that cannot be read; the module turns it into a ``RecordProblem``."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@functools.cache
def known_municipalities() -> dict[str, str]:
    """The bundled Swedish municipalities: map code ("SE2480") to Swedish name ("Umeå")."""
    with open(
        settings.BUNDLED_DATA_DIR / "municipalities.csv", encoding="utf-8"
    ) as file:
        return {
            row["code"]: row["name_sv"]
            for row in csv.DictReader(file)
            if row["code"].startswith("SE")
        }


def county_of(code: str) -> str:
    """The SCB county code of a map municipality code: "SE2480" → "24"."""
    return code[2:4] if code.startswith("SE") else ""


def padded_code(value: Any) -> str:
    """SCB's four digits, with the leading zero a number lost put back (180 → 0180); "" when not four digits."""
    raw = (
        str(value).strip()
        if isinstance(value, (str, int)) and not isinstance(value, bool)
        else ""
    )
    if re.fullmatch(r"\d{3}", raw):
        raw = raw.zfill(4)
    return raw if re.fullmatch(r"\d{4}", raw) else ""


def municipality_code(value: Any, field: str) -> str:
    """The map's code ("SE2480") of an SCB municipality code, "" when there is none; RecordError when unknown."""
    if value is None or value == "":
        return ""
    digits = padded_code(value)
    if not digits or digits[:2] not in COUNTIES:
        raise RecordError(
            field,
            _("“%(value)s” is not a Swedish municipality code.") % {"value": value},
        )
    code = f"SE{digits}"
    known = known_municipalities()
    if code not in known and any(county_of(other) == digits[:2] for other in known):
        message = _("“%(value)s” is not a municipality of %(county)s.") % {
            "value": value,
            "county": COUNTIES[digits[:2]],
        }
        raise RecordError(field, message)
    return code


def organisation_number(value: str) -> str:
    """A Swedish organisation number written NNNNNN-NNNN, or "" when the value is not one."""
    match = ORGANISATION_NUMBER.match(value.strip())
    return f"{match[1]}-{match[2]}" if match else ""


# The school type (C_SchoolType) and form (C_Configuration) of an education info → the map's kind of programme;
# a combination not listed stays unknown ("") and is reported, not guessed.
KINDS = {
    ("HS", "program"): "degree",
    ("HS", "kurs"): "course",
    ("YH", "program"): "higher_vocational",
    ("YH", "kurs"): "course",
    ("VUXGY", "program"): "vocational",
    ("VUXGY", "kurs"): "course",
    ("GY", "program"): "vocational",
}


def kind_of(content: Mapping[str, Any]) -> str:
    school = _code(content.get("type"))
    form = _code(content.get("configuration"))
    return KINDS.get((school.upper(), form.lower()), "")


def _code(value: Any) -> str:
    code = value.get("code") if isinstance(value, dict) else value
    return code.strip() if isinstance(code, str) else ""
