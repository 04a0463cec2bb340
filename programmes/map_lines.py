"""The map's optional layer "Cross-border cooperation": a line between the two actors of each cross-border link the
viewer may see, embedded in the map page as JSON (map.html's json_script "map-lines", drawn by static/js/map_links.js).

The links are those of the network page: published links between two published actors, and the joint-action edges of
the actions the viewer may see that are not dropped (programmes/network_edges.py), between a Finnish and a Swedish
actor. Each end is the actor's first site (its main site first, then by slug); a link with an actor that has no site
is not drawn and is counted, so the page can say so. The layer does not follow the map's filters: it shows the whole
cross-border network, and the network page's table lists the same links. 3 queries (links, the actions' participants,
the sites; 2 when there is no link at all).
"""

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from batteryregion.i18n import shown
from batteryregion.records import PublicationState
from programmes.network_edges import network_kinds
from programmes.network_graph import STYLES
from programmes.network_selectors import User, joint_edges_for_network
from programmes.rows import url_for_slug
from programmes.selectors import translated_columns
from skills.models import Actor, ActorLink, Site


def _end(
    actor: Actor, site: dict[str, Any], actor_url: Callable[[str], str]
) -> dict[str, Any]:
    name = shown(actor, "name")
    return {
        "name": name.text,
        "lang": name.lang,
        "url": actor_url(actor.slug),
        "lat": float(site["latitude"]),
        "lng": float(site["longitude"]),
    }


def line_legend() -> list[dict[str, str]]:
    """Each kind with the colour and dash pattern of its line, as the network page's picture draws it."""
    return [
        {
            "kind": kind,
            "label": str(label),
            "colour": STYLES[kind][0],
            "dash": STYLES[kind][1],
        }
        for kind, label in network_kinds()
    ]


def cross_border_lines(user: User) -> dict[str, Any]:
    """{"lines": [{"kind", "kindLabel", "colour", "dash", "from": {name, lang, url, lat, lng}, "to": {…},
    "networkUrl", "actions": [{"title", "url"}]}], "skipped": links not drawn for want of a site, "text": {"network"}}
    (see the module)."""
    links = list(
        ActorLink.objects.published()
        .filter(
            actor__state=PublicationState.PUBLISHED,
            partner__state=PublicationState.PUBLISHED,
        )
        .crossing_border()
        .select_related("actor", "partner")
        .only(
            "kind",
            "actor_id",
            "partner_id",
            *(
                f"{side}__{column}"
                for side in ("actor", "partner")
                for column in ("slug", "country")
            ),
            *translated_columns("name", "actor__"),
            *translated_columns("name", "partner__"),
        )
        .order_by("pk")
    )
    edges = [*links, *joint_edges_for_network(user, across=True, with_segments=False)]
    actor_ids = {pk for edge in edges for pk in (edge.actor_id, edge.partner_id)}
    first_site: dict[int, dict[str, Any]] = {}
    if actor_ids:
        for site in (
            Site.objects.filter(actor_id__in=actor_ids)
            .order_by("actor_id", "-is_main", "slug")
            .values("actor_id", "latitude", "longitude")
        ):
            first_site.setdefault(site["actor_id"], site)
    actor_url = url_for_slug("programmes:actor_detail")
    labels = dict(network_kinds())
    network = reverse("programmes:network")
    lines, skipped = [], 0
    for edge in edges:
        start, end = first_site.get(edge.actor_id), first_site.get(edge.partner_id)
        if start is None or end is None:
            skipped += 1
            continue
        colour, dash = STYLES[edge.kind]
        lines.append(
            {
                "kind": edge.kind,
                "kindLabel": str(labels[edge.kind]),
                "colour": colour,
                "dash": dash,
                "from": _end(edge.actor, start, actor_url),
                "to": _end(edge.partner, end, actor_url),
                "networkUrl": f"{network}?{urlencode({'kind': edge.kind, 'across': 'on'})}#network-links",
                "actions": [
                    {"title": action.title.text, "url": action.url}
                    for action in getattr(edge, "actions", [])
                ],
            }
        )
    return {
        "lines": lines,
        "skipped": skipped,
        "text": {"network": gettext("These links in the network of actors")},
    }
