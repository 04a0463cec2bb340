"""Reading the bundled CSV files: one row at a time, with typed accessors that record translated errors."""

import csv
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext as _

LANGS = ("fi", "sv", "en")
MAX_REPORTED_ERRORS = 25


@dataclass(frozen=True)
class RowError:
    file: str
    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return _("%(file)s, row %(row)s, field “%(field)s”: %(reason)s") % {
            "file": self.file,
            "row": self.row,
            "field": self.field,
            "reason": self.reason,
        }


class BundledDataError(Exception):
    """The bundled data has errors; nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        shown = "\n".join(str(error) for error in errors[:MAX_REPORTED_ERRORS])
        more = len(errors) - MAX_REPORTED_ERRORS
        if more > 0:
            shown += "\n" + _("… and %(count)s more errors.") % {"count": more}
        super().__init__(shown)


class Keyed(dict):
    """The records a file's rows may refer to, by the file's key; `withheld` holds the keys of bundled records
    that are not in the database because a coordinator deleted them (rows that refer to them are not loaded)."""

    def __init__(self, records: Iterable[tuple[Any, models.Model]] = ()) -> None:
        super().__init__(records)
        self.withheld: set[Any] = set()

    def record(self, key: Any, obj: models.Model | None) -> None:
        """The record now stored under the key, or None when it stays out of the database."""
        if obj is None:
            self.pop(key, None)
            self.withheld.add(key)
        else:
            self[key] = obj


class Row:
    """One CSV row with typed accessors that record a translated error instead of raising."""

    def __init__(
        self, errors: list[RowError], file: str, number: int, data: dict[str, str]
    ) -> None:
        self.errors, self.file, self.number, self.data = errors, file, number, data
        self.key = ""
        self.ok = True
        # (column, value) of references to bundled records deleted in the database
        self.withheld: list[tuple[str, str]] = []

    def error(self, column: str, reason: str) -> None:
        self.ok = False
        self.errors.append(RowError(self.file, self.number, column, reason))

    def text(self, column: str, *, required: bool = False) -> str:
        value = (self.data.get(column) or "").strip()
        if required and not value:
            self.error(column, _("This value is required."))
        return value

    def translated(self, column: str, *, required: bool = True) -> dict[str, str]:
        """column_fi, column_sv and column_en as model field values."""
        return {
            f"{column}_{code}": self.text(f"{column}_{code}", required=required)
            for code in LANGS
        }

    def boolean(self, column: str) -> bool:
        value = self.text(column).lower()
        if value not in {"yes", "no"}:
            self.error(column, _("Write yes or no."))
        return value == "yes"

    def maybe(self, column: str) -> bool | None:
        """yes, no, or empty for "not known" (a nullable boolean)."""
        value = self.text(column).lower()
        if value and value not in {"yes", "no"}:
            self.error(column, _("Write yes or no, or leave the cell empty."))
        return {"yes": True, "no": False}.get(value)

    def integer(
        self,
        column: str,
        *,
        required: bool = False,
        low: int | None = None,
        high: int | None = None,
    ) -> int | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            number = int(value)
        except ValueError:
            self.error(
                column, _("“%(value)s” is not a whole number.") % {"value": value}
            )
            return None
        if (low is not None and number < low) or (high is not None and number > high):
            self.error(
                column,
                _("%(value)s is outside the allowed range %(low)s–%(high)s.")
                % {"value": number, "low": low, "high": high},
            )
        return number

    def decimal(self, column: str) -> Decimal | None:
        value = self.text(column)
        if not value:
            return None
        try:
            return Decimal(value)
        except InvalidOperation:
            self.error(column, _("“%(value)s” is not a number.") % {"value": value})
            return None

    def date(self, column: str, *, required: bool = False) -> datetime.date | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.error(
                column,
                _("“%(value)s” is not a date of the form 2026-01-31.")
                % {"value": value},
            )
            return None

    def url(self, column: str, *, required: bool = False) -> str:
        value = self.text(column, required=required)
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                self.error(
                    column, _("“%(value)s” is not a web address.") % {"value": value}
                )
        return value

    def choice(
        self, column: str, choices: type[models.Choices], *, required: bool = True
    ) -> str:
        value = self.text(column, required=required)
        if value and value not in choices.values:
            allowed = ", ".join(str(v) for v in choices.values)
            self.error(
                column,
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": value, "allowed": allowed},
            )
        return value

    def ref(
        self,
        column: str,
        targets: dict[Any, models.Model],
        *,
        required: bool = False,
        withholds_row: bool = True,
    ) -> Any:
        """The record the cell names; a record deleted in the database withholds the row (see Keyed)."""
        value = self.text(column, required=required)
        if not value:
            return None
        key: Any = value
        if targets and isinstance(next(iter(targets)), int):
            try:
                key = int(value)
            except ValueError:
                key = value
        if key in getattr(targets, "withheld", ()):
            if withholds_row:
                self.withheld.append((column, value))
            return None
        if key not in targets:
            self.error(column, _("“%(value)s” does not exist.") % {"value": value})
            return None
        return targets[key]

    def refs(self, column: str, targets: dict[str, models.Model]) -> list[models.Model]:
        """The records a ;-separated cell names; links to records deleted in the database are left out."""
        keys = [key.strip() for key in self.text(column).split(";") if key.strip()]
        withheld = getattr(targets, "withheld", set())
        missing = [key for key in keys if key not in targets and key not in withheld]
        if missing:
            self.error(
                column, _("“%(value)s” does not exist.") % {"value": "; ".join(missing)}
            )
        if len(set(keys)) != len(keys):
            self.error(column, _("A value is listed twice."))
        return [targets[key] for key in keys if key in targets]


def read_rows(
    directory: Path,
    name: str,
    columns: Iterable[str],
    key: str | tuple[str, ...],
    errors: list[RowError],
    optional: Iterable[str] = (),
) -> list[Row]:
    """Rows of one file, after checking its header and that keys are unique; problems go to errors.

    ``optional`` columns may be left out of the file; their cells then read as empty.
    """
    path = directory / name
    if not path.exists():
        errors.append(RowError(name, 0, "—", _("The file is missing.")))
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        expected = list(columns)
        allowed = [*expected, *optional]
        missing = [c for c in expected if c not in header]
        unknown = [c for c in header if c not in allowed]
        for column in missing:
            errors.append(RowError(name, 1, column, _("The column is missing.")))
        for column in unknown:
            errors.append(RowError(name, 1, column, _("The column is not known.")))
        if missing or unknown:
            return []
        rows = []
        seen: dict[tuple, int] = {}
        key_columns = (key,) if isinstance(key, str) else key
        for number, data in enumerate(reader, start=2):
            if None in data:
                errors.append(
                    RowError(
                        name, number, "—", _("The row has more cells than the header.")
                    )
                )
                continue
            row = Row(errors, name, number, data)
            identity = tuple((data.get(c) or "").strip() for c in key_columns)
            if identity in seen:
                row.error(
                    key_columns[0],
                    _("“%(value)s” already appears on row %(row)s.")
                    % {"value": " / ".join(identity), "row": seen[identity]},
                )
                continue
            seen[identity] = number
            row.key = "/".join(identity)
            rows.append(row)
        return rows


def translated_columns(column: str) -> list[str]:
    return [f"{column}_{code}" for code in LANGS]


def source_columns(column: str) -> list[str]:
    return [f"{column}_{code}_source" for code in LANGS]
