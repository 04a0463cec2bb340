"""Who coordinates what: a coordinator's organisations and regions, and the lead coordinators of each side."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from batteryregion.records import HistoryChannel
from skills.models import Actor, Country, Region


class Coordinator(models.Model):
    """A coordinator's scope: they edit the records of their organisations and of their regions.

    A lead coordinator also manages the coordinator accounts of their side of the border and edits the shared
    vocabulary. Every permission is decided in coordinators/permissions/ from this record.
    """

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        LEAD = "lead", _("Lead coordinator")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="coordinator",
        verbose_name=_("user"),
    )
    role = models.CharField(
        _("role"), max_length=12, choices=Role.choices, default=Role.COORDINATOR
    )
    side = models.CharField(
        _("side of the border"),
        max_length=2,
        choices=Country.choices,
        help_text=_("A lead coordinator manages the coordinators of this side."),
    )
    organisations = models.ManyToManyField(
        Actor,
        related_name="coordinators",
        blank=True,
        verbose_name=_("organisations"),
        help_text=_(
            "The coordinator edits these organisations' programmes, sites and competence needs."
        ),
    )
    regions = models.ManyToManyField(
        Region,
        related_name="coordinators",
        blank=True,
        verbose_name=_("regions"),
        help_text=_(
            "The coordinator edits programmes, sites and needs in these regions and their subregions."
        ),
    )

    history = HistoricalRecords(
        bases=[HistoryChannel], m2m_fields=["organisations", "regions"]
    )

    class Meta:
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def is_lead(self) -> bool:
        return self.role == self.Role.LEAD
