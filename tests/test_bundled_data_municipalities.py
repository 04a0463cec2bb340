"""The bundled municipalities: every municipality of the seven regions, in three languages, each centre inside its
region and at the sites of its town; a coordinator's edit survives a load, and a bad row names file, row and column.

The bundled data is loaded once for the module (inside a transaction rolled back at the end); each test runs in its
own transaction on top of it.
"""

import csv
import math
import shutil
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from batteryregion.bundled_data import BundledDataError, load_bundled_data
from batteryregion.records import ChangeChannel, changes_through
from skills.models import Municipality, Region, Site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """Errors are compared in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield


FILE = "municipalities.csv"
# Municipalities per NUTS 3 region: Finland after the 2021 maakunta change, Sweden's kommuner of 2026.
EXPECTED = {
    "FI195": 15,
    "FI1D5": 8,
    "FI1D7": 21,
    "FI1D8": 8,
    "FI1D9": 30,
    "SE331": 15,
    "SE332": 14,
}
MARGIN = 0.05  # degrees (about 5 km north–south) around a region's simplified boundary


@pytest.fixture(scope="module", autouse=True)
def bundled(django_db_setup, django_db_blocker):
    """The real bundled data, loaded once for the module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_bundled_data()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the bundled files that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(settings.BUNDLED_DATA_DIR, target)
    return target


def edit_cell(path: Path, key: str, column: str, value: str) -> int:
    """Set one cell of the row whose code is key; returns the row's line number (the header is row 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    index = next(i for i, row in enumerate(rows) if row[0] == key)
    rows[index][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return index + 1


def load(*args: str) -> list[str]:
    """Run the command; its output lines with runs of spaces made single."""
    out = StringIO()
    call_command("load_bundled_data", *args, stdout=out)
    return [" ".join(line.split()) for line in out.getvalue().splitlines()]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def points(coordinates: list) -> list[tuple[float, float]]:
    """Every (longitude, latitude) of a GeoJSON Polygon or MultiPolygon."""
    if isinstance(coordinates[0], int | float):
        return [(coordinates[0], coordinates[1])]
    return [point for part in coordinates for point in points(part)]


def test_every_municipality_of_the_seven_regions_is_loaded_in_three_languages():
    counts = Counter(Municipality.objects.values_list("region__code", flat=True))

    assert counts == EXPECTED
    oulu = Municipality.objects.get(code="FI564")
    assert (oulu.name_fi, oulu.name_sv, oulu.name_en, oulu.country) == ("Oulu", "Uleåborg", "Oulu", "FI")  # fmt: skip
    lulea = Municipality.objects.get(code="SE2580")
    assert (lulea.name_fi, lulea.name_sv, lulea.name_en, lulea.country) == ("Luulaja", "Luleå", "Luleå", "SE")  # fmt: skip
    assert Municipality.objects.get(code="FI598").name_sv == "Jakobstad"
    assert (
        not Municipality.objects.filter(name_fi="")
        | Municipality.objects.filter(name_sv="")
        | Municipality.objects.filter(name_en="")
    )
    assert set(Municipality.objects.values_list("origin", flat=True)) == {"bundled"}


def test_every_municipal_centre_lies_inside_its_regions_boundary_box():
    regions = Region.objects.filter(code__in=EXPECTED, boundary__isnull=False)
    assert (
        regions.count() == 7
    )  # every NUTS 3 region of the map, Lapland and Kainuu included

    outside = []
    for region in regions:
        longitudes, latitudes = zip(
            *points(region.boundary["coordinates"]), strict=True
        )
        for municipality in region.municipalities.all():
            if not (
                min(latitudes) - MARGIN
                <= municipality.latitude
                <= max(latitudes) + MARGIN
                and min(longitudes) - MARGIN
                <= municipality.longitude
                <= max(longitudes) + MARGIN
            ):
                outside.append(municipality.code)
    assert outside == []


def test_every_municipal_centre_lies_in_its_country_and_latitude_band():
    for municipality in Municipality.objects.select_related("region"):
        latitude, longitude = float(municipality.latitude), float(municipality.longitude)  # fmt: skip
        if municipality.country == "FI":
            assert 62.0 <= latitude <= 70.1 and 21.0 <= longitude <= 30.0, municipality.code  # fmt: skip
        else:
            assert 63.5 <= latitude <= 69.1 and 14.5 <= longitude <= 24.2, municipality.code  # fmt: skip


def test_a_municipal_centre_is_within_a_few_km_of_the_sites_in_the_same_town():
    compared = 0
    for site in Site.objects.select_related("region"):
        same_town = site.region.municipalities.filter(name_fi=site.town_fi).first()
        if same_town is None:
            continue  # a village (Skelleftehamn, Vittangi), not a municipality's centre
        compared += 1
        distance = km(
            (float(site.latitude), float(site.longitude)),
            (float(same_town.latitude), float(same_town.longitude)),
        )
        assert distance < 3, (site.slug, same_town.code, round(distance, 1))
    assert compared >= 30


def test_a_coordinators_edit_of_a_municipality_is_kept_and_reported():
    oulu = Municipality.objects.get(code="FI564")
    with changes_through(ChangeChannel.ADMIN):
        oulu.name_en = "City of Oulu"
        oulu.save()

    output = load()

    oulu.refresh_from_db()
    assert oulu.name_en == "City of Oulu"
    assert f"{FILE} FI564 name_en database: City of Oulu bundled: Oulu" in output


def test_an_untouched_municipality_follows_the_file(data_dir):
    edit_cell(data_dir / FILE, "SE2584", "latitude", "67.8558")

    load("--data-dir", str(data_dir))

    assert str(Municipality.objects.get(code="SE2584").latitude) == "67.85580"


def test_a_bad_code_stops_the_load_naming_file_row_and_column(data_dir):
    row = edit_cell(data_dir / FILE, "FI564", "code", "FI56")

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    assert (
        f"{FILE}, row {row}, field “code”: Enter FI and three digits (FI564) or SE and four digits (SE2580)."
        in str(raised.value)
    )


def test_a_municipality_in_a_region_that_is_not_nuts_3_stops_the_load(data_dir):
    row = edit_cell(data_dir / FILE, "FI564", "region", "FI1D")
    number = edit_cell(data_dir / FILE, "FI244", "longitude", "east")

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    message = str(raised.value)
    assert (
        f"{FILE}, row {row}, field “region”: “FI1D” is not a NUTS 3 region." in message
    )
    assert (
        f"{FILE}, row {number}, field “longitude”: “east” is not a number." in message
    )
