"""The public snapshot pages: the list (with the choice of two to compare), a snapshot's gap dashboard and counts, its
bundle as a download, and the comparison of two. Every page renders from the snapshots' frozen JSON, never from the
live tables, in a fixed number of queries (in each view's docstring; pinned in tests/snapshots/test_pages.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from batteryregion.i18n import Shown, shown_text
from coordinators.permissions import may_take_snapshots
from gaps.analysis.page_filters import describe_fields
from gaps.analysis.statuses import StatusInfo, statuses_translated
from gaps.snapshots import selectors
from gaps.snapshots.bundle import bundle_bytes
from gaps.snapshots.comparison import compare
from gaps.snapshots.forms import SnapshotCompareForm
from gaps.snapshots.models import Snapshot


@dataclass(frozen=True)
class Named:
    """A segment or region as the snapshot named it."""

    code: str
    name: Shown


@dataclass(frozen=True)
class SnapshotCell:
    segment: Named
    region: Named
    figures: dict[str, Any]
    status: StatusInfo
    planned_status: StatusInfo


class Statuses(dict):
    """The statuses translated once for the page; a code this release no longer knows is shown as it was stored."""

    def __missing__(self, code: str) -> StatusInfo:
        return StatusInfo(code, code, "?", code, "")


def _statuses() -> Statuses:
    return Statuses(statuses_translated())


def _named(items: list[dict[str, Any]]) -> dict[str, Named]:
    return {
        item["code"]: Named(item["code"], shown_text(item["name"])) for item in items
    }


def snapshot_list(request: HttpRequest) -> HttpResponse:
    """Every snapshot with its date and counts, newest first, and the form to compare two. Queries: 1 (a coordinator
    who may take snapshots adds their coordinator record, 3, for the link to take one)."""
    snapshots = list(selectors.snapshots_for_list())
    initial = {}
    if len(snapshots) >= 2:
        initial = {"from": snapshots[1].slug, "to": snapshots[0].slug}
    form = SnapshotCompareForm(initial=initial, snapshots=snapshots)
    describe_fields(form)
    return render(
        request,
        "gaps/snapshots/snapshot_list.html",
        {
            "snapshots": snapshots,
            "form": form,
            "takes_snapshots": may_take_snapshots(request.user),
        },
    )


def snapshot_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A snapshot's counts and its gap dashboard (segments by region, as a heat table and a list, and the totals per
    segment), from its frozen figures. Queries: 2 (the snapshot; the one before it, for a comparison link)."""
    snapshot = selectors.snapshot_for_page(slug)
    if snapshot is None:
        raise Http404
    previous = (
        selectors.snapshots_for_list()
        .filter(
            Q(taken_on__lt=snapshot.taken_on)
            | Q(taken_on=snapshot.taken_on, taken_at__lt=snapshot.taken_at)
            | Q(
                taken_on=snapshot.taken_on,
                taken_at=snapshot.taken_at,
                pk__lt=snapshot.pk,
            )
        )
        .values_list("slug", flat=True)
        .first()
    )
    analysis = snapshot.figures["analysis"]
    statuses = _statuses()
    segments = _named(analysis["segments"])
    regions = _named(analysis["regions"])
    cells = [
        SnapshotCell(
            segment=segments[cell["segment"]],
            region=regions[cell["region"]],
            figures=cell,
            status=statuses[cell["status"]],
            planned_status=statuses[cell["planned_status"]],
        )
        for cell in analysis["cells"]
    ]
    by_pair = {(c.segment.code, c.region.code): c for c in cells}
    heat_rows = [
        (segment, [by_pair.get((segment.code, code)) for code in regions])
        for segment in segments.values()
    ]
    totals = [
        (segments[total["segment"]], total) for total in analysis["segment_totals"]
    ]
    return render(
        request,
        "gaps/snapshots/snapshot_detail.html",
        {
            "snapshot": snapshot,
            "title": shown_text(_titles(snapshot)),
            "previous": previous,
            "query": analysis["query"],
            "regions": list(regions.values()),
            "heat_rows": heat_rows,
            "cells": cells,
            "totals": totals,
            "count_rows": [
                (label, snapshot.counts.get(key))
                for key, label in count_labels().items()
            ],
            "statuses": list(statuses_translated().values()),
        },
    )


def _titles(snapshot: Snapshot) -> dict[str, str | None]:
    return {code: getattr(snapshot, f"title_{code}") for code in ("fi", "sv", "en")}


def snapshot_bundle(request: HttpRequest, slug: str) -> HttpResponse:
    """The snapshot's bundle as a JSON file, byte for byte the document whose SHA-256 the page shows. Queries: 1."""
    snapshot = selectors.snapshot_for_bundle(slug)
    if snapshot is None:
        raise Http404
    response = HttpResponse(
        bundle_bytes(snapshot), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="battery-region-snapshot-{snapshot.slug}.json"'
    )
    response["ETag"] = f'"{snapshot.sha256}"'
    return response


def snapshot_compare(request: HttpRequest) -> HttpResponse:
    """What changed between two snapshots (from, to). Queries: 2 (the snapshots to choose from; the two with their
    figures). Bad or missing parameters: a 400 naming the field, with the form to choose again."""
    snapshots = list(selectors.snapshots_for_list())
    form = SnapshotCompareForm(request.GET, snapshots=snapshots)
    valid = form.is_valid()
    describe_fields(form)
    context: dict[str, Any] = {"form": form, "snapshots": snapshots}
    if not valid:
        return render(
            request, "gaps/snapshots/snapshot_compare.html", context, status=400
        )
    pair = selectors.snapshots_for_comparison(
        (form.cleaned_data["from"], form.cleaned_data["to"])
    )
    earlier, later = pair[form.cleaned_data["from"]], pair[form.cleaned_data["to"]]
    comparison = compare(earlier.figures, later.figures, earlier.counts, later.counts)
    segments = {
        code: shown_text(names) for code, names in comparison.segment_names.items()
    }
    regions = {
        code: shown_text(names) for code, names in comparison.region_names.items()
    }
    statuses = _statuses()
    labels = count_labels()
    context.update(
        {
            "earlier": earlier,
            "later": later,
            "earlier_title": shown_text(_titles(earlier)),
            "later_title": shown_text(_titles(later)),
            "comparison": comparison,
            "count_rows": [
                (labels[change.key], change) for change in comparison.counts
            ],
            "added": _programme_rows(comparison.added),
            "discontinued": _programme_rows(comparison.discontinued),
            "removed": _programme_rows(comparison.removed),
            "places": [(segments[c.key], c) for c in comparison.places],
            "needs": [
                (segments[c.segment], regions[c.region], c) for c in comparison.needs
            ],
            "status_changes": [
                (
                    segments[c.segment],
                    regions[c.region],
                    statuses[c.before] if c.before else None,
                    statuses[c.after] if c.after else None,
                )
                for c in comparison.statuses
            ],
        }
    )
    return render(request, "gaps/snapshots/snapshot_compare.html", context)


def _programme_rows(programmes: list[dict[str, Any]]) -> list[tuple[Shown, dict]]:
    return [(shown_text(p["name"] or {}), p) for p in programmes]


def count_labels() -> dict[str, str]:
    """The counts of a snapshot in words, in the order pages show them."""
    return {
        "programmes_running": _("Programmes running"),
        "programmes_planned": _("Programmes planned"),
        "programmes_discontinued": _("Programmes discontinued"),
        "places_per_year": _("Places a year in running programmes"),
        "planned_places_per_year": _("Places a year in planned programmes"),
        "needs": _("Standing public competence needs"),
        "people_needed": _("People needed by them"),
        "actors": _("Actors on the map"),
        "actions": _("Public cooperation actions"),
    }
