"""The network page: the links between actors as figures, as a picture and as a table, under one set of filters."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from batteryregion.i18n import Shown, shown
from programmes import network_selectors
from programmes.network_edges import JointEdge, link_segments, network_kinds
from programmes.network_figures import in_force_by_year, network_figures
from programmes.network_filters import NetworkFilter
from programmes.network_graph import network_graph
from programmes.rows import url_for_slug
from skills.models import ActorLink, Country


@dataclass(frozen=True)
class LinkRow:
    """One line of the table of links, worked out once in Python."""

    link: ActorLink | JointEdge
    actor: Shown
    actor_url: str
    actor_country: str
    partner: Shown
    partner_url: str
    partner_country: str
    segments: list[Shown]


def link_rows(
    links: list[ActorLink | JointEdge], actor_url: Callable[[str], str]
) -> list[LinkRow]:
    """The table's lines: both actors with their page and country, the segments (no queries: all loaded)."""
    countries = dict(Country.choices)
    return [
        LinkRow(
            link=link,
            actor=shown(link.actor, "name"),
            actor_url=actor_url(link.actor.slug),
            actor_country=str(countries[link.actor.country]),
            partner=shown(link.partner, "name"),
            partner_url=actor_url(link.partner.slug),
            partner_country=str(countries[link.partner.country]),
            segments=[shown(segment, "name") for segment in link_segments(link)],
        )
        for link in links
    ]


def network(request: HttpRequest) -> HttpResponse:
    """The filtered links and the joint-action edges of the actions the viewer may see; the figures, the picture and
    the table all come from the same list (6 queries for a visitor: the form's 2, the links and their segments, the
    actions' participants and their segments)."""
    filterset = NetworkFilter(
        request.GET, queryset=network_selectors.links_for_network()
    )
    if not filterset.is_valid():
        return render(
            request, "programmes/network.html", {"filterset": filterset}, status=400
        )
    links: list[ActorLink | JointEdge] = list(filterset.qs)
    chosen = filterset.form.cleaned_data
    links += network_selectors.joint_edges_for_network(
        request.user,
        segment=chosen.get("segment"),
        region=chosen.get("region"),
        kind=chosen.get("kind"),
        across=chosen.get("across"),
    )
    actor_url = url_for_slug("programmes:actor_detail")
    kinds = network_kinds()
    no_year = _("Start not known")
    context = {
        "filterset": filterset,
        "rows": link_rows(links, actor_url),
        "figures": network_figures(
            links, no_segment=_("No segment given"), no_year=no_year, kinds=kinds
        ),
        "in_force": in_force_by_year(
            links, this_year=timezone.localdate().year, kinds=kinds, no_year=no_year
        ),
        "graph": network_graph(links, actor_url),
    }
    return render(request, "programmes/network.html", context)
