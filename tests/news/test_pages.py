"""The news list and articles: only what is published and due, newest first, with filters, fallbacks marked, in
fi, sv and en with one <h1> and a label on every filter."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.factories import NewsItemFactory, RegionFactory, SegmentFactory

pytestmark = pytest.mark.django_db


def titles(html: str) -> list[str]:
    return re.findall(
        r'class="news-title"><a href="[^"]+"><span lang="\w\w">([^<]+)</span>', html
    )


def test_only_published_items_whose_date_has_come_are_shown(client):
    now = timezone.now()
    NewsItemFactory(
        slug="out", title_en="Out now", published_at=now - datetime.timedelta(hours=1)
    )
    NewsItemFactory(slug="draft", title_en="A draft", state="draft")
    NewsItemFactory(
        slug="later",
        title_en="Next week",
        published_at=now + datetime.timedelta(days=7),
    )
    html = client.get("/en/news/").content.decode()
    assert titles(html) == ["Out now"]
    assert client.get("/en/news/out/").status_code == 200
    assert client.get("/en/news/draft/").status_code == 404
    assert client.get("/en/news/later/").status_code == 404
    assert client.get("/en/news/feed/").content.decode().count("<entry>") == 1


def test_the_list_is_newest_first_and_paged(client):
    now = timezone.now()
    for day in range(12):
        NewsItemFactory(
            title_en=f"Day {day}", published_at=now - datetime.timedelta(days=day)
        )
    first = client.get("/en/news/")
    assert titles(first.content.decode()) == [f"Day {day}" for day in range(10)]
    assert 'class="pagination"' in first.content.decode()
    second = client.get("/en/news/?page=2")
    assert titles(second.content.decode()) == ["Day 10", "Day 11"]
    assert client.get("/en/news/?page=3").status_code == 404


def test_the_filters_narrow_by_type_segment_and_region(client):
    recycling = SegmentFactory(code="recycling")
    vasterbotten = RegionFactory(code="SE331", country="SE")
    lesson = NewsItemFactory(title_en="What we learned", kind="lesson")
    lesson.segments.add(recycling)
    news = NewsItemFactory(title_en="Joint recruitment starts")
    news.regions.add(vasterbotten)
    assert titles(client.get("/en/news/?kind=lesson").content.decode()) == [
        "What we learned"
    ]
    assert titles(client.get("/en/news/?segment=recycling").content.decode()) == [
        "What we learned"
    ]
    assert titles(client.get("/en/news/?region=SE331").content.decode()) == [
        "Joint recruitment starts"
    ]
    assert (
        titles(client.get("/en/news/?kind=news&segment=recycling").content.decode())
        == []
    )
    assert client.get("/en/news/?kind=gossip").status_code == 400
    assert client.get("/en/news/?segment=nowhere").status_code == 400


def test_a_missing_translation_falls_back_and_is_marked(client):
    NewsItemFactory(slug="only-finnish", title_fi="Akkukoulutus alkaa", title_sv="", title_en="", summary_sv="", body_sv="")  # fmt: skip
    listed = client.get("/sv/news/").content.decode()
    assert (
        '<span lang="fi">Akkukoulutus alkaa</span></a> <span class="fallback">'
        in listed
    )
    article = client.get("/sv/news/only-finnish/").content.decode()
    assert '<h1 lang="fi">Akkukoulutus alkaa</h1>' in article
    assert 'class="note"' in article
    assert '<div class="news-body" lang="fi"><p>Teksti.</p></div>' in article


def test_a_fully_translated_article_has_no_fallback_note(client):
    NewsItemFactory(slug="all", title_sv="Batterinyhet")
    html = client.get("/sv/news/all/").content.decode()
    assert '<h1 lang="sv">Batterinyhet</h1>' in html
    assert 'class="note"' not in html


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_pages_answer_in_each_language_with_one_h1_and_labelled_filters(
    client, language
):
    NewsItemFactory(slug="article")
    SegmentFactory()
    RegionFactory()
    for path in (f"/{language}/news/", f"/{language}/news/article/"):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert len(re.findall(r"<h1[ >]", html)) == 1, path
        # The feed is announced in the head of both pages.
        assert '<link rel="alternate" type="application/atom+xml" title="' in html
        assert f'href="/{language}/news/feed/"' in html
    html = client.get(f"/{language}/news/").content.decode()
    controls = re.findall(r'<select name="(\w+)"[^>]* id="([\w-]+)"', html)
    assert {name for name, _id in controls} == {"kind", "segment", "region"}
    for _name, control_id in controls:
        assert f'<label for="{control_id}">' in html


def test_the_main_navigation_links_the_news(client):
    html = client.get("/fi/news/").content.decode()
    assert 'href="/fi/news/" aria-current="page">' in html


def test_the_home_page_shows_the_three_newest_items(client):
    now = timezone.now()
    for day in range(5):
        NewsItemFactory(
            title_en=f"Day {day}", published_at=now - datetime.timedelta(days=day)
        )
    NewsItemFactory(title_en="Tomorrow", published_at=now + datetime.timedelta(days=1))
    html = client.get("/en/").content.decode()
    assert titles(html) == ["Day 0", "Day 1", "Day 2"]


def test_the_home_page_has_no_news_section_without_news(client):
    assert "news-title" not in client.get("/en/").content.decode()
