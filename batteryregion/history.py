"""The change history of the map's records, read for people: who changed what, when and through what, with the
old and new value of every field; and the writes around it: one admin save is one version, restoring a version.

django-simple-history keeps the versions (batteryregion/records.py registers every data model); this module reads
them in a fixed number of queries. The log across all records is batteryregion/change_log.py.
"""

import datetime
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import admin
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
from simple_history.models import (
    HistoricalChanges,
    HistoricalRecords,
    registered_models,
)
from simple_history.utils import (
    get_history_manager_for_model,
    get_m2m_field_name,
    get_m2m_reverse_field_name,
)

from batteryregion.records import ChangeChannel
from coordinators.permissions import Role, role_of

# A part (edited inline) → its parent model and the name of the part's key to it.
Parents = dict[type[models.Model], tuple[type[models.Model], str]]


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


def may_read_change_log(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Superusers and lead coordinators read the change log across all records (roles: coordinators/permissions/)."""
    return role_of(user) in (Role.LEAD, Role.SUPERUSER)


def is_tracked(model: type[models.Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def tracked_models() -> list[type[models.Model]]:
    """Every model whose versions are kept, in a fixed order (app, then model)."""
    # simple-history's registry also holds the tables behind many-to-many fields; they have no history of their own.
    tracked = {model for model in registered_models.values() if is_tracked(model)}
    return sorted(tracked, key=lambda model: model._meta.label_lower)


def translated_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The model's translated fields (name, description …), whose columns name_fi, name_sv, name_en hold the text."""
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def compared_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a person edits, as the versions are compared: each language apart, links apart (link_fields)."""
    # The untranslated column of a translated field holds whichever language was active at the save: noise.
    untranslated = set(translated_fields(model))
    # Fields the versions do not keep (a workshop's contact: personal data) have nothing to compare.
    kept = (
        {
            field.name
            for field in get_history_manager_for_model(model).model._meta.fields
        }
        if is_tracked(model)
        else None
    )
    return [
        field
        for field in model._meta.fields
        if field.editable
        and not field.primary_key
        and field.name not in untranslated
        and (kept is None or field.name in kept)
    ]


def link_fields(model: type[models.Model]) -> list[models.ManyToManyField]:
    """The many-to-many fields whose links every version keeps."""
    return list(
        get_history_manager_for_model(model).model._history_m2m_fields
        if is_tracked(model)
        else []
    )


def value_shown(field: models.Field, value: Any) -> str:
    """A field's value as a person reads it: choice labels, related objects' names, local dates, "(empty)"."""
    if value is None or value == "" or value == []:
        return _("(empty)")
    if isinstance(value, list):
        return ", ".join(sorted(str(item) for item in value))
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return local_time(value)
    if isinstance(value, datetime.date | Decimal | float):
        return formats.localize(value)
    return str(value)


def _related_shown(version: HistoricalChanges, field: models.ForeignKey) -> Any:
    """The related object of a version's foreign key (selected with it), or a note that it was deleted since."""
    if getattr(version, field.attname) is None:
        return None
    related = getattr(version, field.name, None)
    if related is None:
        return _("Deleted %(kind)s (number %(id)s)") % {
            "kind": field.related_model._meta.verbose_name,
            "id": getattr(version, field.attname),
        }
    return related


def _links_of_versions(
    model: type[models.Model], versions: Sequence[HistoricalChanges]
) -> dict[tuple[int, str], list[Any]]:
    """Each version's linked objects per many-to-many field: one query per field, whatever the number of versions."""
    links: dict[tuple[int, str], list[Any]] = {
        (version.pk, field.name): []
        for version in versions
        for field in link_fields(model)
    }
    for field in link_fields(model):
        target = get_m2m_reverse_field_name(field)
        rows = (
            HistoricalRecords.m2m_models[field]
            .objects.filter(history__in=[version.pk for version in versions])
            .select_related(target)
        )
        for row in rows:
            related = getattr(row, target, None)
            links[(row.history_id, field.name)].append(
                related
                if related is not None
                else _("Deleted %(kind)s (number %(id)s)")
                % {
                    "kind": field.related_model._meta.verbose_name,
                    "id": getattr(row, f"{target}_id"),
                }
            )
    return links


def changes_for_versions(
    model: type[models.Model], versions: Sequence[HistoricalChanges]
) -> dict[int, list[FieldChange]]:
    """The changed fields of each version against the previous version of the same record among `versions`.

    `versions` are of one model, newest first, with their foreign keys selected; a record's oldest version in the
    list gets no entry. Queries: one per many-to-many field.
    """
    plain = compared_fields(model)
    links = _links_of_versions(model, versions)
    older: dict[Any, HistoricalChanges] = {}
    changes: dict[int, list[FieldChange]] = {}
    pk_name = model._meta.pk.attname
    # Walk from the oldest so that each version meets the one before it.
    for version in reversed(versions):
        record = getattr(version, pk_name)
        previous = older.get(record)
        older[record] = version
        if previous is None:
            continue
        delta = version.diff_against(
            previous, included_fields=[field.name for field in plain]
        )
        changed = {change.field: change for change in delta.changes}
        found = []
        # In the order of the form, links last.
        for field in plain:
            change = changed.get(field.name)
            if change is None or (_blank(change.old) and _blank(change.new)):
                continue
            if isinstance(field, models.ForeignKey):
                old, new = (
                    _related_shown(previous, field),
                    _related_shown(version, field),
                )
            else:
                old, new = change.old, change.new
            found.append(_field_change(field, old, new))
        for field in link_fields(model):
            old = links[(previous.pk, field.name)]
            new = links[(version.pk, field.name)]
            if _identities(old) != _identities(new):
                found.append(_field_change(field, old, new))
        changes[version.pk] = found
    return changes


def _identities(linked: list[Any]) -> list[str]:
    return sorted(str(getattr(item, "pk", item)) for item in linked)


def _blank(value: Any) -> bool:
    return value is None or value == ""


def _field_change(field: models.Field, old: Any, new: Any) -> FieldChange:
    return FieldChange(
        field=capfirst(str(field.verbose_name)),
        old=value_shown(field, old),
        new=value_shown(field, new),
    )


def made_by(version: HistoricalChanges) -> str:
    """Who made a version: the user, else what made it (the bundled-data loader, the command line, an import …)."""
    user = version.history_user
    if user is not None:
        return user.get_full_name() or user.get_username()
    return str(ChangeChannel(version.history_channel).label)


def part_parents() -> Parents:
    """Records edited inline in another record's admin (offerings in a programme's): their parent and its key."""
    parents: Parents = {}
    for parent, model_admin in admin.site._registry.items():
        for inline in model_admin.inlines:
            if not getattr(inline, "history_part", True):
                continue  # records of their own that a page also edits (a workshop's needs)
            key = next(
                (
                    field.name
                    for field in inline.model._meta.fields
                    if isinstance(field, models.ForeignKey)
                    and field.related_model is parent
                    and (inline.fk_name is None or inline.fk_name == field.name)
                ),
                None,
            )
            if key is not None and is_tracked(inline.model):
                parents.setdefault(inline.model, (parent, key))
    return parents


def part_versions_for_history(
    model_admin: admin.ModelAdmin, record_id: Any, *, limit: int = 100
) -> tuple[list[HistoricalChanges], bool]:
    """The newest versions of the records edited inline in this record's admin, newest first, each with its changes
    (`field_changes`) and a label (`part`); and whether older ones were left out. Queries: one per inline model."""
    versions: list[HistoricalChanges] = []
    for part_model, (parent, key) in part_parents().items():
        if parent is not model_admin.model:
            continue
        history = get_history_manager_for_model(part_model).model
        part_versions = list(
            history.objects.filter(**{f"{key}_id": record_id})
            .select_related("history_user", *foreign_keys(part_model))
            .order_by("-history_date", "-history_id")[: limit + 1]
        )
        changes = changes_for_versions(part_model, part_versions)
        for version in part_versions:
            version.field_changes = changes.get(version.pk)
            version.made_by = made_by(version)
            version.part = (
                f"{capfirst(part_model._meta.verbose_name)}: {_label(version)}"
            )
            version.part_anchor = f"{part_model._meta.model_name}-{version.pk}"
        versions.extend(part_versions)
    versions.sort(key=lambda version: version.history_date, reverse=True)
    return versions[:limit], len(versions) > limit


def foreign_keys(model: type[models.Model]) -> list[str]:
    """The names of the model's foreign keys (to select them with its versions)."""
    return [
        field.name
        for field in model._meta.fields
        if isinstance(field, models.ForeignKey)
    ]


def _label(version: HistoricalChanges) -> str:
    """The record as it was in the version, named without queries (its related objects were selected with it)."""
    record = version.instance_type(
        **{
            field.attname: getattr(version, field.attname)
            for field in version.tracked_fields
        }
    )
    for field in version.tracked_fields:
        if isinstance(field, models.ForeignKey) and field.is_cached(version):
            field.set_cached_value(record, field.get_cached_value(version))
    return str(record)


def latest_version(record: models.Model) -> HistoricalChanges:
    return get_history_manager_for_model(record).order_by(
        "-history_date", "-history_id"
    )[0]


def version_links_refresh(record: models.Model) -> None:
    """Store the record's current many-to-many links with its newest version (replacing what the version held)."""
    fields = link_fields(type(record))
    if not fields:
        return
    version = latest_version(record)
    for field in fields:
        history_links = HistoricalRecords.m2m_models[field]
        through = field.remote_field.through
        history_links.objects.filter(history=version).delete()
        history_links.objects.bulk_create(
            history_links(
                history=version,
                **{
                    column.attname: getattr(row, column.attname)
                    for column in through._meta.fields
                },
            )
            for row in through.objects.filter(**{get_m2m_field_name(field): record})
        )


@contextmanager
def one_version(record: models.Model) -> Iterator[None]:
    """Link changes made inside the block (an admin form's many-to-many fields) join the record's newest version
    instead of adding one version per field, so one save is one version."""
    record.skip_history_when_saving = True
    try:
        yield
    finally:
        del record.skip_history_when_saving
    version_links_refresh(record)


def links_of_version(version: HistoricalChanges) -> dict[str, list[Any]]:
    """The primary keys a version linked to, per many-to-many field (the initial values of a revert form); read
    once per version object, as the admin builds its form several times a request."""
    if not hasattr(version, "_links"):
        version._links = {
            field.name: list(
                getattr(version, field.name).values_list(
                    f"{get_m2m_reverse_field_name(field)}_id", flat=True
                )
            )
            for field in link_fields(version.instance_type)
        }
    return version._links


def local_time(moment: datetime.datetime) -> str:
    return formats.localize(timezone.localtime(moment))


def revert_reason(version: HistoricalChanges) -> str:
    """The change reason of a version that restores an earlier one (the column holds 100 characters)."""
    return (
        _("Restored the version of %(date)s.")
        % {"date": local_time(version.history_date)}
    )[:100]


def keep_current_record_fields(record: models.Model) -> None:
    """Give a record rebuilt from an old version today's values of the fields nobody edits (origin, created …):
    restoring a version restores what people edited, not where the record came from."""
    kept = [
        field.attname
        for field in record._meta.concrete_fields
        if not field.editable and not field.primary_key
    ]
    current = type(record)._default_manager.filter(pk=record.pk).values(*kept).first()
    for name, value in (current or {}).items():
        setattr(record, name, value)
