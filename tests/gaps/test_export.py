"""CSV export of the gap analysis: formula-safe cells, the page's language and filters, and the visibility rule."""

import csv
import datetime
import io
import re

import pytest
from django.test import Client

from gaps.analysis.export import safe
from skills.models import CompetenceNeed
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    IntakeFactory,
    OccupationFactory,
    OfferingFactory,
    ProgrammeFactory,
    RegionFactory,
    SegmentFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x")',
        "+SUM(A1)",
        "-2+3",
        "@cmd",
        "\tTab",
        "\rReturn",
        "\nNewline",
    ],
)
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert safe(text) == "'" + text


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("Oulu", "Oulu"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (12, 12),
        (-3.5, "-3.50"),  # a number the analysis computed stays a number
        (datetime.date(2026, 5, 1), "2026-05-01"),
    ],
)
def test_plain_values_are_kept(value, cell):
    assert safe(value) == cell


def read_csv(response, delimiter: str = ",") -> list[list[str]]:
    """The rows of a CSV download, read with the separator the file is expected to use (",", or ";" in fi and sv)."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


@pytest.fixture
def oulu():
    return RegionFactory(code="FI1D9", country="FI", level=3, name_en="North Ostrobothnia",
                         name_fi="Pohjois-Pohjanmaa", name_sv="Norra Österbotten")  # fmt: skip


@pytest.fixture
def segment():
    return SegmentFactory(code="recycling", name_en="Recycling", name_fi="Kierrätys", name_sv="Återvinning")  # fmt: skip


def need(
    region,
    segment,
    *,
    slug,
    description="",
    visibility="public",
    employer=None,
    headcount=10,
):
    created = CompetenceNeedFactory(
        slug=slug,
        region=region,
        occupation=None,
        employer=employer or ActorFactory(kind="employer", name_en=f"Employer of {slug}"),
        headcount=headcount,
        target_year=2030,
        visibility=visibility,
        description_en=description,
    )  # fmt: skip
    created.segments.set([segment])
    return created


def test_dashboard_table_escapes_what_people_typed_and_keeps_numbers(
    client, oulu, segment
):
    employer = ActorFactory(kind="employer", name_en="=cmd|' /C calc'!A0")
    need(oulu, segment, slug="n1", description="@SUM(1+1)", employer=employer)
    rows = read_csv(client.get("/en/gaps/export/across-border.csv"))
    assert rows[0][:3] == ["Need", "Description", "Employer or source"]
    # No programme anywhere: not "met only across the border", so the list is empty.
    assert rows[1:] == []

    rows = read_csv(client.get("/en/gaps/export/occupations.csv"))
    assert len(rows) == 1  # the need names no occupation

    sweden = RegionFactory(code="SE331", country="SE", level=3, name_en="Västerbotten")
    programme = ProgrammeFactory(places_per_year=8)
    programme.segments.set([segment])
    OfferingFactory(programme=programme, site=SiteFactory(region=sweden))
    rows = read_csv(client.get("/en/gaps/export/across-border.csv"))
    assert len(rows) == 2
    assert rows[1][0] == "n1"
    assert rows[1][1] == "'@SUM(1+1)"
    assert rows[1][2] == "'=cmd|' /C calc'!A0"

    rows = read_csv(client.get("/en/gaps/export/segments.csv"))
    header, body = rows[0], rows[1:]
    by_region = {row[header.index("NUTS code")]: row for row in body}
    finland = by_region["FI1D9"]
    assert finland[header.index("Status")] == "Covered only across the border"
    assert finland[header.index("People needed")] == "10"
    # 10 people, medium urgency (weight 1), by 2030: 10 / (2030 - this year + 1) per year.
    years_left = 2030 - datetime.date.today().year + 1
    assert (
        finland[header.index("Demand per year (weighted)")] == f"{10 / years_left:.2f}"
    )
    assert finland[header.index("Difference per year")] == f"{-10 / years_left:.2f}"
    assert by_region["SE331"][header.index("Places per year")] == "8.00"


def test_headers_and_labels_follow_the_page_language(client, oulu, segment):
    need(oulu, segment, slug="n1")
    rows = read_csv(client.get("/fi/gaps/export/segments.csv"), delimiter=";")
    assert "Tila" in rows[0] and "Alue" in rows[0]
    assert rows[1][0] == "Kierrätys"
    assert rows[1][rows[0].index("Alue")] == "Pohjois-Pohjanmaa"
    response = client.get("/sv/gaps/export/segments.csv")
    assert response["Content-Disposition"].endswith('-sv.csv"')
    assert read_csv(response, delimiter=";")[1][0] == "Återvinning"


def test_filters_of_the_address_apply_and_bad_ones_are_named(client, oulu, segment):
    need(oulu, segment, slug="now", headcount=5)
    late = need(oulu, segment, slug="late", headcount=7)
    late.target_year = 2035
    late.save()
    rows = read_csv(client.get("/en/gaps/export/segments.csv?horizon=2030"))
    assert rows[1][rows[0].index("People needed")] == "5"
    rows = read_csv(client.get("/en/gaps/export/segments.csv"))
    assert rows[1][rows[0].index("People needed")] == "12"

    response = client.get("/en/gaps/export/segments.csv?min_level=6&max_level=4")
    assert response.status_code == 400
    assert "To EQF level" in response.content.decode()
    response = client.get("/fi/gaps/export/segments.csv?horizon=soon")
    assert response.status_code == 400
    assert response.content.decode().startswith(
        "Tavoitevuosi"
    )  # the label of the horizon field in Finnish
    assert client.get("/en/gaps/export/everything.csv").status_code == 404
    assert client.get("/en/gaps/export/skill/no-such-skill.csv").status_code == 404
    assert client.get("/en/gaps/export/planet/earth.csv").status_code == 404


def test_confidential_needs_stay_out_of_the_public_file(
    client, coordinator_client, oulu, segment
):
    need(oulu, segment, slug="public-need", headcount=4)
    need(
        oulu,
        segment,
        slug="secret-need",
        headcount=40,
        visibility=CompetenceNeed.Visibility.COORDINATORS,
    )

    def figures(client: Client) -> tuple[list[str], str]:
        rows = read_csv(client.get("/en/gaps/export/segment/recycling.csv"))
        needs = [row[3] for row in rows[1:] if row[0] == "Need"]
        table = read_csv(client.get("/en/gaps/export/segments.csv"))
        return needs, table[1][table[0].index("People needed")]

    assert figures(client) == (["public-need"], "4")
    # Only the needs a downloader may see count: coordinators' files include the confidential need.
    assert figures(coordinator_client) == (["secret-need", "public-need"], "44")
    table = read_csv(client.get("/en/gaps/export/segments.csv"))
    assert not any("withheld" in title or "onfidential" in title for title in table[0])


def test_a_file_with_confidential_figures_says_so_in_its_name(
    client, coordinator_client, partner, oulu, segment
):
    need(oulu, segment, slug="public-need", headcount=4)
    addresses = [
        "/en/gaps/export/segments.csv",
        "/en/gaps/export/unmet.csv",
        "/en/gaps/export/across-border.csv",
        "/en/gaps/export/segment/recycling.csv",
    ]

    def names(client: Client) -> list[str]:
        return [
            client.get(address)["Content-Disposition"].split('filename="')[1]
            for address in addresses
        ]

    assert all(
        name.endswith('-en-confidential.csv"') for name in names(coordinator_client)
    )
    assert all(name.endswith('-en.csv"') for name in names(client))
    client.force_login(partner)
    assert all(name.endswith('-en.csv"') for name in names(client))


def test_overlaps_file_lists_both_programmes_and_their_skills(client, oulu):
    from tests.factories import SkillFactory

    skills = [SkillFactory(label_en=f"skill {n}") for n in range(4)]
    sweden = RegionFactory(code="SE331", country="SE", level=3)
    first = ProgrammeFactory(name_en="Process operator")
    second = ProgrammeFactory(name_en="-Process technician")
    first.skills.set(skills[:3])
    second.skills.set(skills[1:])
    OfferingFactory(programme=first, site=SiteFactory(region=oulu))
    OfferingFactory(programme=second, site=SiteFactory(region=sweden))
    rows = read_csv(client.get("/en/gaps/export/overlaps.csv"))
    header, row = rows[0], rows[1]
    assert len(rows) == 2
    assert {row[0], row[3]} == {"Process operator", "'-Process technician"}
    assert row[header.index("Similarity (%)")] == "50"
    assert row[header.index("Across the border")] == "yes"
    assert row[header.index("Skills taught by both")] == "skill 1; skill 2"


def test_export_of_a_key_lists_its_needs_and_offerings(client, oulu, segment):
    need(oulu, segment, slug="n1", headcount=6)
    programme = ProgrammeFactory(places_per_year=12, name_en="Recycling technician")
    programme.segments.set([segment])
    OfferingFactory(programme=programme, site=SiteFactory(region=oulu))
    OccupationFactory()  # unrelated
    rows = read_csv(client.get("/en/gaps/export/segment/recycling.csv"))
    header = rows[0]
    kinds = [(row[0], row[3]) for row in rows[1:]]
    assert kinds == [("Need", "n1"), ("Programme", "Recycling technician")]
    assert rows[2][header.index("Places per year")] == "12.00"


def test_the_file_says_how_much_of_each_figure_is_example_data_and_can_leave_it_out(
    client, oulu, segment
):
    """In Oulu: a real need for 4 people and an example need for 6 (medium, by 2030), a programme with 10 places per
    year from an example intake of 2025 and a real one with 5 places per year."""
    need(oulu, segment, slug="real", headcount=4)
    example = need(oulu, segment, slug="example", headcount=6)
    example.is_example = True
    example.save()
    from_example = ProgrammeFactory(places_per_year=None)
    from_example.segments.set([segment])
    OfferingFactory(programme=from_example, site=SiteFactory(region=oulu))
    IntakeFactory(programme=from_example, year=2025, places=10, applicants=None,
                  enrolled=None, is_example=True)  # fmt: skip
    real = ProgrammeFactory(places_per_year=5)
    real.segments.set([segment])
    OfferingFactory(programme=real, site=SiteFactory(region=oulu))
    years_left = 2030 - datetime.date.today().year + 1

    def figures(query: str) -> dict[str, str]:
        header, row = read_csv(client.get("/en/gaps/export/segments.csv" + query))
        names = [
            "People needed",
            "Example needs",
            "People needed by example needs",
            "Demand per year from example needs",
            "Places per year",
            "Programmes with example intake figures",
            "Places per year from example intakes",
            "Rests mostly on example data",
        ]
        return {name: row[header.index(name)] for name in names}

    assert figures("") == {
        "People needed": "10",
        "Example needs": "1",
        "People needed by example needs": "6",
        "Demand per year from example needs": f"{6 / years_left:.2f}",
        "Places per year": "15.00",
        "Programmes with example intake figures": "1",
        "Places per year from example intakes": "10.00",
        "Rests mostly on example data": "yes",  # 6 of 10 people, 10 of 15 places
    }
    assert figures("?examples=exclude") == {
        "People needed": "4",
        "Example needs": "0",
        "People needed by example needs": "0",
        "Demand per year from example needs": "0.00",
        "Places per year": "5.00",
        "Programmes with example intake figures": "0",
        "Places per year from example intakes": "0.00",
        "Rests mostly on example data": "no",
    }
    response = client.get("/en/gaps/export/segments.csv?examples=all")
    assert response.status_code == 400
    assert response.content.decode() == (
        "Example data: Select a valid choice. all is not one of the available choices.\n"
    )


def test_the_file_of_a_key_names_the_intakes_behind_each_programme(
    client, oulu, segment
):
    this_year = datetime.date.today().year
    programme = ProgrammeFactory(places_per_year=None, name_en="Recycling technician")
    programme.segments.set([segment])
    OfferingFactory(programme=programme, site=SiteFactory(region=oulu))
    IntakeFactory(programme=programme, year=this_year - 1, places=16, applicants=None, enrolled=12)  # fmt: skip
    IntakeFactory(programme=programme, year=this_year - 5, places=40, applicants=None, enrolled=40)  # fmt: skip

    header, row = read_csv(client.get("/en/gaps/export/segment/recycling.csv"))

    assert row[header.index("Places per year")] == "16.00"
    assert row[header.index("Filled places per year")] == "12.00"
    assert row[header.index("Places from the intake of")] == str(this_year - 1)
    assert row[header.index("Filled share from the intake of")] == str(this_year - 1)
    assert row[header.index("Intakes too old to count, the latest")] == str(
        this_year - 5
    )


def test_finnish_and_swedish_files_use_semicolons_and_a_decimal_comma_and_english_commas_and_a_point(
    client, oulu, segment
):
    need(oulu, segment, slug="n1", headcount=1234)
    sweden = RegionFactory(code="SE331", country="SE", level=3, name_en="Västerbotten")
    programme = ProgrammeFactory(places_per_year=8)
    programme.segments.set([segment])
    OfferingFactory(programme=programme, site=SiteFactory(region=sweden))
    years_left = 2030 - datetime.date.today().year + 1
    demand = f"{1234 / years_left:.2f}"

    for language, delimiter, decimal_mark in [
        ("fi", ";", ","),
        ("sv", ";", ","),
        ("en", ",", "."),
    ]:
        response = client.get(f"/{language}/gaps/export/segments.csv")
        rows = read_csv(response, delimiter=delimiter)
        assert len(rows[0]) == 31, (
            language
        )  # every column read apart, none run together
        finland = next(row for row in rows[1:] if row[3] == "FI1D9")
        assert (
            finland[5] == "1234"
        )  # people needed: a plain number, no thousands separator
        assert finland[6] == demand.replace(".", decimal_mark)
        assert finland[9] == "-" + demand.replace(
            ".", decimal_mark
        )  # a hyphen-minus, read as a number
        sweden_row = next(row for row in rows[1:] if row[3] == "SE331")
        assert sweden_row[7] == f"8{decimal_mark}00"


def test_the_format_option_gives_the_other_convention_in_any_language(
    client, oulu, segment
):
    need(oulu, segment, slug="n1")
    rows = read_csv(client.get("/fi/gaps/export/segments.csv?format=csv-comma"))
    assert len(rows[0]) == 31 and rows[0][0] == "Arvoketjun osa"
    assert "." in rows[1][6] and "," not in rows[1][6]
    rows = read_csv(
        client.get("/en/gaps/export/segments.csv?format=csv-semicolon"), delimiter=";"
    )
    assert len(rows[0]) == 31 and rows[0][0] == "Value-chain segment"
    assert "," in rows[1][6]
    rows = read_csv(
        client.get("/sv/gaps/export/segment/recycling.csv?format=csv-comma")
    )
    assert rows[0][:3] == ["Radtyp", "Region", "NUTS-kod"]
    # The option sits beside the page's filters and does not disturb them.
    rows = read_csv(
        client.get("/en/gaps/export/segments.csv?horizon=2030&format=csv-semicolon"),
        delimiter=";",
    )
    assert rows[1][5] == "10"


@pytest.mark.parametrize(
    "address", ["/sv/gaps/export/segments.csv", "/sv/gaps/export/segment/recycling.csv"]
)
def test_an_unknown_format_is_a_translated_400_that_names_the_parameter(
    client, oulu, segment, address
):
    need(oulu, segment, slug="n1")
    response = client.get(address + "?format=xlsx")
    assert response.status_code == 400
    assert response.content.decode() == (
        "Parametern ”format” måste vara csv-semicolon eller csv-comma, inte ”xlsx”.\n"
    )
    assert (
        client.get(address + "?format=").status_code == 200
    )  # empty: the language's own


def test_download_links_offer_both_conventions_the_page_languages_first(
    client, oulu, segment
):
    need(oulu, segment, slug="n1")
    page = client.get("/fi/gaps/?format=csv-comma&horizon=2030").content.decode()
    semicolon = page.index(
        'href="/fi/gaps/export/segments.csv?horizon=2030&amp;format=csv-semicolon"'
    )
    comma = page.index(
        'href="/fi/gaps/export/segments.csv?horizon=2030&amp;format=csv-comma"'
    )
    assert semicolon < comma
    assert "CSV puolipistein (suomen- tai ruotsinkielinen Excel)" in page
    # The page's own ?format= is not carried into its download links.
    downloads = re.findall(r'href="(/fi/gaps/export/[^"]*)"', page)
    assert (
        len(downloads) == 14
    )  # seven download lines (segments twice), two conventions each
    assert all(link.count("format=") == 1 for link in downloads)
    page = client.get("/en/gaps/segment/recycling/").content.decode()
    comma = page.index('href="/en/gaps/export/segment/recycling.csv?format=csv-comma"')
    semicolon = page.index(
        'href="/en/gaps/export/segment/recycling.csv?format=csv-semicolon"'
    )
    assert comma < semicolon
