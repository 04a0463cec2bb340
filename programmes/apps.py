from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from batteryregion.page_cache import public_data_changed
        from programmes.outlines import forget_outlines

        public_data_changed.connect(forget_outlines, dispatch_uid="map-outlines-forget")
