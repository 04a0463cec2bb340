"""The partner API's answer to too many requests: 429, Retry-After, and a reason in the request's language."""

import math
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import ngettext
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from partners.throttling import RateLimit


def too_many_requests(seconds: int) -> str:
    return ngettext(
        "Too many requests. Try again in %(seconds)d second.",
        "Too many requests. Try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, with the translated reason for a refused rate (REST_FRAMEWORK["EXCEPTION_HANDLER"])."""
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        # Whole seconds, rounded up: DRF would write Retry-After rounded down, a second too early.
        exc.wait = max(1, math.ceil(exc.wait))
        exc.detail = exceptions.ErrorDetail(
            too_many_requests(exc.wait), code=exc.default_code
        )
    return exception_handler(exc, context)


def throttled_response(request: HttpRequest, rate_limit: RateLimit) -> JsonResponse:
    """The same 429 as DRF's, for a request refused before DRF runs (language chosen as LocaleMiddleware would)."""
    seconds = rate_limit.retry_after or rate_limit.reset or 1
    with translation.override(translation.get_language_from_request(request)):
        detail = too_many_requests(seconds)
    response = JsonResponse(
        {"detail": detail}, status=429, json_dumps_params={"ensure_ascii": False}
    )
    response["Retry-After"] = str(seconds)
    response["Content-Language"] = translation.get_language_from_request(request)
    return response
