"""The bundled Battery Region data (batteryregion/data/): seeds an empty database, and afterwards only proposes.

- ``rows``: reading the CSV files, with translated errors naming file, row and field.
- ``loader``: the comparison of each row with its record (add, update, keep and report, keep deleted), in one
  transaction; ``vocabulary``, ``supply`` and ``partnership`` hold the steps per file.
- ``history``: what simple-history says about a record (still as loaded? once the loader's key?).
- ``unbundled``: competence needs the file no longer lists: removed when unchanged since loaded, else kept and
  reported.
- ``report``: counts and the per-field report, in the command's language.
"""

from pathlib import Path

from django.conf import settings

from batteryregion.bundled_data.loader import (
    BUNDLED_FILES,
    LoadChoices,
    Loader,
    database_has_bundled_kinds,
)
from batteryregion.bundled_data.report import LoadReport, Outcome, report_lines
from batteryregion.bundled_data.rows import BundledDataError, RowError

__all__ = [
    "BUNDLED_FILES",
    "BundledDataError",
    "LoadChoices",
    "LoadReport",
    "Loader",
    "Outcome",
    "RowError",
    "database_has_bundled_kinds",
    "load_bundled_data",
    "report_lines",
]


def load_bundled_data(
    directory: Path | None = None, choices: LoadChoices | None = None
) -> LoadReport:
    """Load the bundled data, or compare it with a used database; raises BundledDataError, writing nothing, when a
    row is bad."""
    return Loader(directory or settings.BUNDLED_DATA_DIR, choices).run()
