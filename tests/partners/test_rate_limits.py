"""Rate limits: per anonymous client address and per key, counted in the shared cache, with RateLimit headers on
every answer, 429 with Retry-After and a translated reason; coordinators' sessions unlimited; answers to keys never
in the public page cache."""

from unittest import mock

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from batteryregion.page_cache import forget_version
from partners.errors import too_many_requests
from partners.models import PartnerKey
from partners.throttling import PartnerThrottle
from skills.models import CompetenceNeed
from tests.factories import CompetenceNeedFactory, SegmentFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/segments/"
NEEDS = "/api/v1/competence-needs/"


@pytest.fixture
def rates(settings):
    """Three requests a minute without a key, two with one, one for a session: small enough to reach in a test."""

    def set_rates(anonymous="3/min", key="2/min", session=None):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anonymous": anonymous, "key": key, "session": session},
        }  # fmt: skip

    set_rates()
    return set_rates


@pytest.fixture
def clock():
    """The throttle's clock, moved by hand (seconds since the epoch)."""
    now = [1_800_000_000.0]
    with mock.patch.object(PartnerThrottle, "timer", lambda self: now[0]):
        yield now


def limits(response) -> tuple[str, str, str]:
    return (
        response["RateLimit-Limit"],
        response["RateLimit-Remaining"],
        response["RateLimit-Reset"],
    )


def test_an_anonymous_address_gets_its_limit_then_a_429_with_retry_after(rates, clock):
    SegmentFactory()
    client = APIClient()
    answers = []
    for _ in range(3):
        answers.append(client.get(LIST))
        clock[0] += 10

    assert [r.status_code for r in answers] == [200, 200, 200]
    # The window is a minute from the oldest request: 60 s, then 50 s after 10 s, 40 s after 20 s.
    assert [limits(r) for r in answers] == [("3", "2", "60"), ("3", "1", "50"), ("3", "0", "40")]  # fmt: skip

    refused = client.get(LIST, HTTP_ACCEPT_LANGUAGE="fi")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "30"
    assert limits(refused) == ("3", "0", "30")
    assert refused["Content-Language"] == "fi"
    with translation.override("fi"):
        assert refused.json() == {"detail": too_many_requests(30)}

    # Once the oldest request is a minute old, one more is allowed.
    clock[0] += 30
    assert client.get(LIST).status_code == 200


def test_each_address_and_each_key_has_its_own_count(rates, issue_key):
    first, second = issue_key("first"), issue_key("second")
    anonymous = APIClient(REMOTE_ADDR="192.0.2.1")
    for _ in range(3):
        anonymous.get(LIST)
    assert anonymous.get(LIST).status_code == 429

    assert APIClient(REMOTE_ADDR="192.0.2.2").get(LIST).status_code == 200
    # The same address with a key counts against the key, not the address.
    for issued in (first, second):
        client = issued.client()
        client.defaults["REMOTE_ADDR"] = "192.0.2.1"
        assert [limits(client.get(LIST))[1] for _ in range(2)] == ["1", "0"]
        refused = client.get(LIST, HTTP_ACCEPT_LANGUAGE="sv")
        assert refused.status_code == 429
        assert int(refused["Retry-After"]) > 0
        assert limits(refused)[:2] == ("2", "0")
        seconds = int(refused["Retry-After"])
        with translation.override("sv"):
            assert refused.json() == {"detail": too_many_requests(seconds)}


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(rates, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    behind = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(3):
        APIClient().get(LIST, HTTP_X_FORWARDED_FOR="198.51.100.7", **behind)

    assert APIClient().get(LIST, HTTP_X_FORWARDED_FOR="198.51.100.7", **behind).status_code == 429  # fmt: skip
    assert APIClient().get(LIST, HTTP_X_FORWARDED_FOR="198.51.100.8", **behind).status_code == 200  # fmt: skip


def test_a_coordinators_session_is_not_limited_unless_a_rate_is_set(rates, coordinator_client):  # fmt: skip
    for _ in range(6):
        response = coordinator_client.get(LIST)
        assert response.status_code == 200
        assert "RateLimit-Limit" not in response

    rates(session="5/min")
    assert [coordinator_client.get(LIST).status_code for _ in range(6)] == [200] * 5 + [429]  # fmt: skip


def test_an_answer_from_the_page_cache_counts_and_never_carries_another_callers_headers(rates, settings):  # fmt: skip
    settings.PAGE_CACHE_SECONDS = 600
    forget_version()
    SegmentFactory()

    answers = [APIClient(REMOTE_ADDR=f"192.0.2.{n}").get(LIST) for n in (1, 1, 2)]

    assert [r["X-Cache"] for r in answers] == ["miss", "hit", "hit"]
    assert [limits(r)[1] for r in answers] == ["2", "1", "2"]
    client = APIClient(REMOTE_ADDR="192.0.2.1")
    assert client.get(LIST)["X-Cache"] == "hit"
    assert client.get(LIST).status_code == 429


def test_answers_to_a_key_are_private_and_never_stored_in_or_served_from_the_page_cache(settings, partners_key):  # fmt: skip
    settings.PAGE_CACHE_SECONDS = 600
    forget_version()
    CompetenceNeedFactory(slug="partners-need", visibility=CompetenceNeed.Visibility.PARTNERS)  # fmt: skip
    anonymous = APIClient()
    assert anonymous.get(NEEDS)["X-Cache"] == "miss"

    for header in ("authorization", "x-api-key"):
        response = partners_key.client(header=header).get(NEEDS)
        assert response.status_code == 200
        assert [n["slug"] for n in response.json()["results"]] == ["partners-need"]
        assert "X-Cache" not in response
        assert "private" in response["Cache-Control"]

    cached = anonymous.get(NEEDS)
    assert cached["X-Cache"] == "hit"
    assert cached.json()["results"] == []
    assert "public" in cached["Cache-Control"]


def test_a_refused_key_is_not_cached_either(settings, public_key):
    settings.PAGE_CACHE_SECONDS = 600
    forget_version()
    PartnerKey.objects.update(revoked=True)

    response = public_key.client().get(LIST)

    assert response.status_code == 401
    assert "private" in response["Cache-Control"]


def test_a_key_over_its_limit_waits_until_its_oldest_request_leaves_the_window(rates, clock, public_key):  # fmt: skip
    client = public_key.client()
    assert limits(client.get(LIST)) == ("2", "1", "60")
    clock[0] += 10.5
    assert limits(client.get(LIST)) == ("2", "0", "50")
    clock[0] += 10

    refused = client.get(LIST)

    # 39.5 s until the first request is a minute old: whole seconds, rounded up.
    assert refused.status_code == 429
    assert (refused["Retry-After"], limits(refused)) == ("40", ("2", "0", "40"))
    with translation.override("en"):
        assert refused.json() == {"detail": "Too many requests. Try again in 40 seconds."}  # fmt: skip


def test_refused_keys_count_toward_the_addresss_anonymous_limit(rates, public_key):
    guesser = APIClient(REMOTE_ADDR="192.0.2.9")
    guesser.credentials(HTTP_AUTHORIZATION=f"Api-Key {public_key.record.prefix}.{'x' * 32}")  # fmt: skip

    answers = [guesser.get(LIST) for _ in range(4)]

    assert [r.status_code for r in answers] == [401, 401, 401, 429]
    assert [limits(r)[1] for r in answers] == ["2", "1", "0", "0"]
    assert int(answers[-1]["Retry-After"]) > 0
    # The right key from the same address still works: it has its own count.
    client = public_key.client()
    client.defaults["REMOTE_ADDR"] = "192.0.2.9"
    assert client.get(LIST).status_code == 200
    assert PartnerKey.objects.get().request_count == 1
