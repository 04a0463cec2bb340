"""The admin's "Fetch from a register" page (under the programmes list): a lead coordinator chooses a register, sees
the preview of a dry run, and applies it on confirmation; each record written gets a version in its history, made
by them through the national register. Who may: coordinators.permissions.may_fetch_register.

Answers come from the network, or from recorded answers in ``settings.REGISTER_RESPONSES_DIR`` when that is set
(offline demonstrations and tests; file names: programmes/registers/client.py).
"""

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordinators.permissions import may_fetch_register
from programmes.registers.client import HttpClient, RecordedClient
from programmes.registers.records import JsonClient
from programmes.registers.registry import SOURCES, register_names
from programmes.registers.report import counts_line, report_sections
from programmes.registers.run import RegisterFetchError, register_fetch
from skills.models import Actor


class MissingFromRegisterFilter(admin.SimpleListFilter):
    """The programmes list's filter of discontinuation candidates (no longer listed by their register)."""

    title = gettext_lazy("national register")
    parameter_name = "register_listing"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, str]]:
        return [
            ("missing", gettext_lazy("No longer listed: discontinuation candidate")),
            ("listed", gettext_lazy("Listed, or not from a register")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "missing":
            return queryset.filter(missing_from_register_since__isnull=False)
        if self.value() == "listed":
            return queryset.filter(missing_from_register_since__isnull=True)
        return queryset


class RegisterChoiceForm(forms.Form):
    register = forms.ChoiceField(label=gettext_lazy("Register"))
    providers = forms.ModelMultipleChoiceField(
        Actor.objects.none(),
        required=False,
        to_field_name="slug",
        label=gettext_lazy("Only these providers"),
        help_text=gettext_lazy(
            "Leave empty to read the register for every provider of the region that has an identifier in it."
        ),
    )

    def __init__(
        self, *args: object, choices: list[tuple[str, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["register"].choices = choices
        # Actors with an identifier in some register and a site on the map (run.region_providers narrows further).
        self.fields["providers"].queryset = (
            Actor.objects.filter(
                pk__in=Actor.objects.filter(sites__isnull=False).values("pk")
            )
            .exclude(opintopolku_oid="", organisation_number="")
            .order_by("slug")
        )


def register_client() -> JsonClient:
    folder = settings.REGISTER_RESPONSES_DIR
    # A page waits for the answer: fewer and shorter tries than the command's (which a scheduler may run).
    return (
        RecordedClient(Path(folder)) if folder else HttpClient(timeout=10.0, attempts=2)
    )


def register_fetch_view(
    model_admin: admin.ModelAdmin, request: HttpRequest
) -> HttpResponse:
    """GET: choose a register. POST "preview": the dry run's report. POST "apply": write it and show what was written."""
    choices = [
        (name, str(SOURCES[name].label))
        for name in register_names()
        if may_fetch_register(request.user, SOURCES[name].country)
    ]
    if not choices:
        raise PermissionDenied
    form = RegisterChoiceForm(request.POST or None, choices=choices)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Fetch programmes from a national register"),
        "form": form,
    }
    if request.method != "POST" or not form.is_valid():
        return render(
            request,
            "admin/programmes/register_fetch.html",
            context,
            status=400 if form.errors else 200,
        )
    name = form.cleaned_data["register"]
    apply = request.POST.get("step") == "apply"
    try:
        result = register_fetch(
            name,
            register_client(),
            providers=[actor.slug for actor in form.cleaned_data["providers"]],
            dry_run=not apply,
        )
    except RegisterFetchError as error:
        messages.error(request, str(error))
        return render(request, "admin/programmes/register_fetch.html", context)
    if apply:
        messages.success(
            request,
            _("%(register)s was read and applied: %(counts)s")
            % {
                "register": SOURCES[name].label,
                "counts": counts_line(result.preview, result.applied),
            },
        )
    context.update(
        {
            "register": name,
            "providers": [actor.slug for actor in form.cleaned_data["providers"]],
            "register_label": SOURCES[name].label,
            "preview": result.preview,
            "applied": result.applied,
            "sections": [
                (section, [row.cells(section.key) for row in section.rows])
                for section in report_sections(result.preview, result.applied)
            ],
            "counts": counts_line(result.preview, result.applied),
        }
    )
    return render(request, "admin/programmes/register_fetch.html", context)
