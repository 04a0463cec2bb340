"""Partner keys for the tests: issued through the service, as the admin does, with the key as a partner gets it."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from partners.models import PartnerKey
from partners.services import partner_key_issue


@dataclass
class IssuedKey:
    record: PartnerKey
    key: str

    def client(self, *, header: str = "authorization") -> APIClient:
        client = APIClient()
        if header == "authorization":
            client.credentials(HTTP_AUTHORIZATION=f"Api-Key {self.key}")
        else:
            client.credentials(HTTP_X_API_KEY=self.key)
        return client


@pytest.fixture
def issue_key(db) -> Callable[..., IssuedKey]:
    def issue(name: str = "Map widget", *, scope: str = PartnerKey.Scope.PUBLIC, **fields) -> IssuedKey:  # fmt: skip
        record = PartnerKey(name=name, organisation=fields.pop("organisation", "Region Norrbotten"), scope=scope, **fields)  # fmt: skip
        key = partner_key_issue(key=record, issued_by=None)
        return IssuedKey(record, key)

    return issue


@pytest.fixture
def public_key(issue_key) -> IssuedKey:
    return issue_key("Public widget", scope=PartnerKey.Scope.PUBLIC)


@pytest.fixture
def partners_key(issue_key) -> IssuedKey:
    return issue_key("Partner dashboard", scope=PartnerKey.Scope.PARTNERS)
