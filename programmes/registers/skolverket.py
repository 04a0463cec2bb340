"""Skolverket's Susa-navet: the programmes (education infos) and their events of the region's providers.

Susa-navet collects every night what Swedish providers publish about their education (universities, higher
vocational education, folk high schools, municipal adult education, labour market training) in the EMIL 3
standard (SS 10700). Its open API replaced the older ``susanavet2`` REST and EMIL 2 XML interfaces in 2026:

- documentation: https://www.skolverket.se/om-skolverket/webbplatser-och-tjanster/oppna-data/api-for-utbildningstillfallen-susa-navet
- API: https://api.skolverket.se/susa-navet/emil3, read with GET only; its OpenAPI description ("Susa-navets
  öppna API" 3.0) is https://api.skolverket.se/susa-navet/susa-navet-emil3.yaml.

Its lists (``/educationProviders``, ``/educationEvents``) are pages ``{"<list>": [...], "page": {"number",
"totalPages", ...}}`` of records ``{"id", "status", "content"}``; ``/educationEvents`` filters on ``providerId``
and nothing else the region needs, so this module

1. reads the providers and keeps those the query names (Susa-navet ids ``p.…`` or organisation numbers) or whose
   addresses lie in the query's municipalities;
2. reads those providers' events, keeping the ones given in the region (or with no place: distance education);
3. reads each kept event's education info by id (``/educationInfos/{id}``), skipping educations whose events
   all have titles and none of them has a search word, so that a university's thousands of courses cost no
   request each.

Texts are LangStrings ``{"strings": [{"lang": "swe", "value": …}]}``, links ``{"urls": [{"lang", "value"}]}``,
languages ISO 639-2 and places SCB municipality codes (``areaCode``). A record that cannot be read becomes a
``RecordProblem`` and is left out whole; the others are still read. Fees, time of day, eligibility, subjects and
ISCED level have no place in ``RegisterProgramme`` and are not read.
"""

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

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
from programmes.registers.sweden import RecordError, kind_of, organisation_number

NAME = Register.SUSA
BASE_URL = "https://api.skolverket.se/susa-navet/emil3"
PAGE_SIZE = 500
# A runaway answer (totalPages growing with every page) must not keep the import going for ever.
MAX_PAGES = 400
ACTIVE = "ACTIVE"

# LangString languages as the map names them; other languages of a text are left out.
TEXT_LANGUAGES = {"swe": "sv", "sv": "sv", "eng": "en", "en": "en", "fin": "fi", "fi": "fi"}  # fmt: skip
# ISO 639-2 (bibliographic and terminology codes) to ISO 639-1 for the languages of instruction met in Sweden.
# A valid code without an ISO 639-1 twin (Lule Sami "smj", Meänkieli "fit", sign language "swl") gives no language.
ISO_639_1 = {
    "swe": "sv", "eng": "en", "fin": "fi", "sme": "se", "nor": "no", "nob": "nb", "nno": "nn", "dan": "da",
    "isl": "is", "ice": "is", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it",
    "por": "pt", "nld": "nl", "dut": "nl", "pol": "pl", "rus": "ru", "ukr": "uk", "est": "et", "lav": "lv",
    "lit": "lt", "hun": "hu", "ell": "el", "gre": "el", "tur": "tr", "ara": "ar", "fas": "fa", "per": "fa",
    "som": "so", "tir": "ti", "kur": "ku", "bos": "bs", "hrv": "hr", "srp": "sr", "zho": "zh", "chi": "zh",
    "jpn": "ja", "kor": "ko", "tha": "th", "vie": "vi", "hin": "hi", "urd": "ur",
}  # fmt: skip
CREDIT_UNITS = {"hp": "hp", "yh": "yhp", "gy": "gyp"}


@dataclass(frozen=True)
class Provider:
    """A provider of the region: its Susa-navet id, organisation number (NNNNNN-NNNN or "") and names."""

    identifier: str
    organisation_number: str
    name: Mapping[str, str]


@dataclass
class Event:
    """An event waiting for its education info: its offering, or why it could not be read."""

    identifier: str
    education: str
    provider: str
    titles: tuple[str, ...]
    url: str
    offering: RegisterOffering | None = None
    error: RecordError | None = None


@dataclass
class Reading:
    """One reading of Susa-navet for a query: the requests, and the answer they add up to."""

    client: JsonClient
    query: RegisterQuery
    answer: RegisterAnswer = field(default_factory=RegisterAnswer)

    def problem(self, identifier: str, field_name: str, message: str) -> None:
        self.answer.problems.append(
            RecordProblem(NAME, identifier, field_name, message)
        )

    def records(
        self, path: str, list_key: str, params: Mapping[str, Any], label: str
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every active record of a list, page by page, as (where it is, its content); deleted records (status not
        ACTIVE, no content) are skipped. An unreadable page is a problem that ends the list there. ``label`` names
        the list in the problems ("educationEvents (p.uoh.ltu)")."""
        url = f"{BASE_URL}{path}"
        number = 0
        while number < MAX_PAGES:
            where = _("%(list)s, page %(page)s") % {"list": label, "page": number}
            try:
                answer = self.client.get_json(
                    url, {**params, "page": number, "size": PAGE_SIZE}
                )
            except ValueError as error:  # the body was cut short or is not JSON
                self.problem(
                    where,
                    "page",
                    _("The answer is not valid JSON: %(error)s") % {"error": error},
                )
                return
            items = answer.get(list_key) if isinstance(answer, dict) else None
            if not isinstance(items, list):
                self.problem(
                    where,
                    list_key,
                    _("The answer has no list “%(key)s”.") % {"key": list_key},
                )
                return
            for position, item in enumerate(items):
                content = item.get("content") if isinstance(item, dict) else None
                if (
                    isinstance(content, dict)
                    and str(item.get("status") or ACTIVE).upper() == ACTIVE
                ):
                    yield f"{where}, #{position + 1}", content
            page = answer.get("page") if isinstance(answer.get("page"), dict) else {}
            total = page.get("totalPages")
            number += 1
            if (
                not items
                or (isinstance(total, int) and number >= total)
                or (total is None and len(items) < PAGE_SIZE)
            ):
                return
        message = _("The list goes on past %(count)s pages; the rest was not read.")
        self.problem(label, "page", message % {"count": MAX_PAGES})

    def providers(self) -> dict[str, Provider]:
        """The region's providers by Susa-navet id: those the query names, or with an address in its municipalities."""
        wanted_ids = {
            value.casefold()
            for value in self.query.provider_identifiers
            if value.startswith("p.")
        }
        wanted_numbers = {
            number
            for value in self.query.provider_identifiers
            if not value.startswith("p.") and (number := organisation_number(value))
        }
        region = set(self.query.municipality_codes)
        providers = {}
        lists = self.records(
            "/educationProviders", "educationProviders", {}, "educationProviders"
        )
        for where, content in lists:
            identifier = text(content.get("identifier"))
            addresses = [
                content.get("contactAddress"),
                *as_list(content.get("visitAddresses")),
            ]
            codes = {
                f"SE{sweden.padded_code(address.get('areaCode'))}"
                for address in addresses
                if isinstance(address, dict)
            }
            raw_number = text(content.get("organisationNumber"))
            number = organisation_number(raw_number)
            named = identifier.casefold() in wanted_ids or (
                number and number in wanted_numbers
            )
            in_region = bool(region & codes)
            if not (named or in_region or not (wanted_ids or wanted_numbers or region)):
                continue
            if not identifier:
                self.problem(where, "identifier", _("The record has no identifier."))
                continue
            if raw_number and not number:
                message = _(
                    "“%(value)s” is not an organisation number (NNNNNN-NNNN)."
                ) % {"value": raw_number}
                self.problem(identifier, "organisationNumber", message)
                continue
            providers[identifier] = Provider(
                identifier, number, lang_texts(content.get("name"))
            )
        return providers

    def events(self, provider: Provider) -> Iterator[Event]:
        """The provider's events given in the region (or without a place), each read whole or with the error that
        keeps it out (reported with its education, if that is read)."""
        params = {"providerId": provider.identifier}
        label = f"educationEvents ({provider.identifier})"
        for where, content in self.records(
            "/educationEvents", "educationEvents", params, label
        ):
            if content.get("isCancelled") is True:
                continue
            identifier = text(content.get("identifier"))
            education = text(content.get("education"))
            if not education:
                message = _("The event does not name its education.")
                self.problem(identifier or where, "education", message)
                continue
            titles = (*lang_texts(content.get("title")).values(), *keywords_of(content))
            url = url_of(content.get("url"))
            event = Event(
                identifier or where, education, provider.identifier, titles, url
            )
            try:
                if not identifier:
                    raise RecordError("identifier", _("The record has no identifier."))
                region = self.query.municipality_codes
                event.offering = read_offering(identifier, content, region)
            except RecordError as error:
                event.error = error
            if event.offering is not None or event.error is not None:
                yield event

    def run(self) -> RegisterAnswer:
        providers = self.providers()
        by_education: dict[str, list[Event]] = {}
        for provider in providers.values():
            for event in self.events(provider):
                by_education.setdefault(event.education, []).append(event)
        for education in sorted(by_education):
            events = by_education[education]
            if self.query.keywords and all(event.titles for event in events):
                if not any(
                    has_keyword(event.titles, self.query.keywords) for event in events
                ):
                    continue
            self.programme(education, events, providers[events[0].provider])
        return self.answer

    def programme(
        self, identifier: str, events: list[Event], provider: Provider
    ) -> None:
        """Read one education info by id and add it with its events, unless it is gone or has no search word.

        The problems of its events are reported only for an education that is read: a university's unrelated
        courses are not the region's concern."""
        try:
            answer = self.client.get_json(f"{BASE_URL}/educationInfos/{identifier}")
        except ValueError as error:
            self.problem(
                identifier,
                "content",
                _("The answer is not valid JSON: %(error)s") % {"error": error},
            )
            return
        content = answer.get("content") if isinstance(answer, dict) else None
        if (
            not isinstance(content, dict)
            or str(answer.get("status") or ACTIVE).upper() != ACTIVE
        ):
            self.problem(
                identifier,
                "content",
                _("The register has no current record for this education."),
            )
            return
        name = lang_texts(content.get("title"))
        if not name:
            self.problem(identifier, "title", _("The record has no name."))
            return
        searched = (
            *name.values(),
            *keywords_of(content),
            *(title for event in events for title in event.titles),
        )
        if self.query.keywords and not has_keyword(searched, self.query.keywords):
            return
        for event in events:
            if event.error is not None:
                self.problem(event.identifier, event.error.field, event.error.message)
        offerings = sorted(
            (event.offering for event in events if event.offering),
            key=lambda o: o.identifier,
        )
        if not offerings:
            return
        credits = (
            content.get("credits") if isinstance(content.get("credits"), dict) else {}
        )
        unit = CREDIT_UNITS.get(code_of(credits.get("system")), "")
        try:
            amount = (
                number_or_none(credits.get("credits"), "credits.credits")
                if unit
                else None
            )
        except RecordError as error:
            self.problem(identifier, error.field, error.message)
            return
        self.answer.programmes.append(
            RegisterProgramme(
                register=NAME,
                identifier=identifier,
                provider_identifier=provider.organisation_number,
                provider_name=provider.name,
                name=name,
                description=lang_texts(content.get("description")),
                url=url_of(content.get("url"))
                or next((event.url for event in events if event.url), ""),
                credits=amount,
                credit_unit=unit if amount is not None else "",
                kind=kind_of(content),
                offerings=tuple(offerings),
            )
        )


def read(client: JsonClient, query: RegisterQuery) -> RegisterAnswer:
    """The region's Susa-navet programmes with their events, and a problem for each record that could not be read."""
    return Reading(client, query).run()


def read_offering(
    identifier: str, content: Mapping[str, Any], region: tuple[str, ...]
) -> RegisterOffering | None:
    """One event as an offering, or None when it is given only outside the region; RecordError for a bad field."""
    places = []
    for location in as_list(content.get("locations")):
        if not isinstance(location, dict):
            continue
        code = sweden.municipality_code(location.get("areaCode"), "locations.areaCode")
        places.append((code, text(location.get("town"))))
    in_region = [place for place in places if place[0] in region]
    if region and places and not in_region:
        return None
    code, town = (in_region or places or [("", "")])[0]
    execution = (
        content.get("execution") if isinstance(content.get("execution"), dict) else {}
    )
    application = (
        content.get("application")
        if isinstance(content.get("application"), dict)
        else {}
    )
    periods: tuple[tuple[datetime.date, datetime.date], ...] = ()
    opens = date_or_none(application.get("first"), "application.first")
    closes = date_or_none(application.get("last"), "application.last")
    if opens and closes:
        if closes < opens:
            raise RecordError(
                "application.last", _("The application period ends before it opens.")
            )
        periods = ((opens, closes),)
    return RegisterOffering(
        identifier=identifier,
        municipality_code=code,
        place_name=town,
        language=language_of(content.get("languageOfInstructions")),
        starts_on=date_or_none(execution.get("start"), "execution.start"),
        pace=pace_of(content.get("paceOfStudy")),
        places=whole_number_or_none(content.get("places"), "places"),
        application_periods=periods,
        apply_url=url_of(application.get("url")) or url_of(content.get("url")),
    )


def as_list(value: Any) -> list[Any]:
    """Multi-valued fields are arrays; a single object is read as a list of one."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def lang_texts(value: Any) -> dict[str, str]:
    """A LangString's texts by the map's languages ("sv", "en", "fi"); the first text of a language wins."""
    texts: dict[str, str] = {}
    strings = value.get("strings") if isinstance(value, dict) else None
    for node in as_list(strings):
        if not isinstance(node, dict):
            continue
        language = TEXT_LANGUAGES.get(text(node.get("lang")).lower())
        value_text = text(node.get("value"))
        if language and value_text and language not in texts:
            texts[language] = value_text
    return texts


def keywords_of(content: Mapping[str, Any]) -> list[str]:
    keywords = content.get("keywords")
    strings = keywords.get("strings") if isinstance(keywords, dict) else None
    return [
        text(node.get("value"))
        for node in as_list(strings)
        if isinstance(node, dict) and text(node.get("value"))
    ]


def url_of(value: Any) -> str:
    """The Swedish link of a LangUrl, else its first."""
    urls = [
        node
        for node in as_list(value.get("urls") if isinstance(value, dict) else None)
        if isinstance(node, dict)
    ]
    for node in sorted(
        urls, key=lambda node: text(node.get("lang")).lower() not in ("swe", "sv")
    ):
        if link := text(node.get("value")):
            return link
    return ""


def code_of(value: Any) -> str:
    return text(value.get("code")) if isinstance(value, dict) else text(value)


def has_keyword(texts: tuple[str, ...] | list[str], keywords: tuple[str, ...]) -> bool:
    haystack = " ".join(texts).casefold()
    return any(keyword.casefold() in haystack for keyword in keywords)


def date_or_none(value: Any, field_name: str) -> datetime.date | None:
    """A date written YYYY-MM-DD, also as the start of a date and time; None when absent."""
    if value is None or value == "":
        return None
    raw = str(value).strip()
    try:
        if len(raw) == 10 or (len(raw) > 10 and raw[10] in "T "):
            return datetime.date.fromisoformat(raw[:10])
    except ValueError:
        pass
    raise RecordError(
        field_name,
        _("“%(value)s” is not a date of the form 2026-01-31.") % {"value": raw},
    )


def number_or_none(value: Any, field_name: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value)
    raise RecordError(field_name, _("“%(value)s” is not a number.") % {"value": value})


def whole_number_or_none(value: Any, field_name: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise RecordError(
        field_name, _("“%(value)s” is not a whole number.") % {"value": value}
    )


def pace_of(value: Any) -> str:
    """Study pace: individual pace is self-paced, 100 % full-time, less part-time."""
    if not isinstance(value, dict):
        return ""
    if value.get("individual") is True:
        return "self_paced"
    percentage = value.get("percentage")
    if percentage is None:
        return ""
    if (
        isinstance(percentage, bool)
        or not isinstance(percentage, (int, float))
        or not 0 < percentage <= 100
    ):
        message = _("“%(value)s” is not a percentage above 0 and at most 100.") % {
            "value": percentage
        }
        raise RecordError("paceOfStudy.percentage", message)
    return "full_time" if percentage == 100 else "part_time"


def language_of(value: Any) -> str:
    """The first language of instruction as ISO 639-1; "" when there is none or it has no two-letter code."""
    for code in as_list(value):
        raw = text(code).lower()
        if not re.fullmatch(r"[a-z]{3}", raw):
            message = _(
                "“%(value)s” is not a language code (ISO 639-2, such as “swe”)."
            ) % {"value": code}
            raise RecordError("languageOfInstructions", message)
        if raw in ISO_639_1:
            return ISO_639_1[raw]
    return ""
