"""The news pages cost the same queries for 1 and 20 items."""

import pytest

from tests.factories import NewsItemFactory, RegionFactory, SegmentFactory

pytestmark = pytest.mark.django_db


def linked_items(count: int) -> list:
    segment, region = SegmentFactory(), RegionFactory()
    items = NewsItemFactory.create_batch(count)
    for item in items:
        item.segments.add(segment)
        item.regions.add(region)
    return items


def test_the_news_list_does_the_same_queries_for_1_and_20_items(
    client, django_assert_num_queries
):
    linked_items(1)
    # 1-2 the segment and region choices, 3 the count, 4 the page's items
    with django_assert_num_queries(4):
        client.get("/fi/news/")
    linked_items(19)
    with django_assert_num_queries(4):
        response = client.get("/fi/news/")
    assert response.context["page"].paginator.count == 20


def test_the_article_does_the_same_queries_for_1_and_20_links(
    client, django_assert_num_queries
):
    item = NewsItemFactory(slug="article")
    item.segments.add(SegmentFactory())
    # 1 the item, 2 segments, 3 regions, 4 programmes, 5 actions
    with django_assert_num_queries(5):
        client.get("/fi/news/article/")
    item.segments.add(*SegmentFactory.create_batch(19))
    item.regions.add(*RegionFactory.create_batch(20))
    with django_assert_num_queries(5):
        client.get("/fi/news/article/")


def test_the_feed_does_the_same_queries_for_1_and_20_items(
    client, django_assert_num_queries
):
    NewsItemFactory()
    with django_assert_num_queries(1):
        client.get("/fi/news/feed/")
    NewsItemFactory.create_batch(19)
    with django_assert_num_queries(1):
        response = client.get("/fi/news/feed/")
    assert response.content.decode().count("<entry>") == 20
