"""Related news on the programme, actor and action pages: the items about the programme, the actor's programmes or
the action, as a short list, and nothing at all when there is none."""

import pytest

from tests.factories import ActionFactory, NewsItemFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_the_programme_page_lists_news_about_the_programme(client):
    programme = ProgrammeFactory(slug="battery-technology")
    about = NewsItemFactory(title_en="Battery technology starts again")
    about.programmes.add(programme)
    NewsItemFactory(title_en="Something else")
    draft = NewsItemFactory(title_en="Not yet", state="draft")
    draft.programmes.add(programme)
    html = client.get("/en/programmes/battery-technology/").content.decode()
    assert 'id="related-news-title"' in html
    assert "Battery technology starts again" in html
    assert "Something else" not in html and "Not yet" not in html


def test_the_actor_page_lists_news_about_its_programmes(client):
    programme = ProgrammeFactory()
    NewsItemFactory(title_en="A new intake").programmes.add(programme)
    html = client.get(f"/en/actors/{programme.provider.slug}/").content.decode()
    assert "A new intake" in html


def test_the_action_page_lists_news_about_the_action(client):
    action = ActionFactory(slug="joint-recruitment")
    NewsItemFactory(title_en="Recruiting together: lessons", kind="lesson").actions.add(
        action
    )
    html = client.get("/en/cooperation/joint-recruitment/").content.decode()
    assert "Recruiting together: lessons" in html


def test_pages_without_related_news_show_no_news_section(client):
    programme = ProgrammeFactory(slug="quiet")
    ActionFactory(slug="quiet-action")
    NewsItemFactory(title_en="Unrelated")
    for path in (
        "/en/programmes/quiet/",
        f"/en/actors/{programme.provider.slug}/",
        "/en/cooperation/quiet-action/",
    ):
        html = client.get(path).content.decode()
        assert "related-news" not in html, path
