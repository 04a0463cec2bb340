"""The printout of benchmarks/serving.py: a Markdown table per database and scale, with the lines that say what and
where it measured, ready to paste into a README."""

# ruff: noqa: T201 (a script's printout)

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass
from pathlib import Path

import django

from benchmarks.serving_addresses import TRIVIAL
from benchmarks.serving_server import WRK, Load, Request


@dataclass(frozen=True)
class InProcess:
    """Median ms, queries and sizes in bytes of one address through django.test.Client; or its status."""

    ms: float = 0.0
    queries: int = 0
    size: int = 0
    gzip_size: int = 0
    problem: str = ""


Results = dict[str, dict[str, Load | InProcess]]
"""Per mode ("inprocess", "cold", "warm"), per address path: what was measured."""


def machine() -> str:
    """Cores and CPU model of this machine."""
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    return f"{os.cpu_count()} cores, {model}"


def versions() -> str:
    """Python, Django, gunicorn, the database server and wrk (after django.setup())."""
    import gunicorn
    from django.db import connection

    if connection.vendor == "postgresql":
        database = f"PostgreSQL {connection.pg_version // 10000}"
    else:
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    wrk = subprocess.run([WRK, "-v"], capture_output=True, text=True)
    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, gunicorn {gunicorn.__version__}, "
        f"{database}, wrk {(wrk.stdout + wrk.stderr).split()[1]}"
    )


def load_cells(load: Load | None, trivial: Load | None) -> list[str]:
    """req/s, "p50 / p95" and the share of the trivial view's req/s, with what went wrong."""
    if load is None:
        return ["", "", ""]
    if not load.runs:
        return [load.problem, "", ""]
    rate = load.median("requests_per_second")
    notes = [f"{load.errors} errors"] if load.errors else []
    if load.cached is False:
        notes.append("not cached")
    if load.restarts:
        notes.append(f"{load.restarts} worker restarts")
    share = ""
    if trivial and trivial.runs:
        share = f"{100 * rate / trivial.median('requests_per_second'):.1f} %"
    return [
        f"{rate:.1f}" + (f" ({', '.join(notes)})" if notes else ""),
        f"{load.median('p50_ms'):.0f} / {load.median('p95_ms'):.0f}",
        share,
    ]


def in_process_cells(measured: InProcess | None) -> list[str]:
    """ms, queries and "KB (gzip KB)"."""
    if measured is None:
        return ["", "", ""]
    if measured.problem:
        return [measured.problem, "", ""]
    return [
        f"{measured.ms:.1f}",
        str(measured.queries),
        f"{measured.size / 1024:.1f} ({measured.gzip_size / 1024:.1f})",
    ]


def print_table(addresses: list[Request], results: Results) -> None:
    """One row per address, the columns of the modes that ran; padded, so that it reads as plain text too."""
    columns = ["address"]
    for mode in ("cold", "warm"):
        if mode in results:
            columns += [f"{mode} req/s", f"{mode} p50 / p95 ms", f"{mode} ÷ trivial"]
    if "inprocess" in results:
        columns += ["in-process ms", "queries", "KB (gzip KB)"]
    rows = []
    for address in addresses:
        row = [f"`{address.path}`"]
        for mode in ("cold", "warm"):
            if mode in results:
                row += load_cells(
                    results[mode].get(address.path), results[mode].get(TRIVIAL)
                )
        if "inprocess" in results:
            row += in_process_cells(results["inprocess"].get(address.path))
        rows.append(row)
    widths = [max(len(r[i]) for r in [columns, *rows]) for i in range(len(columns))]

    def line(cells: list[str]) -> str:
        padded = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    print(line(columns))
    rule = ("-" * (w - 1) + (":" if i else "-") for i, w in enumerate(widths))
    print("| " + " | ".join(rule) + " |")
    for row in rows:
        print(line(row))


def print_report(
    title: str, lines: list[str], addresses: list[Request], results: Results
) -> None:
    print(f"### {title}\n")
    for text in lines:
        print(f"- {text}")
    print()
    print_table(addresses, results)
    print()
