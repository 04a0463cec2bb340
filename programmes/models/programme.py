"""A programme: what it teaches and awards, its entry requirements in plain words and who may apply."""

from typing import Self

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from batteryregion.records import Publishable, PublishableQuerySet, TrackedRecord
from batteryregion.validators import (
    MAX_PLACES,
    BoundedPositiveIntegerField,
    BoundedPositiveSmallIntegerField,
    validate_not_in_future,
)
from programmes.models import programme_choices
from skills.models import (
    Actor,
    EducationField,
    EducationLevel,
    Language,
    Occupation,
    QualificationType,
    Region,
    Segment,
    Site,
    Skill,
)


class ProgrammeQuerySet(PublishableQuerySet):
    def open_to(self, starting_point: QualificationType) -> Self:
        """Programmes whose entry requirements accept the starting point, by name or by its EQF level."""
        accepted = Q(entry_requirements__qualification_type=starting_point)
        if starting_point.level_id:
            accepted |= Q(
                entry_requirements__min_level__level__lte=starting_point.level.level
            )
        return self.filter(pk__in=self.model.objects.filter(accepted).values("pk"))

    def in_region(self, region: Region) -> Self:
        """Programmes given at a site in the region or in one of its subregions (NUTS levels below)."""
        inside = (
            Q(offerings__site__region=region)
            | Q(offerings__site__region__parent=region)
            | Q(offerings__site__region__parent__parent=region)
            | Q(offerings__site__region__parent__parent__parent=region)
        )
        return self.filter(pk__in=self.model.objects.filter(inside).values("pk"))


class Programme(TrackedRecord, Publishable):
    """An education or training offer by a provider.

    ``availability`` says whether it runs today, is planned (decided, with an expected start) or only proposed (an
    idea, e.g. from a cooperation action). It is separate from the publication state: a published planned programme
    is public, marked as planned, and never counts in today's supply.
    """

    # The closed lists of values (programme_choices.py), by their names here: Programme.Kind.
    Availability = programme_choices.Availability
    Kind = programme_choices.Kind
    CreditUnit = programme_choices.CreditUnit
    DeliveryMode = programme_choices.DeliveryMode
    Audience = programme_choices.Audience
    Pace = programme_choices.Pace

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    provider = models.ForeignKey(
        Actor, models.PROTECT, related_name="programmes", verbose_name=_("provider")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    awarded_qualification = models.ForeignKey(
        QualificationType,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="awarding_programmes",
        verbose_name=_("qualification awarded"),
    )
    awarded_level = models.ForeignKey(
        EducationLevel,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="awarding_programmes",
        verbose_name=_("EQF level awarded"),
        help_text=_("Empty for short courses that award no qualification."),
    )
    education_field = models.ForeignKey(
        EducationField,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("field of education"),
        help_text=_(
            "The broad ISCED-F field of what the programme teaches; the pathway search uses it to tell a step up or "
            "sideways from a step back."
        ),
    )
    duration_months = BoundedPositiveSmallIntegerField(
        _("duration (months)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, _("The duration must be at least 1 month.")),
            MaxValueValidator(
                120, _("The duration must be at most %(limit_value)s months.")
            ),
        ],
    )
    credits = models.DecimalField(
        _("credits"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    credit_unit = models.CharField(
        _("credit unit"), max_length=5, choices=CreditUnit.choices, blank=True
    )
    languages = models.ManyToManyField(
        Language,
        related_name="programmes",
        blank=True,
        verbose_name=_("languages of instruction"),
    )
    delivery_mode = models.CharField(
        _("delivery mode"),
        max_length=10,
        choices=DeliveryMode.choices,
        default=DeliveryMode.ON_SITE,
    )
    places_per_year = BoundedPositiveIntegerField(
        _("places per year"),
        null=True,
        blank=True,
        help_text=_(
            "The places the gap analysis counts for this programme each year, once however many sites it is given at. Leave empty to count the places of its latest current intake instead."
        ),
        validators=[
            MinValueValidator(
                1,
                _(
                    "Places per year must be at least 1; leave the field empty when the number is not known."
                ),
            ),
            MaxValueValidator(
                MAX_PLACES, _("Places per year must be at most %(limit_value)s.")
            ),
        ],
    )
    segments = models.ManyToManyField(
        Segment,
        related_name="programmes",
        blank=True,
        verbose_name=_("value-chain segments"),
    )
    skills = models.ManyToManyField(
        Skill, related_name="programmes", blank=True, verbose_name=_("skills taught")
    )
    occupations = models.ManyToManyField(
        Occupation,
        related_name="programmes",
        blank=True,
        verbose_name=_("occupations it leads to"),
    )
    entry_notes = models.TextField(_("entry requirements in plain words"), blank=True)
    # Who may apply: the rules the pathway search uses to offer only programmes a person can really take.
    audience = models.CharField(
        _("who may apply"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        help_text=_(
            "Whom the provider admits beyond the entry requirements, e.g. only registered job seekers."
        ),
    )
    audience_region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="resident_programmes",
        verbose_name=_("region of residence"),
        help_text=_("Only for “Residents of a region”: the region applicants live in."),
    )
    min_age = BoundedPositiveSmallIntegerField(
        _("minimum age"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, _("The minimum age must be at least 1 year.")),
            MaxValueValidator(
                99, _("The minimum age must be at most %(limit_value)s years.")
            ),
        ],
        help_text=_("Leave empty when the programme records no age rule."),
    )
    min_age_waived_from = models.ForeignKey(
        EducationLevel,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("no minimum age from EQF level"),
        help_text=_(
            "The minimum age does not apply to applicants who already hold a qualification at this EQF level or "
            "above (Swedish municipal adult education: an upper secondary diploma, EQF 4). Leave empty when it "
            "applies to everyone."
        ),
    )
    required_fields = models.ManyToManyField(
        EducationField,
        related_name="requiring_programmes",
        blank=True,
        verbose_name=_("required fields of earlier education"),
        help_text=_(
            "The ISCED-F fields an applicant's earlier education must be in; leave empty when any field will do."
        ),
    )
    prior_studies = models.TextField(
        _("required prior studies"),
        blank=True,
        help_text=_(
            "Required courses in the country's own terms, e.g. “Matematik 3c, Fysik 2”; leave empty when none are recorded."
        ),
    )
    recognition_of_prior_learning = models.BooleanField(
        _("recognition of prior learning"),
        null=True,
        blank=True,
        help_text=_(
            "Whether earlier competence can be shown and credited (näyttötutkinto, validering); empty when not known."
        ),
    )
    free_of_charge = models.BooleanField(
        _("free of charge"),
        null=True,
        blank=True,
        help_text=_("Empty when not known."),
    )
    pace = models.CharField(
        _("pace"),
        max_length=10,
        choices=Pace.choices,
        blank=True,
        help_text=_("Empty when not known."),
    )
    opintopolku_oid = models.CharField(_("Opintopolku OID"), max_length=80, blank=True)
    susa_id = models.CharField(_("Susa-navet id"), max_length=80, blank=True)
    provider_code = models.CharField(
        _("provider's own code"), max_length=80, blank=True
    )
    source_url = models.URLField(_("source"), max_length=500)
    verified_on = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        validators=[validate_not_in_future],
    )
    availability = models.CharField(
        _("availability"),
        max_length=10,
        choices=Availability.choices,
        default=Availability.RUNNING,
        help_text=_(
            "Whether the programme runs today, is planned (decided, with an expected start) or only proposed. "
            "Planned and proposed programmes never count in today's supply."
        ),
    )
    expected_start = models.DateField(
        _("expected start"),
        null=True,
        blank=True,
        help_text=_(
            "When a planned programme is expected to start; required when it is planned."
        ),
    )
    successor = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successor"),
        help_text=_("The programme that replaces a discontinued one."),
    )
    # Set by a register fetch when the register no longer lists the programme: a candidate for "discontinued",
    # which a coordinator decides (programmes/registers/). Read-only in the admin; the history shows its changes.
    missing_from_register_since = models.DateField(
        _("missing from the register since"),
        null=True,
        blank=True,
        help_text=_(
            "The first register fetch that no longer found the programme; a coordinator decides whether it is discontinued."
        ),
    )

    name_fi: str | None
    name_sv: str | None
    name_en: str | None
    description_fi: str | None
    description_sv: str | None
    description_en: str | None
    entry_notes_fi: str | None
    entry_notes_sv: str | None
    entry_notes_en: str | None
    prior_studies_fi: str | None
    prior_studies_sv: str | None
    prior_studies_en: str | None

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(places_per_year__isnull=True) | Q(places_per_year__gt=0),
                name="programme_places_positive",
                violation_error_message=_(
                    "Places per year must be at least 1; leave the field empty when the number is not known."
                ),
            ),
            models.CheckConstraint(
                condition=Q(credits__isnull=True) | Q(credits__gt=0),
                name="programme_credits_positive",
                violation_error_message=_(
                    "Credits must be more than zero; leave the field empty when they are not known."
                ),
            ),
            models.CheckConstraint(
                condition=Q(credits__isnull=True) | ~Q(credit_unit=""),
                name="programme_credits_have_unit",
                violation_error_message=_("Choose the unit of the credits."),
            ),
            models.CheckConstraint(
                condition=Q(duration_months__isnull=True)
                | Q(duration_months__gte=1, duration_months__lte=120),
                name="programme_duration_range",
                violation_error_message=_("The duration must be from 1 to 120 months."),
            ),
            models.CheckConstraint(
                condition=Q(audience="residents_region")
                | Q(audience_region__isnull=True),
                name="programme_audience_region_only_for_region",
                violation_error_message=_(
                    "A region of residence is only given when the programme is for residents of a region."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(availability="planned") | Q(expected_start__isnull=False),
                name="programme_planned_has_expected_start",
                violation_error_message=_(
                    "Give the expected start of a planned programme."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def scope(self) -> str:
        """The credits with their unit as the language writes a count: "180 osaamispistettä", "1 opintopiste",
        "7,5 högskolepoäng" (a fraction takes the plural form). Empty without credits."""
        if self.credits is None:
            return ""
        count = int(self.credits) if self.credits == int(self.credits) else 2
        phrase = CREDIT_PHRASES.get(self.credit_unit, ANY_CREDIT)
        return phrase % {"credits": floatformat(self.credits, "-1"), "count": count}

    def clean(self) -> None:
        super().clean()
        errors = {}
        wants_region = self.audience == self.Audience.RESIDENTS_REGION
        if wants_region and self.audience_region_id is None:
            errors["audience_region"] = ValidationError(
                _("Choose the region whose residents may apply."),
                code="audience_region",
            )
        elif not wants_region and self.audience_region_id is not None:
            errors["audience_region"] = ValidationError(
                _(
                    "A region of residence is only given when the programme is for residents of a region."
                ),
                code="audience_region",
            )
        if self.min_age_waived_from_id is not None and self.min_age is None:
            errors["min_age_waived_from"] = ValidationError(
                _("Give the minimum age that this level waives."),
                code="min_age_waived_from",
            )
        if (
            self.availability == self.Availability.PLANNED
            and self.expected_start is None
        ):
            errors["expected_start"] = ValidationError(
                _("Give the expected start of a planned programme."),
                code="expected_start",
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_running(self) -> bool:
        """Whether the programme runs today (planned and proposed ones do not)."""
        return self.availability == self.Availability.RUNNING

    @property
    def availability_text(self) -> str:
        """The badge of a programme that does not run yet, in the current language: "Planned — expected to start
        August 2027" or "Proposed"; empty for a running programme."""
        if self.availability == self.Availability.PLANNED:
            if self.expected_start is None:
                return str(_("Planned"))
            return _("Planned — expected to start %(month)s") % {
                "month": date_format(self.expected_start, "YEAR_MONTH_FORMAT")
            }
        if self.availability == self.Availability.PROPOSED:
            return str(_("Proposed"))
        return ""

    @property
    def has_admission_rules(self) -> bool:
        """Whether any rule of who may apply is recorded beyond "everyone" (required fields are a separate list)."""
        return (
            self.audience != self.Audience.EVERYONE
            or self.min_age is not None
            or bool(self.prior_studies)
            or self.recognition_of_prior_learning is not None
        )

    def get_absolute_url(self) -> str:
        """The public page in the current language (the admin's "View on site")."""
        return reverse("programmes:programme_detail", args=[self.slug])

    @property
    def sites(self) -> list[Site]:
        """The distinct sites where the programme is given, from its (prefetched) offerings."""
        return list(
            {
                offering.site_id: offering.site for offering in self.offerings.all()
            }.values()
        )


# The count phrase of each credit unit; ngettext_lazy picks the plural form from the "count" it is given.
CREDIT_PHRASES = {
    Programme.CreditUnit.ECTS: ngettext_lazy(
        "%(credits)s ECTS credit", "%(credits)s ECTS credits", "count"
    ),
    Programme.CreditUnit.HP: ngettext_lazy(
        "%(credits)s higher education credit (hp)",
        "%(credits)s higher education credits (hp)",
        "count",
    ),
    Programme.CreditUnit.OSP: ngettext_lazy(
        "%(credits)s competence point (osp)",
        "%(credits)s competence points (osp)",
        "count",
    ),
    Programme.CreditUnit.YHP: ngettext_lazy(
        "%(credits)s higher vocational credit (YH point)",
        "%(credits)s higher vocational credits (YH points)",
        "count",
    ),
    Programme.CreditUnit.GYP: ngettext_lazy(
        "%(credits)s upper secondary credit",
        "%(credits)s upper secondary credits",
        "count",
    ),
}
ANY_CREDIT = ngettext_lazy("%(credits)s credit", "%(credits)s credits", "count")
