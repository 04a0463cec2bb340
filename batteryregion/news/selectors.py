"""What the news pages, the feed, the home page and the related-news lists read."""

from django.db.models import Prefetch, QuerySet

from batteryregion.news.models import NewsItem
from gaps.cooperation.models import Action
from programmes.models import Programme
from skills.models import Actor

# The columns a list of items shows (title, summary, kind, date, address); the body and image stay in the database.
LIST_COLUMNS = (
    "slug",
    "kind",
    "published_at",
    "updated_at",
    "title_fi",
    "title_sv",
    "title_en",
    "summary_fi",
    "summary_sv",
    "summary_en",
)
RELATED_COUNT = 5


def news_for_list() -> QuerySet[NewsItem]:
    """Published items with a publication time that has come, newest first (1 query per page, plus its count)."""
    return (
        NewsItem.objects.published()
        .only(*LIST_COLUMNS)
        .order_by("-published_at", "-pk")
    )


def news_for_home() -> list[NewsItem]:
    """The three newest published items (1 query)."""
    return list(news_for_list()[:3])


def news_for_feed() -> list[NewsItem]:
    """The twenty newest published items (1 query)."""
    return list(news_for_list()[:20])


def article_for_page(
    slug: str, user, *, include_unpublished: bool = False
) -> NewsItem | None:
    """A published item with its segments, regions, public programmes and the actions the user may see
    (5 queries); None when there is none to show. ``include_unpublished`` also finds a draft or an item dated later:
    the preview of those who write news (coordinators.permissions.may_preview_news)."""
    items = (
        NewsItem.objects.all() if include_unpublished else NewsItem.objects.published()
    )
    return (
        items.prefetch_related(
            "segments",
            "regions",
            Prefetch("programmes", Programme.objects.public().order_by("slug")),
            Prefetch("actions", Action.objects.visible_to(user).order_by("slug")),
        )
        .filter(slug=slug)
        .first()
    )


def news_for_programme(programme: Programme) -> list[NewsItem]:
    """The newest published items about the programme (1 query)."""
    return list(news_for_list().filter(programmes=programme)[:RELATED_COUNT])


def news_for_actor(actor: Actor) -> list[NewsItem]:
    """The newest published items about the actor's programmes (1 query)."""
    about = NewsItem.programmes.through.objects.filter(
        programme__provider=actor
    ).values("newsitem")
    return list(news_for_list().filter(pk__in=about)[:RELATED_COUNT])


def news_for_action(action: Action) -> list[NewsItem]:
    """The newest published items about the cooperation action (1 query)."""
    return list(news_for_list().filter(actions=action)[:RELATED_COUNT])
