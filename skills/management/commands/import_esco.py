"""manage.py import_esco: take ESCO's official labels (fi, sv, en) for the concepts on the map from the CSV
download of one ESCO version, without overwriting what a coordinator changed."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from skills.esco_import import (
    EscoFileError,
    apply_plan,
    plan_import,
    read_download,
    report_lines,
)

HELP = """Import ESCO's official CSV download (occupations_<lang>.csv, skills_<lang>.csv and, if present,
ISCOGroups_<lang>.csv and occupationSkillRelations_en.csv) for one ESCO version. Only the occupations and skills
on the map are touched, matched by ESCO URI. A preferred or alternative label is replaced by ESCO's when it is
empty, or when its latest change was made by the bundled-data loader or an earlier import and it still holds that
text; a label a coordinator changed is kept and reported with ESCO's value. Taken labels are marked as ESCO's and
each concept found records the version. Concepts the version no longer has (deprecated or replaced), invalid URIs,
differing ISCO groups and links ESCO does not have are reported, never changed. One transaction; a bad file stops
it with file, row, column and reason, and nothing is written."""

VERSION_PATTERN = re.compile(r"^v\d+\.\d+(\.\d+)?$")


class Command(BaseCommand):
    help = HELP

    def create_parser(
        self, prog_name: str, subcommand: str, **kwargs: object
    ) -> CommandParser:
        # --version names the ESCO version here, not the version of Django.
        return super().create_parser(
            prog_name, subcommand, conflict_handler="resolve", **kwargs
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "folder", type=Path, help="Folder of the unpacked ESCO CSV download."
        )
        parser.add_argument(
            "--version",
            dest="esco_version",
            required=True,
            help="ESCO version, e.g. v1.2.0.",
        )
        parser.add_argument(
            "--languages",
            default="fi,sv,en",
            help="Comma-separated languages whose files are read (default: fi,sv,en).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print the same report and write nothing.",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default="en",
            help="Language of the messages and the report.",
        )

    def handle(self, *args: object, **options: object) -> None:
        folder = Path(str(options["folder"]))
        version = str(options["esco_version"])
        with translation.override(str(options["language"])):
            if not VERSION_PATTERN.match(version):
                raise CommandError(_("Give the ESCO version in the form v1.2.0."))
            known = [code for code, _name in settings.LANGUAGES]
            languages = tuple(
                dict.fromkeys(
                    code.strip() for code in str(options["languages"]).split(",")
                )
            )
            if not languages or any(code not in known for code in languages):
                raise CommandError(
                    _("Languages must be among %(known)s.")
                    % {"known": ", ".join(known)}
                )
            if not folder.is_dir():
                raise CommandError(
                    _("%(folder)s is not a folder.") % {"folder": folder}
                )
            try:
                download = read_download(folder, version, languages)
            except EscoFileError as error:
                raise CommandError(
                    _("The ESCO files were not imported; nothing was written.")
                    + f"\n{error}"
                ) from error
            plan = plan_import(download)
            saved = None if options["dry_run"] else apply_plan(plan)
            for line in report_lines(plan, saved):
                self.stdout.write(line)
