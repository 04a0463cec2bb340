"""A coordinator edits a programme, reads the old and new values in its history, restores the earlier version, and
the public page shows the old values again."""

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client

from programmes.models import Programme
from tests.browser.conftest import axe_violations, describe

SLUG = "centria-uas-akkualan-muuntokoulutus"


@pytest.fixture(scope="module")
def programme(bundled_site, django_db_blocker) -> Programme:
    with django_db_blocker.unblock():
        return Programme.objects.get(slug=SLUG)


@pytest.fixture(scope="module")
def editor_session(bundled_site, django_db_blocker) -> str:
    """The session key of a logged-in superuser (coordinators' scopes are tested in the admin's own tests)."""
    with django_db_blocker.unblock():
        user, _ = User.objects.get_or_create(
            username="browser-history-editor",
            defaults={
                "is_staff": True,
                "is_superuser": True,
                "first_name": "Helmi",
                "last_name": "Historia",
            },
        )
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value


@pytest.fixture
def editor_page(page, editor_session) -> Iterator[object]:
    host = page.base.split("//", 1)[1].split(":", 1)[0]
    page.context.add_cookies(
        [{"name": "sessionid", "value": editor_session, "domain": host, "path": "/"}]
    )
    yield page


def test_a_coordinator_restores_a_programme_from_its_history(editor_page, programme):
    page = editor_page
    old_name = programme.name_en
    old_places = str(programme.places_per_year)
    new_name = f"{old_name} (renamed)"

    page.goto(f"{page.base}/admin/programmes/programme/{programme.pk}/change/")
    page.locator(".ui-tabs-nav a", has_text="en").first.click()
    page.locator("#id_name_en").fill(new_name)
    page.locator("#id_places_per_year").fill("77")
    page.locator("input[name='_save']").click()
    page.wait_for_selector(".messagelist .success")

    page.goto(f"{page.base}/en/programmes/{SLUG}/")
    assert page.locator("h1").inner_text() == new_name

    page.goto(f"{page.base}/admin/programmes/programme/{programme.pk}/history/")
    newest = page.locator("#versions > tbody > tr").first
    assert "Helmi Historia" in newest.inner_text()
    changes = newest.locator(".field-changes")
    name_row = changes.locator("tr", has_text="Name [en]")
    assert name_row.locator(".old-value").inner_text() == old_name
    assert name_row.locator(".new-value").inner_text() == new_name
    places_row = changes.locator("tr", has_text="Places per year")
    assert places_row.locator(".old-value").inner_text() == old_places
    assert places_row.locator(".new-value").inner_text() == "77"

    page.locator("#versions > tbody > tr").nth(1).get_by_role(
        "link", name="Restore this version"
    ).click()
    page.wait_for_selector(".version-summary")
    assert page.locator("#id_name_en").input_value() == old_name
    page.get_by_role("button", name="Restore this version").first.click()
    page.wait_for_selector(".messagelist .success")
    assert page.url.endswith(f"/admin/programmes/programme/{programme.pk}/history/")
    restore = page.locator("#versions > tbody > tr").first
    assert "Restored the version of" in restore.inner_text()
    assert (
        restore.locator("tr", has_text="Name [en]").locator(".new-value").inner_text()
        == old_name
    )
    violations = axe_violations(page)
    assert not violations, describe(violations)

    page.goto(f"{page.base}/en/programmes/{SLUG}/")
    assert page.locator("h1").inner_text() == old_name
    assert old_places in page.locator("dd").all_inner_texts()
    assert page.console_errors == []


def test_the_change_log_lists_the_edit_and_leads_to_the_history(editor_page, programme):
    page = editor_page
    page.goto(f"{page.base}/admin/")
    page.get_by_role("link", name="Change log").click()
    page.get_by_label("Kind of record").select_option("programmes.programme")
    page.get_by_label("Changed through").select_option("loader")
    page.get_by_role("button", name="Show the changes").click()
    page.wait_for_url("**model=programmes.programme**")
    rows = page.locator("#change-log tbody tr")
    assert 0 < rows.count() <= 50  # one page
    assert set(page.locator("#change-log tbody td:nth-child(6)").all_inner_texts()) == {
        "Bundled-data loader"
    }
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.locator("#change-log tbody th a").first.click()
    page.wait_for_selector("#versions")
    assert "/history/" in page.url
