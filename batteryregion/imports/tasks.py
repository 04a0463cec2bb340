"""The background tasks of an import: the preview (everything rolled back) and the confirmed import.

They run in the task worker (``manage.py db_worker``); the job's state and counts are written outside the import's
transaction, and its progress goes to the shared progress cache, so that the job's page can show it while the
transaction is open.
"""

import logging

from django.core.cache import caches
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from batteryregion.imports.files import ImportFileError
from batteryregion.imports.models import ImportJob
from batteryregion.imports.running import run_import

logger = logging.getLogger(__name__)
PROGRESS_SECONDS = 24 * 3600


def progress_key(job_id: int) -> str:
    return f"import-job-{job_id}"


def read_progress(job_id: int) -> tuple[int, int] | None:
    """Rows done and rows in all, while the job runs."""
    return caches["progress"].get(progress_key(job_id))


@task()
def preview_import(job_id: int) -> None:
    _run(job_id, confirm=False)


@task()
def confirm_import(job_id: int) -> None:
    _run(job_id, confirm=True)


def _run(job_id: int, *, confirm: bool) -> None:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)

    def progress(done: int, total: int) -> None:
        caches["progress"].set(progress_key(job_id), (done, total), PROGRESS_SECONDS)

    try:
        summary = run_import(
            file_name=job.file_name,
            content=bytes(job.content),
            kind=job.kind,
            user=job.created_by,
            language=job.language,
            confirm=confirm,
            progress=progress,
        )
    except ImportFileError as error:
        job.state = ImportJob.State.FAILED
        job.error = str(error)
    except Exception:
        logger.exception("Import %s failed", job_id)
        job.state = ImportJob.State.FAILED
        with translation.override(job.language):
            job.error = _(
                "An unexpected error stopped the import; nothing was changed."
            )
    else:
        job.rows = sum(sum(counts.values()) for counts in summary.counts.values())
        if confirm:
            job.result = summary.as_json()
            job.state = ImportJob.State.IMPORTED
        else:
            job.preview = summary.as_json()
            job.state = ImportJob.State.PREVIEWED
    job.finished_at = timezone.now()
    job.save()
    caches["progress"].delete(progress_key(job_id))
