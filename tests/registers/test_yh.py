"""The YH agency's granted programmes read from recorded copies of its programme table (fixtures/yh)."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from programmes.registers import sweden, yh
from programmes.registers.records import (
    RegisterOffering,
    RegisterProgramme,
    RegisterQuery,
)

FIXTURES = Path(__file__).parent / "fixtures" / "yh"
URL = "https://open-data.example/myh/resultat-program.csv"


class RecordedTable:
    """A JsonClient whose text answer is one recorded file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.asked: list[str] = []

    def get_json(self, url: str, params: Mapping[str, Any] | None = None) -> Any:
        raise AssertionError("The programme table is CSV text.")

    def post_json(self, url: str, body: Any) -> Any:
        raise AssertionError("The programme table is read with GET.")

    def get_text(self, url: str, params: Mapping[str, Any] | None = None) -> str:
        self.asked.append(url)
        return (FIXTURES / self.name).read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _table_address(settings):
    settings.REGISTERS_YH_CSV_URL = URL


def region_query(**changes: Any) -> RegisterQuery:
    values = {
        "municipality_codes": tuple(sweden.known_municipalities()),
        "keywords": ("batteri", "battery"),
    }
    return RegisterQuery(**{**values, **changes})


def test_granted_battery_programmes_of_the_region_are_read():
    client = RecordedTable("resultat-program.csv")
    answer = yh.read(client, region_query())

    assert client.asked == [URL]
    # Refused (0003), outside the region (0004) and without a search word (0005) are left out.
    assert [p.identifier for p in answer.programmes] == [
        "TEST-2025/0001",
        "TEST-2025/0002",
        "TEST-2025/0009",
    ]
    assert answer.programmes[0] == RegisterProgramme(
        register="yh",
        identifier="TEST-2025/0001",
        provider_identifier="",
        provider_name={"sv": "Skellefteå kommun"},
        name={"sv": "Batteriproduktionstekniker"},
        credits=400.0,
        credit_unit="yhp",
        offerings=(
            RegisterOffering(
                identifier="TEST-2025/0001",
                municipality_code="SE2482",
                place_name="Skellefteå",
                pace="full_time",
                places=35,
            ),
        ),
    )


def test_part_time_and_several_municipalities():
    lulea, several = yh.read(
        RecordedTable("resultat-program.csv"), region_query()
    ).programmes[1:]

    assert (
        lulea.offerings[0].municipality_code,
        lulea.offerings[0].pace,
        lulea.offerings[0].places,
    ) == (
        "SE2580",
        "part_time",
        25,
    )
    # A programme given in several municipalities of a county in the region has no single municipality.
    assert (
        several.credits,
        several.offerings[0].municipality_code,
        several.offerings[0].place_name,
    ) == (
        400.0,
        "",
        'Se "Lista flera kommuner"',
    )


def test_each_flawed_row_is_reported_by_row_and_column_while_the_others_are_read():
    answer = yh.read(RecordedTable("resultat-program.csv"), region_query())

    assert [
        (p.register, p.identifier, p.field, p.message) for p in answer.problems
    ] == [
        ("yh", "row 7", "Diarienummer", "The record has no identifier."),
        ("yh", "TEST-2025/0007", "YH-poäng", "“fyrahundra” is not a number."),
        (
            "yh",
            "TEST-2025/0008",
            "Kommun",
            "“Skelleftehamn” is not a municipality of Västerbottens län.",
        ),
        (
            "yh",
            "TEST-2025/0010",
            "Antal kommuner",
            "The row is cut short: it has 7 of 18 columns.",
        ),
    ]
    assert len(answer.programmes) == 3


def test_without_search_words_or_municipalities_the_query_keeps_more_rows():
    everything = yh.read(RecordedTable("resultat-program.csv"), RegisterQuery())
    any_subject = yh.read(
        RecordedTable("resultat-program.csv"), region_query(keywords=())
    )

    assert [p.identifier for p in any_subject.programmes] == [
        "TEST-2025/0001",
        "TEST-2025/0002",
        "TEST-2025/0005",
        "TEST-2025/0009",
    ]
    assert "TEST-2025/0004" in [p.identifier for p in everything.programmes]
    # Outside the bundled counties a municipality has no code, and a locality is no error without a region.
    assert {
        p.identifier: p.offerings[0].municipality_code for p in everything.programmes
    }["TEST-2025/0004"] == ""
    assert "TEST-2025/0008" in [p.identifier for p in everything.programmes]


def test_an_organisation_number_column_names_the_provider_and_a_malformed_one_is_reported():
    # This copy is comma-separated and keeps the sheet's title line above its header.
    answer = yh.read(
        RecordedTable("resultat-program-organisationsnummer.csv"), region_query()
    )

    [programme] = answer.programmes
    assert programme.provider_identifier == "999999-0003"
    # 100 places over 3 intakes is no whole number per intake: places are not guessed.
    assert (programme.offerings[0].pace, programme.offerings[0].places) == (
        "full_time",
        None,
    )
    assert [(p.identifier, p.field, p.message) for p in answer.problems] == [
        (
            "TEST-2025/0102",
            "Organisationsnummer",
            "“12-34” is not an organisation number (NNNNNN-NNNN).",
        )
    ]


def test_a_table_without_a_needed_column_gives_one_problem_and_no_programmes():
    answer = yh.read(
        RecordedTable("resultat-program-utan-anordnare.csv"), region_query()
    )

    assert answer.programmes == []
    assert [(p.field, p.message) for p in answer.problems] == [
        (
            "Utbildningsanordnare administrativ enhet",
            "The table has no column “Utbildningsanordnare administrativ enhet”.",
        )
    ]


def test_without_the_tables_address_nothing_is_asked(settings):
    settings.REGISTERS_YH_CSV_URL = ""
    client = RecordedTable("resultat-program.csv")

    answer = yh.read(client, region_query())

    assert client.asked == []
    assert answer.programmes == []
    assert [(p.field, p.message) for p in answer.problems] == [
        (
            "REGISTERS_YH_CSV_URL",
            "No address is set for the YH agency's programme table (setting REGISTERS_YH_CSV_URL).",
        )
    ]
