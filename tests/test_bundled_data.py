"""Loading the bundled Battery Region data: into an empty database (also through `make run`, only when it is
empty), twice without change, and a bad row that stops the whole load with file, row, field and reason. What the
data contains: test_bundled_data_content.py; the load on a database in use: test_bundled_data_updates.py."""

import csv
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from batteryregion.bundled_data import BundledDataError, load_bundled_data
from skills.models import Segment
from tests.factories import SegmentFactory

pytestmark = pytest.mark.django_db

DATA_MODELS = [
    model
    for model in apps.get_models()
    if model._meta.app_label in {"skills", "programmes", "about"}
]


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every data table, to compare before and after."""
    return {
        model._meta.label: sorted(
            model.objects.values_list(
                *[f.attname for f in model._meta.concrete_fields]
            ),
            key=repr,
        )
        for model in DATA_MODELS
    }


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the bundled files that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(settings.BUNDLED_DATA_DIR, target)
    return target


def edit_cell(path: Path, key: str, column: str, value: str) -> int:
    """Set one cell of the row whose first column is key; returns the row's line number."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    index = next(i for i, row in enumerate(rows) if row[0] == key)
    rows[index][header.index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return index + 1  # line numbers count the header as row 1


def test_loading_twice_changes_nothing():
    first = load_bundled_data()
    assert first.changed > 0
    before = snapshot()

    second = load_bundled_data()

    assert second.changed == 0
    assert snapshot() == before


def test_a_change_made_without_history_is_kept_and_records_added_by_coordinators_stay(
    capsys,
):
    load_bundled_data()
    Segment.objects.filter(code="recycling").update(name_en="Changed by hand")
    SegmentFactory(code="coordinators-own")

    call_command("load_bundled_data")

    assert Segment.objects.get(code="recycling").name_en == "Changed by hand"
    assert Segment.objects.filter(code="coordinators-own").exists()
    assert (
        "segments.csv  recycling  name_en  database: Changed by hand  bundled: Recycling"
        in capsys.readouterr().out
    )


def test_if_empty_loads_everything_into_an_empty_database(capsys):
    call_command("load_bundled_data", "--if-empty")

    assert Segment.objects.count() >= 6
    assert capsys.readouterr().out.strip().endswith("Bundled data loaded.")


def test_if_empty_does_nothing_on_a_database_that_holds_data_and_says_so(capsys):
    SegmentFactory(code="coordinators-own")

    call_command("load_bundled_data", "--if-empty")

    assert list(Segment.objects.values_list("code", flat=True)) == ["coordinators-own"]
    assert "the bundled data was not loaded" in capsys.readouterr().out


def test_if_empty_counts_a_database_whose_records_were_all_deleted_as_used(capsys):
    SegmentFactory(code="coordinators-own").delete()

    call_command("load_bundled_data", "--if-empty")

    assert not Segment.objects.exists()
    assert "the bundled data was not loaded" in capsys.readouterr().out


def test_make_run_loads_the_bundled_data_only_into_an_empty_database():
    makefile = (settings.BASE_DIR / "Makefile").read_text(encoding="utf-8")
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py load_bundled_data --if-empty" in run


def test_records_carry_the_version_of_the_bundled_data(data_dir):
    (data_dir / "VERSION").write_text("2026-12-15\n", encoding="utf-8")

    report = load_bundled_data(data_dir)

    assert report.version.startswith("2026-12-15+")
    assert set(Segment.objects.values_list("source_version", flat=True)) == {
        report.version
    }
    assert load_bundled_data().version.startswith(
        (settings.BUNDLED_DATA_DIR / "VERSION").read_text(encoding="utf-8").strip()
    )


def test_a_missing_or_wrong_version_file_stops_the_load(data_dir):
    (data_dir / "VERSION").write_text("late 2026\n", encoding="utf-8")
    with pytest.raises(BundledDataError, match="VERSION, row 1"):
        load_bundled_data(data_dir)
    (data_dir / "VERSION").unlink()
    with pytest.raises(BundledDataError, match="VERSION, row 0"):
        load_bundled_data(data_dir)
    assert not Segment.objects.exists()


def test_a_record_key_the_command_cannot_read_is_refused():
    with pytest.raises(CommandError, match="does not name a record"):
        call_command("load_bundled_data", "--overwrite-record", "programmes.csv")
    with pytest.raises(CommandError, match="does not name a record"):
        call_command("load_bundled_data", "--restore-deleted", "progs.csv:x")


def test_a_bad_row_stops_the_load_names_file_row_and_field_and_writes_nothing(data_dir):
    with (data_dir / "programmes.csv").open(encoding="utf-8") as handle:
        slug = next(csv.DictReader(handle))["slug"]
    row = edit_cell(data_dir / "programmes.csv", slug, "places_per_year", "many")

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    assert (
        f"programmes.csv, row {row}, field “places_per_year”: “many” is not a whole number."
        in str(raised.value)
    )
    assert all(not rows for rows in snapshot().values())


def test_a_bad_row_leaves_an_already_loaded_database_exactly_as_it_was(data_dir):
    load_bundled_data()
    before = snapshot()
    edit_cell(
        data_dir / "segments.csv", "recycling", "name_en", "Renamed in the same load"
    )
    with (data_dir / "competence_needs.csv").open(encoding="utf-8") as handle:
        slug = next(csv.DictReader(handle))["slug"]
    row = edit_cell(data_dir / "competence_needs.csv", slug, "headcount", "0")

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    assert f"competence_needs.csv, row {row}, field “headcount”" in str(raised.value)
    assert snapshot() == before


def test_a_reference_to_an_unknown_skill_is_reported_with_its_value(data_dir):
    with (data_dir / "programmes.csv").open(encoding="utf-8") as handle:
        slug = next(csv.DictReader(handle))["slug"]
    row = edit_cell(
        data_dir / "programmes.csv",
        slug,
        "skills",
        "operate-soldering-equipment;juggle-batteries",
    )

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    assert [str(e) for e in raised.value.errors] == [
        f"programmes.csv, row {row}, field “skills”: “juggle-batteries” does not exist."
    ]


def test_a_missing_column_and_a_duplicate_key_are_reported(data_dir):
    path = data_dir / "segments.csv"
    text = path.read_text(encoding="utf-8").replace(
        "is_cross_cutting", "cross_cutting", 1
    )
    lines = text.splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    messages = [str(e) for e in raised.value.errors]
    assert (
        "segments.csv, row 1, field “is_cross_cutting”: The column is missing."
        in messages
    )
    assert (
        "segments.csv, row 1, field “cross_cutting”: The column is not known."
        in messages
    )


def test_the_error_is_given_in_the_language_asked_for(data_dir):
    edit_cell(data_dir / "segments.csv", "recycling", "order", "first")
    with translation.override("fi"), pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)
    assert "segments.csv, rivi" in str(raised.value)
    assert "kenttä ”order”: ”first” ei ole kokonaisluku." in str(raised.value)


def test_the_command_fails_with_the_errors_and_succeeds_on_the_bundled_files(
    data_dir, capsys
):
    edit_cell(data_dir / "segments.csv", "recycling", "is_cross_cutting", "perhaps")
    with pytest.raises(
        CommandError, match="field “is_cross_cutting”: Write yes or no."
    ):
        call_command("load_bundled_data", "--data-dir", str(data_dir))

    call_command("load_bundled_data")
    call_command("load_bundled_data")
    assert capsys.readouterr().out.strip().endswith("Bundled data already up to date.")
