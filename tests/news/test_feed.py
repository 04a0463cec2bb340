"""The Atom feed of each language: a valid Atom document in that language, with the published items' titles,
summaries and addresses in it."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.mark.parametrize(
    ("language", "title", "summary"),
    [
        ("fi", "Akkuuutinen", "Lyhyesti."),
        ("sv", "Batterinyhet", "I korthet."),
        ("en", "Battery news", "In short."),
    ],
)
def test_the_feed_is_atom_in_its_language(client, language, title, summary):
    now = timezone.now()
    NewsItemFactory(slug="older", title_fi="Akkuuutinen 1", title_sv="Batterinyhet 1", title_en="Battery news 1", published_at=now - datetime.timedelta(days=2))  # fmt: skip
    NewsItemFactory(slug="newer", title_fi="Akkuuutinen 2", title_sv="Batterinyhet 2", title_en="Battery news 2", published_at=now - datetime.timedelta(days=1))  # fmt: skip
    NewsItemFactory(slug="draft", state="draft")
    response = client.get(f"/{language}/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get(XML_LANG) == language
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        f"{title} 2",
        f"{title} 1",
    ]
    assert [entry.findtext(f"{ATOM}summary") for entry in entries] == [summary, summary]
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links == [
        f"http://testserver/{language}/news/newer/",
        f"http://testserver/{language}/news/older/",
    ]
    for entry in entries:
        assert entry.findtext(f"{ATOM}id")
        assert entry.findtext(f"{ATOM}updated")
        assert entry.findtext(f"{ATOM}published")


def test_an_untranslated_title_falls_back_in_the_feed(client):
    NewsItemFactory(title_fi="Vain suomeksi", title_sv="", title_en="")
    feed = ET.fromstring(client.get("/sv/news/feed/").content)
    assert feed.find(f"{ATOM}entry").findtext(f"{ATOM}title") == "Vain suomeksi"
