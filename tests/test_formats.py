"""Numbers, percentages, years and dates as each language writes them, on the pages and not in the API."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import formats, translation

from batteryregion.numbers import format_number, format_percent
from gaps.analysis.parameters import this_year
from skills.models import CompetenceNeed
from tests.factories import (
    CompetenceNeedFactory,
    IntakeFactory,
    OfferingFactory,
    ProgrammeFactory,
    RegionFactory,
    SegmentFactory,
    SiteFactory,
)

NBSP = "\u00a0"
MINUS = "\u2212"


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load l10n numbers %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "grouped", "negative", "negative_decimal", "percent"),
    [
        ("fi", f"12{NBSP}345,7", f"{MINUS}3", f"{MINUS}1{NBSP}234,6", f"5{NBSP}%"),
        ("sv", f"12{NBSP}345,7", f"{MINUS}3", f"{MINUS}1{NBSP}234,6", f"5{NBSP}%"),
        ("en", "12,345.7", f"{MINUS}3", f"{MINUS}1,234.6", "5%"),
    ],
)
def test_numbers_read_as_each_language_writes_them(
    language, grouped, negative, negative_decimal, percent
):
    with translation.override(language):
        assert format_number(12345.7) == grouped
        assert format_number(-3) == negative
        assert format_percent(5) == percent
        assert format_number(-1234.56, 1) == negative_decimal
    assert render("{{ x|number:1 }}", language, x=12345.7) == grouped
    assert (
        render("{{ x|number:1 }}", language, x=-3)
        == negative + ("," if language != "en" else ".") + "0"
    )
    assert render("{{ x|percent }}", language, x=5) == percent
    # A plain count on a page is grouped too; a year or a code is not.
    assert render("{{ n }}", language, n=2500) == (
        "2,500" if language == "en" else f"2{NBSP}500"
    )
    assert render("{{ year|unlocalize }}", language, year=2024) == "2024"


def test_a_number_that_is_not_one_shows_nothing_rather_than_an_error():
    assert format_number(None) == ""
    assert format_percent("") == ""
    assert format_number(-0.04, 1) == "0.0"  # rounded to zero, no sign left


@pytest.mark.parametrize(
    ("language", "long"),
    [("fi", "1. elokuuta 2024"), ("sv", "1 augusti 2024"), ("en", "1 August 2024")],
)
def test_dates_take_each_languages_long_form(language, long):
    with translation.override(language):
        assert formats.date_format(datetime.date(2024, 8, 1)) == long
        assert render("{{ day|date }}", language, day=datetime.date(2024, 8, 1)) == long
        assert "08/01/2024" not in formats.date_format(
            datetime.date(2024, 8, 1), "SHORT_DATE_FORMAT"
        )


@pytest.fixture
def oulu(db):
    return RegionFactory(code="FI1D9", country="FI", level=3, name_en="North Ostrobothnia",
                         name_fi="Pohjois-Pohjanmaa", name_sv="Norra Österbotten")  # fmt: skip


@pytest.fixture
def recycling(db):
    return SegmentFactory(code="recycling", name_en="Recycling", name_fi="Kierrätys", name_sv="Återvinning")  # fmt: skip


def test_a_finnish_gap_drill_down_groups_thousands_keeps_years_and_uses_the_real_minus(
    client, oulu, recycling
):
    need = CompetenceNeedFactory(
        region=oulu, occupation=None, headcount=12345, target_year=this_year()
    )
    need.segments.set([recycling])
    html = client.get("/fi/gaps/segment/recycling/").content.decode()
    assert f">12{NBSP}345<" in html  # people needed
    assert f"12{NBSP}345,0" in html  # demand per year: medium urgency, due this year
    assert f"{MINUS}12{NBSP}345,0" in html  # the difference: no places at all
    assert f">{this_year()}<" in html  # needed by: a year, not "2 026"
    assert f"{this_year() // 1000}{NBSP}{this_year() % 1000:03}" not in html
    # The horizon choices are years too.
    assert f'<option value="{this_year() + 1}">{this_year() + 1}</option>' in html


def test_percentages_on_the_gap_pages_keep_their_sign_with_the_number(
    client, oulu, recycling
):
    need = CompetenceNeedFactory(
        region=oulu, occupation=None, headcount=10, target_year=this_year()
    )
    need.segments.set([recycling])
    programme = ProgrammeFactory(places_per_year=5)
    programme.segments.set([recycling])
    OfferingFactory(programme=programme, site=SiteFactory(region=oulu))
    finnish = client.get("/fi/gaps/segment/recycling/").content.decode()
    assert f"50{NBSP}%" in finnish  # 5 places for 10 people
    assert f"alle 80{NBSP}% kysynnästä" in finnish  # the status explanation
    english = client.get("/en/gaps/segment/recycling/").content.decode()
    assert "50%" in english and "50 %" not in english
    method = client.get("/sv/gaps/how/").content.decode()
    assert f"från 80{NBSP}% till 125{NBSP}% av efterfrågan" in method


def test_the_programme_page_writes_dates_and_intake_years_as_the_language_does(
    client, oulu
):
    programme = ProgrammeFactory(slug="cells")
    OfferingFactory(
        programme=programme,
        site=SiteFactory(region=oulu),
        starts_on=datetime.date(2027, 8, 16),
    )
    IntakeFactory(programme=programme, year=2026, places=1200, applicants=4970)
    english = client.get("/en/programmes/cells/").content.decode()
    assert "16 August 2027" in english and "08/16/2027" not in english
    assert '<th scope="row">2026</th>' in english
    assert ">4,970<" in english
    finnish = client.get("/fi/programmes/cells/").content.decode()
    assert "16. elokuuta 2027" in finnish
    assert '<th scope="row">2026</th>' in finnish
    assert f">4{NBSP}970<" in finnish


def test_example_sources_on_the_drill_down_are_in_the_page_language(
    client, oulu, recycling
):
    need = CompetenceNeedFactory(
        region=oulu,
        occupation=None,
        employer=None,
        source_kind="workshop",
        source_name="Example: workshop with employers (illustration)",
        is_example=True,
    )
    need.segments.set([recycling])
    own = CompetenceNeedFactory(region=oulu, occupation=None, employer=None, source_kind="report",
                                source_name="Kompetensbehov i Skellefteå 2025")  # fmt: skip
    own.segments.set([recycling])
    finnish = client.get("/fi/gaps/segment/recycling/").content.decode()
    assert "Esimerkki: työpaja työnantajien kanssa (kuvitteellinen)" in finnish
    assert "Example: workshop with employers" not in finnish
    assert (
        "Kompetensbehov i Skellefteå 2025" in finnish
    )  # a source's own title stays as written
    swedish = client.get("/sv/gaps/segment/recycling/").content.decode()
    assert "Exempel: workshop med arbetsgivare (fiktiv)" in swedish
    english = client.get("/en/gaps/segment/recycling/").content.decode()
    assert "Example: workshop with employers (illustration)" in english


def test_the_api_keeps_plain_json_numbers(client, oulu):
    CompetenceNeedFactory(slug="big", region=oulu, headcount=12345, target_year=2030)
    response = client.get("/api/v1/competence-needs/big/", HTTP_ACCEPT_LANGUAGE="fi")
    assert b'"headcount":12345' in response.content
    assert b'"target_year":2030' in response.content


def test_the_needs_admin_lists_the_target_year_as_a_year(coordinator_client, oulu):
    CompetenceNeedFactory(slug="big", region=oulu, headcount=12345, target_year=2030)
    html = coordinator_client.get("/admin/skills/competenceneed/").content.decode()
    assert '<td class="field-target_year">2030</td>' in html
    assert "2,030" not in html and f"2{NBSP}030" not in html
    assert "12,345" in html  # the headcount is a quantity and keeps its grouping


def test_read_only_admin_views_show_years_as_years(coordinator_client, oulu):
    # The coordinator of this test may read every record and change none: the admin shows the read-only view.
    need = CompetenceNeedFactory(
        slug="big", region=oulu, headcount=12345, target_year=2030
    )
    intake = IntakeFactory(year=2026, places=1500)
    html = coordinator_client.get(
        f"/admin/skills/competenceneed/{need.pk}/change/"
    ).content.decode()
    assert '<div class="readonly">2030</div>' in html
    assert '<div class="readonly">12,345</div>' in html
    html = coordinator_client.get(
        f"/admin/programmes/programme/{intake.programme.pk}/change/"
    ).content.decode()
    assert "<p>2026</p>" in html and "2,026" not in html
    assert "<p>1,500</p>" in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", "1\u00a0200 henkilöä vuoteen 2030"), ("en", "1,200 people by 2030")],
)
def test_a_need_names_its_headcount_as_a_quantity_and_its_year_as_a_year(
    language, expected
):
    """How the admin names a need (its lists, history and choices)."""
    need = CompetenceNeed(source_name="Workshop", headcount=1200, target_year=2030)
    with translation.override(language):
        assert expected in str(need)
