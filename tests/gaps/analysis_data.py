"""Data builders of the gap-analysis rule tests: needs, programmes, offerings and intakes made by hand, the analysis
at the reference year REF, and its rows read back.

Every query passes an explicit reference year, so that the demand weighting does not depend on today's date.
"""

from django.contrib.auth.models import AnonymousUser

from gaps.analysis.compare import Cell, GapAnalysis, analyse
from gaps.analysis.parameters import GapQuery
from programmes.models import Offering, Programme
from skills.models import CompetenceNeed, Region
from tests.factories import (
    CompetenceNeedFactory,
    IntakeFactory,
    OfferingFactory,
    ProgrammeFactory,
    SiteFactory,
)

REF = 2026  # the reference year ("this year") of every query of the gap-analysis rule tests

LOW = CompetenceNeed.Urgency.LOW
MEDIUM = CompetenceNeed.Urgency.MEDIUM
HIGH = CompetenceNeed.Urgency.HIGH
CRITICAL = CompetenceNeed.Urgency.CRITICAL

STANDING = CompetenceNeed.Status.STANDING
PAUSED = CompetenceNeed.Status.PAUSED
WITHDRAWN = CompetenceNeed.Status.WITHDRAWN

PUBLIC = CompetenceNeed.Visibility.PUBLIC
PARTNERS = CompetenceNeed.Visibility.PARTNERS
COORDINATORS = CompetenceNeed.Visibility.COORDINATORS


# --- data builders --------------------------------------------------------------------------------------------------


def need(
    region: Region,
    headcount: int = 10,
    *,
    target_year: int = REF,
    urgency: str = MEDIUM,
    segments=(),
    occupation=None,
    skills=(),
    **kwargs,
) -> CompetenceNeed:
    """A need for ``headcount`` people in the region, by default public, standing, medium, due this year."""
    created = CompetenceNeedFactory(
        region=region,
        headcount=headcount,
        target_year=target_year,
        urgency=urgency,
        occupation=occupation,
        **kwargs,
    )
    created.segments.set(segments)
    created.skills.set(skills)
    return created


def offer(programme: Programme, region: Region, places: int | None = None) -> Offering:
    """One more offering of the programme, at a new site of its provider in the region."""
    return OfferingFactory(
        programme=programme,
        site=SiteFactory(actor=programme.provider, region=region),
        places=places,
    )


def programme(
    region: Region,
    places: int | None = 20,
    *,
    segments=(),
    occupations=(),
    skills=(),
    level=None,
    offering_places: int | None = None,
    **kwargs,
) -> Programme:
    """A published programme with ``places`` places per year, given at one site in the region."""
    created = ProgrammeFactory(
        places_per_year=places,
        awarded_level=level,
        provider__country=region.country,
        **kwargs,
    )
    created.segments.set(segments)
    created.occupations.set(occupations)
    created.skills.set(skills)
    offer(created, region, offering_places)
    return created


def intake(prog: Programme, year: int, places=None, *, applicants=None, enrolled=None):
    return IntakeFactory(
        programme=prog,
        year=year,
        places=places,
        applicants=applicants,
        enrolled=enrolled,
    )


def gap(user=None, **kwargs) -> GapAnalysis:
    """The analysis for the user (anonymous by default) at the reference year REF unless another is given."""
    kwargs.setdefault("reference_year", REF)
    return analyse(GapQuery(**kwargs), user or AnonymousUser())


def row(analysis: GapAnalysis, key, region: Region) -> Cell:
    found = analysis.cell(key, region)
    assert found is not None, f"no row for {key} in {region.code}"
    return found


def rows(analysis: GapAnalysis) -> list[tuple[str, str, str]]:
    """(segment code or occupation/skill slug, region code, status) of every row, in the analysis's order."""
    return [
        (getattr(c.key, "code", None) or c.key.slug, c.region.code, c.status)
        for c in analysis.cells
    ]
