"""Publishing deliberately in the partner API: lists and details answer published records, and discontinued ones on
request, never drafts, not even to a coordinator's list; asking for drafts is a 400 naming the parameter; an item
tells its state, end date and successor; and the lists read states and successors in the same queries."""

import pytest
from rest_framework.test import APIClient

from skills.models import CompetenceNeed
from tests.factories import CompetenceNeedFactory
from tests.publication.conftest import STATES

pytestmark = pytest.mark.django_db


def listed(client: APIClient, path: str, **params: str) -> list[str]:
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


@pytest.mark.parametrize(
    ("path", "suffix"),
    [("/api/v1/programmes/", "programme"), ("/api/v1/actors/", "employer")],
)
@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (None, ["published"]),
        ("published", ["published"]),
        ("discontinued", ["discontinued"]),
        ("all", ["discontinued", "published"]),
    ],
)
def test_the_api_lists_published_records_and_discontinued_ones_on_request_never_drafts(
    programmes, actors, path, suffix, state, expected
):
    params = {"state": state} if state else {}
    if suffix == "employer":
        params["kind"] = "employer"
    slugs = listed(APIClient(), path, **params)
    assert sorted(slugs) == [f"{state}-{suffix}" for state in expected]


def test_a_coordinator_never_gets_drafts_in_an_api_list(editor, programmes, actors):
    client = APIClient()
    client.force_login(editor)
    assert "draft-programme" not in listed(client, "/api/v1/programmes/", state="all")
    assert "draft-employer" not in listed(client, "/api/v1/actors/", state="all")


@pytest.mark.parametrize("path", ["/api/v1/programmes/", "/api/v1/actors/"])
def test_asking_the_api_for_drafts_is_a_400_naming_the_parameter(path):
    response = APIClient().get(path, {"state": "draft"})
    assert response.status_code == 400
    assert list(response.json()) == ["state"]


def test_an_api_item_tells_its_state_end_date_and_successor(programmes, actors):
    discontinued = programmes["discontinued"]
    discontinued.successor = programmes["published"]
    discontinued.save()
    actors["discontinued"].successor = actors["draft"]  # a draft is never named
    actors["discontinued"].save()
    client = APIClient()

    (programme,) = client.get("/api/v1/programmes/", {"state": "discontinued"}).json()[
        "results"
    ]
    (actor,) = client.get("/api/v1/actors/", {"state": "discontinued"}).json()[
        "results"
    ]
    published = client.get("/api/v1/programmes/published-programme/").json()

    assert (programme["state"], programme["ended_on"], programme["successor"]) == (
        "discontinued",
        "2025-06-30",
        "published-programme",
    )
    assert (actor["state"], actor["ended_on"], actor["successor"]) == (
        "discontinued",
        "2025-06-30",
        None,
    )
    assert (published["state"], published["ended_on"], published["successor"]) == (
        "published",
        None,
        None,
    )


@pytest.mark.parametrize(
    "path", ["/api/v1/programmes/{}-programme/", "/api/v1/actors/{}-employer/"]
)
def test_an_api_detail_answers_published_and_discontinued_records_and_hides_drafts(
    programmes, actors, partner, path
):
    client = APIClient()
    assert client.get(path.format("published")).status_code == 200
    assert client.get(path.format("discontinued")).json()["state"] == "discontinued"
    assert client.get(path.format("draft")).status_code == 404
    client.force_login(partner)
    assert client.get(path.format("draft")).status_code == 404


@pytest.mark.parametrize(
    "path", ["/api/v1/programmes/draft-programme/", "/api/v1/actors/draft-employer/"]
)
def test_a_coordinator_who_edits_them_gets_a_drafts_api_detail(
    editor, programmes, actors, path
):
    client = APIClient()
    client.force_login(editor)
    response = client.get(path)
    assert response.status_code == 200
    assert response.json()["state"] == "draft"
    assert "private" in response["Cache-Control"]


def test_the_api_lists_and_answers_published_needs_only(coordinator):
    coordinator_client = APIClient()
    coordinator_client.force_login(coordinator)
    for state in STATES:
        CompetenceNeedFactory(slug=f"{state}-need", state=state)
    hidden = CompetenceNeedFactory(
        slug="confidential-need",
        visibility=CompetenceNeed.Visibility.COORDINATORS,
    )
    anonymous = APIClient()

    assert listed(anonymous, "/api/v1/competence-needs/") == ["published-need"]
    assert sorted(listed(coordinator_client, "/api/v1/competence-needs/")) == [
        hidden.slug,
        "published-need",
    ]
    for state in ("draft", "discontinued"):
        path = f"/api/v1/competence-needs/{state}-need/"
        assert anonymous.get(path).status_code == 404
        assert coordinator_client.get(path).status_code == 404
    assert anonymous.get("/api/v1/competence-needs/published-need/").status_code == 200


@pytest.mark.parametrize("state", ["published", "all"])
def test_the_api_lists_read_states_and_successors_in_the_same_queries(
    programmes, actors, state, django_assert_num_queries
):
    for record in (programmes["discontinued"], actors["discontinued"]):
        record.successor = record.__class__.objects.get(slug__startswith="published")
        record.save()
    client = APIClient()
    # The budgets of tests/api/test_programmes.py and tests/api/test_actors.py.
    with django_assert_num_queries(5):
        client.get("/api/v1/programmes/", {"state": state})
    with django_assert_num_queries(4):
        client.get("/api/v1/actors/", {"state": state})
