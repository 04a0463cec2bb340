"""The public news pages: the list with its filters, and an article."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from batteryregion.news import selectors
from batteryregion.news.filters import NewsFilter
from batteryregion.pagination import paginate, query_without_page
from coordinators.permissions import may_preview_news

PAGE_SIZE = 10


def news_list(request: HttpRequest) -> HttpResponse:
    """Published items, newest first, filtered by type, segment and region.

    Queries: the segment and region choices (2), the page's count (1) and items (1): 4; a chosen segment or region
    adds its lookup (1). Bad filters: a 400.
    """
    filterset = NewsFilter(request.GET, queryset=selectors.news_for_list())
    if not filterset.is_valid():
        return render(
            request, "news/news_list.html", {"filterset": filterset}, status=400
        )
    page = paginate(filterset.qs, request, per_page=PAGE_SIZE)
    return render(
        request,
        "news/news_list.html",
        {
            "filterset": filterset,
            "page": page,
            "page_query": query_without_page(request),
            "filtered": any(filterset.form.cleaned_data.values()),
        },
    )


def article(request: HttpRequest, slug: str) -> HttpResponse:
    """One published item with its links (5 queries); drafts and items not yet due are a 404, except to those who
    write news (coordinators.permissions.may_preview_news), who see them with a banner: their preview, from the
    admin's "View on site". A preview is never stored by the page cache, a proxy or a browser."""
    item = selectors.article_for_page(slug, request.user)
    if item is None and request.user.is_staff and may_preview_news(request.user):
        # Only once the published item is not found: a published article costs its writers no more queries.
        item = selectors.article_for_page(slug, request.user, include_unpublished=True)
    if item is None:
        raise Http404(_("No news item has the address “%(slug)s”.") % {"slug": slug})
    response = render(request, "news/article.html", {"item": item})
    if not item.is_public:
        patch_cache_control(response, private=True, no_store=True)
    return response
