"""Template helpers for stale records: the "last checked" line of public pages and the admin index's count."""

import datetime
from typing import Any

from django import template
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import reverse
from django.utils.translation import ngettext

from batteryregion import staleness
from programmes.models import Programme
from skills.models import Actor

register = template.Library()

STALE_TEXTS = {
    Programme: lambda n: ngettext(
        "%(count)s programme may be out of date",
        "%(count)s programmes may be out of date",
        n,
    ),
    Actor: lambda n: ngettext(
        "%(count)s actor may be out of date", "%(count)s actors may be out of date", n
    ),
}


@register.filter
def is_stale(verified_on: datetime.date | None) -> bool:
    """{% if record.verified_on|is_stale %}: never verified, or longer ago than STALE_AFTER_MONTHS."""
    return staleness.is_stale(verified_on)


@register.filter
def is_old_intake(year: int) -> bool:
    """{% if intake.year|is_old_intake %}: too old to count as current supply in the gap analysis."""
    return staleness.is_old_intake(year)


@register.simple_tag
def oldest_current_intake_year() -> int:
    return staleness.oldest_current_intake_year()


@register.simple_tag
def stale_after_months() -> int:
    return settings.STALE_AFTER_MONTHS


@register.simple_tag
def stale_counts(user: AbstractBaseUser | AnonymousUser) -> list[dict[str, Any]]:
    """Stale programmes and actors the user may view, each with its count and the filtered admin list (2 queries)."""
    counts = []
    for model in (Programme, Actor):
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        count = model.objects.filter(staleness.stale_q()).count()
        counts.append(
            {
                "text": STALE_TEXTS[model](count) % {"count": count},
                "count": count,
                "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
                + "?stale=yes",
            }
        )
    return counts
