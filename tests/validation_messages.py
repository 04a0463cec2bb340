"""The messages of the validation tests: the texts they expect, a message in a language (gettext of its text under
translation.override), a model's ValidationError read field by field, today, and a date as a language writes it."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

LANGUAGES = ["fi", "sv", "en"]

PLACES_PER_YEAR_AT_LEAST_1 = "Places per year must be at least 1; leave the field empty when the number is not known."
PLACES_AT_LEAST_1 = (
    "Places must be at least 1; leave the field empty when the number is not known."
)
VERIFIED_IN_FUTURE = "The last verified date %(date)s is in the future; enter the day the record was last checked."


def today() -> datetime.date:
    return timezone.localdate()


def messages(error: ValidationError, field: str, language: str) -> list[str]:
    """The messages of one field (or NON_FIELD_ERRORS) of a model's ValidationError, in the language."""
    with translation.override(language):
        return list(ValidationError(error.error_dict.get(field, [])).messages)


def clean_errors(obj: models.Model, **exclude: Any) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        obj.full_clean(**exclude)
    return raised.value


def expected(msgid: str, language: str, **params: Any) -> str:
    with translation.override(language):
        text = gettext(msgid)
        return text % params if params else text


def date_in(language: str, day: datetime.date) -> str:
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")
