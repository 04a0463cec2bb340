"""Read-only partner API of cooperation actions under /api/v1/cooperation-actions/, with the board's filters and the
board's visibility."""

from django.db.models import QuerySet

from gaps.cooperation.api_serializers import ActionSerializer
from gaps.cooperation.filters import ActionFilter
from gaps.cooperation.models import Action
from gaps.cooperation.selectors import actions_for_api
from skills.api import PublicViewSet


class ActionViewSet(PublicViewSet):
    """Cooperation actions: what the partners agree to do together to close a gap (a joint programme, shared
    teachers, joint recruitment …), how far each has come, what it addresses, the organisations taking part and the
    figures promised and achieved.

    The parameters are those of the cooperation board (/fi/cooperation/): kind, state, segment, occupation, skill,
    region, countries (fi, se or fi-se: the countries of the organisations taking part) and organisation. An
    occupation, skill or organisation is one that some action the caller may see names. Who sees an action is the
    board's rule: anonymous callers and keys of scope "public" the public actions, logged-in partners and keys of
    scope "partners" the partners' actions too, coordinators every action. An action the caller may not see is a
    404, as if it did not exist.
    """

    serializer_class = ActionSerializer
    filterset_class = ActionFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Action]:
        # The list and the detail both go through visible_to(), so a hidden action is a 404, not a 403.
        return actions_for_api(self.request.user)
