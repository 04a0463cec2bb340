"""The news pages and feed (inside the /fi/, /sv/, /en/ prefixes)."""

from django.urls import path

from batteryregion.news import views
from batteryregion.news.feeds import NewsFeed

app_name = "news"

urlpatterns = [
    path("news/", views.news_list, name="news_list"),
    # Before the articles' own addresses: an article's slug cannot be "feed".
    path("news/feed/", NewsFeed(), name="feed"),
    path("news/<slug:slug>/", views.article, name="article"),
]
