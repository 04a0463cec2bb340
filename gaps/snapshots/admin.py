"""Snapshots in the admin: the list, each snapshot read-only with its counts and links to its public page and bundle,
and "Take a snapshot now" (the add form: optional titles, then the service freezes the data). Only the titles can be
corrected afterwards. Who may take, retitle and delete: coordinators/permissions/."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from batteryregion.admin import TranslationStatusMixin
from batteryregion.history_admin import RecordHistoryAdmin
from batteryregion.numbers import format_number
from coordinators.scoped_admin import ScopedAdminMixin
from gaps.snapshots.models import TITLE_FIELDS, Snapshot
from gaps.snapshots.services import default_titles, snapshot_take

SHOWN = (
    "slug",
    "taken_on",
    "taken_at",
    "taken_by_name",
    "data_version",
    "counts_summary",
    "sha256",
    "public_links",
)


@admin.register(Snapshot)
class SnapshotAdmin(
    ScopedAdminMixin, TranslationStatusMixin, RecordHistoryAdmin, TabbedTranslationAdmin
):
    list_display = [
        "title",
        "taken_on",
        "taken_by_name",
        "data_version",
        "missing_translations",
    ]
    date_hierarchy = "taken_on"
    search_fields = ["title_fi", "title_sv", "title_en", "slug"]
    translation_check_fields = ("title",)
    change_list_template = "admin/gaps/snapshot/change_list.html"

    def add_view(
        self,
        request: HttpRequest,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> Any:
        context = {"title": _("Take a snapshot now"), **(extra_context or {})}
        return super().add_view(request, form_url, context)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Snapshot]:
        # The list and the form show no figures: the large columns are read only when a title is saved.
        return (
            super()
            .get_queryset(request)
            .select_related("taken_by")
            .defer("figures", "dataset")
        )

    def get_fields(self, request: HttpRequest, obj: Snapshot | None = None) -> list:
        titles = [f"title_{code}" for code in ("fi", "sv", "en")]
        return titles if obj is None else [*titles, *SHOWN]

    def get_readonly_fields(
        self, request: HttpRequest, obj: Snapshot | None = None
    ) -> tuple[str, ...]:
        shown = SHOWN if obj is not None else ()
        if obj is not None and not self.has_change_permission(request, obj):
            return (*shown, *(f"title_{code}" for code in ("fi", "sv", "en")))
        return shown

    def get_form(
        self, request: HttpRequest, obj: Snapshot | None = None, **kwargs: Any
    ) -> type[forms.BaseForm]:
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            return form

        class TakeForm(form):
            """Taking one: an empty title becomes "Battery Region map, <date>" in that language."""

            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                for name, field in self.fields.items():
                    if name in TITLE_FIELDS:
                        field.required = False
                        field.help_text = _(
                            "Leave empty for “Battery Region map, <date>” in this language."
                        )

            def clean(self) -> dict[str, Any]:
                data = super().clean()
                for code, text in default_titles(timezone.localdate()).items():
                    if not (data.get(f"title_{code}") or "").strip():
                        data[f"title_{code}"] = text
                        setattr(self.instance, f"title_{code}", text)
                return data

        return TakeForm

    def save_model(
        self, request: HttpRequest, obj: Snapshot, form: forms.BaseForm, change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        titles = {
            code: (form.cleaned_data.get(f"title_{code}") or "").strip()
            for code in ("fi", "sv", "en")
        }
        snapshot_take(title=titles, taken_by=request.user, into=obj)

    def save_related(
        self, request: HttpRequest, form: forms.BaseForm, formsets: list, change: bool
    ) -> None:
        # A snapshot just taken has nothing related, and its values are the service's, not the form's: the add
        # permission decided (a coordinator who takes one may not change it afterwards).
        if change:
            super().save_related(request, form, formsets, change)

    @admin.display(description=_("taken by"))
    def taken_by_name(self, obj: Snapshot) -> str:
        if obj.taken_by_id is None:
            return _("the scheduled command")
        return obj.taken_by.get_full_name() or obj.taken_by.get_username()

    @admin.display(description=_("counts"))
    def counts_summary(self, obj: Snapshot) -> str:
        counts = obj.counts
        return format_html(
            "{}: {} · {}: {} · {}: {} · {}: {}",
            _("Programmes running"),
            format_number(counts.get("programmes_running", 0)),
            _("Places a year"),
            format_number(counts.get("places_per_year", 0)),
            _("Standing needs"),
            format_number(counts.get("needs", 0)),
            _("Actors"),
            format_number(counts.get("actors", 0)),
        )

    @admin.display(description=_("public page"))
    def public_links(self, obj: Snapshot) -> str:
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            obj.get_absolute_url(),
            _("Open the snapshot's page"),
            reverse("gaps:snapshot_bundle", args=[obj.slug]),
            _("Download its bundle (JSON)"),
        )
