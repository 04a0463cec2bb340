"""The partner API under /api/: read-only resources at v1/, the OpenAPI schema and its two documentation pages."""

from django.template import engines
from django.template.backends.django import Template
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.renderers import TemplateHTMLRenderer
from rest_framework.routers import DefaultRouter

from gaps.api import PathwayViewSet
from gaps.gap_api import GapViewSet, OverlapViewSet
from programmes.api import ProgrammeViewSet
from skills.api import (
    ActorViewSet,
    CompetenceNeedViewSet,
    EducationLevelViewSet,
    OccupationViewSet,
    QualificationTypeViewSet,
    RegionViewSet,
    SegmentViewSet,
    SkillViewSet,
)

router = DefaultRouter()
router.register("segments", SegmentViewSet, basename="segment")
router.register("regions", RegionViewSet, basename="region")
router.register("levels", EducationLevelViewSet, basename="level")
router.register(
    "qualification-types", QualificationTypeViewSet, basename="qualification-type"
)
router.register("skills", SkillViewSet, basename="skill")
router.register("occupations", OccupationViewSet, basename="occupation")
router.register("actors", ActorViewSet, basename="actor")
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("competence-needs", CompetenceNeedViewSet, basename="competence-need")
router.register("pathways", PathwayViewSet, basename="pathway")
router.register("gaps", GapViewSet, basename="gap")
router.register("overlaps", OverlapViewSet, basename="overlap")

# drf-spectacular's Redoc page loads Google Fonts; this one keeps everything on our own server.
REDOC_PAGE = """{% extends "drf_spectacular/redoc.html" %}
{% block head %}
<title>{{ title }}</title>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body { margin: 0; padding: 0; }</style>
{% endblock head %}"""


class LocalRedocRenderer(TemplateHTMLRenderer):
    def resolve_template(self, template_names: list[str]) -> Template:
        return engines["django"].from_string(REDOC_PAGE)


class LocalRedocView(SpectacularRedocView):
    """Redoc from the sidecar's static files, with no third-party fonts."""

    renderer_classes = [LocalRedocRenderer]


urlpatterns = [
    path("v1/", include((router.urls, "v1"))),
    path(
        "schema/",
        SpectacularAPIView.as_view(),
        name="api-schema",
    ),
    # The split view serves its start-up script as a file of its own, so that a strict CSP needs no inline script.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("redoc/", LocalRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
