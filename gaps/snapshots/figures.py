"""What a snapshot freezes of the gap analysis and the public dataset, as plain JSON: the public gap dashboard's default
view (segment × region demand, places and status), per-segment totals, the programmes, and the counts.

The figures are those an anonymous visitor sees on /gaps/ without filters: every year, EQF 1–8, both countries,
standing needs, example data included (the page's defaults, gaps/analysis/page_filters.py), public needs only. The
snapshot's pages render from this JSON alone, never from the live tables.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict

from batteryregion.records import PublicationState
from gaps.analysis.compare import GapAnalysis, SharedInputs, analyse
from gaps.analysis.forms import DashboardForm
from gaps.analysis.page_filters import with_defaults
from gaps.analysis.parameters import Dimension, GapQuery
from gaps.analysis.supply import supply_groups
from programmes.models import Programme
from skills.models import CompetenceNeed

RUNNING = Programme.Availability.RUNNING
PLANNED = Programme.Availability.PLANNED
PUBLISHED = PublicationState.PUBLISHED
DISCONTINUED = PublicationState.DISCONTINUED


def default_dashboard_query() -> GapQuery:
    """The query of the public gap dashboard opened without filters."""
    form = DashboardForm(with_defaults(QueryDict()))
    if not form.is_valid():  # the defaults are always valid
        raise ValueError(form.errors.as_text())
    return form.gap_query(Dimension.SEGMENT)


def _texts(obj: Any, field: str) -> dict[str, str | None]:
    return {
        code: getattr(obj, f"{field}_{code}", None) or None
        for code, _name in settings.LANGUAGES
    }


def _figure(value: float) -> float:
    """Figures rounded to hundredths: what the pages can show, and the same on every database."""
    return round(float(value), 2)


def analysis_figures(query: GapQuery, shared: SharedInputs) -> dict[str, Any]:
    """The default dashboard's segment analysis as JSON, with per-segment totals (5 queries)."""
    analysis = analyse(query, AnonymousUser(), shared)
    return {
        "query": {
            "dimension": query.dimension,
            "horizon": query.horizon,
            "min_level": query.min_level,
            "max_level": query.max_level,
            "countries": list(query.country_codes),
            "statuses": list(query.statuses),
            "examples": query.examples,
            "reference_year": query.reference_year,
            "visibility": "public",
        },
        "segments": [
            {"code": key.code, "name": _texts(key, "name")} for key in analysis.keys
        ],
        "regions": [
            {
                "code": region.code,
                "name": _texts(region, "name"),
                "country": region.country,
            }
            for region in analysis.regions
        ],
        "cells": [_cell(cell) for cell in analysis.cells],
        "segment_totals": _segment_totals(query, shared, analysis),
    }


def _cell(cell: Any) -> dict[str, Any]:
    return {
        "segment": cell.key.code,
        "region": cell.region.code,
        "people": cell.people,
        "demand": _figure(cell.demand),
        "supply": _figure(cell.supply),
        "filled": _figure(cell.filled),
        "needs": cell.needs,
        "example_needs": cell.examples,
        "programmes": cell.programmes,
        "unknown_places": cell.unknown_places,
        "status": str(cell.status),
        "planned_places": _figure(cell.planned_places),
        "planned_status": str(cell.planned_status),
        "mostly_examples": cell.rests_on_examples,
    }


def _segment_totals(
    query: GapQuery, shared: SharedInputs, analysis: GapAnalysis
) -> list[dict[str, Any]]:
    """Per segment in both countries: people needed, demand and needs (a need counts once, in its own region), and
    places a year (each programme's places once, wherever it is given; the regions of the heat map overlap, so their
    places are not added up). One query (the programmes' segments)."""
    wanted = set(query.country_codes)
    places: dict[int, float] = defaultdict(float)
    planned: dict[int, float] = defaultdict(float)
    for group in supply_groups(query, shared.offerings):
        if shared.regions[group["site__region_id"]].country in wanted:
            places[group["key_id"]] += group["places"]
            planned[group["key_id"]] += group["planned_places"]
    demand: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for cell in analysis.cells:
        figures = demand[cell.key.pk]
        figures["people"] += cell.people
        figures["demand"] += cell.demand
        figures["needs"] += cell.needs
    return [
        {
            "segment": key.code,
            "people": int(demand[key.pk]["people"]),
            "demand": _figure(demand[key.pk]["demand"]),
            "needs": int(demand[key.pk]["needs"]),
            "supply": _figure(places[key.pk]),
            "planned_places": _figure(planned[key.pk]),
        }
        for key in analysis.keys
    ]


def programme_figures(
    items: list[dict[str, Any]], places: dict[str, float]
) -> list[dict[str, Any]]:
    """The programmes of the public dataset as the comparison needs them: name, state, availability, segments and
    places a year (as the gap analysis counts them: recorded places, else the latest intake's)."""
    return [
        {
            "slug": item["slug"],
            "name": item["name"],
            "provider": item["provider"]["slug"]
            if isinstance(item["provider"], dict)
            else item["provider"],
            "state": item["state"],
            "availability": item["availability"],
            "segments": item["segments"],
            "places": _figure(places[item["slug"]]) if item["slug"] in places else None,
        }
        for item in items
    ]


def programme_places(shared: SharedInputs) -> dict[str, float]:
    """Places a year of each published programme with known places, by slug (one query: the slugs)."""
    slugs = dict(Programme.objects.values_list("pk", "slug"))
    places: dict[str, float] = defaultdict(float)
    for row in shared.offerings.rows:
        figure = shared.offerings.figures[row["pk"]].places
        if figure is not None:
            places[slugs[row["programme_id"]]] += figure
    return dict(places)


def counts_of(
    dataset: dict[str, list[dict[str, Any]]], programmes: list[dict[str, Any]]
) -> dict[str, Any]:
    """The headline counts of a snapshot, from its public dataset."""
    counted = [p for p in programmes if p["state"] == PUBLISHED]
    running = [p for p in counted if p["availability"] == RUNNING]
    planned = [p for p in counted if p["availability"] == PLANNED]
    needs = [
        need
        for need in dataset.get("competence_needs", [])
        if need["status"] == CompetenceNeed.Status.STANDING
    ]
    return {
        "programmes_running": len(running),
        "programmes_planned": len(planned),
        "programmes_discontinued": sum(
            1 for p in programmes if p["state"] == DISCONTINUED
        ),
        "places_per_year": _figure(sum(p["places"] or 0 for p in running)),
        "planned_places_per_year": _figure(sum(p["places"] or 0 for p in planned)),
        "needs": len(needs),
        "people_needed": sum(need["headcount"] or 0 for need in needs),
        "actors": sum(
            1 for actor in dataset.get("actors", []) if actor["state"] == PUBLISHED
        ),
        "actions": len(dataset.get("cooperation_actions", [])),
    }
