"""Reads for the coordinators' admin: which records refer to a record that someone wants to delete."""

from collections.abc import Iterable

from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.db.models import ForeignKey, Model

from gaps.cooperation.models import Action, ActionFigure, ActionParticipant
from programmes.models import (
    ApplicationPeriod,
    EntryRequirement,
    Intake,
    Offering,
    Programme,
)
from skills.models import Actor, Occupation, OccupationSkill, Site

# The parts a record is edited with (its admin inlines): they go with it and do not count as referring to it.
PARTS: dict[type[Model], tuple[type[Model], ...]] = {
    Programme: (EntryRequirement, Offering, Intake),
    Offering: (ApplicationPeriod,),
    Actor: (Site,),
    Occupation: (OccupationSkill,),
    Action: (ActionParticipant, ActionFigure),
}


def referring_records(records: Iterable[Model]) -> list[Model]:
    """The records that refer to any of these and would be deleted with them, block them or lose the reference.

    Django's admin collector (NestedObjects) finds exactly what a delete would cascade to, protect or set to null;
    the records' own parts and their own many-to-many links are left out. A row of a link table or of a part that
    has no admin of its own stands for the record that owns it (an occupation for its skill link, a programme for
    its offering). Queries: one per relation the delete would follow.
    """
    records = list(records)
    if not records:
        return []
    collector = NestedObjects(using=router.db_for_write(type(records[0])))
    collector.collect(records)
    leaving = set(records)
    found: list[Model] = []
    # Parts first, so that the parts of parts (an actor's site's offerings) are judged after their owner.
    candidates = sorted(
        (item for items in collector.model_objs.values() for item in items),
        key=lambda item: type(item) not in _part_models(records),
    )
    for item in candidates:
        if item in leaving:
            continue
        if _belongs_to(item, leaving):
            leaving.add(item)
            continue
        found.append(_owner(item, leaving))
    found.extend(_owner(item, leaving) for item in collector.protected)
    for querysets in collector.field_updates.values():
        for queryset in querysets:
            found.extend(queryset)
    return _unique(item for item in found if item not in leaving)


def _part_models(records: list[Model]) -> set[type[Model]]:
    return {part for record in records for part in PARTS.get(type(record), ())}


def _belongs_to(item: Model, leaving: set[Model]) -> bool:
    """A part of a leaving record, or a row of a leaving record's own many-to-many field."""
    model = type(item)
    through_owner = model._meta.auto_created
    for field in _foreign_keys(model):
        target = getattr(item, field.name)
        if target not in leaving:
            continue
        if through_owner and isinstance(target, through_owner):
            return True
        if model in PARTS.get(type(target), ()):
            return True
    return False


def _owner(item: Model, leaving: set[Model]) -> Model:
    """The record a link row or an inline part stands for: what it points to that is not being deleted."""
    model = type(item)
    if not model._meta.auto_created and model not in _inline_models():
        return item
    for field in _foreign_keys(model):
        if field.remote_field.on_delete.__name__ != "CASCADE":
            continue
        target = getattr(item, field.name)
        if target is not None and target not in leaving:
            return target
    return item


def _inline_models() -> set[type[Model]]:
    return {part for parts in PARTS.values() for part in parts if part is not Site}


def _foreign_keys(model: type[Model]) -> list[ForeignKey]:
    return [field for field in model._meta.concrete_fields if field.many_to_one]


def _unique(items: Iterable[Model]) -> list[Model]:
    seen: dict[tuple[str, object], Model] = {}
    for item in items:
        seen.setdefault((item._meta.label, item.pk), item)
    return list(seen.values())
