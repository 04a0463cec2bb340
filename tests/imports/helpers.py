"""Files for import tests: exported from the database, or written row by row, as CSV or as a workbook."""

from typing import Any

import tablib

from batteryregion.imports.layouts import BY_NAME
from batteryregion.imports.running import run_import


def export(kind: str, queryset: Any = None) -> tablib.Dataset:
    layout = BY_NAME[kind]
    return layout.resource().export(
        queryset if queryset is not None else layout.model.objects.all()
    )


def csv_file(headers: list[str], *rows: list[Any], delimiter: str = ",") -> bytes:
    return (
        tablib.Dataset(*rows, headers=headers)
        .export("csv", delimiter=delimiter)
        .encode()
    )


def workbook(**sheets: tablib.Dataset) -> bytes:
    book = tablib.Databook()
    for name, sheet in sheets.items():
        sheet.title = name
        book.add_sheet(sheet)
    return book.export("xlsx")


def with_changes(dataset: tablib.Dataset, **changes: dict[str, Any]) -> tablib.Dataset:
    """The dataset with some cells changed: ``slug={"column": value}``, by the row's first column."""
    rows = []
    for row in dataset:
        row = list(row)
        for column, value in changes.get(row[0], {}).items():
            row[dataset.headers.index(column)] = value
        rows.append(row)
    return tablib.Dataset(*rows, headers=dataset.headers)


def run(user: Any, name: str, content: bytes, *, confirm: bool = True, language: str = "en", kind: str = ""):  # fmt: skip
    """The import of a file by ``user``, at once (no task)."""
    return run_import(
        file_name=name,
        content=content,
        kind=kind,
        user=user,
        language=language,
        confirm=confirm,
    )
