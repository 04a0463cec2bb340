"""What each column of an import file means, in the coordinator's language: read off the model's own field names,
help texts and choices (already translated), and the widget that reads the cell."""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from batteryregion.imports import widgets
from batteryregion.imports.entry_requirements import MIN_LEVEL, QUALIFICATIONS
from batteryregion.imports.keys import made_from, may_make_code
from batteryregion.imports.layouts import Layout, code_field


@dataclass(frozen=True)
class ColumnDoc:
    column: str
    meaning: str
    values: str
    required: bool
    key: bool


def describe(layout: Layout) -> list[ColumnDoc]:
    resource = layout.resource
    docs = []
    for field in resource().get_export_fields():
        column = field.column_name
        key = column in layout.key
        try:
            if not field.attribute:
                raise FieldDoesNotExist(
                    column
                )  # read or written by code of its own, not a field of the model
            model_field = layout.model._meta.get_field(column)
        except FieldDoesNotExist:
            docs.append(ColumnDoc(column, *_extra(column), required=False, key=key))
            continue
        meaning = capfirst(str(model_field.verbose_name))
        if model_field.help_text:
            meaning = f"{meaning}: {model_field.help_text}"
        made = column == "slug" and may_make_code(layout)
        if made:
            meaning = f"{meaning.rstrip('.')}. " + _(
                "Left empty or out, a new record's code is made from %(columns)s."
            ) % {"columns": made_from(layout)}
        required = (key and not made) or not (
            made or model_field.blank or model_field.has_default() or model_field.null
        )
        docs.append(
            ColumnDoc(
                column, meaning, _values(model_field, field.widget), required, key
            )
        )
    return docs


def _values(model_field: models.Field, widget: object) -> str:
    if model_field.choices and not model_field.is_relation:
        codes = ", ".join(f"{value} ({label})" for value, label in model_field.choices)
        return _("%(codes)s; or the name in any language") % {"codes": codes}
    if isinstance(widget, widgets.CodesWidget):
        return _("codes of %(model)s (%(field)s), separated by ;") % {
            "model": model_field.related_model._meta.verbose_name_plural,
            "field": code_field(model_field.related_model),
        }
    if isinstance(widget, widgets.CodeWidget):
        return _("the code of a %(model)s (%(field)s)") % {
            "model": model_field.related_model._meta.verbose_name,
            "field": code_field(model_field.related_model),
        }
    if isinstance(widget, widgets.YesNoWidget):
        return (
            _("yes or no; empty when not known") if model_field.null else _("yes or no")
        )
    if isinstance(widget, widgets.DateWidget):
        return _("a date as YYYY-MM-DD or DD.MM.YYYY")
    if isinstance(widget, widgets.IntegerWidget):
        return _("a whole number")
    if isinstance(widget, widgets.DecimalWidget):
        return _("a number (a decimal point or comma)")
    if isinstance(model_field, models.URLField):
        return _("a web address; https:// is added where it is left out")
    return _("text")


def _extra(column: str) -> tuple[str, str]:
    if column == QUALIFICATIONS:
        return (
            _(
                "Entry requirements: the qualifications the programme accepts; the list replaces the programme's."
            ),
            _("codes of qualification types, separated by ;"),
        )
    if column == MIN_LEVEL:
        return (
            _("Entry requirements: or any qualification at this EQF level or above."),
            _("an EQF level, 1–8"),
        )
    return (
        _(
            "When the record last changed, as an export gives it; never imported. Where the record changed later, "
            "the preview warns that the import would set it back."
        ),
        _("a date and time (from an export)"),
    )
