"""Gap analysis: what the region's competence needs ask for (demand) against the places its programmes offer (supply).

The rules, also explained to users on the "How the gap analysis works" page and in the README:

* **Which needs count.** Published needs (drafts and discontinued ones are neither supply nor demand) whose status is
  among the chosen ones (standing only, unless paused or withdrawn ones are asked for), whose target year is at most
  the horizon (no horizon: every year), whose EQF band overlaps the chosen band (a need without a band overlaps every
  band) and whose region lies in a chosen country; without example data, only needs not marked as examples.
* **What a need counts toward.** A *segment* when the need names it, or, for a need that names no segment, when its
  occupation belongs to the segment; an *occupation* when the need names it; a *skill* when the need lists it. A need
  counts in full toward each segment, occupation or skill it belongs to: figures are per row and are not added up
  across rows. A need counts in the region it is stated for, at whatever NUTS level that is.
* **Demand** is in people per year, weighted by urgency and horizon: a need for ``headcount`` people by
  ``target_year`` adds ``headcount × urgency weight / years left``, where *years left* counts the reference year (this
  year) through the target year (at least 1: an overdue need is needed now) and the urgency weights are
  ``URGENCY_WEIGHTS`` (low 0.5, medium 1, high 1.5, critical 2). Unweighted *people needed* is shown beside it.
* **Supply** is in study places per year. A programme counts toward each segment it serves, each occupation it leads
  to and each skill it teaches (every graduate learns all of them), if it is published and the EQF level it awards
  lies in the chosen band (a course that awards no level counts in every band). Its places per year are its
  recorded places per year, or else the places of its latest current intake; a multi-year programme counts its
  yearly intake, not all students enrolled. A programme given at several sites counts its places once: an offering
  with its own places counts those, the others share what is left of the programme's places equally. A programme
  with no known places still counts as existing training, with no places, and the figure says how many such
  programmes it has, and how many take their places or fill rate from intakes marked as examples. Supply of a
  region includes its subregions (a programme given in two of them counts in the programme count of each).
* **Planned and proposed programmes** (``Programme.availability``) never count in today's supply, places, filled
  places or programme counts, and so never in today's status. A planned programme's places are a separate figure,
  *planned places*, counted by the same rule as places, and the status *after planned training* applies the same
  status rules to places + planned places (planned places counted as filled, like a programme without intakes) and
  to the programmes of both kinds. A proposed programme (an idea that may never run) counts in neither; the
  drill-down lists planned and proposed programmes apart.
* **Filled places** scale each programme's places by the fill rate of its latest current intake that records places
  and enrolled students (or applicants, when fewer than places: those places cannot have been filled); a programme
  without such an intake counts as full.
* **Current intakes.** An intake counts only when it is less than ``INTAKE_MAX_AGE_YEARS`` (setting, default 3) years
  before the reference year (in 2026: 2024 and later); older ones are shown with their year on the drill-down and the
  programme's page, and ignored here. Without example data, intakes marked as examples are ignored too.
* **Example data.** ``GapQuery.examples`` (default True) includes needs and intakes marked as examples; every row
  says how many of its needs are examples, how much of its demand and places come from them, and whether it rests
  mostly on them (more than ``MOSTLY_EXAMPLES`` of its demand or of its places).
* **Status** of a row (segment, occupation or skill in a region), in this order: *no training* when no programme in
  either country serves it at the chosen levels; *covered only across the border* when programmes exist only in the
  other country; *under-supplied* when places cover less than ``BALANCED_RANGE[0]`` (80 %) of demand; *recruitment
  gap* when places would cover it but filled places do not; *balanced* up to ``BALANCED_RANGE[1]`` (125 %);
  *over-supplied* above that; *no stated need* when there is training but no counted need.
* **Confidential needs.** Every figure counts only the needs its viewer may see (``skills.models.visible_needs``):
  anonymous visitors public needs, logged-in partners also partners' needs, coordinators every need. A need hidden
  from a viewer therefore changes nothing they see, neither a figure nor whether a row exists, whatever filters they
  combine or compare, and no figure says whether hidden needs lie behind it. Figures for coordinators include
  confidential needs, and the pages tell them not to publish them as such.

Everything is computed in a fixed number of queries (``analyse``: five for each view, plus the permission check of a
logged-in user; three for each further view of the same query, which shares the regions and offerings). Needs are
aggregated in SQL, their different sources counted there too. Offerings are read once with the inputs of their places,
the keys of their programmes apart, and added up in Python (``supply_groups``): an offering's places depend on its
siblings, and summing them in SQL repeated the intake subqueries in every aggregate. Python then combines the groups.

This module holds the rows (``Cell``, ``GapAnalysis``) and ``analyse``, which combines the parts kept in their own
modules: the query and the numbers above (gaps/analysis/parameters.py), the needs (gaps/analysis/demand.py), the places
(gaps/analysis/supply.py), the statuses (gaps/analysis/statuses.py) and the needs met only across the border (gaps/analysis/across_border.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from gaps.analysis.demand import Figures, counted_demand
from gaps.analysis.parameters import KEY_MODELS, MOSTLY_EXAMPLES, Dimension, GapQuery
from gaps.analysis.statuses import UNMET_STATUSES, status_of
from gaps.analysis.supply import (
    CountedOfferings,
    Places,
    counted_offering_figures,
    enclosing_regions,
    supply_groups,
)
from skills.models import Country, Region


@dataclass(frozen=True)
class Cell:
    """One row of the analysis: a segment, occupation or skill in a region, with its figures and status."""

    key: Any  # the Segment, Occupation or Skill
    region: Region
    people: int  # people needed, unweighted
    demand: float  # weighted people per year
    supply: float  # places per year
    filled: float  # filled places per year
    needs: int
    sources: int  # different employers or other sources behind the counted needs
    examples: int  # counted needs that are examples
    programmes: int  # programmes in the region
    unknown_places: int  # of which with no known places
    example_programmes: int  # of which with example intake figures
    programmes_in_country: int
    programmes_across_border: int
    needs_oldest: datetime.date | None
    needs_newest: datetime.date | None
    programmes_oldest: datetime.date | None
    programmes_newest: datetime.date | None
    status: str
    example_people: int = 0  # people needed by example needs
    example_demand: float = 0.0  # weighted demand per year from example needs
    example_places: float = 0.0  # places per year taken from example intakes
    planned_places: float = (
        0.0  # places per year of planned programmes, never in supply
    )
    planned_programmes: int = 0  # planned programmes in the region
    planned_status: str = ""  # the status once the planned programmes run (status_of on supply + planned places)

    @property
    def supply_after_planned(self) -> float:
        """Places per year once the planned programmes run."""
        return self.supply + self.planned_places

    @property
    def example_demand_share(self) -> float:
        """The share of the demand that comes from example needs, 0–1."""
        return self.example_demand / self.demand if self.demand else 0.0

    @property
    def example_places_share(self) -> float:
        """The share of the places that come from example intakes, 0–1."""
        return self.example_places / self.supply if self.supply else 0.0

    @property
    def has_examples(self) -> bool:
        return bool(self.examples or self.example_programmes)

    @property
    def rests_on_examples(self) -> bool:
        """More than MOSTLY_EXAMPLES of the demand or of the places comes from example data."""
        return (
            self.example_demand_share > MOSTLY_EXAMPLES
            or self.example_places_share > MOSTLY_EXAMPLES
        )

    @property
    def difference(self) -> float:
        """Places minus demand, per year; negative when demand is unmet."""
        return self.supply - self.demand

    @property
    def ratio(self) -> float | None:
        """Places per needed person per year; None without demand."""
        return self.supply / self.demand if self.demand else None

    @property
    def unmet(self) -> float:
        """Demand per year that filled places do not cover."""
        return max(0.0, self.demand - min(self.supply, self.filled))

    @property
    def country(self) -> str:
        return self.region.country


@dataclass
class GapAnalysis:
    query: GapQuery
    keys: list[Any]  # every segment, occupation or skill with a row, in display order
    regions: list[Region]  # the regions with a row, in code order
    cells: list[Cell]

    def cell(self, key: Any, region: Region) -> Cell | None:
        return self._index.get((key.pk, region.pk))

    def __post_init__(self) -> None:
        self._index = {(cell.key.pk, cell.region.pk): cell for cell in self.cells}

    @property
    def resting_on_examples(self) -> int:
        """Rows that rest mostly on example data."""
        return sum(1 for cell in self.cells if cell.rests_on_examples)

    @property
    def with_examples(self) -> int:
        """Rows that include some example data."""
        return sum(1 for cell in self.cells if cell.has_examples)

    def largest_unmet(self, limit: int | None = 10) -> list[Cell]:
        """Rows whose demand places do not cover, largest unmet demand first."""
        unmet = [cell for cell in self.cells if cell.status in UNMET_STATUSES]
        unmet.sort(key=lambda cell: (-cell.unmet, -cell.demand, cell.region.code))
        return unmet[:limit]

    def inputs(self) -> dict[str, datetime.date | None]:
        """The oldest and newest dates of the needs and programmes behind every figure."""
        return {
            "needs_oldest": min(
                (c.needs_oldest for c in self.cells if c.needs_oldest), default=None
            ),
            "needs_newest": max(
                (c.needs_newest for c in self.cells if c.needs_newest), default=None
            ),
            "programmes_oldest": min(
                (c.programmes_oldest for c in self.cells if c.programmes_oldest),
                default=None,
            ),
            "programmes_newest": max(
                (c.programmes_newest for c in self.cells if c.programmes_newest),
                default=None,
            ),
        }


@dataclass(frozen=True)
class SharedInputs:
    """What the analyses of several dimensions of one query share: the regions and the counted offerings."""

    regions: dict[int, Region]
    offerings: CountedOfferings


def shared_inputs(query: GapQuery) -> SharedInputs:
    """The regions and counted offerings of a query, read once for the analyses of each dimension: two queries."""
    regions = {region.pk: region for region in Region.objects.defer("boundary")}
    return SharedInputs(regions, counted_offering_figures(query))


def analyse(
    query: GapQuery,
    user: AbstractBaseUser | AnonymousUser,
    shared: SharedInputs | None = None,
) -> GapAnalysis:
    """Demand, supply and status of every segment, occupation or skill in every region with needs or programmes.

    ``shared``: the inputs already read for another dimension of the same query (pages that show several).
    """
    if shared is None:
        shared = shared_inputs(query)
    regions = shared.regions
    ancestors = {pk: enclosing_regions(pk, regions) for pk in regions}

    # Demand per (key, region): the needs the viewer may see.
    shown_demand = counted_demand(query, user)

    # Supply per (key, site region), then rolled up to every enclosing region; programmes per country.
    supply: dict[tuple[int, int], Places] = defaultdict(Places)
    site_regions: set[tuple[int, int]] = set()
    in_country: dict[tuple[int, str], int] = defaultdict(int)
    planned_in_country: dict[tuple[int, str], int] = defaultdict(int)
    for group in supply_groups(query, shared.offerings):
        if not group["programmes"] and not group["planned_programmes"]:
            continue  # only proposed programmes: no row of their own
        places = Places(
            places=group["places"],
            filled=group["filled"],
            programmes=group["programmes"],
            unknown_places=group["unknown_places"],
            examples=group["examples"],
            example_places=group["example_places"],
            oldest=group["oldest"],
            newest=group["newest"],
            planned_programmes=group["planned_programmes"],
            planned_places=group["planned_places"],
        )
        region_id = group["site__region_id"]
        site_regions.add((group["key_id"], region_id))
        for region_pk in ancestors[region_id]:
            supply[(group["key_id"], region_pk)].merge(places)
        in_country[(group["key_id"], regions[region_id].country)] += group["programmes"]
        planned_in_country[(group["key_id"], regions[region_id].country)] += group[
            "planned_programmes"
        ]

    # Rows: regions in the chosen countries with demand, and the regions of the sites with supply.
    wanted = set(query.country_codes)
    cell_keys = {
        (key_id, region_pk)
        for (key_id, region_pk) in set(shown_demand) | site_regions
        if regions[region_pk].country in wanted
    }
    keys = _load_keys(query, {key_id for key_id, _ in cell_keys})
    # Once, not per row: Country.values builds its list anew on every read (20 µs, a tenth of a row's cost).
    countries = Country.values
    other_country = {
        code: next(c for c in countries if c != code) for code in countries
    }
    cells = []
    for key_id, region_pk in cell_keys:
        region = regions[region_pk]
        demand = shown_demand.get((key_id, region_pk), Figures())
        places = supply.get((key_id, region_pk), Places())
        here = in_country[(key_id, region.country)]
        there = in_country[(key_id, other_country[region.country])]
        planned_here = planned_in_country[(key_id, region.country)]
        planned_there = planned_in_country[(key_id, other_country[region.country])]
        cells.append(
            Cell(
                key=keys[key_id],
                region=region,
                people=demand.people,
                demand=demand.demand,
                supply=places.places,
                filled=places.filled,
                needs=demand.needs,
                sources=demand.sources,
                examples=demand.examples,
                programmes=places.programmes,
                unknown_places=places.unknown_places,
                example_programmes=places.examples,
                programmes_in_country=here,
                programmes_across_border=there,
                needs_oldest=demand.oldest,
                needs_newest=demand.newest,
                programmes_oldest=places.oldest,
                programmes_newest=places.newest,
                status=status_of(
                    demand.demand, places.places, places.filled, here, there
                ),
                example_people=demand.example_people,
                example_demand=demand.example_demand,
                example_places=places.example_places,
                planned_places=places.planned_places,
                planned_programmes=places.planned_programmes,
                # Planned places count as filled: a programme without intakes counts as full.
                planned_status=status_of(
                    demand.demand,
                    places.places + places.planned_places,
                    places.filled + places.planned_places,
                    here + planned_here,
                    there + planned_there,
                ),
            )
        )
    key_order = {key.pk: index for index, key in enumerate(keys.values())}
    cells.sort(key=lambda cell: (key_order[cell.key.pk], cell.region.code))
    used_regions = sorted(
        {cell.region.pk for cell in cells}, key=lambda pk: regions[pk].code
    )
    return GapAnalysis(
        query=query,
        keys=list(keys.values()),
        regions=[regions[pk] for pk in used_regions],
        cells=cells,
    )


def _load_keys(query: GapQuery, key_ids: set[int]) -> dict[int, Any]:
    """The segments, occupations or skills of the rows, in display order: one query."""
    model = KEY_MODELS[query.dimension]
    objects = model.objects.filter(pk__in=key_ids)
    if query.dimension == Dimension.SEGMENT:
        objects = objects.order_by("order", "code")
    else:
        objects = objects.order_by("slug")
    return {obj.pk: obj for obj in objects}
