"""Coordinators edit the vocabulary, actors and competence needs here, in fi, sv and en (the links between actors
in link_admin.py, workshops and surveys with their needs in workshop_admin.py)."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Field, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from batteryregion.admin import MissingTranslationFilter, RecordAdmin
from batteryregion.admin_staleness import StaleFilter, last_checked
from batteryregion.imports.export import LayoutExportMixin
from coordinators.scoped_admin import ScopedInlineMixin
from programmes.map import region_boundaries
from skills import workshop_admin  # noqa: F401  (registers the workshops' admin)
from skills.intake import admin as intake_admin  # noqa: F401  (registers the review queue)
from skills.link_admin import ActorLinkInline, all_links
from skills.models import (
    Actor,
    CompetenceNeed,
    EducationField,
    EducationLevel,
    Language,
    Municipality,
    Occupation,
    OccupationSkill,
    QualificationType,
    Region,
    Segment,
    Site,
    Skill,
)


@admin.register(Segment)
class SegmentAdmin(RecordAdmin):
    list_display = ["name", "code", "order", "is_cross_cutting", "missing_translations"]
    list_filter = ["is_cross_cutting", MissingTranslationFilter]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]
    translation_check_fields = ("name", "description")


@admin.register(Region)
class RegionAdmin(RecordAdmin):
    list_display = [
        "name",
        "code",
        "code_2024",
        "level",
        "country",
        "has_boundary",
        "missing_translations",
    ]
    list_filter = ["country", "level", MissingTranslationFilter]
    search_fields = ["code", "code_2024", "name_fi", "name_sv", "name_en"]
    list_select_related = ["parent"]
    exclude = ["boundary"]

    @admin.display(boolean=True, description=_("boundary"))
    def has_boundary(self, obj: Region) -> bool:
        return obj.boundary is not None


@admin.register(Municipality)
class MunicipalityAdmin(RecordAdmin):
    list_display = ["name", "code", "region", "missing_translations"]
    list_filter = ["region", MissingTranslationFilter]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]
    list_select_related = ["region"]


@admin.register(EducationLevel)
class EducationLevelAdmin(RecordAdmin):
    list_display = ["level", "name", "missing_translations"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    translation_check_fields = ("name", "knowledge", "skills", "responsibility")


@admin.register(QualificationType)
class QualificationTypeAdmin(RecordAdmin):
    list_display = [
        "name",
        "code",
        "country",
        "level",
        "category",
        "is_starting_point",
        "missing_translations",
    ]
    list_filter = [
        "country",
        "level",
        "category",
        "is_starting_point",
        MissingTranslationFilter,
    ]
    search_fields = ["code", "name_fi", "name_sv", "name_en", "name_national"]
    list_select_related = ["level"]


@admin.register(Language)
class LanguageAdmin(RecordAdmin):
    list_display = ["name", "code", "missing_translations"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]


@admin.register(EducationField)
class EducationFieldAdmin(RecordAdmin):
    list_display = ["code", "name", "missing_translations"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]


@admin.register(Skill)
class SkillAdmin(RecordAdmin):
    list_display = [
        "label",
        "skill_type",
        "reuse_level",
        "is_local",
        "label_origin_fi",
        "label_origin_sv",
        "missing_translations",
    ]
    list_filter = [
        "skill_type",
        "reuse_level",
        "is_local",
        "label_origin_fi",
        "label_origin_sv",
        MissingTranslationFilter,
    ]
    search_fields = [
        "label_fi",
        "label_sv",
        "label_en",
        "alt_labels_fi",
        "alt_labels_sv",
        "alt_labels_en",
        "esco_uri",
        "slug",
    ]
    # Set by manage.py import_esco (skills/esco_import).
    readonly_fields = ["esco_version"]
    prepopulated_fields = {"slug": ["label_en"]}
    translation_check_fields = ("label",)


class OccupationSkillInline(ScopedInlineMixin, admin.TabularInline):
    model = OccupationSkill
    autocomplete_fields = ["skill"]
    extra = 0


@admin.register(Occupation)
class OccupationAdmin(RecordAdmin):
    list_display = [
        "label",
        "esco_code",
        "isco_code",
        "is_local",
        "missing_translations",
    ]
    list_filter = ["segments", "is_local", "label_origin_sv", MissingTranslationFilter]
    search_fields = [
        "label_fi",
        "label_sv",
        "label_en",
        "alt_labels_fi",
        "alt_labels_sv",
        "alt_labels_en",
        "esco_uri",
        "esco_code",
        "isco_code",
        "slug",
    ]
    filter_horizontal = ["segments"]
    readonly_fields = ["esco_version"]  # set by manage.py import_esco
    prepopulated_fields = {"slug": ["label_en"]}
    inlines = [OccupationSkillInline]
    translation_check_fields = ("label", "description")


class SiteInline(ScopedInlineMixin, TranslationTabularInline):
    model = Site
    autocomplete_fields = ["region"]
    extra = 0


@admin.register(Actor)
class ActorAdmin(LayoutExportMixin, RecordAdmin):
    list_display = [
        "name",
        "kind",
        "country",
        "state",
        "ended_on",
        last_checked,
        "missing_translations",
    ]
    list_filter = [
        "state",
        "kind",
        "country",
        "segments",
        "sites__region",
        StaleFilter,
        "verified_on",
        MissingTranslationFilter,
    ]
    autocomplete_fields = ["successor"]
    search_fields = [
        "name_fi",
        "name_sv",
        "name_en",
        "slug",
        "website",
        "opintopolku_oid",
        "organisation_number",
    ]
    filter_horizontal = ["segments"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [SiteInline, ActorLinkInline]
    readonly_fields = [all_links]
    date_hierarchy = "verified_on"
    translation_check_fields = ("name", "description")

    class Media:
        js = ["js/admin_language_switch.js"]
        css = {"all": ["css/admin_forms.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Actor]:
        # The region filter joins sites; distinct keeps one row per actor.
        return super().get_queryset(request).distinct()


@admin.register(Site)
class SiteAdmin(LayoutExportMixin, RecordAdmin):
    list_display = ["town", "actor", "region", "is_main", "missing_translations"]
    list_filter = ["region", "actor__kind", "actor__country", MissingTranslationFilter]
    search_fields = [
        "town_fi",
        "town_sv",
        "town_en",
        "actor__name_fi",
        "actor__name_sv",
        "actor__name_en",
        "slug",
    ]
    list_select_related = ["actor", "region"]
    autocomplete_fields = ["actor", "region"]
    translation_check_fields = ("town",)

    class Media:
        js = [
            "vendor/leaflet/leaflet.js",
            "js/admin_language_switch.js",
            "js/admin_site_map.js",
        ]
        css = {"all": ["vendor/leaflet/leaflet.css", "css/admin_forms.css"]}

    def get_urls(self) -> list[URLPattern]:
        boundaries = path(
            "boundaries/",
            self.admin_site.admin_view(self.boundaries_view),
            name="skills_site_boundaries",
        )
        return [boundaries, *super().get_urls()]

    def boundaries_view(self, request: HttpRequest) -> JsonResponse:
        """The region boundaries the site form's map draws: the public map's GeoJSON."""
        return JsonResponse(region_boundaries())

    def formfield_for_dbfield(
        self, db_field: Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "latitude" and formfield is not None:
            # admin_site_map.js draws its map under the coordinates from here.
            formfield.widget.attrs.update(
                {
                    "data-site-map": reverse(
                        f"{self.admin_site.name}:skills_site_boundaries"
                    ),
                    "data-site-map-label": _(
                        "Map of the regions: click it to set the latitude and longitude of the site."
                    ),
                    "data-site-map-help": _(
                        "Click the map to fill in the latitude and longitude, or type them; the marker follows."
                    ),
                }
            )
        return formfield


@admin.register(CompetenceNeed)
class CompetenceNeedAdmin(LayoutExportMixin, RecordAdmin):
    list_display = [
        "__str__",
        "employer",
        "region",
        "headcount",
        "target_year",
        "urgency",
        "status",
        "visibility",
        "is_example",
        "stated_on",
        "state",
    ]
    list_filter = [
        "state",
        "status",
        "visibility",
        "urgency",
        "is_example",
        "source_kind",
        "workshop",
        "region",
        "region__country",
        "occupation__segments",
        "target_year",
        "stated_on",
    ]
    list_select_related = ["employer", "region", "occupation"]
    search_fields = [
        "slug",
        "source_name",
        "employer__name_fi",
        "employer__name_sv",
        "employer__name_en",
    ]
    autocomplete_fields = ["employer", "occupation", "skills", "region", "workshop"]
    filter_horizontal = ["segments"]
    date_hierarchy = "stated_on"
    translation_check_fields = ("description",)

    class Media:
        js = ["js/admin_language_switch.js"]
        css = {"all": ["css/admin_forms.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[CompetenceNeed]:
        # Confidential workshop data stays with those allowed to see it, in the admin too.
        return super().get_queryset(request).visible_to(request.user).distinct()
