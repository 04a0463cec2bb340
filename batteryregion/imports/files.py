"""Reading an uploaded file into sheets of rows: a CSV file (UTF-8 or Windows-1252, commas or semicolons, as Excel
saves it in Finland and Sweden) holds one kind of record; an Excel workbook holds a sheet per kind, named as the
kinds are (``actors``, ``programmes`` …). Which kind a sheet holds comes from its name, the form's choice, or its
columns. Every refusal is a sentence in the coordinator's language.
"""

import csv
import io
from dataclasses import dataclass
from typing import Any

import tablib
from django.utils.translation import gettext as _

from batteryregion.imports.keys import may_make_code
from batteryregion.imports.layouts import (
    BY_NAME,
    LAYOUTS,
    Layout,
    layout_for_columns,
    layout_named,
)

FORMATS = ("csv", "xlsx")


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, in the coordinator's language."""


@dataclass
class Sheet:
    name: str
    layout: Layout
    header: list[str]
    rows: list[dict[str, Any]]  # (row number in the file, from 2) → cells by column


@dataclass
class ReadFile:
    """A file's sheets in the order they import, and what of the file is left out (a sentence each)."""

    sheets: list[Sheet]
    notes: list[str]


def file_format(file_name: str) -> str:
    suffix = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if suffix not in FORMATS:
        raise ImportFileError(
            _("Upload a CSV file (.csv) or an Excel workbook (.xlsx), not “%(name)s”.")
            % {"name": file_name}
        )
    return suffix


def read_sheets(file_name: str, content: bytes, kind: str = "") -> ReadFile:
    """The file's sheets in the order they import (a record's links point to kinds imported before it).

    What a coordinator's own workbook may hold besides the layout is left out and said in the preview: a column
    the layout does not know (notes, a colour), a sheet that names no kind of record (instructions)."""
    if file_format(file_name) == "csv":
        tables = [(kind, _csv_rows(content))]
    else:
        tables = _workbook_rows(content, kind)
    sheets: list[Sheet] = []
    notes: list[str] = []
    unknown_sheets: list[str] = []
    while tables:
        # Each sheet's cells are let go once its rows are built: a large file is not held twice.
        name, table = tables.pop(0)
        if not table:
            continue
        header = [str(cell or "").strip().lower() for cell in table[0]]
        layout = layout_named(name) or layout_for_columns(header)
        if layout is None:
            if any(str(cell or "").strip() for cells in table for cell in cells):
                unknown_sheets.append(name or file_name)
            continue  # an empty sheet (Excel's "Sheet2") says nothing
        sheet_name = name or layout.name
        missing = [
            column
            for column in layout.key
            if column not in header and not (column == "slug" and may_make_code(layout))
        ]
        if missing:
            raise ImportFileError(
                _("The sheet “%(sheet)s” (%(kind)s) lacks the key columns %(columns)s.")
                % {
                    "sheet": sheet_name,
                    "kind": layout.label,
                    "columns": ", ".join(missing),
                }
            )
        unknown = [
            column for column in header if column and column not in layout.columns
        ]
        if unknown:
            notes.append(
                _(
                    "The sheet “%(sheet)s” (%(kind)s) has columns the layout does not know; they are left out: "
                    "%(columns)s."
                )
                % {
                    "sheet": sheet_name,
                    "kind": layout.label,
                    "columns": ", ".join(unknown),
                }
            )
        rows = []
        for number, cells in enumerate(table[1:], start=2):
            if all(cell is None or str(cell).strip() == "" for cell in cells):
                continue
            row = {
                column: cell
                for column, cell in zip(header, cells, strict=False)
                if column and column not in unknown
            }
            row["__row__"] = number
            rows.append(row)
        del table
        sheets.append(Sheet(sheet_name, layout, header, rows))
    if unknown_sheets and not sheets:
        raise ImportFileError(
            _(
                "The sheet “%(sheet)s” is not one of the kinds of record (%(kinds)s), and its columns name "
                "none of them: the first row must name the columns, as the column layout shows."
            )
            % {"sheet": unknown_sheets[0], "kinds": ", ".join(BY_NAME)}
        )
    notes.extend(
        _(
            "The sheet “%(sheet)s” is left out: it is not one of the kinds of record (%(kinds)s), and its "
            "columns name none of them."
        )
        % {"sheet": name, "kinds": ", ".join(BY_NAME)}
        for name in unknown_sheets
    )
    names = [sheet.layout.name for sheet in sheets]
    if len(set(names)) < len(names):
        raise ImportFileError(
            _("Two sheets of the workbook hold the same kind of record.")
        )
    if not sheets:
        raise ImportFileError(_("The file has no rows to import."))
    order = [layout.name for layout in LAYOUTS]
    return ReadFile(
        sorted(sheets, key=lambda sheet: order.index(sheet.layout.name)), notes
    )


def _csv_rows(content: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _workbook_rows(content: bytes, kind: str) -> list[tuple[str, list[list[Any]]]]:
    try:
        book = tablib.Databook().load(content, "xlsx")
    except (
        Exception
    ) as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportFileError(
            _("The file could not be read as an Excel workbook (%(error)s).")
            % {"error": error}
        ) from None
    tables = []
    sheets = book.sheets()
    for sheet in sheets:
        name = (sheet.title or "").strip().lower()
        if len(sheets) == 1 and kind:
            name = kind
        rows = [list(sheet.headers or [])] + [list(row) for row in sheet]
        tables.append((name, rows))
    return tables


def headers_only(layout: Layout) -> tablib.Dataset:
    """An empty sheet with the kind's columns: the template a coordinator fills in."""
    return tablib.Dataset(headers=layout.columns, title=layout.name)
