"""manage.py load_bundled_data: load or refresh the bundled Battery Region data, all or nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from batteryregion.bundled_data import BundledDataError, load_bundled_data


class Command(BaseCommand):
    help = "Load the bundled Battery Region data (idempotent; a bad row stops the load and nothing is written)."

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
            help="Language of the messages.",
        )

    def handle(
        self,
        *args: object,
        data_dir: Path | None = None,
        language: str = "en",
        **options: object,
    ) -> None:
        with translation.override(language):
            try:
                report = load_bundled_data(data_dir)
            except BundledDataError as error:
                raise CommandError(
                    _("The bundled data was not loaded; nothing was written.")
                    + f"\n{error}"
                ) from error
            for model, counts in sorted(report.counts.items()):
                figures = ", ".join(
                    f"{counts[o]} {o}"
                    for o in ("created", "updated", "deleted", "unchanged")
                    if counts[o]
                )
                self.stdout.write(f"{model}: {figures}")
            message = (
                _("Bundled data loaded.")
                if report.changed
                else _("Bundled data already up to date.")
            )
            self.stdout.write(self.style.SUCCESS(message))
