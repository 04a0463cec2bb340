"""What a register's answer would change on the map: the preview, computed without writing anything.

A register programme meets the map's programme that carries its identifier (``RegisterSource.programme_key``); a new
one gets its provider from the actor carrying the provider's register identifier. An offering meets the programme's
offering with the same register identifier, else one the register never wrote at the same site and start; its site
is the provider's site in the register's municipality (same region and town name): an unknown place is a problem,
never a guess. Each field the register gives is compared with the map's value: equal, a change the register may make
(``ownership.FieldHistory``), or a conflict with a coordinator's value. Programmes of the queried providers that
carry the register's identifier but that the register no longer lists are discontinuation candidates.

Queries: a fixed number per kind of record (programmes, their versions, offerings and theirs, actors, sites,
municipalities, languages), whatever the number of records, and one per new programme (a free slug).
"""

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils.text import slugify
from django.utils.translation import gettext as _

from batteryregion.records import PublicationState
from programmes.models import Offering, Programme
from programmes.registers.ownership import FieldHistory, same
from programmes.registers.preview import (
    Conflict,
    FieldChange,
    OfferingPlan,
    Preview,
    ProgrammePlan,
)
from programmes.registers.records import (
    RegisterAnswer,
    RegisterOffering,
    RegisterProgramme,
)
from programmes.registers.registry import RegisterSource
from skills.models import Actor, Language, Municipality, Site

LANGUAGES = ("fi", "sv", "en")
# The programme fields a register writes; credits and their unit go together (a constraint ties them).
PROGRAMME_FIELDS = [
    *(f"name_{lang}" for lang in LANGUAGES),
    *(f"description_{lang}" for lang in LANGUAGES),
    "credits",
    "credit_unit",
]
PAIRED = ("credits", "credit_unit")
OFFERING_FIELDS = ["site_id", "starts_on", "language_id", "places"]


def register_values(record: RegisterProgramme) -> dict[str, Any]:
    """The programme fields the register gives (a language it lacks is left out, not emptied)."""
    values: dict[str, Any] = {}
    for lang in LANGUAGES:
        if record.name.get(lang):
            values[f"name_{lang}"] = record.name[lang][:250]
        if record.description.get(lang):
            values[f"description_{lang}"] = record.description[lang]
    if record.credits is not None and record.credit_unit:
        values["credits"] = Decimal(str(round(record.credits, 1)))
        values["credit_unit"] = record.credit_unit
    return values


class Planner:
    """Builds the preview of one register answer for the queried providers."""

    def __init__(
        self,
        source: RegisterSource,
        answer: RegisterAnswer,
        providers: list[Actor],
        checked_on: datetime.date,
    ) -> None:
        self.source = source
        self.answer = answer
        self.providers = providers
        self.preview = Preview(
            source=source, checked_on=checked_on, problems=list(answer.problems)
        )
        key = source.programme_key
        identifiers = {record.identifier for record in answer.programmes}
        known = (
            Programme.objects.filter(**{f"{key}__in": identifiers})
            .select_related("provider")
            .prefetch_related(
                Prefetch(
                    "offerings",
                    Offering.objects.prefetch_related("application_periods").order_by(
                        "pk"
                    ),
                )
            )
        )
        self.programmes: dict[str, list[Programme]] = defaultdict(list)
        for programme in known:
            self.programmes[getattr(programme, key)].append(programme)
        self.programme_history = FieldHistory(
            Programme,
            PROGRAMME_FIELDS,
            [p.pk for ps in self.programmes.values() for p in ps],
        )
        offering_ids = [
            o.pk
            for ps in self.programmes.values()
            for p in ps
            for o in p.offerings.all()
        ]
        self.offering_history = FieldHistory(Offering, OFFERING_FIELDS, offering_ids)
        provider_ids = {record.provider_identifier for record in answer.programmes}
        self.actors = {
            getattr(actor, source.actor_key): actor
            for actor in Actor.objects.filter(
                **{f"{source.actor_key}__in": provider_ids}
            )
        }
        codes = {
            o.municipality_code
            for record in answer.programmes
            for o in record.offerings
        }
        self.municipalities = {
            m.code: m for m in Municipality.objects.filter(code__in=codes)
        }
        self.sites: dict[int, list[Site]] = defaultdict(list)
        self.sites_loaded: set[int] = set()
        actor_ids = {a.pk for a in self.actors.values()} | {
            p.provider_id for ps in self.programmes.values() for p in ps
        }
        self.load_sites(actor_ids)
        wanted = {
            o.language
            for record in answer.programmes
            for o in record.offerings
            if o.language
        }
        self.languages = {
            language.code: language
            for language in Language.objects.filter(code__in=wanted)
        }
        self.slugs: set[str] = set()
        self.actors_by_name: dict[str, list[Actor]] | None = None

    def run(self) -> Preview:
        for record in self.answer.programmes:
            self.plan_programme(record)
        self.find_candidates()
        return self.preview

    def plan_programme(self, record: RegisterProgramme) -> None:
        matches = self.programmes.get(record.identifier, [])
        if len(matches) > 1:
            self.preview.problem(
                record.identifier,
                self.source.programme_key,
                _(
                    "%(count)s programmes on the map carry this identifier (%(slugs)s); keep it on one."
                )
                % {"count": len(matches), "slugs": ", ".join(p.slug for p in matches)},
            )
            return
        if matches:
            programme = matches[0]
            plan = ProgrammePlan(record, programme, programme.provider)
            self.compare(plan, programme, register_values(record))
            plan.listed_again = programme.missing_from_register_since is not None
            self.plan_offerings(plan)
            (self.preview.updates if plan.has_work else self.preview.unchanged).append(
                plan
            )
            return
        provider = self.provider_of(record)
        if provider is None:
            self.preview.problem(
                record.identifier,
                "provider",
                _(
                    "The provider %(identifier)s (%(name)s) is not on the map; add it with its register identifier."
                )
                % {
                    "identifier": record.provider_identifier or "–",
                    "name": _first(record.provider_name) or "?",
                },
            )
            return
        kind = kind_of(record, self.source)
        if not kind:
            self.preview.problem(
                record.identifier,
                "kind",
                _(
                    "The register does not say what type of programme this is; not created."
                ),
            )
            return
        plan = ProgrammePlan(record, None, provider)
        plan.values = {
            **register_values(record),
            "slug": self.new_slug(record),
            "kind": kind,
            self.source.programme_key: record.identifier,
            "source_url": record.url or self.source.home_url,
        }
        # The map requires an English name; a draft without one takes the Finnish (or Swedish) name, which the
        # register replaces once it gives an English one, and a coordinator before publishing.
        plan.values.setdefault("name_en", _first(record.name))
        self.plan_offerings(plan)
        self.preview.creations.append(plan)

    def load_sites(self, actor_ids: set[int]) -> None:
        """The sites of these actors, main site first (one query)."""
        self.sites_loaded |= actor_ids
        for site in Site.objects.filter(actor_id__in=actor_ids).order_by(
            "-is_main", "pk"
        ):
            self.sites[site.actor_id].append(site)

    def sites_of(self, actor: Actor) -> list[Site]:
        if actor.pk not in self.sites_loaded:
            self.load_sites({actor.pk})  # a provider matched by name
        return self.sites.get(actor.pk, [])

    def provider_of(self, record: RegisterProgramme) -> Actor | None:
        """The actor carrying the provider's register identifier; for a register that gives only the provider's
        name (the YH table), the one actor of the register's country with a site on the map and exactly that name."""
        if record.provider_identifier:
            return self.actors.get(record.provider_identifier)
        if self.actors_by_name is None:
            self.actors_by_name = defaultdict(list)
            actors = Actor.objects.filter(
                country=self.source.country,
                pk__in=Site.objects.values("actor_id"),
            )
            for actor in actors:
                for name in {actor.name_fi, actor.name_sv, actor.name_en} - {None, ""}:
                    self.actors_by_name[_fold(name)].append(actor)
        found = {
            actor.pk: actor
            for name in record.provider_name.values()
            for actor in self.actors_by_name.get(_fold(name), [])
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def compare(
        self, plan: ProgrammePlan, programme: Programme, values: dict[str, Any]
    ) -> None:
        """Sort the register's values into changes the register may make and conflicts with a coordinator."""
        changes, conflicts = [], []
        for name, new in values.items():
            old = getattr(programme, name)
            if same(old, new):
                continue
            if self.programme_history.may_write(programme, name):
                changes.append(FieldChange(name, old, new))
            else:
                conflicts.append(
                    Conflict(
                        name,
                        old,
                        new,
                        self.programme_history.changed_by(programme, name),
                    )
                )
        if any(c.field in PAIRED for c in conflicts):
            # Credits and their unit go together: a coordinator's credits keep their unit, and the other way round.
            for change in [c for c in changes if c.field in PAIRED]:
                changes.remove(change)
                conflicts.append(Conflict(change.field, change.old, change.new, ""))
        plan.changes = changes
        plan.conflicts = conflicts
        plan.values = {change.field: change.new for change in changes}

    def plan_offerings(self, plan: ProgrammePlan) -> None:
        existing = (
            list(plan.programme.offerings.all()) if plan.programme is not None else []
        )
        claimed: list[Offering] = []
        for record in plan.record.offerings:
            site = self.site_for(plan, record)
            if site is None:
                continue
            language = self.languages.get(record.language)
            if record.language and language is None:
                self.preview.problem(
                    record.identifier,
                    "language",
                    _(
                        "The language “%(code)s” is not on the map; the offering is saved without it."
                    )
                    % {"code": record.language},
                )
            values = {
                "site_id": site.pk,
                "starts_on": record.starts_on,
                "language_id": language.pk if language else None,
                "places": record.places,
            }
            offering = next(
                (o for o in existing if o.register_id == record.identifier), None
            )
            adopt = False
            if offering is None:
                offering = next(
                    (
                        o
                        for o in existing
                        if not o.register_id
                        and o.site_id == site.pk
                        and o.starts_on == record.starts_on
                    ),
                    None,
                )
                adopt = offering is not None
            if offering is not None and offering in claimed:
                offering = None  # adopted by an earlier realisation of this answer
            if offering is None and self.taken(existing, plan, site, record):
                continue
            if offering is not None:
                claimed.append(offering)
            offering_plan = OfferingPlan(record, site, offering, adopt=adopt)
            if offering is None:
                offering_plan.values = values
                offering_plan.new_periods = list(record.application_periods)
            else:
                for name, new in values.items():
                    old = getattr(offering, name)
                    if new is None or same(old, new):
                        continue  # what the register does not say is not emptied
                    if self.offering_history.may_write(offering, name):
                        offering_plan.changes.append(FieldChange(name, old, new))
                    else:
                        conflict = Conflict(
                            name,
                            old,
                            new,
                            self.offering_history.changed_by(offering, name),
                        )
                        offering_plan.conflicts.append(conflict)
                offering_plan.values = {c.field: c.new for c in offering_plan.changes}
                held = {
                    (p.opens_on, p.closes_on)
                    for p in offering.application_periods.all()
                }
                offering_plan.new_periods = [
                    p for p in record.application_periods if p not in held
                ]
            plan.offerings.append(offering_plan)
        listed = {record.identifier for record in plan.record.offerings}
        plan.unlisted_offerings = [
            o for o in existing if o.register_id and o.register_id not in listed
        ]

    def taken(
        self,
        existing: list[Offering],
        plan: ProgrammePlan,
        site: Site,
        record: RegisterOffering,
    ) -> bool:
        """Whether a new offering would repeat the site and start of another (the map keeps one per site and start:
        two groups starting on the same day are one offering); reported as a problem."""
        starts = [(o.site_id, o.starts_on) for o in existing] + [
            (p.site.pk, p.record.starts_on) for p in plan.offerings
        ]
        if (site.pk, record.starts_on) not in starts:
            return False
        self.preview.problem(
            record.identifier,
            "starts_on",
            _(
                "The programme already has an offering at %(site)s starting on %(date)s; this realisation is not added."
            )
            % {"site": site, "date": record.starts_on or "–"},
        )
        return True

    def site_for(self, plan: ProgrammePlan, record: RegisterOffering) -> Site | None:
        """The provider's site in the offering's municipality, or None and a problem saying why."""
        municipality = self.municipalities.get(record.municipality_code)
        if municipality is None:
            self.preview.problem(
                record.identifier,
                "municipality_code",
                _(
                    "The place %(place)s (%(code)s) is not a municipality of the map's regions."
                )
                % {
                    "place": record.place_name or "?",
                    "code": record.municipality_code or "?",
                },
            )
            return None
        names = {
            _fold(n)
            for n in (municipality.name_fi, municipality.name_sv, municipality.name_en)
            if n
        }
        sites = [
            site
            for site in self.sites_of(plan.provider)
            if site.region_id == municipality.region_id
            and names
            & {_fold(t) for t in (site.town_fi, site.town_sv, site.town_en) if t}
        ]
        if not sites:
            self.preview.problem(
                record.identifier,
                "municipality_code",
                _(
                    "%(provider)s has no site in %(place)s (%(code)s); add the site, then fetch again."
                )
                % {
                    "provider": plan.provider,
                    "place": municipality.name,
                    "code": municipality.code,
                },
            )
            return None
        return sites[0]  # the main site first when the provider has several in the town

    def new_slug(self, record: RegisterProgramme) -> str:
        base = (
            slugify(_first(record.name, order=("en", "fi", "sv")))[:100].strip("-")
            or self.source.name
        )
        taken = (
            set(
                Programme.objects.filter(slug__startswith=base).values_list(
                    "slug", flat=True
                )
            )
            | self.slugs
        )
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        self.slugs.add(slug)
        return slug

    def find_candidates(self) -> None:
        """Programmes of the queried providers with this register's identifier that the register did not list, and
        about which it reported no problem (a record it could not read is not gone)."""
        key = self.source.programme_key
        listed = {record.identifier for record in self.answer.programmes}
        unread = {problem.identifier for problem in self.preview.problems}
        self.preview.candidates = list(
            Programme.objects.filter(provider__in=self.providers)
            .exclude(**{key: ""})
            .exclude(**{f"{key}__in": listed | unread})
            .exclude(state=PublicationState.DISCONTINUED)
            .select_related("provider")
            .order_by("slug")
        )


def kind_of(record: RegisterProgramme, source: RegisterSource) -> str:
    """The programme type: the register's, else the register's only type (the YH agency's programmes are all higher
    vocational), else what YH points say (only higher vocational programmes award them); "" when unknown."""
    if record.kind in Programme.Kind.values:
        return record.kind
    if source.default_kind:
        return source.default_kind
    if record.credit_unit == Programme.CreditUnit.YHP:
        return Programme.Kind.HIGHER_VOCATIONAL
    return ""


def _first(texts: dict[str, str] | Any, order: tuple[str, ...] = LANGUAGES) -> str:
    return next((texts[lang] for lang in order if texts.get(lang)), "")


def _fold(name: str) -> str:
    return name.strip().casefold()


def plan_register_run(
    source: RegisterSource,
    answer: RegisterAnswer,
    providers: list[Actor],
    checked_on: datetime.date,
) -> Preview:
    """The preview of applying a register's answer for the queried providers; reads, never writes."""
    return Planner(source, answer, providers, checked_on).run()
