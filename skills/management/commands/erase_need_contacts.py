"""manage.py erase_need_contacts: erase the contacts of employers' submissions decided long enough ago.

Run it daily (cron or a systemd timer; the README's "Production" section shows both). NEED_CONTACT_RETENTION_DAYS
says how long after the decision (default 180 days).
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from skills.intake.retention import erase_contacts


class Command(BaseCommand):
    help = (
        "Erase the contact (name, e-mail, telephone) of every employer's submission decided at least "
        "NEED_CONTACT_RETENTION_DAYS ago. Run daily."
    )

    def handle(self, *args: object, **options: object) -> None:
        erased = erase_contacts()
        self.stdout.write(
            f"Erased the contact of {erased} submission(s) decided at least "
            f"{settings.NEED_CONTACT_RETENTION_DAYS} days ago."
        )
