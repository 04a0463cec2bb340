"""The partnership's organisations in the bundled data (partners.csv): loaded like every other file. On an empty
database they are added; afterwards the database is the source of truth, so a lead coordinator's change is kept and
reported, a deleted organisation stays deleted, an untouched one follows the file, and a bad row stops the load and
writes nothing. The bundled data is loaded once for the module, as in test_bundled_data_updates.py."""

import csv
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from about.models import PartnerOrganisation
from batteryregion.bundled_data import BundledDataError, load_bundled_data
from batteryregion.records import ChangeChannel, changes_through
from tests.test_bundled_data_updates import (  # noqa: F401 (bundled: the module's data)
    add_row,
    admin_save,
    bundled,
    edit_row,
    everything,
    load,
)

pytestmark = pytest.mark.django_db

SOURCE = "https://www.interregnord.com/manadens-projekt-battery-region/"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the bundled files that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(settings.BUNDLED_DATA_DIR, target)
    return target


def line_of(path: Path, slug: str) -> int:
    """The line number of the row with the slug (the header is row 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        slugs = [row["slug"] for row in csv.DictReader(handle)]
    return slugs.index(slug) + 2


def by_role(role: str) -> list[str]:
    return list(
        PartnerOrganisation.objects.filter(role=role)
        .order_by("position", "pk")
        .values_list("slug", flat=True)
    )


def test_the_partnership_is_loaded_into_an_empty_database_by_role_and_sourced():
    # The module's data was loaded into an empty database.
    assert by_role("coordinator") == ["region-vasterbotten"]
    assert by_role("partner") == [
        "skelleftea-municipality",
        "council-of-oulu-region",
        "osao",
    ]
    assert by_role("funder") == ["interreg-nord", "regional-council-of-lapland"]
    organisations = PartnerOrganisation.objects.all()
    assert {o.origin for o in organisations} == {"bundled"}
    assert all(o.source_version for o in organisations)
    assert {o.source_url for o in organisations} == {SOURCE}
    assert not organisations.exclude(email="").exists()  # none is published
    assert PartnerOrganisation.objects.get(slug="interreg-nord").country == ""
    municipality = PartnerOrganisation.objects.get(slug="skelleftea-municipality")
    assert (municipality.name_fi, municipality.name_sv, municipality.name_en) == (
        "Skellefteån kunta",
        "Skellefteå kommun",
        "Skellefteå Municipality",
    )
    for language in ("fi", "sv", "en"):
        for field in ("name", "description"):
            assert not organisations.filter(
                **{f"{field}_{language}__in": ["", None]}
            ).exists()


def test_a_coordinators_change_survives_a_load_and_is_reported():
    council = PartnerOrganisation.objects.get(slug="council-of-oulu-region")
    admin_save(council, email="kirjaamo@example.fi", position=5)

    output = load()

    council.refresh_from_db()
    assert (council.email, council.position) == ("kirjaamo@example.fi", 5)
    assert (
        "partners.csv council-of-oulu-region email database: kirjaamo@example.fi bundled: —"
        in output
    )
    assert (
        "partners.csv council-of-oulu-region position database: 5 bundled: 2" in output
    )
    assert any(
        line.startswith("Partner organisations: 1 changed in the database and kept")
        for line in output
    )
    assert "Bundled data already up to date." in output  # nothing written


def test_an_untouched_organisation_follows_the_file(data_dir):
    path = data_dir / "partners.csv"
    edit_row(path, {"slug": "osao"}, website="https://www.osao.fi/en/")

    output = load("--data-dir", str(data_dir))

    osao = PartnerOrganisation.objects.get(slug="osao")
    assert osao.website == "https://www.osao.fi/en/"
    assert osao.history.first().history_channel == "loader"
    assert not any(line.startswith("partners.csv") for line in output)
    assert any(line.startswith("Partner organisations: 1 updated") for line in output)


def test_a_deleted_organisation_stays_deleted_and_comes_back_only_when_restored():
    with changes_through(ChangeChannel.ADMIN):
        PartnerOrganisation.objects.get(slug="regional-council-of-lapland").delete()

    output = load()

    assert not PartnerOrganisation.objects.filter(
        slug="regional-council-of-lapland"
    ).exists()
    assert "partners.csv regional-council-of-lapland deleted in the database" in output

    load("--restore-deleted", "partners.csv:regional-council-of-lapland")

    restored = PartnerOrganisation.objects.get(slug="regional-council-of-lapland")
    assert restored.history.first().history_change_reason == (
        "Deleted record restored from the bundled data"
    )


def test_an_organisation_whose_slug_a_coordinator_changed_is_not_added_again():
    osao = PartnerOrganisation.objects.get(slug="osao")
    admin_save(osao, slug="osao-oulu")

    output = load()

    assert not PartnerOrganisation.objects.filter(slug="osao").exists()
    assert "partners.csv osao slug database: osao-oulu bundled: osao" in output


def test_a_new_organisation_in_the_file_is_added_and_one_entered_in_the_admin_stays(
    data_dir,
):
    with changes_through(ChangeChannel.ADMIN):
        PartnerOrganisation.objects.create(
            slug="kokkola", name_fi="Kokkolan kaupunki", country="FI"
        )
    add_row(
        data_dir / "partners.csv",
        slug="region-norrbotten",
        role="partner",
        country="SE",
        name_fi="Region Norrbotten",
        name_sv="Region Norrbotten",
        name_en="Region Norrbotten",
        description_fi="Kuvaus.",
        description_sv="Beskrivning.",
        description_en="Description.",
        position="4",
        source_url=SOURCE,
    )

    output = load("--data-dir", str(data_dir))

    assert PartnerOrganisation.objects.get(slug="region-norrbotten").origin == "bundled"
    assert PartnerOrganisation.objects.filter(slug="kokkola").exists()
    assert output[-1] == "Bundled data loaded."


def test_a_bad_role_names_file_row_and_field_and_writes_nothing(data_dir):
    before = everything()
    path = data_dir / "partners.csv"
    edit_row(path, {"slug": "osao"}, description_en="Changed in the same load.")
    edit_row(path, {"slug": "interreg-nord"}, role="sponsor")
    edit_row(data_dir / "segments.csv", {"code": "recycling"}, name_en="Renamed")

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    row = line_of(path, "interreg-nord")
    assert [str(e) for e in raised.value.errors] == [
        f"partners.csv, row {row}, field “role”: “sponsor” is not one of: coordinator, partner, funder."
    ]
    assert everything() == before
    assert PartnerOrganisation.objects.get(slug="osao").description_en.startswith(
        "OSAO took part"
    )


def test_a_bad_country_or_address_is_reported_with_its_field(data_dir):
    path = data_dir / "partners.csv"
    edit_row(path, {"slug": "osao"}, country="NO")
    edit_row(path, {"slug": "council-of-oulu-region"}, email="kirjaamo at oulu")

    with pytest.raises(BundledDataError) as raised:
        load_bundled_data(data_dir)

    message = str(raised.value)
    assert f"partners.csv, row {line_of(path, 'osao')}, field “country”" in message
    assert (
        f"partners.csv, row {line_of(path, 'council-of-oulu-region')}, field “email”"
        in message
    )
