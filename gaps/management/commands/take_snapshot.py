"""manage.py take_snapshot [--monthly] [--title TEXT]: freeze the public dataset and the gap figures as a dated
snapshot; --monthly only when no snapshot is dated this month, so that a daily timer takes exactly one a month."""

from django.core.management.base import BaseCommand, CommandParser

from gaps.snapshots.services import snapshot_take

HELP = """Take a snapshot of the map: the public dataset and the default gap analysis as they stand now, stored
read-only with a public page (/<lang>/gaps/snapshots/<date>/). With --monthly, take one only if no snapshot is dated
in the current month: run it daily from cron or a systemd timer and the partnership gets one snapshot a month."""


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--monthly",
            action="store_true",
            help="Take one only if no snapshot is dated in the current month.",
        )
        parser.add_argument(
            "--title",
            default="",
            help='The title in every language (default: "Battery Region map, <date>" in each language).',
        )

    def handle(
        self, *args: object, monthly: bool, title: str, **options: object
    ) -> None:
        snapshot = snapshot_take(title=title or None, monthly=monthly)
        if snapshot is None:
            self.stdout.write("A snapshot of this month exists already; none taken.")
            return
        counts = snapshot.counts
        self.stdout.write(
            f"Snapshot {snapshot.slug} ({snapshot.title_en}): data version {snapshot.data_version}; "
            f"{counts['programmes_running']} programmes running, {counts['needs']} standing needs; "
            f"sha256 {snapshot.sha256}"
        )
