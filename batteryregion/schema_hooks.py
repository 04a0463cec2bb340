"""What every operation of the partner API shares, written into the OpenAPI schema in one place.

drf-spectacular describes each operation from its view; this postprocessing hook (SPECTACULAR_SETTINGS) then adds what
holds for all of them: the answers every endpoint can give besides its 200 (304 for a conditional request, 400 for an
unknown or invalid parameter, 404, 406 for an Accept header the API cannot satisfy, 414 for a request line longer than
the server takes, 503 while the database is down),
each with its error body as a component, the caching headers of a 200, and ?format= with the view's renderers.
A response an operation declares itself (a 400 with its own examples) keeps its description and examples and gets
the shared body component.

COMMON_RESPONSES is the one table to extend when a mechanism adds an answer to every operation.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from rest_framework.views import APIView

from batteryregion.query_parameters import formats

ERROR = "Error"
PARAMETER_ERRORS = "ParameterErrors"

COMPONENTS: dict[str, dict[str, Any]] = {
    ERROR: {
        "type": "object",
        "description": "An error that concerns the request as a whole, in the language of Accept-Language.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    PARAMETER_ERRORS: {
        "type": "object",
        "description": (
            "The parameters that are wrong, each with its reasons in the language of Accept-Language: an unknown "
            "parameter (the reason lists those the address takes), a value that names nothing we hold, a value "
            "out of range, or two that contradict each other."
        ),
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "minProperties": 1,
    },
}


@dataclass(frozen=True)
class CommonResponse:
    status: str
    description: str
    component: str | None  # None: no body (304)
    detail_component: str | None = (
        None  # what a detail answers instead, when it differs
    )
    headers: tuple[str, ...] = ()


VALIDATOR_HEADERS = ("ETag", "Cache-Control")
HEADERS: dict[str, dict[str, Any]] = {
    "ETag": {
        "description": "The answer's validator: send it back in If-None-Match to get 304 while nothing changed.",
        "schema": {"type": "string"},
        "required": True,
    },
    "Cache-Control": {
        "description": (
            "public, max-age=0, must-revalidate for anonymous callers (ask again, with If-None-Match); private, "
            "no-cache for logged-in ones."
        ),
        "schema": {"type": "string"},
        "required": True,
    },
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer"},
        "required": True,
    },
}

COMMON_RESPONSES = [
    CommonResponse(
        "304",
        "Not modified: the If-None-Match validator still matches; use the copy you have.",
        None,
        headers=VALIDATOR_HEADERS,
    ),
    CommonResponse(
        "400",
        "A parameter is unknown, invalid, names nothing we hold, or contradicts another.",
        PARAMETER_ERRORS,
    ),
    CommonResponse(
        "404",
        "There is no such page of results (a list), or nothing with this identifier (a detail).",
        PARAMETER_ERRORS,
        detail_component=ERROR,
    ),
    CommonResponse(
        "406",
        "The Accept header asks for a media type this address cannot give.",
        ERROR,
    ),
    CommonResponse(
        "414",
        "The request line is longer than the server takes (8190 bytes, gunicorn's limit): send fewer or shorter "
        "parameters. Answered by the server before the API, as a short HTML page.",
        None,
    ),
    CommonResponse(
        "503",
        "The service is temporarily unavailable; try again after Retry-After seconds.",
        ERROR,
        headers=("Retry-After",),
    ),
]


# Written before the view runs (batteryregion/errors.py): always JSON.
NOT_RENDERED_BY_VIEW = {"503"}


def _ref(component: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{component}"}


def _json(component: str) -> dict[str, Any]:
    return {"application/json": {"schema": _ref(component)}}


def _add_responses(operation: dict[str, Any], is_detail: bool) -> None:
    responses = operation["responses"]
    for common in COMMON_RESPONSES:
        component = (
            common.detail_component
            if is_detail and common.detail_component
            else common.component
        )
        response = responses.setdefault(common.status, {})
        response.setdefault("description", common.description)
        if component:
            content = response.setdefault("content", {})
            json_content = content.setdefault("application/json", {})
            json_content["schema"] = _ref(component)
        else:
            response.pop("content", None)
        if common.headers:
            response["headers"] = {name: HEADERS[name] for name in common.headers}
    ok = responses["200"]
    ok["headers"] = {name: HEADERS[name] for name in VALIDATOR_HEADERS}


def _allow_empty_values(operation: dict[str, Any]) -> None:
    """An empty optional query parameter is the same as leaving it out (batteryregion/query_parameters.py)."""
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "query" and not parameter.get("required"):
            parameter["allowEmptyValue"] = True


def _add_format(operation: dict[str, Any], view: APIView) -> None:
    """?format= with the view's renderers; the browsable API (format=api) answers HTML."""
    name = settings.REST_FRAMEWORK.get("URL_FORMAT_OVERRIDE", "format")
    parameters = operation.setdefault("parameters", [])
    declared = [parameter for parameter in parameters if parameter["name"] == name]
    if (
        declared
    ):  # a view that describes its own formats: the values are still its renderers'
        declared[0].setdefault("schema", {"type": "string"})["enum"] = formats(view)
    else:
        parameters.append(
            {
                "in": "query",
                "name": name,
                "schema": {"type": "string", "enum": formats(view)},
                "description": (
                    "The answer's format instead of the Accept header's: json, or api for the browsable page (HTML)."
                ),
            }
        )
    # Every answer DRF renders comes in the chosen format: a 400 with ?format=api is a page too.
    media_types = [
        renderer.media_type.split(";")[0] for renderer in view.renderer_classes
    ]
    for status, response in operation["responses"].items():
        if "content" in response and status not in NOT_RENDERED_BY_VIEW:
            json_body = response["content"].get("application/json")
            for media_type in media_types:
                # Errors stay JSON under a JSON-based format (JSON-LD, ELM); the browsable API's are pages.
                is_json = media_type.endswith("+json") and json_body is not None
                response["content"].setdefault(
                    media_type, json_body if is_json else {"schema": {"type": "string"}}
                )


def add_common_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: see the module's docstring."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(COMPONENTS)
    views = {
        (path, method.lower()): view
        for path, _regex, method, view in generator._get_paths_and_endpoints()
    }
    for path, methods in result.get("paths", {}).items():
        for method, operation in methods.items():
            view = views.get((path, method))
            is_detail = "{" in path
            _add_responses(operation, is_detail)
            if view is not None:
                _add_format(operation, view)
            _allow_empty_values(operation)
    return result
