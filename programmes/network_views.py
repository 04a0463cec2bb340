"""The network page: the links between actors as figures, as a picture and as a table, under one set of filters."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from batteryregion.i18n import Shown, shown
from programmes import network_selectors
from programmes.network_figures import network_figures
from programmes.network_filters import NetworkFilter
from programmes.network_graph import network_graph
from programmes.rows import url_for_slug
from skills.models import ActorLink, Country


@dataclass(frozen=True)
class LinkRow:
    """One line of the table of links, worked out once in Python."""

    link: ActorLink
    actor: Shown
    actor_url: str
    actor_country: str
    partner: Shown
    partner_url: str
    partner_country: str
    segments: list[Shown]


def link_rows(links: list[ActorLink], actor_url: Callable[[str], str]) -> list[LinkRow]:
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
            segments=[shown(segment, "name") for segment in link.segments.all()],
        )
        for link in links
    ]


def network(request: HttpRequest) -> HttpResponse:
    """The filtered links; the figures, the picture and the table all come from the same list (4 queries)."""
    filterset = NetworkFilter(
        request.GET, queryset=network_selectors.links_for_network()
    )
    if not filterset.is_valid():
        return render(
            request, "programmes/network.html", {"filterset": filterset}, status=400
        )
    links = list(filterset.qs)
    actor_url = url_for_slug("programmes:actor_detail")
    context = {
        "filterset": filterset,
        "rows": link_rows(links, actor_url),
        "figures": network_figures(
            links, no_segment=_("No segment given"), no_year=_("Start not known")
        ),
        "graph": network_graph(links, actor_url),
    }
    return render(request, "programmes/network.html", context)
