"""Read-only partner API of programmes under /api/v1/, with the catalogue page's filters."""

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.settings import api_settings

from batteryregion.renderers import (
    ElmRenderer,
    FormatFirstNegotiation,
    LinkedDataRenderer,
)
from programmes import selectors
from programmes.filters import ProgrammeApiFilter
from programmes.linked_data import LinkedDataMixin
from programmes.models import Programme
from programmes.serializers import ProgrammeDetailSerializer, ProgrammeSerializer
from skills.api import PublishableViewSet


def linked_data_schema(json_serializer: type) -> dict:
    """The operation's answers per media type: the API's JSON, schema.org JSON-LD and ELM JSON-LD."""
    return {
        "parameters": [
            OpenApiParameter(
                "format",
                str,
                enum=["json", "jsonld", "elm"],
                description="jsonld: schema.org JSON-LD; elm: Europass Learning Model (ELM 3) JSON-LD; api: the "
                "browsable page (HTML). Overrides the Accept header.",
            )
        ],
        "responses": {
            (200, "application/json"): json_serializer,
            (200, LinkedDataRenderer.media_type): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="schema.org EducationalOccupationalProgram; a list page is an ItemList with "
                "hydra:view links to the next and previous pages.",
            ),
            (200, ElmRenderer.media_type): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Europass Learning Model (ELM 3) LearningOpportunity; a list page is a "
                "hydra:Collection of them.",
            ),
        },
    }


@extend_schema_view(
    list=extend_schema(**linked_data_schema(ProgrammeSerializer)),
    retrieve=extend_schema(**linked_data_schema(ProgrammeDetailSerializer)),
)
class ProgrammeViewSet(LinkedDataMixin, PublishableViewSet):
    """Published education and training programmes on both sides of the border.

    The parameters are those of the catalogue page, and ?state=discontinued (or all) lists the programmes that
    ended, with their state, end date and successor, so that partners can remove them. Names sort as shown in the
    request's language (Accept-Language), falling back fi → sv → en as the pages do.

    `Accept: application/ld+json` or ?format=jsonld gives schema.org JSON-LD (EducationalOccupationalProgram; a list
    page is an ItemList with hydra:view links to the next and previous pages). ?format=elm, or `Accept:
    application/ld+json; profile="http://data.europa.eu/snb/model/elm/"`, gives the programmes as learning
    opportunities of the Europass Learning Model (ELM 3).
    """

    # The ELM's media type has a profile parameter, so it comes before plain JSON-LD, which would match it too.
    renderer_classes = [
        *api_settings.DEFAULT_RENDERER_CLASSES,
        ElmRenderer,
        LinkedDataRenderer,
    ]
    content_negotiation_class = FormatFirstNegotiation

    serializer_class = ProgrammeSerializer
    detail_serializer_class = ProgrammeDetailSerializer
    filterset_class = ProgrammeApiFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Programme]:
        # Per request, because the catalogue's name order follows the active language.
        return selectors.programmes_for_api(include_drafts=self.previews_drafts())
