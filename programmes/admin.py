"""Coordinators edit programmes, their entry requirements, offerings and intakes here."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from batteryregion.admin import MissingTranslationFilter, RecordAdmin
from batteryregion.admin_staleness import StaleFilter, last_checked
from coordinators.scoped_admin import ScopedInlineMixin
from programmes.models import EntryRequirement, Intake, Offering, Programme


class EntryRequirementInline(ScopedInlineMixin, admin.TabularInline):
    model = EntryRequirement
    extra = 0


class OfferingInline(ScopedInlineMixin, admin.TabularInline):
    model = Offering
    autocomplete_fields = ["site"]
    extra = 0


class IntakeInline(ScopedInlineMixin, admin.TabularInline):
    model = Intake
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(RecordAdmin):
    list_display = [
        "name",
        "provider",
        "kind",
        "awarded_level",
        "places_per_year",
        "state",
        "ended_on",
        last_checked,
        "missing_translations",
    ]
    list_filter = [
        "kind",
        "segments",
        "offerings__site__region",
        "provider__country",
        "awarded_level",
        "languages",
        "delivery_mode",
        "state",
        StaleFilter,
        "verified_on",
        MissingTranslationFilter,
    ]
    list_select_related = ["provider", "awarded_level"]
    search_fields = [
        "name_fi",
        "name_sv",
        "name_en",
        "slug",
        "provider__name_fi",
        "provider__name_sv",
        "provider__name_en",
    ]
    autocomplete_fields = [
        "provider",
        "skills",
        "occupations",
        "awarded_qualification",
        "successor",
    ]
    filter_horizontal = ["segments", "languages"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [EntryRequirementInline, OfferingInline, IntakeInline]
    date_hierarchy = "verified_on"
    translation_check_fields = ("name", "description", "entry_notes")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Programme]:
        # Filters through offerings and segments join many rows; distinct keeps one row per programme.
        return super().get_queryset(request).distinct()
