"""The schema promises what the API does: every status an operation can answer is declared with its error body, every
parameter with fixed choices has its enum, and the error answers have the bodies the schema names."""

import pytest
from django_filters import ChoiceFilter, MultipleChoiceFilter

from batteryregion.api import router
from batteryregion.query_parameters import formats

pytestmark = pytest.mark.django_db

COMMON = {"200", "304", "400", "401", "404", "406", "429", "503"}


@pytest.fixture
def schema(api_client) -> dict:
    return api_client.get("/api/schema/?format=json").json()


def operations(schema: dict) -> list[tuple[str, dict]]:
    return [(path, methods["get"]) for path, methods in schema["paths"].items()]


def test_every_operation_declares_every_status_it_can_answer_with_its_body(schema):
    components = schema["components"]["schemas"]
    assert components["Error"]["required"] == ["detail"]
    assert components["ParameterErrors"]["additionalProperties"]["type"] == "array"

    for path, operation in operations(schema):
        responses = operation["responses"]
        assert COMMON <= set(responses), path
        assert "content" not in responses["304"]
        for status in ("400", "406", "503"):
            body = responses[status]["content"]["application/json"]["schema"]
            assert body["$ref"].rsplit("/", 1)[1] in {"Error", "ParameterErrors"}
        missing = responses["404"]["content"]["application/json"]["schema"]["$ref"]
        assert missing.endswith("/Error" if "{" in path else "/ParameterErrors"), path
        for status in ("200", "304"):
            assert {"ETag", "Cache-Control"} <= set(responses[status]["headers"])
        assert responses["503"]["headers"]["Retry-After"]["required"]


def test_every_query_parameter_may_be_empty_and_format_lists_the_renderers(schema):
    views = {f"/api/v1/{prefix}/": viewset for prefix, viewset, _b in router.registry}

    for path, operation in operations(schema):
        query = [p for p in operation["parameters"] if p["in"] == "query"]
        assert all(p.get("allowEmptyValue") or p.get("required") for p in query)
        (format_parameter,) = [p for p in query if p["name"] == "format"]
        view = views[path.split("{")[0].removesuffix("manifest/")]
        if path.endswith("/manifest/"):  # an extra action with renderers of its own
            view = view(renderer_classes=view.manifest.kwargs["renderer_classes"])
        assert format_parameter["schema"]["enum"] == formats(view)
        if "api" in formats(view):  # the browsable API (the export's files have none)
            assert "text/html" in operation["responses"]["200"]["content"]


def test_every_choice_filter_has_its_enum_in_the_schema(schema):
    for prefix, viewset, _basename in router.registry:
        filterset = getattr(viewset, "filterset_class", None)
        if filterset is None:
            continue
        parameters = {
            p["name"]: p
            for p in schema["paths"][f"/api/v1/{prefix}/"]["get"]["parameters"]
        }
        for name, field in filterset.base_filters.items():
            if not isinstance(field, ChoiceFilter | MultipleChoiceFilter):
                continue
            if "choices" not in field.extra:
                continue  # ModelChoiceFilter: codes of the data, documented as strings
            declared = parameters[name]["schema"]
            declared = declared.get("items", declared)
            if declared.get("type") == "boolean":
                continue  # true or false, as the schema's type says
            choices = {str(value) for value, _label in field.extra["choices"]}
            assert set(declared["enum"]) == choices, (prefix, name)


@pytest.mark.parametrize(
    ("address", "headers", "status", "keys"),
    [
        ("/api/v1/segments/?nope=1", {}, 400, None),
        ("/api/v1/segments/nope/", {}, 404, {"detail"}),
        ("/api/v1/segments/?page=9", {}, 404, {"page"}),
        ("/api/v1/segments/", {"accept": "application/xml"}, 406, {"detail"}),
    ],
)
def test_the_error_answers_have_the_declared_bodies(
    api_client, address, headers, status, keys
):
    response = api_client.get(address, headers=headers)

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    if keys is None:
        assert all(isinstance(reasons, list) for reasons in body.values())
    else:
        assert set(body) == keys
