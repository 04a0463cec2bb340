"""manage.py import_esco on small files in the format of ESCO's official CSV download."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from batteryregion.records import ChangeChannel, changes_through
from skills.models import Occupation, OccupationSkill, Origin, Skill
from tests.factories import OccupationFactory, SkillFactory

FIXTURES = Path(__file__).parent / "fixtures"
OFFICIAL = FIXTURES / "official"
OCCUPATION_URI = (
    "http://data.europa.eu/esco/occupation/a1b2c3d4-000{}-4000-8000-00000000000{}"
)
SKILL_URI = "http://data.europa.eu/esco/skill/b1b2c3d4-000{}-4000-8000-00000000000{}"


def occupation_uri(n: int) -> str:
    return OCCUPATION_URI.format(n, n)


def skill_uri(n: int) -> str:
    return SKILL_URI.format(n, n)


@pytest.fixture
def map_concepts(db) -> dict[str, object]:
    """Concepts as the bundled-data loader made them, one of them since edited by a coordinator."""
    with changes_through(ChangeChannel.LOADER):
        assembler = OccupationFactory(
            slug="battery-assembler",
            esco_uri=occupation_uri(1),
            isco_code="8212",
            label_fi="akkukokoaja",
            label_sv="batterimontör (projektet)",
            label_en="battery assembler",
            label_origin_en=Origin.ESCO,
        )
        controller = OccupationFactory(
            slug="process-controller",
            esco_uri=occupation_uri(2),
            isco_code="3134",
            label_fi="prosessinhoitaja",
            label_sv="",
            label_en="chemical processing plant controller",
        )
        deprecated = OccupationFactory(slug="paste-mixer", esco_uri=occupation_uri(3))
        gone = OccupationFactory(
            slug="gone",
            esco_uri="http://data.europa.eu/esco/occupation/a1b2c3d4-0009-4000-8000-000000000009",
        )
        wrong = OccupationFactory(slug="wrong-kind", esco_uri=skill_uri(2))
        local = OccupationFactory(
            slug="local", esco_uri=None, is_local=True, label_fi="paikallinen"
        )
        cells = SkillFactory(
            slug="cells",
            esco_uri=skill_uri(1),
            label_fi="litiumkennot",
            label_sv="litiumceller",
        )
        chemistry = SkillFactory(
            slug="chemistry", esco_uri=skill_uri(2), label_fi="akkukemia"
        )
        OccupationSkill.objects.create(occupation=assembler, skill=cells)
        OccupationSkill.objects.create(occupation=controller, skill=cells)
    with changes_through(ChangeChannel.ADMIN):
        controller.label_fi = "kemian prosessinhoitaja"
        controller.save()
        cells.label_sv = "hantera litiumjonceller"  # same as ESCO's: taken as ESCO's
        cells.save()
    return {
        "assembler": assembler,
        "controller": controller,
        "deprecated": deprecated,
        "gone": gone,
        "wrong": wrong,
        "local": local,
        "cells": cells,
        "chemistry": chemistry,
    }


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_esco", str(OFFICIAL), "--version", "v1.2.0", *args, stdout=out)
    return out.getvalue()


def test_project_labels_are_replaced_and_marked_as_esco(map_concepts):
    run()
    assembler = Occupation.objects.get(slug="battery-assembler")
    assert assembler.label_fi == "akkujen kokoonpanija"
    assert assembler.label_sv == "batterimonterare"
    assert assembler.label_en == "battery assembler"
    assert (
        assembler.label_origin_fi,
        assembler.label_origin_sv,
        assembler.label_origin_en,
    ) == ("esco",) * 3
    assert assembler.esco_version == "v1.2.0"
    controller = Occupation.objects.get(slug="process-controller")
    assert controller.label_sv == "driftoperatör inom kemisk industri"  # was empty
    cells = Skill.objects.get(slug="cells")
    assert cells.label_fi == "käsitellä litiumioniakkukennoja"
    assert cells.label_sv == "hantera litiumjonceller"
    assert cells.label_origin_sv == Origin.ESCO
    assert cells.esco_version == "v1.2.0"


def test_alternative_labels_are_imported_one_a_line(map_concepts):
    run()
    assembler = Occupation.objects.get(slug="battery-assembler")
    assert assembler.alternative_labels("fi") == ["akkuasentaja", "akkukokoonpanija"]
    assert assembler.alternative_labels("sv") == [
        "batterimontör",
        "montör av batterier",
    ]
    assert (
        assembler.alt_labels_en
        == "battery fitter\nbattery assembly worker\nassembler of batteries"
    )
    assert not Skill.objects.get(slug="chemistry").alt_labels_sv


def test_a_label_a_coordinator_changed_is_kept_and_reported(map_concepts):
    output = run()
    controller = Occupation.objects.get(slug="process-controller")
    assert controller.label_fi == "kemian prosessinhoitaja"
    assert controller.label_origin_fi == Origin.PROJECT
    assert (
        "process-controller, label_fi: “kemian prosessinhoitaja” → ESCO “kemianteollisuuden prosessinhoitaja”"
        in (output)
    )


def test_labels_without_history_of_the_tools_are_kept(db):
    # Made in the admin: the project's label is a coordinator's text until the history says otherwise.
    with changes_through(ChangeChannel.ADMIN):
        occupation = OccupationFactory(
            esco_uri=occupation_uri(4), label_fi="laaduntarkastaja"
        )
    output = run()
    occupation.refresh_from_db()
    assert occupation.label_fi == "laaduntarkastaja"
    assert (
        occupation.label_sv == "produktkontrollant"
        or occupation.label_sv.startswith("batteriyrke")
    )
    assert "label_fi: “laaduntarkastaja” → ESCO “tuotteiden laaduntarkastaja”" in output


def test_deprecated_missing_and_invalid_concepts_are_reported_not_changed(map_concepts):
    output = run()
    assert "No longer in ESCO v1.2.0" in output
    assert (
        "occupation gone: http://data.europa.eu/esco/occupation/a1b2c3d4-0009" in output
    )
    assert "Not released in ESCO v1.2.0" in output
    assert f"occupation paste-mixer: {occupation_uri(3)} (deprecated)" in output
    assert (
        "ESCO URI is not valid for its kind of concept:\n  occupation wrong-kind"
        in output
    )
    assert "process-controller, isco_code: “3134” → ESCO “3133”" in output
    assert "process-controller – cells" in output  # a link ESCO does not have
    assert "battery-assembler – cells" not in output
    for slug in ("paste-mixer", "gone", "wrong-kind", "local"):
        concept = Occupation.objects.get(slug=slug)
        assert concept.esco_version == ""
        assert concept.history.filter(history_channel=ChangeChannel.IMPORT).count() == 0


def test_the_import_is_recorded_in_the_history_through_the_import_channel(map_concepts):
    run()
    version = Occupation.objects.get(slug="battery-assembler").history.first()
    assert version.history_channel == ChangeChannel.IMPORT
    assert version.history_change_reason == "ESCO import v1.2.0"
    # A second import finds nothing to do, and a label it wrote is its own to replace again.
    output = run()
    assert "0 concepts saved" in output
    assert Occupation.objects.get(slug="battery-assembler").history.count() == 2


def test_dry_run_prints_the_report_and_writes_nothing(map_concepts):
    versions = Occupation.history.count() + Skill.history.count()
    output = run("--dry-run")
    assert "label_fi: “akkukokoaja” → ESCO “akkujen kokoonpanija”" in output
    assert "Dry run: nothing was written." in output
    assert Occupation.objects.get(slug="battery-assembler").label_fi == "akkukokoaja"
    assert Occupation.objects.filter(esco_version="v1.2.0").count() == 0
    assert Occupation.history.count() + Skill.history.count() == versions


def test_only_the_languages_asked_are_read(map_concepts):
    run("--languages", "fi")
    assembler = Occupation.objects.get(slug="battery-assembler")
    assert assembler.label_fi == "akkujen kokoonpanija"
    assert assembler.label_sv == "batterimontör (projektet)"


def test_a_bad_file_names_file_row_and_column_and_nothing_is_written(map_concepts):
    with pytest.raises(CommandError) as error:
        call_command(
            "import_esco",
            str(FIXTURES / "malformed"),
            "--version",
            "v1.2.0",
            "--languages",
            "en",
        )
    message = str(error.value)
    assert "nothing was written" in message
    assert (
        "occupations_en.csv, row 3, field “conceptUri”: “https://example.org/occupation/2” is not an ESCO"
        in message
    )
    assert (
        "occupations_en.csv, row 4, field “—”: The row has 4 cells; the header has 14."
        in message
    )
    assert Occupation.objects.filter(esco_version="v1.2.0").count() == 0
    assert not Occupation.history.filter(history_channel=ChangeChannel.IMPORT).exists()


def test_missing_files_and_columns_are_errors(tmp_path, db):
    (tmp_path / "occupations_en.csv").write_text(
        "conceptUri,preferredLabel\n", encoding="utf-8"
    )
    with pytest.raises(CommandError) as error:
        call_command(
            "import_esco", str(tmp_path), "--version", "v1.2.0", "--languages", "en"
        )
    message = str(error.value)
    assert (
        "occupations_en.csv, row 1, field “altLabels”: The column is missing."
        in message
    )
    assert "skills_en.csv, row 0, field “—”: The file is missing." in message


def test_the_version_and_languages_are_checked(db):
    with pytest.raises(CommandError, match="v1.2.0"):
        call_command("import_esco", str(OFFICIAL), "--version", "latest")
    with pytest.raises(CommandError, match="Languages"):
        call_command(
            "import_esco", str(OFFICIAL), "--version", "v1.2.0", "--languages", "de"
        )


def test_a_label_the_bundled_data_marked_as_escos_is_reported_not_replaced(db):
    with changes_through(ChangeChannel.LOADER):
        occupation = OccupationFactory(
            esco_uri=occupation_uri(4),
            label_fi="laaduntarkastaja",
            label_origin_fi=Origin.ESCO,
            label_sv="produktkontrollant",
        )
    output = run("--languages", "fi")
    occupation.refresh_from_db()
    assert occupation.label_fi == "laaduntarkastaja"
    assert "Marked as ESCO's labels, but worded otherwise in this version" in output
    assert "label_fi: “laaduntarkastaja” → ESCO “tuotteiden laaduntarkastaja”" in output


def test_a_label_an_earlier_import_wrote_follows_the_next_version(
    map_concepts, tmp_path
):
    run()
    for file in OFFICIAL.iterdir():
        text = file.read_text(encoding="utf-8")
        (tmp_path / file.name).write_text(
            text.replace("akkujen kokoonpanija", "akkukokoonpanija"), encoding="utf-8"
        )
    call_command("import_esco", str(tmp_path), "--version", "v1.2.1", stdout=StringIO())
    assembler = Occupation.objects.get(slug="battery-assembler")
    assert assembler.label_fi == "akkukokoonpanija"
    assert assembler.esco_version == "v1.2.1"
    # The coordinator's label stays through both imports.
    assert (
        Occupation.objects.get(slug="process-controller").label_fi
        == "kemian prosessinhoitaja"
    )
