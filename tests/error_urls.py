"""The project's addresses and handlers, plus views that fail on purpose under /api/test/ and /<language>/test/."""

from collections.abc import Callable

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from batteryregion import urls as project

FAILURES: dict[str, type[Exception]] = {
    "bad-request/": SuspiciousOperation,
    "forbidden/": PermissionDenied,
    "crash/": RuntimeError,
    "database-down/": OperationalError,
}


def raising(exception: type[Exception]) -> Callable[[HttpRequest], HttpResponse]:
    """A view that raises a new exception of this class on every request."""

    def view(request: HttpRequest) -> HttpResponse:
        raise exception("Raised on purpose by tests/error_urls.py.")

    return view


def failing_views(prefix: str) -> list[URLPattern]:
    return [
        path(f"{prefix}{address}", raising(exception))
        for address, exception in FAILURES.items()
    ]


urlpatterns = [
    *project.urlpatterns,
    *failing_views("api/test/"),
    *i18n_patterns(*failing_views("test/")),
]

handler400 = project.handler400
handler403 = project.handler403
handler404 = project.handler404
handler500 = project.handler500
