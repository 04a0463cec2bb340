"""Stale programmes and actors in the admin: a list filter and a "last checked" column (rules: staleness.py).

ProgrammeAdmin and ActorAdmin use them: ``StaleFilter`` in ``list_filter`` (the admin index links to
``?stale=yes``), ``last_checked`` in ``list_display``.
"""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from batteryregion.staleness import is_stale, stale_q


class StaleFilter(admin.SimpleListFilter):
    """Records that may be out of date (never verified, or longer ago than STALE_AFTER_MONTHS), or checked recently."""

    title = _("last checked")
    parameter_name = "stale"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, Any]]:
        return [
            ("yes", _("May be out of date")),
            ("no", _("Checked recently")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(stale_q())
        if self.value() == "no":
            return queryset.exclude(stale_q())
        return queryset


@admin.display(description=_("last checked"), ordering="verified_on")
def last_checked(obj: Any) -> str:
    """The last verified date, marked when the record may be out of date."""
    verified_on = obj.verified_on
    if not is_stale(verified_on):
        return formats.date_format(verified_on, "SHORT_DATE_FORMAT")
    if verified_on is None:
        return format_html(
            '<strong class="stale">⚠ {}</strong>', gettext("never; may be out of date")
        )
    return format_html(
        '<strong class="stale">⚠ {}</strong>',
        gettext("%(date)s; may be out of date")
        % {"date": formats.date_format(verified_on, "SHORT_DATE_FORMAT")},
    )
