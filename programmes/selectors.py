"""Reads of the supply side: exactly the rows and joins each page needs."""

from django.db.models import Count, Q, QuerySet

from batteryregion.i18n import by_translated_name
from skills.models import Segment


def segments_for_home() -> QuerySet[Segment]:
    """Segments with the number of published programmes and of actors in each, in one query."""
    return Segment.objects.annotate(
        programme_count=Count(
            "programmes", filter=Q(programmes__is_published=True), distinct=True
        ),
        actor_count=Count("actors", distinct=True),
    ).order_by("order", "code")


def segments_by_name() -> QuerySet[Segment]:
    """Segments sorted by their name as shown in the active language."""
    return by_translated_name(Segment.objects.all())
