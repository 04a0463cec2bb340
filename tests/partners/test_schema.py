"""The OpenAPI schema tells partners how to send a key and what a refused key and the rate limit answer."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client) -> dict:
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_the_key_may_be_sent_in_either_header(schema):
    schemes = schema["components"]["securitySchemes"]
    assert (schemes["partnerKey"]["name"], schemes["partnerKeyHeader"]["name"]) == ("Authorization", "X-Api-Key")  # fmt: skip
    operation = schema["paths"]["/api/v1/competence-needs/"]["get"]
    # Alternatives, each enough on its own, or nothing at all.
    assert {"partnerKey": []} in operation["security"]
    assert {"partnerKeyHeader": []} in operation["security"]
    assert {} in operation["security"]


def test_every_operation_documents_401_429_and_the_rate_limit_headers(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            assert {"401", "429"} <= set(responses), (path, method)
            assert "Retry-After" in responses["429"]["headers"]
            assert "RateLimit-Remaining" in responses["200"]["headers"], (path, method)
