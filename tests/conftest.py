"""Shared fixtures: fast password hashing, users with the roles of the portal, API and page clients."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from batteryregion.services import coordinator_group_ensure, coordinator_groups_sync
from coordinators.models import Coordinator

PLAIN_STATIC_STORAGE = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}


@pytest.fixture(scope="session", autouse=True)
def _plain_static_files() -> None:
    """Static files from the source folders, no collectstatic manifest, for the whole session: module-scoped
    fixtures render pages before any per-test setting applies. tests/deployment tests the real storage."""
    from django.conf import settings as django_settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.utils.functional import empty

    django_settings.STORAGES = {
        **django_settings.STORAGES,
        "staticfiles": PLAIN_STATIC_STORAGE,
    }
    staticfiles_storage._wrapped = empty


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PLAIN_STATIC_STORAGE}
    # The shared page cache would answer a test's second request without running the view (and without
    # response.context); tests/test_page_cache.py switches it on. The cache outlives each test's transaction.
    settings.PAGE_CACHE_SECONDS = 0
    # Likewise the pathway search's network (gaps.pathways.network.cached_network): tests/gaps/test_pathway_network_cache.py
    # switches it on.
    settings.PATHWAY_NETWORK_CACHE = False
    # And the region outlines of the maps (programmes.outlines.current_outlines).
    settings.MAP_OUTLINES_CACHE = False
    # Many tests read the API far faster than an anonymous caller may (60 a minute); tests/partners set small
    # rates of their own to test the limits.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "anonymous": "100000/min",
        },
    }
    # The progress of background tasks: each test process its own (the suite runs on two databases at once).
    settings.CACHES = {
        **settings.CACHES,
        "progress": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "progress",
        },
    }
    cache.clear()
    yield
    # A request or a test may leave another language active in this thread; the next test starts in the default.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def coordinator(db) -> User:
    """A regional coordinator of the Finnish side: staff, in the coordinators' group, not a superuser; with no
    organisations or regions yet, so they see everything in the admin and change nothing."""
    user = User.objects.create_user("coordinator", password="pw", is_staff=True)
    user.groups.add(coordinator_group_ensure())
    Coordinator.objects.create(user=user, side="FI")
    return user


@pytest.fixture
def coordinator_client(coordinator) -> Client:
    client = Client()
    client.force_login(coordinator)
    return client


@pytest.fixture
def lead_coordinator(db) -> User:
    """A lead coordinator of the Finnish side: changes every Finnish record and the shared vocabulary."""
    user = User.objects.create_user("lead", password="pw", is_staff=True)
    coordinator_groups_sync(
        Coordinator.objects.create(user=user, side="FI", role=Coordinator.Role.LEAD)
    )
    return user


@pytest.fixture
def lead_coordinator_client(lead_coordinator) -> Client:
    client = Client()
    client.force_login(lead_coordinator)
    return client


@pytest.fixture
def partner(db) -> User:
    """A logged-in partner without coordinator rights."""
    return User.objects.create_user("partner", password="pw")
