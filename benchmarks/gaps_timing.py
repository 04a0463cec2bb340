"""How benchmarks/gaps.py times a function or a page: runs within a time budget, the queries each made and the
slowest of them, a time limit per query (SQLite's progress handler, PostgreSQL's statement_timeout), and the table
it prints."""

# ruff: noqa: T201 (a script's helper: what it prints is the point)

from __future__ import annotations

import re
import statistics
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SLOW_SECONDS = 10.0
SQL_SHOWN = 700  # characters of a slow query's SQL that the printout shows


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
