"""The actors of the value chain with their sites, and the demand side: their competence needs and who may see them."""

from typing import Self

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from batteryregion.numbers import format_number
from batteryregion.records import Publishable, PublishableQuerySet, TrackedRecord
from batteryregion.validators import (
    BoundedPositiveIntegerField,
    BoundedPositiveSmallIntegerField,
    YearField,
    validate_not_in_future,
)
from batteryregion.visibility import Visibility, visible_records
from skills.models.esco import Occupation, Skill
from skills.models.vocabulary import (
    LEVEL_VALIDATORS,
    Country,
    Region,
    Segment,
)


class Actor(TrackedRecord, Publishable):
    """Any organisation on the map: education provider, employer, authority, developer, cluster, research."""

    class Kind(models.TextChoices):
        PROVIDER = "provider", _("Education provider")
        EMPLOYER = "employer", _("Employer")
        AUTHORITY = "authority", _("Public authority")
        DEVELOPER = "developer", _("Regional developer")
        CLUSTER = "cluster", _("Cluster or industry association")
        RESEARCH = "research", _("Research organisation")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    segments = models.ManyToManyField(
        Segment,
        related_name="actors",
        blank=True,
        verbose_name=_("value-chain segments"),
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    opintopolku_oid = models.CharField(
        _("Opintopolku organisation OID"),
        max_length=80,
        blank=True,
        help_text=_(
            "The provider's organisation identifier in Opintopolku (1.2.246.562.10.…), for the register import."
        ),
    )
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=20,
        blank=True,
        help_text=_(
            "Finnish business ID (Y-tunnus, 1234567-8) or Swedish organisation number (556012-5790), "
            "for matching register data."
        ),
    )
    verified_on = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        validators=[validate_not_in_future],
    )
    successor = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successor"),
        help_text=_("The organisation that carries on the work of a discontinued one."),
    )

    name_fi: str | None
    name_sv: str | None
    name_en: str | None

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The public page in the current language (the admin's "View on site")."""
        return reverse("programmes:actor_detail", args=[self.slug])


class Site(TrackedRecord):
    """A place where an actor is: a town with coordinates inside a NUTS 3 region."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    actor = models.ForeignKey(
        Actor, models.CASCADE, related_name="sites", verbose_name=_("actor")
    )
    town = models.CharField(_("town"), max_length=120)
    region = models.ForeignKey(
        Region, models.PROTECT, related_name="sites", verbose_name=_("region")
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)
    is_main = models.BooleanField(_("main site"), default=False)

    town_fi: str | None
    town_sv: str | None
    town_en: str | None

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90),
                name="site_latitude_range",
                violation_error_message=_(
                    "The latitude must be from −90 to 90 degrees."
                ),
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180),
                name="site_longitude_range",
                violation_error_message=_(
                    "The longitude must be from −180 to 180 degrees."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} – {self.town}"


def visible_needs(user: AbstractBaseUser | AnonymousUser) -> Q:
    """The needs the user may see: the portal's one visibility rule (batteryregion.visibility.visible_records), which
    cooperation actions follow too; pages, API, admin, exports and the gap analysis use it."""
    return visible_records(user)


FORM_SOURCE_NAME = "Employer's form on the portal"
"""The source of a need an employer sent through the form and a coordinator accepted (skills/intake/review.py)."""

# The source names the bundled data gives its illustrative needs and its one report are the project's own words, so they
# are translated like the page text; any other source name is shown as a coordinator wrote it.
PROJECT_SOURCE_NAMES = {
    FORM_SOURCE_NAME: _("Employer's form on the portal"),
    "Example: workshop with employers (illustration)": _(
        "Example: workshop with employers (illustration)"
    ),
    "Example: employer interview (illustration)": _(
        "Example: employer interview (illustration)"
    ),
    "Example: employer survey (illustration)": _(
        "Example: employer survey (illustration)"
    ),
    "Battery Region competence mapping 2020–2022 (Interreg Nord; Region Västerbotten, Skellefteå municipality, Council of Oulu Region, OSAO)": _(
        "Battery Region competence mapping 2020–2022 (Interreg Nord; Region Västerbotten, Skellefteå municipality, Council of Oulu Region, OSAO)"
    ),
}


class CompetenceNeedQuerySet(PublishableQuerySet):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> Self:
        """The needs the user may see (see ``visible_needs``)."""
        return self.filter(visible_needs(user))

    def standing(self) -> Self:
        """Needs that still stand (not paused or withdrawn)."""
        return self.filter(status=CompetenceNeed.Status.STANDING)


class CompetenceNeed(TrackedRecord, Publishable):
    """What an employer, a workshop, a survey or a report says the region needs."""

    class SourceKind(models.TextChoices):
        EMPLOYER = "employer", _("Employer")
        WORKSHOP = "workshop", _("Workshop")
        SURVEY = "survey", _("Survey")
        REPORT = "report", _("Report")

    class Urgency(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")
        CRITICAL = "critical", _("Critical")

    class Status(models.TextChoices):
        STANDING = "standing", _("Standing")
        PAUSED = "paused", _("Paused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    Visibility = (
        Visibility  # shared with cooperation actions (batteryregion/visibility.py)
    )

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    employer = models.ForeignKey(
        Actor,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="competence_needs",
        verbose_name=_("employer"),
    )
    source_kind = models.CharField(
        _("source type"), max_length=10, choices=SourceKind.choices
    )
    source_name = models.CharField(_("source name"), max_length=250, blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    workshop = models.ForeignKey(
        "skills.Workshop",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="competence_needs",
        verbose_name=_("workshop or survey"),
        help_text=_("The workshop or survey that identified the need, if any."),
    )
    occupation = models.ForeignKey(
        Occupation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="competence_needs",
        verbose_name=_("occupation"),
    )
    skills = models.ManyToManyField(
        Skill, related_name="competence_needs", blank=True, verbose_name=_("skills")
    )
    segments = models.ManyToManyField(
        Segment,
        related_name="competence_needs",
        blank=True,
        verbose_name=_("value-chain segments"),
        help_text=_(
            "For needs stated for a part of the value chain rather than an occupation or skills."
        ),
    )
    headcount = BoundedPositiveIntegerField(
        _("people needed"),
        validators=[MinValueValidator(1, _("People needed must be at least 1."))],
    )
    target_year = YearField(
        _("needed by (year)"),
        validators=[
            MinValueValidator(
                2000, _("The year needed by must be %(limit_value)s or later.")
            ),
            MaxValueValidator(
                2100, _("The year needed by must be %(limit_value)s or earlier.")
            ),
        ],
    )
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        related_name="competence_needs",
        verbose_name=_("region"),
    )
    min_level = BoundedPositiveSmallIntegerField(
        _("lowest EQF level"), null=True, blank=True, validators=LEVEL_VALIDATORS
    )
    max_level = BoundedPositiveSmallIntegerField(
        _("highest EQF level"), null=True, blank=True, validators=LEVEL_VALIDATORS
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM
    )
    stated_on = models.DateField(_("stated on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.STANDING
    )
    visibility = models.CharField(
        _("visible to"),
        max_length=15,
        choices=Visibility.choices,
        default=Visibility.COORDINATORS,
    )
    is_example = models.BooleanField(
        _("example data"),
        default=False,
        help_text=_("An illustration written by the project, not a real statement."),
    )
    description = models.TextField(_("description"), blank=True)

    description_fi: str | None
    description_sv: str | None
    description_en: str | None

    objects = CompetenceNeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("competence need")
        verbose_name_plural = _("competence needs")
        ordering = ["-stated_on", "slug"]
        # The public lists filter on state and visibility and keep this ordering: counted and paged from the index.
        indexes = [
            models.Index(
                fields=["state", "visibility", "-stated_on", "slug"],
                name="skills_need_list_idx",
            )
        ]
        permissions = [
            (
                "view_confidential_needs",
                _("Can see competence needs for coordinators only"),
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(headcount__gt=0),
                name="need_headcount_positive",
                violation_error_message=_("People needed must be at least 1."),
            ),
            models.CheckConstraint(
                condition=Q(target_year__gte=2000, target_year__lte=2100),
                name="need_target_year_range",
                violation_error_message=_(
                    "The year needed by must be from 2000 to 2100."
                ),
            ),
            models.CheckConstraint(
                condition=Q(min_level__isnull=True)
                | Q(min_level__gte=1, min_level__lte=8),
                name="need_min_level_1_to_8",
                violation_error_message=_("The lowest EQF level must be from 1 to 8."),
            ),
            models.CheckConstraint(
                condition=Q(max_level__isnull=True)
                | Q(max_level__gte=1, max_level__lte=8),
                name="need_max_level_1_to_8",
                violation_error_message=_("The highest EQF level must be from 1 to 8."),
            ),
            models.CheckConstraint(
                condition=Q(min_level__isnull=True)
                | Q(max_level__isnull=True)
                | Q(min_level__lte=models.F("max_level")),
                name="need_level_range_ordered",
                violation_error_message=_(
                    "The lowest EQF level must not be above the highest EQF level."
                ),
            ),
            models.CheckConstraint(
                condition=Q(employer__isnull=False) | ~Q(source_name=""),
                name="need_has_employer_or_source",
                violation_error_message=_(
                    "Choose the employer, or name the workshop, survey or report the need comes from."
                ),
            ),
        ]

    def clean(self) -> None:
        super().clean()
        # A need from a workshop or survey says so in its source type (the bundled needs have no workshop).
        if self.workshop_id is not None and self.source_kind != self.workshop.kind:
            raise ValidationError(
                {
                    "source_kind": _(
                        "A need from a workshop or survey has its type as the source type: choose “%(kind)s”."
                    )
                    % {"kind": self.workshop.get_kind_display()}
                }
            )

    @property
    def source_shown(self) -> str:
        """The source name in the page language when it is one of the project's own phrases (the bundled example
        needs' sources), otherwise as it was written: a report's title, a named workshop."""
        return str(PROJECT_SOURCE_NAMES.get(self.source_name, self.source_name))

    def __str__(self) -> str:
        what = self.occupation.label if self.occupation_id else self.source_name
        text = ngettext_lazy(
            "%(what)s: %(count)s person by %(year)s",
            "%(what)s: %(count)s people by %(year)s",
            self.headcount,
        )
        return text % {
            "what": what,
            "count": format_number(self.headcount),  # a quantity: "1 200" in fi and sv
            "year": self.target_year,  # a year: never grouped
        }
