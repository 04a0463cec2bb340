"""News items in the admin: lead coordinators and superusers write them, other coordinators read them
(coordinators/permissions/)."""

from django.contrib import admin

from batteryregion.admin import MissingTranslationFilter, RecordAdmin
from batteryregion.news.models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(RecordAdmin):
    list_display = ["title", "kind", "state", "published_at", "missing_translations"]
    list_filter = ["kind", "state", "segments", MissingTranslationFilter]
    search_fields = ["title_fi", "title_sv", "title_en", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["segments", "regions", "actions", "programmes"]
    translation_check_fields = ("title", "summary", "body")
