"""The background tasks on a file of a few thousand rows: progress while they run, the job's state and figures
after; the preview changes nothing and the confirmation changes every row, in one transaction."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches

from batteryregion.imports import tasks
from batteryregion.imports.models import ImportJob
from programmes.models import Programme
from tests.factories import ActorFactory
from tests.imports.helpers import csv_file

pytestmark = pytest.mark.django_db
ROWS = 2000


@pytest.fixture
def many_programmes() -> list[Programme]:
    provider = ActorFactory()
    return Programme.objects.bulk_create(
        Programme(
            slug=f"generated-{number}",
            provider=provider,
            kind=Programme.Kind.COURSE,
            name_en=f"Generated course {number}",
            places_per_year=10,
            source_url="https://example.org/generated",
        )
        for number in range(ROWS)
    )


def test_a_large_file_reports_progress_and_imports_every_row(many_programmes, monkeypatch):  # fmt: skip
    superuser = User.objects.create_superuser("root", "root@example.org", "pw")
    content = csv_file(
        ["slug", "places_per_year"],
        *([f"generated-{number}", 12] for number in range(ROWS)),
    )
    job = ImportJob.objects.create(created_by=superuser, file_name="places.csv", content=content, language="en")  # fmt: skip
    seen: list[tuple[int, int]] = []
    real_set = caches["progress"].set

    def record(key, value, *args, **kwargs):
        seen.append(value)
        return real_set(key, value, *args, **kwargs)

    monkeypatch.setattr(caches["progress"], "set", record)

    tasks.preview_import.enqueue(job.pk)

    job.refresh_from_db()
    assert job.state == ImportJob.State.PREVIEWED
    assert job.preview["counts"]["programmes"] == {"created": 0, "changed": ROWS, "unchanged": 0, "refused": 0}  # fmt: skip
    assert len(job.preview["changed"]) == job.preview["listed_limit"] < ROWS
    assert job.preview["listed_limit_reached"]
    assert seen[0] == (0, ROWS) and seen[-1] == (ROWS, ROWS)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert len(seen) > 10
    assert tasks.read_progress(job.pk) is None  # gone once the job is done
    assert not Programme.objects.filter(places_per_year=12).exists()

    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.IMPORTING)
    tasks.confirm_import.enqueue(job.pk)

    job.refresh_from_db()
    assert (job.state, job.rows) == (ImportJob.State.IMPORTED, ROWS)
    assert Programme.objects.filter(places_per_year=12).count() == ROWS
    assert Programme.history.filter(history_change_reason="Import: places.csv").count() == ROWS  # fmt: skip
