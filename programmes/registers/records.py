"""What a register says about a programme, in the map's own terms, whatever register it came from.

A register module (opintopolku, skolverket, yh) reads the register through a ``JsonClient`` and returns a
``RegisterAnswer``: the programmes it could read, and a ``RecordProblem`` for every record it could not (a missing
identifier, a date that is not a date …), so that one bad record never stops or half-writes the others.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


class Register:
    """The registers' names, as the commands, the history and the source fields write them."""

    OPINTOPOLKU = "opintopolku"
    SUSA = "susa"
    YH = "yh"


@dataclass(frozen=True)
class RegisterOffering:
    """One realisation of a programme: where, when, in what language (Opintopolku's toteutus, Susa-navet's event)."""

    identifier: str
    # Country and national code, as skills.Municipality.code holds it: "FI564" (Oulu), "SE2480" (Umeå).
    municipality_code: str = ""
    # The place as the register names it, for the report when the code is missing or unknown.
    place_name: str = ""
    # ISO 639-1: "fi", "sv", "en".
    language: str = ""
    starts_on: datetime.date | None = None
    # programmes.Programme.Pace values ("full_time", "part_time", "self_paced") or "" when not known.
    pace: str = ""
    places: int | None = None
    # (opens on, closes on) per application period (Opintopolku's hakuaika, Susa-navet's application dates).
    application_periods: tuple[tuple[datetime.date, datetime.date], ...] = ()
    apply_url: str = ""


@dataclass(frozen=True)
class RegisterProgramme:
    """One programme as the register describes it."""

    register: str
    # The register's own identifier: Opintopolku's koulutus OID, Susa-navet's education info id, the YH number.
    identifier: str
    # The provider's identifier in the register: an Opintopolku organisation OID, a Swedish organisation number.
    provider_identifier: str
    provider_name: Mapping[str, str] = field(default_factory=dict)
    # Names by language ("fi", "sv", "en"); a language the register lacks is absent.
    name: Mapping[str, str] = field(default_factory=dict)
    description: Mapping[str, str] = field(default_factory=dict)
    # The programme's page for people (Opintopolku's konfo page, the provider's page named by Susa-navet).
    url: str = ""
    # Study credits as the register states them (ECTS, osaamispisteet, YH-poäng) and their unit.
    credits: float | None = None
    credit_unit: str = ""
    offerings: tuple[RegisterOffering, ...] = ()
    # programmes.Programme.Kind value ("vocational", "degree" …), or "" when the register does not say; a programme
    # of unknown kind is reported, not created.
    kind: str = ""


@dataclass(frozen=True)
class RecordProblem:
    """A record of the register that could not be read: which one, which field, why (a sentence for people)."""

    register: str
    identifier: str
    field: str
    message: str


@dataclass
class RegisterAnswer:
    programmes: list[RegisterProgramme] = field(default_factory=list)
    problems: list[RecordProblem] = field(default_factory=list)


class JsonClient(Protocol):
    """The HTTP client the register modules read through (programmes/registers/client.py; tests pass a stub)."""

    def get_json(self, url: str, params: Mapping[str, Any] | None = None) -> Any: ...

    def post_json(self, url: str, body: Any) -> Any: ...

    def get_text(self, url: str, params: Mapping[str, Any] | None = None) -> str:
        """A text answer (CSV open data), decoded as the response's charset says (UTF-8 by default)."""
        ...


@dataclass(frozen=True)
class RegisterQuery:
    """What to ask a register for: the region's providers (their identifiers in that register), the battery-relevant
    search words, and the region's municipalities ("FI564", "SE2480"); a register module uses what its interface
    can filter on and leaves the rest to the matching."""

    provider_identifiers: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    municipality_codes: tuple[str, ...] = ()
    # The register identifiers the map already holds for these providers: a module that can fetch a record by its
    # identifier asks for each, so that a programme the keywords no longer find is still read (or known to be gone).
    identifiers: tuple[str, ...] = ()


class RegisterModule(Protocol):
    """What each register module (opintopolku.py, skolverket.py, yh.py) provides."""

    NAME: str

    def read(self, client: JsonClient, query: RegisterQuery) -> RegisterAnswer: ...
