"""What a user may pick in the forms they edit (providers, employers, regions, sites, responsible coordinators),
and which roles and sides they may give a coordinator."""

from django.db.models import Model, Q, QuerySet

from coordinators.models import Coordinator
from coordinators.permissions.records import editable_by
from coordinators.permissions.scope import (
    EDITORS,
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
    CompetenceNeed,
    Region,
    Site,
    Workshop,
)


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
