"""Partner API keys: who may read /api/v1/ with a key, what the key shows, and how much it is used.

A key is shown once, when it is issued, and stored only as a hash (djangorestframework-api-key's AbstractAPIKey);
its first eight characters (``prefix``) name it in the admin, in logs and in the rate limit. A key is usable while it
is not revoked and not past its expiry.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey


class PartnerKey(AbstractAPIKey):
    class Scope(models.TextChoices):
        PUBLIC = "public", _("Public data only")
        PARTNERS = "partners", _("Public data and needs shared with partners")

    # The library's fields again, with the portal's labels (its own texts are English only).
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("What the key is for, e.g. the partner's service that uses it."),
    )
    revoked = models.BooleanField(
        _("revoked"),
        default=False,
        help_text=_("A revoked key stops working at once; this cannot be undone."),
    )
    expiry_date = models.DateTimeField(
        _("expires"),
        null=True,
        blank=True,
        help_text=_("After this moment the key no longer works. Empty: no expiry."),
    )
    organisation = models.CharField(_("partner organisation"), max_length=200)
    actor = models.ForeignKey(
        "skills.Actor",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_keys",
        verbose_name=_("actor on the map"),
        help_text=_("The partner organisation's record on the map, if it has one."),
    )
    scope = models.CharField(
        _("scope"),
        max_length=20,
        choices=Scope.choices,
        default=Scope.PUBLIC,
        help_text=_(
            "Which competence needs the key shows: public ones only, as to any visitor, or also the needs shared "
            "with partners. Needs for coordinators only are never shown to a key."
        ),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("issued by"),
    )
    request_count = models.PositiveBigIntegerField(
        _("requests"), default=0, editable=False
    )
    last_used = models.DateTimeField(_("last used"), null=True, editable=False)

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.name}"

    @property
    def is_usable(self) -> bool:
        """Not revoked and not expired."""
        return not self.revoked and not self.has_expired

    @property
    def shows_partner_needs(self) -> bool:
        return self.scope == self.Scope.PARTNERS
