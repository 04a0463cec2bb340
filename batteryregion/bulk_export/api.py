"""GET /api/v1/export/: the whole public dataset as one zip; /api/v1/export/manifest/: what it holds."""

from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from batteryregion.bulk_export.archive import Export, current_export
from batteryregion.query_parameters import KnownQueryParameters
from batteryregion.renderers import FastJSONRenderer


class ZipRenderer(BaseRenderer):
    """Lets a client ask for the zip by its media type; the view answers with the file itself."""

    media_type = "application/zip"
    format = "zip"
    charset = None

    def render(
        self, data: object, accepted_media_type=None, renderer_context=None
    ) -> bytes:
        return FastJSONRenderer().render(data)


def _not_modified(request: Request, export: Export) -> bool:
    asked = request.headers.get("If-None-Match", "")
    return export.etag in [tag.strip() for tag in asked.split(",")] or asked == "*"


class ExportViewSet(KnownQueryParameters, viewsets.ViewSet):
    """The whole public dataset (published and discontinued records, public competence needs) in one zip: every
    resource as JSON Lines (jsonl/, one API object per line, as the API's detail writes it) and as CSV (csv/), with
    manifest.json (counts, files, data version, bundled data version, licence and attributions).

    Written once per data version and then served from a file; the ETag is the data version, so `If-None-Match`
    answers 304 until the data changes. manage.py export_public_data writes the same files for a nightly job.
    """

    renderer_classes = [FastJSONRenderer, ZipRenderer]
    pagination_class = None

    def _export(self, request: Request) -> Export:
        return current_export(request.build_absolute_uri("/"))

    @extend_schema(
        responses={
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="export.zip: manifest.json, jsonl/<resource>.jsonl, csv/<resource>.csv.",
            ),
            304: OpenApiResponse(
                description="Unchanged since the ETag given in If-None-Match."
            ),
        }
    )
    def list(self, request: Request) -> HttpResponseBase:
        export = self._export(request)
        if _not_modified(request, export):
            response: HttpResponseBase = HttpResponse(status=304)
        else:
            response = FileResponse(
                export.path.open("rb"),
                as_attachment=True,
                filename=f"battery-region-export-{export.data_version}.zip",
                content_type="application/zip",
            )
        response["ETag"] = export.etag
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response

    @extend_schema(
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="The manifest of the current export (the same as manifest.json in the zip).",
            )
        }
    )
    @action(detail=False, url_path="manifest", renderer_classes=[FastJSONRenderer])
    def manifest(self, request: Request) -> Response:
        export = self._export(request)
        if _not_modified(request, export):
            return Response(status=304, headers={"ETag": export.etag})
        return Response(export.manifest, headers={"ETag": export.etag})
