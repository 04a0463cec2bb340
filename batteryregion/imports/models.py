"""An import job: the uploaded file, what its preview found, and what confirming it did."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    class State(models.TextChoices):
        PREVIEWING = "previewing", _("Preparing the preview")
        PREVIEWED = "previewed", _("Waiting for confirmation")
        IMPORTING = "importing", _("Importing")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="import_jobs",
        verbose_name=_("uploaded by"),
    )
    file_name = models.CharField(_("file"), max_length=200)
    content = models.BinaryField(_("content"), editable=False)
    # The kind of record of a CSV file ("programmes" …), empty to find it from the columns (or a workbook's sheets).
    kind = models.CharField(_("kind of record"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=5)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PREVIEWING
    )
    rows = models.PositiveIntegerField(_("rows"), default=0)
    # What the preview found, and later what the import did (running.Summary.as_json()).
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("admin:imports_importjob_progress", args=[self.pk])

    @property
    def running(self) -> bool:
        return self.state in (self.State.PREVIEWING, self.State.IMPORTING)
