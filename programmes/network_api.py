"""Read-only partner API of the network of actors under /api/v1/actor-links/, with the network page's filters."""

from django.db.models import QuerySet

from programmes import network_selectors
from programmes.network_filters import NetworkApiFilter
from programmes.network_serializers import ActorLinkSerializer
from skills.api import PublishableViewSet
from skills.models import ActorLink


class ActorLinkViewSet(PublishableViewSet):
    """Links between actors: two organisations that cooperate, how (kind), since and until when, and in which parts
    of the value chain. A link is undirected and listed once.

    The parameters are those of the network page (/fi/network/): segment, region (an actor with a site in it or
    below it), kind, across (links between a Finnish and a Swedish actor only). The list holds published links
    between actors that are not drafts; ?state=discontinued (or all) lists the links taken off the pages, so that
    partners can remove them. A link is addressed by its id, a number that never changes.

    Recorded links only: the network page also links the organisations of a joint cooperation action ("Joint
    action"), derived per viewer from the actions; those are at /api/v1/cooperation-actions/ with their participants.
    """

    serializer_class = ActorLinkSerializer
    filterset_class = NetworkApiFilter
    lookup_field = "id"

    def get_queryset(self) -> QuerySet[ActorLink]:
        return network_selectors.links_for_api(include_drafts=self.previews_drafts())
