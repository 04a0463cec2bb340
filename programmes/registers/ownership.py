"""Whose value a field holds: the register may write a field only while the field holds what the register last
wrote (or the field is empty and never held a value), never over a coordinator's change.

The versions (django-simple-history) of one kind of record are read once, in one query, oldest first; for every
record and field this remembers the value after the field's latest change, the channel of that change and who made
it, and whether the field ever held a value.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models

from batteryregion.history import made_by
from batteryregion.records import ChangeChannel


@dataclass(frozen=True)
class LastChange:
    value: Any
    channel: str
    made_by: str


def blank(value: Any) -> bool:
    return value is None or value == ""


def same(a: Any, b: Any) -> bool:
    """Equal as stored: "" and None are both empty; numbers compare by value (20 == Decimal("20.0"))."""
    if blank(a) and blank(b):
        return True
    if isinstance(a, Decimal | int | float) and isinstance(b, Decimal | int | float):
        return Decimal(str(a)) == Decimal(str(b))
    return a == b


class FieldHistory:
    """The latest change of each field of each record of one model, among ``record_ids``."""

    def __init__(
        self, model: type[models.Model], attnames: list[str], record_ids: Iterable[int]
    ) -> None:
        self.attnames = attnames
        self._last: dict[tuple[int, str], LastChange] = {}
        self._filled: set[tuple[int, str]] = set()
        ids = list(record_ids)
        if not ids:
            return
        historical = model.history.model  # type: ignore[attr-defined]
        previous: dict[int, dict[str, Any]] = {}
        versions = (
            historical._default_manager.filter(id__in=ids)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        for version in versions:
            before = previous.get(version.id)
            values = {name: getattr(version, name) for name in attnames}
            for name, value in values.items():
                if not blank(value):
                    self._filled.add((version.id, name))
                if before is not None and same(before[name], value):
                    continue  # this version did not change the field
                self._last[(version.id, name)] = LastChange(
                    value, version.history_channel, made_by(version)
                )
            previous[version.id] = values

    def last_change(self, record_id: int, attname: str) -> LastChange | None:
        return self._last.get((record_id, attname))

    def may_write(self, record: models.Model, attname: str) -> bool:
        """Whether the register may replace the field's current value: it holds what the register last wrote, or it
        is empty and never held a value (a coordinator who emptied a field keeps it empty)."""
        current = getattr(record, attname)
        last = self.last_change(record.pk, attname)
        if (
            last is not None
            and last.channel == ChangeChannel.REGISTER
            and same(last.value, current)
        ):
            return True
        return blank(current) and (record.pk, attname) not in self._filled

    def changed_by(self, record: models.Model, attname: str) -> str:
        """Who made the field's current value, for the conflict report ("" when the history does not say)."""
        last = self.last_change(record.pk, attname)
        return last.made_by if last is not None else ""
