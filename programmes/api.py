"""Read-only partner API of programmes under /api/v1/, with the catalogue page's filters."""

from django.db.models import QuerySet

from programmes import selectors
from programmes.filters import ProgrammeApiFilter
from programmes.models import Programme
from programmes.serializers import ProgrammeDetailSerializer, ProgrammeSerializer
from skills.api import PublishableViewSet


class ProgrammeViewSet(PublishableViewSet):
    """Published education and training programmes on both sides of the border.

    The parameters are those of the catalogue page, and ?state=discontinued (or all) lists the programmes that
    ended, with their state, end date and successor, so that partners can remove them. Names sort as shown in the
    request's language (Accept-Language), falling back fi → sv → en as the pages do.
    """

    serializer_class = ProgrammeSerializer
    detail_serializer_class = ProgrammeDetailSerializer
    filterset_class = ProgrammeApiFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Programme]:
        # Per request, because the catalogue's name order follows the active language.
        return selectors.programmes_for_api(include_drafts=self.previews_drafts())
