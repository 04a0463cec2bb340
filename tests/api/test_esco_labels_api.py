"""Skills and occupations in the partner API with what the ESCO import gives them: alternative labels as a list per
language, and the ESCO version each concept was checked against; the same in the schema, the bulk export and the
change feed."""

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from batteryregion.records import ChangeChannel, changes_through
from skills import selectors
from skills.esco_serializers import (
    OccupationDetailSerializer,
    OccupationSerializer,
    SkillSerializer,
)
from skills.models import Occupation, Skill
from tests.api.factories import complete_occupation
from tests.api.test_api_costs import drf_item
from tests.factories import OccupationFactory, SkillFactory

pytestmark = pytest.mark.django_db

OFFICIAL = Path(__file__).parent.parent / "esco_import" / "fixtures" / "official"
ASSEMBLER_URI = (
    "http://data.europa.eu/esco/occupation/a1b2c3d4-0001-4000-8000-000000000001"
)
CELLS_URI = "http://data.europa.eu/esco/skill/b1b2c3d4-0001-4000-8000-000000000001"


@pytest.fixture
def assembler() -> Occupation:
    return complete_occupation(
        slug="battery-assembler",
        alt_labels_fi="akkuasentaja\nakkukokoonpanija",
        alt_labels_sv="batterimontör",
        alt_labels_en="",
        esco_version="v1.2.0",
    )


@pytest.fixture
def cell_handling() -> Skill:
    return SkillFactory(
        slug="cell-handling",
        alt_labels_fi="",
        alt_labels_sv="hantera battericeller\nhantera litiumceller",
        alt_labels_en="handle battery cells",
        esco_version="v1.2.0",
    )


def test_a_skill_gives_its_alternative_labels_per_language_and_its_esco_version(
    api_client, cell_handling
):
    [item] = api_client.get("/api/v1/skills/").json()["results"]
    detail = api_client.get("/api/v1/skills/cell-handling/").json()

    for shown in (item, detail):
        assert shown["alt_labels"] == {
            "fi": [],
            "sv": ["hantera battericeller", "hantera litiumceller"],
            "en": ["handle battery cells"],
        }
        assert shown["esco_version"] == "v1.2.0"


def test_an_occupation_list_and_detail_give_alternative_labels_and_esco_version(
    api_client, assembler
):
    [item] = api_client.get("/api/v1/occupations/").json()["results"]
    detail = api_client.get("/api/v1/occupations/battery-assembler/").json()

    for shown in (item, detail):
        assert shown["alt_labels"] == {
            "fi": ["akkuasentaja", "akkukokoonpanija"],
            "sv": ["batterimontör"],
            "en": [],
        }
        assert shown["esco_version"] == "v1.2.0"
    assert detail["essential_skills"]  # the detail keeps its own fields beside them


def test_a_local_entry_has_no_esco_version_and_blank_lines_are_no_labels(api_client):
    local = OccupationFactory(
        slug="cell-formation-operator",
        esco_uri=None,
        is_local=True,
        alt_labels_fi="  formaatio-operaattori \n\n\r\nkennojen formaattori\n",
        alt_labels_sv="\n",
    )

    item = api_client.get("/api/v1/occupations/cell-formation-operator/").json()

    assert item["esco_version"] is None
    assert item["alt_labels"] == {
        "fi": ["formaatio-operaattori", "kennojen formaattori"],
        "sv": [],
        "en": [],
    }
    # The same entries as the model's own reading of the field (the search and the admin use it).
    assert item["alt_labels"] == {
        code: local.alternative_labels(code) for code in ("fi", "sv", "en")
    }


def test_the_fast_path_writes_the_alternative_labels_and_version_as_drf_does(
    api_client, assembler, cell_handling
):
    OccupationFactory(esco_uri=None, is_local=True, alt_labels_fi=" a \n\nb")
    request = RequestFactory().get("/api/v1/")
    pairs = [
        ("/api/v1/skills/", selectors.skills_for_api(), SkillSerializer),
        ("/api/v1/occupations/", selectors.occupations_for_api(), OccupationSerializer),
    ]

    for address, records, serializer in pairs:
        listed = api_client.get(address).json()["results"]
        assert listed == [drf_item(serializer, record, request) for record in records]
    detail = api_client.get("/api/v1/occupations/battery-assembler/").json()
    reference = drf_item(OccupationDetailSerializer, assembler, request)
    assert (detail["alt_labels"], detail["esco_version"]) == (
        reference["alt_labels"],
        reference["esco_version"],
    )


def test_the_alternative_labels_add_no_query(
    api_client, assembler, cell_handling, django_assert_num_queries
):
    # The counts of tests/api/test_api_costs.py: the labels and version are columns of rows read anyway.
    with django_assert_num_queries(2):
        api_client.get("/api/v1/skills/")
    with django_assert_num_queries(1):
        api_client.get("/api/v1/skills/cell-handling/")
    with django_assert_num_queries(3):
        api_client.get("/api/v1/occupations/")
    with django_assert_num_queries(3):
        api_client.get("/api/v1/occupations/battery-assembler/")


def test_the_schema_describes_the_alternative_labels_as_a_list_per_language(
    api_client,
):
    schema = api_client.get("/api/schema/?format=json").json()
    components = schema["components"]["schemas"]

    lists = components["TranslatedTextLists"]
    assert lists["properties"] == {
        code: {"type": "array", "items": {"type": "string"}}
        for code in ["fi", "sv", "en"]
    }
    assert sorted(lists["required"]) == ["en", "fi", "sv"]
    assert "empty list" in lists["description"]
    for name in ("Skill", "Occupation", "OccupationDetail"):
        properties = components[name]["properties"]
        assert properties["alt_labels"]["allOf"] == [
            {"$ref": "#/components/schemas/TranslatedTextLists"}
        ]
        assert "alternative labels" in properties["alt_labels"]["description"]
        assert properties["esco_version"]["type"] == "string"
        assert properties["esco_version"]["nullable"] is True
        assert "ESCO release" in properties["esco_version"]["description"]
        assert {"alt_labels", "esco_version"} <= set(components[name]["required"])


def unzip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_export_carries_them_as_the_api_does_and_as_columns_per_language(
    api_client, assembler, cell_handling, settings, tmp_path
):
    settings.EXPORT_DIR = tmp_path
    files = unzip(b"".join(api_client.get("/api/v1/export/").streaming_content))

    [occupation] = [
        json.loads(line) for line in files["jsonl/occupations.jsonl"].splitlines()
    ]
    assert occupation == api_client.get("/api/v1/occupations/battery-assembler/").json()
    [skill] = [
        row
        for row in csv.DictReader(io.StringIO(files["csv/skills.csv"].decode()))
        if row["slug"] == "cell-handling"
    ]
    assert (skill["alt_labels.fi"], skill["alt_labels.sv"], skill["alt_labels.en"]) == (
        "",
        "hantera battericeller|hantera litiumceller",
        "handle battery cells",
    )
    assert skill["esco_version"] == "v1.2.0"
    [row] = csv.DictReader(io.StringIO(files["csv/occupations.csv"].decode()))
    assert row["alt_labels.fi"] == "akkuasentaja|akkukokoonpanija"
    assert row["esco_version"] == "v1.2.0"


def test_an_esco_import_shows_in_the_api_and_in_the_change_feed(api_client):
    with changes_through(ChangeChannel.LOADER):
        OccupationFactory(slug="battery-assembler", esco_uri=ASSEMBLER_URI)
        SkillFactory(slug="cells", esco_uri=CELLS_URI)
        OccupationFactory(slug="untouched")
    since = timezone.now()

    call_command(
        "import_esco", str(OFFICIAL), "--version", "v1.2.0", stdout=io.StringIO()
    )

    detail = api_client.get("/api/v1/occupations/battery-assembler/").json()
    assert detail["alt_labels"]["sv"] == ["batterimontör", "montör av batterier"]
    assert detail["alt_labels"]["en"] == [
        "battery fitter",
        "battery assembly worker",
        "assembler of batteries",
    ]
    assert detail["esco_version"] == "v1.2.0"
    assert detail["modified"] >= since.isoformat().replace("+00:00", "Z")
    entries = api_client.get("/api/v1/changes/", {"since": since.isoformat()}).json()[
        "results"
    ]
    assert sorted((e["type"], e["identifier"], e["kind"]) for e in entries) == [
        ("occupation", "battery-assembler", "updated"),
        ("skill", "cells", "updated"),
    ]
    changed = api_client.get(
        "/api/v1/occupations/", {"modified_since": since.isoformat()}
    ).json()["results"]
    assert [item["slug"] for item in changed] == ["battery-assembler"]
    assert changed[0]["alt_labels"] == detail["alt_labels"]
