"""Site-wide state: the version of the public data, which keys the shared page cache."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """One row whose number grows whenever data shown on public pages changes (batteryregion/page_cache.py).

    It lives in the database, not in the cache, so that every app server and every process (the admin, the loader,
    an import run from the shell) agrees on it even when each server has a cache of its own.
    """

    number = models.PositiveBigIntegerField(_("number"), default=1)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self) -> str:
        return str(self.number)
