"""The Atom feed of each language (/fi/news/feed/, /sv/news/feed/, /en/news/feed/): titles, summaries and
addresses in the feed's language, falling back as the pages do."""

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from batteryregion.i18n import shown
from batteryregion.news import selectors
from batteryregion.news.models import NewsItem


class NewsFeed(Feed):
    feed_type = Atom1Feed
    # None: the syndication framework writes the active language, the address's (xml:lang="fi" under /fi/).
    language = None

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> None:
        return None

    def title(self) -> str:
        return _("News and lessons learned – Battery Region Education Map")

    def subtitle(self) -> str:
        return _("What the partners of the Battery Region do and learn together.")

    def link(self) -> str:
        return reverse("news:news_list")

    def items(self) -> list[NewsItem]:
        return selectors.news_for_feed()

    def item_title(self, item: NewsItem) -> str:
        return shown(item, "title").text

    def item_description(self, item: NewsItem) -> str:
        return shown(item, "summary").text

    def item_link(self, item: NewsItem) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: NewsItem) -> datetime:
        return item.published_at

    def item_updateddate(self, item: NewsItem) -> datetime:
        return item.updated_at
