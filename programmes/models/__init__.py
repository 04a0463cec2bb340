"""The supply side: programmes, their entry requirements and who may apply, offerings, application periods and
intakes.

programme.py holds the programme and who may apply; offerings.py where and when it can be entered. The rest of the
project imports them from here: `from programmes.models import …`."""

from programmes.models.offerings import (
    ApplicationPeriod,
    EntryRequirement,
    Intake,
    Offering,
)
from programmes.models.programme import Programme, ProgrammeQuerySet

__all__ = [
    "ApplicationPeriod",
    "EntryRequirement",
    "Intake",
    "Offering",
    "Programme",
    "ProgrammeQuerySet",
]
