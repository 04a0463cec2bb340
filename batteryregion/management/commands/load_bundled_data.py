"""manage.py load_bundled_data: seed an empty database with the bundled Battery Region data, or compare the bundled
data with a database in use, all or nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from batteryregion.bundled_data import (
    BUNDLED_FILES,
    BundledDataError,
    LoadChoices,
    database_has_bundled_kinds,
    load_bundled_data,
    report_lines,
)

HELP = """Load the bundled Battery Region data into the database, or compare it with a database in use.
Once the portal is in use the database is the source of truth: the bundled data adds what is new and never
overwrites or brings back a coordinator's change. Record by record (matched on the file's key):
a record not in the database is added; a record that nobody but this loader has changed (every field and link
still holds what the loader last wrote) is updated to the bundled value; a record changed since it was loaded
(in the admin, by an import, the API or the shell, or before history was kept) is left as it is and reported,
field by field, with the database and the bundled value; a record deleted in the database stays deleted and is
reported. Taking the bundled value needs --overwrite or --overwrite-record FILE:KEY, bringing back a deleted
record --restore-deleted FILE:KEY; both are recorded in the record's history. The load is one transaction: a bad
row stops it with file, row, field and reason, and nothing is written."""


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            help="Folder of the CSV files (default: the bundled data).",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default="en",
            help="Language of the messages and the report.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into a database that holds no record (and no history) of the bundled kinds; "
            "otherwise do nothing and say so. `make run` uses this.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print the same report and counts, and write nothing.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Take the bundled value for every record reported as changed in the database.",
        )
        parser.add_argument(
            "--overwrite-record",
            action="append",
            default=[],
            metavar="FILE:KEY",
            help="Take the bundled value for one reported record, e.g. programmes.csv:some-programme or "
            "offerings.csv:PROGRAMME/SITE/2026-08-17 (the key as the report shows it). Repeatable.",
        )
        parser.add_argument(
            "--restore-deleted",
            action="append",
            default=[],
            metavar="FILE:KEY",
            help="Bring back one record deleted in the database, e.g. competence_needs.csv:some-need. Repeatable.",
        )

    def handle(
        self,
        *args: object,
        data_dir: Path | None = None,
        language: str = "en",
        if_empty: bool = False,
        dry_run: bool = False,
        overwrite: bool = False,
        overwrite_record: list[str] | None = None,
        restore_deleted: list[str] | None = None,
        **options: object,
    ) -> None:
        with translation.override(language):
            if if_empty and database_has_bundled_kinds():
                self.stdout.write(
                    _(
                        "The database already holds data, so the bundled data was not loaded. Run "
                        "load_bundled_data without --if-empty to compare the bundled data with it."
                    )
                )
                return
            choices = LoadChoices(
                dry_run=dry_run,
                overwrite_all=overwrite,
                overwrite=_records(overwrite_record or []),
                restore=_records(restore_deleted or []),
            )
            try:
                report = load_bundled_data(data_dir, choices)
            except BundledDataError as error:
                raise CommandError(
                    _("The bundled data was not loaded; nothing was written.")
                    + f"\n{error}"
                ) from error
            if options.get("verbosity", 1) < 1:
                return
            for line in report_lines(report):
                self.stdout.write(line)
            self.stdout.write(
                _("Bundled data version: %(version)s") % {"version": report.version}
            )
            if dry_run:
                message = _("Dry run: nothing was written.")
            elif report.changed:
                message = _("Bundled data loaded.")
            else:
                message = _("Bundled data already up to date.")
            self.stdout.write(self.style.SUCCESS(message))


def _records(choices: list[str]) -> frozenset[tuple[str, str]]:
    """FILE:KEY arguments as (file, key); the file may be given without .csv."""
    records = set()
    for choice in choices:
        file, separator, key = choice.partition(":")
        file = file if file.endswith(".csv") else f"{file}.csv"
        if not separator or not key or file not in BUNDLED_FILES:
            raise CommandError(
                _(
                    "“%(choice)s” does not name a record: write FILE:KEY, where FILE is one of %(files)s."
                )
                % {"choice": choice, "files": ", ".join(BUNDLED_FILES)}
            )
        records.add((file, key))
    return frozenset(records)
