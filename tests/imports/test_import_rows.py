"""Importing rows: created, changed field by field, unchanged, refused with the column and a translated reason; one
transaction; the history says "import" and the file's name; an export imports again unchanged."""

import datetime
import re

import pytest
from django.utils import timezone

from batteryregion.imports.files import ImportFileError
from batteryregion.records import ChangeChannel, RecordOrigin
from programmes.models import Offering, Programme
from skills.models import Actor
from tests.imports.helpers import csv_file, export, run, with_changes, workbook

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["actors", "sites", "programmes", "offerings", "intakes", "competence_needs"])  # fmt: skip
def test_an_export_imports_again_unchanged(superuser, catalogue, kind):
    before = export(kind)
    for name, content in (
        (f"{kind}.csv", before.export("csv").encode()),
        (f"{kind}.xlsx", workbook(**{kind: before})),
    ):
        summary = run(superuser, name, content)
        assert summary.counts[kind] == {"created": 0, "changed": 0, "unchanged": len(before), "refused": 0}  # fmt: skip
    assert export(kind).dict == before.dict


def test_a_changed_cell_is_listed_with_old_and_new_value_and_saved_with_history(superuser, catalogue):  # fmt: skip
    programme = catalogue["programme"]
    file = with_changes(
        export("programmes"),
        **{
            "recycling-technician": {
                "places_per_year": 45,
                "name_sv": "Återvinningstekniker",
                "entry_qualifications": "",
            }
        },  # fmt: skip
    )
    summary = run(superuser, "spring-update.csv", file.export("csv").encode())

    assert summary.counts["programmes"]["changed"] == 1
    (outcome,) = summary.changed
    assert outcome.row == 2
    assert sorted(outcome.changes) == [
        ("entry_qualifications", "fi-vocational", ""),
        ("name_sv", programme.name_sv, "Återvinningstekniker"),
        ("places_per_year", "20", "45"),
    ]
    programme.refresh_from_db()
    assert (programme.places_per_year, programme.name_sv) == (
        45,
        "Återvinningstekniker",
    )
    assert list(programme.entry_requirements.values_list("min_level__level", flat=True)) == [4]  # fmt: skip
    version = programme.history.latest()
    assert version.history_channel == ChangeChannel.IMPORT
    assert version.history_change_reason == "Import: spring-update.csv"
    assert version.history_user == superuser


def test_the_preview_changes_nothing(superuser, catalogue):
    file = with_changes(export("programmes"), **{"recycling-technician": {"places_per_year": 45}})  # fmt: skip
    extra = ["new-programme", *list(file[0])[1:]]
    file.append(extra)
    versions = Programme.history.count()

    summary = run(superuser, "p.csv", file.export("csv").encode(), confirm=False)

    assert summary.counts["programmes"] == {"created": 1, "changed": 1, "unchanged": 0, "refused": 0}  # fmt: skip
    assert Programme.objects.get(slug="recycling-technician").places_per_year == 20
    assert not Programme.objects.filter(slug="new-programme").exists()
    assert Programme.history.count() == versions


def test_new_records_remember_the_import(superuser, catalogue):
    actor = catalogue["programme"].provider
    content = csv_file(
        [
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
        [
            "battery-course",
            actor.slug,
            "course",
            "Akkukurssi",
            "Batterikurs",
            "Battery course",
            "online",
            "ects",
            "https://example.org/c",
        ],  # fmt: skip
    )
    summary = run(superuser, "new-courses.csv", content)
    assert [o.label for o in summary.created] == ["Battery course"]
    created = Programme.objects.get(slug="battery-course")
    assert (created.origin, created.source_version, created.state) == (RecordOrigin.IMPORT, "new-courses.csv", "draft")  # fmt: skip


def test_bad_cells_are_refused_with_row_column_and_reason_and_the_other_rows_still_import(superuser, catalogue):  # fmt: skip
    actor = catalogue["programme"].provider
    headers = ["slug", "provider", "kind", "name_en", "delivery_mode", "credit_unit", "source_url", "places_per_year", "segments", "verified_on"]  # fmt: skip
    content = csv_file(
        headers,
        [
            "good-one",
            actor.slug,
            "course",
            "Good",
            "online",
            "ects",
            "https://example.org/g",
            "10",
            "recycling",
            "2026-11-30",
        ],  # fmt: skip
        [
            "bad-one",
            "nobody",
            "lecture",
            "Bad",
            "online",
            "ects",
            "not a url",
            "ten",
            "recycling;mining",
            "2026-30-11",
        ],  # fmt: skip
    )
    summary = run(superuser, "mixed.csv", content)

    assert summary.counts["programmes"] == {"created": 1, "changed": 0, "unchanged": 0, "refused": 1}  # fmt: skip
    refused = {(r.row, r.column): r.reason for r in summary.refused}
    assert refused[3, "provider"] == "There is no actor with the code “nobody”."
    assert refused[3, "places_per_year"] == "“ten” is not a whole number."
    assert (
        refused[3, "segments"]
        == "There is no value-chain segment with the code “mining”. The codes are: recycling."
    )
    assert (
        refused[3, "verified_on"]
        == "“2026-30-11” is not a date as YYYY-MM-DD (or DD.MM.YYYY)."
    )
    assert "kind" in {column for row, column in refused}
    assert "source_url" in {column for row, column in refused}
    assert Programme.objects.filter(slug="good-one").exists()
    assert not Programme.objects.filter(slug="bad-one").exists()


def test_reasons_are_in_the_coordinators_language(superuser, catalogue):
    content = csv_file(["slug", "provider"], ["recycling-technician", "nobody"])
    fi = run(superuser, "p.csv", content, language="fi").refused[0].reason
    sv = run(superuser, "p.csv", content, language="sv").refused[0].reason
    assert "nobody" in fi and "nobody" in sv
    assert fi != sv
    assert "There is no" not in fi + sv


def test_a_file_with_only_some_columns_changes_only_those(superuser, catalogue):
    programme = catalogue["programme"]
    content = csv_file(["slug", "places_per_year"], ["recycling-technician", "33"], delimiter=";")  # fmt: skip
    summary = run(superuser, "places.csv", content)
    assert summary.changed[0].changes == [("places_per_year", "20", "33")]
    programme.refresh_from_db()
    assert programme.name_en.startswith("Battery technology")
    assert programme.entry_requirements.count() == 2
    assert list(programme.segments.values_list("code", flat=True)) == ["recycling"]


def test_a_workbook_imports_its_sheets_in_order_of_their_links(superuser, catalogue):
    region = catalogue["site"].region
    actors = export("actors", Actor.objects.none())
    actors.append(["new-college", "provider", "FI", "Uusi opisto", "Nya institutet", "New college", "", "", "", "https://example.org", "", "https://example.org", "2026-12-01", "", "", "published", "", ""])  # fmt: skip
    sites = export("sites", catalogue["site"].__class__.objects.none())
    sites.append(["new-college-kokkola", "new-college", "Kokkola", "Karleby", "Kokkola", region.code, "63.8385", "23.1307", "yes", ""])  # fmt: skip
    programmes = csv_headers_only("programmes")
    offerings = export("offerings", Offering.objects.none())
    offerings.append(["new-college-course", "new-college-kokkola", "2027-01-10", "", "12", ""])  # fmt: skip
    programmes.append(row_of(programmes.headers, slug="new-college-course", provider="new-college", kind="course", name_en="Battery safety", delivery_mode="on_site", credit_unit="ects", source_url="https://example.org/p"))  # fmt: skip
    # Sheets in any order: offerings first in the workbook.
    content = workbook(
        offerings=offerings, programmes=programmes, sites=sites, actors=actors
    )

    summary = run(superuser, "new-college.xlsx", content)

    assert not summary.refused, summary.refused
    assert {sheet: counts["created"] for sheet, counts in summary.counts.items()} == {
        "actors": 1, "sites": 1, "programmes": 1, "offerings": 1,
    }  # fmt: skip
    offering = Offering.objects.get(programme__slug="new-college-course")
    assert (offering.site.slug, offering.places, offering.starts_on) == ("new-college-kokkola", 12, datetime.date(2027, 1, 10))  # fmt: skip


@pytest.mark.parametrize("cell", ["180", "180,0", "180.00"])
def test_a_number_written_another_way_is_no_change(superuser, catalogue, cell):
    Programme.objects.filter(slug="recycling-technician").update(
        credits="180.0", credit_unit="ects"
    )
    content = csv_file(
        ["slug", "credits"], ["recycling-technician", cell], delimiter=";"
    )
    summary = run(superuser, "credits.csv", content, confirm=False)
    assert summary.counts["programmes"]["unchanged"] == 1


def test_a_repeated_key_is_refused(superuser, catalogue):
    content = csv_file(["slug", "places_per_year"], ["recycling-technician", "30"], ["recycling-technician", "31"])  # fmt: skip
    summary = run(superuser, "p.csv", content)
    assert [(r.row, r.reason) for r in summary.refused] == [(3, "Row 2 of this sheet has the same key.")]  # fmt: skip


def test_an_edit_made_after_the_export_is_named_in_the_preview(superuser, catalogue):
    programme = catalogue["programme"]
    file = export("programmes")
    Programme.objects.filter(pk=programme.pk).update(
        places_per_year=21, updated_at=timezone.now() + datetime.timedelta(minutes=5)
    )
    summary = run(
        superuser, "old-export.csv", file.export("csv").encode(), confirm=False
    )
    (outcome,) = summary.changed
    assert outcome.changes == [("places_per_year", "21", "20")]
    assert "after this file was exported" in outcome.warning


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "notes.txt",
            b"slug\nx\n",
            "Upload a CSV file (.csv) or an Excel workbook (.xlsx)",
        ),
        ("p.csv", b"", "The file has no rows to import."),
        ("p.csv", b"title,places\nx,1\n", "its columns name none of them"),
        ("p.xlsx", b"not a workbook", "could not be read as an Excel workbook"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(superuser, name, content, message):
    with pytest.raises(ImportFileError, match=re.escape(message)):
        run(superuser, name, content)


def csv_headers_only(kind: str):
    return export(kind, BY_KIND_MODEL[kind].objects.none())


def row_of(headers, **values) -> list:
    return [values.get(column, "") for column in headers]


BY_KIND_MODEL = {"programmes": Programme, "actors": Actor}
