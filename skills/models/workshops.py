"""Workshops and surveys that a coordinator runs with companies, and whose results are kept: the competence needs
they identified (``CompetenceNeed.workshop``), a public summary when the participants agree to one, and a contact for
coordinators only."""

from typing import Self

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from batteryregion.records import TrackedRecord
from skills.models.actors import Actor
from skills.models.vocabulary import Region, Segment

NO_PLACE = _("Give the place of the workshop, or mark it as held online.")


def sees_workshop_contacts(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether the user sees everything of a workshop, its contact and unpublished summary too: coordinators, who
    see confidential needs (the visibility rule's permission)."""
    return user.is_active and user.has_perm("skills.view_confidential_needs")


def visible_workshops(user: AbstractBaseUser | AnonymousUser, prefix: str = "") -> Q:
    """The one rule of who sees a workshop (its page, its API item, its line in the change feed, the "From:" link of
    its needs): every one for coordinators, the others those with a public summary. A condition on the workshop's
    own fields, so that it holds on its history versions too; `prefix` ("workshop__") reaches them from a need."""
    if sees_workshop_contacts(user):
        return Q(**{f"{prefix}pk__isnull": False})
    return Q(**{f"{prefix}is_summary_public": True})


class WorkshopQuerySet(models.QuerySet):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> Self:
        """Workshops with a page for the user: every one for coordinators, the others those with a public summary."""
        return self.filter(visible_workshops(user))


class Workshop(TrackedRecord):
    """A workshop or survey with companies: when, where, who organised it and took part, and what it found."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        SURVEY = "survey", _("Survey")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(
        _("type"), max_length=10, choices=Kind.choices, default=Kind.WORKSHOP
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(
        _("date"),
        help_text=_(
            "The day of the workshop, or the day a survey closed; its needs are stated on this day."
        ),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    organiser = models.ForeignKey(
        Actor,
        models.PROTECT,
        related_name="organised_workshops",
        verbose_name=_("organiser"),
    )
    segments = models.ManyToManyField(
        Segment,
        related_name="workshops",
        blank=True,
        verbose_name=_("value-chain segments"),
    )
    regions = models.ManyToManyField(
        Region, related_name="workshops", blank=True, verbose_name=_("regions")
    )
    participants = models.ManyToManyField(
        Actor,
        related_name="workshops",
        blank=True,
        verbose_name=_("participating organisations"),
        help_text=_("Organisations only: the names of people are not recorded here."),
    )
    # Coordinators only: never on a public page, in the API or in an export.
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    summary = models.TextField(_("public summary"), blank=True)
    is_summary_public = models.BooleanField(
        _("summary is public"),
        default=False,
        help_text=_(
            "Shows the workshop's page to everyone, with its summary and the needs each visitor may see."
        ),
    )

    title_fi: str | None
    title_sv: str | None
    title_en: str | None
    summary_fi: str | None
    summary_sv: str | None
    summary_en: str | None

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        verbose_name = _("workshop or survey")
        verbose_name_plural = _("workshops and surveys")
        ordering = ["-held_on", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_online=True) | ~Q(place=""),
                name="workshop_has_place_or_online",
                violation_error_message=NO_PLACE,
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The workshop's page in the current language (the admin's "View on site")."""
        return reverse("gaps:workshop_detail", args=[self.slug])

    @property
    def source_title(self) -> str:
        """The title its needs name as their source: one language for every page (en, fi, sv: the first given)."""
        return self.title_en or self.title_fi or self.title_sv or ""
