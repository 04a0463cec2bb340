"""Admin pieces shared by the apps: the missing-translation marker and filter."""

from django.conf import settings
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from batteryregion.history_admin import RecordHistoryAdmin
from batteryregion.i18n import missing_languages
from coordinators.scoped_admin import ScopedAdminMixin


def missing_translation_q(fields: tuple[str, ...], language: str) -> Q:
    """Rows where any of the fields is empty in the language."""
    query = Q()
    for field in fields:
        query |= Q(**{f"{field}_{language}": ""}) | Q(
            **{f"{field}_{language}__isnull": True}
        )
    return query


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("translations")
    parameter_name = "missing"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, str]]:
        return [
            ("any", _("Missing in some language")),
            *[
                (code, _("Missing in %(language)s") % {"language": name})
                for code, name in settings.LANGUAGES
            ],
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        fields = self.model_admin_fields
        if self.value() == "any":
            query = Q()
            for code, _name in settings.LANGUAGES:
                query |= missing_translation_q(fields, code)
            return queryset.filter(query)
        if self.value() in dict(settings.LANGUAGES):
            return queryset.filter(missing_translation_q(fields, self.value()))
        return queryset

    def __init__(self, request, params, model, model_admin) -> None:
        self.model_admin_fields = model_admin.translation_check_fields
        super().__init__(request, params, model, model_admin)


class TranslationStatusMixin:
    """Shows which languages a record still lacks, in the list and as a filter."""

    translation_check_fields: tuple[str, ...] = ("name",)

    @admin.display(description=_("missing translations"))
    def missing_translations(self, obj: object) -> str:
        codes = sorted(
            {
                code
                for field in self.translation_check_fields
                for code in missing_languages(obj, field)
            }
        )
        if not codes:
            return format_html(
                '<span class="translations-complete">{}</span>', _("complete")
            )
        return format_html(
            '<strong class="translations-missing">⚠ {}</strong>', ", ".join(codes)
        )


RECORD_FIELDS = ("origin", "source_version", "created_at", "updated_at")


class RecordAdmin(
    ScopedAdminMixin, TranslationStatusMixin, RecordHistoryAdmin, TabbedTranslationAdmin
):
    """The admin of every record of the map: translation tabs, missing-translation marks, and its history.

    The history page lists every version with who changed it, when, through what, and the old and new value of
    each field; a version can be restored from there (django-simple-history; batteryregion/history_admin.py). Where
    a record came from is shown read-only. Who may view, add, change and delete which record is decided by
    coordinators/permissions/ through ScopedAdminMixin.
    """

    def get_readonly_fields(
        self, request: HttpRequest, obj: object = None
    ) -> tuple[str, ...]:
        return (*super().get_readonly_fields(request, obj), *RECORD_FIELDS)
