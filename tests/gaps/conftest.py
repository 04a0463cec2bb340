"""Shared data of the gap analysis tests: NUTS 0–3 regions in the north of both countries."""

import dataclasses

import pytest

from skills.models import Region
from tests.factories import RegionFactory


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
