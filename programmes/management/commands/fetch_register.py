"""manage.py fetch_register REGISTER: read a national register of education for the region's providers and
propose what it says, without overwriting what a coordinator changed."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from programmes.registers.client import HttpClient, RecordedClient
from programmes.registers.report import report_lines
from programmes.registers.run import RegisterFetchError, register_fetch

HELP = """Read a national register of education (opintopolku; susa and yh once their modules are installed) for
the region's providers (actors with an identifier in the register and a site on the map) and its battery-relevant
search words. Programmes are matched on the register identifier they carry (Opintopolku OID, Susa-navet id,
provider code). New programmes are created as drafts; a field is changed only while it holds what the register last
wrote, and a coordinator's value is kept and reported as a conflict. Programmes the register no longer lists are
marked as discontinuation candidates, never discontinued or deleted. Every record written records the register
and the date as its source. One transaction; --dry-run prints the same report and writes nothing. A record the
register gives malformed is reported with its field and skipped; the others are still read. Exit status 1 when
the register cannot be read or a provider named is not on the map."""


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "register", help="The register: opintopolku (and susa, yh when installed)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print the preview and write nothing.",
        )
        parser.add_argument(
            "--responses",
            type=Path,
            metavar="DIR",
            help="Read recorded answers from this folder instead of the network (file names: "
            "programmes/registers/client.py).",
        )
        parser.add_argument(
            "--provider",
            action="append",
            default=[],
            metavar="ID",
            help="Only this provider (its slug or register identifier). Repeatable.",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default="en",
            help="Language of the messages and the report.",
        )

    def handle(self, *args: object, **options: object) -> None:
        with translation.override(str(options["language"])):
            responses = options["responses"]
            if responses is not None and not Path(str(responses)).is_dir():
                raise CommandError(
                    _("%(folder)s is not a folder.") % {"folder": responses}
                )
            client = (
                RecordedClient(Path(str(responses)))
                if responses is not None
                else HttpClient()
            )
            try:
                result = register_fetch(
                    str(options["register"]),
                    client,
                    providers=list(options["provider"]),  # type: ignore[call-overload]
                    dry_run=bool(options["dry_run"]),
                )
            except RegisterFetchError as error:
                raise CommandError(str(error)) from error
            for line in report_lines(result.preview, result.applied):
                self.stdout.write(line)
