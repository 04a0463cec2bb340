"""Who may import, and what an import changes, for every role: the same small world and the same expectations as
the admin's permission matrix (tests/coordinators/test_permission_matrix.py), so that an import never reaches
further than the admin does."""

from collections.abc import Iterator

import pytest
from django.db import transaction

from batteryregion.imports.layouts import BY_MODEL
from batteryregion.imports.models import ImportJob
from batteryregion.imports.running import run_import
from tests.coordinators.test_permission_matrix import ACTORS, PLACED
from tests.coordinators.world import ROLES, World, build_world, client_of

# What a role may change of "ours" and "theirs" (the matrix's third and second columns).
CHANGES = {"programmes.programme": PLACED, "skills.site": PLACED, "skills.competenceneed": PLACED, "skills.actor": ACTORS}  # fmt: skip
EDITING = {"change", "delete"}
# Which text column each kind's row changes.
CHANGED_COLUMN = {
    "programmes.programme": "name_en",
    "skills.site": "town_en",
    "skills.competenceneed": "description_en",
    "skills.actor": "name_en",
}
MAY_IMPORT = {"coordinator_a", "coordinator_b", "lead_fi", "lead_se", "superuser"}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        built.clients = {role: client_of(built, role) for role in ROLES}
        yield built
        transaction.set_rollback(True)


def cases() -> Iterator[tuple[str, str, str]]:
    for label in CHANGES:
        for role in ROLES[1:]:
            for which in ("ours", "theirs"):
                yield label, role, which


@pytest.mark.parametrize("label, role, which", list(cases()))
def test_an_import_changes_a_record_exactly_when_the_admin_would(db, world, label, role, which):  # fmt: skip
    record = world.record(label, which)
    layout = BY_MODEL[type(record)]
    column = CHANGED_COLUMN[label]
    key = {name: layout.resource().values(record)[name] for name in layout.key}
    header = [*layout.key, column]
    content = (",".join(header) + "\n" + ",".join([*key.values(), "Imported name"]) + "\n").encode()  # fmt: skip

    summary = run_import(
        file_name="one.csv",
        content=content,
        kind=layout.name,
        user=world.users[role],
        language="en",
        confirm=True,  # fmt: skip
    )

    may_change = CHANGES[label][role][1 if which == "ours" else 2] in EDITING
    assert not summary.refused or not may_change, summary.refused
    counts = summary.counts[layout.name]
    assert (counts["changed"], counts["refused"]) == ((1, 0) if may_change else (0, 1))
    assert (
        getattr(world.record(label, which), column) == "Imported name"
    ) is may_change


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_the_import_pages(db, world, role):
    client = world.clients[role]
    for address in ("/admin/imports/importjob/add/", "/admin/imports/importjob/columns/", "/admin/imports/importjob/"):  # fmt: skip
        status = client.get(address).status_code
        if role == "anonymous":
            assert status == 302
        else:
            assert (status == 200) is (role in MAY_IMPORT), (address, status)


@pytest.mark.parametrize("role", ROLES[1:])
def test_a_job_is_seen_and_confirmed_by_its_uploader_alone(db, world, role):
    uploader = world.users["coordinator_a"]
    job = ImportJob.objects.create(created_by=uploader, file_name="a.csv", content=b"slug\n", language="en", state=ImportJob.State.PREVIEWED)  # fmt: skip
    client = world.clients[role]
    page = client.get(job.get_absolute_url()).status_code
    confirm = client.post(f"/admin/imports/importjob/{job.pk}/confirm/").status_code
    if role == "coordinator_a":
        assert (page, confirm) == (200, 302)
    elif role == "superuser":
        assert (page, confirm) == (200, 403)  # sees every job, confirms only their own
    else:
        assert (page, confirm) == (403, 403)


@pytest.mark.parametrize("with_offering", [True, False])
def test_a_new_programme_is_within_a_regional_coordinators_reach_through_its_offering(db, world, with_offering):  # fmt: skip
    import tablib

    from tests.imports.helpers import workbook

    programmes = tablib.Dataset(
        ["regional-course", "actor-d", "course", "Regional course", "online", "ects", "https://example.org/r"],
        headers=["slug", "provider", "kind", "name_en", "delivery_mode", "credit_unit", "source_url"],
    )  # fmt: skip
    sheets = {"programmes": programmes}
    if with_offering:
        sheets["offerings"] = tablib.Dataset(["regional-course", "site-d", "2027-01-15"], headers=["programme", "site", "starts_on"])  # fmt: skip
    summary = run_import(
        file_name="regional.xlsx",
        content=workbook(**sheets),
        kind="",
        user=world.users["coordinator_b"],
        language="en",
        confirm=True,  # fmt: skip
    )
    assert summary.counts["programmes"]["created"] == (1 if with_offering else 0)
    assert summary.counts["programmes"]["refused"] == (0 if with_offering else 1)


def test_a_new_programme_without_a_slug_is_in_reach_through_an_offering_that_names_it(db, world):  # fmt: skip
    import tablib

    from tests.imports.helpers import workbook

    programmes = tablib.Dataset(
        ["actor-d", "course", "Regional course", "online", "ects", "https://example.org/r"],
        headers=["provider", "kind", "name_en", "delivery_mode", "credit_unit", "source_url"],
    )  # fmt: skip
    # The programme and the site by their names, as a coordinator's own workbook may give them.
    offerings = tablib.Dataset(["regional course", "Skellefteå", "2027-01-15"], headers=["programme", "site", "starts_on"])  # fmt: skip
    summary = run_import(
        file_name="regional.xlsx",
        content=workbook(programmes=programmes, offerings=offerings),
        kind="",
        user=world.users["coordinator_b"],
        language="en",
        confirm=True,
    )
    assert summary.refused == []
    assert summary.counts["programmes"]["created"] == 1
    assert summary.counts["offerings"]["created"] == 1
