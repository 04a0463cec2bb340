from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GapsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gaps"
    verbose_name = _("Gap analysis and pathways")
