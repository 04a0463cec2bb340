"""Rate limits of the partner API: one per key, one per anonymous client address, none for coordinators by default.

Rates are REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (settings, from API_RATE_ANONYMOUS, API_RATE_KEY and
API_RATE_SESSION): "anonymous" per client address (batteryregion.client_ip, which knows the proxies), "key" per
partner key (by its prefix), "session" per logged-in user (empty: not limited). Each is a number of requests in a
sliding window of a second, minute, hour or day ("600/min"), counted in the shared cache (CACHES["default"]), so
several app servers share one count.

Anonymous requests are counted at the door (partners.middleware.RateLimitMiddleware), before the public page cache,
so an answer served from that cache counts too; requests with a key or a session are counted by ``PartnerThrottle``
once DRF knows who sends them. Both count in the same place, with DRF's own sliding window. Every counted answer
carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (IETF draft "RateLimit header fields for HTTP").
"""

import math
from dataclasses import dataclass

from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from batteryregion.client_ip import client_ip_address
from partners.principal import KeyHolder

ANONYMOUS = "anonymous"
KEY = "key"
SESSION = "session"


@dataclass(frozen=True)
class RateLimit:
    """Where one client stands after a request: its limit, what is left of it, and seconds until it is whole again
    (``retry_after``: seconds until the next request is allowed, when this one was refused)."""

    limit: int
    remaining: int
    reset: int
    retry_after: int | None = None

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
        }


def anonymous_ident(request: HttpRequest) -> str:
    return client_ip_address(request) or "unknown"


class PartnerThrottle(SimpleRateThrottle):
    """DRF's sliding window with the rate chosen per request: by key, by session user, or by client address."""

    def __init__(self) -> None:
        # The rate depends on who asks, so it is chosen in allow_request(), from the settings of the moment.
        self.rate = None

    def allow_request(self, request: Request, view: object = None) -> bool:
        django_request = getattr(request, "_request", request)
        if getattr(django_request, "rate_limit", None) is not None:
            return True  # already counted at the door (an anonymous request)
        user = request.user
        if isinstance(user, KeyHolder):
            scope, ident = KEY, user.key.prefix
        elif user.is_authenticated:
            scope, ident = SESSION, str(user.pk)
        else:
            scope, ident = ANONYMOUS, anonymous_ident(django_request)
        return self.count(django_request, scope, ident)

    def count(self, request: HttpRequest, scope: str, ident: str) -> bool:
        """Count the request against the scope's rate; note where the client stands on ``request.rate_limit``."""
        self.scope = scope
        self.rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope)
        if not self.rate:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.key = self.cache_format % {"scope": scope, "ident": ident}
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        allowed = len(self.history) < self.num_requests
        if allowed:
            self.throttle_success()
        oldest = self.history[-1] if self.history else self.now
        reset = max(0, math.ceil(oldest + self.duration - self.now))
        retry_after = None if allowed else max(1, math.ceil(self.wait() or reset))
        request.rate_limit = RateLimit(
            limit=self.num_requests,
            remaining=self.num_requests - len(self.history),
            reset=reset,
            retry_after=retry_after,
        )
        return allowed
