"""Public pages answer in fi, sv and en, with one <h1>, and the language switcher keeps the page."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    ActorFactory,
    ProgrammeFactory,
    SegmentFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "home",
    "about",
    "privacy",
    "accessibility",
    "programmes:programme_list",
    "programmes:actor_list",
    "programmes:network",
    "programmes:occupation_list",
    "programmes:map",
    "gaps:pathways",
    "gaps:pathway_matrix",
    "gaps:how",
    "cooperation:board",
    "cooperation:follow_up",
    "news:news_list",
    "gaps:snapshot_list",
    "gaps:workshop_list",
    "needs:new",
]
LANGUAGES = ["fi", "sv", "en"]


def url(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_public_page_answers_in_each_language_with_one_h1(client, name, language):
    response = client.get(url(name, language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_public_workshop_page_answers_in_each_language_with_one_h1_and_keeps_it_in_the_switcher(
    client, language
):
    WorkshopFactory(slug="oulu-cells")
    with translation.override(language):
        address = reverse("gaps:workshop_detail", args=["oulu-cells"])

    response = client.get(address)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    for other in LANGUAGES:
        assert f'href="/{other}/workshops/oulu-cells/" hreflang="{other}"' in html


def test_the_root_address_sends_people_to_their_language(client):
    response = client.get("/", headers={"accept-language": "sv-SE,sv;q=0.9"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/sv/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_language_switcher_links_to_the_same_page_in_each_language(
    client, language
):
    html = client.get(url("accessibility", language)).content.decode()
    for other in LANGUAGES:
        assert (
            f'href="/{other}/accessibility/" hreflang="{other}" lang="{other}"' in html
        )


def test_the_home_page_lists_segments_with_programmes_per_country_and_actors(client):
    recycling = SegmentFactory(
        code="recycling",
        name_fi="Kierrätys",
        name_sv="Återvinning",
        name_en="Recycling",
    )
    cells = SegmentFactory(
        code="cells", name_fi="Kennot", name_sv="Celler", name_en="Cells"
    )
    ProgrammeFactory.create_batch(3, segments=[recycling])
    ProgrammeFactory(segments=[recycling, cells], provider__country="SE")
    ProgrammeFactory(segments=[recycling], state="draft")
    ActorFactory().segments.add(recycling)

    html = client.get("/sv/").content.decode()

    cells_of_rows = re.findall(
        r'<tr>\s*<th scope="row">\s*<a href="[^"]+"><span lang="sv">(.*?)</span></a>.*?'
        r'<td class="num"[^>]*>(\d+)</td>\s*<td class="num"[^>]*>(\d+)</td>\s*<td class="num"[^>]*>(\d+)</td>',
        html,
        re.S,
    )
    assert cells_of_rows == [("Återvinning", "3", "1", "1"), ("Celler", "0", "1", "0")]


def test_the_home_page_marks_an_untranslated_segment_name(client):
    SegmentFactory(name_fi="Kierrätys", name_sv="", name_en="Recycling")
    html = client.get("/sv/").content.decode()
    assert '<span lang="fi">Kierrätys</span></a> <span class="fallback">' in html


def test_the_home_page_does_the_same_queries_for_1_and_40_segments(
    client, django_assert_num_queries
):
    SegmentFactory()
    # 1 programmes per segment and country, 2 actors per segment, 3 segments, 4 the totals of programmes, actors,
    # occupations and regions, 5 the three newest news items
    with django_assert_num_queries(5):
        client.get("/fi/")
    SegmentFactory.create_batch(39)
    with django_assert_num_queries(5):
        client.get("/fi/")
