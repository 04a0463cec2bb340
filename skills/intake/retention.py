"""Erasing the employers' contacts a set time after the decision (NEED_CONTACT_RETENTION_DAYS).

The contact (name, e-mail, telephone) is what the form asks that is personal data. Coordinators need it while they
review, and to answer questions about the decision for a while after; then it goes. The organisation, the needs and
the decisions stay: they are not about a person.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from skills.models import NeedSubmission


@transaction.atomic
def erase_contacts(now: datetime.datetime | None = None) -> int:
    """Erase the contact of every submission decided at least NEED_CONTACT_RETENTION_DAYS ago; returns how many."""
    now = now or timezone.now()
    due = now - datetime.timedelta(days=settings.NEED_CONTACT_RETENTION_DAYS)
    return erase_contacts_of(
        NeedSubmission.objects.filter(decided_at__lte=due), now=now
    )


def erase_contacts_of(
    submissions: QuerySet[NeedSubmission], now: datetime.datetime | None = None
) -> int:
    """Erase the contact of these submissions at once (the person asked for it, or their time has come)."""
    now = now or timezone.now()
    return submissions.filter(contact_erased_on__isnull=True).update(
        contact_name="",
        contact_email="",
        contact_phone="",
        contact_erased_on=timezone.localdate(now),
    )
