"""How old data may be before it is marked or left out.

- A programme or actor is *stale* when its last verified date (``verified_on``) is missing or older than
  ``STALE_AFTER_MONTHS`` months (setting, default 12): the admin lists mark and filter it, the admin index counts it,
  and its public page says "may be out of date".
- An intake is *old* when its year is ``INTAKE_MAX_AGE_YEARS`` (setting, default 3) or more years before this year:
  the gap analysis no longer counts it as current supply, and pages show it with its year, marked as old.
"""

import calendar
import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_before(today: datetime.date | None = None) -> datetime.date:
    """Records verified before this date are stale."""
    return months_before(today or timezone.localdate(), settings.STALE_AFTER_MONTHS)


def is_stale(
    verified_on: datetime.date | None, today: datetime.date | None = None
) -> bool:
    """Whether a record last verified on this date (None: never) may be out of date."""
    return verified_on is None or verified_on < stale_before(today)


def stale_q(today: datetime.date | None = None) -> Q:
    """Programmes or actors that are stale (a filter on ``verified_on``)."""
    return Q(verified_on__isnull=True) | Q(verified_on__lt=stale_before(today))


def oldest_current_intake_year(reference_year: int | None = None) -> int:
    """The earliest intake year that still counts as current supply (2024 in 2026 with the default of 3 years)."""
    year = reference_year or timezone.localdate().year
    return year - settings.INTAKE_MAX_AGE_YEARS + 1


def is_old_intake(year: int, reference_year: int | None = None) -> bool:
    """Whether an intake of this year is too old to count as current supply."""
    return year < oldest_current_intake_year(reference_year)
