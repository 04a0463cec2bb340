"""Form fields the pathway and gap analysis forms share: codes validated against their choices, an unknown code named
(shortened) in the error, never a 500."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator


def _short(value: object) -> str:
    """A value as an error message repeats it: a long one shortened, so that a page cannot be made to echo pages."""
    return Truncator(str(value)).chars(40)


class CodeField(forms.ChoiceField):
    """One code from the choices; an unknown one is named (shortened) in the error."""

    def validate(self, value: Any) -> None:
        try:
            super().validate(value)
        except ValidationError as error:
            if error.code != "invalid_choice":
                raise
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": _short(value)},
            ) from error


class CodesField(forms.MultipleChoiceField):
    """Codes from the choices, each parameter repeated (?country=FI&country=SE); an empty value is no choice."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value: Any) -> list[str]:
        return [item for item in super().to_python(value) if item]

    def validate(self, value: Any) -> None:
        for item in value:
            if not self.valid_value(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": _short(item)},
                )
