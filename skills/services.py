"""Writes of the demand side: the needs a workshop or survey identified take their source from it."""

from django.db import transaction

from skills.models import CompetenceNeed, Workshop


def need_from_workshop(need: CompetenceNeed, workshop: Workshop) -> None:
    """Give a need its workshop as source: type, name and date come from the workshop, never typed again (no query)."""
    need.workshop = workshop
    need.source_kind = workshop.kind
    need.source_name = workshop.source_title[
        : CompetenceNeed._meta.get_field("source_name").max_length
    ]
    need.stated_on = workshop.held_on


def workshop_need_slug(workshop: Workshop, taken: set[str]) -> str:
    """A free slug for a new need of the workshop: ``<workshop slug>-<n>``; ``taken`` gains it."""
    number = 1
    while (slug := f"{workshop.slug}-{number}") in taken:
        number += 1
    taken.add(slug)
    return slug


@transaction.atomic
def workshop_needs_align(*, workshop: Workshop) -> int:
    """Bring the source of each of the workshop's needs up to date after the workshop changed (title, type or date),
    saving only those that differ, each with its version in the history; returns how many changed."""
    changed = 0
    for need in workshop.competence_needs.all():
        before = (need.source_kind, need.source_name, need.stated_on)
        need_from_workshop(need, workshop)
        if (need.source_kind, need.source_name, need.stated_on) != before:
            need.save(
                update_fields=["source_kind", "source_name", "stated_on", "updated_at"]
            )
            changed += 1
    return changed
