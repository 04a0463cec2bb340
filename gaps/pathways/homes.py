"""Where a person can say they live, for the pathway search: every bundled municipality, each NUTS 3 region as a
whole ("somewhere in Lapland", at the mean of its municipalities' centres) and each country as a whole ("elsewhere in
Finland", with no point: nothing is near or far then)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext as _

from batteryregion.i18n import shown
from gaps.pathways.routes import Home
from skills.models import Country, Municipality, Region


@dataclass(frozen=True)
class HomeChoices:
    """The homes by code, and the choices of the form's select: a group per region, the region first."""

    homes: dict[str, Home]
    groups: list[tuple[str, list[tuple[str, str]]]]


def load_homes(regions: dict[str, Region]) -> HomeChoices:
    """The homes of the municipalities of the given NUTS 3 regions (1 query)."""
    municipalities = (
        Municipality.objects.only(
            "code", "name", "latitude", "longitude", "region_id", "region__country"
        )
        .select_related("region")
        .annotate(
            parent=F("region__parent_id"),
            grandparent=F("region__parent__parent_id"),
            country_region=F("region__parent__parent__parent_id"),
        )
    )
    by_region: dict[int, list[Home]] = defaultdict(list)
    chains: dict[int, frozenset[int]] = {}
    for municipality in municipalities:
        chain = frozenset(
            filter(
                None,
                (
                    municipality.region_id,
                    municipality.parent,
                    municipality.grandparent,
                    municipality.country_region,
                ),
            )
        )
        chains[municipality.region_id] = chain
        by_region[municipality.region_id].append(
            Home(
                code=municipality.code,
                name=shown(municipality, "name").text,
                country=municipality.region.country,
                latitude=float(municipality.latitude),
                longitude=float(municipality.longitude),
                region_ids=chain,
            )
        )
    homes: dict[str, Home] = {}
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for code, region in regions.items():
        members = sorted(by_region.get(region.pk, []), key=lambda home: home.name)
        if not members:
            continue
        name = shown(region, "name").text
        whole = Home(
            code=code,
            name=name,
            country=region.country,
            latitude=sum(home.latitude for home in members) / len(members),
            longitude=sum(home.longitude for home in members) / len(members),
            region_ids=chains[region.pk],
        )
        homes[code] = whole
        options = [(code, _("%(region)s, somewhere in the region") % {"region": name})]
        for home in members:
            homes[home.code] = home
            options.append((home.code, home.name))
        groups.append((f"{name} ({Country(region.country).label})", options))
    countries = []
    for country in Country:
        home = Home(
            code=country.value,
            name=str(country.label),
            country=country.value,
            latitude=None,
            longitude=None,
            # Somewhere in the country outside the map's regions: in none of them.
            region_ids=frozenset(),
        )
        homes[country.value] = home
        countries.append(
            (country.value, _("Elsewhere in %(country)s") % {"country": country.label})
        )
    groups.append((str(_("Elsewhere")), countries))
    return HomeChoices(homes=homes, groups=groups)
