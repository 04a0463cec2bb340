"""Susa-navet's programmes and events read from recorded answers of its EMIL 3 API (fixtures/skolverket)."""

import datetime
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from programmes.registers import skolverket, sweden
from programmes.registers.records import (
    RegisterOffering,
    RegisterProgramme,
    RegisterQuery,
)

FIXTURES = Path(__file__).parent / "fixtures" / "skolverket"


class RecordedSusaNavet:
    """A JsonClient answering from the recorded files, named after the request (see fixtures/skolverket/README.md)."""

    def __init__(self, answers: Mapping[str, Any] | None = None) -> None:
        self.asked: list[str] = []
        # Answers that replace a recorded file, by its name: a page the register got wrong.
        self.answers = dict(answers or {})

    def get_json(self, url: str, params: Mapping[str, Any] | None = None) -> Any:
        params = params or {}
        parts = [url.removeprefix(f"{skolverket.BASE_URL}/").replace("/", ".")]
        if "providerId" in params:
            parts.append(params["providerId"])
        if "page" in params:
            parts.append(f"page-{params['page']}")
        name = ".".join(parts)
        self.asked.append(name)
        if name in self.answers:
            return self.answers[name]
        return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))

    def post_json(self, url: str, body: Any) -> Any:
        raise AssertionError("Susa-navet is read with GET only.")

    def get_text(self, url: str, params: Mapping[str, Any] | None = None) -> str:
        raise AssertionError("Susa-navet answers JSON.")


def region_query(**changes: Any) -> RegisterQuery:
    """The region's municipalities (Västerbotten and Norrbotten) and battery search words."""
    values = {
        "municipality_codes": tuple(sweden.known_municipalities()),
        "keywords": ("batteri", "battery"),
    }
    return RegisterQuery(**{**values, **changes})


def test_the_regions_battery_programmes_are_read_with_their_events_in_the_region():
    answer = skolverket.read(RecordedSusaNavet(), region_query())

    assert [p.identifier for p in answer.programmes] == [
        "i.test.ltu.batt",
        "i.test.ltu.recycling",
        "i.test.skelleftea.operator",
    ]
    # The Stockholm event, the cancelled one and the two with flaws are not offerings.
    assert answer.programmes[0] == RegisterProgramme(
        register="susa",
        identifier="i.test.ltu.batt",
        provider_identifier="999999-0001",
        provider_name={"sv": "Luleå tekniska universitet"},
        name={
            "sv": "Civilingenjör, batteriteknik",
            "en": "Master of Science in Engineering, Battery Technology",
        },
        description={
            "sv": "Utbildningen ger kunskap om battericellers kemi, tillverkning och återvinning.",
            "en": "The programme covers battery cell chemistry, manufacturing and recycling.",
        },
        url="https://utbildning.example/ltu/batteriteknik",
        credits=300.0,
        credit_unit="hp",
        kind="degree",
        offerings=(
            RegisterOffering(
                identifier="e.test.ltu.batt.2026ht",
                municipality_code="SE2580",
                place_name="Luleå",
                language="sv",
                starts_on=datetime.date(2026, 8, 31),
                pace="full_time",
                places=30,
                application_periods=(
                    (datetime.date(2026, 3, 16), datetime.date(2026, 4, 15)),
                ),
                apply_url="https://antagning.example/ltu-batt",
            ),
            RegisterOffering(
                identifier="e.test.ltu.batt.skelleftea",
                municipality_code="SE2482",
                place_name="Skellefteå",
                language="en",
                starts_on=datetime.date(2026, 8, 31),
                pace="part_time",
                places=15,
                apply_url="https://utbildning.example/e.test.ltu.batt.skelleftea",
            ),
        ),
    )


def test_credits_units_and_paces_follow_the_register_codes():
    recycling, operator = skolverket.read(
        RecordedSusaNavet(), region_query()
    ).programmes[1:]

    assert (recycling.credits, recycling.credit_unit) == (7.5, "hp")
    assert [(o.identifier, o.pace, o.starts_on) for o in recycling.offerings] == [
        ("e.test.ltu.recycling.2027vt", "self_paced", datetime.date(2027, 1, 18))
    ]
    # Municipal adult education counts upper secondary credits; its event has no title, so its info decided.
    assert (operator.name, operator.credits, operator.credit_unit) == (
        {"sv": "Batterioperatör", "en": "Battery Operator"},
        400.0,
        "gyp",
    )
    assert operator.provider_identifier == "999999-0003"
    # The school type and form give the kind: a university course, a municipal adult education programme.
    assert (recycling.kind, operator.kind) == ("course", "vocational")


def test_each_flawed_record_is_reported_by_record_and_field_while_the_others_are_read():
    answer = skolverket.read(RecordedSusaNavet(), region_query())

    problems = {(p.identifier, p.field): p.message for p in answer.problems}
    assert problems == {
        (
            "educationProviders, page 1, #3",
            "identifier",
        ): "The record has no identifier.",
        (
            "p.test.lernia",
            "organisationNumber",
        ): "“12345-678” is not an organisation number (NNNNNN-NNNN).",
        (
            "educationEvents (p.test.ltu), page 1, #3",
            "identifier",
        ): "The record has no identifier.",
        (
            "e.test.ltu.recycling.2026ht",
            "execution.start",
        ): "“2026-13-45” is not a date of the form 2026-01-31.",
        (
            "e.test.ltu.batt.kiruna",
            "locations.areaCode",
        ): "“2599” is not a municipality of Norrbottens län.",
        ("educationEvents (p.test.umu), page 0", "page"): problems[
            ("educationEvents (p.test.umu), page 0", "page")
        ],
    }
    assert problems[("educationEvents (p.test.umu), page 0", "page")].startswith(
        "The answer is not valid JSON: "
    )
    assert {p.register for p in answer.problems} == {"susa"}
    # The page cut short loses Umeå's events only; a flawed event leaves its programme's other events in.
    assert "i.test.ltu.recycling" in {p.identifier for p in answer.programmes}


def test_the_lists_are_read_page_by_page_until_the_last_page():
    client = RecordedSusaNavet()
    skolverket.read(client, region_query())

    assert client.asked[:2] == [
        "educationProviders.page-0",
        "educationProviders.page-1",
    ]
    assert "educationEvents.p.test.ltu.page-1" in client.asked
    assert not any("page-2" in name for name in client.asked)
    # Providers outside the region and the one with a malformed number are not asked for their events.
    assert not any(
        name.startswith(
            ("educationEvents.p.test.stockholm", "educationEvents.p.test.lernia")
        )
        for name in client.asked
    )


def test_educations_whose_titled_events_lack_a_search_word_cost_no_request():
    client = RecordedSusaNavet()
    skolverket.read(client, region_query())

    assert "educationInfos.i.test.ltu.mining" not in client.asked
    assert "educationInfos.i.test.skelleftea.welding" not in client.asked
    assert "educationInfos.i.test.skelleftea.operator" in client.asked


def test_a_provider_named_by_organisation_number_is_read_wherever_it_teaches():
    answer = skolverket.read(
        RecordedSusaNavet(), RegisterQuery(provider_identifiers=("9999990001",))
    )

    assert [p.identifier for p in answer.programmes] == [
        "i.test.ltu.batt",
        "i.test.ltu.mining",
        "i.test.ltu.recycling",
    ]
    # Without search words the mining programme is read, and so its flawed event is reported; the region's
    # battery query never reports it.
    assert ("e.test.ltu.mining.2027vt", "execution.start") in {
        (p.identifier, p.field) for p in answer.problems
    }
    battery = answer.programmes[0]
    assert [o.municipality_code for o in battery.offerings] == [
        "SE2580",
        "SE2482",
        "SE0180",
    ]
    assert not any(
        p.identifier.startswith("educationEvents (p.test.umu)") for p in answer.problems
    )


def test_a_provider_named_by_its_susa_id_and_an_education_gone_from_the_register():
    answer = skolverket.read(
        RecordedSusaNavet(), RegisterQuery(provider_identifiers=("p.test.skelleftea",))
    )

    assert [p.identifier for p in answer.programmes] == ["i.test.skelleftea.operator"]
    assert [(p.identifier, p.field, p.message) for p in answer.problems] == [
        (
            "i.test.skelleftea.welding",
            "content",
            "The register has no current record for this education.",
        )
    ]


def test_a_page_without_its_list_is_reported_and_the_pages_before_it_are_still_read():
    client = RecordedSusaNavet(
        {"educationProviders.page-1": {"message": "Too many requests"}}
    )

    answer = skolverket.read(client, region_query())

    assert [
        (p.identifier, p.field, p.message)
        for p in answer.problems
        if p.field == "educationProviders"
    ] == [
        (
            "educationProviders, page 1",
            "educationProviders",
            "The answer has no list “educationProviders”.",
        )
    ]
    # Luleå's programmes come from page 0; Skellefteå's provider was on the lost page.
    assert [p.identifier for p in answer.programmes] == [
        "i.test.ltu.batt",
        "i.test.ltu.recycling",
    ]
