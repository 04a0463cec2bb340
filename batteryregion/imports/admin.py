"""The list of imports in the admin, and the import pages (views.py) under it."""

from functools import partial
from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from batteryregion.imports import views
from batteryregion.imports.models import ImportJob
from coordinators import permissions


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["file_name", "state", "created_by", "created_at", "rows"]
    list_filter = ["state"]
    list_display_links = ["file_name"]
    change_list_template = "admin/imports/importjob/change_list.html"

    def get_queryset(self, request: HttpRequest) -> Any:
        jobs = super().get_queryset(request).defer("content", "preview", "result")
        if request.user.is_superuser:
            return jobs
        return jobs.filter(created_by=request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.may_import(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None:
            return permissions.may_see_import(request.user, obj)
        return permissions.may_import(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.may_import(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context: Any = None) -> HttpResponse:  # fmt: skip
        return views.upload(self, request)

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None) -> HttpResponse:  # fmt: skip
        return views.job_page(self, request, int(object_id))

    def get_urls(self) -> list[URLPattern]:
        def page(view: Any, name: str, route: str) -> URLPattern:
            return path(
                route,
                self.admin_site.admin_view(partial(view, self)),
                name=f"imports_importjob_{name}",
            )

        return [
            page(views.columns, "columns", "columns/"),
            page(views.template_workbook, "template", "template.xlsx"),
            page(views.job_page, "progress", "<int:pk>/progress/"),
            page(views.confirm, "confirm", "<int:pk>/confirm/"),
            page(views.cancel, "cancel", "<int:pk>/cancel/"),
            *super().get_urls(),
        ]


ImportJobAdmin.short_description = _("Imports")
