"""The vocabulary files: segments, languages, regions and their municipalities, EQF levels, qualification types,
skills, occupations and their links. Each row is compared with its record by the Loader's save()."""

import csv
import json
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from batteryregion.bundled_data.rows import (
    LANGS,
    Keyed,
    Row,
    RowError,
    source_columns,
    translated_columns,
)
from skills.models import (
    EducationField,
    EducationLevel,
    Language,
    Municipality,
    Occupation,
    OccupationSkill,
    Origin,
    QualificationType,
    Region,
    Segment,
    Skill,
)

_t, _sources = translated_columns, source_columns


class VocabularyFiles:
    """Steps of the Loader for the shared vocabulary (mixed into batteryregion.bundled_data.loader.Loader)."""

    def load_segments(self) -> None:
        columns = ["code", "order", "is_cross_cutting", *_t("name"), *_t("description")]
        self.segments = Keyed((s.code, s) for s in self.records(Segment))
        for row in self.rows("segments.csv", columns, "code"):
            code = row.text("code", required=True)
            values = {
                "order": row.integer("order", required=True, low=0, high=999),
                "is_cross_cutting": row.boolean("is_cross_cutting"),
                **row.translated("name"),
                **row.translated("description"),
            }
            if row.ok:
                self.segments.record(
                    code, self.save(row, Segment, {"code": code}, values)
                )

    def load_languages(self) -> None:
        self.languages = Keyed((lang.code, lang) for lang in self.records(Language))
        for row in self.rows("languages.csv", ["code", *_t("name")], "code"):
            code = row.text("code", required=True)
            values = row.translated("name")
            if row.ok:
                self.languages.record(
                    code, self.save(row, Language, {"code": code}, values)
                )

    def load_education_fields(self) -> None:
        self.education_fields = Keyed(
            (field.code, field) for field in self.records(EducationField)
        )
        for row in self.rows("education_fields.csv", ["code", *_t("name")], "code"):
            code = row.text("code", required=True)
            values = row.translated("name")
            if row.ok:
                self.education_fields.record(
                    code, self.save(row, EducationField, {"code": code}, values)
                )

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
        self.regions = Keyed((r.code, r) for r in self.records(Region))
        boundaries = self.read_boundaries("regions.geojson") | self.read_boundaries(
            "regions_nuts2.geojson"
        )
        for row in self.rows("regions.csv", columns, "code"):
            # Parents come first in the file, so each parent is known when its children are read.
            code = row.text("code", required=True)
            values = {
                "code_2016": row.text("code_2016"),
                "code_2024": row.text("code_2024"),
                "level": row.integer("level", required=True, low=0, high=3),
                "country": row.text("country", required=True),
                "parent": row.ref("parent", self.regions),
                **row.translated("name"),
                "boundary": boundaries.get(code),
                "source_url": row.url("source_url"),
            }
            if row.ok:
                self.regions.record(
                    code, self.save(row, Region, {"code": code}, values)
                )

    def load_municipalities(self) -> None:
        columns = ["code", *_t("name"), "region", "latitude", "longitude"]
        self.municipalities = Keyed((m.code, m) for m in self.records(Municipality))
        for row in self.rows("municipalities.csv", columns, "code"):
            code = row.text("code", required=True)
            region = row.ref("region", self.regions, required=True)
            if region is not None and region.level != 3:
                row.error(
                    "region",
                    _("“%(value)s” is not a NUTS 3 region.") % {"value": region.code},
                )
            values = {
                **row.translated("name"),
                "region": region,
                "latitude": row.decimal("latitude"),
                "longitude": row.decimal("longitude"),
            }
            if row.ok:
                self.municipalities.record(
                    code, self.save(row, Municipality, {"code": code}, values)
                )

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
        self.levels = Keyed((lv.level, lv) for lv in self.records(EducationLevel))
        for row in self.rows("eqf_levels.csv", columns, "level"):
            level = row.integer("level", required=True, low=1, high=8)
            values = {
                **row.translated("name"),
                **row.translated("knowledge"),
                **row.translated("skills"),
                **row.translated("responsibility"),
                "source_url": row.url("source_url"),
            }
            if row.ok:
                self.levels.record(
                    level, self.save(row, EducationLevel, {"level": level}, values)
                )

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
        self.qualification_types = Keyed(
            (q.code, q) for q in self.records(QualificationType)
        )
        for row in self.rows("qualification_types.csv", columns, "code"):
            code = row.text("code", required=True)
            values = {
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
                self.qualification_types.record(
                    code, self.save(row, QualificationType, {"code": code}, values)
                )

    def concept_values(self, row: Row, *, with_description: bool) -> dict[str, Any]:
        """Fields shared by skills and occupations (the slug is the key, not among them)."""
        values = {
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
        self.skills = Keyed((s.slug, s) for s in self.records(Skill))
        self.check_unique_uris("skills.csv", Skill)
        for row in self.rows("skills.csv", columns, "slug"):
            slug = row.text("slug", required=True)
            values = self.concept_values(row, with_description=False)
            values["skill_type"] = row.choice("skill_type", Skill.Type)
            values["reuse_level"] = row.choice(
                "reuse_level", Skill.ReuseLevel, required=False
            )
            if row.ok:
                self.skills.record(slug, self.save(row, Skill, {"slug": slug}, values))

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
        self.occupations = Keyed((o.slug, o) for o in self.records(Occupation))
        self.check_unique_uris("occupations.csv", Occupation)
        for row in self.rows("occupations.csv", columns, "slug"):
            slug = row.text("slug", required=True)
            values = self.concept_values(row, with_description=True)
            values |= {
                "esco_code": row.text("esco_code"),
                "isco_code": row.text("isco_code"),
                **row.translated("description"),
            }
            segments = row.refs("segments", self.segments)
            if row.ok:
                obj = self.save(
                    row, Occupation, {"slug": slug}, values, {"segments": segments}
                )
                self.occupations.record(slug, obj)

    def check_unique_uris(self, name: str, model: type[models.Model]) -> None:
        """An ESCO URI may belong to one record only, in the file and against records already stored (a record
        whose slug a coordinator changed still counts as the file's record; a deleted one that stays deleted
        claims nothing)."""
        owners = {obj.esco_uri: obj for obj in self.records(model) if obj.esco_uri}
        claimed: dict[str, str] = {}
        path = self.directory / name
        if not path.exists():
            return
        with path.open(encoding="utf-8", newline="") as handle:
            for number, data in enumerate(csv.DictReader(handle), start=2):
                uri, slug = (
                    (data.get("esco_uri") or "").strip(),
                    (data.get("slug") or "").strip(),
                )
                if not uri:
                    continue
                owner_slug = claimed.setdefault(uri, slug)
                if owner_slug == slug and uri in owners:
                    record, former = self.lookup(model, {"slug": slug})
                    if record is None and former and not self.restores(name, slug):
                        continue
                    if record is not owners[uri]:
                        owner_slug = owners[uri].slug
                if owner_slug != slug:
                    self.errors.append(
                        RowError(
                            name,
                            number,
                            "esco_uri",
                            _("The ESCO URI already belongs to “%(slug)s”.")
                            % {"slug": owner_slug},
                        )
                    )

    def load_occupation_skills(self) -> None:
        for row in self.rows(
            "occupation_skills.csv",
            ["occupation", "skill", "relation"],
            ("occupation", "skill"),
        ):
            occupation = row.ref("occupation", self.occupations, required=True)
            skill = row.ref("skill", self.skills, required=True)
            relation = row.choice("relation", OccupationSkill.Relation)
            if row.ok:
                key = {"occupation": occupation, "skill": skill}
                self.save(row, OccupationSkill, key, {"relation": relation})
