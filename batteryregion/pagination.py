"""Pagination for the public pages: a clear 404 for a page that does not exist, never a 500."""

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _


def paginate(queryset: QuerySet, request: HttpRequest, *, per_page: int = 20) -> Page:
    """The page of results that ?page= asks for; Http404 with a translated reason when there is none."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page") or 1
    try:
        return paginator.page(number)
    except InvalidPage as error:
        raise Http404(
            _("There is no page %(page)s of these results.") % {"page": number}
        ) from error


def query_without_page(request: HttpRequest) -> str:
    """The current query string without ?page=, to build page links that keep the filters."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
