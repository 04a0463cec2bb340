"""The parameters of the gap analysis: what one analysis is asked (``GapQuery``, its ``Dimension`` and the models
whose rows it lists) and the fixed numbers of its rules (urgency weights, the balanced range, and the share of example
data above which a figure rests on it).

The demand, supply and status modules, and the forms, pages and API that ask for an analysis, all read these; they sit
apart from the queries so that each of those imports one definition without importing the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from batteryregion.staleness import oldest_current_intake_year
from skills.models import CompetenceNeed, Country, Occupation, Segment, Skill

URGENCY_WEIGHTS = {
    CompetenceNeed.Urgency.LOW: 0.5,
    CompetenceNeed.Urgency.MEDIUM: 1.0,
    CompetenceNeed.Urgency.HIGH: 1.5,
    CompetenceNeed.Urgency.CRITICAL: 2.0,
}
BALANCED_RANGE = (0.8, 1.25)
"""Places per needed person per year that count as balanced; below is under-supplied, above over-supplied."""
MOSTLY_EXAMPLES = 0.5
"""A figure rests mostly on example data when more than this share of its demand or of its places comes from it."""


class Dimension(models.TextChoices):
    SEGMENT = "segment", _("Value-chain segment")
    OCCUPATION = "occupation", _("Occupation")
    SKILL = "skill", _("Skill")


KEY_MODELS: dict[str, type[models.Model]] = {
    Dimension.SEGMENT: Segment,
    Dimension.OCCUPATION: Occupation,
    Dimension.SKILL: Skill,
}


def key_code(key: models.Model) -> str:
    """The public identifier of a row's segment (its code), occupation or skill (its slug), as addresses and the API
    and CSV name it."""
    return key.code if isinstance(key, Segment) else key.slug


def this_year() -> int:
    return timezone.localdate().year


@dataclass(frozen=True)
class GapQuery:
    """What the analysis looks at: one dimension, the horizon, the level band, countries and need statuses."""

    dimension: str = Dimension.SEGMENT
    horizon: int | None = None  # last target year counted; None counts every year
    min_level: int = 1
    max_level: int = 8
    countries: tuple[str, ...] = ()  # "FI", "SE"; empty means both
    statuses: tuple[str, ...] = (CompetenceNeed.Status.STANDING,)
    keys: tuple[
        int, ...
    ] = ()  # only these segments, occupations or skills; empty means all
    reference_year: int = field(default_factory=this_year)
    examples: bool = True  # include needs and intakes marked as example data

    @property
    def country_codes(self) -> tuple[str, ...]:
        return self.countries or tuple(Country.values)

    @property
    def oldest_intake_year(self) -> int:
        """The earliest intake year that counts as current supply (INTAKE_MAX_AGE_YEARS before the reference year)."""
        return oldest_current_intake_year(self.reference_year)
