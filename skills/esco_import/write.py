"""Applying an import plan: one transaction, every version recorded as made through an import."""

from django.db import transaction

from batteryregion.records import ChangeChannel, changes_through
from skills.esco_import.plan import ImportPlan

# Stored in each version the import makes (simple-history keeps at most 100 characters).
CHANGE_REASON = "ESCO import %(version)s"


def apply_plan(plan: ImportPlan) -> int:
    """Write the planned values; returns the number of concepts saved (each gets one version in its history)."""
    with transaction.atomic(), changes_through(ChangeChannel.IMPORT):
        for concept, values in plan.updates.values():
            for name, value in values.items():
                setattr(concept, name, value)
            concept._change_reason = CHANGE_REASON % {"version": plan.version}  # type: ignore[attr-defined]
            concept.save()
    return len(plan.updates)
