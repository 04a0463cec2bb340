"""What the history (django-simple-history) says about bundled records: whether a record still is exactly as the
loader last wrote it, and which records once had a key of the bundled data (now deleted, or changed so that the
key no longer matches)."""

from collections import defaultdict
from typing import Any

from django.db import models
from modeltranslation.translator import NotRegistered, translator

from batteryregion.records import ChangeChannel, RecordOrigin

# Stored in the history of each record an explicit choice touched (simple-history keeps at most 100 characters).
OVERWRITE_REASON = "Bundled value taken over a coordinator's change"
RESTORE_REASON = "Deleted record restored from the bundled data"

# Bookkeeping that changes with every save and says nothing about a coordinator's change.
NOT_COMPARED = {"id", "updated_at"}


def history_model(model: type[models.Model]) -> type[models.Model] | None:
    manager = getattr(model, "history", None)
    return manager.model if manager is not None else None


class RecordHistory:
    """Reads the history of the bundled kinds of record once per kind, when first needed."""

    def __init__(self, current_links: Any) -> None:
        # current_links(obj, name) -> set of pks: the loader's cache of many-to-many links
        self.current_links = current_links
        self._loaded: dict[type, dict[int, models.Model]] = {}
        self._loaded_links: dict[tuple[type, str], dict[int, set[int]]] = {}
        self._keys: dict[tuple[type, tuple[str, ...]], dict[tuple, list[int]]] = {}

    def as_loaded(self, obj: models.Model) -> bool:
        """Whether every field and link of the record still holds what the loader last wrote.

        A record that the loader never wrote (made before history was kept, or by a coordinator) is not; neither
        is one changed in any way since, through the admin, an import, the API, the shell or plain SQL. A save
        that changed nothing (an admin form saved for an inline) leaves the record as loaded.
        """
        model = type(obj)
        version = self.last_loaded(model).get(obj.pk)
        if version is None:
            return False
        if any(
            getattr(obj, attname) != getattr(version, attname)
            for attname in compared_fields(model)
        ):
            return False
        for relation in tracked_links(model):
            loaded = self.loaded_links(model, relation).get(version.history_id, set())
            if self.current_links(obj, relation.name) != loaded:
                return False
        return True

    def last_loaded(self, model: type[models.Model]) -> dict[int, models.Model]:
        """The newest version written through the loader, per record."""
        if model not in self._loaded:
            historical = history_model(model)
            versions: dict[int, models.Model] = {}
            if historical is not None:
                for version in historical._default_manager.filter(
                    history_channel=ChangeChannel.LOADER
                ).order_by("history_date", "history_id"):
                    versions[version.id] = version
            self._loaded[model] = versions
        return self._loaded[model]

    def loaded_links(
        self, model: type[models.Model], relation: models.ManyToManyField
    ) -> dict[int, set[int]]:
        """Many-to-many targets of each loader version, by history id."""
        cache_key = (model, relation.name)
        if cache_key not in self._loaded_links:
            links_model = getattr(history_model(model), relation.name).model
            target = f"{relation.m2m_reverse_field_name()}_id"
            links: dict[int, set[int]] = defaultdict(set)
            for history_id, target_id in links_model._default_manager.filter(
                history__history_channel=ChangeChannel.LOADER
            ).values_list("history_id", target):
                links[history_id].add(target_id)
            self._loaded_links[cache_key] = links
        return self._loaded_links[cache_key]

    def former_ids(self, model: type[models.Model], key: dict[str, Any]) -> list[int]:
        """Ids of records that once had this key as bundled records (a loader version, or origin bundled), newest
        first, so that a key that was the loader's is never given to a second record. Records the loader itself
        deleted (an entry requirement the file dropped) do not count: the file may bring them back."""
        attnames = tuple(key)
        cache_key = (model, attnames)
        if cache_key not in self._keys:
            historical = history_model(model)
            owners: dict[tuple, list[int]] = defaultdict(list)
            if historical is not None:
                newest: dict[int, tuple[str, str]] = {}
                rows = historical._default_manager.order_by(
                    "-history_date", "-history_id"
                ).values_list(
                    *attnames, "id", "history_type", "history_channel", "origin"
                )
                for *values, record_id, kind, channel, origin in rows:
                    newest.setdefault(record_id, (kind, channel))
                    ids = owners[tuple(values)]
                    bundled = (
                        channel == ChangeChannel.LOADER
                        or origin == RecordOrigin.BUNDLED
                    )
                    if bundled and record_id not in ids:
                        ids.append(record_id)
                for ids in owners.values():
                    ids[:] = [
                        i for i in ids if newest[i] != ("-", ChangeChannel.LOADER)
                    ]
            self._keys[cache_key] = owners
        return self._keys[cache_key].get(tuple(key.values()), [])


def compared_fields(model: type[models.Model]) -> list[str]:
    """Attribute names of the fields a change of which makes the record 'changed since loaded'."""
    try:
        # modeltranslation's untranslated column (name) follows name_fi/sv/en and reads per language
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = set()
    return [
        f.attname
        for f in model._meta.concrete_fields
        if f.attname not in NOT_COMPARED and f.name not in translated
    ]


def tracked_links(model: type[models.Model]) -> list[models.ManyToManyField]:
    """The many-to-many fields whose links the history keeps."""
    historical = history_model(model)
    return list(getattr(historical, "_history_m2m_fields", []) or [])
