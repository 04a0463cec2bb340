"""Coordinators record a workshop or survey and the competence needs it identified, on one page.

The needs' source (type, name, date) comes from the workshop: the inline form sets it, and a change of the workshop's
title, type or date is carried over to its needs (skills.services). Who may add and change workshops and their needs
is decided by coordinators/permissions/, as for needs: a workshop is in scope through its organiser or regions.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from batteryregion.admin import RecordAdmin
from coordinators.forms import ScopedInlineFormSet
from coordinators.scoped_admin import ScopedInlineMixin
from skills.models import CompetenceNeed, Workshop, sees_workshop_contacts
from skills.services import need_from_workshop, workshop_need_slug, workshop_needs_align

CONTACT_FIELDS = ("contact_name", "contact_email")


class WorkshopNeedFormSet(ScopedInlineFormSet):
    """Every need on the page takes its source from the workshop before it is validated and saved."""

    def _construct_form(self, i: int, **kwargs: Any) -> forms.BaseForm:
        form = super()._construct_form(i, **kwargs)
        need_from_workshop(form.instance, self.instance)
        return form

    @property
    def empty_form(self) -> forms.BaseForm:
        form = super().empty_form
        need_from_workshop(form.instance, self.instance)
        return form

    def save_new(self, form: forms.BaseForm, commit: bool = True) -> CompetenceNeed:
        need = form.instance
        need_from_workshop(need, self.instance)
        if not need.slug:
            need.slug = workshop_need_slug(self.instance, self._taken_slugs())
        return super().save_new(form, commit)

    def _taken_slugs(self) -> set[str]:
        if not hasattr(self, "_taken"):
            self._taken = set(
                CompetenceNeed.objects.filter(
                    slug__startswith=f"{self.instance.slug}-"
                ).values_list("slug", flat=True)
            )
        return self._taken


class WorkshopNeedInline(ScopedInlineMixin, admin.StackedInline):
    model = CompetenceNeed
    formset = WorkshopNeedFormSet
    fk_name = "workshop"
    extra = 1
    fields = [
        ("occupation", "skills", "segments"),
        ("headcount", "target_year", "region"),
        ("min_level", "max_level", "urgency"),
        ("employer", "visibility", "state"),
    ]
    autocomplete_fields = ["occupation", "skills", "segments", "region", "employer"]
    show_change_link = True
    # Needs are records of their own (most have no workshop): their history stays theirs, not the workshop's part.
    history_part = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[CompetenceNeed]:
        # Confidential workshop data stays with those allowed to see it, on this page too.
        return super().get_queryset(request).visible_to(request.user)


@admin.register(Workshop)
class WorkshopAdmin(RecordAdmin):
    list_display = ["title", "kind", "held_on", "organiser", "is_summary_public"]
    list_filter = ["kind", "is_summary_public", "regions", "segments", "held_on"]
    list_select_related = ["organiser"]
    search_fields = ["slug", "title_fi", "title_sv", "title_en", "organiser__name_fi", "organiser__name_sv", "organiser__name_en"]  # fmt: skip
    autocomplete_fields = ["organiser", "participants", "regions", "segments"]
    prepopulated_fields = {"slug": ["title_en"]}
    date_hierarchy = "held_on"
    inlines = [WorkshopNeedInline]
    translation_check_fields = ("title", "summary")

    class Media:
        js = ["js/admin_language_switch.js"]
        css = {"all": ["css/admin_forms.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Workshop]:
        # The region filter joins regions; distinct keeps one row per workshop.
        return super().get_queryset(request).distinct()

    def get_exclude(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        exclude = list(super().get_exclude(request, obj) or [])
        if not sees_workshop_contacts(request.user):
            exclude += CONTACT_FIELDS  # staff who are not coordinators: no contact, not even read-only
        return exclude

    def save_related(
        self, request: HttpRequest, form: forms.BaseForm, formsets: list, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        # Needs not on the page (or not changed) follow a new title, type or date too.
        workshop_needs_align(workshop=form.instance)
