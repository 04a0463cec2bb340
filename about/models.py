"""The organisations behind the portal, as coordinators enter them: who coordinates the partnership, who takes part,
who funds it, and where to reach each of them."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from batteryregion.records import TrackedRecord
from skills.models import Country


class PartnerOrganisation(TrackedRecord):
    """One organisation of the Battery Region partnership, shown on the About page and named in the privacy notice."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinating partner")
        PARTNER = "partner", _("Partner")
        FUNDER = "funder", _("Funder")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(
        _("role in the partnership"),
        max_length=12,
        choices=Role.choices,
        default=Role.PARTNER,
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=Country.choices,
        blank=True,
        help_text=_(
            "Empty for an organisation of neither country, such as a European Union programme."
        ),
    )
    description = models.TextField(
        _("what it does in the partnership"),
        blank=True,
        help_text=_("One or two sentences for the About page."),
    )
    website = models.URLField(_("web address"), blank=True)
    email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_(
            "Shown on the About page as the contact for its country. Prefer a shared address (such as info@…) "
            "to a person's own."
        ),
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_(
            "Organisations with a smaller number come first within their role."
        ),
    )

    # Columns added by modeltranslation (see translation.py)
    name_fi: str | None
    name_sv: str | None
    name_en: str | None
    description_fi: str | None
    description_sv: str | None
    description_en: str | None

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name or self.name_fi or self.name_sv or self.name_en or ""

    @property
    def website_label(self) -> str:
        """The web address as a link reads: its host without "www." ("osao.fi")."""
        host = urlsplit(self.website).hostname or ""
        return host.removeprefix("www.")

    def clean(self) -> None:
        super().clean()
        if not (self.name_fi or self.name_sv or self.name_en):
            raise ValidationError(
                _("Enter the organisation's name in at least one language.")
            )
