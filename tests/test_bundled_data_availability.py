"""The optional availability and expected_start columns of programmes.csv: a file without them loads every programme
as running, a file with them sets them, a planned row needs its expected start, and a coordinator's edit of a
programme's availability is never overwritten by a load."""

import csv
import datetime
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction

from batteryregion.bundled_data import load_bundled_data
from programmes.models import Programme
from tests.test_bundled_data_updates import PROGRAMME, admin_save, load, write_rows

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def bundled(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_bundled_data()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(settings.BUNDLED_DATA_DIR, target)
    return target


def with_availability(path: Path, slug: str, availability: str, start: str) -> None:
    """Add the two optional columns to programmes.csv, filled for one programme."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames), list(reader)
    for row in rows:
        row["availability"], row["expected_start"] = "", ""
        if row["slug"] == slug:
            row["availability"], row["expected_start"] = availability, start
    write_rows(path, [*header, "availability", "expected_start"], rows)


def test_the_bundled_programmes_are_running():
    assert not Programme.objects.exclude(availability="running").exists()


def test_the_optional_columns_set_a_programme_planned(data_dir):
    with_availability(data_dir / "programmes.csv", PROGRAMME, "planned", "2027-08-01")

    load("--data-dir", str(data_dir))

    programme = Programme.objects.get(slug=PROGRAMME)
    assert programme.availability == "planned"
    assert programme.expected_start == datetime.date(2027, 8, 1)
    assert Programme.objects.exclude(slug=PROGRAMME).filter(availability="running")


def test_a_planned_row_without_an_expected_start_is_an_error(data_dir):
    with_availability(data_dir / "programmes.csv", PROGRAMME, "planned", "")

    with pytest.raises(CommandError, match="expected_start.*expected start"):
        load("--data-dir", str(data_dir))


def test_a_coordinators_availability_edit_survives_a_load():
    programme = Programme.objects.get(slug=PROGRAMME)
    admin_save(
        programme, availability="planned", expected_start=datetime.date(2028, 1, 1)
    )

    load()

    programme.refresh_from_db()
    assert programme.availability == "planned"
    assert programme.expected_start == datetime.date(2028, 1, 1)
