"""The admin's change forms in Chromium on the bundled data: a click on the site form's map fills the coordinates,
the language buttons switch every tab group, and the forms fit a 1366 px window."""

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import expect

from programmes.models import Programme
from skills.models import CompetenceNeed, Site

PROGRAMME = "centria-uas-akkualan-muuntokoulutus"


@pytest.fixture(scope="module")
def records(bundled_site, django_db_blocker) -> dict[str, str]:
    """The change-form paths of one programme, actor, site and competence need of the bundled data."""
    with django_db_blocker.unblock():
        programme = Programme.objects.get(slug=PROGRAMME)
        site = Site.objects.filter(actor=programme.provider).first()
        return {
            "programme": f"/admin/programmes/programme/{programme.pk}/change/",
            "actor": f"/admin/skills/actor/{programme.provider.pk}/change/",
            "site": f"/admin/skills/site/{site.pk}/change/",
            "competenceneed": f"/admin/skills/competenceneed/{CompetenceNeed.objects.first().pk}/change/",
        }


@pytest.fixture(scope="module")
def editor_session(bundled_site, django_db_blocker) -> str:
    with django_db_blocker.unblock():
        user, _ = User.objects.get_or_create(
            username="browser-form-editor",
            defaults={"is_staff": True, "is_superuser": True},
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
    page.context.add_cookies(
        [{"name": "django_language", "value": "en", "domain": host, "path": "/"}]
    )
    yield page


def test_a_click_on_the_site_map_fills_the_latitude_and_longitude(editor_page, records):
    page = editor_page
    page.goto(page.base + records["site"])
    page.wait_for_selector(".admin-site-map[data-boundaries]")
    assert int(page.get_attribute(".admin-site-map", "data-boundaries")) > 0
    before = (page.input_value("#id_latitude"), page.input_value("#id_longitude"))
    box = page.locator(".admin-site-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.6)
    latitude, longitude = (
        page.input_value("#id_latitude"),
        page.input_value("#id_longitude"),
    )
    assert (latitude, longitude) != before
    assert len(latitude.split(".")[1]) == 5 and len(longitude.split(".")[1]) == 5
    assert 55 < float(latitude) < 72 and 10 < float(longitude) < 35


def test_typed_coordinates_move_the_marker(editor_page, records):
    """Nearby coordinates move the marker on the screen; far ones pan the map so that the marker stays in view."""
    page = editor_page
    page.goto(page.base + records["site"])
    page.wait_for_selector(".admin-site-map[data-boundaries]")
    marker = page.locator(".admin-site-map path.leaflet-interactive")
    expect(marker).to_have_count(1)
    before = marker.bounding_box()
    latitude = float(page.input_value("#id_latitude"))
    longitude = float(page.input_value("#id_longitude"))
    page.fill("#id_latitude", f"{latitude + 0.1:.5f}")
    page.fill("#id_longitude", f"{longitude + 0.2:.5f}")
    moved = marker.bounding_box()
    assert moved["y"] < before["y"] - 5 and moved["x"] > before["x"] + 5

    page.fill("#id_latitude", f"{latitude - 2:.5f}")
    page.fill("#id_longitude", f"{longitude - 4:.5f}")
    page.wait_for_timeout(400)  # Leaflet's pan animation
    far = marker.bounding_box()
    area = page.locator(".admin-site-map").bounding_box()
    assert area["x"] < far["x"] < area["x"] + area["width"]
    assert area["y"] < far["y"] < area["y"] + area["height"]


@pytest.mark.parametrize("form", ["programme", "actor"])
def test_one_click_shows_every_translated_field_in_one_language(
    editor_page, records, form
):
    page = editor_page
    page.goto(page.base + records[form])
    page.wait_for_load_state("load")
    page.wait_for_selector(".ui-tabs")
    groups = page.locator(".ui-tabs").count()
    assert groups >= 3
    for code in ("sv", "fi", "en"):
        button = page.locator(f'.admin-language-button[data-language="{code}"]')
        button.focus()
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-pressed") == "true"
        active = [
            text.strip()
            for text in page.locator(".ui-tabs .ui-tabs-active a").all_text_contents()
        ]
        assert len(active) == groups
        assert set(active) == {code}


@pytest.mark.parametrize("form", ["programme", "actor", "site", "competenceneed"])
def test_change_forms_fit_a_1366_pixel_window(editor_page, records, form):
    page = editor_page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(page.base + records[form])
    page.wait_for_load_state("load")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
