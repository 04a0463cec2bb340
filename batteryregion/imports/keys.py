"""The code (slug) of a new record that a coordinator's file leaves without one, made as the bundled data makes
them: a programme's from its provider's code and its name (``osao-battery-technology``), an actor's from its name,
a site's from its actor's code and its town (``Layout.code_made_from``). A record that already has the row's links
and one of its names keeps its own code, so a row of the catalogue written without its code changes that record,
and the same file imported again finds the records it created.
"""

from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from batteryregion.bundled_data.rows import translated_columns
from batteryregion.i18n import fallback_order
from batteryregion.imports.layouts import Layout, LayoutResource
from batteryregion.imports.widgets import cell_text


def languages() -> list[str]:
    """The order in which a row's texts name its code: the default language first, then its fallbacks."""
    return fallback_order(settings.MODELTRANSLATION_DEFAULT_LANGUAGE)


class NoCode(ValueError):
    """The row's code cannot be made or found: the column at fault and why."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


def may_make_code(layout: Layout) -> bool:
    return layout.code_made_from is not None


def made_from(layout: Layout) -> str:
    """The columns a kind's code is made from, for the reason a row without one is refused."""
    links, texts = layout.code_made_from
    return ", ".join(
        [
            *links,
            *("/".join(f"{text}_{code}" for code in languages()) for text in texts),
        ]
    )


def made_code(layout: Layout, resource: LayoutResource, row: dict[str, Any]) -> str:
    """The code of the record the row names: one that has the row's links and one of its names (a record of the
    catalogue written without its code), or else the code its links and texts make; "" where one of them is
    missing. An unknown link, or a row that names two records, is refused (``NoCode``)."""
    links, texts = layout.code_made_from
    linked = {}
    for column in links:
        try:
            record = resource.fields[column].clean(row)
        except KeyError:
            return ""
        except ValueError as error:  # an unknown link: its own reason, under its column
            raise NoCode(column, str(error)) from None
        if record is None:
            return ""
        linked[column] = record
    names = {
        text: [
            name
            for name in (cell_text(row.get(f"{text}_{code}")) for code in languages())
            if name
        ]
        for text in texts
    }
    if not all(written and slugify(written[0]) for written in names.values()):
        return ""
    existing = _existing_codes(layout, linked, names)
    if len(existing) > 1:
        raise NoCode(
            "slug",
            _(
                "The row has no code (slug), and its name fits more than one record: write the code of the one "
                "meant: %(codes)s."
            )
            % {"codes": ", ".join(existing)},
        )
    if existing:
        return existing[0]
    parts = [str(record.slug) for record in linked.values()]
    parts += [slugify(written[0]) for written in names.values()]
    max_length = layout.model._meta.get_field("slug").max_length
    return "-".join(parts)[:max_length].strip("-")


def _existing_codes(
    layout: Layout, linked: dict[str, Any], names: dict[str, list[str]]
) -> list[str]:
    """The codes of the records with the row's links and, for each text, one of its names in any language."""
    records = layout.model._default_manager.filter(**linked)
    for text, written in names.items():
        same_name = Q()
        for column in translated_columns(text):
            for name in written:
                same_name |= Q(**{f"{column}__iexact": name})
        records = records.filter(same_name)
    return sorted(records.values_list("slug", flat=True))


def no_code_reason(layout: Layout) -> str:
    return _(
        "The row has no code (slug), and none can be made: a new record's code is made from %(columns)s."
    ) % {"columns": made_from(layout)}
