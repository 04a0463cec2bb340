"""Coordinators keep cooperation actions here: what an action is, what it addresses, who takes part in it and the
figures it promises and achieves. Who may see and change which action is decided in coordinators/permissions/."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from batteryregion.admin import MissingTranslationFilter, RecordAdmin
from coordinators import permissions
from coordinators.scoped_admin import ScopedInlineMixin
from gaps.cooperation.models import (
    Action,
    ActionFigure,
    ActionParticipant,
    may_move,
)


class ActionForm(forms.ModelForm):
    """Offers only the states the action may move to from the one it is in (the model's clean() decides)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stored = getattr(self.instance, "_stored_state", None)
        field = self.fields.get("state")
        if stored and field is not None:
            field.choices = [
                (value, label)
                for value, label in field.choices
                if value and may_move(stored, value)
            ]


class ActionParticipantInline(ScopedInlineMixin, admin.TabularInline):
    model = ActionParticipant
    extra = 1
    autocomplete_fields = ["actor"]


class ActionFigureInline(ScopedInlineMixin, admin.TabularInline):
    model = ActionFigure
    extra = 0


@admin.register(Action)
class ActionAdmin(RecordAdmin):
    """Started from a finding of the gap analysis with one click: the add form takes its values from the address
    (gaps.cooperation.start.action_start_url)."""

    form = ActionForm
    list_display = [
        "title",
        "kind",
        "state",
        "visibility",
        "responsible",
        "starts_on",
        "ends_on",
        "missing_translations",
    ]
    list_filter = [
        "kind",
        "state",
        "segments",
        "visibility",
        "participants__actor__country",
        "is_example",
        MissingTranslationFilter,
    ]
    list_select_related = ["responsible__user"]
    search_fields = [
        "slug",
        "title_fi",
        "title_sv",
        "title_en",
        "participants__actor__name_fi",
        "participants__actor__name_sv",
        "participants__actor__name_en",
    ]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = [
        "occupations",
        "skills",
        "regions",
        "needs",
        "programmes",
    ]  # the responsible coordinator is a plain choice: coordinators may not open the coordinators' admin
    filter_horizontal = ["segments"]
    inlines = [ActionParticipantInline, ActionFigureInline]
    translation_check_fields = ("title", "description")
    fieldsets = [
        (None, {"fields": ["slug", "kind", "title", "description"]}),
        (
            _("State"),
            {
                "fields": [
                    "state",
                    "dropped_reason",
                    "visibility",
                    "responsible",
                    "is_example",
                ]
            },
        ),
        (_("Dates"), {"fields": ["starts_on", "ends_on"]}),
        (
            _("What it addresses"),
            {
                "fields": [
                    "segments",
                    "occupations",
                    "skills",
                    "regions",
                    "needs",
                    "programmes",
                ]
            },
        ),
    ]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """The values of the address (a finding's context), and the coordinator who starts it as responsible."""
        initial = super().get_changeform_initial_data(request)
        coordinator_id = permissions.scope_of(request.user).coordinator_id
        if coordinator_id is not None:
            initial.setdefault("responsible", coordinator_id)
        return initial
