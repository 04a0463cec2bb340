"""The actor, programme and need files: actors and their sites, programmes with their entry requirements,
offerings and intakes, and competence needs. Each row is compared with its record by the Loader's save()."""

from collections import defaultdict

from django.utils.translation import gettext as _

from batteryregion.bundled_data.history import OVERWRITE_REASON, RESTORE_REASON
from batteryregion.bundled_data.report import Difference, Outcome, shown_lists
from batteryregion.bundled_data.rows import Keyed, Row, translated_columns
from batteryregion.records import RecordOrigin
from programmes.models import EntryRequirement, Intake, Offering, Programme
from skills.models import Actor, CompetenceNeed, Site

_t = translated_columns

# The file's entry requirement columns, and the requirement field each one fills.
REQUIREMENT_COLUMNS = (
    ("entry_qualifications", "qualification_type_id"),
    ("entry_min_level", "min_level_id"),
)


class SupplyFiles:
    """Steps of the Loader for actors, programmes and needs (mixed into batteryregion.bundled_data.loader.Loader)."""

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
        self.actors = Keyed((a.slug, a) for a in self.records(Actor))
        for row in self.rows("actors.csv", columns, "slug"):
            slug = row.text("slug", required=True)
            values = {
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
                obj = self.save(
                    row, Actor, {"slug": slug}, values, {"segments": segments}
                )
                self.actors.record(slug, obj)

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
        self.sites = Keyed((s.slug, s) for s in self.records(Site))
        for row in self.rows("sites.csv", columns, "slug"):
            slug = row.text("slug", required=True)
            values = {
                "actor": row.ref("actor", self.actors, required=True),
                **row.translated("town"),
                "region": row.ref("region", self.regions, required=True),
                "latitude": row.decimal("latitude"),
                "longitude": row.decimal("longitude"),
                "is_main": row.boolean("is_main"),
            }
            if row.ok:
                self.sites.record(slug, self.save(row, Site, {"slug": slug}, values))

    def load_programmes(self) -> None:
        columns = [
            "slug", "provider", "kind", *_t("name"), *_t("description"), "awarded_qualification", "awarded_level",
            "education_field", "duration_months", "credits", "credit_unit", "languages", "delivery_mode", "places_per_year", "segments",
            "skills", "occupations", "entry_qualifications", "entry_min_level", *_t("entry_notes"), "audience",
            "audience_region", "min_age", "min_age_waived_from", "required_fields", *_t("prior_studies"), "recognition_of_prior_learning",
            "free_of_charge", "pace", "opintopolku_oid", "susa_id", "provider_code", "source_url", "verified_on",
        ]  # fmt: skip
        self.programmes = Keyed((p.slug, p) for p in self.records(Programme))
        self._requirements: dict[int, list[EntryRequirement]] = defaultdict(list)
        for requirement in self.records(EntryRequirement):
            self._requirements[requirement.programme_id].append(requirement)
        # Optional: a file without them loads every programme as running.
        optional = ("availability", "expected_start")
        for row in self.rows("programmes.csv", columns, "slug", optional):
            slug = row.text("slug", required=True)
            values = {
                "provider": row.ref("provider", self.actors, required=True),
                "kind": row.choice("kind", Programme.Kind),
                **row.translated("name"),
                **row.translated("description"),
                "awarded_qualification": row.ref(
                    "awarded_qualification", self.qualification_types
                ),
                "awarded_level": row.ref("awarded_level", self.levels),
                "education_field": row.ref("education_field", self.education_fields),
                "duration_months": row.integer("duration_months", low=1, high=120),
                "credits": row.decimal("credits"),
                "credit_unit": row.choice(
                    "credit_unit", Programme.CreditUnit, required=False
                ),
                "delivery_mode": row.choice("delivery_mode", Programme.DeliveryMode),
                "places_per_year": row.integer("places_per_year", low=1),
                **row.translated("entry_notes", required=False),
                **self.admission_values(row),
                "opintopolku_oid": row.text("opintopolku_oid"),
                "susa_id": row.text("susa_id"),
                "provider_code": row.text("provider_code"),
                "source_url": row.url("source_url", required=True),
                "verified_on": row.date("verified_on"),
                "availability": row.choice(
                    "availability", Programme.Availability, required=False
                )
                or Programme.Availability.RUNNING,
                "expected_start": row.date("expected_start"),
            }
            if (
                values["availability"] == Programme.Availability.PLANNED
                and values["expected_start"] is None
            ):
                row.error(
                    "expected_start",
                    _("Give the expected start of a planned programme."),
                )
            m2m = {
                "languages": row.refs("languages", self.languages),
                "segments": row.refs("segments", self.segments),
                "skills": row.refs("skills", self.skills),
                "occupations": row.refs("occupations", self.occupations),
                "required_fields": row.refs("required_fields", self.education_fields),
            }
            accepted = row.refs("entry_qualifications", self.qualification_types)
            min_level = row.ref("entry_min_level", self.levels, withholds_row=False)
            if not row.ok:
                continue
            programme = self.save(row, Programme, {"slug": slug}, values, m2m)
            self.programmes.record(slug, programme)
            if programme is not None and row.ok:
                wanted = {(q.pk, None) for q in accepted} | (
                    {(None, min_level.pk)} if min_level else set()
                )
                self.sync_requirements(row, programme, wanted)

    def admission_values(self, row: Row) -> dict:
        """Who may apply, as the programme row states it; an empty cell is a rule not known (not "no rule")."""
        audience = row.choice("audience", Programme.Audience, required=False)
        region = row.ref("audience_region", self.regions)
        if row.ok and (audience == Programme.Audience.RESIDENTS_REGION) != (
            region is not None
        ):
            row.error(
                "audience_region",
                _("Give a region exactly when the audience is residents_region."),
            )
        return {
            "audience": audience or Programme.Audience.EVERYONE,
            "audience_region": region,
            "min_age": row.integer("min_age", low=1, high=99),
            "min_age_waived_from": row.ref("min_age_waived_from", self.levels),
            **row.translated("prior_studies", required=False),
            "recognition_of_prior_learning": row.maybe("recognition_of_prior_learning"),
            "free_of_charge": row.maybe("free_of_charge"),
            "pace": row.choice("pace", Programme.Pace, required=False),
        }

    def sync_requirements(
        self, row: Row, programme: Programme, wanted: set[tuple]
    ) -> None:
        """Entry requirements as the file lists them, compared like a field of the programme: requirements the
        loader made and nobody changed follow the file; a coordinator's additions, changes and deletions stay and
        are reported under the programme's entry_qualifications and entry_min_level."""
        current = {
            (r.qualification_type_id, r.min_level_id): r
            for r in self._requirements[programme.pk]
        }
        before = set(current)
        restored = (Programme, programme.pk) in self.restored
        taken = False
        kept = 0
        for key in sorted(set(current) - wanted, key=repr):
            requirement = current[key]
            if self.history.as_loaded(requirement):
                self.delete(requirement)
                self.report.count(EntryRequirement, Outcome.REMOVED)
            elif restored or self.takes(row.file, row.key):
                self.delete(requirement, OVERWRITE_REASON)
                self.report.count(EntryRequirement, Outcome.OVERWRITTEN)
                taken = True
            else:
                self.report.count(EntryRequirement, Outcome.KEPT)
                kept += 1
                continue
            del current[key]
        for qualification_id, level_id in sorted(wanted - set(current), key=repr):
            key = {
                "programme_id": programme.pk,
                "qualification_type_id": qualification_id,
                "min_level_id": level_id,
            }
            former = self.history.former_ids(EntryRequirement, key)
            if former and not (restored or self.takes(row.file, row.key)):
                if not any(pk in self._by_pk(EntryRequirement) for pk in former):
                    # Deleted in the database (a changed one is counted as kept above).
                    self.report.count(EntryRequirement, Outcome.KEPT_DELETED)
                    kept += 1
                continue
            requirement = EntryRequirement(
                programme=programme,
                qualification_type_id=qualification_id,
                min_level_id=level_id,
                origin=RecordOrigin.BUNDLED,
            )
            if not former:
                reason, outcome = None, Outcome.CREATED
            elif restored:
                reason, outcome = RESTORE_REASON, Outcome.RESTORED
            else:
                reason, outcome = OVERWRITE_REASON, Outcome.OVERWRITTEN
                taken = True
            self.write(row, requirement, {}, {}, reason)
            current[qualification_id, level_id] = requirement
            self.report.count(EntryRequirement, outcome)
        for _key in wanted & before:
            self.report.count(EntryRequirement, Outcome.UNCHANGED)
        self._requirements[programme.pk] = list(current.values())
        if kept:
            self.report.note(
                row.file,
                row.key,
                Outcome.KEPT,
                self.requirement_differences(set(current), wanted),
            )
        elif taken:
            self.report.note(
                row.file,
                row.key,
                Outcome.OVERWRITTEN,
                self.requirement_differences(before, wanted),
            )

    def requirement_differences(
        self, database: set[tuple], bundled: set[tuple]
    ) -> list[Difference]:
        """Report lines for the entry requirement columns that differ."""
        names = {
            "qualification_type_id": {
                q.pk: q.code for q in self.qualification_types.values()
            },
            "min_level_id": {lv.pk: str(lv.level) for lv in self.levels.values()},
        }
        differences = []
        for index, (column, attname) in enumerate(REQUIREMENT_COLUMNS):
            database_keys, bundled_keys = (
                [names[attname].get(key[index], "?") for key in keys if key[index]]
                for keys in (database, bundled)
            )
            if set(database_keys) != set(bundled_keys):
                differences.append(
                    Difference(column, *shown_lists(database_keys, bundled_keys))
                )
        return differences

    def load_offerings(self) -> None:
        columns = ["programme", "site", "starts_on", "language", "places"]
        for row in self.rows(
            "offerings.csv", columns, ("programme", "site", "starts_on")
        ):
            key = {
                "programme": row.ref("programme", self.programmes, required=True),
                "site": row.ref("site", self.sites, required=True),
                "starts_on": row.date("starts_on"),
            }
            values = {
                "language": row.ref("language", self.languages),
                "places": row.integer("places", low=1),
            }
            if row.ok:
                self.save(row, Offering, key, values)

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
        for row in self.rows("intakes.csv", columns, ("programme", "year")):
            key = {
                "programme": row.ref("programme", self.programmes, required=True),
                "year": row.integer("year", required=True, low=2000, high=2100),
            }
            values = {
                "places": row.integer("places", low=0),
                "applicants": row.integer("applicants", low=0),
                "enrolled": row.integer("enrolled", low=0),
                "source_url": row.url("source_url"),
                "is_example": row.boolean("is_example"),
            }
            if row.ok:
                self.save(row, Intake, key, values)

    def load_needs(self) -> None:
        columns = [
            "slug", "employer", "source_kind", "source_name", "source_url", "occupation", "skills", "segments", "headcount",
            "target_year", "region", "min_level", "max_level", "urgency", "stated_on", "status", "visibility",
            "is_example", *_t("description"),
        ]  # fmt: skip
        self.needs = Keyed((n.slug, n) for n in self.records(CompetenceNeed))
        self.listed_needs: set[int] = set()  # the records the file's rows stand for
        for row in self.rows("competence_needs.csv", columns, "slug"):
            slug = row.text("slug", required=True)
            values = {
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
                and not row.withheld
                and values["occupation"] is None
                and not links["skills"]
                and not links["segments"]
            ):
                row.error(
                    "occupation",
                    _("Give an occupation, skills or value-chain segments."),
                )
            if row.ok:
                need = self.save(row, CompetenceNeed, {"slug": slug}, values, links)
                self.needs.record(slug, need)
                if need is not None:
                    self.listed_needs.add(need.pk)
