"""How a cell of an import file becomes a value, and a value a cell of an export: codes for links, ``yes``/``no``,
ISO dates, lists joined with ``;``. Every refusal is a sentence in the coordinator's language naming the value.

Spreadsheets give numbers and dates as such (openpyxl), CSV files as text: both are read.
"""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from import_export import widgets

from batteryregion.imports.lookups import CodeLookup, folded, in_every_language

SEPARATOR = ";"


def cell_text(value: Any) -> str:
    """The cell as text: spreadsheets give whole numbers as floats (30.0) and empty cells as None."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value).strip()


class TextWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        return cell_text(value)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else str(value)


class IntegerWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> int | None:
        text = cell_text(value)
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a whole number.") % {"value": text}
            ) from None

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else str(value)


class DecimalWidget(widgets.Widget):
    """A number with a decimal point or comma, rounded to the field's decimal places (``180`` is ``180.0``, as the
    database gives it back, so that it is not seen as a change)."""

    def __init__(self, decimal_places: int | None = None, **kwargs: Any) -> None:
        self.decimal_places = decimal_places
        super().__init__(**kwargs)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Decimal | None:
        text = cell_text(value).replace(",", ".")
        if not text:
            return None
        try:
            number = Decimal(text)
            if self.decimal_places is not None:
                number = number.quantize(Decimal(1).scaleb(-self.decimal_places))
            return number
        except InvalidOperation:
            raise ValueError(
                _("“%(value)s” is not a number.") % {"value": text}
            ) from None

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else format(value, "f")


class DateWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> datetime.date | None:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = cell_text(value)
        if not text:
            return None
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
        try:  # a date cell saved as text with its time (2026-11-30 00:00:00)
            return datetime.datetime.fromisoformat(text).date()
        except ValueError:
            pass
        # As Finnish spreadsheets write dates (30.11.2026): day first, whatever the language.
        try:
            return datetime.datetime.strptime(text, "%d.%m.%Y").date()
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a date as YYYY-MM-DD (or DD.MM.YYYY).")
                % {"value": text}
            ) from None

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.isoformat() if value else ""


class ChoiceWidget(widgets.Widget):
    """One of a field's choices: its code (``on_site``), in any case, or its name in any of the portal's languages
    (``On site``, ``Lähiopetus``); anything else is refused with the codes that are allowed."""

    def __init__(self, choices: list[tuple[Any, Any]], **kwargs: Any) -> None:
        self.choices = [(code, label) for code, label in choices if code != ""]
        self._names: dict[str, Any] | None = None
        super().__init__(**kwargs)

    def names(self) -> dict[str, Any]:
        """Every way a choice may be written, folded: codes and names in every language → code."""
        if self._names is None:
            names: dict[str, Any] = {}
            for code, label in self.choices:
                for name in in_every_language(label):
                    names.setdefault(folded(name), code)
            for code, _label in self.choices:
                names[folded(str(code))] = (
                    code  # a code wins over a name that reads the same
                )
            self._names = names
        return self._names

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
        text = cell_text(value)
        if not text:
            return ""
        for code, _label in self.choices:
            if text == str(code):
                return code
        code = self.names().get(folded(text))
        if code is None:
            raise ValueError(
                _("“%(value)s” is not one of this column's values: %(codes)s.")
                % {
                    "value": text,
                    "codes": ", ".join(
                        f"{code} ({label})" for code, label in self.choices
                    ),
                }
            )
        return code

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else str(value)


class UrlWidget(TextWidget):
    """A web address; one written without its scheme (``www.example.fi``) is read as ``https://``."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        text = cell_text(value)
        if text and "://" not in text and " " not in text and "." in text:
            return f"https://{text}"
        return text


class YesNoWidget(widgets.Widget):
    """``yes``/``no`` (also ``true``/``false``, 1/0); an empty cell is "not known" where the field allows it."""

    TRUE = {"yes", "true", "1", "kyllä", "ja"}
    FALSE = {"no", "false", "0", "ei", "nej"}

    def __init__(self, *, unknown_allowed: bool = False, **kwargs: Any) -> None:
        self.unknown_allowed = unknown_allowed
        super().__init__(**kwargs)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        text = cell_text(value).lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        if not text:
            return None if self.unknown_allowed else False
        raise ValueError(_("“%(value)s” is not yes or no.") % {"value": text})

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        if value is None:
            return ""
        return "yes" if value else "no"


class CodeWidget(widgets.ForeignKeyWidget):
    """A link to another record by its code (slug, NUTS code …) or the name only it has; anything else is refused,
    not guessed."""

    def __init__(self, model: type[models.Model], field: str) -> None:
        super().__init__(model, field=field)
        self.lookup = CodeLookup(model, field)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> models.Model | None:
        text = cell_text(value)
        if not text:
            return None
        found, unknown = self.lookup.find([text])
        if unknown:
            raise ValueError(
                self.lookup.ambiguity(text)
                or " ".join(
                    filter(
                        None,
                        [
                            _("There is no %(model)s with the code “%(value)s”.")
                            % {"model": self.model._meta.verbose_name, "value": text},
                            self.lookup.known_codes(),
                        ],
                    )
                )
            )
        return found[text]

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else str(getattr(value, self.field))


class CodesWidget(widgets.ManyToManyWidget):
    """Links to other records by their codes, separated by ``;``; every unknown code is named."""

    def __init__(self, model: type[models.Model], field: str) -> None:
        super().__init__(model, separator=SEPARATOR, field=field)
        self.lookup = CodeLookup(model, field)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> list[models.Model]:
        codes = codes_in(value)
        if not codes:
            return []
        found, unknown = self.lookup.find(codes)
        ambiguities = [self.lookup.ambiguity(code) for code in unknown]
        if any(ambiguities):
            raise ValueError(" ".join(filter(None, ambiguities)))
        if unknown:
            reason = _("There is no %(model)s with the code %(codes)s.") % {
                "model": self.model._meta.verbose_name,
                "codes": ", ".join(f"“{code}”" for code in unknown),
            }
            raise ValueError(
                " ".join(filter(None, [reason, self.lookup.known_codes()]))
            )
        return [found[code] for code in codes]

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        if value is None:
            return ""
        return self.render_codes(value.all())

    def render_codes(self, records: Any) -> str:
        """Linked records as an export shows them: their codes, sorted, joined with ``;``."""
        return SEPARATOR.join(
            sorted(str(getattr(item, self.field)) for item in records)
        )


def codes_in(value: Any) -> list[str]:
    """The codes of a list cell, in order, without blanks or repeats."""
    codes: list[str] = []
    for part in cell_text(value).split(SEPARATOR):
        code = part.strip()
        if code and code not in codes:
            codes.append(code)
    return codes
