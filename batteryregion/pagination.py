"""Pagination for the public pages (a clear 404 for a page that does not exist, never a 500) and the partner API lists."""

from collections.abc import Iterator
from typing import Any

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


class CountedRows:
    """A partner API list to page: a RowSerializer's values() rows, counted on the model queryset they come from.

    Counting the rows themselves keeps the joins values() adds for related columns (region__code, employer__slug):
    they never change the count, and made it ten times slower than the page's rows at ten times the data.
    """

    def __init__(self, rows: QuerySet, records: QuerySet) -> None:
        self.rows, self.records = rows, records
        self.ordered = rows.ordered  # Paginator warns about an unordered list

    def count(self) -> int:
        return self.records.count()

    def __getitem__(self, index: slice) -> QuerySet:
        return self.rows[index]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)
