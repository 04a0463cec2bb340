"""What changed between two snapshots, from their frozen figures alone (no query): the counts, the programmes added,
discontinued and removed, places a year per segment, needs per segment and region, and the gap statuses that changed.

Pure functions over the JSON a snapshot stores (gaps/snapshots/figures.py), so the comparison of two snapshots is
the same whenever it is asked, whatever happened to the live data since.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from batteryregion.records import PublicationState

COUNTS = (
    "programmes_running",
    "programmes_planned",
    "programmes_discontinued",
    "places_per_year",
    "planned_places_per_year",
    "needs",
    "people_needed",
    "actors",
    "actions",
)
DISCONTINUED = PublicationState.DISCONTINUED


@dataclass(frozen=True)
class Change:
    """One figure before and after; None where the row did not exist."""

    key: Any
    before: Any
    after: Any

    @property
    def difference(self) -> float | None:
        if isinstance(self.before, int | float) and isinstance(self.after, int | float):
            return round(self.after - self.before, 2)
        return None


@dataclass(frozen=True)
class CellChange:
    """A segment in a region, with a figure (or status) before and after."""

    segment: str
    region: str
    before: Any
    after: Any

    @property
    def difference(self) -> float | None:
        return Change(None, self.before or 0, self.after or 0).difference


@dataclass(frozen=True)
class Comparison:
    counts: list[Change]
    added: list[dict[str, Any]]  # programmes in the later snapshot only
    discontinued: list[
        dict[str, Any]
    ]  # discontinued in between (still in the dataset, as discontinued)
    removed: list[
        dict[str, Any]
    ]  # programmes in the earlier snapshot only (deleted or back to draft)
    places: list[Change]  # per segment code
    needs: list[CellChange]  # per segment and region, where the number of needs changed
    statuses: list[
        CellChange
    ]  # per segment and region, where the status changed (None: no row)
    segment_names: dict[str, dict[str, str | None]]
    region_names: dict[str, dict[str, str | None]]

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.added
            or self.discontinued
            or self.removed
            or any(c.before != c.after for c in self.counts)
            or any(c.before != c.after for c in self.places)
            or self.needs
            or self.statuses
        )


def _segment_order(earlier: dict, later: dict) -> list[str]:
    """Segment codes in the later snapshot's value-chain order, then any only the earlier one has."""
    codes = [s["code"] for s in later["analysis"]["segments"]]
    return codes + [
        s["code"] for s in earlier["analysis"]["segments"] if s["code"] not in codes
    ]


def _names(earlier: dict, later: dict, part: str) -> dict[str, dict]:
    return {
        item["code"]: item["name"]
        for figures in (earlier, later)
        for item in figures["analysis"][part]
    }


def _cells(figures: dict) -> dict[tuple[str, str], dict[str, Any]]:
    return {(c["segment"], c["region"]): c for c in figures["analysis"]["cells"]}


def compare(
    earlier: dict[str, Any],
    later: dict[str, Any],
    earlier_counts: dict[str, Any],
    later_counts: dict[str, Any],
) -> Comparison:
    """What changed from the earlier snapshot's figures to the later one's."""
    segments = _segment_order(earlier, later)
    order = {code: index for index, code in enumerate(segments)}

    before_programmes = {p["slug"]: p for p in earlier["programmes"]}
    after_programmes = {p["slug"]: p for p in later["programmes"]}
    added = [p for slug, p in after_programmes.items() if slug not in before_programmes]
    removed = [
        p for slug, p in before_programmes.items() if slug not in after_programmes
    ]
    discontinued = [
        p
        for slug, p in after_programmes.items()
        if p["state"] == DISCONTINUED
        and slug in before_programmes
        and before_programmes[slug]["state"] != DISCONTINUED
    ]

    before_totals = {t["segment"]: t for t in earlier["analysis"]["segment_totals"]}
    after_totals = {t["segment"]: t for t in later["analysis"]["segment_totals"]}
    places = [
        Change(
            code,
            before_totals.get(code, {}).get("supply", 0.0),
            after_totals.get(code, {}).get("supply", 0.0),
        )
        for code in segments
    ]

    before_cells, after_cells = _cells(earlier), _cells(later)
    keys = sorted(
        set(before_cells) | set(after_cells),
        key=lambda key: (order.get(key[0], len(order)), key[0], key[1]),
    )
    needs, statuses = [], []
    for key in keys:
        before, after = before_cells.get(key), after_cells.get(key)
        needs_before = before["needs"] if before else 0
        needs_after = after["needs"] if after else 0
        if needs_before != needs_after:
            needs.append(CellChange(*key, needs_before, needs_after))
        status_before = before["status"] if before else None
        status_after = after["status"] if after else None
        if status_before != status_after:
            statuses.append(CellChange(*key, status_before, status_after))

    return Comparison(
        counts=[
            Change(name, earlier_counts.get(name, 0), later_counts.get(name, 0))
            for name in COUNTS
        ],
        added=_by_name(added),
        discontinued=_by_name(discontinued),
        removed=_by_name(removed),
        places=places,
        needs=needs,
        statuses=statuses,
        segment_names=_names(earlier, later, "segments"),
        region_names=_names(earlier, later, "regions"),
    )


def _by_name(programmes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(programmes, key=lambda p: p["slug"])
