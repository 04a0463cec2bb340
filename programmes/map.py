"""The actor and education map: which places one set of filters picks, as items shared by the map and its list.

No HTTP here. `programmes/map_views.py` parses the request with `MapFilterForm`, asks `map_items()` for the places and
renders them once, as the table beside the map; `static/js/map.js` draws the map from that table's rows (their
coordinates in data-lat and data-lng), so the page does not carry the places a second time as JSON.

A place is a published actor at one of its sites, or a published programme at the site of one of its offerings (one place per
programme and site, however many start dates it has). Filters:

- segment: actors and programmes in that value-chain segment (by `Segment.code`);
- kind: one `Actor.Kind`, or "programme" for programmes only;
- level: programmes awarding that EQF level, and the education providers that give such a programme;
- country: where the place is (the country of the site's region), so a Swedish company's Finnish site is in Finland.

Queries, whatever the amount of data: segments and levels for the form (2), actor sites with their actor and region
(1), offerings with their programme, provider, site and region (1). The region boundaries are not in the pages: map.js
fetches them from one address (`region_boundaries()`, served by map_views.region_outlines), 1 query when not cached.
"""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from batteryregion.i18n import Shown, shown
from batteryregion.records import PublicationState
from programmes.models import Offering, Programme
from skills.models import Actor, Country, EducationLevel, Region, Segment, Site

PROGRAMME = "programme"
"""The map's type for programme places, beside the `Actor.Kind` values."""

KINDS = [PROGRAMME, *Actor.Kind.values]
"""Types in legend order: programmes first, then actors."""


def kind_choices() -> list[tuple[str, str]]:
    return [(PROGRAMME, _("Programme")), *Actor.Kind.choices]


@dataclass(frozen=True)
class MapItem:
    """One place on the map and one row of the list beside it."""

    name: Shown
    url: str
    kind: str
    kind_label: str
    town: Shown
    region: Shown
    country: str
    country_label: str
    lat: float
    lng: float
    provider: Shown | None = None


@dataclass(frozen=True)
class MapFilters:
    segment: str = ""
    kind: str = ""
    level: int | None = None
    country: str = ""


@dataclass(frozen=True)
class FilterOptions:
    segments: list[tuple[str, str]]
    levels: list[tuple[str, str]]


def filter_options() -> FilterOptions:
    """Choices of the filter form: segments in value-chain order and EQF levels (2 queries)."""
    segments = [
        (segment.code, shown(segment, "name").text)
        for segment in Segment.objects.order_by("order", "code")
    ]
    levels = [
        (str(level.level), str(level))
        for level in EducationLevel.objects.order_by("level")
    ]
    return FilterOptions(segments=segments, levels=levels)


class MapFilterForm(forms.Form):
    """The map's filters: a plain GET form, every field optional; an unknown value is an error, not an empty map."""

    segment = forms.ChoiceField(label=_("Value-chain segment"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    level = forms.ChoiceField(
        label=_("Education level (EQF)"),
        required=False,
        help_text=_(
            "The education level shows the programmes at that level and the providers that give them."
        ),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(
        self, data: Any = None, *, options: FilterOptions, **kwargs: Any
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        fields = self.fields
        fields["segment"].choices = [("", _("All segments")), *options.segments]
        fields["kind"].choices = [("", _("All types")), *kind_choices()]
        fields["level"].choices = [("", _("All levels")), *options.levels]
        fields["country"].choices = [("", _("Both countries")), *Country.choices]

    def filters(self) -> MapFilters:
        """The cleaned values; call after is_valid()."""
        data = self.cleaned_data
        return MapFilters(
            segment=data["segment"],
            kind=data["kind"],
            level=int(data["level"]) if data["level"] else None,
            country=data["country"],
        )


def _sort_text(text: str) -> str:
    """A sort key close to Finnish and Swedish alphabetical order: accents ignored, å ä ö after z."""
    text = text.casefold().replace("å", "{1").replace("ä", "{2").replace("ö", "{3")
    text = unicodedata.normalize("NFKD", text)
    return "".join(char for char in text if not unicodedata.combining(char))


def _sort_key(item: MapItem) -> tuple[str, ...]:
    return (
        _sort_text(item.country_label),
        _sort_text(item.region.text),
        _sort_text(item.name.text),
        _sort_text(item.town.text),
        item.url,
    )


def _place(site: Site) -> dict[str, Any]:
    return {
        "town": shown(site, "town"),
        "region": shown(site.region, "name"),
        "country": site.region.country,
        "country_label": str(Country(site.region.country).label),
        "lat": float(site.latitude),
        "lng": float(site.longitude),
    }


def detail_url(name: str) -> Callable[[str], str]:
    """reverse(name, args=[slug]) for the rows of a list: the address pattern is reversed once, not once a row."""
    pattern = reverse(name, args=[_SLUG])
    return lambda slug: pattern.replace(_SLUG, slug)


_SLUG = "__slug__"  # stands in for the slug while reversing; no other part of an address holds it


def _actor_items(filters: MapFilters) -> list[MapItem]:
    """Each published actor at each of its sites (1 query: site, actor and region joined)."""
    sites = (
        Site.objects.filter(actor__state=PublicationState.PUBLISHED)
        .select_related("actor", "region")
        .defer("region__boundary")  # a GeoJSON text per row, parsed and never shown
    )
    if filters.kind:
        sites = sites.filter(actor__kind=filters.kind)
    if filters.segment:
        sites = sites.filter(actor__segments__code=filters.segment)
    if filters.level is not None:
        providers = Programme.objects.published().filter(
            awarded_level__level=filters.level
        )
        sites = sites.filter(actor__in=providers.values("provider"))
    if filters.country:
        sites = sites.filter(region__country=filters.country)
    labels = dict(Actor.Kind.choices)
    url = detail_url("programmes:actor_detail")
    return [
        MapItem(
            name=shown(site.actor, "name"),
            url=url(site.actor.slug),
            kind=site.actor.kind,
            kind_label=str(labels.get(site.actor.kind, site.actor.kind)),
            **_place(site),
        )
        for site in sites
    ]


def _programme_items(filters: MapFilters) -> list[MapItem]:
    """Each published programme at each site it is given at (1 query: offering, programme, provider, site, region)."""
    offerings = (
        Offering.objects.filter(programme__state=PublicationState.PUBLISHED)
        .select_related("programme__provider", "site__region")
        .defer(
            "site__region__boundary"
        )  # a GeoJSON text per row, parsed and never shown
    )
    if filters.segment:
        offerings = offerings.filter(programme__segments__code=filters.segment)
    if filters.level is not None:
        offerings = offerings.filter(programme__awarded_level__level=filters.level)
    if filters.country:
        offerings = offerings.filter(site__region__country=filters.country)
    label = gettext("Programme")
    url = detail_url("programmes:programme_detail")
    items, seen = [], set()
    for offering in offerings.order_by("programme_id", "site_id"):
        if (offering.programme_id, offering.site_id) in seen:
            continue  # another start date at the same site: the same place
        seen.add((offering.programme_id, offering.site_id))
        programme = offering.programme
        items.append(
            MapItem(
                name=shown(programme, "name"),
                url=url(programme.slug),
                kind=PROGRAMME,
                kind_label=label,
                provider=shown(programme.provider, "name"),
                **_place(offering.site),
            )
        )
    return items


def map_items(filters: MapFilters | None = None) -> list[MapItem]:
    """The places the filters pick, sorted by country, region and name (at most 2 queries)."""
    filters = filters or MapFilters()
    items: list[MapItem] = []
    if filters.kind != PROGRAMME:
        items += _actor_items(filters)
    if filters.kind in ("", PROGRAMME):
        items += _programme_items(filters)
    return sorted(items, key=_sort_key)


def region_boundaries() -> dict[str, Any]:
    """The NUTS 3 regions that have a boundary, as a GeoJSON FeatureCollection named in the active language (1 query)."""
    regions = Region.objects.filter(level=3, boundary__isnull=False).order_by("code")
    features = []
    for region in regions:
        if not region.boundary:
            continue
        name = shown(region, "name")
        features.append(
            {
                "type": "Feature",
                "geometry": region.boundary,
                "properties": {
                    "code": region.code,
                    "name": name.text,
                    "lang": name.lang,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def map_config(*, boundaries: bool = True) -> dict[str, Any]:
    """What map.js needs besides the items: tiles, the address of the boundaries, attribution and interface text
    (see map.js); no queries.

    The boundaries themselves (11 KB of GeoJSON) are not embedded: every page with a map would carry and escape them
    again, while one address is cached once and revalidated by browsers with its ETag. Pages with a small map can pass
    this as their `data-map-config` json_script too; `boundaries=False` leaves the region outlines out.
    """
    return {
        "tiles": {"url": settings.TILE_URL, "attribution": settings.TILE_ATTRIBUTION}
        if settings.TILE_URL
        else None,
        "boundariesUrl": reverse("programmes:region_outlines") if boundaries else None,
        "boundaryAttribution": gettext(
            "© EuroGeographics for the administrative boundaries."
        ),
        "text": {
            "zoomIn": gettext("Zoom in"),
            "zoomOut": gettext("Zoom out"),
            "closePopup": gettext("Close"),
            "cluster": gettext("A group of %(count)s places; select it to zoom in."),
            "map": gettext("Map"),
        },
    }
