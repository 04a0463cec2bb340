"""Error answers: pages in the address's language, DRF-style JSON under /api/, and 503 when the database is down.

Nothing here touches the database, which may be what failed: the layout reads no rows and the lazy `user` of the
auth context processor is never evaluated (tests/test_error_pages.py counts the queries).
"""

import sys
from dataclasses import dataclass

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions

RETRY_AFTER_SECONDS = 60
UNAVAILABLE_TEXT = _("The service is temporarily unavailable. Try again in a minute.")


@dataclass(frozen=True)
class ErrorPage:
    """What one kind of error says: a heading and explanation on the page, a detail in the API's JSON."""

    status: int
    heading: Promise
    explanation: Promise
    detail: Promise  # DRF's own wording where it has one, so API errors read alike and come translated


BAD_REQUEST = ErrorPage(
    400,
    _("Bad request"),
    _("The address or the data sent with it could not be understood."),
    exceptions.ParseError.default_detail,
)
FORBIDDEN = ErrorPage(
    403,
    _("Access denied"),
    _("You do not have permission to see this page."),
    exceptions.PermissionDenied.default_detail,
)
CSRF_FAILED = ErrorPage(
    403,
    _("Form not sent"),
    _(
        "The form failed its security check. Reload the page and send the form again; your browser must accept cookies from this site."
    ),
    exceptions.PermissionDenied.default_detail,
)
NOT_FOUND = ErrorPage(
    404,
    _("Page not found"),
    _(
        "There is no page at this address. It may have moved, or the address may be mistyped."
    ),
    exceptions.NotFound.default_detail,
)
SERVER_ERROR = ErrorPage(
    500,
    _("Something went wrong"),
    _("An error on our side stopped this page from loading. Try again later."),
    exceptions.APIException.default_detail,
)
UNAVAILABLE = ErrorPage(
    503, _("Temporarily unavailable"), UNAVAILABLE_TEXT, UNAVAILABLE_TEXT
)

# Cannot connect, connection lost, a lock or statement timeout: all pass, so "try again in a minute" is true.
# Other database errors (a bad query, a broken constraint) are bugs and stay 500.
DATABASE_DOWN = (OperationalError, InterfaceError)


def error_response(request: HttpRequest, page: ErrorPage) -> HttpResponse:
    """The error as JSON under /api/ or as a page, in the request's language; only a 404 may be stored by clients."""
    # Decided here too: an error in a middleware before LocaleMiddleware would keep the last request's language.
    with translation.override(
        translation.get_language_from_request(request, check_path=True)
    ):
        if request.path_info.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"detail": str(page.detail)}, status=page.status
            )
        else:
            html = render_to_string("errors/error.html", {"page": page}, request)
            response = HttpResponse(html, status=page.status)
    if page.status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    if page.status != 404:
        patch_cache_control(response, no_store=True)
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: SuspiciousOperation, DisallowedHost and other requests Django refuses."""
    return error_response(request, BAD_REQUEST)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403: PermissionDenied."""
    return error_response(request, FORBIDDEN)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form without a valid token (CsrfViewMiddleware already logs the reason)."""
    return error_response(request, CSRF_FAILED)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: an unknown address or Http404."""
    return error_response(request, NOT_FOUND)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: 503 with Retry-After when the database cannot be reached, 500 for anything else."""
    # Django calls this while handling the exception, also one raised in a middleware (such as the session's).
    exception = sys.exc_info()[1]
    return error_response(
        request, UNAVAILABLE if isinstance(exception, DATABASE_DOWN) else SERVER_ERROR
    )
