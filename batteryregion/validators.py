"""Rules for single values of programmes, actors, offerings, intakes and needs, shared by the admin and the loader.

Both validate through the model (the admin's forms call ``full_clean``, and so does the loader), so each rule lives
once, here or in a model's ``clean()``, with a translated message that names the field.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

MAX_PLACES = 10_000
"""More study places per year, per offering or per intake than this is a typing error, not a programme."""
MAX_APPLICANTS = 100_000
EARLIEST_START = datetime.date(2000, 1, 1)
START_YEARS_AHEAD = 5
"""An offering may start at most this many years from today."""


# Dates in messages are written when the message is shown, in the language of the page that shows it.
_date = lazy(lambda day: formats.date_format(day, "DATE_FORMAT"), str)


def validate_not_in_future(value: datetime.date) -> None:
    """A last verified date is a day that has already come."""
    today = timezone.localdate()
    if value > today:
        raise ValidationError(
            _(
                "The last verified date %(date)s is in the future; enter the day the record was last checked."
            ),
            code="verified_in_future",
            params={"date": _date(value)},
        )


def validate_start_date(value: datetime.date) -> None:
    """An offering starts no earlier than 2000 and no more than five years from today."""
    if value < EARLIEST_START:
        raise ValidationError(
            _("The start date must not be before %(earliest)s."),
            code="start_too_early",
            params={"earliest": _date(EARLIEST_START)},
        )
    latest = _years_after(timezone.localdate(), START_YEARS_AHEAD)
    if value > latest:
        raise ValidationError(
            _(
                "The start date must be at most %(years)s years from today, on %(latest)s at the latest."
            ),
            code="start_too_late",
            params={
                "years": START_YEARS_AHEAD,
                "latest": _date(latest),
            },
        )


def validate_intake_year(value: int) -> None:
    """An intake is of a past year, this year or next year (applications open ahead)."""
    latest = timezone.localdate().year + 1
    if value > latest:
        raise ValidationError(
            _("The year of an intake can be next year (%(latest)s) at the latest."),
            code="intake_year_too_late",
            params={"latest": latest},
        )


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


class BoundsFromValidators:
    """The form field takes its lowest and highest value, and their messages, from the model field's own validators.

    Without this, a positive integer field's form accepts 0 and answers "-1" with "at least 0" even where the model
    refuses 0 too; now the admin refuses what the model refuses, with the model's message.
    """

    def formfield(self, **kwargs: Any) -> Any:
        bounds: dict[str, Any] = {}
        messages: dict[str, Any] = {}
        for validator in self._validators:
            if isinstance(validator, MinValueValidator):
                bounds["min_value"] = validator.limit_value
                messages["min_value"] = validator.message
            elif isinstance(validator, MaxValueValidator):
                bounds["max_value"] = validator.limit_value
                messages["max_value"] = validator.message
        messages.update(kwargs.pop("error_messages", None) or {})
        return super().formfield(**{**bounds, "error_messages": messages, **kwargs})

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        # Migrations see the Django field it extends: the database column is the same, only the form differs.
        name, _path, args, kwargs = super().deconstruct()
        base = next(
            cls for cls in type(self).__mro__ if cls.__module__.startswith("django.")
        )
        return name, f"django.db.models.{base.__name__}", args, kwargs


class BoundedPositiveIntegerField(BoundsFromValidators, models.PositiveIntegerField):
    """A positive integer whose admin form says what its validators say."""


class BoundedPositiveSmallIntegerField(
    BoundsFromValidators, models.PositiveSmallIntegerField
):
    """A small positive integer whose admin form says what its validators say."""


class YearField(BoundedPositiveSmallIntegerField):
    """A calendar year: "2026" in the admin's lists, read-only views and history, never grouped like a quantity.

    The admin shows an integer field with Django's number format, which groups thousands ("2 026", "2,026") now
    that the pages group numbers; a field with choices it shows by their labels instead. So the field offers its
    years as labels there, while forms, validation and the API still see a plain integer field without choices.
    """

    FIRST, LAST = 1900, 2200

    @property
    def flatchoices(self) -> list[tuple[int, str]]:
        return [(year, str(year)) for year in range(self.FIRST, self.LAST + 1)]
