"""Clients of the partner API: anonymous, a logged-in partner, a coordinator."""

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def partner_client(partner: User) -> APIClient:
    client = APIClient()
    client.force_login(partner)
    return client


@pytest.fixture
def coordinator_api_client(coordinator: User) -> APIClient:
    client = APIClient()
    client.force_login(coordinator)
    return client
