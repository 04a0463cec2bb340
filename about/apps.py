from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AboutConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "about"
    verbose_name = _("About the portal")

    def ready(self) -> None:
        from batteryregion.services import coordinator_groups_refresh

        # Existing coordinators' groups gain the permissions of this app's models as soon as they exist.
        post_migrate.connect(coordinator_groups_refresh, sender=self)
