"""How long the admin import of a large programmes file takes, how much memory it needs and how many queries it makes.

Run it from the project folder (it is a script, not a test):

    .venv/bin/python benchmarks/imports.py [--rows 20000] [--seed 1] [--format csv|xlsx] [--only STEPS] [--json]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/batteryregion .venv/bin/python benchmarks/imports.py
    .venv/bin/python benchmarks/imports.py --rows 2000 --no-tracemalloc  # a smoke check (about 5 minutes)

It never touches the project's own database: like benchmarks/pathways.py (whose throwaway_database() it uses) it works
in an SQLite file in a temporary folder or, when DATABASE_URL is set, in a database batteryregion_bench_<process id>
on that PostgreSQL server, which it creates and drops again. It migrates that database and loads the bundled data,
then builds a seeded programmes file of --rows new programmes in the import layout (benchmarks/imports_data.py) and
imports it as a superuser with batteryregion.imports.running.run_import(), the function the admin's background task
runs, in these steps:

1. new-preview: the preview of the file, every row new (everything rolled back);
2. new-confirm: the same file confirmed: --rows programmes created, with their links, entry requirements and history;
3. same-preview: the preview of the same file again: every row unchanged;
4. changed-preview: the preview of a file in which --changed (default 10 %) of the rows change one to three cells;
5. changed-confirm: that file confirmed.

--only runs some of them (names or "preview" / "confirm", comma-separated); a later step that needs the programmes
imported runs new-confirm first without reporting it. For each step it gives the wall time, rows per second, the
peak of Python's memory during the step (tracemalloc), the process's largest resident set so far (getrusage), the
number of SQL statements (counted by a wrapper that keeps none of them) and the step's counts of created, changed,
unchanged and refused rows. tracemalloc slows Python down; --no-tracemalloc times the steps without it (memory then
only as the resident set). --profile N prints the N functions of each step with the most cumulative time
(cProfile). It prints the versions, the database and the file's size, then a table (--json: the figures as JSON).
The database is removed at the end, also after an error, Ctrl-C or a plain kill.
"""

# ruff: noqa: T201 (a script: its printout is the point)

from __future__ import annotations

import argparse
import cProfile
import datetime
import gc
import io
import json
import os
import platform
import pstats
import random
import resource
import signal
import sys
import time
import tracemalloc
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "batteryregion.settings")
os.environ.setdefault("DEBUG", "true")  # the settings need a secret key otherwise

import django
from django.conf import settings

from benchmarks.imports_data import change_rows, file_content, programme_rows
from benchmarks.pathways import throwaway_database

STEPS = [
    "new-preview",
    "new-confirm",
    "same-preview",
    "changed-preview",
    "changed-confirm",
]
GROUPS = {
    "preview": [step for step in STEPS if step.endswith("preview")],
    "confirm": [step for step in STEPS if step.endswith("confirm")],
    "all": STEPS,
}
MB = 1024 * 1024


@dataclass
class Step:
    name: str
    file: str  # which file: "new" or "changed"
    confirm: bool
    seconds: float = 0.0
    rows_per_second: float = 0.0
    python_peak_mb: float | None = None
    max_rss_mb: float = 0.0
    queries: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    # How many changed rows changed each column: in same-preview every one would be a row that does not import again
    # unchanged.
    changed_columns: dict[str, int] = field(default_factory=dict)
    refusals: dict[str, int] = field(default_factory=dict)


class QueryCounter:
    """A database execute wrapper that counts statements (executemany counts once) and keeps none of them."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(
        self, execute: Any, sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def max_rss_mb() -> float:
    """The process's largest resident set so far (Linux gives kilobytes, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MB if sys.platform == "darwin" else peak / 1024


def run_step(
    step: Step, files: dict[str, tuple[str, bytes]], user: Any, args: argparse.Namespace
) -> Step:
    """Import one file as the step says, measured; print the profile when asked."""
    from django.db import connection

    from batteryregion.imports.running import run_import

    name, content = files[step.file]
    counter = QueryCounter()
    shown = {"tenth": -1}

    def progress(done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth > shown["tenth"]:
            shown["tenth"] = tenth
            print(f"  {step.name}: {done}/{total} rows, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)  # fmt: skip

    gc.collect()
    trace = not args.no_tracemalloc
    if trace:
        tracemalloc.start()
    profiler = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        if profiler:
            profiler.enable()
        summary = run_import(
            file_name=name,
            content=content,
            kind="",
            user=user,
            language="en",
            confirm=step.confirm,
            progress=progress,
        )
        if profiler:
            profiler.disable()
    step.seconds = time.perf_counter() - started
    if trace:
        step.python_peak_mb = tracemalloc.get_traced_memory()[1] / MB
        tracemalloc.stop()
    step.max_rss_mb = max_rss_mb()
    step.queries = counter.count
    step.counts = summary.counts.get("programmes", {})
    step.changed_columns = dict(
        Counter(
            column
            for outcome in summary.changed
            for column, _old, _new in outcome.changes
        ).most_common()
    )
    step.refusals = dict(
        Counter(
            f"{refusal.column}: {refusal.reason}" for refusal in summary.refused
        ).most_common()
    )
    if args.examples:
        for outcome in summary.changed[: args.examples]:
            print(
                f"  {step.name}, row {outcome.row} changed: {outcome.changes}",
                file=sys.stderr,
            )
    step.rows_per_second = args.rows / step.seconds if step.seconds else 0.0
    if profiler:
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(
            args.profile
        )
        print(
            f"\nProfile of {step.name} (cumulative):\n{text.getvalue()}",
            file=sys.stderr,
        )
    return step


def environment(args: argparse.Namespace, where: str, sizes: dict[str, int], changed_rows: int) -> dict[str, Any]:  # fmt: skip
    from django.db import connection
    from import_export import __version__ as import_export_version

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        database = f"SQLite {connection.Database.sqlite_version}"
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": database,
        "where": where,
        "python": platform.python_version(),
        "django": django.get_version(),
        "django_import_export": import_export_version,
        "cpu": f"{os.cpu_count()} × {cpu}" if cpu else str(os.cpu_count()),
        "rows": args.rows,
        "changed_rows": changed_rows,
        "format": args.format,
        "seed": args.seed,
        "file_bytes": sizes,
        "tracemalloc": not args.no_tracemalloc,
    }


def print_table(facts: dict[str, Any], steps: list[Step]) -> None:
    sizes = ", ".join(
        f"{name} {size / MB:.1f} MB" if size >= MB else f"{name} {size / 1024:.0f} KB"
        for name, size in facts["file_bytes"].items()
    )
    print()
    print(f"Import benchmark, {facts['date']}: {facts['database']} ({facts['where']})")
    print(
        f"Python {facts['python']}, Django {facts['django']}, django-import-export "
        f"{facts['django_import_export']}; CPU {facts['cpu']}"
    )
    print(
        f"{facts['rows']:,} programme rows ({facts['changed_rows']:,} changed in the second file), "
        f"{facts['format']}: {sizes}; seed {facts['seed']}"
        + ("" if facts["tracemalloc"] else "; timed without tracemalloc")
    )
    print()
    header = f"{'step':<17}{'seconds':>9}{'rows/s':>9}{'Python peak MB':>16}{'max RSS MB':>12}{'queries':>10}{'queries/row':>13}  created / changed / unchanged / refused"  # fmt: skip
    print(header)
    print("-" * len(header))
    for step in steps:
        peak = "–" if step.python_peak_mb is None else f"{step.python_peak_mb:.0f}"
        counts = " / ".join(str(step.counts.get(key, 0)) for key in ("created", "changed", "unchanged", "refused"))  # fmt: skip
        print(
            f"{step.name:<17}{step.seconds:>9.1f}{step.rows_per_second:>9.0f}{peak:>16}{step.max_rss_mb:>12.0f}"
            f"{step.queries:>10,}{step.queries / facts['rows']:>13.1f}  {counts}"
        )
    print()
    for step in steps:
        if step.changed_columns:
            columns = ", ".join(
                f"{column} {count}" for column, count in step.changed_columns.items()
            )
            print(f"{step.name}: changed columns (rows): {columns}")
        for reason, count in step.refusals.items():
            print(f"{step.name}: refused {count} × {reason}")


def chosen_steps(only: str, parser: argparse.ArgumentParser) -> list[str]:
    wanted: set[str] = set()
    for name in (part.strip() for part in only.split(",") if part.strip()):
        if name in GROUPS:
            wanted.update(GROUPS[name])
        elif name in STEPS:
            wanted.add(name)
        else:
            parser.error(f"--only takes {', '.join([*GROUPS, *STEPS])}, not {name!r}")
    return [step for step in STEPS if step in wanted]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rows",
        type=int,
        default=20_000,
        help="programme rows in the file (default 20,000)",
    )
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of every random choice"
    )
    parser.add_argument(
        "--format",
        choices=["csv", "xlsx"],
        default="csv",
        help="the file's format (default csv)",
    )
    parser.add_argument(
        "--changed",
        type=float,
        default=0.1,
        help="share of the rows changed in the second file (default 0.1)",
    )
    parser.add_argument(
        "--only",
        default="all",
        help=f"steps to measure, comma-separated: {', '.join(STEPS)}, or preview, confirm, all (default all)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the figures as JSON instead of a table",
    )
    parser.add_argument(
        "--no-tracemalloc",
        action="store_true",
        help="time the steps without tracing Python's memory",
    )
    parser.add_argument(
        "--examples",
        type=int,
        default=0,
        metavar="N",
        help="print the changes of each step's first N changed rows",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="print each step's N slowest functions (cProfile)",
    )
    args = parser.parse_args()
    if args.rows < 1 or not 0 <= args.changed <= 1:
        parser.error("--rows must be at least 1 and --changed between 0 and 1")
    steps = chosen_steps(args.only, parser)

    # A plain `kill` ends the run like Ctrl-C, so that the throwaway database is still removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    with throwaway_database() as where:
        django.setup()
        # As in production: DEBUG would also keep the last 9,000 statements in memory.
        settings.DEBUG = False
        from django.contrib.auth.models import User
        from django.core.management import call_command
        from django.db import connection
        from django.utils import translation

        from batteryregion.bundled_data import load_bundled_data

        translation.activate("en")
        print(
            f"Import benchmark: {where}; {args.rows:,} rows, seed {args.seed}.",
            file=sys.stderr,
            flush=True,
        )
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        load_bundled_data()
        print(f"Migrated and loaded the bundled data in {time.perf_counter() - started:.1f} s.", file=sys.stderr)  # fmt: skip
        user = User.objects.create_superuser("bench", "bench@example.org", "bench")

        started = time.perf_counter()
        rng = random.Random(args.seed)
        columns, rows = programme_rows(args.rows, rng)
        changed, changed_rows = change_rows(columns, rows, args.changed, rng)
        files = {
            "new": (
                f"programmes.{args.format}",
                file_content(columns, rows, args.format),
            ),
            "changed": (
                f"programmes-changed.{args.format}",
                file_content(columns, changed, args.format),
            ),
        }
        del rows, changed
        sizes = {name: len(content) for name, (_, content) in files.items()}
        print(
            f"Built the files in {time.perf_counter() - started:.1f} s.",
            file=sys.stderr,
            flush=True,
        )

        measured: list[Step] = []
        # The later steps need the programmes: new-confirm runs unreported when it is not chosen.
        needs_programmes = any(name in steps for name in STEPS[2:])
        for name in STEPS:
            step = Step(
                name,
                "changed" if name.startswith("changed") else "new",
                name.endswith("confirm"),
            )
            if name in steps:
                measured.append(run_step(step, files, user, args))
            elif name == "new-confirm" and needs_programmes:
                print("  new-confirm (not measured) …", file=sys.stderr, flush=True)
                quiet = argparse.Namespace(
                    **{**vars(args), "profile": 0, "examples": 0}
                )
                run_step(step, files, user, quiet)
            else:
                continue
            if step.confirm and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    # As autovacuum would soon after a large import.
                    cursor.execute("ANALYZE")
        facts = environment(args, where, sizes, changed_rows)
        if args.json:
            print(
                json.dumps(
                    {**facts, "steps": [asdict(step) for step in measured]}, indent=2
                )
            )
        else:
            print_table(facts, measured)


if __name__ == "__main__":
    main()
