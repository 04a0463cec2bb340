"""The import pages in the admin: upload, preview, confirm, cancel, progress; who may see and do what; the export
of a filtered admin list imports again unchanged."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from batteryregion.imports.models import ImportJob
from coordinators.models import Coordinator
from programmes.models import Programme
from tests.factories import ProgrammeFactory, SiteFactory
from tests.imports.helpers import csv_file

pytestmark = pytest.mark.django_db

ADD = "/admin/imports/importjob/add/"


@pytest.fixture
def ours(coordinator) -> Programme:
    """A programme of the coordinator's organisation."""
    programme = ProgrammeFactory(slug="ours", places_per_year=20)
    Coordinator.objects.get(user=coordinator).organisations.add(programme.provider)
    return programme


def upload(client: Client, content: bytes, name: str = "places.csv", **data) -> object:
    return client.post(ADD, {"file": SimpleUploadedFile(name, content), **data})


def test_a_coordinator_previews_then_confirms_changes_to_their_own_records_only(
    coordinator, coordinator_client, ours, django_capture_on_commit_callbacks
):
    theirs = ProgrammeFactory(slug="theirs", places_per_year=20)
    content = csv_file(["slug", "places_per_year"], ["ours", "25"], ["theirs", "25"])

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(coordinator_client, content)
    job = ImportJob.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == job.get_absolute_url()
    )
    assert job.state == ImportJob.State.PREVIEWED
    assert job.preview["counts"] == {"programmes": {"created": 0, "changed": 1, "unchanged": 0, "refused": 1}}  # fmt: skip

    page = coordinator_client.get(job.get_absolute_url())
    html = page.content.decode()
    assert "This is what the import would do. Nothing has changed yet." in html
    assert "You may not change this record: it is outside your organisations and regions." in html  # fmt: skip
    assert "Confirm the import" in html
    ours.refresh_from_db()
    assert ours.places_per_year == 20

    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(f"/admin/imports/importjob/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.state == ImportJob.State.IMPORTED
    assert job.result["counts"]["programmes"]["changed"] == 1
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert (ours.places_per_year, theirs.places_per_year) == (25, 20)
    assert "The import is done." in coordinator_client.get(job.get_absolute_url()).content.decode()  # fmt: skip


def test_the_preview_says_what_of_the_file_is_left_out(coordinator_client, ours, django_capture_on_commit_callbacks):  # fmt: skip
    content = csv_file(["slug", "places_per_year", "Notes"], ["ours", "25", "asked"])
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(ADD, {"file": SimpleUploadedFile("places.csv", content)}, HTTP_ACCEPT_LANGUAGE="sv")  # fmt: skip
    job = ImportJob.objects.get()
    html = coordinator_client.get(job.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="sv").content.decode()  # fmt: skip
    assert "<h2>Lämnas bort ur filen</h2>" in html
    assert "har kolumner som kolumnbeskrivningen inte känner till; de lämnas bort: notes." in html  # fmt: skip
    assert job.preview["counts"]["programmes"]["changed"] == 1


def test_confirming_twice_imports_once(coordinator_client, ours, django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        upload(
            coordinator_client, csv_file(["slug", "places_per_year"], ["ours", "25"])
        )
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(f"/admin/imports/importjob/{job.pk}/confirm/")
    versions = ours.history.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(f"/admin/imports/importjob/{job.pk}/confirm/", follow=True)  # fmt: skip
    assert "This import is not waiting for confirmation." in response.content.decode()
    assert ours.history.count() == versions


def test_cancelling_changes_nothing(coordinator_client, ours, django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        upload(
            coordinator_client, csv_file(["slug", "places_per_year"], ["ours", "25"])
        )
    job = ImportJob.objects.get()
    coordinator_client.post(f"/admin/imports/importjob/{job.pk}/cancel/")
    job.refresh_from_db()
    assert job.state == ImportJob.State.CANCELLED
    assert coordinator_client.post(f"/admin/imports/importjob/{job.pk}/confirm/").status_code == 302  # fmt: skip
    ours.refresh_from_db()
    assert ours.places_per_year == 20


def test_a_file_that_cannot_be_read_fails_with_its_reason(coordinator_client, ours, django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        upload(coordinator_client, b"colour,size\nred,1\n", "odd.csv")
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.FAILED
    html = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert "its columns name none of them" in html
    assert "Nothing was changed." in html


def test_the_upload_form_refuses_other_files_in_the_coordinators_language(coordinator_client, ours):  # fmt: skip
    coordinator_client.cookies["django_language"] = "fi"
    response = coordinator_client.post(
        ADD, {"file": SimpleUploadedFile("notes.txt", b"x")}, HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert response.status_code == 400
    assert "Lataa CSV-tiedosto (.csv) tai Excel-työkirja (.xlsx), ei ”notes.txt”." in response.content.decode()  # fmt: skip
    assert not ImportJob.objects.exists()


def test_the_progress_fragment_polls_while_running_and_reloads_when_done(coordinator, coordinator_client):  # fmt: skip
    job = ImportJob.objects.create(created_by=coordinator, file_name="big.csv", content=b"", language="en")  # fmt: skip
    running = coordinator_client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 2s"' in running.content.decode()
    assert "HX-Refresh" not in running
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.PREVIEWED)
    done = coordinator_client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_progress_is_shown_while_the_task_runs(coordinator, coordinator_client):
    from django.core.cache import caches

    from batteryregion.imports.tasks import progress_key

    job = ImportJob.objects.create(created_by=coordinator, file_name="big.csv", content=b"", language="en")  # fmt: skip
    caches["progress"].set(progress_key(job.pk), (1200, 5000))
    html = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert '<progress id="import-progress" max="5000" value="1200"' in html
    assert "1,200 of 5,000 rows read." in html


def test_jobs_are_their_uploaders(coordinator, lead_coordinator_client, coordinator_client, ours):  # fmt: skip
    job = ImportJob.objects.create(created_by=coordinator, file_name="mine.csv", content=b"slug\n", language="en")  # fmt: skip
    assert coordinator_client.get(job.get_absolute_url()).status_code == 200
    assert lead_coordinator_client.get(job.get_absolute_url()).status_code == 403
    assert lead_coordinator_client.post(f"/admin/imports/importjob/{job.pk}/confirm/").status_code == 403  # fmt: skip
    listing = lead_coordinator_client.get("/admin/imports/importjob/").content.decode()
    assert "mine.csv" not in listing
    assert "mine.csv" in coordinator_client.get("/admin/imports/importjob/").content.decode()  # fmt: skip


@pytest.mark.parametrize("who", ["anonymous", "partner", "staff_without_role"])
def test_who_may_not_import(who, partner):
    client = Client()
    if who == "partner":
        client.force_login(partner)
    elif who == "staff_without_role":
        client.force_login(
            User.objects.create_user("staff", password="pw", is_staff=True)
        )
    for address in (ADD, "/admin/imports/importjob/columns/", "/admin/imports/importjob/template.xlsx"):  # fmt: skip
        response = client.get(address)
        assert response.status_code in (302, 403), address
        assert response.status_code == 403 or "/admin/login/" in response["Location"]


def test_the_column_layout_and_the_empty_workbook(coordinator_client, ours):
    import tablib

    html = coordinator_client.get("/admin/imports/importjob/columns/").content.decode()
    for kind in ("actors", "sites", "programmes", "offerings", "intakes", "competence_needs"):  # fmt: skip
        assert f'id="{kind}"' in html
    assert "<code>entry_qualifications</code>" in html
    response = coordinator_client.get("/admin/imports/importjob/template.xlsx")
    book = tablib.Databook().load(response.content, "xlsx")
    assert [sheet.title for sheet in book.sheets()][:3] == ["actors", "sites", "programmes"]  # fmt: skip
    assert "name_sv" in book.sheets()[2].headers


def test_the_export_of_a_filtered_list_imports_again_unchanged(superuser_client_and_user):  # fmt: skip
    client, superuser = superuser_client_and_user
    kept = ProgrammeFactory(slug="kept", kind=Programme.Kind.COURSE)
    SiteFactory(actor=kept.provider)
    ProgrammeFactory(slug="other", kind=Programme.Kind.DEGREE)
    address = "/admin/programmes/programme/export/?kind__exact=course"
    form = client.get(address).context["form"]
    data = {name: "on" for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)}  # fmt: skip
    data.update({"format": "0", "resource": "0"})
    response = client.post(address, data)
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content  # fmt: skip
    text = content.decode("utf-8-sig")
    assert "kept" in text and "other" not in text

    from batteryregion.imports.running import run_import

    summary = run_import(file_name="export.csv", content=content, kind="", user=superuser, language="en", confirm=False)  # fmt: skip
    assert summary.counts == {"programmes": {"created": 0, "changed": 0, "unchanged": 1, "refused": 0}}  # fmt: skip


@pytest.fixture
def superuser_client_and_user():
    user = User.objects.create_superuser("root", "root@example.org", "pw")
    client = Client()
    client.force_login(user)
    return client, user
