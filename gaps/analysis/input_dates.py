"""The dates of the inputs behind a figure: their range as the analysis adds figures up (``earliest``, ``latest``), and
how old they are as the pages say it (``Dates``, ``age_in_words``).

Every figure carries the oldest and newest date its needs were stated or its programmes verified, so that nobody reads
a figure without knowing how old its inputs are; the demand and supply sides and the pages all share these helpers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def earliest(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    """The earlier of two dates, either of which may be missing."""
    return min(d for d in (a, b) if d) if (a or b) else None


def latest(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    """The later of two dates, either of which may be missing."""
    return max(d for d in (a, b) if d) if (a or b) else None


@dataclass(frozen=True)
class Dates:
    """The oldest and newest date of the inputs behind a figure, and how old the oldest is in words.

    The dates are also formatted here, as the page writes them (ISO for <time datetime>, DATE_FORMAT to read):
    RowMaker makes one Dates per distinct pair, which many rows share.
    """

    oldest: datetime.date | None
    newest: datetime.date | None
    age: str

    @property
    def is_range(self) -> bool:
        return bool(self.oldest and self.newest and self.oldest != self.newest)

    @cached_property
    def iso_oldest(self) -> str:
        return self.oldest.isoformat() if self.oldest else ""

    @cached_property
    def iso_newest(self) -> str:
        return self.newest.isoformat() if self.newest else ""

    @cached_property
    def shown_oldest(self) -> str:
        return date_format(self.oldest, "DATE_FORMAT") if self.oldest else ""

    @cached_property
    def shown_newest(self) -> str:
        return date_format(self.newest, "DATE_FORMAT") if self.newest else ""


def age_in_words(date: datetime.date, today: datetime.date) -> str:
    """ "3 months old", "2 years old": how long ago an input was stated or verified."""
    months = (today.year - date.year) * 12 + today.month - date.month
    if today.day < date.day:
        months -= 1
    if months < 1:
        return _("less than a month old")
    if months < 12:
        return ngettext("%(count)s month old", "%(count)s months old", months) % {
            "count": months
        }
    years = months // 12
    return ngettext("%(count)s year old", "%(count)s years old", years) % {
        "count": years
    }


def dates_with_age(
    oldest: datetime.date | None, newest: datetime.date | None, today: datetime.date
) -> Dates:
    """The dates with the age of the oldest in words, "the oldest …" when they span a range."""
    if not oldest:
        return Dates(oldest, newest, "")
    age = age_in_words(oldest, today)
    if newest and newest != oldest:
        age = _("the oldest %(age)s") % {"age": age}
    return Dates(oldest, newest, age)
