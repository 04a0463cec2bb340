"""Every GET under /api/ carries a validator and Cache-Control, and a conditional GET answers 304 Not Modified: each
list and detail of the router, the searches and analyses, and the schema; anonymous (with the shared page cache
and without it) and as a logged-in coordinator, whose answers are private."""

import pytest
from rest_framework.test import APIClient

from batteryregion.api import router
from tests.api.factories import (
    complete_actor,
    complete_occupation,
    complete_programme,
    region_chain,
)
from tests.factories import (
    ActionFactory,
    ActorLinkFactory,
    CompetenceNeedFactory,
    EducationFieldFactory,
    MunicipalityFactory,
    QualificationTypeFactory,
    SegmentFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db

# What the endpoints that are not resources need to answer 200.
QUERIES = {
    "pathways": {"start": "fi-basic"},
    "changes": {"since": "2000-01-01T00:00:00Z"},
}
ENDPOINTS = [
    *(
        pytest.param(prefix, "list", id=f"{prefix}-list")
        for prefix, _viewset, _basename in router.registry
    ),
    *(
        pytest.param(prefix, "detail", id=f"{prefix}-detail")
        for prefix, viewset, _basename in router.registry
        if hasattr(viewset, "retrieve")
    ),
    pytest.param("schema", "schema", id="schema"),
]


@pytest.fixture
def data() -> None:
    """A row behind every endpoint."""
    region_chain("FI")
    complete_programme()
    complete_actor()
    complete_occupation()
    CompetenceNeedFactory()
    EducationFieldFactory()
    MunicipalityFactory()
    QualificationTypeFactory(code="fi-basic", is_starting_point=True)
    ActorLinkFactory()
    ActionFactory()
    WorkshopFactory()


def address(client: APIClient, prefix: str, kind: str) -> str:
    if kind == "schema":
        return "/api/schema/?format=json"
    listed = f"/api/v1/{prefix}/"
    if kind == "list":
        query = "&".join(f"{k}={v}" for k, v in QUERIES.get(prefix, {}).items())
        return f"{listed}?{query}" if query else listed
    lookup = next(v for p, v, _b in router.registry if p == prefix).lookup_field
    first = client.get(listed).json()["results"][0]
    return f"{listed}{first[lookup]}/"


@pytest.fixture(params=["anonymous", "anonymous-cached", "coordinator"])
def caller(request, settings, coordinator) -> tuple[str, APIClient]:
    client = APIClient()
    if request.param == "coordinator":
        client.force_login(coordinator)
    if request.param == "anonymous-cached":
        settings.PAGE_CACHE_SECONDS = 60
    return request.param, client


@pytest.mark.parametrize(("prefix", "kind"), ENDPOINTS)
def test_every_answer_has_a_validator_and_a_conditional_get_is_a_304(
    data, caller, prefix, kind
):
    who, client = caller
    url = address(client, prefix, kind)

    first = client.get(url)
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    changed = client.get(url, headers={"if-none-match": '"something-else"'})

    assert first.status_code == 200, first.content[:500]
    assert first["ETag"]
    if who == "coordinator":
        assert "private" in first["Cache-Control"]
        assert "no-cache" in first["Cache-Control"]
        assert "public" not in first["Cache-Control"]
    else:
        assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again.content == b""
    assert changed.status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "coordinator"])
def test_the_validator_changes_with_the_data(data, who, coordinator):
    client = APIClient()
    if who == "coordinator":
        client.force_login(coordinator)
    first = client.get("/api/v1/segments/")

    SegmentFactory(code="new-segment")
    again = client.get("/api/v1/segments/", headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
