"""Export of an admin list, as filtered, in the import layout (CSV or Excel): the same file imports again unchanged.
django-import-export's export action and button, with the kind's layout (layouts.py) as its only resource."""

from django.http import HttpRequest, HttpResponse
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX

from batteryregion.imports.layouts import BY_MODEL
from coordinators import permissions


class LayoutExportMixin(ExportMixin):
    formats = [CSV, XLSX]
    # "Import" (to the import pages) beside "Export" on the list.
    import_export_change_list_template = "admin/imports/change_list_import_export.html"

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:  # fmt: skip
        context = {"may_import": permissions.may_import(request.user), **(extra_context or {})}  # fmt: skip
        return super().changelist_view(request, context)

    def get_export_resource_classes(self, request: object) -> list[type]:
        return [BY_MODEL[self.model].resource]
