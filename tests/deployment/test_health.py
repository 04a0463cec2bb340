"""Health checks: /healthz says the process lives, /readyz that the database and the cache answer."""

from unittest import mock

import pytest
from django.db import OperationalError, connection


def test_liveness_answers_without_the_database(client):
    # No db fixture: pytest-django refuses any database access in this test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readiness_checks_the_database_and_the_cache(
    cache_backend, client, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readiness_is_503_when_the_database_does_not_answer(client):
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "unavailable", "cache": "ok"},
    }


@pytest.mark.django_db
def test_readiness_is_503_when_the_shared_cache_does_not_answer(client, settings):
    # A port on this machine where nothing listens: the Redis client's connection is refused at once.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "unavailable"}


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_need_no_language_prefix_and_accept_a_trailing_slash(db, client, path):
    assert client.get(path).status_code == 200
    assert client.get(f"{path}/").status_code == 200
    assert client.post(path).status_code != 200
