from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AboutConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "about"
    verbose_name = _("About the portal")

    def ready(self) -> None:
        post_migrate.connect(_refresh_coordinator_groups, sender=self)


def _refresh_coordinator_groups(using: str = "default", **kwargs: Any) -> None:
    """Existing coordinators' groups gain the permissions of this app's models as soon as they exist."""
    from django.contrib.auth.models import Group

    from batteryregion.services import (
        COORDINATORS_GROUP,
        LEAD_COORDINATORS_GROUP,
        coordinator_group_ensure,
        lead_coordinator_group_ensure,
    )

    names = set(
        Group.objects.using(using)
        .filter(name__in=[COORDINATORS_GROUP, LEAD_COORDINATORS_GROUP])
        .values_list("name", flat=True)
    )
    if COORDINATORS_GROUP in names:
        coordinator_group_ensure()
    if LEAD_COORDINATORS_GROUP in names:
        lead_coordinator_group_ensure()
