"""A snapshot holds the public data and the default gap figures as they were when it was taken, and keeps them: later
edits change nothing in it, its content refuses every change but its title, and the monthly command takes one a
month however often it runs."""

import datetime
import hashlib
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from batteryregion.bulk_export.resources import RESOURCES, resource_items
from gaps.analysis.parameters import this_year
from gaps.snapshots.bundle import bundle_bytes
from gaps.snapshots.models import FrozenSnapshotError, Snapshot
from gaps.snapshots.services import snapshot_take
from tests.gaps.gap_page_data import need, programme

pytestmark = pytest.mark.django_db


def cell(segment, region, people, demand, supply, needs, programmes, status):
    return {
        "segment": segment,
        "region": region,
        "people": people,
        "demand": demand,
        "supply": supply,
        "filled": supply,  # no intakes: a programme counts as full
        "needs": needs,
        "example_needs": 0,
        "programmes": programmes,
        "unknown_places": 0,
        "status": status,
        "planned_places": 0.0,
        "planned_status": status,
        "mostly_examples": False,
    }


def test_a_snapshot_holds_the_default_dashboard_figures_of_public_needs(small_map):
    snapshot = snapshot_take()

    analysis = snapshot.figures["analysis"]
    assert analysis["query"] == {
        "dimension": "segment",
        "horizon": None,
        "min_level": 1,
        "max_level": 8,
        "countries": ["FI", "SE"],
        "statuses": ["standing"],
        "examples": True,
        "reference_year": this_year(),
        "visibility": "public",
    }
    assert [s["code"] for s in analysis["segments"]] == ["cells", "recycling"]
    assert analysis["segments"][0]["name"] == {
        "fi": "Kennovalmistus",
        "sv": "Celltillverkning",
        "en": "Cell manufacturing",
    }
    assert [(r["code"], r["country"]) for r in analysis["regions"]] == [
        ("FI1D9", "FI"),
        ("SE331", "SE"),
    ]
    # The coordinators-only need for 100 people counts nowhere.
    assert analysis["cells"] == [
        cell("cells", "FI1D9", 10, 10.0, 12.0, 1, 1, "balanced"),
        cell("cells", "SE331", 0, 0.0, 30.0, 0, 1, "no-stated-need"),
        cell("recycling", "FI1D9", 0, 0.0, 8.0, 0, 1, "no-stated-need"),
        cell("recycling", "SE331", 5, 5.0, 0.0, 1, 0, "across-border"),
    ]
    assert analysis["segment_totals"] == [
        {"segment": "cells", "people": 10, "demand": 10.0, "needs": 1, "supply": 42.0, "planned_places": 0.0},
        {"segment": "recycling", "people": 5, "demand": 5.0, "needs": 1, "supply": 8.0, "planned_places": 0.0},
    ]  # fmt: skip
    assert snapshot.counts == {
        "programmes_running": 3,
        "programmes_planned": 0,
        "programmes_discontinued": 0,
        "places_per_year": 50.0,
        "planned_places_per_year": 0.0,
        "needs": 2,
        "people_needed": 15,
        "actors": snapshot.counts[
            "actors"
        ],  # the providers and employers the factories made
        "actions": 0,
    }
    assert snapshot.counts["actors"] == len(snapshot.dataset["actors"]) > 0


def test_a_snapshot_holds_the_public_dataset_of_the_bulk_export(small_map):
    expected = {resource.name: resource_items(resource, "") for resource in RESOURCES}

    snapshot = Snapshot.objects.get(pk=snapshot_take().pk)

    assert snapshot.dataset == json.loads(json.dumps(expected))
    assert sorted(p["slug"] for p in snapshot.dataset["programmes"]) == [
        "oulu-cells",
        "oulu-recycling",
        "umea-cells",
    ]  # not the draft
    assert sorted(n["slug"] for n in snapshot.dataset["competence_needs"]) == [
        "oulu-cells",
        "vbotten-recycling",
    ]  # not the coordinators' need
    assert [(p["slug"], p["places"]) for p in snapshot.figures["programmes"]] == [
        (item["slug"], {"oulu-cells": 12.0, "oulu-recycling": 8.0, "umea-cells": 30.0}[item["slug"]])
        for item in snapshot.dataset["programmes"]
    ]  # fmt: skip


def test_a_snapshot_is_dated_titled_in_each_language_and_digested(
    small_map, django_user_model
):
    coordinator = django_user_model.objects.create_user("coordinator")
    first = snapshot_take(on=datetime.date(2027, 3, 1), taken_by=coordinator)
    second = snapshot_take(on=datetime.date(2027, 3, 1), title="Spring report")

    assert (first.slug, second.slug) == ("2027-03-01", "2027-03-01-2")
    # Each language writes the date its own way (the words around it come from the catalogues).
    assert first.title_fi.endswith(", 1. maaliskuuta 2027")
    assert first.title_sv.endswith(", 1 mars 2027")
    assert first.title_en == "Battery Region map, 1 March 2027"
    assert second.title_fi == second.title_sv == second.title_en == "Spring report"
    assert first.taken_by == coordinator and second.taken_by is None
    for snapshot in (first, second):
        stored = Snapshot.objects.get(pk=snapshot.pk)
        assert stored.sha256 == hashlib.sha256(bundle_bytes(stored)).hexdigest()
    # Taken on the same data: the same figures and dataset.
    assert first.figures == second.figures and first.dataset == second.dataset


def edit_the_map(small_map) -> None:
    programme = small_map["programmes"]["oulu-cells"]
    programme.name_en = "Renamed cell programme"
    programme.places_per_year = 99
    programme.save()
    small_map["programmes"]["umea-cells"].delete()
    need(
        "oulu-more-cells",
        small_map["oulu"],
        40,
        "critical",
        segments=[small_map["cells"]],
    )


def main_of(response) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>")[0]


def test_later_edits_change_neither_the_snapshot_its_page_nor_its_bundle(
    client, small_map
):
    snapshot = snapshot_take()
    page = client.get(f"/en/gaps/snapshots/{snapshot.slug}/")
    bundle = client.get(f"/en/gaps/snapshots/{snapshot.slug}/bundle.json")
    stored = Snapshot.objects.get(pk=snapshot.pk)

    edit_the_map(small_map)

    later = Snapshot.objects.get(pk=snapshot.pk)
    assert (later.figures, later.dataset, later.counts, later.sha256) == (
        stored.figures,
        stored.dataset,
        stored.counts,
        stored.sha256,
    )
    assert (
        client.get(f"/en/gaps/snapshots/{snapshot.slug}/bundle.json").content
        == bundle.content
    )
    again = client.get(f"/en/gaps/snapshots/{snapshot.slug}/")
    assert main_of(again) == main_of(page)
    assert "Renamed cell programme" not in bundle.content.decode()
    # A new snapshot sees the edits.
    assert snapshot_take().counts["places_per_year"] == 99 + 8


def test_the_content_of_a_snapshot_refuses_every_change_but_its_title(small_map):
    snapshot = snapshot_take()
    for field, value in [
        ("figures", {"analysis": {}, "programmes": []}),
        ("dataset", {}),
        ("counts", {"needs": 1000}),
        ("taken_on", datetime.date(2020, 1, 1)),
        ("data_version", 12345),
        ("sha256", "0" * 64),
        ("slug", "a-better-day"),
    ]:
        changed = Snapshot.objects.get(pk=snapshot.pk)
        setattr(changed, field, value)
        with pytest.raises(FrozenSnapshotError):
            changed.save()
        with pytest.raises(FrozenSnapshotError):
            Snapshot.objects.filter(pk=snapshot.pk).update(**{field: value})
    stored = Snapshot.objects.get(pk=snapshot.pk)
    assert (stored.figures, stored.dataset, stored.sha256) == (
        snapshot.figures,
        snapshot.dataset,
        snapshot.sha256,
    )

    # The title may be corrected, also on an instance read without its dataset; it becomes a version in the history.
    retitled = Snapshot.objects.for_pages().get(pk=snapshot.pk)
    retitled.title_sv = "Rapport för mars"
    retitled.save()
    stored = Snapshot.objects.get(pk=snapshot.pk)
    assert stored.title_sv == "Rapport för mars"
    assert stored.dataset == snapshot.dataset and stored.sha256 == snapshot.sha256
    assert stored.history.count() == 2
    Snapshot.objects.filter(pk=snapshot.pk).update(title_en="March report")
    assert Snapshot.objects.get(pk=snapshot.pk).title_en == "March report"


def test_the_monthly_command_takes_one_snapshot_a_month(small_map, capsys):
    call_command("take_snapshot", "--monthly")
    call_command("take_snapshot", "--monthly")

    out = capsys.readouterr().out
    today = timezone.localdate()
    assert Snapshot.objects.count() == 1
    snapshot = Snapshot.objects.get()
    assert (snapshot.taken_on, snapshot.taken_by) == (today, None)
    assert f"Snapshot {today.isoformat()}" in out
    assert "A snapshot of this month exists already; none taken." in out
    # Without --monthly, a snapshot is taken whenever asked.
    call_command("take_snapshot", "--title", "Extra")
    assert Snapshot.objects.count() == 2


def test_the_monthly_snapshot_looks_at_the_month_of_its_date(small_map):
    assert snapshot_take(on=datetime.date(2027, 2, 28), monthly=True) is not None
    assert snapshot_take(on=datetime.date(2027, 3, 1), monthly=True) is not None
    assert snapshot_take(on=datetime.date(2027, 3, 31), monthly=True) is None
    assert snapshot_take(on=datetime.date(2027, 4, 1), monthly=True) is not None
    assert list(Snapshot.objects.values_list("slug", flat=True)) == [
        "2027-04-01",
        "2027-03-01",
        "2027-02-28",
    ]


@pytest.mark.django_db(transaction=True)
def test_a_snapshot_taken_outside_a_transaction_reads_in_one_of_its_own(small_map):
    # On PostgreSQL the transaction is made repeatable read first, so that every query sees the same data.
    snapshot = snapshot_take()
    assert Snapshot.objects.get(pk=snapshot.pk).counts["programmes_running"] == 3


def test_taking_a_snapshot_does_the_same_queries_for_small_and_larger_data(small_map):
    with CaptureQueriesContext(connection) as small:
        snapshot_take()
    for n in range(20):
        region = small_map["oulu"] if n % 2 else small_map["vbotten"]
        programme(f"more-{n}", region, places=n + 1, segments=[small_map["cells"]])
        need(f"more-{n}", region, n + 1, "high", segments=[small_map["recycling"]])
    with CaptureQueriesContext(connection) as larger:
        taken = snapshot_take()
    assert len(taken.dataset["programmes"]) == 23
    assert len(larger.captured_queries) == len(small.captured_queries)
