"""The shared vocabulary and the demand side: segments, regions, levels, skills, occupations, actors, needs."""

from typing import Self

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from batteryregion.records import Publishable, PublishableQuerySet, TrackedRecord
from batteryregion.validators import (
    BoundedPositiveIntegerField,
    BoundedPositiveSmallIntegerField,
    validate_not_in_future,
)

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(8)]


class Country(models.TextChoices):
    FINLAND = "FI", _("Finland")
    SWEDEN = "SE", _("Sweden")


class Origin(models.TextChoices):
    """Where a label comes from, so that an official ESCO import can replace the project's own."""

    ESCO = "esco", _("ESCO")
    PROJECT = "project", _("Project translation")


class Segment(TrackedRecord):
    """A part of the battery value chain, or a cross-cutting area such as automation."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_cross_cutting = models.BooleanField(_("cross-cutting area"), default=False)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    name_fi: str | None
    name_sv: str | None
    name_en: str | None

    class Meta:
        verbose_name = _("value-chain segment")
        verbose_name_plural = _("value-chain segments")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Region(TrackedRecord):
    """A NUTS region (levels 0–3) with its country and a simplified boundary for the map."""

    code = models.CharField(
        _("NUTS 2021 code"),
        max_length=5,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z]{2}[0-9A-Z]{0,3}$", _("Enter a NUTS code such as FI1D9.")
            )
        ],
    )
    code_2016 = models.CharField(_("NUTS 2016 code"), max_length=5, blank=True)
    code_2024 = models.CharField(_("NUTS 2024 code"), max_length=5, blank=True)
    level = models.PositiveSmallIntegerField(
        _("NUTS level"), validators=[MaxValueValidator(3)]
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent region"),
    )
    name = models.CharField(_("name"), max_length=120)
    boundary = models.JSONField(
        _("simplified boundary (GeoJSON geometry)"), null=True, blank=True
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)

    name_fi: str | None
    name_sv: str | None
    name_en: str | None

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__lte=3),
                name="region_nuts_level_0_to_3",
                violation_error_message=_("The NUTS level must be 0, 1, 2 or 3."),
            ),
            models.CheckConstraint(
                condition=Q(code__startswith=models.F("country")),
                name="region_code_in_country",
                violation_error_message=_(
                    "The NUTS code must start with the code of the region's country (FI or SE)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Municipality(TrackedRecord):
    """A municipality (kunta, kommun) of a NUTS 3 region, with the coordinates of its centre for "near home"."""

    code = models.CharField(
        _("municipality code"),
        max_length=6,
        unique=True,
        help_text=_(
            "The country and the national code: FI and the Statistics Finland number (FI564 Oulu), "
            "or SE and the SCB code (SE2580 Luleå)."
        ),
        validators=[
            RegexValidator(
                r"^(FI\d{3}|SE\d{4})$",
                _("Enter FI and three digits (FI564) or SE and four digits (SE2580)."),
            )
        ],
    )
    name = models.CharField(_("name"), max_length=120)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        related_name="municipalities",
        limit_choices_to={"level": 3},
        verbose_name=_("region"),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    name_fi: str | None
    name_sv: str | None
    name_en: str | None

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def country(self) -> str:
        """FI or SE: the country of the municipality's region."""
        return self.region.country


class EducationLevel(TrackedRecord):
    """An EQF level, 1–8, with the EU descriptors and a plain-words summary of what sits on it."""

    level = BoundedPositiveSmallIntegerField(
        _("EQF level"), unique=True, validators=LEVEL_VALIDATORS
    )
    name = models.CharField(_("name"), max_length=200)
    knowledge = models.TextField(_("knowledge"), blank=True)
    skills = models.TextField(_("skills"), blank=True)
    responsibility = models.TextField(_("responsibility and autonomy"), blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)

    name_fi: str | None
    name_sv: str | None
    name_en: str | None

    class Meta:
        verbose_name = _("education level")
        verbose_name_plural = _("education levels")
        ordering = ["level"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=8),
                name="education_level_1_to_8",
                violation_error_message=_("The EQF level must be from 1 to 8."),
            ),
        ]

    def __str__(self) -> str:
        return _("EQF %(level)s: %(name)s") % {"level": self.level, "name": self.name}


class QualificationType(TrackedRecord):
    """A national qualification type of Finland or Sweden, or a country-independent starting point."""

    class Category(models.TextChoices):
        BASIC = "basic", _("Basic education")
        GENERAL = "general", _("General upper secondary")
        VOCATIONAL = "vocational", _("Vocational")
        HIGHER_VOCATIONAL = "higher_vocational", _("Higher vocational")
        HIGHER_EDUCATION = "higher_education", _("Higher education")
        EXPERIENCE = "experience", _("Work experience")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, blank=True
    )
    level = models.ForeignKey(
        EducationLevel,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="qualification_types",
        verbose_name=_("EQF level"),
    )
    nqf_level = BoundedPositiveSmallIntegerField(
        _("national framework level"),
        null=True,
        blank=True,
        validators=LEVEL_VALIDATORS,
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    is_starting_point = models.BooleanField(
        _("offered as a starting point"),
        default=True,
        help_text=_("Shown to people choosing where they start on the pathway pages."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    name_national = models.CharField(
        _("official national name"), max_length=200, blank=True
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)

    name_fi: str | None
    name_sv: str | None
    name_en: str | None

    class Meta:
        verbose_name = _("qualification type")
        verbose_name_plural = _("qualification types")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nqf_level__isnull=True)
                | Q(nqf_level__gte=1, nqf_level__lte=8),
                name="qualification_nqf_level_1_to_8",
                violation_error_message=_(
                    "The national framework level must be from 1 to 8."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Language(TrackedRecord):
    """A language of instruction (ISO 639-1 code)."""

    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=60)

    name_fi: str | None
    name_sv: str | None
    name_en: str | None

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class EducationField(TrackedRecord):
    """A broad field of education and training of ISCED-F 2013 ("00" generic programmes … "10" services)."""

    code = models.CharField(
        _("code"),
        max_length=2,
        unique=True,
        validators=[
            RegexValidator(
                r"^(0\d|10)$", _("The code is a broad ISCED-F field from 00 to 10.")
            )
        ],
    )
    name = models.CharField(_("name"), max_length=120)

    name_fi: str | None
    name_sv: str | None
    name_en: str | None

    class Meta:
        verbose_name = _("field of education")
        verbose_name_plural = _("fields of education")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class EscoConcept(TrackedRecord):
    """Fields shared by skills and occupations: an ESCO URI, or a local entry that ESCO lacks."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    esco_uri = models.URLField(
        _("ESCO URI"), max_length=200, unique=True, null=True, blank=True
    )
    is_local = models.BooleanField(
        _("local entry"),
        default=False,
        help_text=_("Defined by the project because ESCO lacks it."),
    )
    label = models.CharField(_("label"), max_length=250)
    label_origin_fi = models.CharField(
        _("origin of the Finnish label"),
        max_length=10,
        choices=Origin.choices,
        default=Origin.PROJECT,
    )
    label_origin_sv = models.CharField(
        _("origin of the Swedish label"),
        max_length=10,
        choices=Origin.choices,
        default=Origin.PROJECT,
    )
    label_origin_en = models.CharField(
        _("origin of the English label"),
        max_length=10,
        choices=Origin.choices,
        default=Origin.PROJECT,
    )

    label_fi: str | None
    label_sv: str | None
    label_en: str | None

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    def label_origin(self, language: str) -> str:
        """Origin (ESCO or project) of the label in one language."""
        return getattr(self, f"label_origin_{language}")


class Skill(EscoConcept):
    """An ESCO skill or knowledge concept, or a local battery-specific one."""

    class Type(models.TextChoices):
        SKILL = "skill", _("Skill or competence")
        KNOWLEDGE = "knowledge", _("Knowledge")

    class ReuseLevel(models.TextChoices):
        TRANSVERSAL = "transversal", _("Transversal")
        CROSS_SECTOR = "cross-sector", _("Cross-sector")
        SECTOR_SPECIFIC = "sector-specific", _("Sector-specific")
        OCCUPATION_SPECIFIC = "occupation-specific", _("Occupation-specific")

    skill_type = models.CharField(
        _("type"), max_length=10, choices=Type.choices, default=Type.SKILL
    )
    reuse_level = models.CharField(
        _("reuse level"), max_length=20, choices=ReuseLevel.choices, blank=True
    )

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_local=True, esco_uri__isnull=True)
                | Q(is_local=False, esco_uri__isnull=False),
                name="skill_esco_uri_unless_local",
                violation_error_message=_(
                    "Give the skill's ESCO URI, or mark it as a local entry and leave the ESCO URI empty."
                ),
            ),
        ]

    def get_absolute_url(self) -> str:
        """The public page in the current language (the admin's "View on site")."""
        return reverse("programmes:skill_detail", args=[self.slug])


class Occupation(EscoConcept):
    """An ESCO occupation, or a local battery-industry occupation, with its essential and optional skills."""

    esco_code = models.CharField(_("ESCO code"), max_length=30, blank=True)
    isco_code = models.CharField(
        _("ISCO-08 unit group"),
        max_length=4,
        blank=True,
        validators=[
            RegexValidator(r"^[0-9]{4}$", _("Enter a four-digit ISCO-08 code."))
        ],
    )
    description = models.TextField(_("description"), blank=True)
    description_origin_fi = models.CharField(
        _("origin of the Finnish description"),
        max_length=10,
        choices=Origin.choices,
        default=Origin.PROJECT,
    )
    description_origin_sv = models.CharField(
        _("origin of the Swedish description"),
        max_length=10,
        choices=Origin.choices,
        default=Origin.PROJECT,
    )
    description_origin_en = models.CharField(
        _("origin of the English description"),
        max_length=10,
        choices=Origin.choices,
        default=Origin.PROJECT,
    )
    segments = models.ManyToManyField(
        Segment,
        related_name="occupations",
        blank=True,
        verbose_name=_("value-chain segments"),
    )
    skills = models.ManyToManyField(
        Skill,
        through="OccupationSkill",
        related_name="occupations",
        blank=True,
        verbose_name=_("skills"),
    )

    description_fi: str | None
    description_sv: str | None
    description_en: str | None

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_local=True, esco_uri__isnull=True)
                | Q(is_local=False, esco_uri__isnull=False),
                name="occupation_esco_uri_unless_local",
                violation_error_message=_(
                    "Give the occupation's ESCO URI, or mark it as a local entry and leave the ESCO URI empty."
                ),
            ),
        ]

    def get_absolute_url(self) -> str:
        """The public page in the current language (the admin's "View on site")."""
        return reverse("programmes:occupation_detail", args=[self.slug])


class OccupationSkill(TrackedRecord):
    """Links an occupation to a skill it needs, essentially or optionally (as in ESCO)."""

    class Relation(models.TextChoices):
        ESSENTIAL = "essential", _("Essential")
        OPTIONAL = "optional", _("Optional")

    occupation = models.ForeignKey(
        Occupation,
        models.CASCADE,
        related_name="skill_links",
        verbose_name=_("occupation"),
    )
    skill = models.ForeignKey(
        Skill, models.CASCADE, related_name="occupation_links", verbose_name=_("skill")
    )
    relation = models.CharField(
        _("relation"),
        max_length=10,
        choices=Relation.choices,
        default=Relation.ESSENTIAL,
    )

    class Meta:
        verbose_name = _("occupation skill")
        verbose_name_plural = _("occupation skills")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "skill"],
                name="occupation_skill_unique",
                violation_error_message=_(
                    "This skill is already linked to the occupation."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occupation} – {self.skill} ({self.get_relation_display()})"


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
    """The one rule that decides who sees which needs; pages, API, admin, exports and the gap analysis use it.

    Coordinators (permission ``view_confidential_needs``) see every need, other logged-in users (partners) public
    and partner needs, anonymous visitors public needs only.
    """
    if user.is_active and user.has_perm("skills.view_confidential_needs"):
        return Q()
    if user.is_authenticated:
        return ~Q(visibility=CompetenceNeed.Visibility.COORDINATORS)
    return Q(visibility=CompetenceNeed.Visibility.PUBLIC)


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

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        PARTNERS = "partners", _("Partners")
        COORDINATORS = "coordinators", _("Coordinators only")

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
    target_year = BoundedPositiveSmallIntegerField(
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

    def __str__(self) -> str:
        what = self.occupation.label if self.occupation_id else self.source_name
        text = ngettext_lazy(
            "%(what)s: %(count)s person by %(year)s",
            "%(what)s: %(count)s people by %(year)s",
            self.headcount,
        )
        return text % {"what": what, "count": self.headcount, "year": self.target_year}
