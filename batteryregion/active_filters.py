"""The filters a visitor has set on a list page, each with a link that removes it: what an empty result offers
instead of a dead end ("No programmes match … remove a filter")."""

from dataclasses import dataclass

from django import forms
from django.http import QueryDict


@dataclass(frozen=True)
class ActiveFilter:
    label: str  # the field's label: "Value-chain segment"
    value: str  # the chosen option as the form shows it: "Recycling"
    remove_url: str  # "?…": the same query without this value


def active_filters(
    form: forms.Form, query: QueryDict, ignore: tuple[str, ...] = ("sort", "page")
) -> list[ActiveFilter]:
    """One entry per value set in `query` for a field of `form`, in the form's order; a field with several values
    (checkboxes) gives one per value. Options are named as the widget shows them."""
    found = []
    for name, field in form.fields.items():
        if name in ignore:
            continue
        options = {str(value): str(label) for value, label in _choices(field)}
        for value in query.getlist(name):
            if not value.strip():
                continue
            rest = query.copy()
            rest.setlist(name, [v for v in query.getlist(name) if v != value])
            rest.pop("page", None)
            found.append(
                ActiveFilter(
                    label=str(field.label),
                    value=options.get(value, value),
                    remove_url="?" + rest.urlencode(),
                )
            )
    return found


def _choices(field: forms.Field) -> list[tuple[object, object]]:
    """The options the field's widget draws (the catalogue shares them between requests: filters.share_choices)."""
    choices = getattr(field.widget, "choices", None)
    if choices is None:
        return []
    return [
        (value, label)
        for value, label in choices
        if not isinstance(label, (list, tuple))
    ]
