"""Reads of the network of actors: the links the network page draws, counts and lists, and an actor's partners on its
page. A link is stored once; both read it from either side. Each read is a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from batteryregion.i18n import Shown, shown
from batteryregion.records import PublicationState
from programmes.rows import url_for_slug
from programmes.selectors import translated_columns
from skills.models import Actor, ActorLink, Segment

# What the network page and the actor page read of each of the two actors.
ACTOR_COLUMNS = ("slug", "kind", "country", "state")
LINK_COLUMNS = ("kind", "started_on", "ended_on", "actor_id", "partner_id")


def _joined_columns() -> list[str]:
    return [
        *LINK_COLUMNS,
        *(
            f"{side}__{column}"
            for side in ("actor", "partner")
            for column in ACTOR_COLUMNS
        ),
        *translated_columns("name", "actor__"),
        *translated_columns("name", "partner__"),
    ]


def links_for_network() -> QuerySet[ActorLink]:
    """Published links between two published actors, both actors joined, their segments prefetched, oldest link
    first (2 queries; 1 when there is none)."""
    return (
        ActorLink.objects.published()
        .filter(
            actor__state=PublicationState.PUBLISHED,
            partner__state=PublicationState.PUBLISHED,
        )
        .select_related("actor", "partner")
        .only(*_joined_columns())
        .prefetch_related(
            Prefetch(
                "segments",
                Segment.objects.only(
                    "code", "order", *translated_columns("name")
                ).order_by("order"),
            )
        )
        .order_by("pk")
    )


@dataclass(frozen=True)
class Partner:
    """One partner on an actor's page: the other actor of a link, with the link's dates."""

    name: Shown
    url: str
    country: str  # its name in the page language
    link: ActorLink


@dataclass(frozen=True)
class PartnerGroup:
    """The partners of one kind of cooperation."""

    kind: str  # ActorLink.Kind value
    label: str
    partners: list[Partner]


def partners_for_actor(actor: Actor) -> list[PartnerGroup]:
    """The actor's published links, from either side, whose other actor has a public page, as partners grouped by
    kind of cooperation in the order of the kinds and by the partner's shown name within a kind (1 query)."""
    links = (
        ActorLink.objects.published()
        .involving(actor)
        .exclude(Q(actor__state=PublicationState.DRAFT) & ~Q(actor=actor))
        .exclude(Q(partner__state=PublicationState.DRAFT) & ~Q(partner=actor))
        .select_related("actor", "partner")
        .only(*_joined_columns())
    )
    actor_url = url_for_slug("programmes:actor_detail")
    countries = dict(Actor._meta.get_field("country").choices)
    by_kind: dict[str, list[Partner]] = {}
    for link in links:
        other = link.other_side(actor.pk)
        by_kind.setdefault(link.kind, []).append(
            Partner(
                name=shown(other, "name"),
                url=actor_url(other.slug),
                country=str(countries.get(other.country, other.country)),
                link=link,
            )
        )
    return [
        PartnerGroup(
            kind=kind,
            label=str(label),
            partners=sorted(
                by_kind[kind], key=lambda p: (p.name.text.casefold(), p.link.pk)
            ),
        )
        for kind, label in ActorLink.Kind.choices
        if kind in by_kind
    ]


def links_for_api(*, include_drafts: bool = False) -> QuerySet[ActorLink]:
    """The links of the partner API: published and discontinued ones between two actors that are not drafts (every
    link when asked, for a coordinator's detail), oldest first; the list's ?state= narrows them to published ones by
    default. The serializer reads both actors and the segments itself."""
    if include_drafts:
        return ActorLink.objects.order_by("pk")
    return (
        ActorLink.objects.public()
        .exclude(actor__state=PublicationState.DRAFT)
        .exclude(partner__state=PublicationState.DRAFT)
        .order_by("pk")
    )
