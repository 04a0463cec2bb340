"""manage.py compile_catalogues: compile locale/*/LC_MESSAGES/django.po without GNU gettext."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogues() -> list[Path]:
    """The project's .po files."""
    return sorted(
        path
        for root in settings.LOCALE_PATHS
        for path in Path(root).glob("*/LC_MESSAGES/*.po")
    )


class Command(BaseCommand):
    help = "Compile the project's message catalogues (.po → .mo) in pure Python."

    def handle(self, *args: object, **options: object) -> None:
        for po_path in catalogues():
            try:
                catalogue = polib.pofile(str(po_path))
            except (OSError, ValueError) as error:
                raise CommandError(f"{po_path}: {error}") from error
            fuzzy = [entry.msgid for entry in catalogue if "fuzzy" in entry.flags]
            if fuzzy:
                self.stderr.write(
                    f"{po_path}: {len(fuzzy)} fuzzy entries are left out until they are reviewed."
                )
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(
                f"{po_path.with_suffix('.mo')}: {len(catalogue.translated_entries())} messages"
            )
