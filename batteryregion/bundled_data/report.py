"""What a load did and what it proposes: counts per kind of record, and one line per field that differs between the
database and the bundled data, grouped per file, in the language of the command."""

import datetime
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_SHOWN_CHARS = 80


class Outcome:
    """What happened to one record of the bundled data."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT = (
        "kept"  # changed in the database since it was loaded: left as it is, reported
    )
    KEPT_DELETED = "kept_deleted"  # deleted in the database: stays deleted, reported
    OVERWRITTEN = "overwritten"  # bundled value taken over a change, by explicit choice
    RESTORED = "restored"  # deleted record brought back, by explicit choice
    REMOVED = "removed"  # a loader-made record the file no longer lists, unchanged since (entry requirements, needs)
    KEPT_UNBUNDLED = "kept_unbundled"  # no longer listed, but changed since loaded or referred to: kept, reported
    SKIPPED = "skipped"  # refers to a record deleted in the database

    WRITES = (CREATED, UPDATED, OVERWRITTEN, RESTORED, REMOVED)


COUNT_LABELS = {
    Outcome.CREATED: gettext_lazy("%(count)s added"),
    Outcome.UPDATED: gettext_lazy("%(count)s updated"),
    Outcome.OVERWRITTEN: gettext_lazy("%(count)s given the bundled value"),
    Outcome.RESTORED: gettext_lazy("%(count)s restored"),
    Outcome.REMOVED: gettext_lazy("%(count)s removed as no longer bundled"),
    Outcome.KEPT: gettext_lazy("%(count)s changed in the database and kept"),
    Outcome.KEPT_DELETED: gettext_lazy(
        "%(count)s deleted in the database and kept deleted"
    ),
    Outcome.KEPT_UNBUNDLED: gettext_lazy("%(count)s no longer bundled and kept"),
    Outcome.SKIPPED: gettext_lazy("%(count)s not loaded"),
    Outcome.UNCHANGED: gettext_lazy("%(count)s unchanged"),
}

SECTION_HEADINGS = {
    Outcome.KEPT: gettext_lazy(
        "Changed in the database since the bundled data was loaded, and kept as they are:"
    ),
    Outcome.KEPT_DELETED: gettext_lazy("Deleted in the database, and kept deleted:"),
    Outcome.SKIPPED: gettext_lazy(
        "Not loaded, because they refer to a record deleted in the database:"
    ),
    Outcome.OVERWRITTEN: gettext_lazy(
        "Bundled value taken over the change made in the database:"
    ),
    Outcome.RESTORED: gettext_lazy(
        "Deleted in the database, and brought back from the bundled data:"
    ),
    Outcome.REMOVED: gettext_lazy(
        "No longer in the bundled data and unchanged since they were loaded, and removed:"
    ),
    Outcome.KEPT_UNBUNDLED: gettext_lazy(
        "No longer in the bundled data, but changed in the database or referred to, and kept:"
    ),
}


@dataclass(frozen=True)
class Difference:
    """One field whose database value is not the bundled value (both as text)."""

    field: str
    database: str
    bundled: str


@dataclass
class RecordReport:
    """A record of one file that the report lists, with its differing fields or the record it refers to."""

    file: str
    key: str
    outcome: str
    differences: list[Difference] = field(default_factory=list)
    refers_to: tuple[str, str] | None = None  # (column, value) of a deleted record


@dataclass
class LoadReport:
    """How many records of each kind were created, updated, kept or left unchanged, and the records to report."""

    version: str = ""
    dry_run: bool = False
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    labels: dict[str, Any] = field(default_factory=dict)
    records: dict[tuple[str, str, str], RecordReport] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)

    def count(self, model: type[models.Model], outcome: str) -> None:
        self.labels.setdefault(model._meta.model_name, model._meta.verbose_name_plural)
        self.counts[model._meta.model_name][outcome] += 1

    def note(
        self,
        file: str,
        key: str,
        outcome: str,
        differences: Iterable[Difference] = (),
        refers_to: tuple[str, str] | None = None,
    ) -> None:
        """List the record under its outcome (differences of the same record and outcome are added together)."""
        record = self.records.setdefault(
            (file, key, outcome), RecordReport(file, key, outcome, refers_to=refers_to)
        )
        record.differences.extend(differences)

    def total(self, outcome: str) -> int:
        return sum(counts[outcome] for counts in self.counts.values())

    @property
    def changed(self) -> int:
        """Records written (or, in a dry run, that would have been)."""
        return sum(self.total(outcome) for outcome in Outcome.WRITES)

    def listed(self, outcome: str) -> list[RecordReport]:
        return [r for r in self.records.values() if r.outcome == outcome]


def natural_key(obj: models.Model) -> str:
    """The key a bundled file uses for the record (slug, code, EQF level)."""
    for name in ("slug", "code", "level"):
        value = getattr(obj, name, None)
        if value is not None and not isinstance(value, models.Model):
            return str(value)
    return str(obj)


def shown(value: Any) -> str:
    """A value as the report shows it: in the file's notation, short, on one line."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, models.Model):
        return natural_key(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        keys = sorted(shown(item) for item in value)
        return "; ".join(keys) if keys else "—"
    text = json.dumps(value) if isinstance(value, dict) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"


def shown_lists(database: Iterable[Any], bundled: Iterable[Any]) -> tuple[str, str]:
    """Two lists of links as the report shows them: what they share is counted, what differs is named."""
    database_keys = {shown(item) for item in database}
    bundled_keys = {shown(item) for item in bundled}
    common = database_keys & bundled_keys
    if not common:
        return shown(database_keys), shown(bundled_keys)
    shared = _("%(count)s in both") % {"count": len(common)}
    return tuple(
        " + ".join([shared, *(["; ".join(sorted(only))] if only else [])])
        for only in (database_keys - bundled_keys, bundled_keys - database_keys)
    )


def report_lines(report: LoadReport) -> list[str]:
    """The whole report as text lines in the active language: records per outcome, then the counts."""
    lines: list[str] = []
    for outcome, heading in SECTION_HEADINGS.items():
        records = report.listed(outcome)
        if records:
            lines += [str(heading), *_record_lines(records), ""]
    if report.counts:
        lines.append(_("Counts:"))
        for model_name, counts in report.counts.items():
            figures = ", ".join(
                str(label) % {"count": counts[outcome]}
                for outcome, label in COUNT_LABELS.items()
                if counts[outcome]
            )
            lines.append(f"  {capfirst(report.labels[model_name])}: {figures}")
    kept = report.total(Outcome.KEPT) + report.total(Outcome.KEPT_DELETED)
    if kept:
        lines.append(
            _(
                "To take the bundled value, run the command again with --overwrite-record FILE:KEY for one "
                "record or --overwrite for all changed records; to bring back a deleted record, use "
                "--restore-deleted FILE:KEY."
            )
        )
    if report.total(Outcome.KEPT_UNBUNDLED):
        lines.append(
            _(
                "Records no longer in the bundled data that were kept stay as they are; delete them in the admin "
                "when they are no longer wanted."
            )
        )
    for choice in report.unmatched:
        lines.append(
            _(
                "“%(choice)s” is not among the records the bundled data reports; nothing was taken for it."
            )
            % {"choice": choice}
        )
    return lines


def _record_lines(records: list[RecordReport]) -> list[str]:
    """One line per field (or per record, for deleted and withheld ones), columns aligned, file by file."""
    cells: list[tuple[str, str, str, str]] = []
    for record in records:
        if record.differences:
            cells += [
                (
                    record.file,
                    record.key,
                    difference.field,
                    _("database: %(database)s  bundled: %(bundled)s")
                    % {"database": difference.database, "bundled": difference.bundled},
                )
                for difference in record.differences
            ]
        elif record.outcome == Outcome.REMOVED:
            cells.append(
                (record.file, record.key, "", _("removed as no longer bundled"))
            )
        elif record.outcome == Outcome.KEPT_UNBUNDLED and record.refers_to:
            column, value = record.refers_to
            cells.append(
                (
                    record.file,
                    record.key,
                    column,
                    _("no longer bundled, but “%(value)s” refers to it: kept")
                    % {"value": value},
                )
            )
        elif record.outcome == Outcome.KEPT_UNBUNDLED:
            cells.append(
                (
                    record.file,
                    record.key,
                    "",
                    _("no longer bundled, but changed in the database: kept"),
                )
            )
        elif record.refers_to:
            column, value = record.refers_to
            cells.append(
                (
                    record.file,
                    record.key,
                    column,
                    _("refers to “%(value)s”, deleted in the database")
                    % {"value": value},
                )
            )
        elif record.outcome == Outcome.RESTORED:
            cells.append(
                (record.file, record.key, "", _("restored from the bundled data"))
            )
        else:
            cells.append((record.file, record.key, "", _("deleted in the database")))
    widths = [max(len(cell[i]) for cell in cells) for i in range(3)]
    lines = []
    for cell in cells:
        columns = [cell[i].ljust(widths[i]) for i in range(3) if widths[i]]
        lines.append("  ".join([*columns, cell[3]]))
    return lines
