"""Fixtures for the deployment tests: the shared page cache switched on, on local memory or on a Redis server."""

import os
from collections.abc import Iterator

import pytest
from django.core.cache import cache

from batteryregion.page_cache import forget_version

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


def redis_available(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request, settings) -> Iterator[str]:
    """Runs a test on the default local-memory cache and on Redis (Django's RedisCache), as app servers share it."""
    if request.param == "redis":
        if not redis_available(REDIS_TEST_URL):
            reason = (
                f"No Redis server at {REDIS_TEST_URL} (apt-get install redis-server)."
            )
            if os.environ.get("CI"):
                pytest.fail(f"The Redis cache must be tested in CI: {reason}")
            pytest.skip(reason)
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_TEST_URL,
                "KEY_PREFIX": f"batteryregion-tests-{os.getpid()}",
            }
        }
    cache.clear()
    yield request.param
    cache.clear()


@pytest.fixture
def page_cache(cache_backend, settings) -> str:
    settings.PAGE_CACHE_SECONDS = 600
    forget_version()  # a version read in an earlier test, whose data is gone
    return cache_backend
