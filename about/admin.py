"""The partnership's organisations in the admin: lead coordinators keep them, other coordinators read them
(coordinators/permissions/)."""

from django.contrib import admin

from about.models import PartnerOrganisation
from batteryregion.admin import MissingTranslationFilter, RecordAdmin


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(RecordAdmin):
    list_display = [
        "name",
        "role",
        "country",
        "email",
        "position",
        "missing_translations",
    ]
    list_filter = ["role", "country", MissingTranslationFilter]
    list_editable = ["position"]
    search_fields = ["name_fi", "name_sv", "name_en", "slug", "email"]
    prepopulated_fields = {"slug": ["name_en"]}
    translation_check_fields = ("name", "description")
