"""How long a pathway search takes, and how many queries it makes, on the bundled data and on SCALE times as much.

Run it from the project folder (it is a script, not a test):

    DEBUG=true .venv/bin/python benchmarks/pathways.py [--scale 10] [--pairs 200] [--seed 1] [--budget 300]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/batteryregion DEBUG=true .venv/bin/python benchmarks/pathways.py

It never touches the project's own database. It works in a throwaway one: an SQLite file in a temporary folder, or,
when DATABASE_URL is set, a database named batteryregion_bench_<process id> on that PostgreSQL server, which it creates
and drops again. It migrates that database and loads the bundled data (scale 1), measures, then adds synthetic
programmes until there are SCALE times as many as bundled, and measures again.

The synthetic programmes are clones of bundled ones (same kind, level, qualification awarded and segments; duration
a few months either way) with new slugs, given by a random existing provider at one or two of its sites. Their entry
requirements and languages are those of another random bundled programme; they teach a sample of the essential
skills of one or two occupations and link to one of them half of the time. Everything random comes from --seed.

It prints the data sizes, then for --pairs searches (a starting point with a target occupation, a target segment or
no target; most with some answers about the person: home, age group, situation, field; half of them also with
preferences: country, region, language, longest study time, studying near home) the median and 95th
percentile time of find_pathways() as the portal runs it: with the network kept in memory (network.cached_network), so
the searches read nothing from the database, and the search again in memory without each preference set, which counts
the routes each preference removed. Then the time of load_network() alone, which the first search after a change of
the data adds, and the queries of that first search: the data version and load_network()'s fixed few, whatever the
data. The same searches run at both
scales; after --budget seconds of searching (default 300) per scale the rest are skipped and the printout says how
many ran. The database is removed at the end, also after an error or Ctrl-C.
"""

# ruff: noqa: T201 (a script: its printout is the point)

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "batteryregion.settings")
os.environ.setdefault("DEBUG", "true")  # the settings need a secret key otherwise

import dj_database_url
import django
import psycopg
from django.conf import settings
from psycopg import sql

if TYPE_CHECKING:  # the app modules load only after django.setup()
    from gaps.pathways.search import PathwayQuery

SLOW_MEDIAN_SECONDS = 2.0


# The throwaway database --------------------------------------------------------------------------------------------


@contextmanager
def throwaway_database() -> Iterator[str]:
    """Point the settings at a new, empty database before django.setup(); remove it afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        config = dj_database_url.parse(url)
        config["NAME"] = f"batteryregion_bench_{os.getpid()}"
        # The connection options of the settings (JIT off), so that the benchmark measures what the portal runs.
        config["OPTIONS"] = dict(settings.DATABASES["default"].get("OPTIONS", {}))
        server = {
            "host": config.get("HOST") or None,
            "port": config.get("PORT") or None,
            "user": config.get("USER") or None,
            "password": config.get("PASSWORD") or None,
            "dbname": "postgres",
            "autocommit": True,
        }
        database = sql.Identifier(config["NAME"])
        with psycopg.connect(**server) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(database))
        settings.DATABASES["default"] = config
        try:
            yield f"PostgreSQL, database {config['NAME']}"
        finally:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(**server) as admin:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(database))
    else:
        folder = tempfile.mkdtemp(prefix="batteryregion-bench-")
        settings.DATABASES["default"] = dj_database_url.parse(
            f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        )
        try:
            yield "SQLite, in a temporary file"
        finally:
            from django.db import connections

            connections.close_all()
            shutil.rmtree(folder, ignore_errors=True)


# Synthetic data ----------------------------------------------------------------------------------------------------


def add_synthetic_programmes(count: int, rng: random.Random) -> None:
    """Clone bundled programmes `count` times (see the module docstring), with bulk inserts."""
    from django.db import transaction

    from programmes.models import EntryRequirement, Offering, Programme
    from skills.models import Actor, Occupation, OccupationSkill, Site

    bundled = list(
        Programme.objects.prefetch_related(
            "entry_requirements", "languages", "segments", "occupations"
        ).order_by("slug")
    )
    sites: dict[int, list[Site]] = {}
    for site in Site.objects.filter(actor__kind=Actor.Kind.PROVIDER).order_by("slug"):
        sites.setdefault(site.actor_id, []).append(site)
    providers = sorted(sites)
    essential: dict[int, list[int]] = {}
    for occupation_id, skill_id in (
        OccupationSkill.objects.filter(relation=OccupationSkill.Relation.ESSENTIAL)
        .order_by("occupation_id", "skill_id")
        .values_list("occupation_id", "skill_id")
    ):
        essential.setdefault(occupation_id, []).append(skill_id)
    occupations = sorted(
        Occupation.objects.filter(pk__in=essential).values_list("pk", flat=True)
    )

    programmes, links = [], []
    for n in range(count):
        template = rng.choice(bundled)
        months = template.duration_months
        if months is not None:
            months = min(120, max(1, months + rng.choice([-6, -3, 0, 0, 3, 6])))
        provider = rng.choice(providers)
        programme = Programme(
            slug=f"{template.slug[:100]}-bench-{n}",
            provider_id=provider,
            state="published",  # drafts are never searched
            kind=template.kind,
            name_fi=f"{template.name_fi} ({n})",
            name_sv=f"{template.name_sv} ({n})",
            name_en=f"{template.name_en} ({n})",
            awarded_qualification_id=template.awarded_qualification_id,
            awarded_level_id=template.awarded_level_id,
            duration_months=months,
            places_per_year=rng.choice([None, 12, 20, 25, 30, 60]),
            source_url=template.source_url,
        )
        targets = rng.sample(occupations, k=rng.choice([1, 1, 2]))
        pool = sorted({skill for o in targets for skill in essential[o]})
        links.append(
            {
                "segments": [s.pk for s in template.segments.all()],
                "languages": [
                    language.pk for language in rng.choice(bundled).languages.all()
                ],
                "requirements": [
                    (r.qualification_type_id, r.min_level_id)
                    for r in rng.choice(bundled).entry_requirements.all()
                ],
                "skills": rng.sample(pool, k=min(len(pool), rng.randint(3, 10))),
                "occupations": [targets[0]] if rng.random() < 0.5 else [],
                "sites": rng.sample(
                    sites[provider], k=min(len(sites[provider]), rng.choice([1, 1, 2]))
                ),
            }
        )
        programmes.append(programme)

    through = {
        name: getattr(Programme, name).through
        for name in ["segments", "languages", "skills", "occupations"]
    }
    column = {
        "segments": "segment_id",
        "languages": "language_id",
        "skills": "skill_id",
        "occupations": "occupation_id",
    }
    with transaction.atomic():
        Programme.objects.bulk_create(programmes, batch_size=500)
        for name, model in through.items():
            model.objects.bulk_create(
                [
                    model(programme_id=p.pk, **{column[name]: pk})
                    for p, link in zip(programmes, links, strict=True)
                    for pk in link[name]
                ],
                batch_size=1000,
            )
        EntryRequirement.objects.bulk_create(
            [
                EntryRequirement(
                    programme_id=p.pk, qualification_type_id=q, min_level_id=level
                )
                for p, link in zip(programmes, links, strict=True)
                for q, level in link["requirements"]
            ],
            batch_size=1000,
        )
        Offering.objects.bulk_create(
            [
                Offering(
                    programme_id=p.pk,
                    site=site,
                    language_id=link["languages"][0] if link["languages"] else None,
                )
                for p, link in zip(programmes, links, strict=True)
                for site in link["sites"]
            ],
            batch_size=1000,
        )


def data_sizes() -> dict[str, int]:
    from programmes.models import EntryRequirement, Offering, Programme
    from skills.models import Actor, Occupation, OccupationSkill, QualificationType

    return {
        "programmes (published)": Programme.objects.published().count(),
        "entry requirements": EntryRequirement.objects.count(),
        "offerings": Offering.objects.count(),
        "programme–skill links": Programme.skills.through.objects.count(),
        "programme–occupation links": Programme.occupations.through.objects.count(),
        "providers": Actor.objects.filter(kind=Actor.Kind.PROVIDER).count(),
        "occupations": Occupation.objects.count(),
        "essential occupation–skill links": OccupationSkill.objects.filter(
            relation=OccupationSkill.Relation.ESSENTIAL
        ).count(),
        "starting points": QualificationType.objects.filter(
            is_starting_point=True
        ).count(),
    }


# The searches ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Search:
    """One benchmark search, and what kind it is (for the summary)."""

    target: str  # "occupation", "segment" or "any"
    with_preferences: bool
    query: PathwayQuery


def plan_searches(pairs: int, rng: random.Random) -> list[Search]:
    """`pairs` seeded searches: starting points × (occupation | segment | any), half of them with preferences."""
    from gaps.pathways.homes import load_homes
    from gaps.pathways.search import AGE_GROUPS, PathwayQuery
    from skills.models import (
        EducationField,
        Language,
        Occupation,
        QualificationType,
        Region,
        Segment,
    )

    starts = list(  # with their levels, as the search form reads them (gaps/pathways/forms.py)
        QualificationType.objects.filter(is_starting_point=True)
        .select_related("level")
        .order_by("code")
    )
    occupations = list(Occupation.objects.order_by("slug"))
    segments = list(Segment.objects.order_by("code"))
    regions = list(
        Region.objects.defer("boundary").filter(level__gte=2).order_by("code")
    )
    languages = list(Language.objects.values_list("code", flat=True).order_by("code"))
    nuts3 = {r.code: r for r in Region.objects.defer("boundary").filter(level=3)}
    homes = sorted(load_homes(nuts3).homes.values(), key=lambda home: home.code)
    fields = list(EducationField.objects.order_by("code"))

    searches = []
    for n in range(pairs):
        values: dict[str, object] = {"starting_point": rng.choice(starts)}
        target = rng.choices(["occupation", "segment", "any"], weights=[4, 4, 2])[0]
        if target == "occupation":
            values["occupation"] = rng.choice(occupations)
        elif target == "segment":
            values["segment"] = rng.choice(segments)
        # What the person tells about themselves (gaps/pathways/eligibility.py), each on its own coin.
        if homes and rng.random() < 0.7:
            values["home"] = rng.choice(homes)
        if rng.random() < 0.5:
            values["age"] = rng.choice(list(AGE_GROUPS))
        if rng.random() < 0.5:
            values["situations"] = frozenset(
                rng.sample(
                    ["job_seeker_fi", "job_seeker_se", "teacher"], k=rng.choice([0, 1])
                )
            )
        if fields and rng.random() < 0.5:
            values["field"] = rng.choice(fields)
        with_preferences = n % 2 == 1
        if with_preferences:
            # Each preference on its own coin, so that some searches combine several; at least one.
            preferences: dict[str, object] = {}
            if rng.random() < 0.5:
                preferences["countries"] = frozenset({rng.choice(["FI", "SE"])})
            if rng.random() < 0.3:
                preferences["regions"] = (rng.choice(regions),)
            if rng.random() < 0.5:
                preferences["languages"] = frozenset(
                    rng.sample(languages, k=rng.choice([1, 2]))
                )
            if rng.random() < 0.5:
                preferences["max_months"] = rng.choice([6, 12, 24, 36, 48, 60])
            if (
                "home" in values
                and values["home"].latitude is not None
                and rng.random() < 0.2
            ):
                preferences["mobility"] = "commute"
            values.update(preferences or {"max_months": 36})
        searches.append(Search(target, with_preferences, PathwayQuery(**values)))
    return searches


@dataclass
class Measured:
    search: Search
    seconds: float
    queries: int
    routes: int


def run_searches(searches: list[Search], budget: float) -> list[Measured]:
    """Time the searches in order until they are done or `budget` seconds have passed (the order is random, so the
    searches that ran are a fair sample of the kinds)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from batteryregion.page_cache import forget_version
    from gaps.pathways.search import find_pathways

    # Warm up: the first connection, imports, translation catalogues and the network (network.cached_network) are
    # not a search's cost; the first search's queries are printed apart.
    forget_version()
    reset_queries()  # loading the data filled DEBUG's query log, which would make the count below wrong
    with CaptureQueriesContext(connection) as first:
        find_pathways(searches[0].query)
    print(
        f"  The first search read {len(first)} queries (the data version and the network)."
    )
    measured: list[Measured] = []
    deadline = time.perf_counter() + budget
    for search in searches:
        if time.perf_counter() > deadline:
            break
        reset_queries()  # DEBUG keeps at most 9000 queries; a full log would count none
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = find_pathways(search.query)
            seconds = time.perf_counter() - started
        measured.append(Measured(search, seconds, len(queries), len(result.routes)))
    return measured


def time_network(repeat: int = 5) -> float:
    from gaps.pathways.search import load_network

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        load_network()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# Printing ----------------------------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value at or above `share` of the values."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def print_sizes(columns: dict[str, dict[str, int]]) -> None:
    names = list(next(iter(columns.values())))
    print(f"{'data':<36}" + "".join(f"{title:>12}" for title in columns))
    for name in names:
        print(
            f"{name:<36}" + "".join(f"{sizes[name]:>12}" for sizes in columns.values())
        )
    print()


def print_timings(
    title: str,
    measured: list[Measured],
    planned: int,
    budget: float,
    network_seconds: float,
) -> float:
    """Print the table for one scale; return the overall median in seconds."""
    groups = {
        "all searches": measured,
        "target occupation": [m for m in measured if m.search.target == "occupation"],
        "target segment": [m for m in measured if m.search.target == "segment"],
        "no target (every occupation)": [
            m for m in measured if m.search.target == "any"
        ],
        "without preferences": [m for m in measured if not m.search.with_preferences],
        "with preferences": [m for m in measured if m.search.with_preferences],
    }
    print(title)
    if len(measured) < planned:
        print(
            f"  Only {len(measured)} of the {planned} searches ran within the budget of {budget:g} s."
        )
    print(
        f"  {'searches':<30}{'n':>5}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}"
        f"{'queries min–max':>17}{'routes median':>15}"
    )
    for name, group in groups.items():
        if not group:
            continue
        seconds = [m.seconds for m in group]
        queries = [m.queries for m in group]
        print(
            f"  {name:<30}{len(group):>5}{statistics.median(seconds) * 1000:>11.1f}"
            f"{percentile(seconds, 0.95) * 1000:>9.1f}{max(seconds) * 1000:>9.1f}"
            f"{f'{min(queries)}–{max(queries)}':>17}{statistics.median(m.routes for m in group):>15g}"
        )
    print(f"  load_network() alone: median {network_seconds * 1000:.1f} ms")
    if len({m.queries for m in measured}) != 1:
        print(
            "  WARNING: the number of queries differs between searches; it must be fixed."
        )
    print()
    return statistics.median(m.seconds for m in measured)


# Main --------------------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale",
        type=int,
        default=10,
        help="programmes as a multiple of the bundled ones",
    )
    parser.add_argument("--pairs", type=int, default=200, help="searches per scale")
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of every random choice"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=300,
        help="seconds of searching per scale, after which the remaining searches are skipped",
    )
    args = parser.parse_args()
    if args.scale < 1 or args.pairs < 1:
        parser.error("--scale and --pairs must be at least 1")

    with throwaway_database() as where:
        django.setup()
        from django.core.management import call_command
        from django.utils import translation

        from batteryregion.bundled_data import load_bundled_data
        from gaps.pathways.network import forget_networks
        from programmes.models import Programme

        translation.activate("en")
        # The portal's settings keep the network between searches; the data version is read once per scale here
        # (not whenever a second has passed), so that a search's queries are exact.
        settings.PATHWAY_NETWORK_CACHE = True
        settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 3600
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        load_bundled_data()
        bundled = Programme.objects.count()
        print(f"Pathway search benchmark: {where}; seed {args.seed}.")
        print(
            f"Migrated and loaded the bundled data in {time.perf_counter() - started:.1f} s."
        )

        searches = plan_searches(args.pairs, random.Random(args.seed))
        sizes = {"scale 1": data_sizes()}
        results = {"scale 1": (run_searches(searches, args.budget), time_network())}
        if args.scale > 1:
            started = time.perf_counter()
            added = bundled * (args.scale - 1)
            add_synthetic_programmes(added, random.Random(args.seed))
            forget_networks()  # bulk inserts send no signal: the kept network is dropped here
            print(
                f"Added {added} synthetic programmes in {time.perf_counter() - started:.1f} s."
            )
            sizes[f"scale {args.scale}"] = data_sizes()
            results[f"scale {args.scale}"] = (
                run_searches(searches, args.budget),
                time_network(),
            )

        print()
        print_sizes(sizes)
        for title, (measured, network_seconds) in results.items():
            median = print_timings(
                f"{title}: find_pathways(), the network kept in memory",
                measured,
                len(searches),
                args.budget,
                network_seconds,
            )
            if median > SLOW_MEDIAN_SECONDS:
                print(
                    f"  SLOW: the median search at {title} takes {median:.1f} s, more than {SLOW_MEDIAN_SECONDS:g} s.\n"
                )


if __name__ == "__main__":
    main()
