"""The programme catalogue: filters that combine, sensible order, shareable URLs, clear errors, fixed queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from batteryregion.page_cache import forget_version
from programmes.filters import _shared_choices
from programmes.models import EntryRequirement, Programme
from tests.factories import (
    EducationLevelFactory,
    LanguageFactory,
    OfferingFactory,
    ProgrammeFactory,
    QualificationTypeFactory,
    RegionFactory,
    SegmentFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db


def shown_names(response) -> list[str]:
    return re.findall(
        r'<h3><a href="[^"]+"><span lang="\w\w">([^<]+)</span>',
        response.content.decode(),
    )


def test_filters_combine_segment_country_level_and_language(client):
    recycling = SegmentFactory(code="recycling")
    cells = SegmentFactory(code="cells")
    level4, level6 = EducationLevelFactory(level=4), EducationLevelFactory(level=6)
    english = LanguageFactory(code="en", name_en="English")
    match = ProgrammeFactory(
        name_en="Match",
        segments=[recycling],
        awarded_level=level4,
        provider__country="FI",
    )
    match.languages.add(english)
    ProgrammeFactory(
        name_en="Wrong segment", segments=[cells], awarded_level=level4
    ).languages.add(english)
    ProgrammeFactory(
        name_en="Wrong level", segments=[recycling], awarded_level=level6
    ).languages.add(english)
    ProgrammeFactory(
        name_en="Wrong country",
        segments=[recycling],
        awarded_level=level4,
        provider__country="SE",
    )
    ProgrammeFactory(
        name_en="Wrong language", segments=[recycling], awarded_level=level4
    )

    response = client.get(
        "/en/programmes/",
        {"segment": "recycling", "country": "FI", "level": 4, "language": "en"},
    )

    assert response.status_code == 200
    assert shown_names(response) == ["Match"]


def test_several_segments_show_programmes_of_any_of_them_once(client):
    recycling, cells = SegmentFactory(code="recycling"), SegmentFactory(code="cells")
    ProgrammeFactory(name_en="Both", segments=[recycling, cells])
    ProgrammeFactory(name_en="Cells only", segments=[cells])
    ProgrammeFactory(name_en="Neither")
    response = client.get("/en/programmes/?segment=recycling&segment=cells")
    assert shown_names(response) == ["Both", "Cells only"]


def test_open_to_my_education_follows_accepted_qualifications_and_levels(client):
    basic = QualificationTypeFactory(
        code="fi-basic", level=EducationLevelFactory(level=2)
    )
    vocational = QualificationTypeFactory(
        code="fi-vocational", level=EducationLevelFactory(level=4)
    )
    named = ProgrammeFactory(name_en="Names basic education")
    EntryRequirement.objects.create(programme=named, qualification_type=basic)
    by_level = ProgrammeFactory(name_en="Any level 4")
    EntryRequirement.objects.create(programme=by_level, min_level=vocational.level)
    ProgrammeFactory(name_en="No requirements recorded")

    assert shown_names(client.get("/en/programmes/?open_to=fi-basic")) == [
        "Names basic education"
    ]
    assert shown_names(client.get("/en/programmes/?open_to=fi-vocational")) == [
        "Any level 4"
    ]


def test_a_region_includes_the_programmes_given_in_its_subregions(client):
    north = RegionFactory(code="FI1D", level=2, name_en="North and East Finland")
    oulu = RegionFactory(code="FI1D9", level=3, parent=north)
    vaasa = RegionFactory(code="FI195", level=3, name_en="Ostrobothnia")
    OfferingFactory(programme__name_en="In Oulu", site__region=oulu)
    OfferingFactory(programme__name_en="In Vaasa", site__region=vaasa)

    assert shown_names(client.get("/en/programmes/?region=FI1D")) == ["In Oulu"]
    assert shown_names(client.get("/en/programmes/?region=FI1D9")) == ["In Oulu"]


def test_search_finds_names_descriptions_and_providers_in_the_page_language(client):
    ProgrammeFactory(name_fi="Kemiantekniikka", name_en="Chemical engineering")
    ProgrammeFactory(
        name_fi="Automaatio",
        description_fi="Akkutehtaan prosessit",
        name_en="Automation",
    )
    ProgrammeFactory(
        name_fi="Sähkö", name_en="Electrical", provider__name_fi="Kemian opisto"
    )
    assert shown_names(client.get("/fi/programmes/?q=kemia")) == [
        "Kemiantekniikka",
        "Sähkö",
    ]
    assert shown_names(client.get("/fi/programmes/?q=akkutehtaan")) == ["Automaatio"]
    assert shown_names(client.get("/en/programmes/?q=kemia")) == []


def test_programmes_are_sorted_by_their_name_as_shown_and_can_be_sorted_by_level(
    client,
):
    ProgrammeFactory(
        name_sv="Öppen kurs",
        name_en="Open course",
        awarded_level=EducationLevelFactory(level=6),
    )
    ProgrammeFactory(
        name_sv="", name_fi="Akkukurssi", name_en="Battery course", awarded_level=None
    )
    ProgrammeFactory(
        name_sv="Batteriteknik",
        name_en="Battery technology",
        awarded_level=EducationLevelFactory(level=4),
    )

    assert shown_names(client.get("/sv/programmes/")) == [
        "Akkukurssi",
        "Batteriteknik",
        "Öppen kurs",
    ]
    assert shown_names(client.get("/sv/programmes/?sort=level")) == [
        "Akkukurssi",
        "Batteriteknik",
        "Öppen kurs",
    ]
    assert shown_names(client.get("/en/programmes/?sort=level")) == [
        "Battery course",
        "Battery technology",
        "Open course",
    ]


def test_unpublished_programmes_stay_out_of_the_catalogue(client):
    ProgrammeFactory(name_en="Draft", state="draft")
    assert shown_names(client.get("/en/programmes/")) == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("segment=nope", "Value-chain segment"),
        ("level=12", "Education level (EQF)"),
        ("country=XX", "Country"),
        ("open_to=nope", "Open to my education"),
        ("sort=price", "Sort by"),
    ],
)
def test_an_unknown_filter_value_is_a_400_naming_the_filter(client, query, field):
    response = client.get(f"/en/programmes/?{query}")
    assert response.status_code == 400
    assert '<li><a href="#id_' in response.content.decode()
    assert f">{field}</a>:" in response.content.decode()


def test_an_unknown_filter_value_is_explained_in_the_page_language(client):
    response = client.get("/fi/programmes/?level=12")
    assert response.status_code == 400
    assert "Valitse oikea vaihtoehto." in response.content.decode()


def test_a_page_beyond_the_results_is_a_404(client):
    ProgrammeFactory()
    assert client.get("/en/programmes/?page=9999").status_code == 404
    assert client.get("/en/programmes/?page=abc").status_code == 404
    assert client.get("/en/programmes/?page=1").status_code == 200


def test_page_links_keep_the_filters(client):
    segment = SegmentFactory(code="recycling")
    ProgrammeFactory.create_batch(21, segments=[segment])
    html = client.get("/en/programmes/?segment=recycling").content.decode()
    assert 'href="?segment=recycling&amp;page=2"' in html


def test_htmx_requests_get_only_the_results(client):
    ProgrammeFactory(name_en="Shown")
    response = client.get("/en/programmes/", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html
    assert shown_names(response) == ["Shown"]


def test_the_catalogue_does_the_same_queries_for_1_and_50_programmes(
    client, django_assert_num_queries
):
    segment = SegmentFactory(code="recycling")
    site = SiteFactory()

    def make(count: int) -> None:
        for programme in ProgrammeFactory.create_batch(count, segments=[segment]):
            OfferingFactory(programme=programme, site=site)
            programme.languages.add(LanguageFactory())

    make(1)
    # 1 segment choices (validation), 2 count, 3 segment checkboxes (rendering), 4 region, 5 level, 6 language and
    # 7 starting-point choices, 8 programmes + provider + level, 9 towns of their sites, 10 their languages.
    # Outside a test's transaction 3 to 7 are read once per data version (the next test).
    with django_assert_num_queries(10):
        client.get("/en/programmes/?segment=recycling")
    make(49)
    with django_assert_num_queries(10):
        response = client.get("/en/programmes/?segment=recycling")
    assert response.context["page"].paginator.count == 50
    assert Programme.objects.count() == 50


CHOICE_TABLES = (
    "skills_segment",
    "skills_region",
    "skills_educationlevel",
    "skills_language",
)


@pytest.fixture
def fresh_shared_choices(settings):
    """share_choices() with nothing read yet and a version that stays read for the test (flushing the database
    between transactional tests starts the data version again)."""
    settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 600
    _shared_choices.clear()
    forget_version()
    yield
    _shared_choices.clear()
    forget_version()


@pytest.mark.django_db(transaction=True)
def test_the_filter_choices_are_read_once_per_data_version(
    client, fresh_shared_choices
):
    SegmentFactory(code="recycling", name_en="Recycling")
    assert 'value="recycling"' in client.get("/en/programmes/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/en/programmes/").content.decode()
    assert 'value="recycling"' in html
    assert not [
        query["sql"]
        for query in queries
        if any(f'FROM "{table}"' in query["sql"] for table in CHOICE_TABLES)
    ]
    # A change of the data (committed) raises the version: the next request reads the choices again.
    SegmentFactory(code="cells", name_en="Cell manufacturing")
    html = client.get("/en/programmes/").content.decode()
    assert 'value="recycling"' in html and 'value="cells"' in html
    # Each language has its own labels.
    assert "Cell manufacturing" in html
    SegmentFactory(code="anodes", name_en="Anodes", name_fi="Anodit")
    assert "Anodit" in client.get("/fi/programmes/").content.decode()


def test_no_match_is_no_error_and_offers_to_remove_each_filter(client):
    first, second = SegmentFactory(code="recycling"), SegmentFactory(code="cells")
    ProgrammeFactory(segments=[first])

    response = client.get("/en/programmes/?segment=recycling&segment=cells&q=zzz")

    assert response.status_code == 200
    html = response.content.decode()
    assert "could not be applied" not in html
    assert "No programme matches these filters." in html
    removals = re.findall(r'<li><a href="(\?[^"]*)">Remove', html)
    assert sorted(removals) == sorted(
        [
            "?segment=recycling&amp;segment=cells",
            "?segment=cells&amp;q=zzz",
            "?segment=recycling&amp;q=zzz",
        ]
    )
    assert f"Remove “Value-chain segment: {second.name_en}”" in html


def test_an_htmx_update_sends_the_count_and_the_language_links_out_of_band(client):
    ProgrammeFactory.create_batch(2, provider__country="FI")
    response = client.get("/sv/programmes/?country=FI", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert re.search(r'<p id="results-status" hx-swap-oob="innerHTML">\s*2 ', html)
    assert 'id="language-switcher" aria-label="Språk" hx-swap-oob="true"' in html
    assert 'href="/fi/programmes/?country=FI"' in html
    assert "<html" not in html  # only the results, not the page
