"""Cooperation actions: what the partners agree to do together to close a gap the analysis found — a joint
programme, shared teachers, joint recruitment, a new training, coordinating overlapping programmes — with the
organisations taking part and the figures they promise and achieve.

An action moves forward only: idea → proposed → agreed → in progress → done; any state but done may end as dropped,
with the reason written down. Who sees an action follows the portal's one visibility rule
(batteryregion/visibility.py); who changes it, coordinators/permissions/.
"""

from typing import Self

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from batteryregion.records import TrackedRecord
from batteryregion.visibility import Visibility, visible_records

# Addresses under /<lang>/cooperation/ that are pages of their own, not actions.
RESERVED_SLUGS = frozenset({"follow-up"})


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> Self:
        """The actions the user may see: the same rule as competence needs (batteryregion.visibility)."""
        return self.filter(visible_records(user))


class Action(TrackedRecord):
    """A joint action of the partnership that addresses gaps: what, who, when, how far it has come."""

    class Kind(models.TextChoices):
        JOINT_PROGRAMME = "joint_programme", _("Joint programme or module")
        SHARED_RESOURCES = "shared_resources", _("Shared teachers or equipment")
        JOINT_RECRUITMENT = (
            "joint_recruitment",
            _("Joint student recruitment or marketing"),
        )
        NEW_TRAINING = "new_training", _("New training proposal")
        COORDINATE_OVERLAP = (
            "coordinate_overlap",
            _("Coordinate overlapping programmes"),
        )
        STUDY_VISIT = "study_visit", _("Study visit or exchange of experience")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        IDEA = "idea", _("Idea")
        PROPOSED = "proposed", _("Proposed")
        AGREED = "agreed", _("Agreed")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    Visibility = Visibility

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    segments = models.ManyToManyField(
        "skills.Segment",
        related_name="actions",
        blank=True,
        verbose_name=_("value-chain segments"),
    )
    occupations = models.ManyToManyField(
        "skills.Occupation",
        related_name="actions",
        blank=True,
        verbose_name=_("occupations"),
    )
    skills = models.ManyToManyField(
        "skills.Skill", related_name="actions", blank=True, verbose_name=_("skills")
    )
    regions = models.ManyToManyField(
        "skills.Region", related_name="actions", blank=True, verbose_name=_("regions")
    )
    needs = models.ManyToManyField(
        "skills.CompetenceNeed",
        related_name="actions",
        blank=True,
        verbose_name=_("competence needs"),
    )
    programmes = models.ManyToManyField(
        "programmes.Programme",
        related_name="actions",
        blank=True,
        verbose_name=_("programmes"),
    )
    responsible = models.ForeignKey(
        "coordinators.Coordinator",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("responsible coordinator"),
    )
    starts_on = models.DateField(_("planned start"), null=True, blank=True)
    ends_on = models.DateField(_("planned end"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.IDEA
    )
    dropped_reason = models.TextField(
        _("why it was dropped"),
        blank=True,
        help_text=_("Required when the action is dropped."),
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
        help_text=_(
            "An illustration written by the project, not a real action; the follow-up says how many of its actions are examples."
        ),
    )

    title_fi: str | None
    title_sv: str | None
    title_en: str | None
    description_fi: str | None
    description_sv: str | None
    description_en: str | None
    dropped_reason_fi: str | None
    dropped_reason_sv: str | None
    dropped_reason_en: str | None

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation action")
        verbose_name_plural = _("cooperation actions")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="action_ends_after_start",
                violation_error_message=_(
                    "The planned end must not be before the planned start."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(state="dropped") | ~Q(dropped_reason=""),
                name="action_dropped_has_reason",
                violation_error_message=_("Write why the action was dropped."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:action_detail", args=[self.slug])

    @classmethod
    def from_db(cls, db: str | None, field_names: list[str], values: list) -> Self:
        instance = super().from_db(db, field_names, values)
        # The state as stored, so that clean() can refuse a step back.
        instance._stored_state = instance.__dict__.get("state")
        return instance

    def clean(self) -> None:
        super().clean()
        errors = {}
        stored = getattr(self, "_stored_state", None)
        if stored is None and self.pk is not None:
            # Not read from the database here (a version about to be restored): ask it, once.
            stored = (
                Action.objects.filter(pk=self.pk)
                .values_list("state", flat=True)
                .first()
            )
        if stored and not may_move(stored, self.state):
            errors["state"] = _(
                "The state cannot change from “%(old)s” to “%(new)s”: an action only moves forward "
                "(idea, proposed, agreed, in progress, done), or is dropped before it is done."
            ) % {
                "old": self.State(stored).label,
                "new": self.State(self.state).label,
            }
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _(
                "“%(slug)s” is the address of another page; choose another slug."
            ) % {"slug": self.slug}
        if self.state == self.State.DROPPED and not self.dropped_reason.strip():
            errors["dropped_reason"] = _("Write why the action was dropped.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_dropped(self) -> bool:
        return self.state == self.State.DROPPED


# The states an action passes through, in order; dropped ends it anywhere before done.
FORWARD_STATES: tuple[str, ...] = (
    Action.State.IDEA,
    Action.State.PROPOSED,
    Action.State.AGREED,
    Action.State.IN_PROGRESS,
    Action.State.DONE,
)
# The board's columns, in the order an action passes through them, dropped last.
BOARD_STATES: tuple[str, ...] = (*FORWARD_STATES, Action.State.DROPPED)


def may_move(old: str, new: str) -> bool:
    """Whether an action may go from state old to state new: staying, forward (steps may be skipped), or dropped
    from any state but done. Done and dropped are final."""
    if old == new:
        return True
    if new == Action.State.DROPPED:
        return old != Action.State.DONE
    if old == Action.State.DROPPED or new not in FORWARD_STATES:
        return False
    return FORWARD_STATES.index(new) > FORWARD_STATES.index(old)


class ActionParticipant(TrackedRecord):
    """An organisation taking part in an action, and in what role."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTNER = "partner", _("Partner")
        FUNDER = "funder", _("Funder")

    action = models.ForeignKey(
        Action,
        models.CASCADE,
        related_name="participants",
        verbose_name=_("action"),
    )
    actor = models.ForeignKey(
        "skills.Actor",
        models.PROTECT,
        related_name="action_participations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=10, choices=Role.choices, default=Role.PARTNER
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["action", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "actor"],
                name="action_participant_once",
                violation_error_message=_(
                    "This organisation already takes part in the action."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"


class ActionFigure(TrackedRecord):
    """A figure an action promises (places created, students recruited …) and what it achieved, with the dates."""

    class Measure(models.TextChoices):
        PLACES = "places", _("Places created")
        STUDENTS = "students", _("Students recruited")
        TEACHERS = "teachers", _("Teachers shared")
        TRAINED = "trained", _("People trained")

    action = models.ForeignKey(
        Action, models.CASCADE, related_name="figures", verbose_name=_("action")
    )
    measure = models.CharField(_("measure"), max_length=10, choices=Measure.choices)
    promised = models.PositiveIntegerField(
        _("promised"),
        validators=[
            MinValueValidator(0, _("The promised figure must not be negative."))
        ],
    )
    achieved = models.PositiveIntegerField(
        _("achieved"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(0, _("The achieved figure must not be negative."))
        ],
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ["action", "measure", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(promised__gte=0),
                name="action_figure_promised_not_negative",
                violation_error_message=_("The promised figure must not be negative."),
            ),
            models.CheckConstraint(
                condition=Q(achieved__isnull=True) | Q(achieved__gte=0),
                name="action_figure_achieved_not_negative",
                violation_error_message=_("The achieved figure must not be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_measure_display()

    @property
    def progress_percent(self) -> int | None:
        """How much of the promise is achieved, in whole per cent (None before anything is achieved or promised)."""
        if self.achieved is None or not self.promised:
            return None
        return round(100 * self.achieved / self.promised)
