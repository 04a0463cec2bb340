"""A coordinator's own spreadsheet, not an export: values written the ways people write them (names of choices in
any language, codes in another case, Finnish dates, addresses without https://), columns and sheets of their own
left out with a note, and a row that links to a refused row saying where that row was refused."""

import datetime

import pytest
import tablib

from programmes.models import Offering, Programme
from skills.models import Actor, Site
from tests.factories import (
    ActorFactory,
    ProgrammeFactory,
    RegionFactory,
    SegmentFactory,
    SiteFactory,
)
from tests.imports.helpers import csv_file, run, workbook

pytestmark = pytest.mark.django_db

PROGRAMME = [
    "slug",
    "provider",
    "kind",
    "name_en",
    "delivery_mode",
    "source_url",
    "verified_on",
]


def programme_row(**values) -> list:
    defaults = {
        "slug": "battery-course",
        "provider": "college",
        "kind": "course",
        "name_en": "Battery course",
        "delivery_mode": "on_site",
        "source_url": "https://college.example.org/battery-course",
        "verified_on": "2026-11-30",
    }
    defaults.update(values)
    return [defaults[column] for column in PROGRAMME]


@pytest.fixture
def college():
    return ActorFactory(slug="college", kind="provider")


@pytest.mark.parametrize(
    "written, code",
    [
        ("blended", "blended"),
        ("ON_SITE", "on_site"),
        ("On site", "on_site"),
        ("on-site", "on_site"),
        ("Lähi- ja etäopetus", "blended"),
        ("Distansundervisning på nätet", "online"),
    ],
)
def test_a_choice_is_read_by_its_code_in_any_case_or_by_its_name_in_any_language(
    superuser, college, written, code
):
    summary = run(
        superuser, "p.csv", csv_file(PROGRAMME, programme_row(delivery_mode=written))
    )
    assert summary.refused == []
    assert Programme.objects.get(slug="battery-course").delivery_mode == code


def test_an_unknown_choice_names_the_allowed_codes_in_the_coordinators_language(
    superuser, college
):
    summary = run(
        superuser,
        "p.csv",
        csv_file(PROGRAMME, programme_row(delivery_mode="by post")),
        language="fi",
    )
    (refusal,) = summary.refused
    assert (refusal.row, refusal.column) == (2, "delivery_mode")
    assert refusal.reason == (
        "”by post” ei ole tämän sarakkeen arvoja: on_site (Lähiopetus), "
        "blended (Lähi- ja etäopetus), online (Etäopetus verkossa)."
    )
    assert not Programme.objects.filter(slug="battery-course").exists()


def test_dates_are_read_as_iso_or_as_finnish_spreadsheets_write_them(
    superuser, college
):
    summary = run(
        superuser,
        "p.csv",
        csv_file(
            PROGRAMME,
            programme_row(slug="a", verified_on="30.11.2026"),
            programme_row(slug="b", verified_on="1.2.2026"),
            programme_row(slug="c", verified_on="31.2.2027"),
            programme_row(slug="d", verified_on="2026-03-04 00:00:00"),
        ),
    )
    assert dict(Programme.objects.values_list("slug", "verified_on")) == {
        "a": datetime.date(2026, 11, 30),
        "b": datetime.date(2026, 2, 1),
        "d": datetime.date(2026, 3, 4),
    }
    (refusal,) = summary.refused
    assert (refusal.row, refusal.column) == (4, "verified_on")
    assert refusal.reason == "“31.2.2027” is not a date as YYYY-MM-DD (or DD.MM.YYYY)."


def test_a_web_address_without_its_scheme_is_read_as_https(superuser):
    headers = ["slug", "kind", "country", "name_en", "website"]
    run(
        superuser,
        "a.csv",
        csv_file(
            headers, ["recycler", "employer", "FI", "Recycler", "www.recycler.fi"]
        ),
    )
    assert Actor.objects.get(slug="recycler").website == "https://www.recycler.fi"


def test_a_code_in_another_case_finds_its_record(superuser, college):
    RegionFactory(code="FI1D9")
    headers = ["slug", "actor", "town_en", "region", "latitude", "longitude"]
    summary = run(
        superuser,
        "s.csv",
        csv_file(
            headers, ["college-oulu", "College", "Oulu", "fi1d9", "65,01", "25.47"]
        ),
    )
    assert summary.refused == []
    site = Site.objects.get(slug="college-oulu")
    assert (site.actor, site.region.code) == (college, "FI1D9")
    assert str(site.latitude).startswith("65.01")


def test_columns_the_layout_does_not_know_are_left_out_with_a_note(superuser, college):
    headers = [*PROGRAMME, "Notes", "colour"]
    summary = run(
        superuser,
        "p.csv",
        csv_file(headers, [*programme_row(), "asked by phone", "red"]),
    )
    assert summary.notes == [
        "The sheet “programmes” (Programmes) has columns the layout does not know; they are left out: notes, colour."
    ]
    assert summary.counts["programmes"]["created"] == 1


def test_a_sheet_of_instructions_is_left_out_with_a_note_and_an_empty_one_silently(
    superuser, college
):
    instructions = tablib.Dataset(
        ["Fill in one row per programme."], headers=["How to fill this in"]
    )
    content = workbook(
        Ohjeet=instructions,
        Sheet2=tablib.Dataset(),
        programmes=tablib.Dataset(programme_row(), headers=PROGRAMME),
    )
    summary = run(superuser, "book.xlsx", content)
    assert len(summary.notes) == 1
    assert "The sheet “ohjeet” is left out" in summary.notes[0]
    assert Programme.objects.filter(slug="battery-course").exists()


def test_a_rule_of_a_translated_field_names_its_column_once(superuser, college):
    summary = run(superuser, "p.csv", csv_file(PROGRAMME, programme_row(name_en="")))
    assert [(r.column, r.reason) for r in summary.refused] == [
        ("name_en", "This field cannot be blank.")
    ]


def test_a_link_to_a_refused_row_says_where_that_row_was_refused(superuser, college):
    site = SiteFactory(slug="college-oulu", actor=college)
    offerings = tablib.Dataset(
        ["battery-course", site.slug, "2027-08-01", "", 20],
        ["Battery course", site.slug, "2027-09-01", "", 20],
        headers=["programme", "site", "starts_on", "language", "places"],
    )
    content = workbook(
        programmes=tablib.Dataset(
            programme_row(kind="evening class"), headers=PROGRAMME
        ),
        offerings=offerings,
    )
    summary = run(superuser, "book.xlsx", content, confirm=False)
    programme_refusal, offering_refusal, by_name = summary.refused
    assert (programme_refusal.sheet, programme_refusal.column) == ("programmes", "kind")
    assert (offering_refusal.sheet, offering_refusal.row) == ("offerings", 2)
    assert offering_refusal.reason == (
        "There is no programme with the code “battery-course”. "
        "“battery-course” is in row 2 of the sheet “programmes”, which is refused."
    )
    assert by_name.reason.endswith(
        "“Battery course” is in row 2 of the sheet “programmes”, which is refused."
    )
    assert not Offering.objects.exists()


def test_a_link_may_name_its_record_in_any_language_when_only_one_has_that_name(
    superuser,
):
    ActorFactory(slug="osao", name_fi="Koulutuskuntayhtymä OSAO", name_en="OSAO")
    RegionFactory(code="FI1D9")
    headers = ["slug", "actor", "town_en", "region", "latitude", "longitude"]
    summary = run(
        superuser,
        "s.csv",
        csv_file(
            headers,
            [
                "osao-oulu",
                "koulutuskuntayhtymä osao",
                "Oulu",
                "Norra Österbotten",
                "65.01",
                "25.47",
            ],
        ),  # fmt: skip
    )
    assert summary.refused == []
    site = Site.objects.get(slug="osao-oulu")
    assert (site.actor.slug, site.region.code) == ("osao", "FI1D9")


def test_a_name_two_records_share_is_refused_with_both_codes(superuser):
    ActorFactory(slug="college-north", name_en="Vocational College")
    ActorFactory(slug="college-south", name_en="Vocational College")
    summary = run(
        superuser,
        "p.csv",
        csv_file(PROGRAMME, programme_row(provider="Vocational College")),
        language="sv",
    )
    (refusal,) = summary.refused
    assert refusal.column == "provider"
    assert refusal.reason == (
        "”Vocational College” namnger fler än en aktör; skriv koden för den som avses: "
        "college-north, college-south."
    )


def test_a_workbook_without_codes_makes_them_as_the_bundled_data_does_and_finds_them_again(
    superuser,
):
    RegionFactory(code="FI1D9")
    content = workbook(
        actors=tablib.Dataset(
            ["employer", "FI", "Nivalan Akkupaja Oy", "Nivala Battery Works"],
            headers=["kind", "country", "name_fi", "name_en"],
        ),
        sites=tablib.Dataset(
            ["Nivala Battery Works", "Nivala", "Nivala", "FI1D9", "63.92", "24.97"],
            headers=["actor", "town_fi", "town_en", "region", "latitude", "longitude"],
        ),
        programmes=tablib.Dataset(
            [
                "Nivala Battery Works",
                "course",
                "Akkujen kierrätys",
                "Battery recycling",
                "https://nivala.example.org/",
            ],
            headers=["provider", "kind", "name_fi", "name_en", "source_url"],
        ),  # fmt: skip
        offerings=tablib.Dataset(
            ["Akkujen kierrätys", "Nivala", "2027-08-01", 12],
            headers=["programme", "site", "starts_on", "places"],
        ),
    )
    first = run(superuser, "own.xlsx", content)
    assert first.refused == []
    # The preview shows the codes made, as the file would give them again.
    assert [outcome.code for outcome in first.created] == [
        "nivala-battery-works",
        "nivala-battery-works-nivala",
        "nivala-battery-works-battery-recycling",
        "nivala-battery-works-battery-recycling / nivala-battery-works-nivala / 2027-08-01",
    ]
    assert Actor.objects.filter(slug="nivala-battery-works").exists()
    assert Site.objects.get(slug="nivala-battery-works-nivala").actor.slug == (
        "nivala-battery-works"
    )
    programme = Programme.objects.get(slug="nivala-battery-works-battery-recycling")
    assert programme.offerings.get().site.slug == "nivala-battery-works-nivala"

    again = run(superuser, "own.xlsx", content)
    assert again.refused == [] and again.created == [] and again.changed == []
    assert Programme.objects.filter(provider__slug="nivala-battery-works").count() == 1


def test_a_row_without_a_code_or_what_makes_one_says_what_is_missing(superuser):
    summary = run(
        superuser,
        "p.csv",
        csv_file(["provider", "kind", "name_en"], ["", "course", "Battery course"]),
    )
    (refusal,) = summary.refused
    assert refusal.column == "slug"
    assert refusal.reason == (
        "The row has no code (slug), and none can be made: a new record's code is made from provider, "
        "name_en/name_fi/name_sv."
    )


def test_a_sheet_named_in_the_coordinators_language_holds_that_kind(superuser):
    content = workbook(
        Toimijat=tablib.Dataset(
            ["employer", "FI", "Recycler"], headers=["kind", "country", "name_en"]
        ),
        Utbildningar=tablib.Dataset(
            ["Recycler", "course", "Sorting", "https://recycler.example.org/"],
            headers=["provider", "kind", "name_en", "source_url"],
        ),
    )
    summary = run(superuser, "book.xlsx", content)
    assert summary.refused == [] and summary.notes == []
    assert summary.counts == {
        "toimijat": {"created": 1, "changed": 0, "unchanged": 0, "refused": 0},
        "utbildningar": {"created": 1, "changed": 0, "unchanged": 0, "refused": 0},
    }
    assert Programme.objects.get(slug="recycler-sorting").provider.slug == "recycler"

    # A slug and a name fit actors as well as programmes: the sheet's name decides.
    renamed = workbook(
        Koulutukset=tablib.Dataset(
            ["recycler-sorting", "Sorting of batteries"], headers=["slug", "name_en"]
        )
    )
    summary = run(superuser, "names.xlsx", renamed)
    assert summary.counts == {
        "koulutukset": {"created": 0, "changed": 1, "unchanged": 0, "refused": 0}
    }
    assert (
        Programme.objects.get(slug="recycler-sorting").name_en == "Sorting of batteries"
    )


def test_a_row_without_a_code_that_names_a_record_of_the_catalogue_changes_that_record(
    superuser, college
):
    programme = ProgrammeFactory(
        slug="college-akkukurssi",
        provider=college,
        name_fi="Akkukurssi",
        places_per_year=10,
    )
    headers = ["provider", "name_fi", "places_per_year"]
    summary = run(
        superuser, "p.csv", csv_file(headers, ["college", "Akkukurssi", "16"])
    )
    assert summary.created == []
    (changed,) = summary.changed
    assert changed.changes == [("places_per_year", "10", "16")]
    programme.refresh_from_db()
    assert programme.places_per_year == 16

    ProgrammeFactory(
        slug="college-akkukurssi-2", provider=college, name_en="Akkukurssi"
    )
    summary = run(
        superuser, "p.csv", csv_file(headers, ["college", "Akkukurssi", "18"])
    )
    (refusal,) = summary.refused
    assert refusal.column == "slug"
    assert refusal.reason.endswith(
        "write the code of the one meant: college-akkukurssi, college-akkukurssi-2."
    )


def test_an_unknown_value_of_a_short_list_names_the_codes_there_are(superuser, college):
    SegmentFactory(code="cells")
    SegmentFactory(code="recycling")
    headers = [*PROGRAMME, "segments"]
    summary = run(
        superuser,
        "p.csv",
        csv_file(headers, [*programme_row(), "Kennot"]),
        language="sv",
    )
    (refusal,) = summary.refused
    assert refusal.column == "segments"
    assert refusal.reason.endswith("Koderna är: cells, recycling.")


def test_a_row_linking_to_an_unknown_record_says_so_rather_than_that_it_lacks_a_code(
    superuser,
):
    headers = ["provider", "kind", "name_en", "source_url"]
    summary = run(
        superuser,
        "p.csv",
        csv_file(
            headers, ["Nobody Ltd", "course", "Sorting", "https://x.example.org/"]
        ),
    )
    (refusal,) = summary.refused
    assert (refusal.column, refusal.reason) == (
        "provider",
        "There is no actor with the code “Nobody Ltd”.",
    )
