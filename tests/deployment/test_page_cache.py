"""The shared page cache: anonymous answers are reused until the data changes, never a logged-in user's pages.

These tests commit for real (transactional_db): the cache is invalidated when a change commits, as in production.
"""

import gzip

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.http import HttpResponse
from django.test import Client

from batteryregion import page_cache as page_cache_module
from batteryregion.models import DataVersion
from batteryregion.page_cache import current_version
from skills.models import Segment
from tests.factories import ProgrammeFactory, SegmentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_second_anonymous_request_is_answered_from_the_cache(page_cache, client):
    SegmentFactory(name_en="Cell manufacturing")
    first = client.get("/en/")
    second = client.get("/en/")
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert (
        "public" in second["Cache-Control"] and "max-age=0" in second["Cache-Control"]
    )


def test_a_conditional_request_for_an_unchanged_page_gets_304(page_cache, client):
    etag = client.get("/en/programmes/")["ETag"]
    response = client.get("/en/programmes/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_a_coordinators_admin_edit_is_on_the_next_anonymous_request(
    page_cache, client, lead_coordinator
):
    segment = SegmentFactory(code="cells", name_en="Cell manufacturing")
    assert b"Cell manufacturing" in client.get("/en/").content
    assert client.get("/en/")["X-Cache"] == "hit"

    editor = Client()
    editor.force_login(lead_coordinator)  # lead coordinators edit the shared vocabulary
    response = editor.post(
        f"/admin/skills/segment/{segment.pk}/change/",
        {
            "code": "cells",
            "order": 0,
            "name_fi": segment.name_fi,
            "name_sv": segment.name_sv,
            "name_en": "Battery cell manufacturing",
            "description_fi": "",
            "description_sv": "",
            "description_en": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Segment.objects.get(pk=segment.pk).name_en == "Battery cell manufacturing"

    after = client.get("/en/")
    assert after["X-Cache"] == "miss"
    assert b"Battery cell manufacturing" in after.content


def test_the_loader_invalidates_the_pages_it_changes(page_cache, client):
    before = client.get("/en/programmes/")
    assert before.context["page"].paginator.count == 0
    call_command("load_bundled_data", verbosity=0)
    after = client.get("/en/programmes/")
    assert after["X-Cache"] == "miss"
    assert after.context["page"].paginator.count > 30


def test_api_lists_are_cached_and_invalidated(page_cache, client):
    ProgrammeFactory(slug="battery-operator")
    assert client.get("/api/v1/programmes/").json()["count"] == 1
    assert client.get("/api/v1/programmes/")["X-Cache"] == "hit"
    ProgrammeFactory(slug="cell-technician")
    response = client.get("/api/v1/programmes/")
    assert response["X-Cache"] == "miss"
    assert response.json()["count"] == 2


def test_a_logged_in_users_pages_are_private_and_never_shared(
    page_cache, client, coordinator
):
    anonymous = client.get("/en/gaps/")
    editor = Client()
    editor.force_login(coordinator)
    for _ in range(2):
        own = editor.get("/en/gaps/")
        assert "X-Cache" not in own
        assert "private" in own["Cache-Control"]
    again = client.get("/en/gaps/")
    assert again["X-Cache"] == "hit"
    assert again.content == anonymous.content


def test_htmx_partials_and_full_pages_are_kept_apart(page_cache, client):
    ProgrammeFactory()
    full = client.get("/en/programmes/")
    partial = client.get("/en/programmes/", headers={"hx-request": "true"})
    assert partial["X-Cache"] == "miss"
    assert b"<html" in full.content and b"<html" not in partial.content
    assert "HX-Request" in full["Vary"]
    assert client.get("/en/programmes/")["X-Cache"] == "hit"
    assert b"<html" in client.get("/en/programmes/").content


def test_api_answers_vary_on_the_requested_language(page_cache, client):
    english = client.get("/api/v1/segments/", headers={"accept-language": "en"})
    finnish = client.get("/api/v1/segments/", headers={"accept-language": "fi"})
    assert "Accept-Language" in english["Vary"]
    assert finnish["X-Cache"] == "miss"


def test_not_found_pages_and_the_admin_are_not_cached(page_cache, client):
    client.get("/en/programmes/no-such-programme/")
    assert "X-Cache" not in client.get("/en/programmes/no-such-programme/")
    assert "X-Cache" not in client.get("/admin/login/")


def test_one_transaction_raises_the_data_version_once(page_cache):
    before = current_version()
    with transaction.atomic():
        SegmentFactory.create_batch(3)
    assert current_version() == before + 1


def test_a_rolled_back_change_leaves_the_version_alone(page_cache):
    before = current_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        SegmentFactory()
        raise RuntimeError
    assert current_version() == before


class RecordingCache:
    """The cache, remembering what was stored in it."""

    def __init__(self, real) -> None:
        self.real, self.stored = real, []

    def set(self, key, value, *args, **kwargs):
        self.stored.append(value)
        return self.real.set(key, value, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


def _raised_by_another_process() -> None:
    """What the loader or another app server does: the version rises in the database, not in this process's memory."""
    DataVersion.objects.update_or_create(
        pk=1, defaults={"number": current_version() + 1}
    )


def test_a_change_committed_by_another_process_is_seen_after_the_check_interval(
    page_cache, client, settings
):
    SegmentFactory()
    settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 3600
    client.get("/en/")
    _raised_by_another_process()
    assert client.get("/en/")["X-Cache"] == "hit"  # within the interval: no query

    settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 0
    assert client.get("/en/")["X-Cache"] == "miss"


def test_a_hit_reads_no_database_within_the_check_interval(
    page_cache, client, settings, django_assert_num_queries
):
    SegmentFactory()
    settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 3600
    client.get("/en/")
    with django_assert_num_queries(0):
        assert client.get("/en/")["X-Cache"] == "hit"


def test_compressed_answers_are_stored_compressed_and_kept_apart(page_cache, client):
    SegmentFactory(name_en="Cell manufacturing")
    gzip_headers = {"accept-encoding": "gzip"}
    compressed = client.get("/en/", headers=gzip_headers)
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    plain = client.get("/en/")
    assert plain["X-Cache"] == "miss"
    assert "Content-Encoding" not in plain
    hit = client.get("/en/", headers=gzip_headers)
    assert hit["X-Cache"] == "hit" and hit["Content-Encoding"] == "gzip"
    assert gzip.decompress(hit.content) == plain.content


def test_a_conditional_request_answered_from_the_cache_gets_304(page_cache, client):
    client.get("/en/programmes/")
    cached = client.get("/en/programmes/")
    assert cached["X-Cache"] == "hit"
    response = client.get("/en/programmes/", headers={"if-none-match": cached["ETag"]})
    assert response.status_code == 304


def test_a_visitor_with_a_session_is_not_served_from_the_cache(
    page_cache, client, coordinator
):
    client.get("/en/gaps/")
    assert client.get("/en/gaps/")["X-Cache"] == "hit"
    client.force_login(coordinator)
    response = client.get("/en/gaps/")
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_the_cache_keeps_an_api_answers_bytes_not_its_data(
    page_cache, client, monkeypatch
):
    ProgrammeFactory()
    recording = RecordingCache(cache)
    monkeypatch.setattr(page_cache_module, "cache", recording)
    first = client.get("/api/v1/programmes/")
    answers = [value for value in recording.stored if isinstance(value, HttpResponse)]
    assert answers and not any(hasattr(answer, "data") for answer in answers)
    hit = client.get("/api/v1/programmes/")
    assert hit["X-Cache"] == "hit"
    assert hit.content == first.content
    assert hit["Content-Type"] == first["Content-Type"]
