"""A register fetch on recorded Opintopolku answers: the dry run writes nothing, the real run creates drafts and
marks what the register no longer lists, a coordinator's edit is kept and reported as a conflict, and a record the
map refuses leaves nothing behind while the others are written."""

import datetime
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from batteryregion.records import ChangeChannel, RecordOrigin
from programmes.models import ApplicationPeriod, Offering, Programme
from programmes.registers import opintopolku
from programmes.registers.client import RecordedClient, recorded_name
from programmes.registers.matching import plan_register_run
from programmes.registers.records import (
    RegisterAnswer,
    RegisterOffering,
    RegisterProgramme,
)
from programmes.registers.registry import SOURCES
from programmes.registers.run import register_fetch
from tests.factories import MunicipalityFactory, ProgrammeFactory, RegionFactory
from tests.registers.opintopolku_world import (
    BROKEN,
    COLLEGE_OID,
    COURSE,
    FIXTURES,
    PROCESS,
    OpintopolkuWorld,
    build_world,
    only_fixture_keywords,
)

KOULUTUS_PARAMS = {"toteutukset": "true", "hakukohteet": "true", "haut": "true"}


@pytest.fixture
def world(db) -> OpintopolkuWorld:
    return build_world()


@pytest.fixture
def two_keywords(monkeypatch) -> None:
    only_fixture_keywords(monkeypatch)


def fetch(*args: str, folder: Path = FIXTURES) -> str:
    from io import StringIO

    out = StringIO()
    call_command(
        "fetch_register", "opintopolku", "--responses", str(folder), *args, stdout=out
    )
    return out.getvalue()


def counts() -> tuple[int, ...]:
    return (
        Programme.objects.count(),
        Offering.objects.count(),
        ApplicationPeriod.objects.count(),
        Programme.history.count(),
        Offering.history.count(),
    )


def edited_fixtures(tmp_path: Path, oid: str, change) -> Path:
    """A copy of the recorded answers with one koulutus changed by ``change(data)``."""
    folder = tmp_path / "answers"
    shutil.copytree(FIXTURES, folder)
    path = folder / recorded_name(
        f"{opintopolku.BASE_URL}/koulutus/{oid}", KOULUTUS_PARAMS
    )
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def test_a_dry_run_prints_the_preview_and_writes_nothing(world, two_keywords):
    before = counts()
    output = fetch("--dry-run")
    assert counts() == before
    assert Programme.objects.get(pk=world.gone.pk).missing_from_register_since is None
    assert "Dry run of Opintopolku" in output
    assert "New programmes (drafts) (2):" in output
    assert (
        f"Vocational Qualification in Process Industry, battery industry [{PROCESS}], by Oulu Vocational College, 1 new offerings"
        in output
    )
    assert (
        "The place Kajaani (FI205) is not a municipality of the map's regions."
        in output
    )
    assert (
        f"{world.gone} [old-battery-course], by Oulu Vocational College, missing since {timezone.localdate()}"
        in output
    )
    assert (
        "2 new, 0 changed, 0 unchanged, 0 conflicts, 3 problems, 1 discontinuation candidates."
        in output
    )


def test_the_real_run_creates_drafts_that_name_the_register_and_the_date(
    world, two_keywords
):
    today = timezone.localdate()
    fetch()
    process = Programme.objects.get(opintopolku_oid=PROCESS)
    assert process.state == "draft" and process.origin == RecordOrigin.REGISTER
    assert process.source_version == f"opintopolku {today.isoformat()}"
    assert process.verified_on == today
    assert process.source_url == f"https://opintopolku.fi/konfo/fi/koulutus/{PROCESS}"
    assert (process.provider, process.kind, process.credits, process.credit_unit) == (
        world.college,
        "vocational",
        180,
        "osp",
    )
    assert process.name_sv == "Grundexamen inom processindustrin, batteriindustri"
    assert [language.code for language in process.languages.all()] == ["fi"]
    offering = process.offerings.get()
    assert (offering.site, offering.starts_on, offering.places) == (
        world.site,
        datetime.date(2027, 8, 9),
        24,
    )
    assert offering.register_id == "1.2.246.562.17.00000000000000000201"
    period = offering.application_periods.get()
    assert (period.opens_on, period.closes_on, period.service) == (
        datetime.date(2027, 2, 25),
        datetime.date(2027, 3, 18),
        "opintopolku",
    )
    version = process.history.get()
    assert version.history_channel == ChangeChannel.REGISTER
    assert (
        version.history_change_reason
        == f"National register: opintopolku {today.isoformat()}"
    )
    # Not listed any more: marked with the date, never discontinued or deleted.
    gone = Programme.objects.get(pk=world.gone.pk)
    assert (gone.missing_from_register_since, gone.state) == (today, "published")
    assert gone.history.first().history_channel == ChangeChannel.REGISTER
    # The koulutus that could not be read is not created, and nothing of it is.
    assert not Programme.objects.filter(opintopolku_oid=BROKEN).exists()


def test_a_second_run_of_the_same_answers_changes_nothing(world, two_keywords):
    fetch()
    before = counts()
    output = fetch()
    assert counts() == before
    assert "0 new, 0 changed, 2 unchanged, 0 conflicts" in output


def test_a_coordinators_edit_is_kept_and_reported_while_the_registers_own_fields_follow_it(
    world, two_keywords, tmp_path
):
    fetch()
    process = Programme.objects.get(opintopolku_oid=PROCESS)
    process.name_fi = "Akkuteollisuuden prosessinhoitaja"  # a coordinator's edit (through the ORM: the shell)
    process.save()

    def register_renames(data: dict) -> None:
        data["nimi"]["fi"] = "Prosessiteollisuuden perustutkinto (akut)"
        data["nimi"]["sv"] = "Grundexamen inom processindustrin (batterier)"
        data["hakukohteet"][0]["metadata"]["aloituspaikat"]["lukumaara"] = 30

    folder = edited_fixtures(tmp_path, PROCESS, register_renames)
    dry = fetch("--dry-run", folder=folder)
    assert (
        "Name (fi): the map has Akkuteollisuuden prosessinhoitaja, the register Prosessiteollisuuden perustutkinto "
        "(akut) (kept; changed by Command line)"
    ) in dry
    assert (
        "Name (sv): Grundexamen inom processindustrin, batteriindustri → Grundexamen inom processindustrin (batterier)"
        in dry
    )
    assert "Offering 1.2.246.562.17.00000000000000000201: Places: 24 → 30" in dry
    assert (
        Programme.objects.get(pk=process.pk).name_sv
        == "Grundexamen inom processindustrin, batteriindustri"
    )

    output = fetch(folder=folder)
    assert "1 conflicts" in output
    process.refresh_from_db()
    assert process.name_fi == "Akkuteollisuuden prosessinhoitaja"
    assert process.name_sv == "Grundexamen inom processindustrin (batterier)"
    assert process.offerings.get().places == 30
    # The next run reports the conflict again, and still keeps the edit.
    assert "1 conflicts" in fetch(folder=folder)
    assert (
        Programme.objects.get(pk=process.pk).name_fi
        == "Akkuteollisuuden prosessinhoitaja"
    )


def test_values_the_register_never_wrote_are_conflicts_but_empty_fields_are_filled(
    world, two_keywords
):
    own = ProgrammeFactory(
        provider=world.college,
        opintopolku_oid=COURSE,
        name_fi="Akkutekniikan kurssi",
        name_sv="",
    )
    output = fetch()
    own.refresh_from_db()
    assert own.name_fi == "Akkutekniikan kurssi"
    assert (
        "Name (fi): the map has Akkutekniikan kurssi, the register Akkuteknologia (kept"
        in output
    )
    assert own.origin == RecordOrigin.ADMIN and own.state == "published"
    # The register gives no Swedish name: the empty field stays empty rather than guessed.
    assert own.name_sv == ""
    assert (
        own.description_en == "Cells, modules and packs."
    )  # empty, never filled before: the register fills it


def test_a_field_a_coordinator_emptied_stays_empty(world, two_keywords):
    fetch()
    process = Programme.objects.get(opintopolku_oid=PROCESS)
    process.description_sv = ""
    process.save()
    fetch()
    assert Programme.objects.get(pk=process.pk).description_sv == ""


def test_a_programme_listed_again_is_no_longer_a_candidate(world, two_keywords):
    world.gone.opintopolku_oid = COURSE
    world.gone.missing_from_register_since = datetime.date(2026, 1, 5)
    world.gone.save()
    output = fetch()
    world.gone.refresh_from_db()
    assert world.gone.missing_from_register_since is None
    assert "Listed again by the register" in output


def test_a_programme_whose_record_could_not_be_read_is_not_a_candidate(
    world, two_keywords
):
    world.gone.opintopolku_oid = BROKEN
    world.gone.save()
    result = register_fetch("opintopolku", RecordedClient(FIXTURES), dry_run=False)
    assert result.preview.candidates == []
    assert Programme.objects.get(pk=world.gone.pk).missing_from_register_since is None


def test_a_record_the_map_refuses_leaves_nothing_behind_and_the_others_are_written(
    world, two_keywords, tmp_path
):
    def too_many_credits(data: dict) -> None:
        data["metadata"]["opintojenLaajuusNumero"] = (
            10_000_000  # more digits than the credits field holds
        )

    folder = edited_fixtures(tmp_path, COURSE, too_many_credits)
    output = fetch(folder=folder)
    assert not Programme.objects.filter(opintopolku_oid=COURSE).exists()
    assert not Offering.objects.filter(
        register_id="1.2.246.562.17.00000000000000000203"
    ).exists()
    assert Programme.objects.filter(opintopolku_oid=PROCESS).exists()
    assert f"{COURSE}, field credits:" in output
    assert "1 new, 0 changed" in output


def test_an_offering_in_a_town_where_the_provider_has_no_site_is_a_problem_not_a_guess(
    world,
):
    kainuu = RegionFactory(code="FI1D8", name_en="Kainuu")
    MunicipalityFactory(
        code="FI205",
        name_fi="Kajaani",
        name_sv="Kajana",
        name_en="Kajaani",
        region=kainuu,
    )
    record = RegisterProgramme(
        register="opintopolku",
        identifier=PROCESS,
        provider_identifier=COLLEGE_OID,
        name={"fi": "Prosessiteollisuus"},
        kind="vocational",
        offerings=(
            RegisterOffering(
                identifier="1.2.246.562.17.9",
                municipality_code="FI205",
                place_name="Kajaani",
            ),
        ),
    )
    preview = plan_register_run(
        SOURCES["opintopolku"],
        RegisterAnswer([record]),
        [world.college],
        timezone.localdate(),
    )
    assert preview.creations[0].offerings == []
    [problem] = preview.problems
    assert (problem.identifier, problem.field) == (
        "1.2.246.562.17.9",
        "municipality_code",
    )
    assert (
        problem.message
        == "Oulu Vocational College has no site in Kajaani (FI205); add the site, then fetch again."
    )


def test_a_provider_not_on_the_map_and_a_programme_of_unknown_type_are_reported_not_created(
    world,
):
    records = [
        RegisterProgramme(
            "opintopolku",
            "1.2.246.562.13.7",
            "1.2.246.562.10.999",
            {"fi": "Toinen"},
            {"fi": "X"},
            kind="course",
        ),
        RegisterProgramme(
            "opintopolku", "1.2.246.562.13.8", COLLEGE_OID, name={"fi": "Lukio"}
        ),
    ]
    preview = plan_register_run(
        SOURCES["opintopolku"],
        RegisterAnswer(records),
        [world.college],
        timezone.localdate(),
    )
    assert preview.creations == []
    assert [(p.identifier, p.field) for p in preview.problems] == [
        ("1.2.246.562.13.7", "provider"),
        ("1.2.246.562.13.8", "kind"),
    ]


def test_the_command_fails_clearly_for_an_unknown_register_or_provider(
    world, two_keywords
):
    with pytest.raises(
        CommandError,
        match="There is no register “nowhere”; the registers are: opintopolku.",
    ):
        call_command("fetch_register", "nowhere", "--responses", str(FIXTURES))
    with pytest.raises(CommandError, match="is named no-such-college"):
        call_command(
            "fetch_register",
            "opintopolku",
            "--responses",
            str(FIXTURES),
            "--provider",
            "no-such-college",
        )
    assert fetch("--dry-run", "--provider", "oulu-college").count("New programmes") == 1


def test_two_realisations_at_the_same_site_and_start_give_one_offering_and_a_problem(
    world,
):
    start = datetime.date(2027, 8, 9)
    record = RegisterProgramme(
        register="opintopolku",
        identifier=PROCESS,
        provider_identifier=COLLEGE_OID,
        name={"fi": "Prosessiteollisuus"},
        kind="vocational",
        offerings=(
            RegisterOffering(
                identifier="1.2.246.562.17.1",
                municipality_code="FI564",
                starts_on=start,
                language="fi",
            ),
            RegisterOffering(
                identifier="1.2.246.562.17.2",
                municipality_code="FI564",
                starts_on=start,
                language="en",
            ),
        ),
    )
    source = SOURCES["opintopolku"]
    from programmes.registers.apply import apply_preview

    preview = plan_register_run(
        source, RegisterAnswer([record]), [world.college], timezone.localdate()
    )
    assert [(p.identifier, p.field) for p in preview.problems] == [
        ("1.2.246.562.17.2", "starts_on")
    ]
    applied = apply_preview(preview)
    assert applied.refused == []
    programme = applied.created[0]
    assert [o.register_id for o in programme.offerings.all()] == ["1.2.246.562.17.1"]
    # Without an English name the draft takes the Finnish one (the map requires an English name).
    assert programme.name_en == "Prosessiteollisuus"
    assert applied.refused == []


def test_an_offering_the_register_no_longer_lists_is_kept_and_reported(
    world, two_keywords, tmp_path
):
    fetch()

    def drop_oulu(data: dict) -> None:
        data["toteutukset"] = data["toteutukset"][1:]
        data["hakukohteet"] = data["hakukohteet"][1:]

    output = fetch(folder=edited_fixtures(tmp_path, PROCESS, drop_oulu))
    assert (
        "Offering 1.2.246.562.17.00000000000000000201 (no longer listed by the register; kept)"
        in output
    )
    assert Offering.objects.filter(
        register_id="1.2.246.562.17.00000000000000000201"
    ).exists()


def test_a_register_that_names_only_the_provider_matches_exactly_one_actor_by_name(db):
    from programmes.models import Programme as ProgrammeModel
    from tests.factories import ActorFactory, SiteFactory

    vasterbotten = RegionFactory(code="SE331", country="SE", name_en="Västerbotten")
    MunicipalityFactory(
        code="SE2482",
        name_fi="Skellefteå",
        name_sv="Skellefteå",
        name_en="Skellefteå",
        region=vasterbotten,
    )
    school = ActorFactory(
        country="SE",
        name_sv="Skellefteå kommun, Yrkeshögskolan",
        organisation_number="212000-2742",
    )
    SiteFactory(
        actor=school,
        region=vasterbotten,
        town_fi="Skellefteå",
        town_sv="Skellefteå",
        town_en="Skellefteå",
    )
    record = RegisterProgramme(
        register="yh",
        identifier="MYH 2026/1234",
        provider_identifier="",
        provider_name={"sv": "Skellefteå kommun, yrkeshögskolan"},
        name={"sv": "Processoperatör batteritillverkning"},
        credits=300,
        credit_unit="yhp",
        offerings=(
            RegisterOffering(
                identifier="MYH 2026/1234", municipality_code="SE2482", places=30
            ),
        ),
    )
    preview = plan_register_run(
        SOURCES["yh"], RegisterAnswer([record]), [school], timezone.localdate()
    )
    assert preview.problems == []
    [plan] = preview.creations
    assert plan.provider == school
    # The YH agency's programmes are all higher vocational programmes.
    assert plan.values["kind"] == ProgrammeModel.Kind.HIGHER_VOCATIONAL
    assert plan.values["provider_code"] == "MYH 2026/1234"


def test_yh_points_say_higher_vocational_where_the_register_gives_no_type(world):
    from programmes.registers.matching import kind_of

    with_points = RegisterProgramme(
        "susa", "i.1", "556", credits=400, credit_unit="yhp"
    )
    without = RegisterProgramme("susa", "i.2", "556", credits=7.5, credit_unit="hp")
    assert kind_of(with_points, SOURCES["susa"]) == "higher_vocational"
    assert kind_of(without, SOURCES["susa"]) == ""
