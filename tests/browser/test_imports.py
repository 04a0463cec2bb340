"""A lead coordinator imports a workbook of real-looking records through the admin, in Finnish: the preview names
each refused row, the page passes axe, and confirming creates the records."""

import pytest
import tablib
from django.test import Client

from programmes.models import Offering, Programme
from skills.models import Actor, Site
from tests.browser.conftest import axe_violations, describe
from tests.coordinators.world import coordinator_user
from tests.imports.helpers import workbook

pytestmark = pytest.mark.browser


def test_a_lead_coordinator_imports_a_workbook_through_the_preview(page, django_db_blocker, tmp_path):  # fmt: skip
    actors = tablib.Dataset(
        [
            "kokkola-battery-lab",
            "provider",
            "FI",
            "Kokkolan akkulaboratorio",
            "Batterilabbet i Karleby",
            "Kokkola Battery Lab",
            "https://example.org/lab",
            "battery-chemicals",
            "https://example.org/lab",
            "2026-12-01",
            "published",
        ],  # fmt: skip
        headers=[
            "slug",
            "kind",
            "country",
            "name_fi",
            "name_sv",
            "name_en",
            "website",
            "segments",
            "source_url",
            "verified_on",
            "state",
        ],  # fmt: skip
    )
    sites = tablib.Dataset(
        [
            "kokkola-battery-lab-kokkola",
            "kokkola-battery-lab",
            "Kokkola",
            "Karleby",
            "Kokkola",
            "FI1D5",
            "63.8385",
            "23.1307",
            "yes",
        ],  # fmt: skip
        [
            "kokkola-battery-lab-nowhere",
            "kokkola-battery-lab",
            "Ei missään",
            "Ingenstans",
            "Nowhere",
            "FI9X9",
            "63.8",
            "23.1",
            "no",
        ],  # fmt: skip
        headers=[
            "slug",
            "actor",
            "town_fi",
            "town_sv",
            "town_en",
            "region",
            "latitude",
            "longitude",
            "is_main",
        ],  # fmt: skip
    )
    programmes = tablib.Dataset(
        [
            "battery-lab-safety-course",
            "kokkola-battery-lab",
            "course",
            "Akkulaboratorion turvallisuus",
            "Säkerhet i batterilabbet",
            "Battery lab safety",
            "on_site",
            "ects",
            "https://example.org/course",
        ],  # fmt: skip
        headers=[
            "slug",
            "provider",
            "kind",
            "name_fi",
            "name_sv",
            "name_en",
            "delivery_mode",
            "credit_unit",
            "source_url",
        ],  # fmt: skip
    )
    offerings = tablib.Dataset(
        [
            "battery-lab-safety-course",
            "kokkola-battery-lab-kokkola",
            "2027-02-01",
            "14",
        ],
        headers=["programme", "site", "starts_on", "places"],
    )
    path = tmp_path / "uudet-toimijat.xlsx"
    path.write_bytes(workbook(actors=actors, sites=sites, programmes=programmes, offerings=offerings))  # fmt: skip
    with django_db_blocker.unblock():
        user, _ = coordinator_user("browser-importer", side="FI", role="lead")
        client = Client()
        client.force_login(user)
        session = client.cookies["sessionid"].value
    page.context.add_cookies(
        [
            {"name": "sessionid", "value": session, "url": page.base},
            {"name": "django_language", "value": "fi", "url": page.base},
        ]
    )

    page.goto(f"{page.base}/admin/programmes/programme/")
    page.get_by_role("link", name="Tuo tiedosto").first.click()
    page.get_by_label("Tiedosto").set_input_files(str(path))
    page.get_by_role("button", name="Esikatsele tuontia").click()
    page.wait_for_load_state()
    page.wait_for_selector("table.import-counts")

    content = page.content()
    assert "Tuonti tekisi seuraavat muutokset." in content
    refused = page.locator("table.import-refused tbody tr")
    assert refused.count() == 1
    assert (
        "FI9X9" in refused.first.inner_text() and "region" in refused.first.inner_text()
    )
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    with django_db_blocker.unblock():
        assert not Actor.objects.filter(slug="kokkola-battery-lab").exists()

    page.get_by_role("button", name="Vahvista tuonti").click()
    page.wait_for_selector("text=Tuonti on valmis.")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    with django_db_blocker.unblock():
        actor = Actor.objects.get(slug="kokkola-battery-lab")
        assert actor.state == "published"
        assert list(Site.objects.filter(actor=actor).values_list("slug", flat=True)) == ["kokkola-battery-lab-kokkola"]  # fmt: skip
        programme = Programme.objects.get(slug="battery-lab-safety-course")
        assert programme.state == "draft"
        offering = Offering.objects.get(programme=programme)
        assert offering.places == 14
        assert programme.history.latest().history_change_reason == "Import: uudet-toimijat.xlsx"  # fmt: skip
        Offering.objects.filter(programme=programme).delete()
        programme.delete()
        Site.objects.filter(actor=actor).delete()
        actor.delete()
