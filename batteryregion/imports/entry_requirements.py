"""A programme's entry requirements in an import file: ``entry_qualifications`` (qualification type codes joined
with ``;``) and ``entry_min_level`` (an EQF level), as in the bundled data. They are rows of their own
(programmes.EntryRequirement), so they are read before the programme is saved and written after it: the file's
list replaces the programme's (a code no longer listed is removed). A file without these columns leaves them alone.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from import_export import fields

from batteryregion.imports.widgets import (
    SEPARATOR,
    CodesWidget,
    IntegerWidget,
    cell_text,
)
from programmes.models import EntryRequirement, Programme
from skills.models import EducationLevel, QualificationType

QUALIFICATIONS = "entry_qualifications"
MIN_LEVEL = "entry_min_level"


class RecordParts:
    """Columns of a record kept in other rows: ``read`` checks the cells, ``write`` saves them after the record."""

    columns: tuple[str, ...] = ()

    @classmethod
    def read(cls, row: dict[str, Any]) -> Any:
        raise NotImplementedError

    @classmethod
    def write(cls, record: models.Model, value: Any) -> None:
        raise NotImplementedError

    @classmethod
    def prefetch(cls) -> list[Any]:
        """What to prefetch on a record before its values are shown."""
        return []

    @classmethod
    def render(cls, value: Any) -> dict[str, str]:
        """What ``read`` gave, as an export shows it (to see whether a row changes anything)."""
        raise NotImplementedError


class EntryRequirementColumns(RecordParts):
    columns = (QUALIFICATIONS, MIN_LEVEL)

    @classmethod
    def fields(cls) -> dict[str, fields.Field]:
        """Export-only fields (no attribute: the resource does not write them; ``write`` does)."""
        qualifications = fields.Field(
            column_name=QUALIFICATIONS, dehydrate_method=cls.export_qualifications
        )
        level = fields.Field(column_name=MIN_LEVEL, dehydrate_method=cls.export_level)
        for field in (qualifications, level):
            field.parts = cls  # type: ignore[attr-defined]
        return {QUALIFICATIONS: qualifications, MIN_LEVEL: level}

    @staticmethod
    def export_qualifications(programme: Programme) -> str:
        return SEPARATOR.join(
            sorted(
                requirement.qualification_type.code
                for requirement in programme.entry_requirements.all()
                if requirement.qualification_type_id
            )
        )

    @staticmethod
    def export_level(programme: Programme) -> str:
        levels = [
            requirement.min_level.level
            for requirement in programme.entry_requirements.all()
            if requirement.min_level_id
        ]
        return str(min(levels)) if levels else ""

    @classmethod
    def read(cls, row: dict[str, Any]) -> dict[str, Any] | None:
        """The requirements the row asks for, or None when the file has neither column."""
        if QUALIFICATIONS not in row and MIN_LEVEL not in row:
            return None
        errors: dict[str, str] = {}
        wanted: dict[str, Any] = {"qualifications": None, "level": None}
        if QUALIFICATIONS in row:
            try:
                wanted["qualifications"] = CodesWidget(QualificationType, "code").clean(
                    row[QUALIFICATIONS]
                )
            except ValueError as error:
                errors[QUALIFICATIONS] = str(error)
        if MIN_LEVEL in row and cell_text(row[MIN_LEVEL]):
            try:
                level = IntegerWidget().clean(row[MIN_LEVEL])
                wanted["level"] = EducationLevel.objects.get(level=level)
            except ValueError as error:
                errors[MIN_LEVEL] = str(error)
            except EducationLevel.DoesNotExist:
                errors[MIN_LEVEL] = _("There is no EQF level “%(value)s”.") % {
                    "value": cell_text(row[MIN_LEVEL])
                }
        if errors:
            raise ValidationError(errors)
        wanted["columns"] = {column for column in cls.columns if column in row}
        return wanted

    @classmethod
    def prefetch(cls) -> list[Any]:
        return [
            Prefetch(
                "entry_requirements",
                queryset=EntryRequirement.objects.select_related(
                    "qualification_type", "min_level"
                ),
            )
        ]

    @classmethod
    def render(cls, value: dict[str, Any] | None) -> dict[str, str]:
        if value is None:
            return {}
        shown = {}
        if QUALIFICATIONS in value["columns"]:
            shown[QUALIFICATIONS] = SEPARATOR.join(
                sorted(qualification.code for qualification in value["qualifications"])
            )
        if MIN_LEVEL in value["columns"]:
            shown[MIN_LEVEL] = str(value["level"].level) if value["level"] else ""
        return shown

    @classmethod
    def write(cls, record: models.Model, value: dict[str, Any] | None) -> None:
        if value is None:
            return
        getattr(record, "_prefetched_objects_cache", {}).pop("entry_requirements", None)
        current = list(EntryRequirement.objects.filter(programme=record))
        if QUALIFICATIONS in value["columns"]:
            wanted = {qualification.pk for qualification in value["qualifications"]}
            have = {
                r.qualification_type_id: r for r in current if r.qualification_type_id
            }
            for pk, requirement in have.items():
                if pk not in wanted:
                    requirement.delete()
            for pk in wanted - set(have):
                EntryRequirement(programme=record, qualification_type_id=pk).save()
        if MIN_LEVEL in value["columns"]:
            level = value["level"]
            for requirement in current:
                if requirement.min_level_id and (
                    level is None or requirement.min_level_id != level.pk
                ):
                    requirement.delete()
            if level is not None and not any(
                r.min_level_id == level.pk for r in current
            ):
                EntryRequirement(programme=record, min_level=level).save()
