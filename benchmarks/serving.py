"""How many requests per second the portal serves, page type by page type and endpoint by endpoint, under gunicorn.

Run it from the project folder (it is a script, not a test):

    .venv/bin/python benchmarks/serving.py                            # SQLite and PostgreSQL, today's data
    .venv/bin/python benchmarks/serving.py --database sqlite --quick  # 3 s × 1 run: a quick look
    .venv/bin/python benchmarks/serving.py --ten-times --only inprocess
    .venv/bin/python benchmarks/serving.py --database postgres --postgres-url postgres://postgres@127.0.0.1:5432

For each database (--database sqlite, postgres or both, one after the other in a process of its own) it works in a
throwaway database, as benchmarks/pathways.py does (its throwaway_database()): an SQLite file in a temporary folder,
or a database batteryregion_bench_<process id> on the --postgres-url server, created and dropped again. It migrates
it, loads the bundled data, optionally adds benchmarks/gaps.py's synthetic programmes and needs (--programmes,
--needs; --ten-times adds nine times the bundled programmes and 50,000 needs), and collects the static files into a
temporary STATIC_ROOT (the production storage: hashed, compressed names).

It picks one address per public page type and every list endpoint of the API router, taking the largest object
where size matters (the programme with the most skills and offerings, the busiest actor, occupation, skill and gap
segment, the starting point with the most pathway routes), plus /trivial/ (benchmarks/serving_urls.py): an "ok"
through the whole middleware stack, the floor every address is compared with. Then, per --only mode:

* inprocess: django.test.Client in this process, page cache off: median ms of up to 20 requests after 3 warm-ups,
  SQL queries per request, size of the answer and of its gzip encoding;
* cold: gunicorn -c deploy/gunicorn.conf.py on a loopback port with PAGE_CACHE_SECONDS=0, DEBUG=false,
  CONN_MAX_AGE=60, 2 sync workers; each address warmed up, then --runs wrk runs of --duration seconds with
  --connections connections on --threads threads (median req/s, p50 and p95 latency);
* warm: the same with the page cache on (local memory in each worker, as in production without CACHE_URL), each
  address requested until every worker answers it from its cache.

Requests send what a browser behind the TLS proxy sends: X-Forwarded-Proto https, Accept-Encoding gzip,
Accept-Language en, and Accept: application/json for the API. An answer other than 200 is reported, not measured.
The server is stopped by its PID and the database and folders removed at the end, also after an error or Ctrl-C.
It prints, per database, a Markdown table (progress goes to stderr, so `> file.md` keeps the tables alone).
Helpers: serving_addresses.py (what is measured), serving_server.py (gunicorn and wrk), serving_report.py (tables).
"""

# ruff: noqa: T201 (a script: its printout is the point)

from __future__ import annotations

import argparse
import datetime
import gzip
import os
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.serving_settings"

import django  # noqa: E402 (after the settings module is chosen)
from django.conf import settings  # noqa: E402

from benchmarks.gaps_data import add_synthetic_data  # noqa: E402
from benchmarks.pathways import throwaway_database  # noqa: E402
from benchmarks.serving_addresses import choose_addresses  # noqa: E402
from benchmarks.serving_report import (  # noqa: E402
    InProcess,
    Results,
    machine,
    print_report,
    versions,
)
from benchmarks.serving_server import (  # noqa: E402
    WRK_SCRIPT,
    Load,
    Request,
    free_port,
    gunicorn,
    measure_load,
)

if TYPE_CHECKING:  # Django's modules load only after django.setup()
    from django.http.response import HttpResponseBase

MODES = ("inprocess", "cold", "warm")
WORKERS = 2
TEN_TIMES_NEEDS = 50_000
IN_PROCESS_REQUESTS, IN_PROCESS_WARM_UPS, IN_PROCESS_BUDGET_SECONDS = 20, 3, 15.0


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# The environment ---------------------------------------------------------------------------------------------------


def production_env(args: argparse.Namespace, workdir: Path) -> dict[str, str]:
    """The environment of deploy/production.env, on loopback: for this process's settings and for gunicorn's."""
    keep = {
        name: value
        for name, value in os.environ.items()
        if name in {"PATH", "HOME", "LANG"}
    }
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "benchmarks.serving_settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": "https://127.0.0.1",
        "CONN_MAX_AGE": "60",
        "CACHE_URL": "",  # the page cache in each worker's memory
        "PAGE_CACHE_SECONDS": "0",  # in this process; gunicorn's warm server gets the default
        "STATIC_ROOT": str(workdir / "static"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "DATABASE_URL": args.postgres_url if args.database == "postgres" else "",
    }


def database_url() -> str:
    """The throwaway database as a URL for gunicorn's DATABASE_URL."""
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit((parts.scheme, parts.netloc, f"/{database['NAME']}", "", ""))


# Data --------------------------------------------------------------------------------------------------------------


def prepare_data(args: argparse.Namespace) -> dict[str, int]:
    """Migrate, load the bundled data, add the synthetic data asked for; return the sizes of the header."""
    from django.core.management import call_command

    from batteryregion.bundled_data import load_bundled_data
    from programmes.models import Programme
    from skills.models import Actor, CompetenceNeed, Occupation, Skill

    call_command("migrate", verbosity=0)
    load_bundled_data()
    if args.ten_times:
        args.programmes, args.needs = 9 * Programme.objects.count(), TEN_TIMES_NEEDS
    if args.programmes or args.needs:
        started = time.perf_counter()
        sizes = argparse.Namespace(
            programmes=args.programmes,
            needs=args.needs,
            providers=40 if args.programmes else 0,
            employers=300 if args.needs else 0,
        )
        add_synthetic_data(sizes, random.Random(args.seed))
        log(f"Added the synthetic data in {time.perf_counter() - started:.0f} s.")
    return {
        "programmes": Programme.objects.count(),
        "published programmes": Programme.objects.published().count(),
        "competence needs": CompetenceNeed.objects.count(),
        "public needs": CompetenceNeed.objects.filter(
            visibility=CompetenceNeed.Visibility.PUBLIC
        ).count(),
        "actors": Actor.objects.count(),
        "occupations": Occupation.objects.count(),
        "skills": Skill.objects.count(),
    }


# In-process --------------------------------------------------------------------------------------------------------


def measure_in_process(request: Request) -> InProcess:
    """Up to 20 timed requests after 3 warm-ups (fewer past 15 s, at least 3); then one more counts the queries."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers=request.headers)

    def get() -> tuple[HttpResponseBase, bytes]:
        client.cookies.clear()  # like wrk, which keeps no cookies
        response = client.get(request.path)
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        return response, body

    for _ in range(IN_PROCESS_WARM_UPS):
        response, body = get()
    if response.status_code != 200:
        return InProcess(problem=f"status {response.status_code}")
    seconds: list[float] = []
    while len(seconds) < IN_PROCESS_REQUESTS and (
        len(seconds) < 3 or sum(seconds) < IN_PROCESS_BUDGET_SECONDS
    ):
        started = time.perf_counter()
        get()
        seconds.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        response, body = get()
    raw = gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body
    return InProcess(
        statistics.median(seconds) * 1000, len(queries), len(raw), len(body)
    )


def print_results(
    args: argparse.Namespace,
    where: str,
    sizes: dict[str, int],
    addresses: list[Request],
    results: Results,
) -> None:
    """The table of one database and scale, under the lines that say what was measured where."""
    scale = (
        f"+{args.programmes:,} programmes, +{args.needs:,} needs"
        if args.programmes or args.needs
        else "today's data"
    )
    served = [mode for mode in ("cold", "warm") if mode in results]
    recycling = (
        "max_requests as configured"
        if args.max_requests is None
        else f"--max-requests={args.max_requests}"
    )
    lines = [
        f"{datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {machine()}; {versions()}",
        f"Data: {', '.join(f'{count:,} {name}' for name, count in sizes.items())}",
    ]
    if served:
        lines += [
            f"Server: gunicorn -c deploy/gunicorn.conf.py, {WORKERS} sync workers, {recycling}, DEBUG false, "
            "CONN_MAX_AGE 60, collected static files; cold: PAGE_CACHE_SECONDS=0; warm: the page cache in each "
            "worker's memory",
            f"Load: wrk -t{args.threads} -c{args.connections} -d{args.duration}s, median of {args.runs} "
            f"run{'s' if args.runs > 1 else ''}; req/s also as a share of /trivial/'s in the same mode",
        ]
    if "inprocess" in results:
        lines.append(
            f"In-process: django.test.Client, DEBUG false, page cache off, median of up to {IN_PROCESS_REQUESTS} "
            f"requests after {IN_PROCESS_WARM_UPS} warm-ups; SQL queries of one request"
        )
    print_report(f"{where.split(',')[0]}, {scale}", lines, addresses, results)


# Main --------------------------------------------------------------------------------------------------------------


def measure_in_process_all(addresses: list[Request]) -> dict[str, InProcess]:
    """Each address through django.test.Client, one after the other, with a line of progress each."""
    measured = {}
    for address in addresses:
        measured[address.path] = row = measure_in_process(address)
        log(f"  in-process {address.path}: {row.problem or f'{row.ms:.1f} ms'}")
    return measured


def measure_served(
    args: argparse.Namespace,
    env: dict[str, str],
    workdir: Path,
    addresses: list[Request],
    mode: str,
) -> dict[str, Load]:
    """Start gunicorn for the mode ("cold": page cache off, "warm": on), load every address, stop it."""
    server_env = {**env, "DATABASE_URL": database_url()}
    if mode == "warm":
        del server_env["PAGE_CACHE_SECONDS"]  # the settings' default
    options = (
        [] if args.max_requests is None else [f"--max-requests={args.max_requests}"]
    )
    script = workdir / "report.lua"
    script.write_text(WRK_SCRIPT)
    load = {
        name: getattr(args, name)
        for name in ("threads", "connections", "duration", "runs")
    }
    measured = {}
    port = args.port or free_port()
    with gunicorn(server_env, port, WORKERS, workdir, mode, options) as server:
        for address in addresses:
            measured[address.path] = row = measure_load(
                server, address, script, load, cached=mode == "warm"
            )
            rate = row.problem or f"{row.median('requests_per_second'):.1f} req/s"
            log(f"  {mode} {address.path}: {rate}")
            if row.problem.startswith("status 5"):
                log(server.last_error())
    return measured


def measure_database(args: argparse.Namespace) -> None:
    """Everything for one database, in this process (django.setup() binds it to one database)."""
    workdir = Path(tempfile.mkdtemp(prefix="batteryregion-serving-"))
    try:
        env = production_env(args, workdir)
        os.environ.update(env)  # before the settings load, in throwaway_database()
        with throwaway_database() as where:
            settings.DATABASES["default"]["CONN_MAX_AGE"] = 60
            django.setup()
            from django.core.management import call_command

            # django.test.Client's host name, for the in-process requests.
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
            started = time.perf_counter()
            sizes = prepare_data(args)
            call_command("collectstatic", interactive=False, verbosity=0)
            addresses = choose_addresses(args.pages)
            log(
                f"{where}: data ready in {time.perf_counter() - started:.0f} s; {len(addresses)} addresses."
            )
            served = [mode for mode in ("cold", "warm") if mode in args.only]
            if served:
                minutes = len(addresses) * len(served) * args.runs * args.duration / 60
                log(
                    f"About {minutes:.0f} min of load ({len(addresses)} addresses × {len(served)} modes × "
                    f"{args.runs} runs × {args.duration} s), plus warm-ups and pauses between runs."
                )
            results: Results = {}
            if "inprocess" in args.only:
                results["inprocess"] = measure_in_process_all(addresses)
            for mode in served:
                results[mode] = measure_served(args, env, workdir, addresses, mode)
            print_results(args, where, sizes, addresses, results)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", choices=["sqlite", "postgres", "both"], default="both"
    )
    parser.add_argument(
        "--postgres-url",
        default="postgres://postgres@127.0.0.1:5432",
        help="the PostgreSQL server (its user needs CREATEDB)",
    )
    parser.add_argument(
        "--programmes",
        type=int,
        default=0,
        help="synthetic programmes to add (default 0)",
    )
    parser.add_argument(
        "--needs",
        type=int,
        default=0,
        help="synthetic competence needs to add (default 0)",
    )
    parser.add_argument(
        "--ten-times",
        action="store_true",
        help=f"nine times the bundled programmes and {TEN_TIMES_NEEDS:,} needs (overrides the two above)",
    )
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of the synthetic data"
    )
    parser.add_argument(
        "--duration", type=int, default=15, help="seconds per wrk run (default 15)"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="wrk runs per address and mode; the median (default 3)",
    )
    parser.add_argument(
        "--connections", type=int, default=20, help="wrk connections (default 20)"
    )
    parser.add_argument(
        "--threads", type=int, default=2, help="wrk threads (default 2)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="--duration 3 --runs 1, for a quick look"
    )
    parser.add_argument(
        "--only",
        action="append",
        help="measure only these modes: cold, warm, inprocess (repeatable or comma-separated; default all)",
    )
    parser.add_argument(
        "--pages",
        action="append",
        default=[],
        help="only the addresses containing this text (repeatable; /trivial/ is always measured)",
    )
    parser.add_argument(
        "--max-requests",
        type=int,
        help="gunicorn's max_requests (default: deploy/gunicorn.conf.py's; 0 never recycles a worker)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=0,
        help="gunicorn's loopback port (default: a free one)",
    )
    args = parser.parse_args()
    args.only = {
        mode.strip()
        for item in args.only or MODES
        for mode in item.split(",")
        if mode.strip()
    }
    if not args.only <= set(MODES):
        parser.error(f"--only takes {', '.join(MODES)}")
    if args.quick:
        args.duration, args.runs = 3, 1
    if (
        min(args.duration, args.runs, args.connections, args.threads) < 1
        or args.threads > args.connections
    ):
        parser.error(
            "--duration, --runs, --connections and --threads must be at least 1, threads ≤ connections"
        )
    if args.programmes < 0 or args.needs < 0:
        parser.error("--programmes and --needs cannot be negative")
    return args


def measure_each_database() -> int:
    """SQLite, then PostgreSQL, each in a child process (Django binds a process to the database it was set up
    with). Ctrl-C reaches the child too and a SIGTERM is passed on: the parent waits while it cleans up."""
    for database in ("sqlite", "postgres"):
        child = subprocess.Popen(
            [sys.executable, __file__, *sys.argv[1:], "--database", database]
        )
        signal.signal(
            signal.SIGTERM, lambda signum, _frame, c=child: c.send_signal(signum)
        )
        try:
            code = child.wait()
        except KeyboardInterrupt:
            child.wait()
            return 130
        if code:
            return code
    return 0


def main() -> int:
    args = parse_args()
    if args.database == "both":
        return measure_each_database()
    # A plain `kill` ends the run like Ctrl-C: the server is stopped and the database removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        measure_database(args)
    except KeyboardInterrupt:
        log("Interrupted; the server is stopped and the database removed.")
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
