"""Shared fixtures: fast password hashing, users with the roles of the portal, API and page clients."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from batteryregion.services import coordinator_group_ensure


@pytest.fixture(autouse=True)
def _test_settings(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Static files are served from the source folders; no collectstatic manifest is needed in tests.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture
def coordinator(db) -> User:
    """A regional coordinator: staff, in the coordinators' group, not a superuser."""
    user = User.objects.create_user("coordinator", password="pw", is_staff=True)
    user.groups.add(coordinator_group_ensure())
    return user


@pytest.fixture
def coordinator_client(coordinator) -> Client:
    client = Client()
    client.force_login(coordinator)
    return client


@pytest.fixture
def partner(db) -> User:
    """A logged-in partner without coordinator rights."""
    return User.objects.create_user("partner", password="pw")
