"""The preview of news that is not public yet: those who write news (lead coordinators, superusers) open a draft or
an item dated later from the admin's "View on site", with a banner saying it is not public; everyone else gets a 404,
nobody finds it in the list, the feed or the home page, and a preview never enters the page cache or a browser's."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from tests.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

DRAFT_BANNER = "Draft — not public. Only those who write news see this preview."


@pytest.fixture
def draft():
    return NewsItemFactory(slug="coming-up", title_en="Coming up", state="draft")


@pytest.fixture
def scheduled():
    return NewsItemFactory(
        slug="next-week",
        title_en="Next week",
        published_at=timezone.now() + datetime.timedelta(days=7),
    )


def test_a_lead_coordinator_opens_a_draft_with_a_banner_that_is_never_stored(
    lead_coordinator_client, draft
):
    response = lead_coordinator_client.get("/en/news/coming-up/")

    assert response.status_code == 200
    html = response.content.decode()
    assert DRAFT_BANNER in html
    assert f'href="/admin/news/newsitem/{draft.pk}/change/"' in html
    assert '<meta name="robots" content="noindex">' in html
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_an_item_dated_later_says_from_when_it_is_public(
    lead_coordinator_client, scheduled
):
    response = lead_coordinator_client.get("/en/news/next-week/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Not public yet: shown to everyone from" in html
    assert DRAFT_BANNER not in html
    assert "no-store" in response["Cache-Control"]


def test_a_superuser_opens_a_draft_too(admin_client, draft):
    assert admin_client.get("/en/news/coming-up/").status_code == 200


def test_anyone_who_does_not_write_news_gets_a_404(
    client, coordinator_client, partner, draft, scheduled
):
    partner_client = Client()
    partner_client.force_login(partner)
    # Staff with no coordinator record, even with the model permission to read news in the admin.
    staff = User.objects.create_user("staff", password="pw", is_staff=True)
    staff_client = Client()
    staff_client.force_login(staff)

    for visitor in (client, coordinator_client, partner_client, staff_client):
        for slug in ("coming-up", "next-week"):
            assert visitor.get(f"/en/news/{slug}/").status_code == 404


def test_a_published_article_has_no_banner_and_keeps_its_public_caching(
    client, lead_coordinator_client
):
    NewsItemFactory(slug="out-now")

    for visitor in (client, lead_coordinator_client):
        response = visitor.get("/en/news/out-now/")
        assert response.status_code == 200
        assert "publication-notice" not in response.content.decode()
        assert "no-store" not in response.get("Cache-Control", "")


def test_drafts_stay_out_of_the_list_the_feed_and_the_home_page_for_their_writers(
    lead_coordinator_client, draft, scheduled
):
    NewsItemFactory(slug="out-now", title_en="Out now")

    for address in ("/en/news/", "/en/news/feed/", "/en/"):
        html = lead_coordinator_client.get(address).content.decode()
        assert "out-now" in html, address
        assert "coming-up" not in html, address
        assert "next-week" not in html, address


def test_view_on_site_in_the_admin_leads_a_lead_coordinator_to_the_preview(
    lead_coordinator_client, draft
):
    change = lead_coordinator_client.get(f"/admin/news/newsitem/{draft.pk}/change/")
    assert change.status_code == 200
    [view_on_site] = [
        line for line in change.content.decode().splitlines() if "viewsitelink" in line
    ]
    address = view_on_site.split('href="')[1].split('"')[0]

    response = lead_coordinator_client.get(address, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith("/news/coming-up/")
    assert DRAFT_BANNER in response.content.decode()


def test_a_preview_never_enters_the_shared_page_cache(
    settings, client, lead_coordinator_client, draft
):
    settings.PAGE_CACHE_SECONDS = 600

    assert lead_coordinator_client.get("/en/news/coming-up/").status_code == 200
    # An anonymous visitor, whose answers the cache serves, still finds nothing there.
    response = client.get("/en/news/coming-up/")
    assert response.status_code == 404
    assert DRAFT_BANNER not in response.content.decode()


def test_a_published_article_costs_its_writers_no_extra_query(
    lead_coordinator_client, django_assert_num_queries
):
    NewsItemFactory(slug="out-now")
    lead_coordinator_client.get("/en/news/out-now/")  # the session's first reads
    # 1 session, 2 user, 3 and 4 the user's and the groups' permissions (the actions they may see), 5 the item,
    # 6-9 its segments, regions, programmes and actions; the preview's check runs only when no published item is found.
    with django_assert_num_queries(9):
        lead_coordinator_client.get("/en/news/out-now/")
