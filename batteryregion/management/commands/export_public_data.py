"""manage.py export_public_data: write the bulk export (the zip GET /api/v1/export/ serves, and its manifest) to a
folder, for a nightly job that publishes it."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from batteryregion.bulk_export.archive import write_export

HELP = """Write the whole public dataset of the partner API to a folder: export.zip (manifest.json, jsonl/ and csv/
per resource, the same objects as the API) and manifest.json beside it. Give --base-url (the portal's public
address, e.g. https://map.example.org/) so that the page links in the data are absolute."""


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "output", type=Path, help="Folder to write export.zip and manifest.json to."
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="The portal's public address; without it, page links are paths (/fi/programmes/…).",
        )

    def handle(
        self, *args: object, output: Path, base_url: str, **options: object
    ) -> None:
        output.mkdir(parents=True, exist_ok=True)
        manifest = write_export(output / "export.zip", base_url)
        (output / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        counts = ", ".join(
            f"{name} {entry['count']}" for name, entry in manifest["resources"].items()
        )
        self.stdout.write(
            f"{output / 'export.zip'}: data version {manifest['data_version']}; {counts}"
        )
