"""The import pages in the admin: upload, the job's progress, preview and result, confirm and cancel, the column
layout, and an empty workbook to fill in. Who may do what: coordinators.permissions (may_import, may_see_import)."""

from typing import Any

import tablib
from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from batteryregion.imports.files import headers_only
from batteryregion.imports.forms import UploadForm
from batteryregion.imports.layouts import LAYOUTS
from batteryregion.imports.models import ImportJob
from batteryregion.imports.tasks import confirm_import, preview_import, read_progress
from coordinators import permissions


def _job(request: HttpRequest, pk: int) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.defer("content"), pk=pk)
    if not permissions.may_see_import(request.user, job):
        raise PermissionDenied
    return job


def upload(admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    if not permissions.may_import(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            created_by=request.user,
            file_name=upload.name[:200],
            content=upload.read(),
            kind=form.cleaned_data["kind"],
            language=get_language(),
        )
        # The queue is in the same database: the task row commits with the job (no request runs in a transaction).
        preview_import.enqueue(job.pk)
        return HttpResponseRedirect(job.get_absolute_url())
    context = {
        **admin.admin_site.each_context(request),
        "opts": admin.model._meta,
        "title": _("Import a file"),
        "form": form,
        "layouts": LAYOUTS,
    }
    return render(
        request,
        "admin/imports/upload.html",
        context,
        status=400 if form.errors else 200,
    )


def job_page(admin: ModelAdmin, request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    context = {
        **admin.admin_site.each_context(request),
        "opts": admin.model._meta,
        "title": _("Import of %(file)s") % {"file": job.file_name},
        "job": job,
        "progress": read_progress(job.pk) if job.running else None,
        "report": job.result if job.state == ImportJob.State.IMPORTED else job.preview,
        "layouts": {layout.name: layout for layout in LAYOUTS},
    }
    template = (
        "admin/imports/job_status.html"
        if request.headers.get("HX-Request")
        else "admin/imports/job.html"
    )
    response = render(request, template, context)
    if request.headers.get("HX-Request") and not job.running:
        response["HX-Refresh"] = "true"  # the preview or result replaces the progress
    return response


def confirm(admin: ModelAdmin, request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    job = _job(request, pk)
    if job.created_by_id != request.user.pk or not permissions.may_import(request.user):
        raise PermissionDenied
    updated = ImportJob.objects.filter(
        pk=job.pk, state=ImportJob.State.PREVIEWED
    ).update(state=ImportJob.State.IMPORTING)
    if updated:
        confirm_import.enqueue(job.pk)
    else:
        messages.error(request, _("This import is not waiting for confirmation."))
    return HttpResponseRedirect(job.get_absolute_url())


def cancel(admin: ModelAdmin, request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    job = _job(request, pk)
    if job.created_by_id != request.user.pk:
        raise PermissionDenied
    ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.PREVIEWED).update(
        state=ImportJob.State.CANCELLED
    )
    messages.info(request, _("The import was cancelled; nothing was changed."))
    return HttpResponseRedirect(reverse("admin:imports_importjob_changelist"))


def columns(admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    if not permissions.may_import(request.user):
        raise PermissionDenied
    context: dict[str, Any] = {
        **admin.admin_site.each_context(request),
        "opts": admin.model._meta,
        "title": _("Column layout of import files"),
        "layouts": LAYOUTS,
    }
    return render(request, "admin/imports/columns.html", context)


def template_workbook(admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """An empty workbook with a sheet per kind and its columns: the file a coordinator fills in."""
    if not permissions.may_import(request.user):
        raise PermissionDenied
    book = tablib.Databook([headers_only(layout) for layout in LAYOUTS])
    response = HttpResponse(
        book.export("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        'attachment; filename="battery-region-import.xlsx"'
    )
    return response
