"""What employers tell through the public form (/<lang>/needs/new/): a submission with its needs, waiting for review.

Nothing here is public. A coordinator of the submission's region (or of the organisation it names) decides each
need: accept (a CompetenceNeed is made from it), merge (it is the same as a need already recorded) or reject (with
a reason); skills/intake/review.py does it. The contact is personal data: coordinators only, erased a configurable
time after the decision (skills/intake/retention.py), never in history, the API or an export.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from skills.models.actors import Actor, CompetenceNeed
from skills.models.esco import Occupation, Skill
from skills.models.vocabulary import Region, Segment

REFERENCE_ALPHABET = (
    "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread in an e-mail
)


def new_reference() -> str:
    """A short code the employer quotes when they write to the coordinators, e.g. "N-7KQ4-2MXD"."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"N-{code[:4]}-{code[4:]}"


class LevelBand(models.TextChoices):
    """The education a need asks for, in plain words, with the EQF levels it stands for (``LEVEL_BANDS``)."""

    BASIC = "basic", _("Basic education or a short course is enough")
    VOCATIONAL = "vocational", _("Vocational qualification (upper secondary level)")
    HIGHER_VOCATIONAL = (
        "higher_vocational",
        _(
            "Further or specialist vocational qualification, higher vocational education"
        ),
    )
    BACHELOR = (
        "bachelor",
        _("Bachelor's degree (university of applied sciences or university)"),
    )
    MASTER = "master", _("Master's degree or doctorate")
    UNKNOWN = "unknown", _("Not sure")


LEVEL_BANDS: dict[str, tuple[int | None, int | None]] = {
    LevelBand.BASIC: (2, 3),
    LevelBand.VOCATIONAL: (4, 4),
    LevelBand.HIGHER_VOCATIONAL: (5, 5),
    LevelBand.BACHELOR: (6, 6),
    LevelBand.MASTER: (7, 8),
    LevelBand.UNKNOWN: (None, None),
}


class NeedSubmissionQuerySet(models.QuerySet):
    def pending(self) -> "NeedSubmissionQuerySet":
        """Submissions with a need nobody has decided yet: the review queue."""
        return self.filter(needs__decision=SubmittedNeed.Decision.PENDING).distinct()


class NeedSubmission(models.Model):
    """One sending of the employer form: the organisation, where, whether it may be published, and the contact."""

    is_public_data = (
        False  # a sending does not change any public page (batteryregion/page_cache.py)
    )

    reference = models.CharField(
        _("reference"),
        max_length=12,
        unique=True,
        default=new_reference,
        editable=False,
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=settings.LANGUAGES,
        help_text=_(
            "The language of the form; the e-mails to the contact are written in it."
        ),
    )
    organisation = models.ForeignKey(
        Actor,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="need_submissions",
        verbose_name=_("organisation on the map"),
        help_text=_(
            "Set when the name given matches an organisation on the map; a coordinator may change it."
        ),
    )
    organisation_name = models.CharField(_("organisation as given"), max_length=200)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        related_name="need_submissions",
        verbose_name=_("region"),
    )
    site = models.CharField(_("site or town"), max_length=200, blank=True)
    may_publish = models.BooleanField(
        _("may be published"),
        help_text=_(
            "The employer agrees that the needs are shown on the portal (never the contact). If not, accepted needs "
            "are for coordinators only."
        ),
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    # Personal data: coordinators only, erased CONTACT_RETENTION_DAYS after the decision.
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    contact_erased_on = models.DateField(_("contact erased on"), null=True, blank=True)
    decided_at = models.DateTimeField(
        _("decided"),
        null=True,
        blank=True,
        help_text=_(
            "When the last of its needs was decided and the employer was told."
        ),
    )

    objects = NeedSubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("employer's submission")
        verbose_name_plural = _("employers' submissions")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.reference} {self.organisation_name}"

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None


class SubmittedNeed(models.Model):
    """One need of a submission, as the employer gave it and as a coordinator corrected it before deciding."""

    is_public_data = False

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        MERGED = "merged", _("Merged with a need already recorded")
        REJECTED = "rejected", _("Rejected")

    submission = models.ForeignKey(
        NeedSubmission,
        models.CASCADE,
        related_name="needs",
        verbose_name=_("submission"),
    )
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    occupation = models.ForeignKey(
        Occupation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation"),
    )
    occupation_text = models.CharField(
        _("occupation as given"),
        max_length=200,
        blank=True,
        help_text=_("What the employer wrote when the occupation is not in the list."),
    )
    skills = models.ManyToManyField(
        Skill, related_name="+", blank=True, verbose_name=_("skills")
    )
    skills_text = models.TextField(_("skills as given"), max_length=1000, blank=True)
    segments = models.ManyToManyField(
        Segment, related_name="+", blank=True, verbose_name=_("value-chain segments")
    )
    headcount = models.PositiveIntegerField(
        _("people needed"),
        validators=[
            MinValueValidator(1, _("People needed must be at least 1.")),
            MaxValueValidator(
                10000, _("People needed must be at most %(limit_value)s.")
            ),
        ],
    )
    target_year = models.PositiveSmallIntegerField(
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
    level_band = models.CharField(
        _("education needed"),
        max_length=20,
        choices=LevelBand.choices,
        default=LevelBand.UNKNOWN,
    )
    urgency = models.CharField(
        _("urgency"),
        max_length=10,
        choices=CompetenceNeed.Urgency.choices,
        default=CompetenceNeed.Urgency.MEDIUM,
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    reason = models.TextField(
        _("reason"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Why the need is rejected; the employer reads it in the decision e-mail."
        ),
    )
    need = models.ForeignKey(
        CompetenceNeed,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("competence need"),
        help_text=_(
            "The need made from it when accepted, or the need already recorded it was merged with."
        ),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("submitted need")
        verbose_name_plural = _("submitted needs")
        ordering = ["submission", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(headcount__gte=1),
                name="submitted_need_headcount_positive",
                violation_error_message=_("People needed must be at least 1."),
            ),
        ]

    def __str__(self) -> str:
        what = self.occupation.label if self.occupation_id else self.occupation_text
        return f"{self.submission.reference} #{self.position}: {what}"

    @property
    def levels(self) -> tuple[int | None, int | None]:
        return LEVEL_BANDS[self.level_band]
