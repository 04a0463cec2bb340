"""Dated snapshots of the map: the public dataset and the gap figures as they stood on a day, kept read-only.

A snapshot is how the partnership reports progress ("Battery Region map, 1 March 2027"). Its content is frozen when
it is taken (gaps/snapshots/services.py): ``figures`` holds everything its public pages show (the default gap
dashboard, the counts, the programmes), ``dataset`` the public dataset of the bulk export, and ``sha256`` the digest
of the whole bundle as it is downloaded. Only the title (in three languages) may change afterwards; ``save()`` and
``QuerySet.update()`` refuse any other change. Who may take, retitle or delete one: coordinators/permissions/.

The bundle lives in the database (JSONField) rather than in a file: it is written in the same transaction as its
row, so a snapshot exists with its bundle or not at all; it is in the database's backups; and app servers stay
stateless (no local files to share). A bundle of the bundled data is about 1 MB; one a month is about 12 MB a year.
"""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gaps.snapshots.bundle import bundle_digest

# What may change after a snapshot is taken: its title, in each language.
TITLE_FIELDS = ("title", *(f"title_{code}" for code, _name in settings.LANGUAGES))
# Everything else is the frozen record of the day.
FROZEN_FIELDS = (
    "slug",
    "taken_on",
    "taken_at",
    "taken_by",
    "data_version",
    "format_version",
    "figures",
    "dataset",
    "sha256",
    "counts",
)


class FrozenSnapshotError(ValueError):
    """A change to the frozen content of a snapshot (anything but its title)."""


class SnapshotQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        changed = sorted(
            name
            for name in kwargs
            if name in FROZEN_FIELDS or name.removesuffix("_id") in FROZEN_FIELDS
        )
        if changed:
            raise FrozenSnapshotError(
                f"A snapshot is read-only; only its title may change, not {', '.join(changed)}."
            )
        return super().update(**kwargs)

    def for_pages(self) -> Self:
        """Without the dataset, which no page shows (it is only downloaded)."""
        return self.defer("dataset")


class Snapshot(models.Model):
    """The public dataset and the gap analysis figures as they stood on one day."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=40, unique=True, editable=False)
    taken_on = models.DateField(_("date"), db_index=True, editable=False)
    taken_at = models.DateTimeField(_("taken at"), editable=False)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("taken by"),
        help_text=_("Empty for a snapshot taken by the scheduled command."),
    )
    data_version = models.PositiveBigIntegerField(
        _("data version"), default=0, editable=False
    )
    format_version = models.PositiveSmallIntegerField(
        _("format version"), default=1, editable=False
    )
    figures = models.JSONField(_("figures"), default=dict, editable=False)
    dataset = models.JSONField(_("public dataset"), default=dict, editable=False)
    sha256 = models.CharField(_("SHA-256 of the bundle"), max_length=64, editable=False)
    counts = models.JSONField(_("counts"), default=dict, editable=False)

    title_fi: str | None
    title_sv: str | None
    title_en: str | None

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["-taken_on", "-taken_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            # The digest is always the bundle's own, however the snapshot was made.
            self.sha256 = bundle_digest(self)
        else:
            self._refuse_frozen_changes()
            # Only the title is written again: the frozen columns are never part of an update.
            update_fields = kwargs.get("update_fields")
            kwargs["update_fields"] = [
                name for name in (update_fields or TITLE_FIELDS) if name in TITLE_FIELDS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("gaps:snapshot_detail", args=[self.slug])

    @property
    def is_scheduled(self) -> bool:
        """Taken by the scheduled command, not by a coordinator."""
        return self.taken_by_id is None

    def _refuse_frozen_changes(self) -> None:
        """Compare the frozen content of this instance with the stored row: one query, plus the dataset when this
        instance was read without it."""
        stored = (
            Snapshot.objects.filter(pk=self.pk)
            .values(
                "slug",
                "taken_on",
                "taken_at",
                "taken_by_id",
                "data_version",
                "format_version",
                "sha256",
            )
            .first()
        )
        if stored is None:
            return
        changed = [
            name for name, value in stored.items() if getattr(self, name) != value
        ]
        if bundle_digest(self) != stored["sha256"]:
            changed.append("figures or dataset")
        if changed:
            raise FrozenSnapshotError(
                f"A snapshot is read-only; only its title may change, not {', '.join(changed)}."
            )
