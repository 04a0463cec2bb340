"""What every record of the map knows about itself: where it came from, when it changed, through what, and whether
it is public.

- ``TrackedRecord``: created and updated timestamps, the origin (bundled data, admin, import, register) and the
  version of the source it came from.
- History: django-simple-history keeps every version of every record (old and new values, who, when); each version
  also says through what it was made (``ChangeChannel``: admin, loader, import, API, shell), set with
  ``changes_through()`` by the code that writes, or read off the request for admin and API edits.
- ``Publishable``: draft, published or discontinued (with an end date), for programmes, actors and needs.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Self

from django.core.exceptions import ValidationError
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


class RecordOrigin(models.TextChoices):
    BUNDLED = "bundled", _("Bundled data")
    ADMIN = "admin", _("Admin")
    IMPORT = "import", _("Import")
    REGISTER = "register", _("National register")


class ChangeChannel(models.TextChoices):
    ADMIN = "admin", _("Admin")
    LOADER = "loader", _("Bundled-data loader")
    IMPORT = "import", _("Import")
    API = "api", _("API")
    REGISTER = "register", _("National register")
    SHELL = "shell", _("Command line")


class TrackedRecord(models.Model):
    """Timestamps, origin and source version; the admin shows them read-only."""

    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    origin = models.CharField(
        _("origin"),
        max_length=10,
        choices=RecordOrigin.choices,
        default=RecordOrigin.ADMIN,
        editable=False,
    )
    source_version = models.CharField(
        _("source version"),
        max_length=40,
        blank=True,
        editable=False,
        help_text=_(
            "The version of the bundled data, import file or register the record came from."
        ),
    )

    class Meta:
        abstract = True

    def validate_unique(self, exclude: Any = None) -> None:
        super().validate_unique(exclude)
        # An identifier a record had before keeps leading to it: no other record takes it (batteryregion/sync).
        from batteryregion.sync.aliases import identifier_errors

        errors = {
            field: messages
            for field, messages in identifier_errors(self).items()
            if not exclude or field not in exclude
        }
        if errors:
            raise ValidationError(errors)


_channel: ContextVar[str | None] = ContextVar("change_channel", default=None)


@contextmanager
def changes_through(channel: ChangeChannel) -> Iterator[None]:
    """Every version saved inside the block records this channel (the loader, an import)."""
    token = _channel.set(channel)
    try:
        yield
    finally:
        _channel.reset(token)


def current_channel() -> str:
    """The channel of the change being saved: set explicitly, else read off the request, else the command line."""
    if (channel := _channel.get()) is not None:
        return channel
    request = getattr(HistoricalRecords.context, "request", None)
    if request is not None:
        return (
            ChangeChannel.API
            if request.path.startswith("/api/")
            else ChangeChannel.ADMIN
        )
    return ChangeChannel.SHELL


class HistoryChannel(models.Model):
    """Base of every historical model: through what the version was made."""

    history_channel = models.CharField(
        _("changed through"),
        max_length=10,
        choices=ChangeChannel.choices,
        default=ChangeChannel.SHELL,
    )

    class Meta:
        abstract = True


@receiver(pre_create_historical_record)
def _record_channel(sender: Any, history_instance: models.Model, **kwargs: Any) -> None:
    history_instance.history_channel = current_channel()


class TrackedHistory(HistoricalRecords):
    """django-simple-history's records of one model, remembered per model so that a writer that saves a record and
    its links in several steps (an import) can skip the steps' versions and record one version of the whole."""

    of_model: dict[type[models.Model], "TrackedHistory"] = {}

    def finalize(self, sender: type[models.Model], **kwargs: Any) -> None:
        super().finalize(sender, **kwargs)
        TrackedHistory.of_model[sender] = self


@contextmanager
def one_version(record: models.Model, *, created: bool) -> Iterator[None]:
    """Save the record and its many-to-many links inside the block; one version records the result (instead of one
    for the save and one for each link changed)."""
    record.skip_history_when_saving = True
    try:
        yield
    finally:
        del record.skip_history_when_saving
    TrackedHistory.of_model[type(record)].create_historical_record(
        record, "+" if created else "~"
    )


def track_history(
    model: type[models.Model],
    m2m_fields: tuple[str, ...] = (),
    excluded_fields: tuple[str, ...] = (),
) -> None:
    """Keep every version of the model's records (call after its translation fields are registered);
    ``excluded_fields`` are not kept (personal data: erased from the record, it is gone)."""
    from simple_history import register

    label = model._meta.app_label
    register(
        model,
        records_class=TrackedHistory,
        bases=[HistoryChannel],
        m2m_fields=list(m2m_fields),
        excluded_fields=list(excluded_fields),
        # An app inside the project package (batteryregion.news, label "news") has no module "news.models": its
        # history models then go into the model's own module, which the app registry places in the right app.
        app=label if model.__module__.startswith(f"{label}.") else None,
    )


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    DISCONTINUED = "discontinued", _("Discontinued")


class PublishableQuerySet(models.QuerySet):
    def published(self) -> Self:
        """Records shown on public pages, the map, pathways, the gap analysis and the API lists."""
        return self.filter(state=PublicationState.PUBLISHED)

    def public(self) -> Self:
        """Records with a public page: published ones, and discontinued ones that say so."""
        return self.exclude(state=PublicationState.DRAFT)


class Publishable(models.Model):
    """Draft (not public), published, or discontinued (ended on a date; keeps its page, stops counting)."""

    state = models.CharField(
        _("state"),
        max_length=12,
        choices=PublicationState.choices,
        default=PublicationState.DRAFT,
        db_index=True,
    )
    ended_on = models.DateField(
        _("ended on"),
        null=True,
        blank=True,
        help_text=_("When a discontinued record ended."),
    )

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.state == PublicationState.PUBLISHED

    @property
    def is_discontinued(self) -> bool:
        return self.state == PublicationState.DISCONTINUED
