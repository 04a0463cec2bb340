"""Coordinators edit programmes, their entry requirements, who may apply, offerings (with their application periods)
and intakes here."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from batteryregion.admin import RECORD_FIELDS, MissingTranslationFilter, RecordAdmin
from batteryregion.admin_staleness import StaleFilter, last_checked
from batteryregion.history_admin import RecordHistoryAdmin
from batteryregion.imports.export import LayoutExportMixin
from coordinators.permissions import may_fetch_register
from coordinators.scoped_admin import ScopedAdminMixin, ScopedInlineMixin
from programmes.models import (
    ApplicationPeriod,
    EntryRequirement,
    Intake,
    Offering,
    Programme,
)
from programmes.registers.admin_views import (
    MissingFromRegisterFilter,
    register_fetch_view,
)


class EntryRequirementInline(ScopedInlineMixin, admin.TabularInline):
    model = EntryRequirement
    extra = 0


class OfferingInline(ScopedInlineMixin, admin.TabularInline):
    """An offering's site is one of the provider's sites; a new one is added through the "+" beside the list."""

    model = Offering
    extra = 0
    show_change_link = True  # application periods are edited on the offering's own page

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


# The fields of the "Who may apply" group, in the order a coordinator reads a programme's admission page.
ADMISSION_FIELDS = (
    "audience",
    "audience_region",
    "min_age",
    "min_age_waived_from",
    "required_fields",
    "prior_studies",
    "recognition_of_prior_learning",
    "free_of_charge",
    "pace",
)


@admin.register(Programme)
class ProgrammeAdmin(LayoutExportMixin, RecordAdmin):
    list_display = [
        "name",
        "provider",
        "kind",
        "awarded_level",
        "places_per_year",
        "state",
        "availability",
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
        "availability",
        StaleFilter,
        "verified_on",
        MissingFromRegisterFilter,
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
    filter_horizontal = ["segments", "languages", "required_fields"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [EntryRequirementInline, OfferingInline, IntakeInline]
    date_hierarchy = "verified_on"
    translation_check_fields = ("name", "description", "entry_notes")
    # Links "Fetch from a register" for those who may (programmes/registers/admin_views.py); "Import a file" and
    # "Export" come from LayoutExportMixin, whose template extends this one.
    change_list_template = "admin/programmes/programme/change_list.html"

    class Media:
        js = ["js/admin_language_switch.js"]
        css = {"all": ["css/admin_forms.css"]}

    def get_urls(self) -> list[URLPattern]:
        fetch = path(
            "register/",
            self.admin_site.admin_view(self.register_fetch),
            name="programmes_programme_register_fetch",
        )
        return [fetch, *super().get_urls()]

    def register_fetch(self, request: HttpRequest) -> HttpResponse:
        return register_fetch_view(self, request)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "may_fetch_register": may_fetch_register(request.user),
            # Import and export (batteryregion/imports) come first and extend this list's template, which
            # extends the admin's own.
            "change_list_base": "admin/change_list.html",
        }
        return super().changelist_view(request, extra_context)

    def get_readonly_fields(
        self, request: HttpRequest, obj: Programme | None = None
    ) -> tuple[str, ...]:
        return (
            *super().get_readonly_fields(request, obj),
            "missing_from_register_since",
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Programme]:
        # Filters through offerings and segments join many rows; distinct keeps one row per programme.
        return super().get_queryset(request).distinct()

    def save_related(
        self, request: HttpRequest, form: Any, formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        if not change:
            # Added from an action's page ("Record planned training"): linked to that action.
            from gaps.cooperation.start import link_planned_training

            link_planned_training(request, form.instance)

    def get_fieldsets(
        self, request: HttpRequest, obj: Programme | None = None
    ) -> list[tuple[str | None, dict[str, Any]]]:
        """Every field as Django lists it, with the admission rules moved to their own "Who may apply" group."""
        fields = [
            name
            for _title, options in super().get_fieldsets(request, obj)
            for name in options["fields"]
        ]
        admission = [name for name in fields if _admission_field(name)]
        rest = [name for name in fields if not _admission_field(name)]
        return [
            (None, {"fields": rest}),
            (
                _("Who may apply"),
                {
                    "fields": admission,
                    "description": _(
                        "Rules beyond the entry requirements: whom the provider admits, from what age, with which earlier studies. Leave a rule empty when the source does not state it."
                    ),
                },
            ),
        ]


def _admission_field(name: str) -> bool:
    """Whether a form field (prior_studies_fi too) belongs to the "Who may apply" group."""
    return name in ADMISSION_FIELDS or name.rsplit("_", 1)[0] in ADMISSION_FIELDS


class ApplicationPeriodInline(ScopedInlineMixin, admin.TabularInline):
    model = ApplicationPeriod
    extra = 0


@admin.register(Offering)
class OfferingAdmin(LayoutExportMixin, ScopedAdminMixin, RecordHistoryAdmin):
    """An offering's own page, reached from its programme: where it is given, and when and where to apply."""

    list_display = ["programme", "site", "starts_on", "places"]
    list_select_related = ["programme", "site"]
    list_filter = ["site__region", "starts_on"]
    search_fields = ["programme__name_fi", "programme__name_sv", "programme__name_en", "programme__slug"]  # fmt: skip
    autocomplete_fields = ["programme", "site"]
    inlines = [ApplicationPeriodInline]
    readonly_fields = RECORD_FIELDS
