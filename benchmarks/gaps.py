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
import logging
import os
import random
import signal
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "batteryregion.settings")
os.environ.setdefault("DEBUG", "true")  # the settings need a secret key otherwise

import django
from django.conf import settings

from benchmarks.gaps_data import add_synthetic_data, data_sizes
from benchmarks.gaps_timing import TIME_LIMIT, Row, measure, print_rows
from benchmarks.pathways import throwaway_database

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
