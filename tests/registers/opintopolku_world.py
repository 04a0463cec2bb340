"""A small map for the Opintopolku fixtures (tests/registers/fixtures/opintopolku/): the Oulu vocational college
(its oppilaitos OID, a site in Oulu, North Ostrobothnia), the municipality of Oulu, Finnish and English, and one
programme the map already holds with an OID that the register no longer lists.

The fixtures: the search "akku" finds koulutus …101 (the college's, given in Oulu and in Kajaani, a municipality the
map lacks), …102 (another provider's) and a hit without OID; the search "battery" finds …103 (a good course) and
…104 (a toteutus whose start "9.8.2027" is not a date). No answer is recorded for …105 (404: no longer listed).
The two searches are recorded twice: for this world's one municipality, and for the bundled data's Finnish
municipalities (the README's demonstration on the bundled data).
"""

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import pytest

from programmes.models import Programme
from programmes.registers import registry
from skills.models import Actor, Site
from tests.factories import (
    ActorFactory,
    LanguageFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    RegionFactory,
    SiteFactory,
)

FIXTURES = Path(__file__).parent / "fixtures" / "opintopolku"
COLLEGE_OID = "1.2.246.562.10.10000000001"
PROCESS = "1.2.246.562.13.00000000000000000101"
OTHERS = "1.2.246.562.13.00000000000000000102"
COURSE = "1.2.246.562.13.00000000000000000103"
BROKEN = "1.2.246.562.13.00000000000000000104"
GONE = "1.2.246.562.13.00000000000000000105"


@dataclass
class OpintopolkuWorld:
    college: Actor
    site: Site
    gone: Programme


def build_world() -> OpintopolkuWorld:
    region = RegionFactory(code="FI1D9")
    MunicipalityFactory(code="FI564", region=region)
    LanguageFactory(code="fi")
    LanguageFactory(
        code="en", name_fi="englanti", name_sv="engelska", name_en="English"
    )
    college = ActorFactory(
        slug="oulu-college",
        opintopolku_oid=COLLEGE_OID,
        name_en="Oulu Vocational College",
    )
    site = SiteFactory(
        slug="oulu-college-oulu", actor=college, region=region, is_main=True
    )
    gone = ProgrammeFactory(
        slug="old-battery-course", provider=college, opintopolku_oid=GONE
    )
    return OpintopolkuWorld(college=college, site=site, gone=gone)


def only_fixture_keywords(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixtures hold the searches for "akku" and "battery" only."""
    source = registry.SOURCES["opintopolku"]
    monkeypatch.setitem(
        registry.SOURCES,
        "opintopolku",
        dataclasses.replace(source, keywords=("akku", "battery")),
    )
