"""manage.py demo_coordinator: create (or report) the demo coordinator login of a local installation."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from batteryregion.services import demo_coordinator_ensure

DEFAULT_PASSWORD = "battery-region-demo"


class Command(BaseCommand):
    help = (
        "Create the demo coordinator login for local use, or report it when it exists."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="coordinator")

    def handle(
        self, *args: object, username: str = "coordinator", **options: object
    ) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "The demo coordinator is for local development only (DEBUG=true)."
            )
        password = os.environ.get("DEMO_COORDINATOR_PASSWORD", DEFAULT_PASSWORD)
        _user, created = demo_coordinator_ensure(username=username, password=password)
        if created:
            self.stdout.write(
                f"Demo coordinator created: user “{username}”, password “{password}”."
            )
        else:
            self.stdout.write(
                f"Demo coordinator exists: user “{username}” (password unchanged; default “{DEFAULT_PASSWORD}”)."
            )
