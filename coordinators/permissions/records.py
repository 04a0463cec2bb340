"""Which records a user may view, add, change and delete, and whether a record about to be saved stays within
their reach: the questions every admin page, inline, action and history restore asks."""

from collections.abc import Iterable

from django.db.models import Model, Q, QuerySet

from coordinators.models import Coordinator
from coordinators.permissions.scope import (
    ACTION_PARTS,
    ACTIONS,
    EDITORS,
    INTAKE,
    INTAKE_PARTS,
    NETWORK,
    NEWS,
    OFFERING_PARTS,
    PARTNER_KEYS,
    PORTAL_INFORMATION,
    PROGRAMME_PARTS,
    SCOPED,
    SNAPSHOTS,
    VOCABULARY,
    Role,
    Scope,
    User,
    scope_of,
)
from gaps.cooperation.models import Action
from programmes.models import (
    Offering,
    Programme,
)
from skills.models import (
    Actor,
    ActorLink,
    CompetenceNeed,
    NeedSubmission,
    Region,
    Site,
    Workshop,
)


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
