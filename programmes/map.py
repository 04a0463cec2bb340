"""The actor and education map: which places one set of filters picks, as items shared by the map and its list.

No HTTP here. `programmes/map_views.py` parses the request with `MapFilterForm`, asks `map_items()` for the places and
renders them once, as the table beside the map; `static/js/map.js` draws the map from that table's rows (their
coordinates in data-lat and data-lng), so the page does not carry the places a second time as JSON.

A place is a published actor at one of its sites, or a site where published programmes are given (one place per site,
listing each programme given there once, however many start dates it has). Filters:

- segment: actors and programmes in that value-chain segment (by `Segment.code`);
- kind: one `Actor.Kind`, or "programme" for programmes only;
- level: programmes awarding that EQF level, and the education providers that give such a programme;
- country: where the place is (the country of the site's region), so a Swedish company's Finnish site is in Finland.

Queries, whatever the amount of data: segments and levels for the form (2), actor sites with their actor and region
(1), offerings with their programme, provider, site and region (1). The region boundaries are not in the pages: map.js
fetches them from an address that names their digest (`boundaries_url()`, served by map_views.region_outlines), which
browsers keep; programmes/outlines.py reads them (1 query) once per data version and language in each process.
`?programme=<slug>` or `?actor=<slug>` (`map_focus()`) shows one record's places, for the link under the small map
of its page.
"""

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from types import SimpleNamespace
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from batteryregion.i18n import Shown, shown
from batteryregion.records import PublicationState
from programmes.models import Offering, Programme
from programmes.outlines import current_outlines
from skills.models import Actor, Country, EducationLevel, Segment, Site

PROGRAMME = "programme"
"""The map's type for programme places, beside the `Actor.Kind` values."""

PLANNED_PROGRAMME = "planned_programme"
"""The marker of a site where every programme listed is planned or proposed (none runs there yet); the "programme"
filter picks them too."""

KINDS = [PROGRAMME, *Actor.Kind.values]
"""Types in legend order: programmes first, then actors."""


def kind_choices() -> list[tuple[str, str]]:
    return [(PROGRAMME, _("Programme")), *Actor.Kind.choices]


def legend_choices() -> list[tuple[str, str]]:
    """The symbols of the legend: the filter's types and the planned programmes' own marker."""
    return [
        (PROGRAMME, _("Programme")),
        (PLANNED_PROGRAMME, _("Planned or proposed programme")),
        *Actor.Kind.choices,
    ]


@dataclass(frozen=True)
class PlaceLink:
    """A record at a place, linked to its page: the actor, or one of the programmes given there with its provider."""

    name: Shown
    url: str
    provider: Shown | None = None
    # "Planned — expected to start …" or "Proposed" for a programme that does not run yet; empty otherwise.
    availability: str = ""


@dataclass(frozen=True)
class MapItem:
    """One place on the map and one row of the list beside it: an actor at one of its sites, or the programmes
    given at one site. One row and one marker per site: the place (town, region, coordinates) is written once, not
    once per programme given there, and the popup lists them all."""

    # An actor's one link, or every programme given at the site, by name.
    links: list[PlaceLink]
    kind: str
    kind_label: str
    town: Shown
    region: Shown
    country: str
    country_label: str
    lat: float
    lng: float
    # The provider of every programme listed, written once; when they differ, each link names its own.
    provider: Shown | None = None

    @property
    def name(self) -> Shown:
        """The name the list sorts by: the actor's, or the first programme's."""
        return self.links[0].name

    @property
    def url(self) -> str:
        return self.links[0].url

    @property
    def grouped(self) -> bool:
        """Several programmes at one site: the list shows their links as a list in the row."""
        return len(self.links) > 1


@dataclass(frozen=True)
class MapFilters:
    segment: str = ""
    kind: str = ""
    level: int | None = None
    country: str = ""
    # One programme's or one actor's places only (by slug): the link under the small map of its page.
    programme: str = ""
    actor: str = ""


@dataclass(frozen=True)
class MapFocus:
    """The programme or actor whose places the map shows, named for the note above the list."""

    programme: str
    actor: str
    name: Shown


def map_focus(query: Any) -> tuple[MapFocus | None, str]:
    """The published programme or actor that `?programme=<slug>` or `?actor=<slug>` names (1 query when asked), and
    an error message when it names none."""
    programme, actor = query.get("programme", ""), query.get("actor", "")
    if programme:
        found = Programme.objects.published().filter(slug=programme).first()
        if found is None:
            return None, gettext("No programme has the address “%(slug)s”.") % {
                "slug": programme
            }
        return MapFocus(programme=programme, actor="", name=shown(found, "name")), ""
    if actor:
        found = Actor.objects.published().filter(slug=actor).first()
        if found is None:
            return None, gettext("No actor has the address “%(slug)s”.") % {
                "slug": actor
            }
        return MapFocus(programme="", actor=actor, name=shown(found, "name")), ""
    return None, ""


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


def _columns(field: str) -> list[str]:
    """The columns of a translated field in every language: town_fi, town_sv, town_en."""
    return [f"{field}_{code}" for code, _name in settings.LANGUAGES]


def _place_columns(site: str) -> list[str]:
    """The columns _place() reads, through `site`: "" for a Site query, "site__" for an Offering query."""
    return [
        *_columns(f"{site}town"),
        *_columns(f"{site}region__name"),
        f"{site}region__country",
        f"{site}latitude",
        f"{site}longitude",
    ]


def _place(
    row: SimpleNamespace, site: str, countries: dict[str, str]
) -> dict[str, Any]:
    """Where a place is, from a row of _place_columns(site)."""
    country = getattr(row, f"{site}region__country")
    return {
        "town": shown(row, f"{site}town"),
        "region": shown(row, f"{site}region__name"),
        "country": country,
        "country_label": countries[country],
        "lat": float(getattr(row, f"{site}latitude")),
        "lng": float(getattr(row, f"{site}longitude")),
    }


def _rows(queryset: QuerySet, columns: list[str]) -> Iterator[SimpleNamespace]:
    """The queryset's values() rows with their columns as attributes, as shown() reads a model's fields: a few
    hundred rows as models (site, actor, region, programme, provider) cost the map page most of its time."""
    return (SimpleNamespace(**row) for row in queryset.values(*columns))


def _country_labels() -> dict[str, str]:
    return {code: str(label) for code, label in Country.choices}


def detail_url(name: str) -> Callable[[str], str]:
    """reverse(name, args=[slug]) for the rows of a list: the address pattern is reversed once, not once a row."""
    pattern = reverse(name, args=[_SLUG])
    return lambda slug: pattern.replace(_SLUG, slug)


_SLUG = "__slug__"  # stands in for the slug while reversing; no other part of an address holds it


def _actor_items(filters: MapFilters) -> list[MapItem]:
    """Each published actor at each of its sites (1 query: site, actor and region joined)."""
    sites = Site.objects.filter(actor__state=PublicationState.PUBLISHED)
    if filters.actor:
        sites = sites.filter(actor__slug=filters.actor)
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
    labels = {kind: str(label) for kind, label in Actor.Kind.choices}
    countries = _country_labels()
    url = detail_url("programmes:actor_detail")
    columns = [
        "actor__slug",
        "actor__kind",
        *_columns("actor__name"),
        *_place_columns(""),
    ]
    return [
        MapItem(
            links=[PlaceLink(name=shown(row, "actor__name"), url=url(row.actor__slug))],
            kind=row.actor__kind,
            kind_label=labels.get(row.actor__kind, row.actor__kind),
            **_place(row, "", countries),
        )
        for row in _rows(sites, columns)
    ]


def _programme_items(filters: MapFilters) -> list[MapItem]:
    """The published programmes at each site they are given at, one place per site (1 query: offering, programme,
    provider, site, region)."""
    offerings = Offering.objects.filter(programme__state=PublicationState.PUBLISHED)
    if filters.programme:
        offerings = offerings.filter(programme__slug=filters.programme)
    if filters.segment:
        offerings = offerings.filter(programme__segments__code=filters.segment)
    if filters.level is not None:
        offerings = offerings.filter(programme__awarded_level__level=filters.level)
    if filters.country:
        offerings = offerings.filter(site__region__country=filters.country)
    countries = _country_labels()
    url = detail_url("programmes:programme_detail")
    columns = [
        "site_id",
        "programme_id",
        "programme__slug",
        "programme__availability",
        "programme__expected_start",
        *_columns("programme__name"),
        *_columns("programme__provider__name"),
        *_place_columns("site__"),
    ]
    places: dict[int, dict[str, Any]] = {}
    links_at: dict[int, dict[int, PlaceLink]] = {}
    running_at: set[int] = (
        set()
    )  # the sites where at least one listed programme runs today
    for row in _rows(offerings.order_by("site_id", "programme_id"), columns):
        if row.site_id not in places:
            places[row.site_id] = _place(row, "site__", countries)
        availability = Programme(
            availability=row.programme__availability,
            expected_start=row.programme__expected_start,
        ).availability_text
        if not availability:
            running_at.add(row.site_id)
        # Another start date of a programme at the same site adds nothing to the place.
        links_at.setdefault(row.site_id, {}).setdefault(
            row.programme_id,
            PlaceLink(
                name=shown(row, "programme__name"),
                url=url(row.programme__slug),
                provider=shown(row, "programme__provider__name"),
                availability=availability,
            ),
        )
    label = gettext("Programme")
    planned_label = gettext("Planned or proposed programme")
    return [
        MapItem(
            kind=PROGRAMME if site_id in running_at else PLANNED_PROGRAMME,
            kind_label=label if site_id in running_at else planned_label,
            **_programme_links(list(links.values())),
            **places[site_id],
        )
        for site_id, links in links_at.items()
    ]


def _programme_links(links: list[PlaceLink]) -> dict[str, Any]:
    """The links of the programmes at one site by name, and their provider once when they share one (they usually
    do: the site is the provider's)."""
    links.sort(key=lambda link: (_sort_text(link.name.text), link.url))
    providers = {link.provider for link in links}
    if len(providers) > 1:
        return {"links": links}
    return {
        "links": [replace(link, provider=None) for link in links],
        "provider": providers.pop(),
    }


def map_items(filters: MapFilters | None = None) -> list[MapItem]:
    """The places the filters pick, sorted by country, region and name (at most 2 queries)."""
    filters = filters or MapFilters()
    items: list[MapItem] = []
    if filters.kind != PROGRAMME and not filters.programme:
        items += _actor_items(filters)
    if filters.kind in ("", PROGRAMME) and not filters.actor:
        items += _programme_items(filters)
    return sorted(items, key=_sort_key)


def region_boundaries() -> dict[str, Any]:
    """The NUTS 3 regions that have a boundary, as a GeoJSON FeatureCollection named in the active language, with
    coordinates rounded to 4 decimals and a label point in each region (programmes/outlines.py; 1 query when not
    kept)."""
    return current_outlines().collection


def boundaries_url() -> str:
    """The address of the region outlines, with their digest in it: the answer never changes at one address, so
    browsers keep it (map_views.region_outlines); 1 query when the outlines are not kept in this process."""
    return reverse(
        "programmes:region_outlines_versioned", args=[current_outlines().digest]
    )


def map_url_for(*, programme: str = "", actor: str = "") -> str:
    """The full map showing one programme's or actor's places, for the link under the small map of its page."""
    query = urlencode(
        {
            key: value
            for key, value in (("programme", programme), ("actor", actor))
            if value
        }
    )
    return f"{reverse('programmes:map')}?{query}"


def map_config(*, boundaries: bool = True, versioned: bool = False) -> dict[str, Any]:
    """What map.js needs besides the items: tiles, the address of the boundaries, attribution and interface text
    (see map.js); no queries.

    The boundaries themselves (8 KB of GeoJSON) are not embedded: every page with a map would carry and escape them
    again, while one address is fetched once. `versioned=True` (the map page) gives the address that names their
    digest, which the browser keeps for a year (no query while the outlines are kept in the process: boundaries_url);
    otherwise the plain address, revalidated with its ETag (the pathway page's map, opened on demand). Pages with a
    small map can pass this as their `data-map-config` json_script too; `boundaries=False` leaves the region outlines
    out.
    """
    return {
        "tiles": {"url": settings.TILE_URL, "attribution": settings.TILE_ATTRIBUTION}
        if settings.TILE_URL
        else None,
        "boundariesUrl": (
            (boundaries_url() if versioned else reverse("programmes:region_outlines"))
            if boundaries
            else None
        ),
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
