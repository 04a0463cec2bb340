"""Skills and occupations (ESCO concepts or local ones) and which skills each occupation needs."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from batteryregion.records import TrackedRecord
from skills.models.vocabulary import Origin, Segment


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
    alt_labels = models.TextField(
        _("alternative labels"),
        blank=True,
        help_text=_(
            "Other names of the concept, one a line (ESCO's alternative labels); searches find them too."
        ),
    )
    esco_version = models.CharField(
        _("ESCO version"),
        max_length=20,
        blank=True,
        help_text=_(
            "The ESCO release whose labels were last imported and against which the ESCO URI was checked."
        ),
    )
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
    alt_labels_fi: str | None
    alt_labels_sv: str | None
    alt_labels_en: str | None

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    def label_origin(self, language: str) -> str:
        """Origin (ESCO or project) of the label in one language."""
        return getattr(self, f"label_origin_{language}")

    def alternative_labels(self, language: str) -> list[str]:
        """The alternative labels in one language, one per line of the field."""
        text = getattr(self, f"alt_labels_{language}") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


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
