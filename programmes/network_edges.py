"""The network's edges that are not stored links: two actors taking part in the same cooperation action.

"Together with the actions' participants this forms the network": two organisations of one action the viewer may see
(batteryregion/visibility.py, the board's rule) that is not dropped are linked, with the kind "Joint action". The kind
is derived when the page is read, not an ``ActorLink.Kind`` in the database: an action's participants change with the
action, and a recorded link needs a source and a coordinator's decision. A pair of actors in several actions is one
edge carrying every one of them; a pair that also has an ``ActorLink`` keeps both edges (different kinds).

A ``JointEdge`` reads like an ``ActorLink`` where the network page, its figures, its picture and its table read one
(kind, both actors, dates, segments, crosses_border), so they handle both without asking which is which.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from batteryregion.i18n import Shown
from skills.models import Actor, ActorLink, Segment

JOINT_ACTION = "joint_action"
JOINT_ACTION_LABEL = _("Joint action")


def network_kinds() -> list[tuple[str, str]]:
    """The kinds of the network page, in the order of its filter, legend and figures: the recorded kinds, then the
    joint actions."""
    return [*ActorLink.Kind.choices, (JOINT_ACTION, JOINT_ACTION_LABEL)]


@dataclass(frozen=True)
class JointActionRef:
    """One action an edge comes from, as the network page names and links it."""

    slug: str
    title: Shown
    url: str
    state: str  # Action.State value
    state_label: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None


@dataclass
class JointEdge:
    """Two actors (lower primary key first) taking part in the same visible actions."""

    actor: Actor
    partner: Actor
    actions: list[JointActionRef] = field(default_factory=list)
    segment_list: list[Segment] = field(default_factory=list)

    kind = JOINT_ACTION

    @property
    def pk(self) -> str:
        """An identifier unique among the page's edges (the graph and the table carry it as data-link)."""
        return f"action-{self.actor.pk}-{self.partner.pk}"

    @property
    def actor_id(self) -> int:
        return self.actor.pk

    @property
    def partner_id(self) -> int:
        return self.partner.pk

    @property
    def crosses_border(self) -> bool:
        return self.actor.country != self.partner.country

    @property
    def started_on(self) -> datetime.date | None:
        """The earliest planned start of its actions, or None when none has one."""
        return min((a.starts_on for a in self.actions if a.starts_on), default=None)

    @property
    def ended_on(self) -> datetime.date | None:
        """The latest planned end of its actions; None while one has no planned end (it goes on)."""
        ends = [a.ends_on for a in self.actions]
        return None if not ends or None in ends else max(ends)

    @property
    def periods(self) -> list[tuple[datetime.date | None, datetime.date | None]]:
        """The planned (start, end) of each of its actions: the edge is in force while one of them is."""
        return [(a.starts_on, a.ends_on) for a in self.actions]

    def get_kind_display(self) -> str:
        return str(JOINT_ACTION_LABEL)


def link_periods(
    link: ActorLink | JointEdge,
) -> list[tuple[datetime.date | None, datetime.date | None]]:
    """When an edge is in force: a link's start and end, or each of a joint edge's actions' planned dates."""
    if isinstance(link, JointEdge):
        return link.periods
    return [(link.started_on, link.ended_on)]


def link_segments(link: ActorLink | JointEdge) -> list[Segment]:
    """The segments an edge concerns: a link's own (prefetched), or those of a joint edge's actions."""
    if isinstance(link, JointEdge):
        return link.segment_list
    return list(link.segments.all())
