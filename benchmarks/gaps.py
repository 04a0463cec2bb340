"""How long the gap analysis, the overlaps and their pages take, and how many queries they make, at a large size.

Run it from the project folder (it is a script, not a test):

    DEBUG=true .venv/bin/python benchmarks/gaps.py [--programmes 10000] [--needs 50000] [--runs 3] [--seed 1]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/batteryregion DEBUG=true .venv/bin/python benchmarks/gaps.py
    DEBUG=true .venv/bin/python benchmarks/gaps.py --only pages        # the pages and endpoints alone

It never touches the project's own database: like benchmarks/pathways.py (whose throwaway_database() it uses) it works
in an SQLite file in a temporary folder or, when DATABASE_URL is set, in a database batteryregion_bench_<process id>
on that PostgreSQL server, which it creates and drops again. It migrates that database, loads the bundled data and
adds, with bulk inserts, a seeded synthetic data set:

* --providers synthetic education providers (default 40), each with one to three sites in the bundled NUTS 3 regions
  of its country, beside the bundled providers and their sites;
* --programmes synthetic programmes (default 10,000): kind, qualification, EQF level and duration of a random bundled
  programme; 5–15 skills, mostly skills of one or two bundled occupations, a few at random; the segments of those
  occupations (or the template's); a link to one of the occupations two times in three; places per year set for
  85 %; given at one to three sites of a provider, one offering in ten with places of its own; 3 % unpublished; a
  third with one to three yearly intakes (places, applicants, enrolled students, some left empty, some marked as
  examples). One occupation in eight is taught in Finland only and one in eight in Sweden only, so that some needs
  are met only across the border;
* --employers synthetic employers (default 300) and --needs competence needs (default 50,000): 75 % name an
  occupation (with 0–6 of its skills), 15 % only skills, 10 % only segments, and a quarter of the others also
  segments; from an employer (90 %) or a workshop, survey or report; 1–60 people; target years from two years ago to
  ten years ahead; EQF band, none, or one end only; mixed urgencies; standing 70 %, paused 15 %, withdrawn 15 %;
  public 40 %, partners 30 %, coordinators only 30 %; 10 % examples; stated for a NUTS 3 region mostly, sometimes a
  NUTS 2 region or a whole country.

It then times, each --runs times (median and slowest; a function that passes --budget seconds in total stops early),
with the number of SQL queries each run made and the size of what it returned:

1. the core functions: analyse() per dimension (segment, occupation, skill) for an anonymous visitor and a
   coordinator; needs_behind() and offerings_behind() for the busiest key of each dimension;
   needs_met_only_across_border() for both users; find_overlaps() in full and with --limit, and groups();
2. the pages and endpoints through django.test.Client, the whole response read: /en/gaps/, the three detail pages
   (busiest segment, occupation and skill), /en/gaps/overlaps/, the segment and overlap CSV exports, /api/v1/gaps/
   (also ?dimension=skill) and /api/v1/overlaps/, for each user of --page-users. A page whose address does not exist
   (yet) is reported as "missing", one that fails as "error", and one that answers other than 200 with its status.

One SQL statement may run --timeout seconds (default 15); one that runs longer is stopped and its function or page
reported as TIMED OUT with the start of the query, and not run again. A function or page whose median passes 10 s
is flagged SLOW with its slowest query. Everything is measured with DEBUG off, as in production (the environment's
DEBUG=true only lets the settings load). --no-jit measures PostgreSQL with JIT compilation off. The database is
removed at the end, also after an error, Ctrl-C or a plain kill.
"""

# ruff: noqa: T201 (a script: its printout is the point)

from __future__ import annotations

import argparse
import datetime
import logging
import os
import random
import re
import signal
import statistics
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "batteryregion.settings")
os.environ.setdefault("DEBUG", "true")  # the settings need a secret key otherwise

import django
from django.conf import settings

from benchmarks.pathways import throwaway_database

SLOW_SECONDS = 10.0
SQL_SHOWN = 700  # characters of a slow query's SQL that the printout shows


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


# Measuring ---------------------------------------------------------------------------------------------------------


@dataclass
class Row:
    """What one function or page measured."""

    name: str
    seconds: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    size: str = ""
    problem: str = ""  # "missing", "error: …", "status 404"; empty when it worked
    slowest_query: tuple[float, str] | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def _slowest(captured: list[dict[str, Any]]) -> tuple[float, str] | None:
    timed = [(float(q.get("time") or 0), q.get("sql") or "") for q in captured]
    return max(timed, default=None)


class QueryTimeLimit:
    """Stops any one SQL statement after `seconds`, so that a pathological query cannot stall the benchmark.

    SQLite: a progress handler that aborts the statement ("interrupted") once its deadline has passed; the deadline
    is set when the statement starts (an execute wrapper) and also covers fetching its rows. PostgreSQL:
    statement_timeout. Both are set again on every new connection (django.test.Client closes the connection after
    each request, as CONN_MAX_AGE is 0).
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = float("inf")
        # The statement that ran last: the one that timed out, when one did.
        self.sql = ""

    def install(self) -> None:
        from django.db import connection
        from django.db.backends.signals import connection_created

        connection_created.connect(self.on_connect, weak=False)
        connection.execute_wrappers.append(self.wrapper)
        if connection.connection is not None:
            self.on_connect(connection=connection)

    def on_connect(
        self, sender: Any = None, connection: Any = None, **kwargs: Any
    ) -> None:
        if connection.vendor == "sqlite":
            connection.connection.set_progress_handler(self.expired, 50_000)
        elif connection.vendor == "postgresql":
            # The raw connection: no execute wrapper, no query log.
            with connection.connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {int(self.seconds * 1000)}")

    def expired(self) -> bool:
        return time.perf_counter() > self.deadline

    def wrapper(
        self,
        execute: Callable[..., Any],
        sql: str,
        params: Any,
        many: bool,
        context: Any,
    ) -> Any:
        self.sql = sql
        self.deadline = time.perf_counter() + self.seconds
        return execute(sql, params, many, context)

    @staticmethod
    def timed_out(error: BaseException) -> bool:
        text = str(error)
        return "interrupted" in text or "statement timeout" in text


TIME_LIMIT = QueryTimeLimit(float("inf"))


def measure(
    name: str,
    function: Callable[[], Any],
    runs: int,
    budget: float,
    tracebacks: bool = False,
) -> Row:
    """Run `function` up to `runs` times (fewer once `budget` seconds have passed); it returns a size to print.

    An exception ends the runs and is reported in the row: a query over the time limit as "timed out".
    """
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    row = Row(name)
    spent = 0.0
    for _ in range(runs):
        # The query log keeps at most 9000 queries; a full log would count none.
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            try:
                size = function()
            except Exception as error:
                seconds = time.perf_counter() - started
                if QueryTimeLimit.timed_out(error):
                    row.problem = (
                        f"TIMED OUT: a query ran over {TIME_LIMIT.seconds:g} s "
                        f"(after {seconds:.1f} s, {len(captured)} queries)"
                    )
                    row.slowest_query = (TIME_LIMIT.seconds, TIME_LIMIT.sql)
                else:
                    row.problem = f"error: {type(error).__name__}: {str(error)[:200]}"
                    if tracebacks:
                        traceback.print_exc()
                return row
            seconds = time.perf_counter() - started
        row.seconds.append(seconds)
        row.queries.append(len(captured))
        row.size = str(size)
        slowest = _slowest(captured.captured_queries)
        if slowest and (row.slowest_query is None or slowest[0] > row.slowest_query[0]):
            row.slowest_query = slowest
        spent += seconds
        if spent > budget:
            break
    return row


NAME_WIDTH = 62
PLAIN_COLUMNS = re.compile(r'(?:"\w+"\."\w+"(?: AS "\w+")?, ){2,}')


def short_sql(sql: str) -> str:
    """The start of a query with its lists of plain columns left out, so that its joins and subqueries show."""
    return PLAIN_COLUMNS.sub("…, ", " ".join(sql.split()))[:SQL_SHOWN]


def print_rows(title: str, rows: list[Row], runs: int) -> None:
    print(title)
    print(
        f"  {'':<{NAME_WIDTH}}{'runs':>5}{'median ms':>11}{'max ms':>10}{'queries':>9}  result"
    )
    for row in rows:
        name = (
            row.name if len(row.name) < NAME_WIDTH else row.name[: NAME_WIDTH - 2] + "…"
        )
        if row.problem and not row.seconds:
            print(f"  {name:<{NAME_WIDTH}}{row.problem}")
            continue
        queries = (
            str(row.queries[0])
            if len(set(row.queries)) == 1
            else f"{min(row.queries)}–{max(row.queries)}"
        )
        print(
            f"  {name:<{NAME_WIDTH}}{len(row.seconds):>5}{row.median * 1000:>11.1f}{max(row.seconds) * 1000:>10.1f}"
            f"{queries:>9}  {row.size}{'  ' + row.problem if row.problem else ''}"
        )
    for row in rows:
        if row.seconds and row.median > SLOW_SECONDS:
            print(
                f"  SLOW: {row.name}: median {row.median:.1f} s, more than {SLOW_SECONDS:g} s."
            )
            if row.slowest_query:
                seconds, sql = row.slowest_query
                print(f"    its slowest query ({seconds:.1f} s): {short_sql(sql)}")
    timed_out: dict[str, list[str]] = {}
    for row in rows:
        if row.problem.startswith("TIMED OUT") and row.slowest_query:
            timed_out.setdefault(short_sql(row.slowest_query[1]), []).append(row.name)
    for sql, names in timed_out.items():
        print(f"  TIMED OUT: {'; '.join(names)}: the query: {sql}")
    skipped = [
        row.name
        for row in rows
        if row.seconds and len(row.seconds) < runs and not row.problem
    ]
    if skipped:
        print(f"  Fewer than {runs} runs (over the budget): {', '.join(skipped)}.")
    print()


# What is measured --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Users:
    anonymous: Any
    coordinator: Any


def make_users() -> Users:
    from django.contrib.auth.models import AnonymousUser, Permission, User

    coordinator = User.objects.create_user("bench-coordinator", is_staff=True)
    coordinator.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="skills", codename="view_confidential_needs"
        )
    )
    # Read again: no permissions cached from before the grant.
    coordinator = User.objects.get(pk=coordinator.pk)
    return Users(anonymous=AnonymousUser(), coordinator=coordinator)


@dataclass(frozen=True)
class BusiestKeys:
    """The segment, occupation and skill with the most competence needs: the heaviest detail pages."""

    segment: Any
    occupation: Any
    skill: Any


def busiest_keys() -> BusiestKeys:
    from django.db.models import Count

    from skills.models import Occupation, Segment, Skill

    def top(model: Any, order: str) -> Any:
        return (
            model.objects.annotate(n=Count("competence_needs"))
            .order_by("-n", order)
            .first()
        )

    return BusiestKeys(
        top(Segment, "code"), top(Occupation, "slug"), top(Skill, "slug")
    )


def core_rows(args: argparse.Namespace, users: Users, keys: BusiestKeys) -> list[Row]:
    from gaps.analysis.across_border import needs_met_only_across_border
    from gaps.analysis.compare import analyse
    from gaps.analysis.demand import needs_behind
    from gaps.analysis.overlaps import OverlapQuery, find_overlaps, groups
    from gaps.analysis.parameters import Dimension, GapQuery
    from gaps.analysis.supply import offerings_behind

    rows = []

    def run(name: str, function: Callable[[], Any]) -> None:
        row = measure(name, function, args.runs, args.budget, args.tracebacks)
        rows.append(row)
        print(
            f"  … {name}: {row.problem or f'{row.median * 1000:.0f} ms median'}",
            flush=True,
        )

    for dimension in Dimension.values:
        for who in ("anonymous", "coordinator"):
            user = getattr(users, who)
            run(
                f"analyse({dimension}, {who})",
                lambda d=dimension, u=user: (
                    f"{len(analyse(GapQuery(dimension=d), u).cells)} rows"
                ),
            )
    for dimension in Dimension.values:
        key = getattr(keys, dimension)
        query = GapQuery(dimension=dimension)
        run(
            f"needs_behind({dimension} {_key_name(key)}, coordinator)",
            lambda q=query, k=key: (
                f"{len(list(needs_behind(q, k.pk, users.coordinator)))} needs"
            ),
        )
        run(
            f"offerings_behind({dimension} {_key_name(key)})",
            lambda q=query, k=key: f"{len(list(offerings_behind(q, k.pk)))} offerings",
        )
    for who in ("anonymous", "coordinator"):
        user = getattr(users, who)
        run(
            f"needs_met_only_across_border({who})",
            lambda u=user: (
                f"{len(list(needs_met_only_across_border(GapQuery(), u)))} needs"
            ),
        )
    full: list[Any] = []

    def overlaps_in_full() -> str:
        full[:] = find_overlaps(OverlapQuery())
        return f"{len(full)} pairs"

    run("find_overlaps() in full", overlaps_in_full)
    run(
        f"find_overlaps(limit={args.limit})",
        lambda: f"{len(find_overlaps(OverlapQuery(), limit=args.limit))} pairs",
    )
    if full:
        run("groups() of the full overlaps", lambda: f"{len(groups(full))} groups")
    return rows


def _key_name(key: Any) -> str:
    return getattr(key, "code", None) or key.slug


@dataclass(frozen=True)
class Page:
    name: str
    url_name: str | None = None  # a named URL, reversed under /en/
    kwargs: dict[str, str] | None = None
    path: str | None = None  # or a fixed path


def pages(keys: BusiestKeys) -> list[Page]:
    return [
        Page("/en/gaps/ (dashboard)", "gaps:dashboard"),
        Page(
            f"/en/gaps/segment/{keys.segment.code}/",
            "gaps:detail",
            {"dimension": "segment", "key": keys.segment.code},
        ),
        Page(
            f"/en/gaps/occupation/{keys.occupation.slug}/",
            "gaps:detail",
            {"dimension": "occupation", "key": keys.occupation.slug},
        ),
        Page(
            f"/en/gaps/skill/{keys.skill.slug}/",
            "gaps:detail",
            {"dimension": "skill", "key": keys.skill.slug},
        ),
        Page("/en/gaps/overlaps/", "gaps:overlaps"),
        Page("/en/gaps/export/segments.csv", "gaps:export", {"table": "segments"}),
        Page("/en/gaps/export/overlaps.csv", "gaps:export", {"table": "overlaps"}),
        Page("/api/v1/gaps/", path="/api/v1/gaps/"),
        Page("/api/v1/gaps/?dimension=skill", path="/api/v1/gaps/?dimension=skill"),
        Page("/api/v1/overlaps/", path="/api/v1/overlaps/"),
    ]


def page_address(page: Page) -> tuple[str | None, str]:
    """The page's path, or None and why not ("missing" when the address does not exist (yet))."""
    from django.urls import NoReverseMatch, Resolver404, resolve, reverse

    try:
        if page.url_name:
            return reverse(page.url_name, kwargs=page.kwargs), ""
        resolve(page.path.split("?")[0])
    except (NoReverseMatch, Resolver404):
        return None, "missing"
    except Exception as error:
        return (
            None,
            f"missing (the URLconf does not load: {type(error).__name__}: {str(error)[:120]})",
        )
    return page.path, ""


def page_rows(args: argparse.Namespace, users: Users, keys: BusiestKeys) -> list[Row]:
    from django.test import Client

    clients = {}
    for who in args.page_users:
        client = Client()
        if who == "coordinator":
            client.force_login(users.coordinator)
        clients[who] = client

    rows = []
    for page in pages(keys):
        path, problem = page_address(page)
        for who, client in clients.items():
            name = f"{page.name} ({who})" if len(clients) > 1 else page.name
            if path is None:
                rows.append(Row(name, problem=problem))
                print(f"  … {name}: {problem}", flush=True)
                continue

            def fetch(c: Any = client, p: str = path) -> str:
                response = c.get(p)
                body = (
                    b"".join(response.streaming_content)
                    if response.streaming
                    else response.content
                )
                response.close()
                if response.status_code != 200:
                    raise PageStatus(response.status_code)
                return f"{len(body) / 1024:.0f} KiB"

            row = measure(name, fetch, args.runs, args.budget, args.tracebacks)
            if row.problem.startswith("error: PageStatus"):
                row.problem = row.problem.removeprefix("error: PageStatus: ")
                if row.problem == "status 404":
                    row.problem = "status 404 (missing?)"
            rows.append(row)
            print(
                f"  … {name}: {row.problem or f'{row.median * 1000:.0f} ms median'}",
                flush=True,
            )
    return rows


class PageStatus(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(f"status {status}")


# Main --------------------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--programmes",
        type=int,
        default=10_000,
        help="synthetic programmes (default 10,000)",
    )
    parser.add_argument(
        "--needs",
        type=int,
        default=50_000,
        help="synthetic competence needs (default 50,000)",
    )
    parser.add_argument(
        "--employers", type=int, default=300, help="synthetic employers (default 300)"
    )
    parser.add_argument(
        "--providers", type=int, default=40, help="synthetic providers (default 40)"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each function and page (default 3)"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=60,
        help="seconds per function or page after which its runs stop (default 60)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=15,
        help="seconds after which one SQL statement is stopped and its function or page reported as timed out "
        "(default 15)",
    )
    parser.add_argument(
        "--no-jit",
        action="store_true",
        help="PostgreSQL: measure with JIT compilation off (-c jit=off)",
    )
    parser.add_argument(
        "--tracebacks",
        action="store_true",
        help="print the traceback of a function or page that fails",
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=20,
        help="the limit of find_overlaps(limit=…) (default 20)",
    )
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of every random choice"
    )
    parser.add_argument(
        "--only",
        choices=["all", "core", "pages"],
        default="all",
        help="measure only the core functions or the pages",
    )
    parser.add_argument(
        "--page-users",
        default="anonymous,coordinator",
        help="who requests the pages, comma-separated: anonymous, coordinator (default both)",
    )
    args = parser.parse_args()
    args.page_users = [who.strip() for who in args.page_users.split(",") if who.strip()]
    if not set(args.page_users) <= {"anonymous", "coordinator"} or not args.page_users:
        parser.error("--page-users takes anonymous, coordinator or both")
    if min(args.programmes, args.needs, args.employers, args.providers, args.runs) < 1:
        parser.error("the sizes and --runs must be at least 1")

    # A plain `kill` ends the run like Ctrl-C, so that the throwaway database is still removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    # With DEBUG off WhiteNoise warns that STATIC_ROOT (not needed here) does not exist.
    warnings.filterwarnings("ignore", message="No directory at: ")
    with throwaway_database() as where:
        if args.no_jit and settings.DATABASES["default"]["ENGINE"].endswith(
            "postgresql"
        ):
            settings.DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
                "-c jit=off"
            )
            where += ", JIT off"
        django.setup()
        # Measure as in production. (DEBUG's error page would also show a failed query's result, running it again.)
        settings.DEBUG = False
        # A failing page is reported in its row; no "Internal Server Error" log.
        if not args.tracebacks:
            logging.getLogger("django.request").setLevel(logging.CRITICAL)
        # django.test.Client's host name.
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        from django.core.management import call_command
        from django.utils import translation

        from batteryregion.bundled_data import load_bundled_data

        translation.activate("en")
        print(f"Gap analysis benchmark: {where}; seed {args.seed}.", flush=True)
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        load_bundled_data()
        print(
            f"Migrated and loaded the bundled data in {time.perf_counter() - started:.1f} s.",
            flush=True,
        )
        started = time.perf_counter()
        add_synthetic_data(args, random.Random(args.seed))
        print(
            f"Added {args.programmes} programmes, {args.needs} needs, {args.employers} employers and "
            f"{args.providers} providers in {time.perf_counter() - started:.1f} s.",
            flush=True,
        )
        if connection_vendor() == "postgresql":
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # as autovacuum would soon after a bulk load
        users = make_users()
        keys = busiest_keys()
        TIME_LIMIT.seconds = args.timeout
        TIME_LIMIT.install()
        print()
        print(f"{'data':<36}{'count':>20}")
        for name, value in data_sizes().items():
            print(f"{name:<36}{value!s:>20}")
        print(
            f"Detail pages use the busiest keys: segment {keys.segment.code}, occupation {keys.occupation.slug}, "
            f"skill {keys.skill.slug}."
        )
        print(flush=True)

        results = []
        if args.only in ("all", "core"):
            print("Core functions …", flush=True)
            results.append(
                (
                    "Core functions (gaps.analysis.compare, gaps.analysis.overlaps)",
                    core_rows(args, users, keys),
                )
            )
        if args.only in ("all", "pages"):
            print("Pages and endpoints …", flush=True)
            results.append(
                (
                    "Pages and endpoints (django.test.Client, whole response)",
                    page_rows(args, users, keys),
                )
            )
        print()
        for title, rows in results:
            print_rows(f"{title}; {where}", rows, args.runs)


def connection_vendor() -> str:
    from django.db import connection

    return connection.vendor


if __name__ == "__main__":
    main()
