"""The partner API knows coordinators by their browser session only; HTTP Basic credentials are ignored."""

from base64 import b64encode

import pytest
from axes.models import AccessAttempt, AccessLog
from rest_framework.test import APIClient

from skills.models import CompetenceNeed
from tests.factories import CompetenceNeedFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/competence-needs/"


@pytest.fixture
def needs_of_every_visibility() -> None:
    for visibility in CompetenceNeed.Visibility:
        CompetenceNeedFactory(slug=f"{visibility}-need", visibility=visibility)


def basic(username: str, password: str) -> str:
    return "Basic " + b64encode(f"{username}:{password}".encode()).decode()


def slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["slug"] for item in response.json()["results"]}


@pytest.mark.parametrize(
    "password", ["pw", "wrong"], ids=["right-password", "wrong-password"]
)
def test_http_basic_credentials_of_a_coordinator_leave_the_caller_anonymous(
    api_client, coordinator, needs_of_every_visibility, password
):
    api_client.credentials(HTTP_AUTHORIZATION=basic("coordinator", password))
    for _ in range(30):
        response = api_client.get(LIST)
        assert slugs(response) == {"public-need"}
        assert response.wsgi_request.user.is_anonymous
    assert api_client.get(f"{LIST}coordinators-need/").status_code == 404
    # No password was checked: nothing logged in, nothing counted towards a lockout.
    assert not AccessLog.objects.exists()
    assert not AccessAttempt.objects.exists()


def test_a_coordinator_logged_in_through_the_admin_form_sees_confidential_needs_in_the_api(
    coordinator, needs_of_every_visibility
):
    client = APIClient()
    response = client.post(
        "/admin/login/", {"username": "coordinator", "password": "pw"}
    )
    assert response.status_code == 302

    assert slugs(client.get(LIST)) == {
        "public-need",
        "partners-need",
        "coordinators-need",
    }
    assert client.get(f"{LIST}coordinators-need/").status_code == 200
