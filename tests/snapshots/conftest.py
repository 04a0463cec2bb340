"""A small map for the snapshot tests, every figure written out (Y is this year; demand = people × urgency weight /
years left, here all due in Y, medium urgency: demand = people).

* needs: in North Ostrobothnia (FI1D9) 10 people for cell manufacturing (public), and 100 for it that only
  coordinators may see (never in a snapshot); in Västerbotten (SE331) 5 people for recycling;
* programmes: in Oulu (FI1D9) a cell programme with 12 places and a recycling programme with 8; in Umeå (SE331) a
  cell programme with 30 places; a draft recycling programme in Oulu (never in a snapshot).

The default gap dashboard then has four rows: cells in FI1D9 (demand 10, places 12: balanced, 12 / 10 = 120 %),
cells in SE331 (places 30, no need: no stated need), recycling in FI1D9 (places 8, no need: no stated need) and
recycling in SE331 (demand 5, programmes only in Finland: covered only across the border).
"""

import pytest

from skills.models import CompetenceNeed
from tests.factories import ProgrammeFactory, RegionFactory, SegmentFactory
from tests.gaps.gap_page_data import need, programme

Urgency = CompetenceNeed.Urgency


@pytest.fixture
def small_map():
    oulu = RegionFactory(code="FI1D9")
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
    need("oulu-cells", oulu, 10, Urgency.MEDIUM, segments=[cells])
    need("oulu-secret", oulu, 100, Urgency.MEDIUM, segments=[cells],
         visibility=CompetenceNeed.Visibility.COORDINATORS)  # fmt: skip
    need("vbotten-recycling", vbotten, 5, Urgency.MEDIUM, segments=[recycling])
    programmes = {
        "oulu-cells": programme("oulu-cells", oulu, places=12, segments=[cells]),
        "oulu-recycling": programme(
            "oulu-recycling", oulu, places=8, segments=[recycling]
        ),
        "umea-cells": programme(
            "umea-cells",
            vbotten,
            places=30,
            segments=[cells],
            country="SE",
            town="Umeå",
        ),
    }
    ProgrammeFactory(slug="oulu-draft", state="draft", segments=[recycling])
    return {
        "oulu": oulu,
        "vbotten": vbotten,
        "cells": cells,
        "recycling": recycling,
        "programmes": programmes,
    }
