from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from batteryregion.imports.files import ImportFileError, file_format
from batteryregion.imports.layouts import LAYOUTS


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV file (one kind of record) or an Excel workbook (.xlsx) with a sheet per kind, named as the "
            "column layout names them."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind of record"),
        required=False,
        help_text=_(
            "For a CSV file or a workbook of one sheet; otherwise the sheets' names or columns decide."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", _("Find it from the sheet names and columns")),
            *((layout.name, layout.label) for layout in LAYOUTS),
        ]

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        try:
            file_format(upload.name or "")
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s.")
                % {"limit": filesizeformat(settings.IMPORT_MAX_BYTES)}
            )
        return upload
