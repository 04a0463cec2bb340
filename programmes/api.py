"""Read-only partner API of programmes under /api/v1/, with the catalogue page's filters."""

from django.db.models import QuerySet

from programmes import selectors
from programmes.filters import ProgrammeFilter
from programmes.models import Programme
from programmes.serializers import ProgrammeDetailSerializer, ProgrammeSerializer
from skills.api import PublicViewSet


class ProgrammeViewSet(PublicViewSet):
    """Published education and training programmes on both sides of the border.

    The parameters are those of the catalogue page. Names sort as shown in the request's language
    (Accept-Language), falling back fi → sv → en as the pages do.
    """

    serializer_class = ProgrammeSerializer
    detail_serializer_class = ProgrammeDetailSerializer
    filterset_class = ProgrammeFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Programme]:
        # Per request, because the catalogue's name order follows the active language.
        queryset = selectors.programmes_for_api()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("intakes")
        return queryset
