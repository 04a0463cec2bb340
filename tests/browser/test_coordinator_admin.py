"""Coordinators in the admin, in a real browser on the bundled data: a coordinator of OSAO edits OSAO's programme,
sees Oulu UAS's read-only and cannot save it; a lead coordinator invites a coordinator, who sets a password through
the e-mailed link and logs in."""

import re
from collections.abc import Iterator

import pytest
from django.core import mail
from django.test import Client

from coordinators.models import Coordinator
from programmes.models import Programme
from skills.models import Actor
from tests.coordinators.world import coordinator_user

OURS = "osao-sahko-ja-automaatioalan-perustutkinto"
THEIRS = "oulu-uas-sahko-ja-automaatiotekniikka"


def session_of(username: str, **scope: object) -> str:
    """The session key of a new coordinator, committed so that the live server sees it."""
    user, _coordinator = coordinator_user(username, **scope)
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


@pytest.fixture(scope="module")
def sessions(bundled_site, django_db_blocker) -> dict[str, str]:
    with django_db_blocker.unblock():
        osao = Actor.objects.get(slug="osao")
        return {
            "osao": session_of("browser-osao", side="FI", organisations=[osao]),
            "lead": session_of("browser-lead", side="FI", role="lead"),
        }


def logged_in(page, session: str) -> object:
    page.context.add_cookies(
        [{"name": "sessionid", "value": session, "url": page.base}]
    )
    return page


@pytest.fixture
def programmes(bundled_site, django_db_blocker) -> Iterator[dict[str, Programme]]:
    with django_db_blocker.unblock():
        yield {
            "ours": Programme.objects.get(slug=OURS),
            "theirs": Programme.objects.get(slug=THEIRS),
        }


def change_url(page, programme: Programme) -> str:
    return f"{page.base}/admin/programmes/programme/{programme.pk}/change/"


def test_a_coordinator_edits_their_organisations_programme(page, sessions, programmes, django_db_blocker):  # fmt: skip
    logged_in(page, sessions["osao"])
    page.goto(f"{page.base}/admin/programmes/programme/")
    # The list opens on the coordinator's own programmes.
    listed = page.locator("#result_list tbody tr").all_inner_texts()
    assert listed and all("OSAO" in row for row in listed)

    page.goto(change_url(page, programmes["ours"]))
    page.fill("#id_places_per_year", "48")
    page.click("input[name=_save]")
    page.wait_for_load_state()
    assert page.locator(".messagelist .success").count() == 1
    with django_db_blocker.unblock():
        assert Programme.objects.get(slug=OURS).places_per_year == 48


def test_another_organisations_programme_is_read_only_and_a_forged_save_is_refused(
    page, sessions, programmes, django_db_blocker
):
    logged_in(page, sessions["osao"])
    url = change_url(page, programmes["theirs"])
    page.goto(url)
    assert page.locator("input[name=_save]").count() == 0
    assert page.locator("#id_name_en").count() == 0
    assert "View programme" in page.locator("h1").inner_text()

    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    forged = page.request.post(
        url,
        form={"csrfmiddlewaretoken": token, "name_en": "Forged", "_save": "Save"},
        headers={"Referer": url},
    )
    assert forged.status == 403
    with django_db_blocker.unblock():
        assert Programme.objects.get(slug=THEIRS).name_en != "Forged"


def test_a_lead_coordinator_invites_a_coordinator_who_sets_a_password_and_logs_in(
    page, sessions, django_db_blocker
):
    mail.outbox.clear()
    logged_in(page, sessions["lead"])
    page.goto(f"{page.base}/admin/coordinators/coordinator/add/")
    page.fill("#id_email", "invited@example.org")
    page.fill("#id_first_name", "Aino")
    page.select_option("#id_role", "coordinator")
    page.click("input[name=_save]")
    page.wait_for_load_state()
    assert "invited@example.org" in page.locator(".messagelist").inner_text()

    [message] = mail.outbox
    assert message.to == ["invited@example.org"]
    link = re.search(r"https?://[^/\s]+(/admin/reset/\S+/)", message.body).group(1)
    with django_db_blocker.unblock():
        assert Coordinator.objects.get(user__email="invited@example.org").side == "FI"

    page.context.clear_cookies()
    page.goto(f"{page.base}{link}")
    page.fill("#id_new_password1", "akku-kartta-2026")
    page.fill("#id_new_password2", "akku-kartta-2026")
    page.click("input[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{page.base}/admin/login/")
    page.fill("#id_username", "invited@example.org")
    page.fill("#id_password", "akku-kartta-2026")
    page.click("input[type=submit]")
    page.wait_for_load_state()
    assert page.url == f"{page.base}/admin/"
    assert "aino" in page.locator("#user-tools").inner_text().lower()
