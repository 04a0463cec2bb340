"""Running an import: every row of every sheet, in one transaction, rolled back for the preview.

Each row is tried inside a savepoint: a row that is refused (a bad cell, a record outside the coordinator's scope,
a rule of the model) is rolled back alone, with the column and the reason; a row that changes nothing is rolled
back too and counted as unchanged. What changed is read from the record as the file shows it, before and after
(``LayoutResource.values``), so the preview lists every changed column with its old and new value. Every saved
version records the import channel, the coordinator and "Import: <file name>" as its change reason.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from import_export.instance_loaders import ModelInstanceLoader

from batteryregion.imports import keys, widgets
from batteryregion.imports.files import Sheet, read_sheets
from batteryregion.imports.layouts import LayoutResource
from batteryregion.imports.lookups import CodeLookup, folded, name_columns
from batteryregion.records import (
    ChangeChannel,
    RecordOrigin,
    changes_through,
    one_version,
)
from coordinators import permissions
from programmes.models import Programme
from skills.models import Site

# What the preview and the result keep of the created and changed rows (every refused row is kept).
LISTED_ROWS = 500
NOT_COMPARED = {"updated_at"}

Progress = Callable[[int, int], None]


@dataclass
class RowOutcome:
    sheet: str
    row: int
    label: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    warning: str = ""
    code: str = ""


@dataclass
class Refusal:
    sheet: str
    row: int
    column: str
    reason: str


@dataclass
class Summary:
    created: list[RowOutcome] = field(default_factory=list)
    changed: list[RowOutcome] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what of the file is left out
    # The keys of refused rows, by model: a later sheet's link to one says where it was refused.
    refused_keys: dict[type, dict[str, tuple[str, int]]] = field(default_factory=dict)

    def count(self, sheet: str, outcome: str) -> None:
        per_sheet = self.counts.setdefault(
            sheet, {"created": 0, "changed": 0, "unchanged": 0, "refused": 0}
        )
        per_sheet[outcome] += 1

    def as_json(self) -> dict[str, Any]:
        def rows(outcomes: list[RowOutcome]) -> list[dict[str, Any]]:
            return [
                {
                    "sheet": o.sheet,
                    "row": o.row,
                    "label": o.label,
                    "changes": o.changes,
                    "warning": o.warning,
                    "code": o.code,
                }
                for o in outcomes[:LISTED_ROWS]
            ]

        return {
            "notes": self.notes,
            "counts": self.counts,
            "created": rows(self.created),
            "changed": rows(self.changed),
            "refused": [vars(r) for r in self.refused],
            "listed_limit": LISTED_ROWS,
            "listed_limit_reached": max(len(self.created), len(self.changed))
            > LISTED_ROWS,
        }


class RowRefused(Exception):
    def __init__(self, column: str, reason: str) -> None:
        self.column = column
        self.reason = reason


def run_import(
    *,
    file_name: str,
    content: bytes,
    kind: str,
    user: AbstractBaseUser,
    language: str,
    confirm: bool,
    progress: Progress = lambda done, total: None,
) -> Summary:
    """Import the file, or only find what it would do (``confirm`` False: everything is rolled back)."""
    with translation.override(language):
        read = read_sheets(file_name, content, kind)
        sheets = read.sheets
        total = sum(len(sheet.rows) for sheet in sheets)
        summary = Summary(notes=read.notes)
        done = 0
        progress(done, total)
        with changes_through(ChangeChannel.IMPORT), transaction.atomic():
            for sheet in sheets:
                runner = SheetRunner(sheet, sheets, user, file_name)
                for row in sheet.rows:
                    runner.run(row, summary)
                    done += 1
                    if done % 50 == 0 or done == total:
                        progress(done, total)
            if not confirm:
                transaction.set_rollback(True)
        return summary


class SheetRunner:
    def __init__(
        self, sheet: Sheet, sheets: list[Sheet], user: AbstractBaseUser, file_name: str
    ) -> None:
        self.sheet = sheet
        self.layout = sheet.layout
        self.resource: LayoutResource = sheet.layout.resource()
        self.loader = ModelInstanceLoader(self.resource)
        self.user = user
        self.file_name = file_name
        # Stored, like the loader's reasons, in one language whatever the coordinator's.
        self.reason = f"Import: {file_name}"[:100]
        self.seen: dict[tuple, int] = {}
        self.offered_sites = (
            _offered_sites(sheets) if self.layout.model is Programme else {}
        )

    def run(self, row: dict[str, Any], summary: Summary) -> None:
        savepoint = transaction.savepoint()
        try:
            outcome, created = self.import_row(row)
        except (RowRefused, ValidationError, DatabaseError) as error:
            transaction.savepoint_rollback(savepoint)
            self.refuse(row, self.reasons(error), summary)
            return
        if outcome is None:
            transaction.savepoint_rollback(savepoint)
            summary.count(self.sheet.name, "unchanged")
            return
        transaction.savepoint_commit(savepoint)
        (summary.created if created else summary.changed).append(outcome)
        summary.count(self.sheet.name, "created" if created else "changed")

    def reasons(self, error: Exception) -> list[tuple[str, str]]:
        """(column, reason) of a refused row, each once, under the column of the file that holds the value."""
        if isinstance(error, RowRefused):
            found = [(error.column, error.reason)]
        elif isinstance(error, ValidationError):
            found = _messages(error)
        else:
            found = [
                ("", _("The database refused the row: %(error)s") % {"error": error})
            ]
        columns = self.layout.columns
        reasons = []
        for column, reason in found:
            if column and column not in columns:
                # A translated field's rule (name) is about its column in the default language (name_en).
                default = f"{column}_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"
                column = default if default in columns else column
            if (column, reason) not in reasons:
                reasons.append((column, reason))
        return reasons

    def refuse(
        self, row: dict[str, Any], reasons: list[tuple[str, str]], summary: Summary
    ) -> None:
        """The row is left out, with its reasons; a link to a row refused earlier in the file says so."""
        number = row["__row__"]
        links = self.refused_links(row, summary)
        for column, reason in reasons:
            notes = [
                _(
                    "“%(code)s” is in row %(row)s of the sheet “%(sheet)s”, which is refused."
                )
                % {"code": code, "row": refused_row, "sheet": refused_sheet}
                for link, code, (refused_sheet, refused_row) in links
                if link in column.split(", ")
            ]
            summary.refused.append(
                Refusal(self.sheet.name, number, column, " ".join([reason, *notes]))
            )
        # What a later sheet may call the refused record: its code, or a name (lookups.py).
        if len(self.layout.key) == 1:
            refused = summary.refused_keys.setdefault(self.layout.model, {})
            for column in [self.layout.key[0], *name_columns(self.layout.model)]:
                written = widgets.cell_text(row.get(column))
                if written:
                    refused[written] = (self.sheet.name, number)
        summary.count(self.sheet.name, "refused")

    def refused_links(
        self, row: dict[str, Any], summary: Summary
    ) -> list[tuple[str, str, tuple[str, int]]]:
        """(column, code, where it was refused) for each of the row's links to a record refused in the file."""
        found = []
        for column, resource_field in self.resource.fields.items():
            widget = resource_field.widget
            refused = summary.refused_keys.get(getattr(widget, "model", None), {})
            if not refused or column not in row:
                continue
            found += [
                (column, code, refused[code])
                for code in widgets.codes_in(row[column])
                if code in refused
            ]
        return found

    def import_row(self, row: dict[str, Any]) -> tuple[RowOutcome | None, bool]:
        model = self.layout.model
        key_columns = ", ".join(self.layout.key)
        if "slug" in self.layout.key and not widgets.cell_text(row.get("slug")):
            if not keys.may_make_code(self.layout):
                raise RowRefused("slug", _("The row has no code (slug): write one."))
            try:
                row["slug"] = keys.made_code(self.layout, self.resource, row)
            except keys.NoCode as error:
                raise RowRefused(error.column, error.reason) from None
            if not row["slug"]:
                raise RowRefused("slug", keys.no_code_reason(self.layout))
        try:
            instance, new = self.resource.get_or_init_instance(self.loader, row)
        except (ValueError, model.MultipleObjectsReturned) as error:
            raise RowRefused(key_columns, str(error)) from None
        key = tuple(str(row.get(column, "")).strip() for column in self.layout.key)
        if key in self.seen:
            raise RowRefused(
                key_columns,
                _("Row %(row)s of this sheet has the same key.")
                % {"row": self.seen[key]},
            )
        self.seen[key] = row["__row__"]
        if new and not permissions.can_add(self.user, model):
            raise RowRefused(key_columns, _("You may not add records of this kind."))
        if not new and not permissions.can_change(self.user, model, instance):
            raise RowRefused(
                key_columns,
                _(
                    "You may not change this record: it is outside your organisations and regions."
                ),
            )
        before = self.resource.values(instance, row)
        warning = "" if new else _newer_edit(instance, row)
        errors: dict[str, Any] = {}
        try:
            self.resource.import_instance(instance, row)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        links = {}
        for column in self.layout.link_columns:
            if column in row:
                field = self.resource.fields[column]
                try:
                    links[column] = field.widget.render_codes(field.clean(row))
                except ValueError as error:
                    errors.setdefault(column, []).append(str(error))
        parts = {}
        for part in self.resource.parts:
            try:
                parts[part] = part.read(row)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if (
            not new
            and not errors
            and self.unchanged(instance, row, before, links, parts)
        ):
            return (
                None,
                False,
            )  # nothing to save: no version, no validation of what stays as it is
        if new:
            instance.origin = RecordOrigin.IMPORT
            instance.source_version = self.file_name[:40]
        self.resource.validate_instance(instance, errors)
        self.check_scope(instance, new)
        instance._change_reason = self.reason
        instance._history_user = self.user
        with one_version(instance, created=new):
            instance.save()
            self.resource.save_m2m(
                instance, row, using_transactions=True, dry_run=False
            )
        for part, value in parts.items():
            part.write(instance, value)
        label = str(instance)
        if new:
            # Its key as an export gives it: the code made for it (keys.py), links by their codes.
            code = " / ".join(
                self.resource.export_field(self.resource.fields[column], instance)
                for column in self.layout.key
            )
            return RowOutcome(self.sheet.name, row["__row__"], label, code=code), True
        after = self.resource.values(instance, row)
        changes = [
            (column, before.get(column, ""), value)
            for column, value in after.items()
            if column in row
            and column not in NOT_COMPARED
            and before.get(column, "") != value
        ]
        if not changes:
            return None, False
        return RowOutcome(
            self.sheet.name, row["__row__"], label, changes, warning
        ), False

    def unchanged(
        self,
        instance: models.Model,
        row: dict[str, Any],
        before: dict[str, str],
        links: dict[str, str],
        parts: dict[type, Any],
    ) -> bool:
        """Whether the row leaves the record as it is: its fields as read into the instance, its links and parts
        as the file gives them, each shown as an export shows it."""
        shown = {}
        for column in row:
            if column in links:
                shown[column] = links[column]
            elif column in before and column not in NOT_COMPARED:
                field = self.resource.fields.get(column)
                if field is not None and field.attribute:
                    shown[column] = self.resource.export_field(field, instance)
        for part, value in parts.items():
            shown.update(part.render(value))
        return all(before.get(column, "") == value for column, value in shown.items())

    def check_scope(self, instance: models.Model, new: bool) -> None:
        """The record, as it would be saved, stays within what the coordinator may change."""
        sites = None
        if isinstance(instance, Programme):
            # A programme within reach through its offerings: the file's, and (read only when needed) those it has.
            sites = _sites_offered_to(instance, self.offered_sites)
        within = permissions.holds(self.user, instance, sites=sites)
        if not within and sites is not None and not new:
            sites += Site.objects.filter(offerings__programme=instance)
            within = permissions.holds(self.user, instance, sites=sites)
        if within is False or (within is None and isinstance(instance, Programme)):
            raise RowRefused(
                "",
                _(
                    "This record would be outside your organisations and regions; only records of your "
                    "organisations, or given in your regions, can be imported."
                ),
            )


def _offered_sites(sheets: list[Sheet]) -> dict[str, list[Site]]:
    """The sites of the file's offerings, per programme as the offerings name it (its code or a name, folded): a new
    programme is in reach through them. The sites are found as the offerings sheet will find them."""
    sites = CodeLookup(Site, "slug")
    offered: dict[str, list[Site]] = {}
    for sheet in sheets:
        if sheet.layout.name == "offerings":
            for row in sheet.rows:
                found, _unknown = sites.find(widgets.codes_in(row.get("site")))
                programme = folded(widgets.cell_text(row.get("programme")))
                offered.setdefault(programme, []).extend(found.values())
    return offered


def _sites_offered_to(
    programme: Programme, offered: dict[str, list[Site]]
) -> list[Site]:
    """The file's offered sites of a programme the offerings name by its code or by one of its names."""
    names = [programme.slug, *(getattr(programme, c) for c in name_columns(Programme))]
    keys = {folded(name) for name in names if name}
    return [site for key in keys for site in offered.get(key, [])]


def _newer_edit(instance: models.Model, row: dict[str, Any]) -> str:
    """A warning when the record changed after the file was exported (its ``updated_at`` column)."""
    exported = str(row.get("updated_at") or "").strip()
    if not exported or not hasattr(instance, "updated_at"):
        return ""
    try:
        exported_at = datetime.datetime.fromisoformat(exported)
    except ValueError:
        return ""
    if timezone.is_naive(exported_at):
        exported_at = timezone.make_aware(exported_at, datetime.UTC)
    if instance.updated_at <= exported_at + datetime.timedelta(seconds=1):
        return ""
    return _(
        "Changed on %(date)s, after this file was exported: importing it sets the changed values back."
    ) % {
        "date": formats.date_format(
            timezone.localtime(instance.updated_at), "SHORT_DATETIME_FORMAT"
        )
    }


def _messages(error: ValidationError) -> list[tuple[str, str]]:
    if not hasattr(error, "error_dict"):
        return [("", message) for message in error.messages]
    return [
        ("" if column == NON_FIELD_ERRORS else column, message)
        for column, errors in error.message_dict.items()
        for message in errors
    ]
