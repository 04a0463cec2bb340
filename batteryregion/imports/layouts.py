"""The column layout of each kind of record in an import or export file: the bundled data's (batteryregion/data/
README.md), plus the publication state. A resource (django-import-export) per kind reads and writes it; the
``Layout`` says which kind a file or sheet holds, in what order kinds import, and what each column means.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from batteryregion.bundled_data.rows import translated_columns
from batteryregion.imports import widgets
from batteryregion.imports.entry_requirements import (
    EntryRequirementColumns,
    RecordParts,
)
from batteryregion.imports.lookups import folded, in_every_language
from programmes.models import Intake, Offering, Programme
from skills.models import Actor, CompetenceNeed, Site

# The field of a linked model that names it in a file.
CODE_FIELDS = {
    "Actor": "slug",
    "Site": "slug",
    "Programme": "slug",
    "Skill": "slug",
    "Occupation": "slug",
    "EducationLevel": "level",
}


def code_field(model: type[models.Model]) -> str:
    return CODE_FIELDS.get(model.__name__, "code")


def widget_for(field: models.Field) -> Any:
    if field.many_to_many:
        return widgets.CodesWidget(field.related_model, code_field(field.related_model))
    if field.is_relation:
        return widgets.CodeWidget(field.related_model, code_field(field.related_model))
    if field.choices:
        return widgets.ChoiceWidget(field.choices)
    if isinstance(field, models.URLField):
        return widgets.UrlWidget()
    if isinstance(field, models.BooleanField):
        return widgets.YesNoWidget(unknown_allowed=field.null)
    if isinstance(field, models.DateField):
        return widgets.DateWidget()
    if isinstance(field, models.DecimalField):
        return widgets.DecimalWidget(decimal_places=field.decimal_places)
    if isinstance(field, models.IntegerField):
        return widgets.IntegerWidget()
    return widgets.TextWidget()


class LayoutResource(resources.ModelResource):
    """A kind's columns; the running of an import (running.py) decides scope, history and what changed."""

    # Columns that are not fields of the model: read before the save, written after it (entry requirements).
    parts: tuple[type["RecordParts"], ...] = ()
    # The many-to-many columns, prefetched before the record's values are shown.
    links: tuple[str, ...] = ()

    def values(
        self, instance: models.Model, columns: Iterable[str] | None = None
    ) -> dict[str, str]:
        """The record as the file would show it, column by column (the preview's old and new values); only the
        ``columns`` given (a file's own), or all."""
        if instance.pk is None:
            return {}
        wanted = set(columns) if columns is not None else None
        shown_fields = [
            field
            for field in self.get_export_fields()
            if wanted is None or field.column_name in wanted
        ]
        prefetch_related_objects(
            [instance],
            *(link for link in self.links if wanted is None or link in wanted),
            *(
                lookup
                for part in self.parts
                if wanted is None or wanted & set(part.columns)
                for lookup in part.prefetch()
            ),
        )
        shown = {}
        for field in shown_fields:
            if isinstance(field.widget, widgets.CodeWidget):
                # A link by its code, from the lookup's table of codes: no query per record.
                pk = getattr(instance, f"{field.attribute}_id")
                shown[field.column_name] = field.widget.lookup.code_of(pk)
            else:
                shown[field.column_name] = self.export_field(field, instance)
        return shown

    def import_field(self, field: fields.Field, instance: models.Model, row: dict[str, Any], is_m2m: bool = False, **kwargs: Any) -> None:  # fmt: skip
        """An empty cell of a field that has a default and may not be blank (a state, a kind of source) leaves the
        record's value as it is: the default for a new record."""
        if (
            field.attribute
            and not is_m2m
            and not widgets.cell_text(row.get(field.column_name))
        ):
            model_field = self._meta.model._meta.get_field(field.attribute)
            if model_field.has_default() and not model_field.blank:
                return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)


def resource_for(
    model: type[models.Model],
    columns: list[str],
    key: tuple[str, ...],
    extra: dict[str, fields.Field] | None = None,
) -> type[LayoutResource]:
    """A resource with one field per column, each read by the widget its model field calls for."""
    attrs: dict[str, Any] = {}
    for column in columns:
        attrs[column] = fields.Field(
            attribute=column,
            column_name=column,
            widget=widget_for(model._meta.get_field(column)),
        )
    attrs.update(extra or {})
    # When the record last changed: an export carries it, and an import of that file warns where the record has
    # changed since (running.py); it is never written.
    attrs["updated_at"] = fields.Field(
        column_name="updated_at", dehydrate_method=_last_changed
    )
    parts = tuple(getattr(field, "parts", None) for field in (extra or {}).values())
    attrs["Meta"] = type(
        "Meta",
        (),
        {
            "model": model,
            "fields": tuple(attrs),
            "import_id_fields": key,
            "export_order": tuple(attrs),
            "clean_model_instances": True,
            "skip_diff": True,
        },
    )
    attrs["parts"] = tuple(dict.fromkeys(part for part in parts if part))
    attrs["links"] = tuple(
        column for column in columns if model._meta.get_field(column).many_to_many
    )
    return type(f"{model.__name__}Layout", (LayoutResource,), attrs)


def _last_changed(record: models.Model) -> str:
    return record.updated_at.isoformat(timespec="seconds") if record.updated_at else ""


def translated(*names: str) -> list[str]:
    """The columns of translated fields, as the bundled files name them (name_fi, name_sv, name_en …)."""
    return [column for name in names for column in translated_columns(name)]


PUBLICATION = ["state", "ended_on"]

ACTOR_COLUMNS = [
    "slug",
    "kind",
    "country",
    *translated("name", "description"),
    "website",
    "segments",
    "source_url",
    "verified_on",
    "opintopolku_oid",
    "organisation_number",
    *PUBLICATION,
]
SITE_COLUMNS = [
    "slug",
    "actor",
    *translated("town"),
    "region",
    "latitude",
    "longitude",
    "is_main",
]
PROGRAMME_COLUMNS = [
    "slug",
    "provider",
    "kind",
    *translated("name", "description"),
    "awarded_qualification",
    "awarded_level",
    "education_field",
    "duration_months",
    "credits",
    "credit_unit",
    "languages",
    "delivery_mode",
    "places_per_year",
    "segments",
    "skills",
    "occupations",
    *translated("entry_notes"),
    "audience",
    "audience_region",
    "min_age",
    "min_age_waived_from",
    "required_fields",
    *translated("prior_studies"),
    "recognition_of_prior_learning",
    "free_of_charge",
    "pace",
    "opintopolku_oid",
    "susa_id",
    "provider_code",
    "source_url",
    "verified_on",
    "availability",
    "expected_start",
    *PUBLICATION,
]
OFFERING_COLUMNS = ["programme", "site", "starts_on", "language", "places"]
INTAKE_COLUMNS = [
    "programme",
    "year",
    "places",
    "applicants",
    "enrolled",
    "source_url",
    "is_example",
]
NEED_COLUMNS = [
    "slug",
    "employer",
    "source_kind",
    "source_name",
    "source_url",
    "occupation",
    "skills",
    "segments",
    "headcount",
    "target_year",
    "region",
    "min_level",
    "max_level",
    "urgency",
    "stated_on",
    "status",
    "visibility",
    "is_example",
    *translated("description"),
    *PUBLICATION,
]


@dataclass(frozen=True)
class Layout:
    """One kind of record in a file: its name (the sheet's name, the bundled file's name), model and resource."""

    name: str
    label: Promise
    model: type[models.Model]
    resource: type[LayoutResource]
    # What a new record's code (slug) is made from when a file leaves it out: link columns, translated texts
    # (batteryregion/imports/keys.py).
    code_made_from: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    def fits(self, header: set[str]) -> bool:
        """Whether a header names this kind: its key columns, or what its code is made from."""
        if set(self.key) <= header:
            return True
        if self.code_made_from is None or not set(self.key) - {"slug"} <= header:
            return False
        links, texts = self.code_made_from
        return set(links) <= header and all(
            header & set(translated_columns(text)) for text in texts
        )

    @property
    def columns(self) -> list[str]:
        return [field.column_name for field in self.resource().get_export_fields()]

    @property
    def link_columns(self) -> list[str]:
        """Columns that list links (many-to-many), read only when the record is saved."""
        return [
            name
            for name, field in self.resource.fields.items()
            if isinstance(field.widget, widgets.CodesWidget)
        ]

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(self.resource._meta.import_id_fields)


# In the order they import: a record's links point to kinds above it.
LAYOUTS = [
    Layout(
        "actors",
        _("Actors"),
        Actor,
        resource_for(Actor, ACTOR_COLUMNS, ("slug",)),
        code_made_from=((), ("name",)),
    ),
    Layout(
        "sites",
        _("Sites"),
        Site,
        resource_for(Site, SITE_COLUMNS, ("slug",)),
        code_made_from=(("actor",), ("town",)),
    ),
    Layout(
        "programmes",
        _("Programmes"),
        Programme,
        resource_for(
            Programme,
            PROGRAMME_COLUMNS,
            ("slug",),
            extra=EntryRequirementColumns.fields(),
        ),
        code_made_from=(("provider",), ("name",)),
    ),
    Layout(
        "offerings",
        _("Offerings"),
        Offering,
        resource_for(Offering, OFFERING_COLUMNS, ("programme", "site", "starts_on")),
    ),
    Layout(
        "intakes",
        _("Intakes"),
        Intake,
        resource_for(Intake, INTAKE_COLUMNS, ("programme", "year")),
    ),
    Layout(
        "competence_needs",
        _("Competence needs"),
        CompetenceNeed,
        resource_for(CompetenceNeed, NEED_COLUMNS, ("slug",)),
    ),
]
BY_NAME = {layout.name: layout for layout in LAYOUTS}
BY_MODEL = {layout.model: layout for layout in LAYOUTS}


def layout_named(name: str) -> Layout | None:
    """The kind a sheet's name names: its code (``programmes``) or its label in any of the portal's languages
    (``Koulutukset``, ``Utbildningar``)."""
    if name in BY_NAME:
        return BY_NAME[name]
    wanted = folded(name)
    for layout in LAYOUTS:
        if wanted in {folded(label) for label in in_every_language(layout.label)}:
            return layout
    return None


def layout_for_columns(columns: Iterable[str]) -> Layout | None:
    """The kind a header names (``Layout.fits``), preferring the one that knows most of its columns."""
    header = set(columns)
    fitting = [layout for layout in LAYOUTS if layout.fits(header)]
    if not fitting:
        return None
    return max(fitting, key=lambda layout: len(header & set(layout.columns)))
