"""The page that explains how the gap analysis works, in plain words, with the numbers the analysis really uses.

The numbers come from the analysis's own parameters (gaps/analysis/parameters.py, gaps/analysis/overlaps.py) rather than from the
template, so that the explanation cannot drift from the rules. It tells coordinators that their figures include
confidential needs, and everyone else that theirs do not. The page makes no queries for an anonymous visitor
(tests/gaps/test_gap_pages.py).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gaps.analysis.demand import counts_every_need
from gaps.analysis.overlaps import MIN_SHARED, MIN_SIMILARITY
from gaps.analysis.parameters import (
    BALANCED_RANGE,
    MOSTLY_EXAMPLES,
    URGENCY_WEIGHTS,
    this_year,
)
from gaps.analysis.statuses import STATUSES
from skills.models import CompetenceNeed


def method(request: HttpRequest) -> HttpResponse:
    """How the gap analysis works, in plain words, with the numbers the analysis uses (no queries for an anonymous
    visitor; a logged-in one's session, user and permissions)."""
    low, high = BALANCED_RANGE
    context = {
        "weights": [
            (CompetenceNeed.Urgency(urgency).label, weight)
            for urgency, weight in URGENCY_WEIGHTS.items()
        ],
        "low": round(low * 100),
        "high": round(high * 100),
        "counts_every_need": counts_every_need(request.user),
        "min_similarity": round(MIN_SIMILARITY * 100),
        "min_shared": MIN_SHARED,
        "statuses": list(STATUSES.values()),
        "intake_years": settings.INTAKE_MAX_AGE_YEARS,
        "oldest_intake_year": this_year() - settings.INTAKE_MAX_AGE_YEARS + 1,
        "this_year": this_year(),
        "mostly_examples": round(MOSTLY_EXAMPLES * 100),
        "example": {
            "headcount": 12,
            "urgency": CompetenceNeed.Urgency.HIGH.label,
            "weight": URGENCY_WEIGHTS[CompetenceNeed.Urgency.HIGH],
            "year": this_year(),
            "target": this_year() + 2,
            "years": 3,  # this year, next year and the target year
            "demand": 12 * URGENCY_WEIGHTS[CompetenceNeed.Urgency.HIGH] / 3,
        },
    }
    return render(request, "gaps/method.html", context)
