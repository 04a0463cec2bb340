"""The statuses of a row of the gap analysis: the rule that gives a row its status (``status_of``), which statuses
leave demand unmet, and how pages show each one (its name, explanation, symbol and short word).

A status is what a reader takes from a figure, so its rule, its wording and its look are kept in one place: the
analysis, the pages, the CSV export and the API all name the same seven statuses in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.db import models
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from batteryregion.numbers import format_percent_lazy
from gaps.analysis.parameters import BALANCED_RANGE


class Status(models.TextChoices):
    NO_TRAINING = "no-training", _("No training")
    ACROSS_BORDER = "across-border", _("Covered only across the border")
    UNDER_SUPPLIED = "under-supplied", _("Under-supplied")
    RECRUITMENT_GAP = "recruitment-gap", _("Recruitment gap")
    BALANCED = "balanced", _("Balanced")
    OVER_SUPPLIED = "over-supplied", _("Over-supplied")
    NO_NEED = "no-stated-need", _("No stated need")


_LOW, _HIGH = (round(share * 100) for share in BALANCED_RANGE)
STATUS_EXPLANATIONS = {
    Status.NO_TRAINING: _("No programme in either country serves it at these levels."),
    Status.ACROSS_BORDER: _(
        "No programme in this country serves it; programmes across the border do."
    ),
    Status.UNDER_SUPPLIED: format_lazy(
        _("Places per year cover less than {low} of the demand."),
        low=format_percent_lazy(_LOW),
    ),
    Status.RECRUITMENT_GAP: format_lazy(
        _(
            "Places would cover the demand, but they stay unfilled: filled places cover less than {low}."
        ),
        low=format_percent_lazy(_LOW),
    ),
    Status.BALANCED: format_lazy(
        _("Places per year cover {low}–{high} of the demand."),
        low=_LOW,
        high=format_percent_lazy(_HIGH),
    ),
    Status.OVER_SUPPLIED: format_lazy(
        _("Places per year exceed {high} of the demand."),
        high=format_percent_lazy(_HIGH),
    ),
    Status.NO_NEED: _("Training exists, but no counted need asks for it."),
}

UNMET_STATUSES = frozenset(
    {
        Status.NO_TRAINING,
        Status.ACROSS_BORDER,
        Status.UNDER_SUPPLIED,
        Status.RECRUITMENT_GAP,
    }
)


def status_of(
    demand: float,
    supply: float,
    filled: float,
    in_country: int,
    across_border: int,
) -> str:
    """The status of a row from its figures (see the rules in gaps/analysis/compare.py)."""
    if not in_country and not across_border:
        return Status.NO_TRAINING
    if not in_country:
        return Status.ACROSS_BORDER
    if demand <= 0:
        return Status.NO_NEED
    low, high = BALANCED_RANGE
    if supply < low * demand:
        return Status.UNDER_SUPPLIED
    if filled < low * demand:
        return Status.RECRUITMENT_GAP
    if supply <= high * demand:
        return Status.BALANCED
    return Status.OVER_SUPPLIED


@dataclass(frozen=True)
class StatusInfo:
    """A status as pages show it: its name, a symbol and a short word (so that colour is never the only sign)."""

    code: str
    name: Promise
    symbol: str
    short: Promise
    explanation: Promise


STATUSES = {
    info.code: info
    for info in [
        StatusInfo(
            Status.NO_TRAINING,
            Status.NO_TRAINING.label,
            "✕",
            _("No training"),
            STATUS_EXPLANATIONS[Status.NO_TRAINING],
        ),
        StatusInfo(
            Status.ACROSS_BORDER,
            Status.ACROSS_BORDER.label,
            "⇄",
            _("Across border"),
            STATUS_EXPLANATIONS[Status.ACROSS_BORDER],
        ),
        StatusInfo(
            Status.UNDER_SUPPLIED,
            Status.UNDER_SUPPLIED.label,
            "▼",
            _("Under"),
            STATUS_EXPLANATIONS[Status.UNDER_SUPPLIED],
        ),
        StatusInfo(
            Status.RECRUITMENT_GAP,
            Status.RECRUITMENT_GAP.label,
            "!",
            _("Unfilled"),
            STATUS_EXPLANATIONS[Status.RECRUITMENT_GAP],
        ),
        StatusInfo(
            Status.BALANCED,
            Status.BALANCED.label,
            "✓",
            _("Balanced"),
            STATUS_EXPLANATIONS[Status.BALANCED],
        ),
        StatusInfo(
            Status.OVER_SUPPLIED,
            Status.OVER_SUPPLIED.label,
            "▲",
            _("Over"),
            STATUS_EXPLANATIONS[Status.OVER_SUPPLIED],
        ),
        StatusInfo(
            Status.NO_NEED,
            Status.NO_NEED.label,
            "○",
            _("No need"),
            STATUS_EXPLANATIONS[Status.NO_NEED],
        ),
    ]
}
"""Every status in the order of the analysis's rules, which is also the legend's order."""


def statuses_translated() -> dict[str, StatusInfo]:
    """STATUSES with their texts translated once for the page, not once per cell that shows them."""
    return {
        code: replace(
            info,
            name=str(info.name),
            short=str(info.short),
            explanation=str(info.explanation),
        )
        for code, info in STATUSES.items()
    }
