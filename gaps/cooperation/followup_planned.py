"""The follow-up's planned training: the published programmes that are planned or proposed (not running yet), how many
places a year they state, and which of them are expected to start in the chosen period.

What is counted (the page and the README say the same): published programmes whose availability is *planned* or
*proposed* (programmes/models/programme.py), of a provider in the chosen country when the country filter names one
country (a programme has one provider, so "Finland and Sweden together" counts both countries' programmes), that
belong to the chosen segment when one is chosen. *Places a year* is the programme's own ``places_per_year`` (a
programme without it counts as a programme, not as places). *Expected to start in the period*: the expected start
falls in the range, both days included; a proposed programme often has no expected start and then counts only in the
totals. These are never part of today's supply (the gap analysis shows them apart, as "after planned training").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, Sum

from gaps.cooperation.filters import FINLAND_ONLY, SWEDEN_ONLY
from programmes.models import Programme
from skills.models import Country

if TYPE_CHECKING:
    from gaps.cooperation.followup import FollowUpQuery

NOT_RUNNING = (Programme.Availability.PLANNED, Programme.Availability.PROPOSED)
PROVIDER_COUNTRY = {FINLAND_ONLY: Country.FINLAND, SWEDEN_ONLY: Country.SWEDEN}


@dataclass(frozen=True)
class PlannedRow:
    """Planned or proposed programmes: in all, and expected to start in the period, with their places a year."""

    availability: str
    label: str
    programmes: int
    places: int
    starting: int
    starting_places: int


def planned_rows(query: FollowUpQuery) -> list[PlannedRow]:
    """One row per availability that is not running, zeros included (1 query, grouped)."""
    programmes = Programme.objects.published().filter(availability__in=NOT_RUNNING)
    if country := PROVIDER_COUNTRY.get(query.countries):
        programmes = programmes.filter(provider__country=country)
    if query.segment is not None:
        programmes = programmes.filter(
            Exists(
                Programme.segments.through.objects.filter(
                    programme=OuterRef("pk"), segment=query.segment
                )
            )
        )
    in_period = Q(expected_start__gte=query.start, expected_start__lte=query.end)
    totals = {
        row["availability"]: row
        for row in programmes.order_by()
        .values("availability")
        .annotate(
            programmes=Count("pk"),
            places=Sum("places_per_year"),
            starting=Count("pk", filter=in_period),
            starting_places=Sum("places_per_year", filter=in_period),
        )
    }
    return [
        PlannedRow(
            availability,
            str(Programme.Availability(availability).label),
            totals.get(availability, {}).get("programmes") or 0,
            totals.get(availability, {}).get("places") or 0,
            totals.get(availability, {}).get("starting") or 0,
            totals.get(availability, {}).get("starting_places") or 0,
        )
        for availability in NOT_RUNNING
    ]
