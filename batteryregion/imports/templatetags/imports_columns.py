from django import template

from batteryregion.imports.column_docs import ColumnDoc, describe
from batteryregion.imports.layouts import Layout

register = template.Library()


@register.simple_tag
def column_docs(layout: Layout) -> list[ColumnDoc]:
    return describe(layout)
