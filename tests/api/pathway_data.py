"""Builders of the partner API's pathway search tests: the search's address, programmes made by hand in Northern
Ostrobothnia or Västerbotten, a search read back, and the coverage threshold fixed at 0.5 (the autouse fixture
_threshold, which each module imports). The route data set is the ``chain`` fixture of tests/api/conftest.py."""

import pytest

from programmes.models import Programme
from skills.models import EducationLevel, Occupation, Skill
from tests.factories import (
    ActorFactory,
    LanguageFactory,
    OfferingFactory,
    ProgrammeFactory,
    RegionFactory,
    SiteFactory,
)

SEARCH = "/api/v1/pathways/"


@pytest.fixture(autouse=True)
def _threshold(settings) -> None:
    settings.PATHWAY_COVERAGE_THRESHOLD = 0.5


def programme(
    slug: str,
    *,
    country: str,
    level: EducationLevel | None,
    months: int,
    language: str,
    places: int,
    teaches: list[Skill],
    leads_to: tuple[Occupation, ...] = (),
    **kwargs: object,
) -> Programme:
    """A published programme given at one site in Northern Ostrobothnia (FI) or Västerbotten (SE)."""
    provider = ActorFactory(
        slug=f"{slug}-college",
        country=country,
        name_fi=f"{slug} oppilaitos",
        name_sv=f"{slug} läroanstalt",
        name_en=f"{slug} college",
    )
    p = ProgrammeFactory(
        slug=slug,
        provider=provider,
        name_fi=f"{slug} (fi)",
        name_sv=f"{slug} (sv)",
        name_en=f"{slug} (en)",
        awarded_level=level,
        duration_months=months,
        places_per_year=places,
        **kwargs,
    )
    region = RegionFactory(
        code="FI1D9" if country == "FI" else "SE331", country=country
    )
    OfferingFactory(programme=p, site=SiteFactory(actor=provider, region=region))
    p.languages.add(LanguageFactory(code=language, name_en=language))
    p.skills.add(*teaches)
    p.occupations.add(*leads_to)
    return p


def search(client, accept: str = "en", **parameters: object) -> dict:
    response = client.get(SEARCH, parameters, headers={"accept-language": accept})
    assert response.status_code == 200, response.content
    return response.json()
