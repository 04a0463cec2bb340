"""Loads the bundled Battery Region data (batteryregion/data/*.csv) into the database.

The load is idempotent and all-or-nothing: every record is matched on its public key (slug, code, ESCO URI)
and updated in place, unchanged records are not written at all, and one transaction covers all files.
A bad row stops the load with the file, row, field and reason, and nothing is written. Records that
coordinators added in the admin are never deleted; bundled records get their bundled values back.
"""

import csv
import datetime
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils.translation import gettext as _

from batteryregion.records import (
    ChangeChannel,
    PublicationState,
    Publishable,
    RecordOrigin,
    changes_through,
)
from programmes.models import EntryRequirement, Intake, Offering, Programme
from skills.models import (
    Actor,
    CompetenceNeed,
    EducationLevel,
    Language,
    Occupation,
    OccupationSkill,
    Origin,
    QualificationType,
    Region,
    Segment,
    Site,
    Skill,
)

LANGS = ("fi", "sv", "en")
MAX_REPORTED_ERRORS = 25


@dataclass(frozen=True)
class RowError:
    file: str
    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return _("%(file)s, row %(row)s, field “%(field)s”: %(reason)s") % {
            "file": self.file,
            "row": self.row,
            "field": self.field,
            "reason": self.reason,
        }


class BundledDataError(Exception):
    """The bundled data has errors; nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        shown = "\n".join(str(error) for error in errors[:MAX_REPORTED_ERRORS])
        more = len(errors) - MAX_REPORTED_ERRORS
        if more > 0:
            shown += "\n" + _("… and %(count)s more errors.") % {"count": more}
        super().__init__(shown)


@dataclass
class LoadReport:
    """How many records of each kind were created, updated or left unchanged."""

    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def count(self, model: type[models.Model], outcome: str) -> None:
        self.counts[model._meta.model_name][outcome] += 1

    @property
    def changed(self) -> int:
        return sum(c["created"] + c["updated"] for c in self.counts.values())


class Row:
    """One CSV row with typed accessors that record a translated error instead of raising."""

    def __init__(
        self, loader: "Loader", file: str, number: int, data: dict[str, str]
    ) -> None:
        self.loader, self.file, self.number, self.data = loader, file, number, data
        self.ok = True

    def error(self, column: str, reason: str) -> None:
        self.ok = False
        self.loader.errors.append(RowError(self.file, self.number, column, reason))

    def text(self, column: str, *, required: bool = False) -> str:
        value = (self.data.get(column) or "").strip()
        if required and not value:
            self.error(column, _("This value is required."))
        return value

    def translated(self, column: str, *, required: bool = True) -> dict[str, str]:
        """column_fi, column_sv and column_en as model field values."""
        return {
            f"{column}_{code}": self.text(f"{column}_{code}", required=required)
            for code in LANGS
        }

    def boolean(self, column: str) -> bool:
        value = self.text(column).lower()
        if value not in {"yes", "no"}:
            self.error(column, _("Write yes or no."))
        return value == "yes"

    def integer(
        self,
        column: str,
        *,
        required: bool = False,
        low: int | None = None,
        high: int | None = None,
    ) -> int | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            number = int(value)
        except ValueError:
            self.error(
                column, _("“%(value)s” is not a whole number.") % {"value": value}
            )
            return None
        if (low is not None and number < low) or (high is not None and number > high):
            self.error(
                column,
                _("%(value)s is outside the allowed range %(low)s–%(high)s.")
                % {"value": number, "low": low, "high": high},
            )
        return number

    def decimal(self, column: str) -> Decimal | None:
        value = self.text(column)
        if not value:
            return None
        try:
            return Decimal(value)
        except InvalidOperation:
            self.error(column, _("“%(value)s” is not a number.") % {"value": value})
            return None

    def date(self, column: str, *, required: bool = False) -> datetime.date | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.error(
                column,
                _("“%(value)s” is not a date of the form 2026-01-31.")
                % {"value": value},
            )
            return None

    def url(self, column: str, *, required: bool = False) -> str:
        value = self.text(column, required=required)
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                self.error(
                    column, _("“%(value)s” is not a web address.") % {"value": value}
                )
        return value

    def choice(
        self, column: str, choices: type[models.Choices], *, required: bool = True
    ) -> str:
        value = self.text(column, required=required)
        if value and value not in choices.values:
            allowed = ", ".join(str(v) for v in choices.values)
            self.error(
                column,
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": value, "allowed": allowed},
            )
        return value

    def ref(
        self, column: str, targets: dict[Any, models.Model], *, required: bool = False
    ) -> Any:
        value = self.text(column, required=required)
        if not value:
            return None
        key: Any = value
        if targets and isinstance(next(iter(targets)), int):
            try:
                key = int(value)
            except ValueError:
                key = value
        if key not in targets:
            self.error(column, _("“%(value)s” does not exist.") % {"value": value})
            return None
        return targets[key]

    def refs(self, column: str, targets: dict[str, models.Model]) -> list[models.Model]:
        keys = [key.strip() for key in self.text(column).split(";") if key.strip()]
        missing = [key for key in keys if key not in targets]
        if missing:
            self.error(
                column, _("“%(value)s” does not exist.") % {"value": "; ".join(missing)}
            )
        if len(set(keys)) != len(keys):
            self.error(column, _("A value is listed twice."))
        return [targets[key] for key in keys if key in targets]


class Loader:
    """Reads the files in dependency order and writes them in one transaction."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.errors: list[RowError] = []
        self.report = LoadReport()

    # Reading ---------------------------------------------------------------------------------------

    def rows(
        self, name: str, columns: Iterable[str], key: str | tuple[str, ...]
    ) -> Iterable[Row]:
        """Rows of one file, after checking its header and that keys are unique."""
        path = self.directory / name
        if not path.exists():
            self.errors.append(RowError(name, 0, "—", _("The file is missing.")))
            return []
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            expected = list(columns)
            missing = [c for c in expected if c not in header]
            unknown = [c for c in header if c not in expected]
            for column in missing:
                self.errors.append(
                    RowError(name, 1, column, _("The column is missing."))
                )
            for column in unknown:
                self.errors.append(
                    RowError(name, 1, column, _("The column is not known."))
                )
            if missing or unknown:
                return []
            rows = []
            seen: dict[tuple, int] = {}
            key_columns = (key,) if isinstance(key, str) else key
            for number, data in enumerate(reader, start=2):
                if None in data:
                    self.errors.append(
                        RowError(
                            name,
                            number,
                            "—",
                            _("The row has more cells than the header."),
                        )
                    )
                    continue
                row = Row(self, name, number, data)
                identity = tuple((data.get(c) or "").strip() for c in key_columns)
                if identity in seen:
                    row.error(
                        key_columns[0],
                        _("“%(value)s” already appears on row %(row)s.")
                        % {"value": " / ".join(identity), "row": seen[identity]},
                    )
                    continue
                seen[identity] = number
                rows.append(row)
            return rows

    # Writing ---------------------------------------------------------------------------------------

    def save(
        self,
        row: Row,
        obj: models.Model,
        values: dict[str, Any],
        m2m: dict[str, list] | None = None,
    ) -> models.Model:
        """Set values, validate and save when anything changed; then set many-to-many links."""
        created = obj.pk is None
        changed = created or any(
            _differs(obj, name, value) for name, value in values.items()
        )
        if changed:
            for name, value in values.items():
                setattr(obj, name, value)
            if created:
                obj.origin = RecordOrigin.BUNDLED
                if isinstance(obj, Publishable):
                    obj.state = PublicationState.PUBLISHED
            try:
                obj.full_clean(validate_unique=False)
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    for message in messages:
                        row.error(name if name != "__all__" else "—", message)
                return obj
            obj.save()
        links_changed = False
        for name, targets in (m2m or {}).items():
            wanted = {target.pk for target in targets}
            current = set() if created else self.current_links(obj, name)
            if wanted != current:
                getattr(obj, name).set(wanted)
                links_changed = True
        self.report.count(
            type(obj),
            "created"
            if created
            else "updated"
            if changed or links_changed
            else "unchanged",
        )
        return obj

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

    def run(self) -> LoadReport:
        self._links: dict = {}
        with transaction.atomic(), changes_through(ChangeChannel.LOADER):
            for step in (
                self.load_segments,
                self.load_languages,
                self.load_regions,
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
            ):
                step()
                if self.errors:
                    # Later files refer to this one; stop here and undo everything.
                    raise BundledDataError(self.errors)
        return self.report

    # Files -----------------------------------------------------------------------------------------

    def load_segments(self) -> None:
        columns = ["code", "order", "is_cross_cutting", *_t("name"), *_t("description")]
        existing = {s.code: s for s in Segment.objects.all()}
        for row in self.rows("segments.csv", columns, "code"):
            code = row.text("code", required=True)
            values = {
                "code": code,
                "order": row.integer("order", required=True, low=0, high=999),
                "is_cross_cutting": row.boolean("is_cross_cutting"),
                **row.translated("name"),
                **row.translated("description"),
            }
            if row.ok:
                existing[code] = self.save(row, existing.get(code) or Segment(), values)
        self.segments = existing

    def load_languages(self) -> None:
        existing = {lang.code: lang for lang in Language.objects.all()}
        for row in self.rows("languages.csv", ["code", *_t("name")], "code"):
            code = row.text("code", required=True)
            values = {"code": code, **row.translated("name")}
            if row.ok:
                existing[code] = self.save(
                    row, existing.get(code) or Language(), values
                )
        self.languages = existing

    def load_regions(self) -> None:
        columns = [
            "code",
            "code_2016",
            "code_2024",
            "level",
            "country",
            "parent",
            *_t("name"),
            "source_url",
        ]
        existing = {r.code: r for r in Region.objects.all()}
        boundaries = self.read_boundaries("regions.geojson") | self.read_boundaries(
            "regions_nuts2.geojson"
        )
        for row in self.rows("regions.csv", columns, "code"):
            # Parents come first in the file, so each parent is known when its children are read.
            code = row.text("code", required=True)
            values = {
                "code": code,
                "code_2016": row.text("code_2016"),
                "code_2024": row.text("code_2024"),
                "level": row.integer("level", required=True, low=0, high=3),
                "country": row.text("country", required=True),
                "parent": row.ref("parent", existing),
                **row.translated("name"),
                "boundary": boundaries.get(code),
                "source_url": row.url("source_url"),
            }
            if row.ok:
                existing[code] = self.save(row, existing.get(code) or Region(), values)
        self.regions = existing

    def read_boundaries(self, name: str) -> dict[str, dict]:
        """GeoJSON geometries by NUTS code."""
        path = self.directory / name
        try:
            collection = json.loads(path.read_text(encoding="utf-8"))
            return {
                f["properties"]["NUTS_ID"]: f["geometry"]
                for f in collection["features"]
            }
        except FileNotFoundError:
            self.errors.append(RowError(name, 0, "—", _("The file is missing.")))
        except (ValueError, KeyError, TypeError) as error:
            self.errors.append(
                RowError(
                    name,
                    0,
                    "features",
                    _("The file is not valid GeoJSON: %(error)s") % {"error": error},
                )
            )
        return {}

    def load_levels(self) -> None:
        columns = [
            "level",
            *_t("name"),
            *_t("knowledge"),
            *_t("skills"),
            *_t("responsibility"),
            "descriptor_fi_source",  # documents whose translation the text is; not stored
            "descriptor_sv_source",
            "source_url",
        ]
        existing = {lv.level: lv for lv in EducationLevel.objects.all()}
        for row in self.rows("eqf_levels.csv", columns, "level"):
            level = row.integer("level", required=True, low=1, high=8)
            values = {
                "level": level,
                **row.translated("name"),
                **row.translated("knowledge"),
                **row.translated("skills"),
                **row.translated("responsibility"),
                "source_url": row.url("source_url"),
            }
            if row.ok:
                existing[level] = self.save(
                    row, existing.get(level) or EducationLevel(), values
                )
        self.levels = existing

    def load_qualification_types(self) -> None:
        columns = [
            "code",
            "country",
            "eqf_level",
            "nqf_level",
            "category",
            "is_starting_point",
            "order",
            *_t("name"),
            "name_national",
            "source_url",
        ]
        existing = {q.code: q for q in QualificationType.objects.all()}
        for row in self.rows("qualification_types.csv", columns, "code"):
            code = row.text("code", required=True)
            values = {
                "code": code,
                "country": row.text("country"),
                "level": row.ref("eqf_level", self.levels),
                "nqf_level": row.integer("nqf_level", low=1, high=8),
                "category": row.choice("category", QualificationType.Category),
                "is_starting_point": row.boolean("is_starting_point"),
                "order": row.integer("order", required=True, low=0, high=9999),
                **row.translated("name"),
                "name_national": row.text("name_national"),
                "source_url": row.url("source_url"),
            }
            if row.ok:
                existing[code] = self.save(
                    row, existing.get(code) or QualificationType(), values
                )
        self.qualification_types = existing

    def concept_values(self, row: Row, *, with_description: bool) -> dict[str, Any]:
        """Fields shared by skills and occupations."""
        values = {
            "slug": row.text("slug", required=True),
            "esco_uri": row.url("esco_uri") or None,
            "is_local": row.boolean("is_local"),
            **row.translated("label"),
        }
        for code in LANGS:
            values[f"label_origin_{code}"] = row.choice(f"label_{code}_source", Origin)
            if with_description:
                values[f"description_origin_{code}"] = row.choice(
                    f"description_{code}_source", Origin
                )
        return values

    def load_skills(self) -> None:
        columns = [
            "slug",
            "esco_uri",
            "skill_type",
            "reuse_level",
            "is_local",
            *_t("label"),
            *_sources("label"),
        ]
        existing = {s.slug: s for s in Skill.objects.all()}
        self.check_unique_uris("skills.csv", Skill, existing)
        for row in self.rows("skills.csv", columns, "slug"):
            values = self.concept_values(row, with_description=False)
            values["skill_type"] = row.choice("skill_type", Skill.Type)
            values["reuse_level"] = row.choice(
                "reuse_level", Skill.ReuseLevel, required=False
            )
            if row.ok:
                existing[values["slug"]] = self.save(
                    row, existing.get(values["slug"]) or Skill(), values
                )
        self.skills = existing

    def load_occupations(self) -> None:
        columns = [
            "slug",
            "esco_uri",
            "esco_code",
            "isco_code",
            "is_local",
            "segments",
            *_t("label"),
            *_sources("label"),
            *_t("description"),
            *_sources("description"),
        ]
        existing = {o.slug: o for o in Occupation.objects.all()}
        self.check_unique_uris("occupations.csv", Occupation, existing)
        for row in self.rows("occupations.csv", columns, "slug"):
            values = self.concept_values(row, with_description=True)
            values |= {
                "esco_code": row.text("esco_code"),
                "isco_code": row.text("isco_code"),
                **row.translated("description"),
            }
            segments = row.refs("segments", self.segments)
            if row.ok:
                obj = existing.get(values["slug"]) or Occupation()
                existing[values["slug"]] = self.save(
                    row, obj, values, {"segments": segments}
                )
        self.occupations = existing

    def check_unique_uris(
        self, name: str, model: type[models.Model], existing: dict[str, models.Model]
    ) -> None:
        """An ESCO URI may belong to one record only, in the file and against records already stored."""
        owners = {obj.esco_uri: slug for slug, obj in existing.items() if obj.esco_uri}
        path = self.directory / name
        if not path.exists():
            return
        with path.open(encoding="utf-8", newline="") as handle:
            for number, data in enumerate(csv.DictReader(handle), start=2):
                uri, slug = (
                    (data.get("esco_uri") or "").strip(),
                    (data.get("slug") or "").strip(),
                )
                if uri and owners.setdefault(uri, slug) != slug:
                    self.errors.append(
                        RowError(
                            name,
                            number,
                            "esco_uri",
                            _("The ESCO URI already belongs to “%(slug)s”.")
                            % {"slug": owners[uri]},
                        )
                    )

    def load_occupation_skills(self) -> None:
        existing = {
            (link.occupation_id, link.skill_id): link
            for link in OccupationSkill.objects.all()
        }
        for row in self.rows(
            "occupation_skills.csv",
            ["occupation", "skill", "relation"],
            ("occupation", "skill"),
        ):
            occupation = row.ref("occupation", self.occupations, required=True)
            skill = row.ref("skill", self.skills, required=True)
            relation = row.choice("relation", OccupationSkill.Relation)
            if row.ok:
                link = existing.get((occupation.pk, skill.pk)) or OccupationSkill(
                    occupation=occupation, skill=skill
                )
                self.save(row, link, {"relation": relation})

    def load_actors(self) -> None:
        columns = [
            "slug",
            "kind",
            "country",
            *_t("name"),
            *_t("description"),
            "website",
            "segments",
            "source_url",
            "verified_on",
        ]
        existing = {a.slug: a for a in Actor.objects.all()}
        for row in self.rows("actors.csv", columns, "slug"):
            slug = row.text("slug", required=True)
            values = {
                "slug": slug,
                "kind": row.choice("kind", Actor.Kind),
                "country": row.text("country", required=True),
                **row.translated("name"),
                **row.translated("description"),
                "website": row.url("website"),
                "source_url": row.url("source_url", required=True),
                "verified_on": row.date("verified_on"),
            }
            segments = row.refs("segments", self.segments)
            if row.ok:
                existing[slug] = self.save(
                    row, existing.get(slug) or Actor(), values, {"segments": segments}
                )
        self.actors = existing

    def load_sites(self) -> None:
        columns = [
            "slug",
            "actor",
            *_t("town"),
            "region",
            "latitude",
            "longitude",
            "is_main",
        ]
        existing = {s.slug: s for s in Site.objects.all()}
        for row in self.rows("sites.csv", columns, "slug"):
            slug = row.text("slug", required=True)
            values = {
                "slug": slug,
                "actor": row.ref("actor", self.actors, required=True),
                **row.translated("town"),
                "region": row.ref("region", self.regions, required=True),
                "latitude": row.decimal("latitude"),
                "longitude": row.decimal("longitude"),
                "is_main": row.boolean("is_main"),
            }
            if row.ok:
                existing[slug] = self.save(row, existing.get(slug) or Site(), values)
        self.sites = existing

    def load_programmes(self) -> None:
        columns = [
            "slug", "provider", "kind", *_t("name"), *_t("description"), "awarded_qualification", "awarded_level",
            "duration_months", "credits", "credit_unit", "languages", "delivery_mode", "places_per_year", "segments",
            "skills", "occupations", "entry_qualifications", "entry_min_level", *_t("entry_notes"), "opintopolku_oid",
            "susa_id", "provider_code", "source_url", "verified_on",
        ]  # fmt: skip
        existing = {p.slug: p for p in Programme.objects.all()}
        requirements: dict[int, dict[tuple, EntryRequirement]] = defaultdict(dict)
        for requirement in EntryRequirement.objects.all():
            requirements[requirement.programme_id][
                (requirement.qualification_type_id, requirement.min_level_id)
            ] = requirement
        for row in self.rows("programmes.csv", columns, "slug"):
            slug = row.text("slug", required=True)
            values = {
                "slug": slug,
                "provider": row.ref("provider", self.actors, required=True),
                "kind": row.choice("kind", Programme.Kind),
                **row.translated("name"),
                **row.translated("description"),
                "awarded_qualification": row.ref(
                    "awarded_qualification", self.qualification_types
                ),
                "awarded_level": row.ref("awarded_level", self.levels),
                "duration_months": row.integer("duration_months", low=1, high=120),
                "credits": row.decimal("credits"),
                "credit_unit": row.choice(
                    "credit_unit", Programme.CreditUnit, required=False
                ),
                "delivery_mode": row.choice("delivery_mode", Programme.DeliveryMode),
                "places_per_year": row.integer("places_per_year", low=1),
                **row.translated("entry_notes", required=False),
                "opintopolku_oid": row.text("opintopolku_oid"),
                "susa_id": row.text("susa_id"),
                "provider_code": row.text("provider_code"),
                "source_url": row.url("source_url", required=True),
                "verified_on": row.date("verified_on"),
            }
            m2m = {
                "languages": row.refs("languages", self.languages),
                "segments": row.refs("segments", self.segments),
                "skills": row.refs("skills", self.skills),
                "occupations": row.refs("occupations", self.occupations),
            }
            accepted = row.refs("entry_qualifications", self.qualification_types)
            min_level = row.ref("entry_min_level", self.levels)
            if not row.ok:
                continue
            programme = existing.get(slug) or Programme()
            existing[slug] = programme = self.save(row, programme, values, m2m)
            if row.ok:
                wanted = {(q.pk, None) for q in accepted} | (
                    {(None, min_level.pk)} if min_level else set()
                )
                self.sync_requirements(
                    row, programme, wanted, requirements[programme.pk]
                )
        self.programmes = existing

    def sync_requirements(
        self,
        row: Row,
        programme: Programme,
        wanted: set[tuple],
        current: dict[tuple, EntryRequirement],
    ) -> None:
        """Entry requirements exactly as listed in the file."""
        for key in set(current) - wanted:
            current[key].delete()
            self.report.count(EntryRequirement, "deleted")
        for qualification_id, level_id in wanted - set(current):
            requirement = EntryRequirement(
                programme=programme,
                qualification_type_id=qualification_id,
                min_level_id=level_id,
            )
            self.save(row, requirement, {})
        for _key in wanted & set(current):
            self.report.count(EntryRequirement, "unchanged")

    def load_offerings(self) -> None:
        columns = ["programme", "site", "starts_on", "language", "places"]
        existing = {
            (o.programme_id, o.site_id, o.starts_on): o for o in Offering.objects.all()
        }
        for row in self.rows(
            "offerings.csv", columns, ("programme", "site", "starts_on")
        ):
            programme = row.ref("programme", self.programmes, required=True)
            site = row.ref("site", self.sites, required=True)
            starts_on = row.date("starts_on")
            values = {
                "language": row.ref("language", self.languages),
                "places": row.integer("places", low=1),
            }
            if row.ok:
                key = (programme.pk, site.pk, starts_on)
                offering = existing.get(key) or Offering(
                    programme=programme, site=site, starts_on=starts_on
                )
                self.save(row, offering, values)

    def load_intakes(self) -> None:
        columns = [
            "programme",
            "year",
            "places",
            "applicants",
            "enrolled",
            "source_url",
            "is_example",
        ]
        existing = {(i.programme_id, i.year): i for i in Intake.objects.all()}
        for row in self.rows("intakes.csv", columns, ("programme", "year")):
            programme = row.ref("programme", self.programmes, required=True)
            year = row.integer("year", required=True, low=2000, high=2100)
            values = {
                "places": row.integer("places", low=0),
                "applicants": row.integer("applicants", low=0),
                "enrolled": row.integer("enrolled", low=0),
                "source_url": row.url("source_url"),
                "is_example": row.boolean("is_example"),
            }
            if row.ok:
                intake = existing.get((programme.pk, year)) or Intake(
                    programme=programme, year=year
                )
                self.save(row, intake, values)

    def load_needs(self) -> None:
        columns = [
            "slug", "employer", "source_kind", "source_name", "source_url", "occupation", "skills", "segments", "headcount",
            "target_year", "region", "min_level", "max_level", "urgency", "stated_on", "status", "visibility",
            "is_example", *_t("description"),
        ]  # fmt: skip
        existing = {n.slug: n for n in CompetenceNeed.objects.all()}
        for row in self.rows("competence_needs.csv", columns, "slug"):
            slug = row.text("slug", required=True)
            values = {
                "slug": slug,
                "employer": row.ref("employer", self.actors),
                "source_kind": row.choice("source_kind", CompetenceNeed.SourceKind),
                "source_name": row.text("source_name"),
                "source_url": row.url("source_url"),
                "occupation": row.ref("occupation", self.occupations),
                "headcount": row.integer("headcount", required=True, low=1),
                "target_year": row.integer(
                    "target_year", required=True, low=2000, high=2100
                ),
                "region": row.ref("region", self.regions, required=True),
                "min_level": row.integer("min_level", low=1, high=8),
                "max_level": row.integer("max_level", low=1, high=8),
                "urgency": row.choice("urgency", CompetenceNeed.Urgency),
                "stated_on": row.date("stated_on", required=True),
                "status": row.choice("status", CompetenceNeed.Status),
                "visibility": row.choice("visibility", CompetenceNeed.Visibility),
                "is_example": row.boolean("is_example"),
                **row.translated("description", required=False),
            }
            links = {
                "skills": row.refs("skills", self.skills),
                "segments": row.refs("segments", self.segments),
            }
            if (
                row.ok
                and values["occupation"] is None
                and not links["skills"]
                and not links["segments"]
            ):
                row.error(
                    "occupation",
                    _("Give an occupation, skills or value-chain segments."),
                )
            if row.ok:
                existing[slug] = self.save(
                    row, existing.get(slug) or CompetenceNeed(), values, links
                )


def _t(column: str) -> list[str]:
    return [f"{column}_{code}" for code in LANGS]


def _sources(column: str) -> list[str]:
    return [f"{column}_{code}_source" for code in LANGS]


def _differs(obj: models.Model, name: str, value: Any) -> bool:
    field_ = obj._meta.get_field(name)
    if field_.is_relation:
        return getattr(obj, field_.attname) != (value.pk if value is not None else None)
    return getattr(obj, field_.attname) != value


def load_bundled_data(directory: Path | None = None) -> LoadReport:
    """Load (or refresh) the bundled data; raises BundledDataError, writing nothing, when a row is bad."""
    return Loader(directory or settings.BUNDLED_DATA_DIR).run()
