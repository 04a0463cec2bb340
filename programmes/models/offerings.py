"""Where a programme can be entered and when: its entry requirements, offerings (site, start, language), intakes and
application periods."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from batteryregion.records import TrackedRecord
from batteryregion.validators import (
    MAX_APPLICANTS,
    MAX_PLACES,
    BoundedPositiveIntegerField,
    YearField,
    validate_intake_year,
    validate_start_date,
)
from programmes.models.programme import Programme
from skills.models import (
    EducationLevel,
    Language,
    QualificationType,
    Site,
)


class EntryRequirement(TrackedRecord):
    """One accepted way in: a starting point (qualification type), or any qualification at or above a level."""

    programme = models.ForeignKey(
        Programme,
        models.CASCADE,
        related_name="entry_requirements",
        verbose_name=_("programme"),
    )
    qualification_type = models.ForeignKey(
        QualificationType,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="entry_requirements",
        verbose_name=_("accepted qualification"),
    )
    min_level = models.ForeignKey(
        EducationLevel,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="entry_requirements",
        verbose_name=_("or any qualification at EQF level"),
    )

    class Meta:
        verbose_name = _("entry requirement")
        verbose_name_plural = _("entry requirements")
        constraints = [
            models.CheckConstraint(
                condition=Q(qualification_type__isnull=False, min_level__isnull=True)
                | Q(qualification_type__isnull=True, min_level__isnull=False),
                name="entry_requirement_type_or_level",
                violation_error_message=_(
                    "Give either an accepted qualification or a minimum level, not both."
                ),
            ),
            models.UniqueConstraint(
                fields=["programme", "qualification_type"],
                name="entry_requirement_unique_qualification",
                violation_error_message=_(
                    "The programme already accepts this qualification."
                ),
            ),
            models.UniqueConstraint(
                fields=["programme", "min_level"],
                name="entry_requirement_unique_level",
                violation_error_message=_(
                    "The programme already accepts any qualification at this level."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.qualification_type_id:
            return str(self.qualification_type)
        return _("Any qualification at EQF level %(level)s or above") % {
            "level": self.min_level.level
        }


class Offering(TrackedRecord):
    """Where and when a programme is given, in which language, with how many places."""

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="offerings", verbose_name=_("programme")
    )
    site = models.ForeignKey(
        Site, models.PROTECT, related_name="offerings", verbose_name=_("site")
    )
    starts_on = models.DateField(
        _("starts on"), null=True, blank=True, validators=[validate_start_date]
    )
    language = models.ForeignKey(
        Language,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="offerings",
        verbose_name=_("language"),
    )
    places = BoundedPositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_(
            "The programme's places given at this site, when it is given at several. The gap analysis counts these here and shares what is left of the programme's places equally among the sites without a number."
        ),
        validators=[
            MinValueValidator(
                1,
                _(
                    "Places must be at least 1; leave the field empty when the number is not known."
                ),
            ),
            MaxValueValidator(MAX_PLACES, _("Places must be at most %(limit_value)s.")),
        ],
    )
    # The register's own identifier of this realisation (Opintopolku's toteutus OID, Susa-navet's event id), so that
    # a register fetch finds the offering again when its start or place changes.
    register_id = models.CharField(
        _("register identifier"), max_length=120, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["programme", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "site", "starts_on"],
                name="offering_unique_start",
                violation_error_message=_(
                    "The programme already has an offering at this site with this start date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(places__isnull=True) | Q(places__gt=0),
                name="offering_places_positive",
                violation_error_message=_(
                    "Places must be at least 1; leave the field empty when the number is not known."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} – {self.site.town}"


class Intake(TrackedRecord):
    """Places, applicants and enrolled students of one year: an empty classroom is a gap too."""

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="intakes", verbose_name=_("programme")
    )
    year = YearField(
        _("year"),
        validators=[
            MinValueValidator(
                2000, _("The year of an intake must be %(limit_value)s or later.")
            ),
            MaxValueValidator(
                2100, _("The year of an intake must be %(limit_value)s or earlier.")
            ),
            validate_intake_year,
        ],
    )
    places = BoundedPositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_(
            "The places of this year's intake. The gap analysis counts the places of the latest current intake when the programme has no places per year."
        ),
        validators=[
            MaxValueValidator(MAX_PLACES, _("Places must be at most %(limit_value)s."))
        ],
    )
    applicants = BoundedPositiveIntegerField(
        _("applicants"),
        null=True,
        blank=True,
        validators=[
            MaxValueValidator(
                MAX_APPLICANTS, _("Applicants must be at most %(limit_value)s.")
            )
        ],
    )
    enrolled = BoundedPositiveIntegerField(
        _("enrolled"),
        null=True,
        blank=True,
        validators=[
            MaxValueValidator(
                MAX_PLACES, _("Enrolled students must be at most %(limit_value)s.")
            )
        ],
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    is_example = models.BooleanField(
        _("example data"),
        default=False,
        help_text=_("An illustration written by the project, not a published figure."),
    )

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["programme", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year"],
                name="intake_unique_year",
                violation_error_message=_(
                    "The programme already has an intake for this year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="intake_year_range",
                violation_error_message=_(
                    "The year of an intake must be from 2000 to 2100."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"

    def clean(self) -> None:
        super().clean()
        if (
            self.enrolled is not None
            and self.applicants is not None
            and self.enrolled > self.applicants
        ):
            raise ValidationError(
                {
                    "enrolled": ValidationError(
                        _(
                            "Enrolled students (%(enrolled)s) cannot be more than applicants (%(applicants)s)."
                        ),
                        code="enrolled_above_applicants",
                        params={
                            "enrolled": self.enrolled,
                            "applicants": self.applicants,
                        },
                    )
                }
            )


class ApplicationPeriod(TrackedRecord):
    """When and where to apply for one offering: a joint or continuous application, or the provider's own."""

    class Service(models.TextChoices):
        OPINTOPOLKU = "opintopolku", _("Opintopolku / Studyinfo")
        ANTAGNING = "antagning", _("Antagning.se")
        GYMNASIEANTAGNING = "gymnasieantagning", _("Gymnasieantagningen")
        PROVIDER = "provider", _("The provider's own application")
        OTHER = "other", _("Other")

    offering = models.ForeignKey(
        Offering,
        models.CASCADE,
        related_name="application_periods",
        verbose_name=_("offering"),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    service = models.CharField(
        _("where to apply"), max_length=20, choices=Service.choices
    )
    apply_url = models.URLField(_("application address"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("application period")
        verbose_name_plural = _("application periods")
        ordering = ["offering", "opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")),
                name="application_period_closes_after_opening",
                violation_error_message=_(
                    "The application period cannot close before it opens."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offering}: {self.opens_on}–{self.closes_on}"

    def clean(self) -> None:
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError(
                {
                    "closes_on": ValidationError(
                        _(
                            "The application period cannot close (%(closes)s) before it opens (%(opens)s)."
                        ),
                        code="closes_before_opening",
                        params={"closes": self.closes_on, "opens": self.opens_on},
                    )
                }
            )
