"""manage.py compile_catalogues: compile locale/*/LC_MESSAGES/django.po without GNU gettext."""

import os
import tempfile
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


def write_if_changed(target: Path, content: bytes) -> None:
    """Replace target atomically, and only when its bytes change: two test runs side by side (CI runs SQLite and
    PostgreSQL at once) both compile the catalogues, and neither may read a half-written .mo of the other."""
    if target.exists() and target.read_bytes() == content:
        return
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}."
    )
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)


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
            write_if_changed(po_path.with_suffix(".mo"), catalogue.to_binary())
            self.stdout.write(
                f"{po_path.with_suffix('.mo')}: {len(catalogue.translated_entries())} messages"
            )
