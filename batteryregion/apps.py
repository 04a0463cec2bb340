from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BatteryregionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "batteryregion"
    verbose_name = _("Battery Region Education Map")

    def ready(self) -> None:
        from batteryregion.page_cache import connect_invalidation

        connect_invalidation()
