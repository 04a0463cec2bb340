"""Static files as production builds them: collectstatic with hashed, compressed names and no override."""

import json
from pathlib import Path

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory


@pytest.fixture
def production_static_files(settings, tmp_path: Path) -> Path:
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "batteryregion.static_files.StaticStorage"},
    }
    # Changing STORAGES and STATIC_ROOT rebuilds staticfiles_storage (Django's setting_changed receivers).
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def test_collectstatic_hashes_and_compresses_every_file(production_static_files):
    manifest = (production_static_files / "staticfiles.json").read_text()
    assert '"css/portal.css"' in manifest
    assert '"vendor/leaflet/leaflet.js"' in manifest
    portal_css = staticfiles_storage.stored_name("css/portal.css")
    assert portal_css.startswith("css/portal.") and portal_css != "css/portal.css"
    assert (production_static_files / f"{portal_css}.gz").exists()


def test_only_the_vendor_files_the_pages_load_are_published(production_static_files):
    manifest = json.loads((production_static_files / "staticfiles.json").read_text())
    vendor = [
        name.removeprefix("vendor/")
        for name in manifest["paths"]
        if name.startswith("vendor/")
    ]
    assert "jquery-ui/jquery-ui.min.js" in vendor
    assert "leaflet-markercluster/leaflet.markercluster.js" in vendor
    assert not any("theme" in name or name.endswith("-src.js") for name in vendor)


def test_pages_link_the_hashed_files(production_static_files, db):
    request = RequestFactory().get("/en/")
    html = render_to_string("base.html", request=request)
    assert staticfiles_storage.stored_name("css/portal.css") in html
