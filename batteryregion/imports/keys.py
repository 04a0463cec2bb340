"""The code (slug) of a new record that a coordinator's file leaves without one, made as the bundled data makes
them: a programme's from its provider's code and its name (``osao-battery-technology``), an actor's from its name,
a site's from its actor's code and its town (``Layout.code_made_from``). The same row makes the same code, so
importing the file again finds the records it created.
"""

from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from batteryregion.imports.layouts import Layout, LayoutResource
from batteryregion.imports.widgets import cell_text

# The language whose text names the code first, as in the bundled data.
LANGUAGES = ("en", "fi", "sv")


def may_make_code(layout: Layout) -> bool:
    return layout.code_made_from is not None


def made_from(layout: Layout) -> str:
    """The columns a kind's code is made from, for the reason a row without one is refused."""
    links, texts = layout.code_made_from
    return ", ".join(
        [*links, *("/".join(f"{text}_{code}" for code in LANGUAGES) for text in texts)]
    )


def made_code(layout: Layout, resource: LayoutResource, row: dict[str, Any]) -> str:
    """The code the row's links and texts make, or "" where one of them is missing or unknown."""
    links, texts = layout.code_made_from
    parts = []
    for column in links:
        try:
            record = resource.fields[column].clean(row)
        except (KeyError, ValueError):
            return ""
        if record is None:
            return ""
        parts.append(str(record.slug))
    for text in texts:
        written = [cell_text(row.get(f"{text}_{code}")) for code in LANGUAGES]
        name = next((value for value in written if value), "")
        if not slugify(name):
            return ""
        parts.append(slugify(name))
    max_length = layout.model._meta.get_field("slug").max_length
    return "-".join(parts)[:max_length].strip("-")


def no_code_reason(layout: Layout) -> str:
    return _(
        "The row has no code (slug), and none can be made: a new record's code is made from %(columns)s."
    ) % {"columns": made_from(layout)}
