"""Production smoke test: the README's Production steps on a fresh database, then real requests to gunicorn.

    .venv/bin/python deploy/smoke_test.py                     # SQLite, collectstatic before migrate
    .venv/bin/python deploy/smoke_test.py --postgres postgres://postgres@127.0.0.1:5432
                                                              # PostgreSQL, migrate first; database down;
                                                              # backup and restore with pg_dump/pg_restore

It runs with DEBUG=false, the real static storage (hashed, compressed files) and gunicorn with
deploy/gunicorn.conf.py on a loopback port, as the README's Production section says; databases and folders it makes
are its own and removed at the end. It exits non-zero on the first failed check and prints what it saw.
"""

# ruff: noqa: T201 (a script: its printout is the report)

import argparse
import gzip
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
SECURITY_HEADERS = {
    "Content-Security-Policy": "script-src 'self'",
    "Permissions-Policy": "camera=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=",
}
# A port on this machine where no database listens: the "database down" case.
UNREACHABLE_DATABASE = "postgres://postgres@127.0.0.1:9/batteryregion"


class SmokeTestFailure(AssertionError):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeTestFailure(message)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes = field(repr=False)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def fetch(base: str, path: str, headers: dict[str, str] | None = None) -> Answer:
    """GET as a browser behind the TLS proxy would: X-Forwarded-Proto https, gzip accepted; the body decompressed."""
    request = urllib.request.Request(
        base + path,
        headers={
            "X-Forwarded-Proto": "https",
            "Accept-Encoding": "gzip",
            "Accept-Language": "en",
            **(headers or {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, raw_headers, body = (
                response.status,
                response.headers,
                response.read(),
            )
    except urllib.error.HTTPError as error:
        status, raw_headers, body = error.code, error.headers, error.read()
    answer_headers = {name.lower(): value for name, value in raw_headers.items()}
    if answer_headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return Answer(status, answer_headers, body)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Steps:
    """Runs and times the steps; prints one line each."""

    def __init__(self) -> None:
        self.started = time.monotonic()

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        began = time.monotonic()
        print(f"-- {name}", flush=True)
        yield
        print(f"   ok in {time.monotonic() - began:.1f} s", flush=True)


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


@contextmanager
def gunicorn(env: dict[str, str], log: IO[bytes] | None = None) -> Iterator[str]:
    """gunicorn as the README starts it, on a free loopback port; stopped by its PID (SIGTERM) at the end. Its
    output goes to `log` when given (else to ours)."""
    port = free_port()
    server_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2"}
    process = subprocess.Popen(
        [GUNICORN, "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=server_env,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            check(process.poll() is None, f"gunicorn exited with {process.returncode}")
            try:
                if fetch(base, "/healthz").status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise SmokeTestFailure("gunicorn did not answer /healthz within 20 s")
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def production_env(database_url: str, static_root: Path) -> dict[str, str]:
    """The environment of the README's Production section (no DEBUG, a real secret key, HTTPS behind a proxy)."""
    keep = {
        name: value
        for name, value in os.environ.items()
        if name in {"PATH", "HOME", "LANG", "CACHE_URL"}
    }
    return {
        **keep,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": "https://127.0.0.1",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(static_root),
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def check_page(base: str, path: str, kind: str = "html") -> Answer:
    """A public page or API answer: 200, compressed, cacheable with a validator, every security header."""
    answer = fetch(base, path)
    check(answer.status == 200, f"{path}: status {answer.status}\n{answer.text[:2000]}")
    check(
        answer.header("Content-Encoding") == "gzip",
        f"{path}: not compressed ({answer.headers})",
    )
    check(bool(answer.header("ETag")), f"{path}: no ETag")
    check(
        "max-age=0" in answer.header("Cache-Control"),
        f"{path}: Cache-Control {answer.header('Cache-Control')!r}",
    )
    for name, expected in SECURITY_HEADERS.items():
        check(
            expected in answer.header(name),
            f"{path}: header {name} is {answer.header(name)!r}",
        )
    if kind == "html":
        check(
            answer.header("Content-Type").startswith("text/html"),
            f"{path}: {answer.header('Content-Type')}",
        )
        check("Traceback" not in answer.text, f"{path}: a traceback")
    else:
        json.loads(answer.body)
    again = fetch(base, path, {"If-None-Match": answer.header("ETag")})
    check(
        again.status == 304,
        f"{path}: a repeated conditional GET gave {again.status}, not 304",
    )
    return answer


def check_portal(base: str) -> None:
    """Every kind of public page, the API, static files, health, and the localised 404s."""
    for language in ("fi", "sv", "en"):
        home = check_page(base, f"/{language}/")
        check(
            f'<html lang="{language}"' in home.text,
            f"/{language}/ is not in {language}",
        )
    programmes = check_page(base, "/api/v1/programmes/", kind="json")
    slug = json.loads(programmes.body)["results"][0]["slug"]
    for path in (
        "/en/programmes/",
        f"/fi/programmes/{slug}/",
        "/en/pathways/?start=fi-basic",
        "/sv/gaps/",
        "/en/map/",
    ):
        check_page(base, path)

    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', home.text)
    check(stylesheet is not None, "the home page does not link a hashed portal.css")
    css = fetch(base, stylesheet.group(1))
    check(
        css.status == 200 and css.header("Content-Encoding") == "gzip",
        f"static CSS: {css.status} {css.headers}",
    )
    check(
        "immutable" in css.header("Cache-Control"),
        f"static CSS: Cache-Control {css.header('Cache-Control')!r}",
    )

    check(fetch(base, "/healthz").status == 200, "/healthz is not 200")
    ready = fetch(base, "/readyz")
    check(
        ready.status == 200 and json.loads(ready.body)["status"] == "ok",
        f"/readyz: {ready.status} {ready.text}",
    )
    check(ready.header("Cache-Control") == "no-store", "/readyz may be cached")

    for language in ("fi", "sv", "en"):
        missing = fetch(base, f"/{language}/no-such-page/")
        check(missing.status == 404, f"/{language}/no-such-page/: {missing.status}")
        check(
            f'<html lang="{language}"' in missing.text,
            f"/{language}/no-such-page/ is not a {language} page",
        )
    api_missing = fetch(base, "/api/v1/no-such-resource/")
    check(api_missing.status == 404, f"/api/v1/no-such-resource/: {api_missing.status}")
    check(
        "detail" in json.loads(api_missing.body),
        f"the API's 404 is not JSON: {api_missing.text[:500]}",
    )


def check_edit_reaches_every_worker(base: str, env: dict[str, str]) -> None:
    """A change made by another process (as an admin edit on another server, or the loader) shows on every worker
    once each has read the data version again: within PAGE_CACHE_VERSION_CHECK_SECONDS (1 s by default)."""
    for _ in range(4):  # fill the cache of both workers
        check(
            "Renamed in the smoke test" not in fetch(base, "/en/").text,
            "the marker is already there",
        )
    rename = (
        "from skills.models import Segment; segment = Segment.objects.order_by('order').first(); "
        "segment.name_en = 'Renamed in the smoke test'; segment.save()"
    )
    manage(env, "shell", "-c", rename)
    time.sleep(float(env.get("PAGE_CACHE_VERSION_CHECK_SECONDS", "1")) + 0.5)
    for _ in range(4):
        check(
            "Renamed in the smoke test" in fetch(base, "/en/").text,
            "a worker served the page from before the edit",
        )


IMPORT_JOB = """
from django.contrib.auth.models import User
from batteryregion.imports.models import ImportJob
from batteryregion.imports.tasks import {task}
from programmes.models import Programme
job = ImportJob.objects.filter(file_name="smoke.csv").first()
if job is None:
    user = User.objects.create_superuser("smoke-importer", "smoke@example.org", None)
    slug = Programme.objects.order_by("slug").values_list("slug", flat=True).first()
    job = ImportJob.objects.create(
        created_by=user, file_name="smoke.csv", content=f"slug,places_per_year\\n{{slug}},987\\n".encode(), language="fi"
    )
else:
    ImportJob.objects.filter(pk=job.pk).update(state="importing")
{task}.enqueue(job.pk)
"""
IMPORT_STATE = """
from batteryregion.imports.models import ImportJob
from programmes.models import Programme
job = ImportJob.objects.get(file_name="smoke.csv")
print(job.state, job.rows, Programme.objects.filter(places_per_year=987).count())
"""


def check_import_worker(env: dict[str, str]) -> None:
    """The task worker as the README runs it (the database queue): a queued import is previewed, then confirmed."""

    def state() -> str:
        done = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", IMPORT_STATE],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout.strip().splitlines()[-1]  # after the shell's own lines

    manage(env, "shell", "-c", IMPORT_JOB.format(task="preview_import"))
    check(
        state().startswith("previewing"), f"the job ran before a worker did: {state()}"
    )
    manage(env, "db_worker", "--batch", "--no-startup-delay")
    check(state() == "previewed 1 0", f"after the worker's preview: {state()}")
    manage(env, "shell", "-c", IMPORT_JOB.format(task="confirm_import"))
    manage(env, "db_worker", "--batch", "--no-startup-delay")
    check(state() == "imported 1 1", f"after the worker's import: {state()}")


def check_database_down(env: dict[str, str]) -> None:
    """With the database unreachable: alive, not ready, and pages say so in their language instead of a traceback."""
    with gunicorn({**env, "DATABASE_URL": UNREACHABLE_DATABASE}) as base:
        check(fetch(base, "/healthz").status == 200, "/healthz needs the database")
        ready = fetch(base, "/readyz")
        check(ready.status == 503, f"/readyz with the database down: {ready.status}")
        check(json.loads(ready.body)["checks"]["database"] == "unavailable", ready.text)
        for language in ("fi", "sv", "en"):
            page = fetch(base, f"/{language}/programmes/")
            check(
                page.status == 503,
                f"/{language}/programmes/ with the database down: {page.status}",
            )
            check(
                f'<html lang="{language}"' in page.text,
                f"the 503 page is not in {language}: {page.text[:500]}",
            )
            check("Traceback" not in page.text, "a traceback")
        api = fetch(base, "/api/v1/programmes/")
        check(
            api.status == 503 and "detail" in json.loads(api.body),
            f"API with the database down: {api.text[:500]}",
        )


def postgres_url(server: str, database: str) -> str:
    parts = urlsplit(server)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", "", ""))


def psql(server: str, statement: str) -> None:
    subprocess.run(
        ["psql", postgres_url(server, "postgres"), "-qc", statement], check=True
    )


def programme_count(base: str) -> int:
    return json.loads(fetch(base, "/api/v1/programmes/?page_size=1").body)["count"]


def check_backup_and_restore(
    server: str, database: str, env: dict[str, str], workdir: Path
) -> None:
    """The README's backup and restore commands: pg_dump -Fc, then pg_restore into an empty database."""
    dump = workdir / "portal.dump"
    restored = f"{database}_restored"
    subprocess.run(
        ["pg_dump", "-Fc", "-f", str(dump), postgres_url(server, database)], check=True
    )
    psql(server, f"CREATE DATABASE {restored}")
    try:
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                "-d",
                postgres_url(server, restored),
                str(dump),
            ],
            check=True,
        )
        with gunicorn(env) as base:
            original = programme_count(base)
        with gunicorn({**env, "DATABASE_URL": postgres_url(server, restored)}) as base:
            check(
                programme_count(base) == original,
                "the restored database has other programmes",
            )
            check_page(base, "/en/programmes/")
    finally:
        psql(server, f"DROP DATABASE IF EXISTS {restored} WITH (FORCE)")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postgres", help="a PostgreSQL server URL; without it the test runs on SQLite"
    )
    args = parser.parse_args()
    steps = Steps()
    workdir = Path(tempfile.mkdtemp(prefix="batteryregion-smoke-"))
    database = f"batteryregion_smoke_{os.getpid()}"
    try:
        if args.postgres:
            psql(args.postgres, f"CREATE DATABASE {database}")
            database_url = postgres_url(args.postgres, database)
        else:
            database_url = f"sqlite:///{workdir / 'db.sqlite3'}"
        env = production_env(database_url, workdir / "static")

        with steps.step("manage.py check --deploy"):
            manage(env, "check", "--deploy", "--fail-level", "WARNING")
        # Either order works: migrate needs no static files, collectstatic no database.
        order = (
            ["migrate", "collectstatic"]
            if args.postgres
            else ["collectstatic", "migrate"]
        )
        for command in order:
            with steps.step(f"manage.py {command}"):
                manage(env, command, "--noinput", "-v0")
        with steps.step("manage.py load_bundled_data"):
            manage(env, "load_bundled_data")
        with (
            steps.step("gunicorn: pages, API, static files, health, 404s, a change"),
            gunicorn(env) as base,
        ):
            check_portal(base)
            check_edit_reaches_every_worker(base, env)
        with steps.step("manage.py db_worker: an import's preview and confirmation"):
            check_import_worker(env)
        if args.postgres:
            with steps.step("gunicorn with the database down"):
                check_database_down(env)
            with steps.step("backup with pg_dump, restore with pg_restore"):
                check_backup_and_restore(args.postgres, database, env, workdir)
    except (SmokeTestFailure, subprocess.CalledProcessError) as failure:
        print(f"SMOKE TEST FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        if args.postgres:
            psql(args.postgres, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"Smoke test passed in {time.monotonic() - steps.started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
