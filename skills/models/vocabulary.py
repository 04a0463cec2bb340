"""The shared vocabulary: countries, segments, regions and municipalities, EQF levels, qualification types, languages
and fields of education."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from batteryregion.records import TrackedRecord
from batteryregion.validators import (
    BoundedPositiveSmallIntegerField,
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
