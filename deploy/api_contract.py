"""The partner API against its own OpenAPI schema: schemathesis on a real server with the bundled data.

    .venv/bin/python deploy/api_contract.py                   # the whole run, about four minutes on two cores
    .venv/bin/python deploy/api_contract.py --seed 7          # other requests than CI's
    .venv/bin/python deploy/api_contract.py --max-examples 5  # a quicker look

It makes a throwaway SQLite database, loads the bundled data into it, starts gunicorn in production mode as
deploy/smoke_test.py does, and runs schemathesis with every check (all of them, set in deploy/schemathesis.toml) (server errors, status codes, content types,
headers and bodies against the schema, invalid input refused, valid input accepted, unsupported methods), in all
of its phases (the schema's examples, coverage of each parameter's edges, generated requests valid and invalid, and
chains of requests), with a fixed seed so that two runs send the same requests. Any finding makes it exit non-zero;
schemathesis prints each with a curl command that reproduces it.
"""

# ruff: noqa: T201 (a script: its printout is the report)

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The smoke test's server helpers, from the same folder.
from smoke_test import (
    PYTHON,
    ROOT,
    Steps,
    gunicorn,
    manage,
    production_env,
)

SCHEMATHESIS = str(Path(PYTHON).with_name("schemathesis"))
CONFIG = ROOT / "deploy" / "schemathesis.toml"
SEED = 20261205
# The schema and its documentation pages describe the API; they are not part of it.
NOT_TESTED = r"^/api/(schema|docs|redoc)/"


def schemathesis(
    base: str,
    seed: int,
    max_examples: int,
    max_time: int,
    report: Path | None,
    work: Path,
) -> int:
    command = [
        SCHEMATHESIS,
        "--no-color",
        "--config-file",
        str(CONFIG),
        "run",
        f"{base}/api/schema/?format=json",
        "--url",
        base,
        "--mode",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--seed",
        str(seed),
        "--max-examples",
        str(max_examples),
        "--max-time",
        str(max_time),
        "--workers",
        "2",
        "--exclude-path-regex",
        NOT_TESTED,
        "--continue-on-failure",
        "--request-timeout",
        "30",
        # NUL characters are refused in every text (tests/api/test_parameters.py); generated, they would only find
        # that out again on every operation.
        "--generation-allow-x00",
        "false",
        "--suppress-health-check",
        "too_slow",
        "--warnings",
        "off",
        # The server sits behind a TLS proxy in production, which says so; without it, every answer is a redirect.
        "--header",
        "X-Forwarded-Proto: https",
    ]
    if report is not None:
        command += ["--report", "junit", "--report-dir", str(report)]
    print(" ".join(command), flush=True)
    # Run in the throwaway folder: schemathesis keeps its caches in the current directory.
    return subprocess.run(command, cwd=work).returncode


# What the server logs for the requests schemathesis is meant to make refused, and for starting and stopping.
ROUTINE = ("Not Found: ", "Bad Request: ", "Method Not Allowed: ", "Not Acceptable: ")
ROUTINE_GUNICORN = ("[INFO]", "Invalid request from ip=")


def server_errors(log: str) -> str:
    """The server's log without its routine lines, when it holds an error (a traceback, a worker killed)."""
    if not any(word in log for word in ("Traceback", "[ERROR]", "[CRITICAL]")):
        return ""
    shown = [
        line
        for line in log.splitlines()
        if not line.startswith(ROUTINE)
        and not any(part in line for part in ROUTINE_GUNICORN)
    ]
    return "\n".join(shown[-300:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--max-examples",
        type=int,
        default=25,
        help="generated requests per operation and phase (default 25)",
    )
    parser.add_argument(
        "--max-time",
        type=int,
        default=150,
        help="seconds schemathesis may take in all (default 150)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=SEED,
        help=f"schemathesis's random seed (default {SEED}, as in CI)",
    )
    parser.add_argument(
        "--report-dir",
        type=Path,
        default=None,
        help="where to write schemathesis's JUnit report (default: none)",
    )
    arguments = parser.parse_args()
    steps = Steps()
    with tempfile.TemporaryDirectory(prefix="api-contract-") as folder:
        work = Path(folder)
        env = production_env(f"sqlite:///{work / 'db.sqlite3'}", work / "static")
        # A request line may be as long as nginx lets through (8 KB by default), not only gunicorn's 4 KB.
        env["GUNICORN_CMD_ARGS"] = "--limit-request-line 8190"
        # Thousands of requests from one address in a few minutes: the anonymous rate limit is the contract's
        # subject only in its schema (tests/partners check the limit itself).
        env["API_RATE_ANONYMOUS"] = "1000000/min"
        with steps.step("manage.py migrate, collectstatic, load_bundled_data"):
            manage(env, "migrate", "--noinput", "-v0")
            manage(env, "collectstatic", "--noinput", "-v0")
            manage(env, "load_bundled_data")
        # Thousands of requests, most refused on purpose: the server's log goes to a file, and only its errors
        # (tracebacks) are shown at the end.
        server_log = work / "server.log"
        with (
            steps.step("schemathesis"),
            server_log.open("wb") as log,
            gunicorn(env, log) as base,
        ):
            status = schemathesis(
                base,
                arguments.seed,
                arguments.max_examples,
                arguments.max_time,
                arguments.report_dir,
                work,
            )
        errors = server_errors(server_log.read_text(errors="replace"))
    if errors:
        print("Errors in the server's log:\n" + errors)
        status = status or 1
    print("API contract: " + ("no findings" if status == 0 else f"FAILED ({status})"))
    return status


if __name__ == "__main__":
    sys.exit(main())
