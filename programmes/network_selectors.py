"""Reads of the network of actors: the links the network page draws, counts and lists, and an actor's partners on its
page. A link is stored once; both read it from either side. Each read is a fixed number of queries.

The joint-action edges (programmes/network_edges.py) and an actor's cooperation actions are read here too: the one
place where the supply side's pages read the cooperation actions of gaps/, always through the board's visibility rule
(``Action.objects.visible_to``)."""

from dataclasses import dataclass
from itertools import combinations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from batteryregion.i18n import Shown, shown
from batteryregion.records import PublicationState
from gaps.cooperation.models import Action, ActionParticipant
from programmes.network_edges import JOINT_ACTION, JointActionRef, JointEdge
from programmes.rows import url_for_slug
from programmes.selectors import translated_columns
from skills.models import Actor, ActorLink, Region, Segment
from skills.models.links import placed_in

User = AbstractBaseUser | AnonymousUser

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


def network_actions(user: User) -> QuerySet[Action]:
    """The actions whose participants are linked in the network: those the user may see (the board's rule) that are
    not dropped. An idea counts as much as an action in progress: the state is shown with each action."""
    return Action.objects.visible_to(user).exclude(state=Action.State.DROPPED)


def joint_edges_for_network(
    user: User,
    *,
    segment: Segment | None = None,
    region: Region | None = None,
    kind: str | None = None,
    across: bool | None = None,
    with_segments: bool = True,
) -> list[JointEdge]:
    """The joint-action edges between published actors under the network filters' values, in the order of their
    actors (2 queries: the participants with their action and actor, the actions' segments; none for a recorded
    kind, 1 when no action has two published participants). ``segment`` keeps the actions that concern it, ``region``
    the pairs with an actor placed in it, ``across`` the pairs of two countries; ``with_segments=False`` skips the
    second query (the map's lines show no segments)."""
    if kind and kind != JOINT_ACTION:
        return []
    actions = network_actions(user)
    if segment is not None:
        actions = actions.filter(segments=segment)
    participants = (
        ActionParticipant.objects.filter(
            action__in=actions.values("pk"), actor__state=PublicationState.PUBLISHED
        )
        .select_related("action", "actor")
        .only(
            "action_id",
            "actor_id",
            "action__slug",
            "action__state",
            "action__starts_on",
            "action__ends_on",
            *translated_columns("title", "action__"),
            *(f"actor__{column}" for column in ACTOR_COLUMNS),
            *translated_columns("name", "actor__"),
        )
        .order_by(
            F("action__starts_on").asc(nulls_last=True), "action__slug", "actor_id"
        )
    )
    if region is not None:
        participants = participants.annotate(
            placed=Exists(
                Actor.objects.filter(placed_in(region), pk=OuterRef("actor_id"))
            )
        )
    by_action: dict[int, list[ActionParticipant]] = {}
    for participant in participants:
        by_action.setdefault(participant.action_id, []).append(participant)
    action_url = url_for_slug("cooperation:action_detail")
    states = dict(Action.State.choices)
    edges: dict[tuple[int, int], JointEdge] = {}
    edge_actions: dict[tuple[int, int], list[int]] = {}
    for action_id, members in by_action.items():
        action = members[0].action
        ref = JointActionRef(
            slug=action.slug,
            title=shown(action, "title"),
            url=action_url(action.slug),
            state=action.state,
            state_label=str(states[action.state]),
            starts_on=action.starts_on,
            ends_on=action.ends_on,
        )
        for one, other in combinations(members, 2):
            if across and one.actor.country == other.actor.country:
                continue
            if region is not None and not (one.placed or other.placed):
                continue
            # (lower id, higher id): an action's participants come by actor id.
            key = (one.actor_id, other.actor_id)
            edge = edges.setdefault(
                key, JointEdge(actor=one.actor, partner=other.actor)
            )
            edge.actions.append(ref)
            edge_actions.setdefault(key, []).append(action_id)
    if not edges or not with_segments:
        return [edges[key] for key in sorted(edges)]
    segments_of: dict[int, list[Segment]] = {}
    rows = (
        Action.segments.through.objects.filter(
            action_id__in={pk for pks in edge_actions.values() for pk in pks}
        )
        .select_related("segment")
        .only(
            "action_id",
            "segment__code",
            "segment__order",
            *translated_columns("name", "segment__"),
        )
        .order_by("segment__order", "segment__code")
    )
    for row in rows:
        segments_of.setdefault(row.action_id, []).append(row.segment)
    for key, edge in edges.items():
        seen: dict[int, Segment] = {}
        for action_id in edge_actions[key]:
            for linked in segments_of.get(action_id, []):
                seen.setdefault(linked.pk, linked)
        edge.segment_list = sorted(seen.values(), key=lambda s: (s.order, s.code))
    return [edges[key] for key in sorted(edges)]


@dataclass(frozen=True)
class ActorAction:
    """One action on an actor's page: the action, linked to its page, and the actor's role in it."""

    title: Shown
    url: str
    role: str
    state: str
    kind: str


def actions_for_actor(actor: Actor, user: User) -> list[ActorAction]:
    """The actions the user may see (the board's rule, dropped ones too: their state says so) in which the actor
    takes part, with its role, by planned start and slug (1 query)."""
    participations = (
        ActionParticipant.objects.filter(
            actor=actor, action__in=Action.objects.visible_to(user).values("pk")
        )
        .select_related("action")
        .only(
            "role",
            "action__slug",
            "action__state",
            "action__kind",
            "action__starts_on",
            *translated_columns("title", "action__"),
        )
        .order_by(F("action__starts_on").asc(nulls_last=True), "action__slug")
    )
    action_url = url_for_slug("cooperation:action_detail")
    return [
        ActorAction(
            title=shown(participation.action, "title"),
            url=action_url(participation.action.slug),
            role=participation.get_role_display(),
            state=participation.action.get_state_display(),
            kind=participation.action.get_kind_display(),
        )
        for participation in participations
    ]
