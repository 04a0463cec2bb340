"""Reading Opintopolku's external API answers (recorded in tests/registers/fixtures/opintopolku/, in the format of
konfo-backend's published schemas) into register programmes, and a clear problem for each record that is malformed."""

import copy
import datetime
import json

import pytest

from programmes.registers import opintopolku
from programmes.registers.client import RecordedClient, RegisterHttpError, recorded_name
from programmes.registers.records import RegisterQuery
from tests.registers.opintopolku_world import (
    BROKEN,
    COLLEGE_OID,
    COURSE,
    FIXTURES,
    GONE,
    PROCESS,
)

KOULUTUS_PARAMS = {"toteutukset": "true", "hakukohteet": "true", "haut": "true"}
QUERY = RegisterQuery(
    provider_identifiers=(COLLEGE_OID,),
    keywords=("akku", "battery"),
    municipality_codes=("FI564", "SE2482"),
    identifiers=(GONE,),
)


def koulutus(oid: str = PROCESS) -> dict:
    name = recorded_name(f"{opintopolku.BASE_URL}/koulutus/{oid}", KOULUTUS_PARAMS)
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_a_koulutus_with_its_toteutukset_and_hakukohteet_is_read_whole():
    programme = opintopolku.parse_koulutus(koulutus(), [COLLEGE_OID])
    assert programme.identifier == PROCESS
    assert (
        programme.provider_identifier == COLLEGE_OID
    )  # the oppilaitos the map knows, not the koulutustoimija
    assert programme.name == {
        "fi": "Prosessiteollisuuden perustutkinto, akkuteollisuus",
        "sv": "Grundexamen inom processindustrin, batteriindustri",
        "en": "Vocational Qualification in Process Industry, battery industry",
    }
    assert (
        programme.description["fi"]
        == "Opit työskentelemään akkumateriaalien ja -kennojen valmistuksessa."
    )
    assert (programme.kind, programme.credits, programme.credit_unit) == (
        "vocational",
        180.0,
        "osp",
    )
    assert programme.url == f"https://opintopolku.fi/konfo/fi/koulutus/{PROCESS}"
    oulu, kajaani = programme.offerings
    assert (oulu.identifier, oulu.municipality_code, oulu.place_name) == (
        "1.2.246.562.17.00000000000000000201",
        "FI564",
        "Oulu",
    )
    assert (oulu.language, oulu.starts_on, oulu.places) == (
        "fi",
        datetime.date(2027, 8, 9),
        24,
    )
    # The hakukohde follows its haku's timetable: the periods are the haku's.
    assert oulu.application_periods == (
        (datetime.date(2027, 2, 25), datetime.date(2027, 3, 18)),
    )
    assert (
        oulu.apply_url
        == "https://opintopolku.fi/konfo/fi/hakukohde/1.2.246.562.20.00000000000000000301"
    )
    # A season and year ("autumn 2027") starts on the season's first day.
    assert (kajaani.municipality_code, kajaani.starts_on, kajaani.places) == (
        "FI205",
        datetime.date(2027, 8, 1),
        12,
    )
    assert kajaani.application_periods == (
        (datetime.date(2027, 4, 1), datetime.date(2027, 4, 30)),
    )


def test_reading_the_register_keeps_the_providers_records_and_reports_the_bad_ones():
    client = RecordedClient(FIXTURES)
    answer = opintopolku.read(client, QUERY)
    assert [p.identifier for p in answer.programmes] == [PROCESS, COURSE]
    course = answer.programmes[1]
    assert (course.kind, course.credit_unit, course.offerings[0].language) == (
        "course",
        "ects",
        "en",
    )
    problems = {(p.identifier, p.field) for p in answer.problems}
    assert problems == {
        ("search “akku”, hit 3", "oid"),
        (
            BROKEN,
            "toteutukset[1.2.246.562.17.00000000000000000204].metadata.opetus.koulutuksenAlkamiskausi"
            ".koulutuksenAlkamispaivamaara",
        ),
    }
    assert "“9.8.2027” is not a date." in [p.message for p in answer.problems]
    # Only Finnish municipalities go into the search; another provider's koulutus is not even fetched; the
    # koulutus the map holds is asked for by its OID (no answer: no longer listed, and no problem).
    assert any("sijainti_kunta_564_size" in name for name in client.requested)
    assert not any("00000000000000000102__" in name for name in client.requested)
    assert any(GONE in name for name in client.requested)


def mutate(path: list, value: object) -> dict:
    data = copy.deepcopy(koulutus())
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (["oid"], KeyError, "oid"),
        (["oid"], "1.2.246.562.17.1", "oid"),
        (["nimi"], {"fi": "  "}, "nimi"),
        (["organisaatio"], None, "organisaatio.oid"),
        (
            ["metadata", "opintojenLaajuusNumero"],
            "180",
            "metadata.opintojenLaajuusNumero",
        ),
        (
            ["metadata", "opintojenLaajuusyksikko"],
            {"koodiUri": "opintojenlaajuusyksikko_8#1"},
            "metadata.opintojenLaajuusyksikko",
        ),
        (["toteutukset", 0, "oid"], "x", "toteutukset.oid"),
        (
            ["toteutukset", 0, "metadata", "opetus"],
            None,
            "toteutukset[1.2.246.562.17.00000000000000000201].metadata.opetus",
        ),
        (
            ["toteutukset", 0, "metadata", "opetus", "opetuskieli", 0, "koodiUri"],
            "kieli_fi",
            "toteutukset[1.2.246.562.17.00000000000000000201].metadata.opetus.opetuskieli[0]",
        ),
        (
            ["toteutukset", 0, "tarjoajat", 0, "paikkakunta", "koodiUri"],
            "maakunta_17",
            "toteutukset[1.2.246.562.17.00000000000000000201].tarjoajat[0].paikkakunta.koodiUri",
        ),
        (
            ["hakukohteet", 1, "metadata", "aloituspaikat", "lukumaara"],
            "12",
            "toteutukset[1.2.246.562.17.00000000000000000202].hakukohteet[1.2.246.562.20.00000000000000000302]"
            ".metadata.aloituspaikat.lukumaara",
        ),
        (
            ["hakukohteet", 1, "hakuajat", 0, "paattyy"],
            "2027-03-01T15:00",
            "toteutukset[1.2.246.562.17.00000000000000000202].hakukohteet[1.2.246.562.20.00000000000000000302]"
            ".hakuajat[0]",
        ),
    ],
)
def test_a_malformed_field_rejects_the_whole_record_naming_the_field(
    path, value, field
):
    with pytest.raises(opintopolku.Malformed) as error:
        opintopolku.parse_koulutus(mutate(path, value), [COLLEGE_OID])
    assert error.value.field == field
    assert error.value.message.endswith(".")


def test_a_partial_koulutus_without_toteutukset_or_credits_is_read_as_far_as_it_goes():
    data = koulutus()
    for key in ("toteutukset", "hakukohteet", "haut"):
        del data[key]
    del data["metadata"]
    programme = opintopolku.parse_koulutus(data)
    assert programme.offerings == ()
    assert programme.credits is None and programme.credit_unit == ""
    assert (
        programme.provider_identifier == "1.2.246.562.10.10000000000"
    )  # no provider asked for: the organisation


def test_a_continuous_application_without_a_closing_day_gives_no_period():
    data = mutate(
        ["hakukohteet", 1, "hakuajat"], [{"alkaa": "2027-04-01T08:00", "paattyy": None}]
    )
    programme = opintopolku.parse_koulutus(data)
    assert programme.offerings[1].application_periods == ()


class FailingFor:
    """The recorded answers, except that one koulutus cannot be fetched (the register failed for it)."""

    def __init__(self, oid: str) -> None:
        self.recorded = RecordedClient(FIXTURES)
        self.oid = oid

    def get_json(self, url: str, params: dict | None = None) -> object:
        if url.endswith(self.oid):
            raise RegisterHttpError(url, "HTTP 500; gave up after 4 tries", 500)
        return self.recorded.get_json(url, params)


def test_a_record_the_register_fails_to_give_is_a_problem_and_the_others_are_still_read():
    answer = opintopolku.read(FailingFor(PROCESS), QUERY)
    assert [p.identifier for p in answer.programmes] == [COURSE]
    failed = [p for p in answer.problems if p.identifier == PROCESS]
    assert len(failed) == 1 and "HTTP 500" in failed[0].message


def test_a_search_answer_without_hits_is_fatal():
    class Broken:
        def get_json(self, url: str, params: dict | None = None) -> object:
            return {"error": "index unavailable"}

    with pytest.raises(RegisterHttpError, match="no list of hits"):
        opintopolku.read(Broken(), QUERY)


def test_the_search_reads_every_page_up_to_the_total(monkeypatch):
    monkeypatch.setattr(opintopolku, "PAGE_SIZE", 1)
    asked: list[int] = []

    class Paged:
        def get_json(self, url: str, params: dict | None = None) -> object:
            if "/search/" in url:
                asked.append(params["page"])
                hit = {
                    "oid": f"1.2.246.562.13.{params['page']}",
                    "toteutukset": [{"oppilaitosOid": COLLEGE_OID}],
                }
                return {"total": 3, "hits": [hit]}
            raise opintopolku.RegisterNotFound(url, "not found", 404)

    query = RegisterQuery(provider_identifiers=(COLLEGE_OID,), keywords=("akku",))
    assert opintopolku.read(Paged(), query).programmes == []
    assert asked == [1, 2, 3]
