"""Coordinators edit programmes, their entry requirements, offerings and intakes here."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from batteryregion.admin import MissingTranslationFilter, RecordAdmin
from batteryregion.admin_staleness import StaleFilter, last_checked
from coordinators.scoped_admin import ScopedInlineMixin
from programmes.models import EntryRequirement, Intake, Offering, Programme


class EntryRequirementInline(ScopedInlineMixin, admin.TabularInline):
    model = EntryRequirement
    extra = 0


class OfferingInline(ScopedInlineMixin, admin.TabularInline):
    """An offering's site is one of the provider's sites; a new one is added through the "+" beside the list."""

    model = Offering
    extra = 0

    def get_formset(
        self, request: HttpRequest, obj: Programme | None = None, **kwargs: Any
    ) -> type:
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and obj.provider_id is not None:
            formset.form = provider_sites_form(formset.form, obj.provider_id)
        return formset


def provider_sites_form(form_class: type[forms.BaseForm], provider_id: int) -> type:
    """The offering form with its site choices narrowed to the provider's sites, within the user's scope."""

    class ProviderSitesForm(form_class):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            field = self.fields.get("site")
            if field is not None:
                # The scoped choices (coordinators.forms.limit_choices) narrowed once more; the current value stays.
                field.queryset = field.queryset.filter(
                    Q(actor_id=provider_id) | Q(pk=self.instance.site_id)
                )

    ProviderSitesForm.__name__ = form_class.__name__
    return ProviderSitesForm


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

    class Media:
        js = ["js/admin_language_switch.js"]
        css = {"all": ["css/admin_forms.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Programme]:
        # Filters through offerings and segments join many rows; distinct keeps one row per programme.
        return super().get_queryset(request).distinct()
