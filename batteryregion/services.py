"""Writes that belong to the project as a whole: the coordinators' group and the demo login."""

from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from django.db.models import Q

COORDINATORS_GROUP = "Regional coordinators"
COORDINATOR_APPS = ("skills", "programmes")


@transaction.atomic
def coordinator_group_ensure() -> Group:
    """The group that may edit all map data and see confidential needs; created or brought up to date."""
    group, _created = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label__in=COORDINATOR_APPS
    ).filter(
        Q(codename__startswith="add_")
        | Q(codename__startswith="change_")
        | Q(codename__startswith="delete_")
        | Q(codename__startswith="view_")
    )
    group.permissions.set(permissions)
    return group


@transaction.atomic
def demo_coordinator_ensure(*, username: str, password: str) -> tuple[User, bool]:
    """A staff user in the coordinators' group; returns (user, created). An existing user keeps its password."""
    group = coordinator_group_ensure()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"is_staff": True, "first_name": "Demo", "last_name": "Coordinator"},
    )
    if created:
        user.set_password(password)
        user.save()
    user.groups.add(group)
    return user, created
