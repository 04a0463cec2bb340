from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyncConfig(AppConfig):
    name = "batteryregion.sync"
    label = "sync"
    verbose_name = _("Partner sync")

    def ready(self) -> None:
        from batteryregion.sync import aliases, touch

        touch.connect_touches()
        aliases.connect_aliases()
