"""Builders and readers of the partner API's gap and overlap tests: the addresses, needs and programmes made by hand
(stated on 1 May 2026, verified on 15 March 2026), this year fixed at 2026 (the autouse fixture _reference_year, which
each module imports), and the rows of an answer read back with their figures. The data sets are fixtures in
tests/api/conftest.py."""

import datetime
from unittest import mock

import pytest

from programmes.models import Programme
from skills.models import Actor, CompetenceNeed, Region, Segment
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    EducationLevelFactory,
    pathway_programme,
)

GAPS = "/api/v1/gaps/"
OVERLAPS = "/api/v1/overlaps/"
YEAR = 2026
STATED = datetime.date(2026, 5, 1)
VERIFIED = datetime.date(2026, 3, 15)
Visibility = CompetenceNeed.Visibility
Urgency = CompetenceNeed.Urgency


@pytest.fixture(autouse=True)
def _reference_year():
    """This year is 2026: GapForm reads gaps.analysis.forms.this_year() when it is made, so every request sees 2026."""
    with mock.patch("gaps.analysis.forms.this_year", return_value=YEAR):
        yield


def employer(slug: str) -> Actor:
    return ActorFactory(slug=slug, kind=Actor.Kind.EMPLOYER)


def need(
    region: Region,
    *,
    headcount: int,
    urgency: str,
    target_year: int,
    segments: tuple[Segment, ...] = (),
    visibility: str = Visibility.PUBLIC,
    by: Actor | None = None,
    **kwargs: object,
) -> CompetenceNeed:
    """A standing need of one employer, stated on 1 May 2026, naming no occupation unless told."""
    kwargs.setdefault("occupation", None)
    stated = CompetenceNeedFactory(
        region=region,
        headcount=headcount,
        urgency=urgency,
        target_year=target_year,
        visibility=visibility,
        stated_on=STATED,
        **({"employer": by} if by else {}),
        **kwargs,
    )
    stated.segments.set(segments)
    return stated


def programme(
    slug: str, country: str, *, places: int | None, level: int = 5, **links: list
) -> Programme:
    """A published programme at one site in FI1D9 or SE331, verified on 15 March 2026, with its segments, skills
    or occupations."""
    made = pathway_programme(
        slug,
        country=country,
        level=EducationLevelFactory(level=level),
        places=places,
        teaches=links.pop("skills", ()),
        leads_to=links.pop("occupations", ()),
    )
    made.segments.set(links.pop("segments", ()))
    Programme.objects.filter(pk=made.pk).update(verified_on=VERIFIED)
    return made


def cells(response) -> dict[tuple[str, str], dict]:
    assert response.status_code == 200, response.content
    return {
        (cell["key"].get("code") or cell["key"]["slug"], cell["region"]["code"]): cell
        for cell in response.json()["results"]
    }


def figures(cell: dict, *names: str) -> dict:
    return {name: cell[name] for name in names}


FIGURES = (
    "people",
    "demand",
    "supply",
    "filled",
    "difference",
    "ratio",
    "unmet",
    "status",
)


VISIBILITY_FIELDS = ("demand", "people", "needs", "sources")
PUBLIC_ONLY = {"demand": 7.5, "people": 10, "needs": 1, "sources": 1}
WITH_PARTNERS = {"demand": 9.5, "people": 12, "needs": 2, "sources": 2}
