"""Opintopolku (Studyinfo), Finland's register of education, read through konfo-backend's public external API.

What is asked (``BASE_URL`` = https://opintopolku.fi/konfo-backend/external):

1. ``/search/toteutukset-koulutuksittain?keyword=K&sijainti=kunta_564,…&size=…&page=…`` for every keyword: the
   koulutukset (programmes) whose toteutukset (realisations) are in the region's municipalities; a hit is kept when
   its organisation or one of its toteutukset' oppilaitos is among the query's providers.
2. ``/koulutus/{oid}?toteutukset=true&hakukohteet=true&haut=true`` for every koulutus found and every one the map
   already holds (``query.identifiers``): names and description in fi/sv/en, type, provider OID, study credits, and
   per toteutus the place (tarjoajat' paikkakunta, a kunta code), language (opetuskieli), start (alkamiskausi),
   and from its hakukohteet the application periods (hakuajat, or the haku's when the hakukohde uses the haku's
   timetable) and the study places (aloituspaikat). A 404 means the register no longer lists the koulutus.

A koulutus of which any part cannot be read gives a ``RecordProblem`` naming the koulutus OID and the field, and no
programme: the map gets a record whole or not at all. A search that fails is fatal (``RegisterHttpError``).
"""

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from programmes.registers.client import RegisterHttpError, RegisterNotFound
from programmes.registers.records import (
    JsonClient,
    RecordProblem,
    Register,
    RegisterAnswer,
    RegisterOffering,
    RegisterProgramme,
    RegisterQuery,
)

NAME = Register.OPINTOPOLKU
BASE_URL = "https://opintopolku.fi/konfo-backend/external"
PROGRAMME_PAGE = "https://opintopolku.fi/konfo/{language}/koulutus/{oid}"
REALISATION_PAGE = "https://opintopolku.fi/konfo/{language}/toteutus/{oid}"
PAGE_SIZE = 50
MAX_PAGES = 20  # 1,000 hits per keyword: far more than the region's providers have for one battery word

LANGUAGES = ("fi", "sv", "en")
KOULUTUS_OID = re.compile(r"^1\.2\.246\.562\.13\.\d+$")
TOTEUTUS_OID = re.compile(r"^1\.2\.246\.562\.17\.\d+$")
KUNTA_URI = re.compile(r"^kunta_(\d{3})(#\d+)?$")
# Koodisto "oppilaitoksenopetuskieli": 1 Finnish, 2 Swedish, 3 Finnish and Swedish, 4 English, 5 Sámi, 9 other.
TEACHING_LANGUAGES = {"1": "fi", "2": "sv", "3": "fi", "4": "en", "5": "se", "9": ""}
LANGUAGE_URI = re.compile(r"^oppilaitoksenopetuskieli_(\d+)(#\d+)?$")
# Koodisto "opintojenlaajuusyksikko": 2 opintopiste (ECTS), 6 osaamispiste (competence points).
CREDIT_UNITS = {"2": "ects", "6": "osp"}
CREDIT_UNIT_URI = re.compile(r"^opintojenlaajuusyksikko_(\d+)(#\d+)?$")
# A start given as a season and a year is stored as the season's first day (the register gives no day).
SEASON_STARTS = {"kausi_s": (8, 1), "kausi_k": (1, 1)}
# Kouta's koulutustyyppi → programmes.Programme.Kind; a type missing here is "" (reported, never created).
KINDS = {
    "amm": "vocational",
    "amk": "degree",
    "yo": "degree",
    "amm-osaamisala": "module",
    "amm-tutkinnon-osa": "module",
    "kk-opintokokonaisuus": "module",
    "amm-muu": "course",
    "kk-opintojakso": "course",
    "muu": "course",
    "vapaa-sivistystyo-muu": "course",
    "erikoistumiskoulutus": "specialisation",
}


class Malformed(Exception):
    """A field of a record that cannot be read: the field's path and a sentence for people."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def read(client: JsonClient, query: RegisterQuery) -> RegisterAnswer:
    """The koulutukset of the query's providers that the keywords find, and the ones the map already holds."""
    answer = RegisterAnswer()
    found: dict[str, None] = {}
    providers = set(query.provider_identifiers)
    for keyword in query.keywords:
        for oid in _search(client, keyword, query, providers, answer):
            found.setdefault(oid, None)
    for oid in query.identifiers:
        found.setdefault(oid, None)
    for oid in found:
        try:
            data = client.get_json(
                f"{BASE_URL}/koulutus/{oid}",
                {"toteutukset": "true", "hakukohteet": "true", "haut": "true"},
            )
        except RegisterNotFound:
            continue  # no longer listed: the matching makes it a discontinuation candidate
        except RegisterHttpError as error:
            answer.problems.append(
                RecordProblem(
                    NAME,
                    oid,
                    "",
                    _("The register could not be read: %(error)s") % {"error": error},
                )
            )
            continue
        try:
            answer.programmes.append(parse_koulutus(data, providers))
        except Malformed as error:
            identifier = (
                data.get("oid")
                if isinstance(data, dict) and isinstance(data.get("oid"), str)
                else oid
            )
            answer.problems.append(
                RecordProblem(NAME, identifier, error.field, error.message)
            )
    return answer


def _search(
    client: JsonClient,
    keyword: str,
    query: RegisterQuery,
    providers: set[str],
    answer: RegisterAnswer,
) -> Iterable[str]:
    """The OIDs of the koulutukset a keyword finds in the region, page by page; raises RegisterHttpError."""
    places = [
        f"kunta_{code[2:]}"
        for code in query.municipality_codes
        if code.startswith("FI")
    ]
    seen = 0
    for page in range(1, MAX_PAGES + 1):
        params: dict[str, Any] = {"keyword": keyword, "page": page, "size": PAGE_SIZE}
        if places:
            params["sijainti"] = places
        try:
            result = client.get_json(
                f"{BASE_URL}/search/toteutukset-koulutuksittain", params
            )
        except RegisterNotFound:
            return  # the API answers 404 when nothing matches
        if not isinstance(result, dict) or not isinstance(result.get("hits"), list):
            raise RegisterHttpError(
                f"{BASE_URL}/search/toteutukset-koulutuksittain",
                _("the search answer has no list of hits"),
            )
        for number, hit in enumerate(result["hits"], start=seen + 1):
            oid = hit.get("oid") if isinstance(hit, dict) else None
            if not isinstance(oid, str) or not KOULUTUS_OID.match(oid):
                answer.problems.append(
                    RecordProblem(
                        NAME,
                        _("search “%(keyword)s”, hit %(number)s")
                        % {"keyword": keyword, "number": number},
                        "oid",
                        _("The hit has no koulutus OID (1.2.246.562.13.…)."),
                    )
                )
                continue
            if not providers or providers & _hit_organisations(hit):
                yield oid
        seen += len(result["hits"])
        total = result.get("total")
        if not result["hits"] or not isinstance(total, int) or seen >= total:
            return


def _hit_organisations(hit: Mapping[str, Any]) -> set[str]:
    organisations = set()
    organisation = hit.get("organisaatio")
    if isinstance(organisation, dict) and isinstance(organisation.get("oid"), str):
        organisations.add(organisation["oid"])
    for realisation in hit.get("toteutukset") or []:
        if isinstance(realisation, dict) and isinstance(
            realisation.get("oppilaitosOid"), str
        ):
            organisations.add(realisation["oppilaitosOid"])
    return organisations


def parse_koulutus(data: Any, providers: Iterable[str] = ()) -> RegisterProgramme:
    """A koulutus of the external API (with its toteutukset, hakukohteet and haut) as a RegisterProgramme; raises
    Malformed naming the first field that cannot be read."""
    if not isinstance(data, dict):
        raise Malformed(
            "", _("The answer is not a koulutus (a JSON object was expected).")
        )
    oid = data.get("oid")
    if not isinstance(oid, str) or not KOULUTUS_OID.match(oid):
        raise Malformed(
            "oid", _("The koulutus OID is missing or not of the form 1.2.246.562.13.….")
        )
    name = _texts(data, "nimi")
    if not name:
        raise Malformed(
            "nimi", _("The koulutus has no name in Finnish, Swedish or English.")
        )
    organisation = data.get("organisaatio")
    if not isinstance(organisation, dict) or not isinstance(
        organisation.get("oid"), str
    ):
        raise Malformed(
            "organisaatio.oid", _("The koulutus names no organisation OID.")
        )
    metadata = data.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise Malformed("metadata", _("The metadata is not a JSON object."))
    credits, unit = _credits(metadata)
    haut = {
        haku.get("oid"): haku
        for haku in data.get("haut") or []
        if isinstance(haku, dict)
    }
    offerings: list[RegisterOffering] = []
    organisations = [organisation["oid"]]
    for index, realisation in enumerate(data.get("toteutukset") or []):
        if not isinstance(realisation, dict):
            raise Malformed(
                f"toteutukset[{index}]", _("The toteutus is not a JSON object.")
            )
        offerings.extend(_offerings(realisation, data.get("hakukohteet") or [], haut))
        organisations += [
            tarjoaja["oid"]
            for tarjoaja in realisation.get("tarjoajat") or []
            if isinstance(tarjoaja, dict) and isinstance(tarjoaja.get("oid"), str)
        ]
        organisations += [
            o for o in realisation.get("oppilaitokset") or [] if isinstance(o, str)
        ]
    organisations += [
        tarjoaja["oid"]
        for tarjoaja in data.get("tarjoajat") or []
        if isinstance(tarjoaja, dict) and isinstance(tarjoaja.get("oid"), str)
    ]
    wanted = set(providers)
    provider = next((o for o in organisations if o in wanted), organisation["oid"])
    page_language = next(iter(name))
    return RegisterProgramme(
        register=NAME,
        identifier=oid,
        provider_identifier=provider,
        provider_name=_texts(organisation, "nimi"),
        name=name,
        description={
            lang: strip_tags(text).strip()
            for lang, text in _texts(metadata, "kuvaus").items()
        },
        url=PROGRAMME_PAGE.format(language=page_language, oid=oid),
        credits=credits,
        credit_unit=unit,
        offerings=tuple(offerings),
        kind=KINDS.get(data.get("koulutustyyppi") or "", ""),
    )


def _texts(data: Mapping[str, Any], key: str) -> dict[str, str]:
    """A Kielistetty field ({"fi": …, "sv": …, "en": …}) without empty languages; {} when missing."""
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise Malformed(key, _("The text is not given by language."))
    return {
        lang: value[lang].strip()
        for lang in LANGUAGES
        if isinstance(value.get(lang), str) and value[lang].strip()
    }


def _credits(metadata: Mapping[str, Any]) -> tuple[float | None, str]:
    number = metadata.get("opintojenLaajuusNumero")
    if number is None:
        return None, ""
    if isinstance(number, bool) or not isinstance(number, int | float) or number <= 0:
        raise Malformed(
            "metadata.opintojenLaajuusNumero",
            _("The study credits are not a positive number."),
        )
    unit = metadata.get("opintojenLaajuusyksikko") or {}
    match = (
        CREDIT_UNIT_URI.match(unit.get("koodiUri") or "")
        if isinstance(unit, dict)
        else None
    )
    if match is None or match.group(1) not in CREDIT_UNITS:
        raise Malformed(
            "metadata.opintojenLaajuusyksikko",
            _(
                "The unit of the study credits is missing or not one the map knows (opintopiste, osaamispiste)."
            ),
        )
    return float(number), CREDIT_UNITS[match.group(1)]


def _offerings(
    realisation: Mapping[str, Any], hakukohteet: list[Any], haut: Mapping[Any, Any]
) -> list[RegisterOffering]:
    """One offering per municipality where the toteutus is given."""
    oid = realisation.get("oid")
    if not isinstance(oid, str) or not TOTEUTUS_OID.match(oid):
        raise Malformed(
            "toteutukset.oid",
            _("A toteutus OID is missing or not of the form 1.2.246.562.17.…."),
        )
    field = f"toteutukset[{oid}]"
    metadata = realisation.get("metadata")
    if not isinstance(metadata, dict) or not isinstance(metadata.get("opetus"), dict):
        raise Malformed(
            f"{field}.metadata.opetus",
            _("The toteutus has no teaching details (opetus)."),
        )
    teaching = metadata["opetus"]
    language = _language(teaching, field)
    starts_on = _start(
        teaching.get("koulutuksenAlkamiskausi"),
        f"{field}.metadata.opetus.koulutuksenAlkamiskausi",
    )
    own = [
        h for h in hakukohteet if isinstance(h, dict) and h.get("toteutusOid") == oid
    ]
    places, periods, apply_url = _applications(own, haut, field)
    places_by_code: dict[str, str] = {}
    for index, tarjoaja in enumerate(realisation.get("tarjoajat") or []):
        place = tarjoaja.get("paikkakunta") if isinstance(tarjoaja, dict) else None
        if not isinstance(place, dict):
            raise Malformed(
                f"{field}.tarjoajat[{index}].paikkakunta",
                _("The place of the toteutus is missing."),
            )
        match = KUNTA_URI.match(place.get("koodiUri") or "")
        if match is None:
            raise Malformed(
                f"{field}.tarjoajat[{index}].paikkakunta.koodiUri",
                _("The municipality code is not of the form kunta_564."),
            )
        names = _texts(place, "nimi")
        places_by_code.setdefault(
            f"FI{match.group(1)}", names.get("fi") or next(iter(names.values()), "")
        )
    if not places_by_code:
        raise Malformed(
            f"{field}.tarjoajat", _("The toteutus names no place where it is given.")
        )
    return [
        RegisterOffering(
            identifier=oid if len(places_by_code) == 1 else f"{oid}/{code}",
            municipality_code=code,
            place_name=place_name,
            language=language,
            starts_on=starts_on,
            places=places,
            application_periods=periods,
            apply_url=apply_url or REALISATION_PAGE.format(language="fi", oid=oid),
        )
        for code, place_name in places_by_code.items()
    ]


def _language(teaching: Mapping[str, Any], field: str) -> str:
    for index, koodi in enumerate(teaching.get("opetuskieli") or []):
        match = (
            LANGUAGE_URI.match(koodi.get("koodiUri") or "")
            if isinstance(koodi, dict)
            else None
        )
        if match is None or match.group(1) not in TEACHING_LANGUAGES:
            raise Malformed(
                f"{field}.metadata.opetus.opetuskieli[{index}]",
                _(
                    "The language of instruction is not a code of the oppilaitoksenopetuskieli code list."
                ),
            )
        if TEACHING_LANGUAGES[match.group(1)]:
            return TEACHING_LANGUAGES[match.group(1)]
    return ""


def _date(value: Any, field: str) -> datetime.date:
    """A date of the API ("2027-08-16T00:00", or a plain date)."""
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise Malformed(field, _("“%(value)s” is not a date.") % {"value": value})


def _start(start: Any, field: str) -> datetime.date | None:
    if not start:
        return None
    if not isinstance(start, dict):
        raise Malformed(field, _("The start is not a JSON object."))
    kind = start.get("alkamiskausityyppi")
    if kind == "tarkka alkamisajankohta":
        return _date(
            start.get("koulutuksenAlkamispaivamaara"),
            f"{field}.koulutuksenAlkamispaivamaara",
        )
    if kind == "alkamiskausi ja -vuosi":
        season = (start.get("koulutuksenAlkamiskausi") or {}).get("koodiUri", "")
        year = start.get("koulutuksenAlkamisvuosi")
        month_day = SEASON_STARTS.get(str(season).split("#")[0])
        if month_day is None or not str(year).isdigit():
            raise Malformed(field, _("The start season or year cannot be read."))
        return datetime.date(int(year), *month_day)
    return None  # a personal plan: no common start


def _applications(
    hakukohteet: list[dict[str, Any]], haut: Mapping[Any, Any], field: str
) -> tuple[int | None, tuple[tuple[datetime.date, datetime.date], ...], str]:
    """Study places (summed over the hakukohteet), application periods and the first application address."""
    places: int | None = None
    periods: list[tuple[datetime.date, datetime.date]] = []
    apply_url = ""
    for hakukohde in hakukohteet:
        where = f"{field}.hakukohteet[{hakukohde.get('oid')}]"
        count = ((hakukohde.get("metadata") or {}).get("aloituspaikat") or {}).get(
            "lukumaara"
        )
        if count is not None:
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise Malformed(
                    f"{where}.metadata.aloituspaikat.lukumaara",
                    _("The study places are not a whole number."),
                )
            places = (places or 0) + count
        hakuajat = hakukohde.get("hakuajat") or []
        if hakukohde.get("kaytetaanHaunAikataulua"):
            hakuajat = (haut.get(hakukohde.get("hakuOid")) or {}).get("hakuajat") or []
        for index, period in enumerate(hakuajat):
            if not isinstance(period, dict):
                raise Malformed(
                    f"{where}.hakuajat[{index}]",
                    _("The application period is not a JSON object."),
                )
            if not period.get("paattyy"):
                continue  # continuous application: no closing date to show
            opens = _date(period.get("alkaa"), f"{where}.hakuajat[{index}].alkaa")
            closes = _date(period.get("paattyy"), f"{where}.hakuajat[{index}].paattyy")
            if closes < opens:
                raise Malformed(
                    f"{where}.hakuajat[{index}]",
                    _("The application period closes before it opens."),
                )
            if (opens, closes) not in periods:
                periods.append((opens, closes))
        links = hakukohde.get("hakulomakeLinkki")
        if not apply_url and isinstance(links, dict):
            apply_url = next(
                (
                    links[lang]
                    for lang in LANGUAGES
                    if isinstance(links.get(lang), str) and links[lang]
                ),
                "",
            )
    return (places or None), tuple(sorted(periods)), apply_url
