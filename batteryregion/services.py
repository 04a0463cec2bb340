"""Writes that belong to the project as a whole: the coordinators' groups and the demo login.

The groups are the coarse layer of permissions (which kinds of records a coordinator may touch at all);
coordinators/permissions/ is the fine one (which records).
"""

from typing import Any

from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from django.db.models import Q

from coordinators.models import Coordinator

COORDINATORS_GROUP = "Regional coordinators"
LEAD_COORDINATORS_GROUP = "Lead coordinators"
COORDINATOR_APPS = ("skills", "programmes")
# Coordinators read the partnership's organisations and the news; lead coordinators keep them (their group adds the
# rest).
COORDINATOR_VIEWS = ("about", "news")
# Cooperation actions and their parts (gaps/cooperation): every coordinator adds, changes, deletes and views them.
# Snapshots (gaps/snapshots): the group carries every permission; coordinators/permissions/ narrows it (coordinators
# take them, leads retitle them, only superusers delete them).
COORDINATOR_MODELS = ("action", "actionparticipant", "actionfigure", "snapshot")
# Only superusers delete the shared vocabulary, so the group does not carry the permission at all.
VOCABULARY_MODELS = (
    "segment",
    "region",
    "municipality",
    "educationlevel",
    "qualificationtype",
    "language",
    "educationfield",
    "skill",
    "occupation",
    "occupationskill",
)


@transaction.atomic
def coordinator_group_ensure() -> Group:
    """The group that may edit map data and see confidential needs; created or brought up to date."""
    group, _created = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    permissions = (
        (
            Permission.objects.filter(content_type__app_label__in=COORDINATOR_APPS)
            .filter(
                Q(codename__startswith="add_")
                | Q(codename__startswith="change_")
                | Q(codename__startswith="delete_")
                | Q(codename__startswith="view_")
            )
            .exclude(
                content_type__app_label="skills",
                content_type__model__in=VOCABULARY_MODELS,
                codename__startswith="delete_",
            )
        )
        | Permission.objects.filter(
            content_type__app_label__in=COORDINATOR_VIEWS, codename__startswith="view_"
        )
        | Permission.objects.filter(
            content_type__app_label="gaps", content_type__model__in=COORDINATOR_MODELS
        )
    )
    group.permissions.set(permissions)
    return group


@transaction.atomic
def lead_coordinator_group_ensure() -> Group:
    """The group of lead coordinators: they also manage coordinator accounts; created or brought up to date."""
    group, _created = Group.objects.get_or_create(name=LEAD_COORDINATORS_GROUP)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="coordinators",
            codename__in=["add_coordinator", "change_coordinator", "view_coordinator"],
        )
        # Who runs the portal, for the About page and the privacy notice.
        | Permission.objects.filter(content_type__app_label="about")
        # News and lessons learned.
        | Permission.objects.filter(content_type__app_label="news")
    )
    return group


@transaction.atomic
def coordinator_groups_refresh(using: str = "default", **kwargs: Any) -> None:
    """Bring the coordinators' groups that exist up to date (after migrations: new models' permissions)."""
    names = set(
        Group.objects.using(using)
        .filter(name__in=[COORDINATORS_GROUP, LEAD_COORDINATORS_GROUP])
        .values_list("name", flat=True)
    )
    if COORDINATORS_GROUP in names:
        coordinator_group_ensure()
    if LEAD_COORDINATORS_GROUP in names:
        lead_coordinator_group_ensure()


def coordinator_groups_sync(coordinator: Coordinator) -> None:
    """Put a coordinator's user in the groups of their role (and out of the lead group when not a lead)."""
    user = coordinator.user
    user.groups.add(coordinator_group_ensure())
    lead_group = lead_coordinator_group_ensure()
    if coordinator.is_lead:
        user.groups.add(lead_group)
    else:
        user.groups.remove(lead_group)


@transaction.atomic
def demo_coordinator_ensure(*, username: str, password: str) -> tuple[User, bool]:
    """A lead coordinator of the Finnish side for trying the admin; returns (user, created).

    An existing user keeps its password and, when it has one, its coordinator record.
    """
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"is_staff": True, "first_name": "Demo", "last_name": "Coordinator"},
    )
    if created:
        user.set_password(password)
        user.save()
    coordinator, _new = Coordinator.objects.get_or_create(
        user=user, defaults={"role": Coordinator.Role.LEAD, "side": "FI"}
    )
    coordinator_groups_sync(coordinator)
    return user, created
