"""Old identifiers: a slug or code a record had before a coordinator renamed it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IdentifierAlias(models.Model):
    """An identifier a record of an API resource had before; it keeps leading to the record (a 301) and is never
    given to another record. Kept when the record is deleted, so that the change feed can name it in the tombstone."""

    resource = models.CharField(_("resource"), max_length=40)
    identifier = models.CharField(_("old identifier"), max_length=250)
    record_id = models.BigIntegerField(_("record"))
    created_at = models.DateTimeField(_("renamed at"), default=timezone.now)

    class Meta:
        verbose_name = _("old identifier")
        verbose_name_plural = _("old identifiers")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "identifier"],
                name="sync_alias_unique",
                violation_error_message=_(
                    "This old identifier already leads to a record of the resource."
                ),
            )
        ]
        indexes = [
            models.Index(
                fields=["resource", "record_id", "created_at"],
                name="sync_alias_record_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource}: {self.identifier}"
