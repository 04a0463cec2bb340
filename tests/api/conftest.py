"""Clients of the partner API (anonymous, a logged-in partner, a coordinator), and the data sets of the gap, overlap and
pathway tests."""

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from programmes.models import EntryRequirement
from skills.models import OccupationSkill, Region, Segment
from tests.api import pathway_data
from tests.api.factories import IntakeFactory, region_chain
from tests.api.gap_data import Urgency, Visibility, employer, need, programme
from tests.factories import (
    EducationLevelFactory,
    OccupationFactory,
    QualificationTypeFactory,
    SegmentFactory,
    SkillFactory,
)


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def partner_client(partner: User) -> APIClient:
    client = APIClient()
    client.force_login(partner)
    return client


@pytest.fixture
def coordinator_api_client(coordinator: User) -> APIClient:
    client = APIClient()
    client.force_login(coordinator)
    return client


@pytest.fixture
def regions() -> dict[str, Region]:
    """NUTS 0–3 down to North Ostrobothnia (FI1D9) and Västerbotten (SE331)."""
    return {"FI": region_chain("FI")[3], "SE": region_chain("SE")[3]}


@pytest.fixture
def segments() -> dict[str, Segment]:
    return {
        code: SegmentFactory(
            code=code,
            order=order,
            name_fi=f"{code} fi",
            name_sv=f"{code} sv",
            name_en=f"{code} en",
        )
        for code, order in [
            ("raw-materials", 1),
            ("cell-manufacturing", 3),
            ("recycling", 6),
        ]
    }


@pytest.fixture
def segment_data(regions, segments) -> None:
    """Four rows, one of each common status:

    * recycling in FI1D9: 10 people by 2027, high urgency → 10 × 1.5 / 2 years = 7.5 a year; a programme with
      4 places whose latest intake filled 3 of 4 → under-supplied.
    * cell manufacturing in FI1D9: 6 people by 2028, medium → 6 × 1 / 3 = 2.0 a year; 20 places only in Sweden →
      covered only across the border. In SE331 the same programme has no stated need.
    * raw materials in SE331: 4 people by 2026, critical → 4 × 2 / 1 = 8.0 a year; no programme → no training.
    """
    fi, se = regions["FI"], regions["SE"]
    need(
        fi,
        headcount=10,
        urgency=Urgency.HIGH,
        target_year=2027,
        segments=(segments["recycling"],),
        by=employer("battery-recycler"),
    )
    recycling = programme(
        "recycling-technician", "FI", places=4, segments=[segments["recycling"]]
    )
    IntakeFactory(programme=recycling, year=2026, places=4, applicants=5, enrolled=3)
    need(
        fi,
        headcount=6,
        urgency=Urgency.MEDIUM,
        target_year=2028,
        segments=(segments["cell-manufacturing"],),
    )
    programme(
        "cell-operator-se", "SE", places=20, segments=[segments["cell-manufacturing"]]
    )
    need(
        se,
        headcount=4,
        urgency=Urgency.CRITICAL,
        target_year=2026,
        segments=(segments["raw-materials"],),
    )


@pytest.fixture
def confidential(regions, segments) -> dict:
    """Recycling in FI1D9: a public need (7.5 a year), a partners' need (2.0) and a coordinators' need (2.0), each
    from a different employer."""
    recycling = (segments["recycling"],)
    common = {"headcount": 2, "urgency": Urgency.MEDIUM, "target_year": 2026}
    need(
        regions["FI"],
        headcount=10,
        urgency=Urgency.HIGH,
        target_year=2027,
        segments=recycling,
        by=employer("public-employer"),
    )
    need(
        regions["FI"],
        segments=recycling,
        visibility=Visibility.PARTNERS,
        by=employer("partner-employer"),
        **common,
    )
    need(
        regions["FI"],
        segments=recycling,
        visibility=Visibility.COORDINATORS,
        by=employer("confidential-employer"),
        **common,
    )
    return {"regions": regions, "recycling": recycling, "common": common}


@pytest.fixture
def overlapping(segments) -> None:
    """At EQF 5: a Finnish and a Swedish battery technician programme sharing three of five skills (0.6), and a
    Finnish course sharing two of six with each (0.333). At EQF 4, a copy of the Finnish one pairs with nothing."""
    skills = {
        slug: SkillFactory(slug=slug)
        for slug in ["s1", "s2", "s3", "s4", "s5", "s6", "s7"]
    }

    def taught(*slugs: str) -> list:
        return [skills[slug] for slug in slugs]

    programme(
        "technician-fi",
        "FI",
        places=20,
        skills=taught("s1", "s2", "s3", "s4"),
        segments=[segments["recycling"]],
    )
    programme(
        "technician-se",
        "SE",
        places=20,
        skills=taught("s1", "s2", "s3", "s5"),
        segments=[segments["recycling"]],
    )
    programme("course-fi", "FI", places=10, skills=taught("s1", "s2", "s6", "s7"))
    programme(
        "technician-fi-eqf4",
        "FI",
        places=10,
        level=4,
        skills=taught("s1", "s2", "s3", "s4"),
    )


@pytest.fixture
def chain() -> dict:
    """Basic education → a Finnish vocational qualification (EQF 4) → a Swedish higher vocational programme (EQF 5)
    that leads to process operator; the two teach three of the operator's four essential skills."""
    levels = {n: EducationLevelFactory(level=n) for n in (2, 4, 5)}
    basic = QualificationTypeFactory(
        code="fi-basic",
        level=levels[2],
        name_fi="Perusopetus",
        name_sv="Grundläggande utbildning",
        name_en="Basic education",
    )
    vocational = QualificationTypeFactory(
        code="fi-vocational", level=levels[4], is_starting_point=False
    )
    raw_materials = SegmentFactory(code="raw-materials")
    operator = OccupationFactory(
        slug="process-operator", esco_uri="http://data.europa.eu/esco/occupation/op"
    )
    operator.segments.add(raw_materials)
    skills = SkillFactory.create_batch(4)
    for skill in skills:
        OccupationSkill.objects.create(occupation=operator, skill=skill)
    first = pathway_data.programme(
        "process-vocational",
        country="FI",
        level=levels[4],
        awarded_qualification=vocational,
        months=36,
        language="fi",
        places=20,
        # A quarter of the essential skills: not enough to reach the occupation alone.
        teaches=skills[:1],
    )
    EntryRequirement.objects.create(programme=first, qualification_type=basic)
    second = pathway_data.programme(
        "process-yh",
        country="SE",
        level=levels[5],
        months=18,
        language="sv",
        places=30,
        teaches=skills[1:3],
        leads_to=(operator,),
    )
    EntryRequirement.objects.create(programme=second, min_level=levels[4])
    return {
        "basic": basic,
        "operator": operator,
        "first": first,
        "second": second,
        "levels": levels,
    }
