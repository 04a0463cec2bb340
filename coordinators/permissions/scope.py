"""Who a user is to the portal: their role and scope (organisations, regions, side), and the kinds of records the
package's rules are about. Read once per request and kept on the user object."""

from collections.abc import Iterable
from enum import StrEnum
from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model, Q, QuerySet

from about.models import PartnerOrganisation
from batteryregion.news.models import NewsItem
from coordinators.models import Coordinator
from gaps.cooperation.models import Action, ActionFigure, ActionParticipant
from gaps.snapshots.models import Snapshot
from partners.models import PartnerKey
from programmes.models import (
    ApplicationPeriod,
    EntryRequirement,
    Intake,
    Offering,
    Programme,
)
from skills.models import (
    Actor,
    ActorLink,
    CompetenceNeed,
    EducationField,
    EducationLevel,
    Language,
    Municipality,
    NeedSubmission,
    Occupation,
    OccupationSkill,
    QualificationType,
    Region,
    Segment,
    Site,
    Skill,
    SubmittedNeed,
    Workshop,
)

User = AbstractBaseUser | AnonymousUser


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    STAFF = "staff"
    COORDINATOR = "coordinator"
    LEAD = "lead"
    SUPERUSER = "superuser"


# The shared vocabulary: lead coordinators add and change it, only superusers delete it.
VOCABULARY: tuple[type[Model], ...] = (
    Segment,
    Region,
    Municipality,
    EducationLevel,
    QualificationType,
    Language,
    EducationField,
    Skill,
    Occupation,
    OccupationSkill,
)
# Records that belong to organisations and regions; the admin lists them as "mine" or "all".
# A workshop (or survey) is in scope through its organiser or one of its regions, and its needs follow it.
SCOPED: tuple[type[Model], ...] = (
    Programme,
    Actor,
    Site,
    CompetenceNeed,
    ActorLink,
    Workshop,
)
# Links between two actors (the network): theirs who may change either actor's links (one of their organisations,
# or an actor of a lead's side), whichever end it is on. Regions alone give no links: a link has no place.
NETWORK: tuple[type[Model], ...] = (ActorLink,)
# Parts of a programme, edited with it: whoever may change the programme may change them.
PROGRAMME_PARTS: tuple[type[Model], ...] = (EntryRequirement, Offering, Intake)
# Parts of an offering (edited on the offering's page): they follow the offering's programme.
OFFERING_PARTS: tuple[type[Model], ...] = (ApplicationPeriod,)
EDITORS = (Role.COORDINATOR, Role.LEAD)
# Who runs the portal (the About page): lead coordinators add, change and delete it; coordinators read it.
PORTAL_INFORMATION: tuple[type[Model], ...] = (PartnerOrganisation,)
# News and lessons learned: lead coordinators write, change and delete them, whichever side; coordinators read them.
NEWS: tuple[type[Model], ...] = (NewsItem,)
# Keys to the partner API: lead coordinators issue, see and revoke them (any side: partners are shared); nobody else
# sees them. They are revoked, never deleted, except by a superuser.
PARTNER_KEYS: tuple[type[Model], ...] = (PartnerKey,)
# Employers' submissions through the public form, and their needs (edited on the submission's page): reviewed by the
# coordinators of their region or organisation, hidden from everyone else, added only by the form.
INTAKE: tuple[type[Model], ...] = (NeedSubmission,)
INTAKE_PARTS: tuple[type[Model], ...] = (SubmittedNeed,)
# Cooperation actions: any coordinator starts one; its participants and responsible coordinator decide who changes it.
ACTIONS: tuple[type[Model], ...] = (Action,)
# Parts of an action, edited with it: whoever may change the action may change them.
ACTION_PARTS: tuple[type[Model], ...] = (ActionParticipant, ActionFigure)
# Dated snapshots of the map: any coordinator takes one, leads retitle them (the content is read-only for everyone),
# only superusers delete them.
SNAPSHOTS: tuple[type[Model], ...] = (Snapshot,)


class Scope:
    """What one user may change; computed once per request and kept on the user object."""

    def __init__(
        self,
        role: Role,
        *,
        side: str = "",
        organisation_ids: Iterable[int] = (),
        region_ids: Iterable[int] = (),
        coordinator_id: int | None = None,
    ) -> None:
        self.role = role
        self.side = side
        self.coordinator_id = coordinator_id
        self.organisation_ids = frozenset(organisation_ids)
        self.assigned_region_ids = frozenset(region_ids)
        self.decided: dict[tuple[type[Model], object], bool] = {}

    @property
    def edits_records(self) -> bool:
        """Whether the user may change any organisation's or region's records at all."""
        return self.role == Role.LEAD or (
            self.role == Role.COORDINATOR
            and bool(self.organisation_ids or self.assigned_region_ids)
        )

    @cached_property
    def actors(self) -> QuerySet[Actor]:
        """The organisations whose records the user changes: their own, or every actor of a lead's side."""
        query = Q(pk__in=self.organisation_ids)
        if self.role == Role.LEAD:
            query |= Q(country=self.side)
        return Actor.objects.filter(query)

    @cached_property
    def regions(self) -> QuerySet[Region]:
        """The user's regions with their subregions (NUTS levels below), or every region of a lead's side."""
        ids = self.assigned_region_ids
        query = (
            Q(pk__in=ids)
            | Q(parent__in=ids)
            | Q(parent__parent__in=ids)
            | Q(parent__parent__parent__in=ids)
        )
        if self.role == Role.LEAD:
            query |= Q(country=self.side)
        return Region.objects.filter(query)

    @property
    def edits_links(self) -> bool:
        """Whether the user may add links between actors: leads, and coordinators of some organisation."""
        return self.role == Role.LEAD or (
            self.role == Role.COORDINATOR and bool(self.organisation_ids)
        )

    @cached_property
    def actor_ids(self) -> frozenset[int]:
        return frozenset(self.actors.values_list("pk", flat=True))

    @cached_property
    def region_ids(self) -> frozenset[int]:
        return frozenset(self.regions.values_list("pk", flat=True))


def scope_of(user: User) -> Scope:
    """The user's role and scope, read from their coordinator record once per request (at most 3 queries)."""
    cached = getattr(user, "_coordinator_scope", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        scope = Scope(Role.ANONYMOUS)
    elif user.is_superuser:
        scope = Scope(Role.SUPERUSER)
    else:
        coordinator = Coordinator.objects.filter(user_id=user.pk).first()
        if coordinator is None or not user.is_staff:
            scope = Scope(Role.STAFF)
        else:
            scope = Scope(
                Role.LEAD if coordinator.is_lead else Role.COORDINATOR,
                side=coordinator.side,
                organisation_ids=coordinator.organisations.values_list("pk", flat=True),
                region_ids=coordinator.regions.values_list("pk", flat=True),
                coordinator_id=coordinator.pk,
            )
    if user.is_authenticated:
        user._coordinator_scope = scope
    return scope


def forget_scope(user: User) -> None:
    """Drop the scope kept on a user object (after their coordinator record changed)."""
    user.__dict__.pop("_coordinator_scope", None)


def role_of(user: User) -> Role:
    return scope_of(user).role
