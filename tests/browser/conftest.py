"""Browser tests: a real Chromium (Debian's package) driven by Playwright against the live test server,
on the bundled data. They skip where Chromium is missing, except in CI (CI=true), where that is a failure.

Every page records the Content-Security-Policy violations it causes, and a test that caused one fails at teardown.
"""

import contextlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from batteryregion.bundled_data import load_bundled_data

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]
# One of each kind of public page, under /fi, /sv or /en (the map, pathway and gap pages have modules of their own for
# what their scripts do).
PUBLIC_PAGES = [
    "/",
    "/programmes/",
    "/programmes/?segment=recycling&country=SE",
    "/programmes/centria-uas-akkualan-muuntokoulutus/",
    "/actors/",
    "/actors/keliber/",
    "/occupations/",
    "/occupations/battery-assembler/",
    "/skills/operate-soldering-equipment/",
    "/about/",
    "/privacy/",
    "/accessibility/",
    "/pathways/",
    "/pathways/how/",
    "/pathways/matrix/?segment=cell-manufacturing",
    "/pathways/?start=fi-basic&home=FI564&age=under_18&situation=none&mobility=commute",
    "/map/",
    "/gaps/",
    "/gaps/segment/battery-chemicals/",
    "/gaps/overlaps/",
    "/gaps/how/",
]

# Runs in every frame before the page's own scripts. Playwright injects it through the DevTools protocol, not as an
# inline script, so the page's CSP does not apply to it (test_security_policy.py checks that it runs). Violations
# go to Python at once through a binding, so that those on a page left a moment later are not lost.
CSP_RECORDER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__recordCspViolation({
    directive: event.effectiveDirective || event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile ? event.sourceFile + ":" + event.lineNumber : "",
    sample: event.sample,
    page: document.location.href,
  });
}, true);
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            # The mark makes pytest-django set up the test database even when only browser tests run.
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)."
        if os.environ.get("CI"):
            pytest.fail(f"Browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; the ORM calls made there (fixtures,
    # the live server sharing an in-memory SQLite connection) are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="module")
def bundled_site(django_db_setup, django_db_blocker) -> Iterator[str]:
    """A live server on the bundled data for one test module; returns its base URL.

    pytest-django's own live_server fixture empties the database after every test (transactional_db);
    loading the bundled data once per module instead keeps the browser tests fast. The data is committed
    so that the server thread sees it, and the tables are emptied again when the module ends.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, (
            f"Refusing to load and flush a non-test database: {name}"
        )
        load_bundled_data()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server.url
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def page(browser, bundled_site) -> Iterator[object]:
    """A fresh browser page; `page.base` is the live server's address.

    `page.csp_violations` lists the Content-Security-Policy violations so far (`page.csp_console_violations` the
    console's reports of them); any left fail the test at teardown (a test that causes one on purpose clears both).
    """
    from playwright.sync_api import Error as PlaywrightError

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    violations: list[str] = []

    def record(_source: dict, event: dict) -> None:
        where = f" from {event['source']}" if event["source"] else ""
        sample = f": {event['sample']!r}" if event["sample"] else ""
        blocked = event["blocked"] or "(no URI)"
        violations.append(
            f"{event['directive']} blocked {blocked} on {event['page']}{where}{sample}"
        )

    context.expose_binding("__recordCspViolation", record)
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    errors: list[str] = []
    console_violations: list[str] = []

    def on_console(message) -> None:
        if message.type == "error":
            errors.append(message.text)
        # Chromium reports every violation on the console too, also those no event reaches (in a worker).
        if "Content Security Policy" in message.text:
            console_violations.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.base = bundled_site
    page.console_errors = errors
    page.csp_violations = violations
    page.csp_console_violations = console_violations
    yield page
    # Violation events are queued as tasks: let the last ones arrive before looking (a closed page has none).
    with contextlib.suppress(PlaywrightError):
        page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")
    context.close()
    # The events name the directive and the blocked URI; the console repeats them, with the hash of a blocked inline
    # text, and has those no event reaches.
    if violations or console_violations:
        pytest.fail(
            "Content-Security-Policy violations:\n"
            + "\n".join(
                [*violations, *(f"console: {line}" for line in console_violations)]
            ),
            pytrace=False,
        )


# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (landmarks, one h1, unique names...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[dict]:
    """The violations of any impact axe-core finds on the current page (AXE_TAGS, and label in name)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": AXE_TAGS,
            },
            # Label in name (WCAG 2.5.3) is still an experimental rule of axe: asked for by name.
            "rules": {"label-content-name-mismatch": {"enabled": True}},
        },
    )
    violations = results.response["violations"]
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in violations
    ]


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, indent=2)
