from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GapsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gaps"
    verbose_name = _("Gap analysis and pathways")

    def ready(self) -> None:
        from batteryregion.page_cache import public_data_changed
        from gaps.pathways.network import forget_networks

        public_data_changed.connect(
            forget_networks, dispatch_uid="pathway-network-forget"
        )
