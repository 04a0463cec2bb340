"""Health checks for load balancers and orchestrators, answered before sessions, languages or the page cache.

/healthz  liveness: the process answers; touches neither the database nor the cache.
/readyz   readiness: the database and the cache answer; 503 with a short JSON body naming what failed.

Both are outside the language prefix, never cached (Cache-Control: no-store) and cheap: one SELECT 1 and one cache
round trip at most. They do not check the Host header, so a balancer may call them by address.
"""

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

READINESS_CACHE_KEY = "health:readiness-probe"


def database_ready() -> bool:
    """True when the default database answers a trivial query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.warning("Readiness: the database does not answer.", exc_info=True)
        return False


def cache_ready() -> bool:
    """True when the cache stores and returns a value (a Redis server that is down raises or returns nothing)."""
    try:
        cache.set(READINESS_CACHE_KEY, "ok", timeout=10)
        return cache.get(READINESS_CACHE_KEY) == "ok"
    except Exception:  # Redis client errors do not share a base class with Django's.
        logger.warning("Readiness: the cache does not answer.", exc_info=True)
        return False


def liveness() -> HttpResponse:
    return JsonResponse({"status": "ok"})


def readiness() -> HttpResponse:
    checks = {
        "database": "ok" if database_ready() else "unavailable",
        "cache": "ok" if cache_ready() else "unavailable",
    }
    ready = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )


PROBES: dict[str, Callable[[], HttpResponse]] = {
    "/healthz": liveness,
    "/readyz": readiness,
}


class HealthCheckMiddleware:
    """Answers the probes itself, so they cost no session, language or URL resolution."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info.rstrip("/"))
        if probe is None or request.method not in {"GET", "HEAD"}:
            return self.get_response(request)
        response = probe()
        response["Cache-Control"] = "no-store"
        return response
