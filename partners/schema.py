"""The partner key and the rate limits in the OpenAPI schema (drf-spectacular).

The key is described as two security schemes (the Authorization header, or X-Api-Key); every operation lists 401
(a key that is not valid, revoked or expired) and 429 (over the rate limit) with the error body, and the RateLimit
headers on its answers (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]).
"""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR = "Error"
RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": "Requests allowed in the current window (per key, or per client address without a key).",
    "RateLimit-Remaining": "Requests left in the current window.",
    "RateLimit-Reset": "Seconds until the window is whole again.",
}


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    target_class = "partners.authentication.PartnerKeyAuthentication"
    name = ["partnerKey", "partnerKeyHeader"]

    def get_security_definition(self, auto_schema: Any) -> list[dict[str, str]]:
        return [
            {
                "type": "apiKey",
                "in": "header",
                "name": "Authorization",
                "description": (
                    "A partner API key, sent as `Authorization: Api-Key <key>`. Without a key the API answers "
                    'with public data; a key of scope "partners" also shows the needs shared with partners.'
                ),
            },
            {
                "type": "apiKey",
                "in": "header",
                "name": "X-Api-Key",
                "description": "The same partner API key, alone in its own header: `X-Api-Key: <key>`.",
            },
        ]


def _header(description: str) -> dict[str, Any]:
    return {"schema": {"type": "integer", "minimum": 0}, "description": description}


def _either_header(security: list[dict[str, list]]) -> list[dict[str, list]]:
    """The two key headers as alternatives (drf-spectacular lists a scheme's definitions as all required)."""
    names = PartnerKeyScheme.name
    alternatives = []
    for requirement in security:
        if set(names) <= set(requirement):
            alternatives += [{name: requirement[name]} for name in names]
        else:
            alternatives.append(requirement)
    return alternatives


def document_limits(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Add the 401 and 429 answers and the RateLimit headers to every operation of the schema."""
    components = result.setdefault("components", {})
    # The error body every other error answer uses (batteryregion/schema_hooks.py), unless that hook did not run.
    components.setdefault("schemas", {}).setdefault(
        ERROR,
        {
            "type": "object",
            "properties": {"detail": {"type": "string"}},
            "required": ["detail"],
        },
    )
    error = {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR}"}}}
    limit_headers = {
        name: _header(description) for name, description in RATE_LIMIT_HEADERS.items()
    }
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            operation["security"] = _either_header(operation.get("security", []))
            responses = operation.setdefault("responses", {})
            for status, answer in responses.items():
                if status.startswith("2"):
                    answer.setdefault("headers", {}).update(limit_headers)
            responses.setdefault(
                "401",
                {
                    "description": (
                        "The partner API key is not valid, has been revoked or has expired: the reason, in the "
                        "language of Accept-Language."
                    ),
                    "content": error,
                },
            )
            responses.setdefault(
                "429",
                {
                    "description": (
                        "Too many requests from this key, or from this address without a key: wait for "
                        "Retry-After seconds. The reason is in the language of Accept-Language."
                    ),
                    "headers": {
                        "Retry-After": _header(
                            "Seconds to wait before the next request."
                        ),
                        **limit_headers,
                    },
                    "content": error,
                },
            )
    return result
