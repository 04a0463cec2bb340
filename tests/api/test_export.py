"""The bulk export: the whole public dataset as JSON Lines and CSV in one zip with its manifest, the same objects as
the API, written once per data version (ETag), at a fixed number of queries whatever the amount of data, and the
management command that writes it for a nightly job."""

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from batteryregion.bulk_export.archive import (
    bundled_data_version,
    current_export,
    write_export,
)
from batteryregion.bulk_export.resources import RESOURCES
from batteryregion.models import DataVersion
from gaps.cooperation.models import Action
from programmes.models import Programme
from skills.models import ActorLink, CompetenceNeed, Workshop
from tests.api.factories import (
    complete_actor,
    complete_link,
    complete_occupation,
    complete_programme,
    copies_of,
    more_links,
)
from tests.factories import (
    ActionFactory,
    ActionFigureFactory,
    ActionParticipantFactory,
    ActorLinkFactory,
    CompetenceNeedFactory,
    ProgrammeFactory,
    SkillFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db

EXPORT = "/api/v1/export/"


@pytest.fixture(autouse=True)
def export_dir(settings, tmp_path):
    settings.EXPORT_DIR = tmp_path / "exports"
    return settings.EXPORT_DIR


def data_version(number: int) -> None:
    DataVersion.objects.update_or_create(pk=1, defaults={"number": number})


@pytest.fixture
def dataset():
    data_version(3)
    programme = complete_programme(slug="battery-operator")
    ProgrammeFactory(slug="draft-programme", state="draft")
    ProgrammeFactory(slug="old-programme", state="discontinued")
    CompetenceNeedFactory(slug="public-need")
    CompetenceNeedFactory(slug="partners-need", visibility="partners")
    actor = complete_actor(slug="recycler")
    complete_occupation(slug="cell-operator")
    complete_link()
    ActorLinkFactory(state="draft")
    # A public action naming both needs and both programmes; only what is public shows in the export.
    action = ActionFactory(slug="joint-cells")
    action.needs.set(CompetenceNeed.objects.all())
    action.programmes.set(Programme.objects.all())
    ActionParticipantFactory(action=action, actor=actor, role="lead")
    ActionFigureFactory(action=action)
    ActionFactory(slug="partners-action", visibility="partners")
    ActionFactory(slug="coordinators-action", visibility="coordinators")
    # A workshop with a public summary that identified both needs (only the public one shows), and one without.
    workshop = WorkshopFactory(slug="battery-day")
    CompetenceNeed.objects.update(workshop=workshop, source_kind="workshop")
    WorkshopFactory(slug="closed-workshop", is_summary_public=False)
    return programme


def unzip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def jsonl(files: dict[str, bytes], resource: str) -> list[dict]:
    return [json.loads(line) for line in files[f"jsonl/{resource}.jsonl"].splitlines()]


def csv_rows(files: dict[str, bytes], name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(files[f"csv/{name}.csv"].decode())))


def test_the_export_is_a_zip_of_json_lines_csv_and_a_manifest(api_client, dataset):
    response = api_client.get(EXPORT)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="battery-region-export-3.zip"'
    )
    assert response["ETag"] == '"3"'
    files = unzip(b"".join(response.streaming_content))
    manifest = json.loads(files["manifest.json"])
    assert set(manifest["resources"]) == {resource.name for resource in RESOURCES}
    for name, entry in manifest["resources"].items():
        assert entry["jsonl"] == f"jsonl/{name}.jsonl"
        assert len(jsonl(files, name)) == entry["count"]
        assert set(entry["csv"]) <= set(files)
    assert manifest["data_version"] == 3
    assert manifest["bundled_data_version"] == bundled_data_version()
    assert manifest["nuts_version"] == "2021"
    assert manifest["resources"]["programmes"]["csv"] == [
        "csv/programmes.csv",
        "csv/programmes__entry_requirements.csv",
        "csv/programmes__intakes.csv",
        "csv/programmes__occupations.csv",
        "csv/programmes__offerings.csv",
        "csv/programmes__skills.csv",
    ]


def test_each_line_is_the_object_the_api_gives(api_client, dataset):
    files = unzip(b"".join(api_client.get(EXPORT).streaming_content))

    [operator] = [
        p for p in jsonl(files, "programmes") if p["slug"] == "battery-operator"
    ]
    assert operator == api_client.get("/api/v1/programmes/battery-operator/").json()
    [occupation] = [
        o for o in jsonl(files, "occupations") if o["slug"] == "cell-operator"
    ]
    assert occupation == api_client.get("/api/v1/occupations/cell-operator/").json()
    assert (
        jsonl(files, "skills")
        == api_client.get("/api/v1/skills/", {"page_size": 200}).json()["results"]
    )
    # Published links only here (the draft is not exported), each as the API gives it.
    assert (
        jsonl(files, "actor_links")
        == api_client.get("/api/v1/actor-links/", {"page_size": 200}).json()["results"]
    )


def test_only_what_an_anonymous_partner_may_read_is_exported(api_client, dataset):
    files = unzip(b"".join(api_client.get(EXPORT).streaming_content))

    programmes = {p["slug"]: p["state"] for p in jsonl(files, "programmes")}
    assert programmes == {
        "battery-operator": "published",
        "old-programme": "discontinued",
    }
    assert [need["slug"] for need in jsonl(files, "competence_needs")] == [
        "public-need"
    ]
    # Public actions only, naming only the public needs they address, each as an anonymous caller reads it.
    actions = jsonl(files, "cooperation_actions")
    assert [action["slug"] for action in actions] == ["joint-cells"]
    assert actions[0]["needs"] == ["public-need"]
    assert actions[0]["programmes"] == ["battery-operator", "old-programme"]
    assert (
        actions
        == (
            api_client.get("/api/v1/cooperation-actions/", {"page_size": 200}).json()[
                "results"
            ]
        )
    )


def test_the_export_holds_the_public_workshops_with_their_public_needs_and_no_contact(
    api_client, dataset
):
    files = unzip(b"".join(api_client.get(EXPORT).streaming_content))

    workshops = jsonl(files, "workshops")
    assert [workshop["slug"] for workshop in workshops] == ["battery-day"]
    assert workshops[0]["needs"] == ["public-need"]
    assert workshops == api_client.get("/api/v1/workshops/").json()["results"]
    everything = b"".join(files.values()).decode(errors="replace")
    assert "contact" not in everything
    assert "maija.meikalainen@example.org" not in everything
    assert "Meikäläinen" not in everything


def test_the_csv_flattens_texts_into_columns_and_lists_into_tables(api_client, dataset):
    files = unzip(b"".join(api_client.get(EXPORT).streaming_content))

    [row] = [
        r for r in csv_rows(files, "programmes") if r["slug"] == "battery-operator"
    ]
    assert row["name.fi"] == dataset.name_fi
    assert row["provider.name.sv"] == dataset.provider.name_sv
    assert row["segments"] == "cell-manufacturing|recycling"
    assert row["awarded_level_uri"] == "http://data.europa.eu/snb/eqf/4"
    assert row["credits"] == "180.0"
    assert "offerings" not in row
    [offering] = [
        o
        for o in csv_rows(files, "programmes__offerings")
        if o["programmes.slug"] == "battery-operator"
    ]
    assert offering["site"] == dataset.offerings.get().site.slug
    assert offering["town.sv"] == "Uleåborg"
    assert offering["region"] == "FI1D9"
    skills = [
        s
        for s in csv_rows(files, "programmes__skills")
        if s["programmes.slug"] == "battery-operator"
    ]
    assert [(s["slug"], s["esco_uri"]) for s in skills] == [
        (skill.slug, skill.esco_uri) for skill in dataset.skills.all()
    ]


def test_the_export_is_written_once_per_data_version(api_client, dataset, export_dir):
    first = api_client.get(EXPORT)
    b"".join(first.streaming_content)
    [written] = export_dir.glob("export-*.zip")
    modified = written.stat().st_mtime_ns

    again = api_client.get(EXPORT)
    b"".join(again.streaming_content)
    assert written.stat().st_mtime_ns == modified
    assert api_client.get(EXPORT, HTTP_IF_NONE_MATCH='"3"').status_code == 304

    SkillFactory(slug="new-skill")
    data_version(4)
    changed = api_client.get(EXPORT, HTTP_IF_NONE_MATCH='"3"')

    assert changed.status_code == 200
    assert changed["ETag"] == '"4"'
    files = unzip(b"".join(changed.streaming_content))
    assert "new-skill" in {skill["slug"] for skill in jsonl(files, "skills")}
    # The older file is gone; only the current one is kept.
    assert [path.name for path in export_dir.glob("export-*.zip")] == [
        current_export("http://testserver/").path.name
    ]


def test_the_manifest_has_its_own_address_with_the_licence_and_attributions(
    api_client, dataset
):
    response = api_client.get(f"{EXPORT}manifest/")

    assert response.status_code == 200
    assert response["ETag"] == '"3"'
    manifest = response.json()
    assert manifest["resources"]["programmes"]["count"] == 2
    assert manifest["api"] == "http://testserver/api/v1/"
    attributions = manifest["licence"]["attributions"]
    assert attributions[0]["text"]["en"] == (
        "This service uses the ESCO classification of the European Commission."
    )
    assert attributions[1]["text"]["en"] == (
        "© EuroGeographics for the administrative boundaries."
    )
    assert set(manifest["licence"]["statement"]) == {"fi", "sv", "en"}
    assert api_client.get(
        f"{EXPORT}manifest/", HTTP_IF_NONE_MATCH='"3"'
    ).status_code == (304)


def test_a_declared_licence_is_stated(api_client, dataset, settings):
    settings.DATA_LICENCE = "CC BY 4.0"
    settings.DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

    licence = api_client.get(f"{EXPORT}manifest/").json()["licence"]

    assert "CC BY 4.0" in licence["statement"]["en"]
    assert licence["url"] == "https://creativecommons.org/licenses/by/4.0/"


def test_writing_the_export_does_the_same_queries_for_small_and_large_data(
    tmp_path, dataset
):
    with CaptureQueriesContext(connection) as small:
        write_export(tmp_path / "small.zip", "")
    copies_of(dataset, 60, children=("offerings", "entry_requirements", "intakes"))
    for number in range(30):
        CompetenceNeedFactory(slug=f"need-{number}")
        complete_actor(slug=f"actor-{number}")
    more_links(ActorLink.objects.get(state="published"), 30)
    copies_of(
        Action.objects.get(slug="joint-cells"), 30, children=("participants", "figures")
    )
    copies_of(Workshop.objects.get(slug="battery-day"), 30)
    with CaptureQueriesContext(connection) as large:
        manifest = write_export(tmp_path / "large.zip", "")

    assert manifest["resources"]["programmes"]["count"] == 62
    assert len(large.captured_queries) == len(small.captured_queries)
    # The data version, then per resource its rows and their related rows: segments 1, regions 1, municipalities 1,
    # levels 1, qualification types 1, fields 1, skills 1, occupations 3, actors 3, programmes 6, needs 2, links 2,
    # cooperation actions 6 (rows, what they address, needs, programmes, participants, figures), workshops 4 (rows
    # with the organiser, segments and regions, participants, needs).
    assert len(small.captured_queries) == 1 + 29 + 4


def test_the_command_writes_the_zip_and_the_manifest_to_a_folder(tmp_path, dataset):
    output = tmp_path / "nightly"
    out = io.StringIO()

    call_command(
        "export_public_data",
        str(output),
        "--base-url",
        "https://map.example.org/",
        stdout=out,
    )

    manifest = json.loads((output / "manifest.json").read_text())
    files = unzip((output / "export.zip").read_bytes())
    assert json.loads(files["manifest.json"]) == manifest
    [operator] = [
        p for p in jsonl(files, "programmes") if p["slug"] == "battery-operator"
    ]
    assert operator["page_url"]["sv"] == (
        "https://map.example.org/sv/programmes/battery-operator/"
    )
    assert "data version 3" in out.getvalue()


def test_the_schema_documents_the_export(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    assert (
        "application/zip"
        in schema["paths"][EXPORT]["get"]["responses"]["200"]["content"]
    )
    assert f"{EXPORT}manifest/" in schema["paths"]
