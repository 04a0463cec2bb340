from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GapsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gaps"
    verbose_name = _("Gap analysis and pathways")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from batteryregion.page_cache import public_data_changed
        from batteryregion.services import coordinator_groups_refresh
        from gaps.pathways.network import forget_networks

        public_data_changed.connect(
            forget_networks, dispatch_uid="pathway-network-forget"
        )
        # Existing coordinators' groups gain the cooperation actions' permissions as soon as they exist.
        post_migrate.connect(coordinator_groups_refresh, sender=self)
