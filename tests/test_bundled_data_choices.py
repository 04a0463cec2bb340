"""Taking the bundled value is an explicit choice: --overwrite, --overwrite-record FILE:KEY and
--restore-deleted FILE:KEY write through the loader with a reason in the history, and --dry-run shows the same
report while writing nothing. The bundled data is loaded once for the module, as in test_bundled_data_updates.py."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from batteryregion.records import ChangeChannel, changes_through
from programmes.models import Offering, Programme
from skills.models import CompetenceNeed
from tests.test_bundled_data_updates import (  # noqa: F401 (bundled: the module's data)
    OFFERING,
    OPEN_PROGRAMME,
    OTHER_NEED,
    PROGRAMME,
    PUBLIC_NEED,
    add_row,
    admin_save,
    bundled,
    edit_row,
    everything,
    load,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the bundled files that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(settings.BUNDLED_DATA_DIR, target)
    return target


def test_taking_a_programmes_bundled_value_brings_back_its_entry_requirements():
    programme = Programme.objects.get(slug=OPEN_PROGRAMME)
    with changes_through(ChangeChannel.ADMIN):
        programme.entry_requirements.get(
            qualification_type__code="fi-vocational"
        ).delete()

    output = load("--overwrite-record", f"programmes.csv:{OPEN_PROGRAMME}")

    requirement = programme.entry_requirements.get(
        qualification_type__code="fi-vocational"
    )
    assert requirement.history.first().history_change_reason == (
        "Bundled value taken over a coordinator's change"
    )
    assert any(
        line.startswith(f"programmes.csv {OPEN_PROGRAMME} entry_qualifications")
        and line.endswith("+ fi-vocational")
        for line in output
    )


def test_a_dry_run_prints_the_report_and_writes_nothing(data_dir):
    admin_save(Programme.objects.get(slug=PROGRAMME), places_per_year=25)
    with changes_through(ChangeChannel.ADMIN):
        CompetenceNeed.objects.get(slug=OTHER_NEED).delete()
    edit_row(data_dir / "segments.csv", {"code": "recycling"}, name_en="Recycling")
    add_row(
        data_dir / "languages.csv",
        code="se",
        name_fi="saame",
        name_sv="samiska",
        name_en="Sami",
    )
    before = everything()

    output = load(
        "--data-dir",
        str(data_dir),
        "--dry-run",
        "--overwrite-record",
        f"programmes.csv:{PROGRAMME}",
        "--restore-deleted",
        f"competence_needs.csv:{OTHER_NEED}",
    )

    assert everything() == before
    assert (
        f"programmes.csv {PROGRAMME} places_per_year database: 25 bundled: 30" in output
    )
    assert f"competence_needs.csv {OTHER_NEED} restored from the bundled data" in output
    assert any("1 added" in line for line in output)
    assert output[-1] == "Dry run: nothing was written."


def test_overwrite_takes_the_bundled_value_and_says_so_in_the_history():
    programme = Programme.objects.get(slug=PROGRAMME)
    need = CompetenceNeed.objects.get(slug=PUBLIC_NEED)
    admin_save(programme, places_per_year=25)
    admin_save(need, visibility=CompetenceNeed.Visibility.COORDINATORS)

    output = load("--overwrite")

    programme.refresh_from_db()
    need.refresh_from_db()
    assert (programme.places_per_year, need.visibility) == (30, "public")
    for record in (programme, need):
        newest = record.history.first()
        assert newest.history_channel == "loader"
        assert newest.history_change_reason == (
            "Bundled value taken over a coordinator's change"
        )
    assert (
        f"programmes.csv {PROGRAMME} places_per_year database: 25 bundled: 30" in output
    )
    assert load()[-1] == "Bundled data already up to date."


def test_overwrite_record_takes_only_the_named_records():
    programme = Programme.objects.get(slug=PROGRAMME)
    need = CompetenceNeed.objects.get(slug=PUBLIC_NEED)
    offering = Offering.objects.get(programme=programme)
    admin_save(programme, places_per_year=25)
    admin_save(need, visibility=CompetenceNeed.Visibility.COORDINATORS)
    admin_save(offering, starts_on="2022-03-01")

    output = load(
        "--overwrite-record",
        f"competence_needs.csv:{PUBLIC_NEED}",
        "--overwrite-record",
        f"offerings:{OFFERING}",
        "--overwrite-record",
        "programmes.csv:no-such-programme",
    )

    programme.refresh_from_db()
    need.refresh_from_db()
    offering.refresh_from_db()
    assert programme.places_per_year == 25
    assert need.visibility == "public"
    assert str(offering.starts_on) == "2022-02-01"
    assert offering.history.first().history_change_reason.startswith("Bundled value")
    assert Offering.objects.filter(programme=programme).count() == 1
    assert any("programmes.csv:no-such-programme" in line for line in output)


def test_a_deleted_record_comes_back_only_when_restored_explicitly():
    need = CompetenceNeed.objects.get(slug=OTHER_NEED)
    deleted_pk = need.pk
    with changes_through(ChangeChannel.ADMIN):
        need.delete()
    load("--overwrite")
    assert not CompetenceNeed.objects.filter(slug=OTHER_NEED).exists()

    output = load("--restore-deleted", f"competence_needs.csv:{OTHER_NEED}")

    restored = CompetenceNeed.objects.get(slug=OTHER_NEED)
    assert restored.pk == deleted_pk  # one history, before and after the deletion
    assert restored.skills.exists()
    assert restored.state == "published"
    assert restored.history.filter(history_type="-", history_channel="admin").exists()
    newest = restored.history.first()
    assert newest.history_channel == "loader"
    assert (
        newest.history_change_reason == "Deleted record restored from the bundled data"
    )
    assert f"competence_needs.csv {OTHER_NEED} restored from the bundled data" in output


def test_restoring_a_deleted_programme_brings_back_what_was_deleted_with_it():
    slug = "yh-skelleftea-process-technician"
    programme = Programme.objects.get(slug=slug)
    deleted_pk = programme.pk
    parts = (
        programme.offerings.count(),
        programme.intakes.count(),
        programme.entry_requirements.count(),
    )
    with changes_through(ChangeChannel.ADMIN):
        programme.delete()
    kept_deleted = load()
    assert f"programmes.csv {slug} deleted in the database" in kept_deleted
    assert any(
        line.startswith(f"intakes.csv {slug}/") and "refers to" in line
        for line in kept_deleted
    )

    output = load("--restore-deleted", f"programmes.csv:{slug}")

    restored = Programme.objects.get(slug=slug)
    assert restored.pk == deleted_pk
    assert parts == (
        restored.offerings.count(),
        restored.intakes.count(),
        restored.entry_requirements.count(),
    )
    assert f"programmes.csv {slug} restored from the bundled data" in output
    assert any(line.startswith(f"intakes.csv {slug}/") for line in output)
    assert not any("entry_qualifications" in line for line in output)
