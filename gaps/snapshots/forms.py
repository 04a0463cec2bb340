"""The choice of two snapshots to compare (GET parameters ``from`` and ``to``: snapshot slugs)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from batteryregion.i18n import shown
from gaps.snapshots.models import Snapshot


def snapshot_choices(snapshots: list[Snapshot]) -> list[tuple[str, str]]:
    """Each snapshot as "title (date)", newest first, for a select."""
    return [
        (
            s.slug,
            f"{shown(s, 'title').text} ({date_format(s.taken_on, 'SHORT_DATE_FORMAT')})",
        )
        for s in snapshots
    ]


class SnapshotCompareForm(forms.Form):
    """Two different snapshots, earlier (``from``) and later (``to``); validating costs no query (the choices are
    the snapshots the page has read)."""

    def __init__(
        self, data: Any = None, *, snapshots: list[Snapshot], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        choices = snapshot_choices(snapshots)
        # "from" is a Python keyword, so the fields are added here rather than declared.
        self.fields["from"] = forms.ChoiceField(
            label=_("Earlier snapshot"),
            choices=choices,
            error_messages={
                "required": _("Choose the earlier snapshot (from)."),
                "invalid_choice": _(
                    "“%(value)s” is not a snapshot; choose the earlier snapshot (from) from the list."
                ),
            },
        )
        self.fields["to"] = forms.ChoiceField(
            label=_("Later snapshot"),
            choices=choices,
            error_messages={
                "required": _("Choose the later snapshot (to)."),
                "invalid_choice": _(
                    "“%(value)s” is not a snapshot; choose the later snapshot (to) from the list."
                ),
            },
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("from") and data.get("from") == data.get("to"):
            self.add_error(
                "to", _("Choose a later snapshot (to) other than the earlier one.")
            )
        return data
