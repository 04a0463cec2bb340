"""The HTTP side of benchmarks/serving.py: gunicorn started and stopped by its PID, warm-ups, and wrk runs.

Nothing here imports Django: the server is a separate process with its own environment, and it is measured only
through HTTP on a loopback port.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
WRK = "/usr/bin/wrk"
# A request that takes longer is counted as a timeout by wrk. Long enough for the slowest page under 20 connections.
WRK_TIMEOUT_SECONDS = 60
# Warm: an address is warm once this many rounds in a row were all answered from the page cache of a worker.
WARM_ROUNDS = 3
MAX_WARM_UP_ROUNDS = 15
DRAIN_ATTEMPTS = 10
RESTART_LINE = "Autorestarting worker"

# done() runs once at the end with the summary of all threads; it prints one line that wrk() parses. Latencies in µs.
WRK_SCRIPT = """\
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d microseconds=%d p50=%d p95=%d status=%d timeout=%d socket=%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    errors.status, errors.timeout, errors.connect + errors.read + errors.write))
end
"""
RESULT = re.compile(r"RESULT (.*)")


@dataclass(frozen=True)
class Request:
    """An address and the headers every request to it sends, from the warm-up, wrk and the in-process client."""

    path: str
    headers: dict[str, str]


@dataclass(frozen=True)
class Run:
    """One wrk run: requests per second, latency percentiles in ms, and answers that were not a success."""

    requests_per_second: float
    p50_ms: float
    p95_ms: float
    errors: int  # status 4xx/5xx, timeouts and socket errors
    restarts: int  # gunicorn workers recycled during the run (max_requests)


@dataclass(frozen=True)
class Load:
    """The median of the runs of one address in one mode, or why it was not measured."""

    runs: list[Run]
    problem: str = ""
    # Warm mode: whether the page cache answered during the warm-up.
    cached: bool | None = None

    def median(self, name: str) -> float:
        return statistics.median(getattr(run, name) for run in self.runs)

    @property
    def errors(self) -> int:
        return sum(run.errors for run in self.runs)

    @property
    def restarts(self) -> int:
        return sum(run.restarts for run in self.runs)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer of its own (wrk would measure it), not a way to another address."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A running gunicorn: its address, log files and number of workers."""

    def __init__(self, port: int, workers: int, workdir: Path, label: str) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.workers = workers
        self.access_log = workdir / f"access-{label}.log"
        self.error_log = workdir / f"error-{label}.log"

    def restarts(self) -> int:
        """How many times a worker has been recycled so far (gunicorn's max_requests)."""
        if not self.error_log.exists():
            return 0
        return self.error_log.read_text(errors="replace").count(RESTART_LINE)

    def last_error(self, lines: int = 25) -> str:
        """The end of gunicorn's error log: the traceback of a 500."""
        if not self.error_log.exists():
            return ""
        return "\n".join(
            self.error_log.read_text(errors="replace").splitlines()[-lines:]
        )

    def get(self, request: Request) -> tuple[int, str]:
        """GET with the address's headers; the status and the X-Cache header ("hit", "miss" or "")."""
        http = urllib.request.Request(self.base + request.path, headers=request.headers)
        try:
            with OPENER.open(http, timeout=WRK_TIMEOUT_SECONDS) as response:
                response.read()
                return response.status, response.headers.get("X-Cache", "")
        except urllib.error.HTTPError as error:
            error.read()
            return error.code, error.headers.get("X-Cache", "")

    def concurrently(self, request: Request, count: int) -> list[tuple[int, str]]:
        with ThreadPoolExecutor(max_workers=count) as pool:
            return list(pool.map(lambda _n: self.get(request), range(count)))

    def drain(self) -> None:
        """Wait until the workers have answered what wrk left queued when it stopped (gunicorn still serves the
        requests of connections that wrk closed): one request per worker, queued behind them, asked again while
        they time out."""
        for _attempt in range(DRAIN_ATTEMPTS):
            try:
                self.concurrently(Request("/healthz", {}), self.workers)
                return
            except OSError:  # a socket timeout: still busy
                continue


@contextmanager
def gunicorn(
    env: dict[str, str],
    port: int,
    workers: int,
    workdir: Path,
    label: str,
    options: list[str],
) -> Iterator[Server]:
    """gunicorn -c deploy/gunicorn.conf.py on a loopback port, with `options` (command-line options override the
    file) and its logs in files; stopped by its PID at the end, also after an error or Ctrl-C (it runs in a session
    of its own, so Ctrl-C reaches this script only)."""
    server = Server(port, workers, workdir, label)
    command = [
        GUNICORN,
        "-c",
        "deploy/gunicorn.conf.py",
        "--access-logfile",
        str(server.access_log),
        "--error-logfile",
        str(server.error_log),
        *options,
    ]
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
    }
    process = subprocess.Popen(
        command, cwd=ROOT, env=server_env, start_new_session=True
    )
    try:
        wait_until_ready(server, process)
        yield server
    finally:
        stop(process)


def wait_until_ready(
    server: Server, process: subprocess.Popen, seconds: int = 60
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            if server.get(Request("/healthz", {}))[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    log = (
        server.error_log.read_text(errors="replace")
        if server.error_log.exists()
        else ""
    )
    raise RuntimeError(
        f"gunicorn did not answer /healthz within {seconds} s:\n{log[-3000:]}"
    )


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the master by its PID (it stops its workers), SIGKILL if it has not exited after 40 s."""
    if process.poll() is not None:
        return
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()


def warm_up(server: Server, request: Request, cached: bool) -> tuple[str, bool | None]:
    """Request the address until every worker has answered it: a problem ("status 404") or "", and in the warm mode
    whether the page cache answered.

    Rounds of two requests per worker at once, so that all workers take some. Cold: two rounds. Warm: until
    WARM_ROUNDS rounds in a row were all cache hits (a worker that had not stored the page yet would answer a miss),
    at most MAX_WARM_UP_ROUNDS rounds.
    """
    hits_in_a_row = 0
    for _round in range(MAX_WARM_UP_ROUNDS if cached else 2):
        answers = server.concurrently(request, 2 * server.workers)
        statuses = sorted({status for status, _cache in answers if status != 200})
        if statuses:
            return f"status {', '.join(map(str, statuses))}", None
        if cached:
            hits_in_a_row = (
                hits_in_a_row + 1 if all(c == "hit" for _s, c in answers) else 0
            )
            if hits_in_a_row == WARM_ROUNDS:
                return "", True
    return "", False if cached else None


def wrk(
    server: Server, request: Request, script: Path, settings: dict[str, int]
) -> Run:
    """One wrk run against the address; the server is drained afterwards, so that the next run starts idle."""
    headers = [
        item
        for name, value in request.headers.items()
        for item in ("-H", f"{name}: {value}")
    ]
    command = [
        WRK,
        f"-t{settings['threads']}",
        f"-c{settings['connections']}",
        f"-d{settings['duration']}s",
        f"--timeout={WRK_TIMEOUT_SECONDS}s",
        "--latency",
        "-s",
        str(script),
        *headers,
        server.base + request.path,
    ]
    restarts = server.restarts()
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    server.drain()
    match = RESULT.search(output)
    if match is None:
        raise RuntimeError(f"wrk printed no result:\n{output}")
    values = {
        name: int(value)
        for name, value in (item.split("=") for item in match.group(1).split())
    }
    return Run(
        requests_per_second=values["requests"] / (values["microseconds"] / 1e6),
        p50_ms=values["p50"] / 1000,
        p95_ms=values["p95"] / 1000,
        errors=values["status"] + values["timeout"] + values["socket"],
        restarts=server.restarts() - restarts,
    )


def measure_load(
    server: Server,
    request: Request,
    script: Path,
    settings: dict[str, int],
    cached: bool,
) -> Load:
    """Warm the address up, then `runs` wrk runs; nothing is measured when the warm-up saw another status than 200."""
    problem, was_cached = warm_up(server, request, cached)
    if problem:
        return Load([], problem)
    return Load(
        [wrk(server, request, script, settings) for _ in range(settings["runs"])],
        cached=was_cached,
    )
