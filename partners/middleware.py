"""Rate limits at the door of the partner API (/api/), before the public page cache answers anything.

An anonymous request (no session cookie, no partner key) is counted here against its client address, so that an
answer served from the page cache counts like any other, and refused here with 429 once its address is over the
limit. Requests with a key or a session are counted by partners.throttling.PartnerThrottle inside DRF, where the
key is checked. On the way out, every counted answer gets its RateLimit headers, added after the page cache so that
they are never stored with a cached answer.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from partners.authentication import sent_key
from partners.errors import throttled_response
from partners.throttling import ANONYMOUS, PartnerThrottle, RateLimit, anonymous_ident

API_PREFIX = "/api/"


def is_anonymous_api_request(request: HttpRequest) -> bool:
    """Whether the request is for the API and sends neither a session cookie nor a partner key."""
    return (
        request.path.startswith(API_PREFIX)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and sent_key(request) is None
    )


def add_headers(response: HttpResponse, rate_limit: RateLimit) -> None:
    for name, value in rate_limit.headers().items():
        response[name] = value


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_anonymous_api_request(request):
            allowed = PartnerThrottle().count(
                request, ANONYMOUS, anonymous_ident(request)
            )
            if not allowed:
                response = throttled_response(request, request.rate_limit)
                add_headers(response, request.rate_limit)
                return response
        response = self.get_response(request)
        rate_limit = getattr(request, "rate_limit", None)
        if rate_limit is not None:
            add_headers(response, rate_limit)
        return response
