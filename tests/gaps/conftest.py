"""Shared data of the gap analysis and pathway tests: NUTS 0–3 regions in the north of both countries, the gap pages'
data set, and the education levels and qualifications the pathway search rules start from."""

import dataclasses
import datetime

import pytest

from skills.models import Region
from tests.factories import (
    EducationLevelFactory,
    OccupationFactory,
    QualificationTypeFactory,
    RegionFactory,
    SegmentFactory,
    SkillFactory,
)
from tests.gaps.gap_page_data import Urgency, Visibility, need, programme


@dataclasses.dataclass
class Regions:
    """NUTS 0–3 in the north of both countries: two NUTS3 regions under one NUTS2 region on each side."""

    fi: Region
    fi1: Region
    fi1d: Region
    fi1d9: Region  # North Ostrobothnia
    fi1d7: Region  # Lapland
    se: Region
    se3: Region
    se33: Region
    se331: Region  # Västerbotten
    se332: Region  # Norrbotten


def _region(code: str, level: int, parent: Region | None, fi: str, sv: str, en: str):
    return RegionFactory(
        code=code,
        code_2024=code,
        level=level,
        country=code[:2],
        parent=parent,
        name_fi=fi,
        name_sv=sv,
        name_en=en,
    )


@pytest.fixture
def regions() -> Regions:
    fi = _region("FI", 0, None, "Suomi", "Finland", "Finland")
    fi1 = _region("FI1", 1, fi, "Manner-Suomi", "Fastlandsfinland", "Mainland Finland")
    fi1d = _region(
        "FI1D",
        2,
        fi1,
        "Pohjois- ja Itä-Suomi",
        "Norra och Östra Finland",
        "North and East Finland",
    )
    fi1d9 = _region(
        "FI1D9", 3, fi1d, "Pohjois-Pohjanmaa", "Norra Österbotten", "North Ostrobothnia"
    )
    fi1d7 = _region("FI1D7", 3, fi1d, "Lappi", "Lappland", "Lapland")
    se = _region("SE", 0, None, "Ruotsi", "Sverige", "Sweden")
    se3 = _region("SE3", 1, se, "Pohjois-Ruotsi", "Norra Sverige", "North Sweden")
    se33 = _region("SE33", 2, se3, "Ylä-Norlanti", "Övre Norrland", "Upper Norrland")
    se331 = _region("SE331", 3, se33, "Västerbotten", "Västerbotten", "Västerbotten")
    se332 = _region("SE332", 3, se33, "Norrbotten", "Norrbotten", "Norrbotten")
    return Regions(fi, fi1, fi1d, fi1d9, fi1d7, se, se3, se33, se331, se332)


@pytest.fixture
def data():
    """The gap pages' data set, described in tests/gaps/gap_page_data.py."""
    north = RegionFactory(
        code="FI1D",
        code_2024="FI1D",
        level=2,
        name_fi="Pohjois- ja Itä-Suomi",
        name_sv="Norra och Östra Finland",
        name_en="North and East Finland",
    )
    oulu = RegionFactory(code="FI1D9", parent=north)
    vbotten = RegionFactory(
        code="SE331",
        code_2024="SE331",
        country="SE",
        name_fi="Västerbotten",
        name_sv="Västerbotten",
        name_en="Västerbotten",
    )
    cells = SegmentFactory(
        code="cells",
        order=1,
        name_fi="Kennovalmistus",
        name_sv="Celltillverkning",
        name_en="Cell manufacturing",
    )
    recycling = SegmentFactory(
        code="recycling",
        order=2,
        name_fi="Kierrätys",
        name_sv="Återvinning",
        name_en="Recycling",
    )
    operator = OccupationFactory(
        slug="cell-operator",
        label_fi="kennooperaattori",
        label_sv="celloperatör",
        label_en="cell operator",
    )
    operator.segments.add(cells)
    skills = [
        SkillFactory(slug="electrolyte-handling", label_en="electrolyte handling"),
        SkillFactory(slug="cell-stacking", label_en="cell stacking"),
    ]
    need("oulu-operators", oulu, 12, Urgency.HIGH, occupation=operator)
    need("oulu-cells", oulu, 4, Urgency.MEDIUM, years=2, segments=[cells],
         stated=datetime.date(2025, 3, 1))  # fmt: skip
    need("oulu-secret", oulu, 100, Urgency.CRITICAL, occupation=operator,
         visibility=Visibility.COORDINATORS)  # fmt: skip
    need("north-cells", north, 6, Urgency.LOW, segments=[cells], example=True)
    need("vbotten-recycling", vbotten, 5, Urgency.MEDIUM, segments=[recycling])
    programme("oulu-cell-course", oulu, places=12, segments=[cells], teaches=skills, leads_to=[operator],
              verified=datetime.date(2026, 1, 15))  # fmt: skip
    programme("oulu-cell-unknown", oulu, places=None, segments=[cells])
    programme("oulu-recycling", oulu, places=8, segments=[recycling])
    programme("umea-cells", vbotten, places=30, segments=[cells], country="SE", teaches=skills,
              town="Umeå")  # fmt: skip
    return {
        "oulu": oulu,
        "north": north,
        "cells": cells,
        "recycling": recycling,
        "operator": operator,
    }


@pytest.fixture
def levels():
    return {n: EducationLevelFactory(level=n) for n in (2, 4, 5, 6)}


@pytest.fixture
def basic(levels):
    return QualificationTypeFactory(
        code="fi-basic", level=levels[2], name_en="Finnish basic education"
    )


@pytest.fixture
def vocational(levels):
    return QualificationTypeFactory(
        code="fi-vocational",
        level=levels[4],
        name_en="Finnish vocational qualification",
    )
