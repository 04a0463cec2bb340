"""A partner key opens the API as its holder; an unknown, revoked or expired key is a translated 401, never anonymous."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

from partners.authentication import REVOKED
from partners.models import PartnerKey
from partners.services import partner_keys_revoke
from skills.models import CompetenceNeed
from tests.factories import CompetenceNeedFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/competence-needs/"


@pytest.fixture
def partner_need() -> CompetenceNeed:
    return CompetenceNeedFactory(slug="partners-need", visibility=CompetenceNeed.Visibility.PARTNERS)  # fmt: skip


def slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["slug"] for item in response.json()["results"]}


def test_an_issued_key_is_stored_only_as_its_hash_and_named_by_its_prefix(partners_key):
    record = PartnerKey.objects.get()
    prefix, secret = partners_key.key.split(".")

    assert record.prefix == prefix and len(secret) == 32
    assert partners_key.key not in record.hashed_key and secret not in record.id
    assert record.hashed_key.startswith("sha512$$")


@pytest.mark.parametrize("header", ["authorization", "x-api-key"])
def test_a_key_is_accepted_in_the_authorization_header_and_in_x_api_key(partners_key, partner_need, header):  # fmt: skip
    response = partners_key.client(header=header).get(LIST)

    assert slugs(response) == {"partners-need"}
    assert response.wsgi_request.user.key == partners_key.record


def test_the_keyword_of_the_authorization_header_is_not_case_sensitive(partners_key, partner_need):  # fmt: skip
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"api-key {partners_key.key}")

    assert slugs(client.get(LIST)) == {"partners-need"}


@pytest.mark.parametrize(
    "key",
    ["nonsense", "", "AbCdEfGh.wrongsecretwrongsecretwrongsecre"],
    ids=["no-prefix", "empty", "unknown-prefix"],
)
def test_a_key_that_is_not_valid_is_a_401_not_an_anonymous_answer(public_key, key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")

    response = client.get(LIST)

    assert response.status_code == 401
    assert response.json() == {"detail": "The API key is not valid."}
    assert response["WWW-Authenticate"] == "Api-Key"


def test_a_right_prefix_with_a_wrong_secret_is_refused(public_key):
    prefix = public_key.record.prefix
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=f"{prefix}.{'x' * 32}")

    assert client.get(LIST).status_code == 401


def test_a_revoked_key_is_refused_at_once_with_its_reason_in_the_callers_language(public_key):  # fmt: skip
    client = public_key.client()
    assert client.get(LIST).status_code == 200

    assert partner_keys_revoke(PartnerKey.objects.all()) == 1

    for language in ("fi", "sv", "en"):
        response = client.get(LIST, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 401
        assert response["Content-Language"] == language
        with translation.override(language):
            assert response.json() == {"detail": gettext(REVOKED)}
    # Revoking twice changes nothing, and a revoked key cannot be taken back into use.
    assert partner_keys_revoke(PartnerKey.objects.all()) == 0
    record = PartnerKey.objects.get()
    record.revoked = False
    with pytest.raises(Exception, match="revoked"):
        record.save()


def test_a_key_works_until_its_expiry_and_is_refused_after_it(issue_key):
    now = timezone.now()
    issued = issue_key(expiry_date=now + datetime.timedelta(hours=1))
    client = issued.client()
    assert client.get(LIST).status_code == 200

    PartnerKey.objects.update(expiry_date=now - datetime.timedelta(seconds=1))

    response = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response.json() == {"detail": "The API key has expired."}


def test_http_basic_credentials_still_leave_the_caller_anonymous(partner_need):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Basic Y29vcmRpbmF0b3I6cHc=")

    response = client.get(LIST)

    assert slugs(response) == set()
    assert response.wsgi_request.user.is_anonymous


def test_the_requests_of_a_key_are_counted_with_the_time_of_the_last(partners_key):
    client = partners_key.client()
    before = timezone.now()

    for _ in range(3):
        client.get(LIST)
    client.get("/api/v1/segments/")

    record = PartnerKey.objects.get()
    assert record.request_count == 4
    assert record.last_used >= before
    # Refused keys and anonymous requests count for no key.
    APIClient().get(LIST)
    assert PartnerKey.objects.get().request_count == 4


def test_counting_adds_to_the_stored_figure_rather_than_overwriting_it(partners_key):
    """Two processes holding the same key record each add their request (an UPDATE with F(), not a save)."""
    from partners.authentication import record_use

    stale = PartnerKey.objects.get()
    PartnerKey.objects.update(request_count=41)

    record_use(stale)

    assert PartnerKey.objects.get().request_count == 42


def test_a_key_request_does_the_same_queries_for_3_and_23_needs(partners_key, django_assert_num_queries):  # fmt: skip
    # 1 the key, 2 counting its request, then what the list costs anyone: 3 the page count, 4–5 the needs and their
    # many-to-many rows
    for n in range(3):
        CompetenceNeedFactory(slug=f"need-{n}", visibility=CompetenceNeed.Visibility.PARTNERS)  # fmt: skip
    client = partners_key.client()

    with django_assert_num_queries(5):
        assert len(slugs(client.get(LIST))) == 3
    CompetenceNeedFactory.create_batch(20, visibility=CompetenceNeed.Visibility.PARTNERS)  # fmt: skip
    with django_assert_num_queries(5):
        assert client.get(LIST).json()["count"] == 23


def test_the_browsable_api_answers_a_key_holder(partners_key, partner_need):
    response = partners_key.client().get(LIST, HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert "partners-need" in response.content.decode()
