"""The partner API under /api/: read-only resources at v1/, the OpenAPI schema and its two documentation pages."""

from csp.decorators import csp_update
from django.urls import include, path
from django.utils.decorators import method_decorator
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from batteryregion.bulk_export.api import ExportViewSet
from batteryregion.sync.api import ChangeViewSet
from gaps.analysis.api import GapViewSet, OverlapViewSet
from gaps.cooperation.api import ActionViewSet
from gaps.pathways.api import PathwayViewSet
from programmes.api import ProgrammeViewSet
from programmes.network_api import ActorLinkViewSet
from skills.api import (
    ActorViewSet,
    CompetenceNeedViewSet,
    EducationFieldViewSet,
    EducationLevelViewSet,
    MunicipalityViewSet,
    OccupationViewSet,
    QualificationTypeViewSet,
    RegionViewSet,
    SegmentViewSet,
    SkillViewSet,
    WorkshopViewSet,
)

router = DefaultRouter()
router.register("segments", SegmentViewSet, basename="segment")
router.register("regions", RegionViewSet, basename="region")
router.register("municipalities", MunicipalityViewSet, basename="municipality")
router.register("levels", EducationLevelViewSet, basename="level")
router.register(
    "qualification-types", QualificationTypeViewSet, basename="qualification-type"
)
router.register("education-fields", EducationFieldViewSet, basename="education-field")
router.register("skills", SkillViewSet, basename="skill")
router.register("occupations", OccupationViewSet, basename="occupation")
router.register("actors", ActorViewSet, basename="actor")
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("competence-needs", CompetenceNeedViewSet, basename="competence-need")
router.register("actor-links", ActorLinkViewSet, basename="actor-link")
router.register("cooperation-actions", ActionViewSet, basename="cooperation-action")
router.register("workshops", WorkshopViewSet, basename="workshop")
router.register("pathways", PathwayViewSet, basename="pathway")
router.register("gaps", GapViewSet, basename="gap")
router.register("overlaps", OverlapViewSet, basename="overlap")
router.register("changes", ChangeViewSet, basename="change")
router.register("export", ExportViewSet, basename="export")


# ReDoc adds <style> elements while it runs, so its page allows exactly two style texts, by their hashes: the empty
# one (styled-components inserts an empty element and fills it through the CSSOM, which the CSP does not restrict;
# the bundle's style loader inserts one empty before writing into it) and the perfect-scrollbar rules the bundle
# writes as it loads. A new drf-spectacular-sidecar may change the second: tests/browser/test_security_policy.py
# then fails, and Chromium's console message in its report names the hash to put here.
REDOC_STYLE_HASHES = [
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",  # ""
    "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",  # .ps{overflow:hidden!important;…
]


# Its search runs in a worker that it makes from a blob: URL of its own code.
@method_decorator(
    csp_update({"style-src": REDOC_STYLE_HASHES, "worker-src": ["blob:"]}), name="get"
)
class LocalRedocView(SpectacularRedocView):
    """ReDoc from the sidecar's static files, with no third-party fonts and no inline script or style."""

    template_name = "api/redoc.html"


urlpatterns = [
    path("v1/", include((router.urls, "v1"))),
    path(
        "schema/",
        SpectacularAPIView.as_view(),
        name="api-schema",
    ),
    # The split view serves its start-up script as a file of its own, so that the strict CSP needs no inline
    # script; our template moves its inline style to a file too.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    path("redoc/", LocalRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
