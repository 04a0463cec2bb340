"""The history in the admin: each record's versions with old and new values, restoring an earlier version, and the
change log across all records for lead coordinators (/admin/history/).

The versions come from django-simple-history; batteryregion/history.py reads them.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME
from simple_history.models import HistoricalChanges
from simple_history.utils import get_history_manager_for_model

from batteryregion import change_log, history
from batteryregion.pagination import paginate, query_without_page
from batteryregion.records import ChangeChannel


def version_of(obj: models.Model | None) -> HistoricalChanges | None:
    """The version an instance was rebuilt from (the record being restored), or None for a record as it is."""
    return getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) if obj else None


def revert_form(form: type[ModelForm], version: HistoricalChanges) -> type[ModelForm]:
    """The admin form filled with a version: its own fields come from the version, its links too (simple-history
    would show today's links); saved, it keeps today's origin and makes one version with the reason "restored"."""
    links = history.links_of_version(version)
    reason = history.revert_reason(version)

    class RevertForm(form):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initial"] = {**links, **(kwargs.get("initial") or {})}
            super().__init__(*args, **kwargs)

        def save(self, commit: bool = True) -> models.Model:
            history.keep_current_record_fields(self.instance)
            self.instance._change_reason = reason
            return super().save(commit)

        def _save_m2m(self) -> None:
            with history.one_version(self.instance):
                super()._save_m2m()

    return RevertForm


class RecordHistoryAdmin(SimpleHistoryAdmin):
    """Each record's history: every version with who, when, through what and the old and new values, the versions
    of the records edited inline with it, and restoring an earlier version for those who may change the record."""

    object_history_template = "admin/history/object_history.html"
    object_history_list_template = "admin/history/version_list.html"
    object_history_form_template = "admin/history/revert_form.html"
    history_list_per_page = 50

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list, change: bool
    ) -> None:
        # One save of the form is one version, links included (simple-history adds one per changed link field).
        with history.one_version(form.instance):
            super().save_related(request, form, formsets, change)

    def get_form(
        self, request: HttpRequest, obj: models.Model | None = None, **kwargs: Any
    ) -> type[ModelForm]:
        form = super().get_form(request, obj, **kwargs)
        version = version_of(obj)
        return form if version is None else revert_form(form, version)

    def _record_or_404(
        self, request: HttpRequest, object_id: str
    ) -> models.Model | None:
        """The record the user may see, or None for a deleted record whose history they may read; else 404."""
        record = self.get_object(request, unquote(object_id))
        if record is not None:
            return record
        try:
            pk = self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError as error:
            raise Http404 from error
        # A deleted record's history (not one hidden from the user) is for those who read the change log.
        if self.model._default_manager.filter(pk=pk).exists() or not (
            history.may_read_change_log(request.user)
        ):
            raise Http404
        return None

    def may_revert(
        self, request: HttpRequest, record: models.Model, restored: models.Model
    ) -> bool:
        """Those who may change the record as it is and as it would be (the admin's rules decide both)."""
        return self.has_change_permission(
            request, record
        ) and self.has_change_permission(request, restored)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        record = self._record_or_404(request, object_id)
        parts, parts_cut = history.part_versions_for_history(self, unquote(object_id))
        context = {
            "record_deleted": record is None,
            "revert_disabled": record is None
            or not self.has_change_permission(request, record),
            "part_versions": parts,
            "part_versions_cut": parts_cut,
            "part_kinds": self._part_kinds(),
            "change_log_url": self._change_log_url(request, object_id),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def history_view_title(self, request: HttpRequest, obj: models.Model) -> str:
        return _("History of “%(record)s”") % {"record": obj}

    def history_form_view_title(self, request: HttpRequest, obj: models.Model) -> str:
        return _("Earlier version of “%(record)s”") % {"record": obj}

    def _part_kinds(self) -> str:
        return ", ".join(
            str(part._meta.verbose_name_plural)
            for part, (parent, _key) in history.part_parents().items()
            if parent is self.model
        )

    def _change_log_url(self, request: HttpRequest, object_id: str) -> str:
        if not history.may_read_change_log(request.user):
            return ""
        return f"{reverse('change_log')}?model={self.model._meta.label_lower}&record={unquote(object_id)}"

    def set_history_delta_changes(
        self,
        request: HttpRequest,
        historical_records: Any,
        foreign_keys_are_objs: bool = True,
    ) -> None:
        page = historical_records
        versions = list(page.object_list)
        # The oldest version of the page is compared with the newest of the next page.
        end = page.end_index()
        older = (
            list(page.paginator.object_list[end : end + 1]) if page.has_next() else []
        )
        changes = history.changes_for_versions(self.model, versions + older)
        for version in versions:
            version.field_changes = changes.get(version.pk)
            version.made_by = history.made_by(version)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict | None = None,
    ) -> HttpResponse:
        record = self.get_object(request, unquote(object_id))
        if record is None or not version_id.isdigit():
            raise Http404
        versions = (
            get_history_manager_for_model(record)
            .select_related("history_user", *history.foreign_keys(self.model))
            .order_by("-history_date", "-history_id")
        )
        version = versions.filter(history_id=version_id).first()
        if version is None:
            raise Http404
        allowed = self.may_revert(request, record, version.instance)
        if request.method == "POST" and not allowed:
            raise PermissionDenied
        latest = versions.first()
        # Listed as if the version came after the latest: "before" is now, "after" is once restored.
        changes = history.changes_for_versions(self.model, [version, latest]).get(
            version.pk, []
        )
        context = {
            "revert_disabled": not allowed,
            "version": version,
            "version_made_by": history.made_by(version),
            "is_latest": latest.pk == version.pk,
            "revert_changes": changes,
            "part_kinds": self._part_kinds(),
            **(extra_context or {}),
        }
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, context)

    def response_change(self, request: HttpRequest, obj: models.Model) -> HttpResponse:
        version = version_of(obj)
        if version is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            _(
                "“%(record)s” was restored to the version of %(date)s. The restore is the newest version in its history."
            )
            % {"record": obj, "date": history.local_time(version.history_date)},
            messages.SUCCESS,
        )
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
        )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: models.Model) -> str:
        full_name = obj.get_full_name()
        return (
            f"{full_name} ({obj.get_username()})" if full_name else obj.get_username()
        )


class ChangeLogFilterForm(forms.Form):
    model = forms.ChoiceField(label=gettext_lazy("Kind of record"), required=False)
    record = forms.IntegerField(
        label=gettext_lazy("Record number"), required=False, min_value=1
    )
    user = UserChoiceField(
        label=gettext_lazy("Changed by"),
        queryset=get_user_model().objects.filter(is_staff=True).order_by("username"),
        required=False,
        empty_label=gettext_lazy("Anyone"),
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Changed through"),
        choices=[("", gettext_lazy("Any channel")), *ChangeChannel.choices],
        required=False,
    )
    since = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.models = {
            model._meta.label_lower: model for model in history.tracked_models()
        }
        self.fields["model"].choices = [
            ("", _("All kinds")),
            *sorted(
                (
                    (label, capfirst(model._meta.verbose_name_plural))
                    for label, model in self.models.items()
                ),
                key=lambda choice: str(choice[1]),
            ),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("record") and not data.get("model"):
            self.add_error(
                "record", _("Choose the kind of record to look up a record number.")
            )
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return data

    def filters(self) -> change_log.LogFilters:
        if not self.is_bound:
            return change_log.LogFilters()
        data = self.cleaned_data
        return change_log.LogFilters(
            model=self.models.get(data["model"]),
            record=data["record"],
            user_id=data["user"].pk if data["user"] else None,
            channel=data["channel"],
            since=data["since"],
            until=data["until"],
        )


def change_log_view(request: HttpRequest) -> HttpResponse:
    """/admin/history/: the newest versions across all records, filterable, 50 a page, for lead coordinators."""
    if not history.may_read_change_log(request.user):
        raise PermissionDenied
    form = ChangeLogFilterForm(request.GET or None)
    context = {
        **admin.site.each_context(request),
        "title": _("Change log"),
        "form": form,
    }
    if form.is_bound and not form.is_valid():
        return render(request, "admin/history/change_log.html", context, status=400)
    versions = change_log.versions_for_change_log(form.filters(), request.user)
    page = paginate(versions, request, per_page=50)
    rows = change_log.rows_for_change_log(list(page.object_list))
    return render(
        request,
        "admin/history/change_log.html",
        {**context, "page": page, "rows": rows, "query": query_without_page(request)},
    )
