"""Who may view, add, change and delete which record: every such decision of the portal is made here.

Roles (``role_of``):

- anonymous visitors and logged-in users who are not staff: nothing in the admin;
- staff without a coordinator record: what their model permissions let them see, read-only;
- coordinators: the programmes (with their entry requirements, offerings and intakes), sites, competence needs and
  workshops or surveys (organised by one of their organisations or held for one of their regions; the needs of a
  workshop follow it) of their organisations or in their regions and subregions, their organisations' own actor records, and the links
  between actors (the network) that have one of their organisations on either side; they see the rest read-only;
- lead coordinators: everything a coordinator of their side of the border can be given (every record whose actor or
  region is on their side), the actors themselves, every link between actors with an actor of their side on
  either end (a link across the border is both leads'), the shared vocabulary, the coordinator accounts of their side,
  and the partner API keys of both sides (issue, see, revoke);
- cooperation actions (with their participants and figures): every coordinator may start one; a coordinator
  changes the actions one of their organisations takes part in or that they are responsible for, a lead
  coordinator every action of their side (an organisation of the side takes part, or a coordinator of the side is
  responsible: an action of both sides belongs to both leads);
- news items and lessons learned: lead coordinators write, change and delete them (any side: the news is the
  partnership's), and they alone open an item that is not public yet (a draft, or one dated later) on its page;
  coordinators read them in the admin;
- employers' submissions (the public needs form) and their needs: they arrive only through the form; the
  coordinators of the submission's region or of the organisation it names (a lead: their side) see and decide them,
  nobody else sees them (they hold a contact person's details); only superusers delete them;
- snapshots of the map (gaps/snapshots): every coordinator may take one; lead coordinators correct their titles;
  their content never changes, and only superusers delete one (a snapshot is what the partnership reported);
- superusers: everything; they alone delete vocabulary and coordinator records and partner API keys (a key is
  revoked, not deleted, so that its use stays on record).

Nobody deletes a record that other records refer to (``coordinators.selectors.referring_records``); programmes,
actors and needs are discontinued instead. Django's model permissions (the coordinators' groups) stay the coarse
layer: the admin asks both, and this module is the fine one.
"""

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


def editable_by(user: User, model: type[Model]) -> QuerySet:
    """The records of the model that the user may change; an unknown model is for superusers only."""
    scope = scope_of(user)
    records = model._default_manager.all()
    if scope.role == Role.SUPERUSER:
        return records
    if model in VOCABULARY or model in PORTAL_INFORMATION or model in PARTNER_KEYS or model in NEWS or model in SNAPSHOTS:  # fmt: skip
        return records if scope.role == Role.LEAD else records.none()
    if model is Coordinator:
        if scope.role != Role.LEAD:
            return records.none()
        return records.filter(side=scope.side).exclude(user__is_superuser=True)
    if scope.role not in EDITORS:
        return records.none()
    if model is Actor:
        return records.filter(pk__in=scope.actors.values("pk"))
    if model is Site:
        return records.filter(Q(actor__in=scope.actors) | Q(region__in=scope.regions))
    if model in NETWORK:
        return records.filter(Q(actor__in=scope.actors) | Q(partner__in=scope.actors))
    if model is CompetenceNeed:
        return records.filter(
            Q(employer__in=scope.actors)
            | Q(region__in=scope.regions)
            | Q(workshop__in=editable_by(user, Workshop))
        )
    if model is Workshop:
        # Regions are many: the subquery keeps one row per workshop.
        inside = Workshop.objects.filter(
            Q(organiser__in=scope.actors) | Q(regions__in=scope.regions)
        )
        return records.filter(pk__in=inside.values("pk"))
    if model is Programme:
        # An offering at a site in one of the regions is enough; the subquery keeps one row per programme.
        inside = Programme.objects.filter(
            Q(provider__in=scope.actors) | Q(offerings__site__region__in=scope.regions)
        )
        return records.filter(pk__in=inside.values("pk"))
    if model in PROGRAMME_PARTS:
        return records.filter(programme__in=editable_by(user, Programme))
    if model in OFFERING_PARTS:
        return records.filter(offering__in=editable_by(user, Offering))
    if model in ACTIONS:
        inside = Action.objects.filter(_actions_of(scope))
        return records.filter(pk__in=inside.values("pk"))
    if model in ACTION_PARTS:
        return records.filter(action__in=editable_by(user, Action))
    if model in INTAKE:
        return records.filter(
            Q(region__in=scope.regions) | Q(organisation__in=scope.actors)
        )
    if model in INTAKE_PARTS:
        return records.filter(submission__in=editable_by(user, NeedSubmission))
    return records.none()


def _actions_of(scope: Scope) -> Q:
    """The actions a coordinator or lead changes: an organisation of theirs takes part, or they are responsible."""
    query = Q(participants__actor__in=scope.organisation_ids)
    if scope.coordinator_id is not None:
        query |= Q(responsible=scope.coordinator_id)
    if scope.role == Role.LEAD:
        query |= Q(participants__actor__country=scope.side) | Q(
            responsible__side=scope.side
        )
    return query


def can_view(user: User, model: type[Model], obj: Model | None = None) -> bool:
    """Whether the user may see the record (or the model's list); model permissions decide the rest."""
    scope = scope_of(user)
    if scope.role == Role.ANONYMOUS:
        return False
    if model is Coordinator:
        if scope.role == Role.SUPERUSER:
            return True
        return scope.role == Role.LEAD and (obj is None or obj.side == scope.side)
    if model in PARTNER_KEYS:
        return scope.role in (Role.LEAD, Role.SUPERUSER)
    if model in INTAKE or model in INTAKE_PARTS:
        # A contact person's details: only those who review the submission.
        if scope.role == Role.SUPERUSER:
            return True
        if obj is None:
            return scope.role in EDITORS
        return editable_by(user, model).filter(pk=obj.pk).exists()
    return True


def may_preview_drafts(user: User, model: type[Model]) -> bool:
    """Whether the user sees drafts of the model on their public pages and API details: coordinators who edit them."""
    if not (user.is_active and user.is_staff):
        return False
    return user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


def may_preview_news(user: User) -> bool:
    """Whether the user may open a news item that is not public (a draft, or one whose publication date has not
    come) on its public page, the admin's "View on site": those who write news (NEWS), lead coordinators and
    superusers, with the model permission. Everyone else gets a 404, as if it did not exist. No query for visitors
    and partners; up to 3 the first time for staff (their coordinator record)."""
    if not (user.is_active and user.is_staff):
        return False
    return user.has_perm("news.change_newsitem") and can_change(user, NewsItem)


def can_add(user: User, model: type[Model]) -> bool:
    """Coordinators add programmes, sites, needs and their organisations' links; leads also actors, vocabulary and
    coordinators."""
    scope = scope_of(user)
    if model in INTAKE or model in INTAKE_PARTS:
        return False  # only the public form adds them, and a submission's needs come with it
    if scope.role == Role.SUPERUSER:
        return True
    if model in VOCABULARY or model in PORTAL_INFORMATION or model in (Actor, Coordinator, *PARTNER_KEYS, *NEWS):  # fmt: skip
        return scope.role == Role.LEAD
    if model in NETWORK:
        return scope.edits_links
    if model in SCOPED or model in PROGRAMME_PARTS or model in OFFERING_PARTS:
        return scope.edits_records
    if model in ACTIONS or model in ACTION_PARTS or model in SNAPSHOTS:
        return scope.role in EDITORS
    return False


def may_take_snapshots(user: User) -> bool:
    """Whether the user is offered "Take a snapshot now": they may add snapshots (model permission and role)."""
    if not (user.is_active and user.is_staff):
        return False
    return user.has_perm("gaps.add_snapshot") and can_add(user, Snapshot)


def may_record_planned_training(user: User) -> bool:
    """Whether the user is offered "Record planned training" on an action's page: they may add programmes (model
    permission and role). Ask once per request (up to 3 queries the first time, none for visitors)."""
    if not (user.is_active and user.is_staff):
        return False
    return user.has_perm("programmes.add_programme") and can_add(user, Programme)


def may_start_actions(user: User) -> bool:
    """Whether the user is offered "Start an action" on the gap pages: they may add actions (model permission and
    role). Ask once per request: it reads the coordinator record the first time (up to 3 queries)."""
    if not (user.is_active and user.is_staff):
        return False  # anonymous visitors and partners: no query
    return user.has_perm("gaps.add_action") and can_add(user, Action)


def can_change(
    user: User, model: type[Model], obj: Model | None = None, *, fresh: bool = False
) -> bool:
    """Whether the user may change the record; without one, whether they may change some record of the model.

    One query per record and request (kept in the scope); ``fresh`` asks the database again, after a save. The
    instance's own values must stay within reach too (``holds``), so that a version about to be restored is judged
    as it would be saved.
    """
    scope = scope_of(user)
    if model in PARTNER_KEYS and obj is not None and obj.revoked:
        return False  # a revoked key stays revoked, for everyone
    if scope.role == Role.SUPERUSER:
        return True
    if model in PORTAL_INFORMATION or model in PARTNER_KEYS or model in NEWS or model in SNAPSHOTS:  # fmt: skip
        return scope.role == Role.LEAD
    if obj is None or obj.pk is None:
        if model in VOCABULARY or model is Coordinator:
            return scope.role == Role.LEAD
        # Links are scoped records like actors: a coordinator of regions only may change none of them, but their
        # list opens on "Mine" (empty) as the actors' does; adding is decided by can_add (edits_links).
        if model in SCOPED or model in PROGRAMME_PARTS or model in OFFERING_PARTS:
            return scope.edits_records
        if model in ACTIONS or model in ACTION_PARTS:
            return scope.role in EDITORS
        if model in INTAKE or model in INTAKE_PARTS:
            return scope.edits_records
        return False
    key = (model, obj.pk)
    if fresh or key not in scope.decided:
        scope.decided[key] = editable_by(user, model).filter(pk=obj.pk).exists()
    # The record as it is in the database, and as this instance would save it (a version about to be restored).
    return scope.decided[key] and holds(user, obj) is not False


def can_delete(user: User, model: type[Model], obj: Model | None = None) -> bool:
    """Whether the user may delete the record, provided nothing refers to it (checked when deleting)."""
    scope = scope_of(user)
    if scope.role == Role.SUPERUSER:
        return True
    if model in VOCABULARY or model is Coordinator or model in PARTNER_KEYS or model in SNAPSHOTS:  # fmt: skip
        return False
    if model in INTAKE or model in INTAKE_PARTS:
        return False  # decided, never deleted: the contact is erased in time (skills/intake/retention.py)
    if model in PORTAL_INFORMATION or model in NEWS:
        return scope.role == Role.LEAD
    if model is Actor and scope.role != Role.LEAD:
        return False
    return can_change(user, model, obj)


def holds(
    user: User,
    obj: Model,
    *,
    sites: Iterable[Site] | None = None,
    regions: Iterable[Region] | None = None,
) -> bool | None:
    """Whether a record, with the values about to be saved, stays within what the user may change.

    A programme within reach only through its offerings needs their ``sites``, a workshop only through its regions
    needs its ``regions``; without them the answer is None (the offerings or regions decide). Saved records are
    checked again with ``can_change(fresh=True)``.
    """
    scope = scope_of(user)
    if scope.role == Role.SUPERUSER:
        return True
    if isinstance(obj, Coordinator):
        return scope.role == Role.LEAD and obj.side == scope.side
    if type(obj) in VOCABULARY or type(obj) in PORTAL_INFORMATION or type(obj) in PARTNER_KEYS or type(obj) in NEWS:  # fmt: skip
        return scope.role == Role.LEAD
    if type(obj) in SNAPSHOTS:
        # Any coordinator takes a new one; leads retitle those taken.
        return scope.role == Role.LEAD or (obj.pk is None and scope.role in EDITORS)
    if type(obj) not in SCOPED:
        return None  # parts follow their record (the inline permissions), other models are not scoped
    if scope.role not in EDITORS:
        return False
    if isinstance(obj, Actor):
        return obj.pk in scope.organisation_ids or (
            scope.role == Role.LEAD and obj.country == scope.side
        )
    if isinstance(obj, Site):
        return obj.actor_id in scope.actor_ids or obj.region_id in scope.region_ids
    if isinstance(obj, ActorLink):
        return obj.actor_id in scope.actor_ids or obj.partner_id in scope.actor_ids
    if isinstance(obj, CompetenceNeed):
        if obj.employer_id in scope.actor_ids or obj.region_id in scope.region_ids:
            return True
        # A need entered with its workshop follows the workshop (its organiser or regions).
        workshop = obj.workshop if obj.workshop_id else _unsaved_workshop(obj)
        if workshop is None:
            return False
        if workshop.pk is None:
            return workshop.organiser_id in scope.actor_ids or None
        return can_change(user, Workshop, workshop)
    if isinstance(obj, Workshop):
        if obj.organiser_id in scope.actor_ids:
            return True
        if regions is None:
            return None
        return any(region.pk in scope.region_ids for region in regions)
    if isinstance(obj, Programme):
        if obj.provider_id in scope.actor_ids:
            return True
        if sites is None:
            return None
        return any(site.region_id in scope.region_ids for site in sites)
    return None


def _unsaved_workshop(need: CompetenceNeed) -> Workshop | None:
    # A need entered on a new workshop's page refers to a workshop that has no id yet.
    return need._state.fields_cache.get("workshop")


def choices_for(user: User, model: type[Model], field_name: str) -> QuerySet | None:
    """The records the user may pick for a field of a form they edit (None: no limit).

    Providers and employers are the user's organisations and the actors with a site in their regions; a site or a
    need is placed in their regions unless it belongs to one of their organisations; offerings are given at the
    sites they may change; a lead assigns only organisations and regions of their own side.
    """
    scope = scope_of(user)
    if scope.role == Role.SUPERUSER:
        return None
    limits = {
        (Programme, "provider"): _usable_actors,
        (CompetenceNeed, "employer"): _usable_actors,
        (Site, "actor"): _site_actors,
        (Site, "region"): _placing_regions,
        (CompetenceNeed, "region"): _placing_regions,
        (Workshop, "organiser"): _usable_actors,
        (Workshop, "regions"): _placing_regions,
        (Offering, "site"): lambda s: editable_by(user, Site),
        (Coordinator, "organisations"): lambda s: s.actors,
        (Coordinator, "regions"): lambda s: s.regions,
        (Action, "responsible"): _responsible_coordinators,
    }
    limit = limits.get((model, field_name))
    if limit is None:
        return None
    if scope.role not in EDITORS:
        return model._meta.get_field(field_name).related_model._default_manager.none()
    return limit(scope)


def _responsible_coordinators(scope: Scope) -> QuerySet[Coordinator]:
    # A coordinator names themselves; a lead any coordinator of their side.
    if scope.role == Role.LEAD:
        return Coordinator.objects.filter(side=scope.side)
    return Coordinator.objects.filter(pk=scope.coordinator_id)


def _usable_actors(scope: Scope) -> QuerySet[Actor]:
    return Actor.objects.filter(
        Q(pk__in=scope.actors.values("pk")) | Q(sites__region__in=scope.regions)
    ).distinct()


def _site_actors(scope: Scope) -> QuerySet[Actor]:
    # A coordinator of a region may place any actor's site in it; the region field keeps it there.
    if scope.role == Role.LEAD or scope.assigned_region_ids:
        return Actor.objects.all()
    return scope.actors


def _placing_regions(scope: Scope) -> QuerySet[Region]:
    # Records of one's own organisations may be anywhere; the others only in one's regions.
    if scope.role == Role.LEAD or scope.organisation_ids:
        return Region.objects.all()
    return scope.regions


def assignable_roles(user: User) -> list[str]:
    """The roles a user may give a coordinator: leads and superusers give both, of their side for leads."""
    if scope_of(user).role in (Role.LEAD, Role.SUPERUSER):
        return [Coordinator.Role.COORDINATOR, Coordinator.Role.LEAD]
    return []


def assignable_sides(user: User) -> list[str]:
    """The sides a user may put a coordinator on: their own for a lead, any for a superuser."""
    scope = scope_of(user)
    if scope.role == Role.SUPERUSER:
        return [value for value, _label in Coordinator._meta.get_field("side").choices]
    return [scope.side] if scope.role == Role.LEAD else []


def locked_coordinator_fields(user: User, coordinator: Coordinator | None) -> set[str]:
    """Fields of a coordinator record the user may not change: nobody but a superuser changes their own role."""
    if scope_of(user).role == Role.SUPERUSER:
        return set()
    if coordinator is not None and coordinator.user_id == user.pk:
        return {"role", "side", "is_active"}
    return set()
