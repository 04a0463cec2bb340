"""The loader: reads the files in dependency order and compares them with the database record by record, in one
transaction.

- A record that is not in the database is added.
- A record that nobody but the loader has changed (every field and link still holds what the loader last wrote)
  is updated to the bundled value.
- A record changed since it was loaded (through the admin, an import, the API, the shell, or before history was
  kept) is left as it is and reported field by field, unless the caller chose to take the bundled value for it.
- A record deleted in the database stays deleted and is reported, unless the caller chose to restore it; a key
  the loader once gave to a record whose key was changed since is not given to a second record.
- A competence need the file no longer lists is removed when nobody changed it since it was loaded, and kept and
  reported otherwise (batteryregion/bundled_data/unbundled.py).
"""

import datetime
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from about.models import PartnerOrganisation
from batteryregion.bundled_data.cooperation import CooperationFiles
from batteryregion.bundled_data.history import (
    OVERWRITE_REASON,
    RESTORE_REASON,
    RecordHistory,
    history_model,
)
from batteryregion.bundled_data.partnership import PartnershipFiles
from batteryregion.bundled_data.report import (
    Difference,
    LoadReport,
    Outcome,
    shown,
    shown_lists,
)
from batteryregion.bundled_data.rows import (
    BundledDataError,
    Row,
    RowError,
    read_rows,
)
from batteryregion.bundled_data.supply import SupplyFiles
from batteryregion.bundled_data.unbundled import UnbundledRecords
from batteryregion.bundled_data.vocabulary import VocabularyFiles
from batteryregion.records import (
    ChangeChannel,
    PublicationState,
    Publishable,
    RecordOrigin,
    changes_through,
)
from batteryregion.sync.aliases import identifier_errors
from gaps.cooperation.models import Action, ActionFigure, ActionParticipant
from programmes.models import EntryRequirement, Intake, Offering, Programme
from skills.models import (
    Actor,
    ActorLink,
    CompetenceNeed,
    EducationField,
    EducationLevel,
    Language,
    Municipality,
    Occupation,
    OccupationSkill,
    QualificationType,
    Region,
    Segment,
    Site,
    Skill,
)

BUNDLED_MODELS: tuple[type[models.Model], ...] = (
    Segment, Language, EducationField, Region, Municipality, EducationLevel, QualificationType, Skill, Occupation, OccupationSkill, Actor, Site,
    Programme, EntryRequirement, Offering, Intake, CompetenceNeed, PartnerOrganisation, ActorLink, Action,
    ActionParticipant, ActionFigure,
)  # fmt: skip
BUNDLED_FILES = (
    "segments.csv", "languages.csv", "education_fields.csv", "regions.csv", "municipalities.csv", "eqf_levels.csv", "qualification_types.csv", "skills.csv",
    "occupations.csv", "occupation_skills.csv", "actors.csv", "sites.csv", "programmes.csv", "offerings.csv",
    "intakes.csv", "competence_needs.csv", "partners.csv", "actor_links.csv", "cooperation_actions.csv",
    "action_participants.csv", "action_figures.csv",
)  # fmt: skip
VERSIONED_SUFFIXES = {".csv", ".geojson"}
# Records deleted together with the one they belong to (on_delete=CASCADE) come back when it is restored.
BELONGS_TO: dict[type[models.Model], tuple[str, ...]] = {
    OccupationSkill: ("occupation", "skill"),
    Site: ("actor",),
    Offering: ("programme",),
    Intake: ("programme",),
    EntryRequirement: ("programme",),
    ActionParticipant: ("action",),
    ActionFigure: ("action",),
}


@dataclass(frozen=True)
class LoadChoices:
    """What the caller chose: a dry run, and the records (file, key) whose bundled value is to be taken."""

    dry_run: bool = False
    overwrite_all: bool = False
    overwrite: frozenset[tuple[str, str]] = frozenset()
    restore: frozenset[tuple[str, str]] = frozenset()


class Loader(
    VocabularyFiles, SupplyFiles, PartnershipFiles, CooperationFiles, UnbundledRecords
):
    """One run of the loader over one folder of files."""

    def __init__(self, directory: Path, choices: LoadChoices | None = None) -> None:
        self.directory = Path(directory)
        self.choices = choices or LoadChoices()
        self.errors: list[RowError] = []
        self.report = LoadReport(dry_run=self.choices.dry_run)
        self.version = ""
        self.used_choices: set[tuple[str, str]] = set()
        self.restored: set[tuple[type, int]] = set()
        self._links: dict[tuple[type, str], dict[int, set[int]]] = {}
        self._records: dict[type, dict[int, models.Model]] = {}
        self._index: dict[tuple[type, tuple[str, ...]], dict[tuple, models.Model]] = {}
        self.history = RecordHistory(self.current_links)

    def run(self) -> LoadReport:
        self.version = self.report.version = self.read_version()
        if self.errors:
            raise BundledDataError(self.errors)
        with transaction.atomic():
            with changes_through(ChangeChannel.LOADER):
                for step in (
                    self.load_segments,
                    self.load_languages,
                    self.load_education_fields,
                    self.load_regions,
                    self.load_municipalities,
                    self.load_levels,
                    self.load_qualification_types,
                    self.load_skills,
                    self.load_occupations,
                    self.load_occupation_skills,
                    self.load_actors,
                    self.load_sites,
                    self.load_programmes,
                    self.load_offerings,
                    self.load_intakes,
                    self.load_needs,
                    self.load_partners,
                    self.load_actor_links,
                    self.load_actions,
                    self.load_action_participants,
                    self.load_action_figures,
                    # After the actions, whose links the file may just have moved to other needs.
                    self.remove_unbundled_needs,
                ):
                    step()
                    if self.errors:
                        # Later files refer to this one; stop here and undo everything.
                        raise BundledDataError(self.errors)
            if self.choices.dry_run:
                transaction.set_rollback(True)
        chosen = self.choices.overwrite | self.choices.restore
        self.report.unmatched = [
            f"{file}:{key}" for file, key in sorted(chosen - self.used_choices)
        ]
        return self.report

    def read_version(self) -> str:
        """The date in VERSION and a short hash of the data files, e.g. 2026-11-29+1a2b3c4d."""
        path = self.directory / "VERSION"
        try:
            date = path.read_text(encoding="utf-8").strip()
            datetime.date.fromisoformat(date)
        except FileNotFoundError:
            self.errors.append(RowError("VERSION", 0, "—", _("The file is missing.")))
            return ""
        except ValueError:
            self.errors.append(
                RowError(
                    "VERSION",
                    1,
                    "—",
                    _("“%(value)s” is not a date of the form 2026-01-31.")
                    % {"value": date},
                )
            )
            return ""
        digest = hashlib.sha256()
        for file in sorted(self.directory.iterdir()):
            if file.suffix in VERSIONED_SUFFIXES:
                digest.update(file.name.encode() + b"\0" + file.read_bytes())
        return f"{date}+{digest.hexdigest()[:8]}"

    # Reading ---------------------------------------------------------------------------------------

    def rows(
        self,
        name: str,
        columns: list[str],
        key: str | tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> list[Row]:
        return read_rows(self.directory, name, columns, key, self.errors, optional)

    def records(self, model: type[models.Model]) -> list[models.Model]:
        """Every record of the kind in the database (read once per load)."""
        return list(self._by_pk(model).values())

    def _by_pk(self, model: type[models.Model]) -> dict[int, models.Model]:
        if model not in self._records:
            self._records[model] = {o.pk: o for o in model._default_manager.all()}
        return self._records[model]

    def _indexed(
        self, model: type[models.Model], attnames: tuple[str, ...]
    ) -> dict[tuple, models.Model]:
        if (model, attnames) not in self._index:
            self._index[model, attnames] = {
                tuple(getattr(o, a) for a in attnames): o for o in self.records(model)
            }
        return self._index[model, attnames]

    def lookup(
        self, model: type[models.Model], key: dict[str, Any]
    ) -> tuple[models.Model | None, list[int]]:
        """The record with the key, or the one that had it as a bundled record before its key was changed; and
        the ids of records that once had the key."""
        attkey = _attnames(model, key)
        found = self._indexed(model, tuple(attkey)).get(tuple(attkey.values()))
        if found is not None:
            return found, []
        former = self.history.former_ids(model, attkey)
        live = self._by_pk(model)
        return next((live[pk] for pk in former if pk in live), None), former

    def current_links(self, obj: models.Model, name: str) -> set[int]:
        """Many-to-many targets of one object, read once per relation for the whole load."""
        cache_key = (type(obj), name)
        if cache_key not in self._links:
            relation = type(obj)._meta.get_field(name)
            through = relation.remote_field.through
            source = relation.m2m_field_name()
            target = relation.m2m_reverse_field_name()
            links: dict[int, set[int]] = defaultdict(set)
            for source_id, target_id in through.objects.values_list(
                f"{source}_id", f"{target}_id"
            ):
                links[source_id].add(target_id)
            self._links[cache_key] = links
        return self._links[cache_key].get(obj.pk, set())

    # Choices ---------------------------------------------------------------------------------------

    def takes(self, file: str, key: str) -> bool:
        """Whether the bundled value is to be taken over the database's for this record."""
        if (file, key) in self.choices.overwrite:
            self.used_choices.add((file, key))
            return True
        return self.choices.overwrite_all

    def restores(self, file: str, key: str, owners: tuple = ()) -> bool:
        """Whether this record, deleted in the database, is to be brought back: chosen, or deleted with a record
        it belongs to that was brought back in this load."""
        if (file, key) in self.choices.restore:
            self.used_choices.add((file, key))
            return True
        return any((type(o), o.pk) in self.restored for o in owners if o is not None)

    # Writing ---------------------------------------------------------------------------------------

    def save(
        self,
        row: Row,
        model: type[models.Model],
        key: dict[str, Any],
        values: dict[str, Any],
        m2m: dict[str, list] | None = None,
    ) -> models.Model | None:
        """Compare one row with its record and add, update, keep or report it (see the module's docstring).

        Returns the record the row's key stands for, or None when it stays out of the database.
        """
        m2m = m2m or {}
        obj, former = self.lookup(model, key)
        if row.withheld:
            # The row cannot be loaded as it stands; a record it already has stays as it is (and can be referred to).
            self.report.count(model, Outcome.SKIPPED)
            self.report.note(
                row.file, row.key, Outcome.SKIPPED, refers_to=row.withheld[0]
            )
            return obj
        values = {**key, **values}  # a record whose key was changed differs in its key
        if obj is None:
            owners = tuple(values[name] for name in BELONGS_TO.get(model, ()))
            if former and not self.restores(row.file, row.key, owners):
                self.report.count(model, Outcome.KEPT_DELETED)
                self.report.note(row.file, row.key, Outcome.KEPT_DELETED)
                return None
            obj = model(pk=former[0] if former else None)
            obj.origin = RecordOrigin.BUNDLED
            if isinstance(obj, Publishable):
                obj.state = PublicationState.PUBLISHED
            self.write(row, obj, values, m2m, RESTORE_REASON if former else None)
            outcome = Outcome.RESTORED if former else Outcome.CREATED
            self.report.count(model, outcome)
            if former:
                self.restored.add((model, obj.pk))
                self.report.note(row.file, row.key, outcome)
            return obj
        names = self.differing(obj, values, m2m)
        if not names:
            self.report.count(model, Outcome.UNCHANGED)
        elif self.history.as_loaded(obj):
            self.write(row, obj, values, m2m)
            self.report.count(model, Outcome.UPDATED)
        else:
            differences = self.describe(obj, names, values, m2m)
            if self.takes(row.file, row.key):
                self.write(row, obj, values, m2m, OVERWRITE_REASON)
                outcome = Outcome.OVERWRITTEN
            else:
                outcome = Outcome.KEPT
            self.report.count(model, outcome)
            self.report.note(row.file, row.key, outcome, differences)
        return obj

    def write(
        self,
        row: Row,
        obj: models.Model,
        values: dict[str, Any],
        m2m: dict[str, list],
        reason: str | None = None,
    ) -> None:
        """Set the bundled values, validate, save and link; the history records the loader and the reason."""
        adding = obj._state.adding
        old_key = {a: getattr(obj, a) for a in _attnames(type(obj), values)}
        for name, value in values.items():
            setattr(obj, name, value)
        obj.source_version = self.version
        if reason:
            obj._change_reason = reason
        try:
            obj.full_clean(validate_unique=False)
            # An identifier that once led to another record keeps leading there (batteryregion/sync): the file may
            # not give it to a record of its own.
            if taken := identifier_errors(obj):
                raise ValidationError(taken)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    row.error(name if name != "__all__" else "—", message)
            return
        obj.save()
        self._remember(obj, old_key if not adding else None)
        for name, targets in m2m.items():
            wanted = {target.pk for target in targets}
            if wanted != (set() if adding else self.current_links(obj, name)):
                getattr(obj, name).set(wanted)
                self.current_links(obj, name)
                self._links[type(obj), name][obj.pk] = wanted

    def delete(self, obj: models.Model, reason: str | None = None) -> None:
        """Delete through the loader (the history keeps the deleted version)."""
        if reason:
            obj._change_reason = reason
        self._by_pk(type(obj)).pop(obj.pk, None)
        for (model, attnames), index in self._index.items():
            if model is type(obj):
                index.pop(tuple(getattr(obj, a) for a in attnames), None)
        obj.delete()

    def _remember(self, obj: models.Model, old: dict[str, Any] | None) -> None:
        """Keep the lookups current after a save (a new record, or a key taken back)."""
        self._by_pk(type(obj))[obj.pk] = obj
        for (model, attnames), index in self._index.items():
            if model is type(obj):
                if old is not None and all(a in old for a in attnames):
                    index.pop(tuple(old[a] for a in attnames), None)
                index[tuple(getattr(obj, a) for a in attnames)] = obj

    # Comparing -------------------------------------------------------------------------------------

    def differing(
        self, obj: models.Model, values: dict[str, Any], m2m: dict[str, list]
    ) -> list[str]:
        """Names of the fields and links whose database value is not the bundled one."""
        names = [name for name, value in values.items() if _differs(obj, name, value)]
        return names + [
            name
            for name, targets in m2m.items()
            if {t.pk for t in targets} != self.current_links(obj, name)
        ]

    def describe(
        self,
        obj: models.Model,
        names: list[str],
        values: dict[str, Any],
        m2m: dict[str, list],
    ) -> list[Difference]:
        """The differing fields as report lines: the file's column, the database value, the bundled value."""
        model = type(obj)
        differences = []
        for name in names:
            if name in m2m:
                related = model._meta.get_field(name).related_model
                current = related._default_manager.filter(
                    pk__in=self.current_links(obj, name)
                )
                database, bundled = shown_lists(current, m2m[name])
            else:
                database, bundled = shown(getattr(obj, name)), shown(values[name])
            differences.append(Difference(column_of(model, name), database, bundled))
        return differences


def column_of(model: type[models.Model], name: str) -> str:
    """The file's column for a model field (where the names differ)."""
    if model is QualificationType and name == "level":
        return "eqf_level"
    if match := re.fullmatch(r"(label|description)_origin_(fi|sv|en)", name):
        return f"{match[1]}_{match[2]}_source"
    return name


def _attnames(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    """Field names with model instances → column names with primary keys (programme → programme_id)."""
    result = {}
    for name, value in values.items():
        field = model._meta.get_field(name)
        if field.many_to_many:
            continue
        result[field.attname] = value.pk if isinstance(value, models.Model) else value
    return result


def _differs(obj: models.Model, name: str, value: Any) -> bool:
    field_ = obj._meta.get_field(name)
    if field_.is_relation:
        return getattr(obj, field_.attname) != (value.pk if value is not None else None)
    return getattr(obj, field_.attname) != value


def database_has_bundled_kinds() -> bool:
    """Whether the database holds, or has held, any record of a kind the bundled data provides."""
    for model in BUNDLED_MODELS:
        historical = history_model(model)
        if model._default_manager.exists() or (
            historical is not None and historical._default_manager.exists()
        ):
            return True
    return False
