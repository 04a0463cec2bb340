"""The synthetic data of the gap analysis benchmark (benchmarks/gaps.py, whose docstring describes the data set):
providers with sites, programmes with offerings, skills, occupations and intakes, employers and competence needs,
added in bulk to a throwaway database, and the sizes the printout reports. benchmarks/serving.py adds the same data."""

from __future__ import annotations

import argparse
import datetime
import random
from typing import Any

# Synthetic data ----------------------------------------------------------------------------------------------------


def _weighted(rng: random.Random, choices: dict[Any, float]) -> Any:
    return rng.choices(list(choices), weights=list(choices.values()))[0]


def _random_date(rng: random.Random, start: datetime.date, days: int) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange(days))


def add_synthetic_data(args: argparse.Namespace, rng: random.Random) -> None:
    """The data set of the module docstring, with bulk inserts in one transaction, then fresh planner statistics.

    ANALYZE as a database in use has (PostgreSQL's autovacuum gathers them by itself after a while; SQLite keeps
    none until asked): without them SQLite's planner took the programme state index for the across-border query."""
    from django.db import connection, transaction

    with transaction.atomic():
        providers, sites = _add_providers(args.providers, rng)
        programme_ids = _add_programmes(args.programmes, providers, sites, rng)
        _add_intakes(programme_ids, rng)
        employers = _add_employers(args.employers, rng)
        _add_needs(args.needs, employers, rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _level3_regions() -> dict[str, list[Any]]:
    from skills.models import Region

    regions: dict[str, list[Any]] = {}
    for region in Region.objects.defer("boundary").filter(level=3).order_by("code"):
        regions.setdefault(region.country, []).append(region)
    return regions


def _add_providers(
    count: int, rng: random.Random
) -> tuple[dict[str, list[int]], dict[int, list[Any]]]:
    """Synthetic providers with sites; return the providers of each country and the sites of each provider
    (bundled ones included)."""
    from skills.models import Actor, Site

    regions = _level3_regions()
    new = []
    for n in range(count):
        country = "FI" if n % 2 == 0 else "SE"
        new.append(
            Actor(
                slug=f"bench-provider-{n}",
                kind=Actor.Kind.PROVIDER,
                country=country,
                state="published",
                name_fi=f"Oppilaitos {n}",
                name_sv=f"Läroanstalt {n}",
                name_en=f"Provider {n}",
            )
        )
    Actor.objects.bulk_create(new, batch_size=500)
    new_sites = []
    for actor in new:
        for k, region in enumerate(
            rng.sample(
                regions[actor.country],
                k=min(len(regions[actor.country]), rng.choice([1, 1, 2, 3])),
            )
        ):
            town = f"Town {region.code} {actor.pk}-{k}"
            new_sites.append(
                Site(
                    slug=f"{actor.slug}-{k}",
                    actor=actor,
                    town_fi=town,
                    town_sv=town,
                    town_en=town,
                    region=region,
                    latitude=round(rng.uniform(63.0, 68.0), 5),
                    longitude=round(rng.uniform(18.0, 29.0), 5),
                    is_main=k == 0,
                )
            )
    Site.objects.bulk_create(new_sites, batch_size=500)
    sites: dict[int, list[Any]] = {}
    for site in Site.objects.filter(actor__kind=Actor.Kind.PROVIDER).order_by("slug"):
        sites.setdefault(site.actor_id, []).append(site)
    countries = dict(Actor.objects.filter(pk__in=sites).values_list("pk", "country"))
    providers: dict[str, list[int]] = {}
    for pk in sorted(sites):
        providers.setdefault(countries[pk], []).append(pk)
    return providers, sites


def _occupation_vocabulary() -> tuple[
    list[int], dict[int, list[int]], dict[int, list[int]], list[int], list[int]
]:
    """Occupations with skills, each one's skills and segments, every skill and every segment (ids, sorted)."""
    from skills.models import Occupation, OccupationSkill, Segment, Skill

    skills_of: dict[int, list[int]] = {}
    for occupation_id, skill_id in OccupationSkill.objects.order_by(
        "occupation_id", "relation", "skill_id"
    ).values_list("occupation_id", "skill_id"):
        skills_of.setdefault(occupation_id, []).append(skill_id)
    segments_of: dict[int, list[int]] = {}
    for occupation_id, segment_id in Occupation.segments.through.objects.order_by(
        "occupation_id", "segment_id"
    ).values_list("occupation_id", "segment_id"):
        segments_of.setdefault(occupation_id, []).append(segment_id)
    occupations = sorted(skills_of)
    all_skills = sorted(Skill.objects.values_list("pk", flat=True))
    all_segments = sorted(Segment.objects.values_list("pk", flat=True))
    return occupations, skills_of, segments_of, all_skills, all_segments


def _add_programmes(
    count: int,
    providers: dict[str, list[int]],
    sites: dict[int, list[Any]],
    rng: random.Random,
) -> list[int]:
    from programmes.models import Offering, Programme

    occupations, skills_of, segments_of, all_skills, _segments = (
        _occupation_vocabulary()
    )
    templates = list(
        Programme.objects.prefetch_related("segments", "languages").order_by("slug")
    )
    # One occupation in eight is taught in Finland only and one in eight in Sweden only, so that some needs are met
    # only across the border.
    taught_only_in = {
        o: "FI" if i % 8 == 0 else "SE"
        for i, o in enumerate(occupations)
        if i % 8 in (0, 4)
    }
    programmes, links = [], []
    for n in range(count):
        template = rng.choice(templates)
        months = template.duration_months
        if months is not None:
            months = min(120, max(1, months + rng.choice([-6, -3, 0, 0, 3, 6])))
        targets = rng.sample(occupations, k=rng.choice([1, 1, 2]))
        only = {taught_only_in[o] for o in targets if o in taught_only_in}
        if len(only) > 1:
            targets, only = targets[:1], {taught_only_in[targets[0]]}
        provider = rng.choice(
            providers[only.pop() if only else rng.choice(["FI", "SE"])]
        )
        programmes.append(
            Programme(
                slug=f"bench-programme-{n}",
                provider_id=provider,
                kind=template.kind,
                name_fi=f"Koulutus {n}",
                name_sv=f"Utbildning {n}",
                name_en=f"Programme {n}",
                awarded_qualification_id=template.awarded_qualification_id,
                awarded_level_id=template.awarded_level_id,
                duration_months=months,
                places_per_year=rng.choice([12, 16, 20, 24, 25, 30, 40, 60, 90])
                if rng.random() < 0.85
                else None,
                source_url="https://example.org/bench",
                verified_on=_random_date(rng, datetime.date(2024, 1, 1), 1000),
                state="published" if rng.random() >= 0.03 else "draft",
            )
        )
        pool = sorted({skill for o in targets for skill in skills_of[o]})
        wanted = rng.randint(5, 15)
        extra = rng.choice([0, 0, 1, 2, 3])
        taught = set(rng.sample(pool, k=min(len(pool), wanted - extra)))
        while len(taught) < wanted:
            taught.add(rng.choice(all_skills))
        segments = sorted({s for o in targets for s in segments_of.get(o, [])})
        if not segments or rng.random() < 0.2:
            segments = [s.pk for s in template.segments.all()] or segments
        provider_sites = sites[provider]
        links.append(
            {
                "skills": sorted(taught),
                "segments": rng.sample(
                    segments, k=min(len(segments), rng.randint(1, 3))
                ),
                "occupations": targets[:1] if rng.random() < 2 / 3 else [],
                "languages": [language.pk for language in template.languages.all()],
                "sites": rng.sample(
                    provider_sites,
                    k=min(len(provider_sites), rng.choice([1, 1, 1, 2, 3])),
                ),
            }
        )
    Programme.objects.bulk_create(programmes, batch_size=1000)
    column = {
        "segments": "segment_id",
        "languages": "language_id",
        "skills": "skill_id",
        "occupations": "occupation_id",
    }
    for name, field_name in column.items():
        through = getattr(Programme, name).through
        through.objects.bulk_create(
            [
                through(programme_id=p.pk, **{field_name: pk})
                for p, link in zip(programmes, links, strict=True)
                for pk in link[name]
            ],
            batch_size=2000,
        )
    Offering.objects.bulk_create(
        [
            Offering(
                programme_id=p.pk,
                site=site,
                language_id=link["languages"][0] if link["languages"] else None,
                places=rng.choice([8, 10, 15, 20]) if rng.random() < 0.1 else None,
            )
            for p, link in zip(programmes, links, strict=True)
            for site in link["sites"]
        ],
        batch_size=2000,
    )
    return [p.pk for p in programmes]


def _add_intakes(programme_ids: list[int], rng: random.Random) -> None:
    from programmes.models import Intake

    intakes = []
    for pk in programme_ids:
        if rng.random() >= 1 / 3:
            continue
        example = rng.random() < 0.2
        for year in rng.sample(range(2022, 2027), k=rng.randint(1, 3)):
            places = rng.choice([None, 12, 20, 25, 30, 40])
            applicants = rng.choice([None, rng.randint(3, 150)])
            enrolled = rng.randint(2, places) if places and rng.random() < 0.7 else None
            intakes.append(
                Intake(
                    programme_id=pk,
                    year=year,
                    places=places,
                    applicants=applicants,
                    enrolled=enrolled,
                    is_example=example,
                )
            )
    Intake.objects.bulk_create(intakes, batch_size=2000)


def _add_employers(count: int, rng: random.Random) -> list[Any]:
    from skills.models import Actor

    employers = [
        Actor(
            slug=f"bench-employer-{n}",
            kind=Actor.Kind.EMPLOYER,
            country=rng.choice(["FI", "SE"]),
            state="published",
            name_fi=f"Työnantaja {n}",
            name_sv=f"Arbetsgivare {n}",
            name_en=f"Employer {n}",
        )
        for n in range(count)
    ]
    Actor.objects.bulk_create(employers, batch_size=500)
    return employers


def _add_needs(count: int, employers: list[Any], rng: random.Random) -> None:
    from skills.models import CompetenceNeed, Region

    occupations, skills_of, _segments_of, all_skills, all_segments = (
        _occupation_vocabulary()
    )
    level3 = _level3_regions()
    others: dict[str, list[Any]] = {}
    for region in Region.objects.defer("boundary").filter(level__lt=3).exclude(level=1):
        others.setdefault(region.country, []).append(region)
    sources = [
        (kind, f"Synthetic {kind} {n}")
        for kind in (
            CompetenceNeed.SourceKind.WORKSHOP,
            CompetenceNeed.SourceKind.SURVEY,
            CompetenceNeed.SourceKind.REPORT,
        )
        for n in range(8)
    ]
    statuses = {"standing": 70, "paused": 15, "withdrawn": 15}
    visibilities = {"public": 40, "partners": 30, "coordinators": 30}
    urgencies = {"low": 20, "medium": 40, "high": 30, "critical": 10}
    year = datetime.date.today().year  # the analysis' reference year

    needs, links = [], []
    for n in range(count):
        employer = rng.choice(employers) if rng.random() < 0.9 else None
        country = (
            employer.country
            if employer and rng.random() < 0.9
            else rng.choice(["FI", "SE"])
        )
        region = (
            rng.choice(level3[country])
            if rng.random() < 0.8
            else rng.choice(others[country])
        )
        kind, source_name = (
            (CompetenceNeed.SourceKind.EMPLOYER, "")
            if employer
            else rng.choice(sources)
        )
        shape = rng.random()
        occupation = None
        skills: list[int] = []
        segments: list[int] = []
        if shape < 0.75:
            occupation = rng.choice(occupations)
            pool = skills_of[occupation]
            skills = rng.sample(
                pool, k=min(len(pool), rng.choice([0, 0, 1, 2, 3, 4, 5, 6]))
            )
        elif shape < 0.90:
            skills = rng.sample(all_skills, k=rng.randint(1, 6))
        else:
            segments = rng.sample(all_segments, k=rng.choice([1, 1, 2]))
        if not segments and rng.random() < 0.25:
            segments = rng.sample(all_segments, k=rng.choice([1, 1, 2]))
        band = rng.random()
        if band < 0.2:
            min_level = max_level = None
        else:
            min_level = rng.randint(2, 7)
            max_level = min(8, min_level + rng.choice([0, 1, 1, 2]))
            if band < 0.3:
                min_level = None
            elif band < 0.4:
                max_level = None
        needs.append(
            CompetenceNeed(
                slug=f"bench-need-{n}",
                state="published",  # drafts never count: the analysis would see no synthetic demand
                employer=employer,
                source_kind=kind,
                source_name=source_name,
                occupation_id=occupation,
                headcount=rng.choice([1, 2, 3, 5, 5, 8, 10, 15, 20, 30, 60]),
                target_year=rng.randint(year - 2, year + 10),
                region=region,
                min_level=min_level,
                max_level=max_level,
                urgency=_weighted(rng, urgencies),
                stated_on=_random_date(rng, datetime.date(2022, 1, 1), 1700),
                status=_weighted(rng, statuses),
                visibility=_weighted(rng, visibilities),
                is_example=rng.random() < 0.1,
            )
        )
        links.append((skills, segments))
    CompetenceNeed.objects.bulk_create(needs, batch_size=1000)
    for index, field_name in ((0, "skill_id"), (1, "segment_id")):
        through = (
            CompetenceNeed.skills if index == 0 else CompetenceNeed.segments
        ).through
        through.objects.bulk_create(
            [
                through(competenceneed_id=need.pk, **{field_name: pk})
                for need, link in zip(needs, links, strict=True)
                for pk in link[index]
            ],
            batch_size=2000,
        )


def data_sizes() -> dict[str, int | str]:
    from programmes.models import Intake, Offering, Programme
    from skills.models import Actor, CompetenceNeed, Occupation, Segment, Site, Skill

    def counts(*querysets: Any) -> str:
        return " / ".join(str(queryset.count()) for queryset in querysets)

    providers = Actor.objects.filter(kind=Actor.Kind.PROVIDER)
    needs = CompetenceNeed.objects.all()
    return {
        "programmes": Programme.objects.count(),
        "  of which published": Programme.objects.published().count(),
        "  with places per year": Programme.objects.filter(
            places_per_year__isnull=False
        ).count(),
        "offerings": Offering.objects.count(),
        "  at sites in FI / SE": counts(
            Offering.objects.filter(site__region__country="FI"),
            Offering.objects.filter(site__region__country="SE"),
        ),
        "intakes": Intake.objects.count(),
        "  with enrolled": Intake.objects.filter(enrolled__isnull=False).count(),
        "programme–skill links": Programme.skills.through.objects.count(),
        "programme–segment links": Programme.segments.through.objects.count(),
        "programme–occupation links": Programme.occupations.through.objects.count(),
        "providers / their sites": counts(
            providers, Site.objects.filter(actor__in=providers)
        ),
        "competence needs": needs.count(),
        "  standing / paused / withdrawn": counts(
            *(needs.filter(status=s) for s in CompetenceNeed.Status.values)
        ),
        "  public / partners / coordinators": counts(
            *(needs.filter(visibility=v) for v in CompetenceNeed.Visibility.values)
        ),
        "need–skill links": CompetenceNeed.skills.through.objects.count(),
        "need–segment links": CompetenceNeed.segments.through.objects.count(),
        "employers": Actor.objects.filter(kind=Actor.Kind.EMPLOYER).count(),
        "skills / occupations / segments": counts(
            Skill.objects.all(), Occupation.objects.all(), Segment.objects.all()
        ),
    }
