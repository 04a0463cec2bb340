"""Reads of the supply side: exactly the rows and joins each page needs."""

from django.db.models import Count, Q, QuerySet

from batteryregion.i18n import by_translated_name
from skills.models import Country, Segment


def segments_for_home() -> QuerySet[Segment]:
    """Segments with their published programmes per country and their actors, in one query."""
    published = Q(programmes__is_published=True)
    return Segment.objects.annotate(
        finnish_programmes=Count(
            "programmes",
            filter=published & Q(programmes__provider__country=Country.FINLAND),
            distinct=True,
        ),
        swedish_programmes=Count(
            "programmes",
            filter=published & Q(programmes__provider__country=Country.SWEDEN),
            distinct=True,
        ),
        actor_count=Count("actors", distinct=True),
    ).order_by("order", "code")


def segments_by_name() -> QuerySet[Segment]:
    """Segments sorted by their name as shown in the active language."""
    return by_translated_name(Segment.objects.all())
