"""The partner API's JSON, written by orjson: the same bytes as DRF's JSONRenderer, several times faster; and the
JSON-LD renderers of the views that describe their records in linked data (schema.org, the Europass Learning
Model)."""

from typing import Any

import orjson
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.utils.encoders import JSONEncoder

# Dates and times, dataclasses and anything orjson does not know go to DRF's encoder (it writes a UTC time with "Z",
# orjson with "+00:00"); dict keys that are numbers become strings, as json.dumps makes them.
OPTIONS = (
    orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_NON_STR_KEYS
)
# DRF escapes these two so that the JSON is also valid JavaScript; orjson writes them as they are.
LINE_SEPARATOR, PARAGRAPH_SEPARATOR = "\u2028".encode(), "\u2029".encode()


class FastJSONRenderer(JSONRenderer):
    """Compact UTF-8 JSON through orjson. Indented JSON (the browsable API, `Accept: application/json; indent=4`)
    and the rare value orjson refuses (an integer beyond 64 bits) take DRF's own way, so the output never differs."""

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict[str, Any] | None = None,
    ) -> bytes:
        if data is None:
            return b""
        if self.get_indent(accepted_media_type, renderer_context or {}) is not None:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            content = orjson.dumps(data, default=JSONEncoder().default, option=OPTIONS)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        if LINE_SEPARATOR in content or PARAGRAPH_SEPARATOR in content:
            content = content.replace(LINE_SEPARATOR, b"\\u2028").replace(
                PARAGRAPH_SEPARATOR, b"\\u2029"
            )
        return content


class LinkedDataRenderer(BaseRenderer):
    """JSON-LD (`Accept: application/ld+json` or ?format=jsonld) of a view that describes its records in linked
    data: the view's linked_data(data, profile) writes the document of a list or a detail. Anything else the view
    answers (an error, OPTIONS) stays the plain JSON it is."""

    media_type = "application/ld+json"
    format = "jsonld"
    charset = None
    profile = "schema.org"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict[str, Any] | None = None,
    ) -> bytes:
        context = renderer_context or {}
        view, response = context.get("view"), context.get("response")
        if (
            data is None
            or view is None
            or getattr(view, "action", None) not in ("list", "retrieve")
            or (response is not None and response.status_code >= 400)
        ):
            return FastJSONRenderer().render(data)
        return FastJSONRenderer().render(view.linked_data(data, self.profile))


class ElmRenderer(LinkedDataRenderer):
    """Europass Learning Model (ELM 3) JSON-LD: ?format=elm, or the JSON-LD media type with the ELM's profile."""

    media_type = 'application/ld+json; profile="http://data.europa.eu/snb/model/elm/"'
    format = "elm"
    profile = "elm"


class FormatFirstNegotiation(DefaultContentNegotiation):
    """?format= picks its renderer whatever the Accept header says (DRF would still match the header against it,
    and a media type with a parameter, such as the ELM's profile, matches no wildcard); without it, Accept decides."""

    def select_renderer(
        self,
        request: Request,
        renderers: list[BaseRenderer],
        format_suffix: str | None = None,
    ) -> tuple[BaseRenderer, str]:
        chosen = format_suffix or request.query_params.get(
            self.settings.URL_FORMAT_OVERRIDE
        )
        if chosen:
            renderer = self.filter_renderers(renderers, chosen)[0]
            return renderer, renderer.media_type
        return super().select_renderer(request, renderers, format_suffix)
