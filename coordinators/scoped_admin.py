"""The admin's side of coordinators/permissions/: one mixin for every admin class, one for every inline.

Each permission question of the admin (view, add, change, delete; the choices of a form, of an autocomplete and of
an action; whether a delete may go ahead) is answered by coordinators.permissions; nothing here decides on its own.
Out-of-scope records open read-only, and a forged POST to them is refused with 403.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from batteryregion.records import Publishable
from coordinators import permissions
from coordinators.forms import (
    ScopedFormSetMixin,
    ScopedInlineFormSet,
    ScopedModelForm,
    scoped_form,
)
from coordinators.selectors import referring_records
from coordinators.services import records_discontinue

Action = Callable[[admin.ModelAdmin, HttpRequest, QuerySet], HttpResponse | None]


class ScopeFilter(admin.SimpleListFilter):
    """Lists open on the records the user may change ("mine"); "all" shows the others too, read-only."""

    title = _("records")
    parameter_name = "scope"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, str]]:
        return [("all", _("All records (the others read-only)"))]

    def choices(self, changelist: Any) -> Iterable[dict[str, Any]]:
        yield {
            "selected": self.value() != "all",
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Mine: the records I may change"),
        }
        yield {
            "selected": self.value() == "all",
            "query_string": changelist.get_query_string({self.parameter_name: "all"}),
            "display": _("All records (the others read-only)"),
        }

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "all":
            return queryset
        editable = permissions.editable_by(request.user, queryset.model)
        return queryset.filter(pk__in=editable.values("pk"))


class ScopedAdminMixin:
    """Put first in the bases of every admin class of the project (batteryregion.admin.RecordAdmin has it)."""

    form = ScopedModelForm
    delete_confirmation_template = "coordinators/admin/delete_confirmation.html"
    delete_selected_confirmation_template = (
        "coordinators/admin/delete_selected_confirmation.html"
    )

    def has_view_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return super().has_view_permission(request, obj) and permissions.can_view(
            request.user, self.model, obj
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and permissions.can_add(
            request.user, self.model
        )

    def has_change_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return super().has_change_permission(request, obj) and permissions.can_change(
            request.user, self.model, obj
        )

    def has_delete_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return super().has_delete_permission(request, obj) and permissions.can_delete(
            request.user, self.model, obj
        )

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        list_filter = list(super().get_list_filter(request))
        # "Mine" for those who change some of these records; the others see them all, read-only.
        if self.model in permissions.SCOPED and permissions.can_change(
            request.user, self.model
        ):
            return [ScopeFilter, *list_filter]
        return list_filter

    def get_form(
        self, request: HttpRequest, obj: Model | None = None, **kwargs: Any
    ) -> type[forms.BaseForm]:
        return scoped_form(super().get_form(request, obj, **kwargs), request.user)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        queryset, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        match = request.resolver_match
        if match is not None and match.url_name == "autocomplete":
            # The autocomplete of a form field offers only what the form would accept.
            try:
                source = apps.get_model(
                    request.GET["app_label"], request.GET["model_name"]
                )
            except (KeyError, LookupError):
                return queryset, may_have_duplicates
            allowed = permissions.choices_for(
                request.user, source, request.GET.get("field_name", "")
            )
            if allowed is not None:
                queryset = queryset.filter(pk__in=allowed.values("pk"))
        return queryset, may_have_duplicates

    def save_related(
        self, request: HttpRequest, form: forms.BaseForm, formsets: list, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        self.refuse_unless_still_editable(request, form.instance)

    def refuse_unless_still_editable(self, request: HttpRequest, obj: Model) -> None:
        """After a save, inside the admin's transaction: a record saved out of the user's reach is rolled back."""
        if not permissions.can_change(request.user, self.model, obj, fresh=True):
            raise PermissionDenied

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict | None = None,
    ) -> HttpResponse:
        # django-simple-history saves a posted revert form for anyone who may view the record.
        if request.method != "POST":
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_change_permission(request, obj):
            raise PermissionDenied
        with transaction.atomic(using=router.db_for_write(self.model)):
            response = super().history_form_view(
                request, object_id, version_id, extra_context
            )
            self.refuse_unless_still_editable(request, obj)
        return response

    def get_deleted_objects(
        self, objs: Iterable[Model], request: HttpRequest
    ) -> tuple[list, dict, set, list]:
        objs = list(objs)
        to_delete, model_count, perms_needed, _protected = super().get_deleted_objects(
            objs, request
        )
        if not all(self.has_delete_permission(request, obj) for obj in objs):
            perms_needed.add(self.opts.verbose_name)
        # Records that others refer to are never deleted by cascade: the delete is refused with this list.
        protected = [
            self._describe(request, record) for record in referring_records(objs)
        ]
        return to_delete, model_count, perms_needed, protected

    def _describe(self, request: HttpRequest, record: Model) -> str:
        opts = record._meta
        label = capfirst(opts.verbose_name)
        model_admin = self.admin_site._registry.get(type(record))
        if model_admin is not None and model_admin.has_view_permission(request, record):
            try:
                url = reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                    args=[record.pk],
                )
            except NoReverseMatch:
                pass
            else:
                return format_html('{}: <a href="{}">{}</a>', label, url, record)
        return format_html("{}: {}", label, record)

    def render_delete_form(
        self, request: HttpRequest, context: dict[str, Any]
    ) -> HttpResponse:
        if context.get("protected"):
            context.update(self.discontinue_context(request, [context["object"]]))
        return super().render_delete_form(request, context)

    def discontinue_context(
        self, request: HttpRequest, records: list[Model]
    ) -> dict[str, Any]:
        """What the refused delete page needs to offer discontinuing the records instead."""
        can_discontinue = issubclass(self.model, Publishable) and all(
            self.has_change_permission(request, record) for record in records
        )
        opts = self.opts
        changelist = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist"
        )
        return {
            "can_discontinue": can_discontinue,
            "discontinue_url": f"{changelist}?scope=all",
            "discontinue_pks": [record.pk for record in records],
        }

    def get_actions(self, request: HttpRequest) -> dict[str, tuple[Action, str, str]]:
        actions = super().get_actions(request)
        if (
            self.actions is not None
            and IS_POPUP_VAR not in request.GET
            and issubclass(self.model, Publishable)
            and self.has_change_permission(request)
        ):
            actions["discontinue_selected"] = (
                discontinue_selected,
                "discontinue_selected",
                discontinue_selected.short_description,
            )
        return {
            name: (_guarded(func, name), name, description)
            for name, (func, name, description) in actions.items()
        }


@admin.action(description=_("Discontinue the selected %(verbose_name_plural)s"))
def discontinue_selected(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> None:
    """Discontinued records leave the public lists and the supply, keep their page and every reference to them."""
    changed = records_discontinue(records=queryset)
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d record was discontinued; it keeps its page and its history.",
            "%(count)d records were discontinued; they keep their pages and their history.",
            changed,
        )
        % {"count": changed},
        messages.SUCCESS,
    )


def _guarded(func: Action, name: str) -> Action:
    """An action that runs only on records the user may change (the delete action: that they may delete)."""
    if name == "delete_selected":

        def delete_or_explain(
            model_admin: Any, request: HttpRequest, queryset: QuerySet
        ) -> HttpResponse | None:
            response = func(model_admin, request, queryset)
            if isinstance(response, TemplateResponse) and response.context_data.get(
                "protected"
            ):
                response.context_data.update(
                    model_admin.discontinue_context(request, list(queryset))
                )
            return response

        return delete_or_explain
    if set(getattr(func, "allowed_permissions", ())) == {"view"}:
        return func

    def change_in_scope(
        model_admin: Any, request: HttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        editable = permissions.editable_by(request.user, model_admin.model)
        if queryset.exclude(pk__in=editable.values("pk")).exists():
            raise PermissionDenied
        return func(model_admin, request, queryset)

    return change_in_scope


class ScopedInlineMixin:
    """Inlines follow their record: whoever may change a programme may change its offerings, and so on."""

    form = ScopedModelForm
    formset = ScopedInlineFormSet

    def _record_editable(self, request: HttpRequest, obj: Model | None) -> bool:
        if obj is None:
            return permissions.can_add(request.user, self.parent_model)
        return permissions.can_change(request.user, type(obj), obj)

    def has_add_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return super().has_add_permission(request, obj) and self._record_editable(
            request, obj
        )

    def has_change_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return super().has_change_permission(request, obj) and self._record_editable(
            request, obj
        )

    def has_delete_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return super().has_delete_permission(request, obj) and self._record_editable(
            request, obj
        )

    def get_formset(
        self, request: HttpRequest, obj: Model | None = None, **kwargs: Any
    ) -> type:
        formset = super().get_formset(request, obj, **kwargs)
        if not issubclass(formset, ScopedFormSetMixin):
            formset = type(formset.__name__, (ScopedFormSetMixin, formset), {})
        formset.form = scoped_form(formset.form, request.user)
        formset.acting_user = request.user
        return formset
