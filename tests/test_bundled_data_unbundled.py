"""Competence needs the bundled data once held and no longer lists (example needs replaced by sourced ones): on the
next load the loader removes such a need when nobody changed it since it was loaded, and keeps and reports one a
coordinator changed or that a coordinator's cooperation action still names. A dry run reports the same first and
removes nothing. Needs coordinators made are left alone.

The bundled data is loaded once for the module (inside a transaction that is rolled back at the end); each test
runs in its own transaction on top of it.
"""

import csv
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from batteryregion.bundled_data import load_bundled_data
from batteryregion.records import ChangeChannel
from gaps.cooperation.models import Action
from skills.models import CompetenceNeed
from tests.factories import ActionFactory, CompetenceNeedFactory
from tests.test_bundled_data_updates import admin_save, load

pytestmark = pytest.mark.django_db

DROPPED = "fi-need-oulu-energy-storage-technicians"  # an example need no action names
LINKED = "fi-need-vaasa-cell-production-operators"  # named by one example action
LINKING_ACTION = "example-cell-production-operator-training"


@pytest.fixture(scope="module", autouse=True)
def bundled(django_db_setup, django_db_blocker):
    """The real bundled data, loaded once for the module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_bundled_data()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the bundled files that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(settings.BUNDLED_DATA_DIR, target)
    return target


def drop_rows(path: Path, column: str, value: str) -> None:
    """Remove the rows whose column holds the value."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    kept = [row for row in rows if row[column] != value]
    assert len(kept) < len(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)


def drop_need(data_dir: Path, slug: str) -> None:
    drop_rows(data_dir / "competence_needs.csv", "slug", slug)


def unlink_need_from_actions(data_dir: Path, slug: str) -> None:
    path = data_dir / "cooperation_actions.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    for row in rows:
        row["needs"] = ";".join(s for s in row["needs"].split(";") if s and s != slug)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_need_no_longer_bundled_and_unchanged_is_removed_through_the_loader_and_reported(
    data_dir,
):
    drop_need(data_dir, DROPPED)

    output = load("--data-dir", str(data_dir))

    assert not CompetenceNeed.objects.filter(slug=DROPPED).exists()
    assert (
        "No longer in the bundled data and unchanged since they were loaded, and removed:"
        in output
    )
    assert f"competence_needs.csv {DROPPED} removed as no longer bundled" in output
    assert any(
        line.startswith("Competence needs:")
        and "1 removed as no longer bundled" in line
        for line in output
    )
    deleted = CompetenceNeed.history.get(slug=DROPPED, history_type="-")
    assert deleted.history_channel == ChangeChannel.LOADER
    # Nothing is left to do the next time.
    assert load("--data-dir", str(data_dir))[-1] == "Bundled data already up to date."


def test_the_dry_run_reports_the_removal_first_and_removes_nothing(data_dir):
    drop_need(data_dir, DROPPED)

    output = load("--data-dir", str(data_dir), "--dry-run")

    assert f"competence_needs.csv {DROPPED} removed as no longer bundled" in output
    assert output[-1] == "Dry run: nothing was written."
    assert CompetenceNeed.objects.filter(slug=DROPPED).exists()


def test_a_need_no_longer_bundled_that_a_coordinator_changed_is_kept_and_reported(
    data_dir,
):
    admin_save(CompetenceNeed.objects.get(slug=DROPPED), headcount=31)
    drop_need(data_dir, DROPPED)

    output = load("--data-dir", str(data_dir))

    assert CompetenceNeed.objects.get(slug=DROPPED).headcount == 31
    assert (
        "No longer in the bundled data, but changed in the database or referred to, and kept:"
        in output
    )
    assert (
        f"competence_needs.csv {DROPPED} no longer bundled, but changed in the database: kept"
        in output
    )
    assert any(
        line.startswith("Competence needs:") and "1 no longer bundled and kept" in line
        for line in output
    )
    assert any(
        line.startswith("Records no longer in the bundled data") for line in output
    )


def test_a_need_a_coordinators_action_still_names_is_kept_and_reported(data_dir):
    action = ActionFactory(slug="coordinators-own-action")
    action.needs.add(CompetenceNeed.objects.get(slug=DROPPED))
    drop_need(data_dir, DROPPED)

    output = load("--data-dir", str(data_dir))

    assert action.needs.filter(slug=DROPPED).exists()
    assert (
        f"competence_needs.csv {DROPPED} actions no longer bundled, but “coordinators-own-action” refers to it: kept"
        in output
    )


def test_a_need_dropped_together_with_the_bundled_actions_link_to_it_is_removed(
    data_dir,
):
    drop_need(data_dir, LINKED)
    unlink_need_from_actions(data_dir, LINKED)

    output = load("--data-dir", str(data_dir))

    assert not CompetenceNeed.objects.filter(slug=LINKED).exists()
    assert not Action.objects.get(slug=LINKING_ACTION).needs.exists()
    assert f"competence_needs.csv {LINKED} removed as no longer bundled" in output


def test_needs_coordinators_made_are_left_alone_and_not_reported(data_dir):
    CompetenceNeedFactory(slug="coordinators-own-need")

    output = load("--data-dir", str(data_dir))

    assert CompetenceNeed.objects.filter(slug="coordinators-own-need").exists()
    assert not any("coordinators-own-need" in line for line in output)


def test_a_removed_need_comes_back_when_the_file_lists_it_again(data_dir):
    original = data_dir / "competence_needs.csv"
    saved = original.read_text(encoding="utf-8")
    drop_need(data_dir, DROPPED)
    load("--data-dir", str(data_dir))
    original.write_text(saved, encoding="utf-8")

    load("--data-dir", str(data_dir))

    assert CompetenceNeed.objects.filter(slug=DROPPED).exists()
