"""A news body keeps headings, lists, links and emphasis, and loses everything that could run or restyle the page:
on every save, whatever saves it, so that the article page may show it as it is."""

import pytest

from batteryregion.news.models import NewsItem
from batteryregion.news.sanitise import sanitised_html
from tests.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

DIRTY = (
    '<h2 onclick="steal()">Heading</h2>'
    "<script>alert('x')</script>"
    '<p style="color:red" class="big" onmouseover="steal()">Para <em>one</em> and <strong>two</strong>.</p>'
    '<ul><li><a href="javascript:alert(1)">bad link</a></li><li><a href="https://example.org/" target="_blank">good</a></li></ul>'
    '<ol><li><a href="mailto:info@example.org">mail</a></li><li><a href="data:text/html,x">data</a></li></ol>'
    '<img src="x" onerror="steal()"><style>body{display:none}</style><iframe src="https://evil.example"></iframe>'
)


def test_the_stored_body_is_clean_in_every_language():
    item = NewsItemFactory(body_fi=DIRTY, body_sv=DIRTY, body_en=DIRTY)
    stored = NewsItem.objects.values("body_fi", "body_sv", "body_en").get(pk=item.pk)
    for body in stored.values():
        lowered = body.lower()
        for trap in ("<script", "alert(", "onclick", "onmouseover", "onerror", "style", "javascript:", "data:", "<img", "<iframe", "class="):  # fmt: skip
            assert trap not in lowered, (trap, body)
        # What the subset allows stays.
        assert "<h2>Heading</h2>" in body
        assert "<em>one</em>" in body and "<strong>two</strong>" in body
        assert "<ul>" in body and "<ol>" in body and "<li>" in body
        assert (
            '<a href="https://example.org/" rel="noopener noreferrer">good</a>' in body
        )
        assert (
            '<a href="mailto:info@example.org" rel="noopener noreferrer">mail</a>'
            in body
        )
        # A refused link keeps its words, without the address.
        assert '<a rel="noopener noreferrer">bad link</a>' in body


def test_the_instance_is_clean_after_save_too():
    item = NewsItemFactory(body_en='<p onclick="x()">Hi</p>')
    assert item.body_en == "<p>Hi</p>"


def test_a_body_changed_later_is_sanitised_again():
    item = NewsItemFactory()
    item.body_sv = '<p>Ok</p><script src="https://evil.example/x.js"></script>'
    item.save()
    item.refresh_from_db()
    assert item.body_sv == "<p>Ok</p>"


def test_sanitised_html_leaves_empty_text_alone():
    assert sanitised_html("") == ""


def test_the_article_shows_the_sanitised_body_as_html(client):
    NewsItemFactory(slug="clean", body_en='<h2>Results</h2><p>Read <a href="https://example.org/">more</a>.</p><script>x()</script>')  # fmt: skip
    html = client.get("/en/news/clean/").content.decode()
    assert (
        '<h2>Results</h2><p>Read <a href="https://example.org/" rel="noopener noreferrer">more</a>.</p>'
        in html
    )
    assert "x()" not in html
