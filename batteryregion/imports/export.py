"""Export of an admin list, as filtered, in the import layout (CSV or Excel): the same file imports again unchanged.
django-import-export's export action and button, with the kind's layout (layouts.py) as its only resource."""

from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX

from batteryregion.imports.layouts import BY_MODEL


class LayoutExportMixin(ExportMixin):
    formats = [CSV, XLSX]

    def get_export_resource_classes(self, request: object) -> list[type]:
        return [BY_MODEL[self.model].resource]
