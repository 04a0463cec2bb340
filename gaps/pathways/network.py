"""What the pathway search reads from the database: published programmes with the plain values the search compares,
occupations with their essential skills, and the EQF level of each qualification type (``load_network``)."""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Model, QuerySet
from django.utils.translation import get_language

from batteryregion.i18n import shown
from batteryregion.page_cache import recent_version
from gaps.pathways.routes import highest_level_for
from programmes.models import EntryRequirement, Offering, Programme
from skills.models import (
    EducationField,
    Occupation,
    OccupationSkill,
    QualificationType,
)


@dataclass
class Network:
    """Everything the search needs, read in a fixed number of queries."""

    programmes: list[Programme]
    occupations: dict[int, Occupation]
    essential: dict[int, frozenset[int]]  # occupation id -> essential skill ids
    qualification_levels: dict[int, int | None]  # qualification type id -> EQF level
    occupation_segments: dict[int, frozenset[int]]  # occupation id -> segment ids


@dataclass(frozen=True)
class ProgrammeSite:
    """A site where a programme is given, as the search and the pathway page use it (no model instance)."""

    slug: str
    town_fi: str
    town_sv: str
    town_en: str
    latitude: Decimal
    longitude: Decimal
    country: str  # of its region
    regions: frozenset[int]  # its region and the regions above it, up to the country


_SHOWN_PROGRAMME_COLUMNS = (
    "slug",
    "name",
    "name_fi",
    "name_sv",
    "name_en",
    "awarded_qualification_id",
    "duration_months",
    "places_per_year",
    "provider__slug",
    "provider__country",
    "provider__name",
    "provider__name_fi",
    "provider__name_sv",
    "provider__name_en",
    "awarded_level__level",
    "education_field_id",
    "delivery_mode",
    "pace",
    "audience",
    "audience_region__name",
    "audience_region__name_fi",
    "audience_region__name_sv",
    "audience_region__name_en",
    "min_age",
    "min_age_waived_from__level",
    "prior_studies",
    "prior_studies_fi",
    "prior_studies_sv",
    "prior_studies_en",
    "availability",
    "expected_start",
)
"""The programme columns the search, the pathway page and the API read; the others (long texts, timestamps) are
left out, and each left-out column would cost a conversion a row."""

_REGION_CHAIN = (
    "site__region_id",
    "site__region__parent_id",
    "site__region__parent__parent_id",
    "site__region__parent__parent__parent_id",
)
"""An offering's region and its parents, up to NUTS level 0, for the region preference."""


_networks: dict[tuple[int, str | None], Network] = {}
_networks_lock = threading.Lock()


def cached_network() -> Network:
    """load_network(), kept in this process for the data version it was read at and the active language (its names
    of fields and regions are in that language), so that a search reads no query while nothing changes: the version
    is read at most once per PAGE_CACHE_VERSION_CHECK_SECONDS (batteryregion.page_cache.recent_version). A change made
    in this process drops every kept network at once (forget_networks); one made in another process is seen within
    that interval, as the page cache sees it. The search reads the network and never changes it, so concurrent
    requests share it (eligibility.assess keeps a bounded memo on its programmes). Off with
    PATHWAY_NETWORK_CACHE=false (and in the tests, but for the test of the cache itself)."""
    if not settings.PATHWAY_NETWORK_CACHE:
        return load_network()
    key = (recent_version(), get_language())
    network = _networks.get(key)
    if network is None:
        network = load_network()
        with _networks_lock:
            for old in [k for k in _networks if k[0] != key[0]]:
                del _networks[old]
            _networks[key] = network
    return network


def forget_networks(**_signal: Any) -> None:
    """Drop the networks kept by cached_network() (a receiver of page_cache.public_data_changed)."""
    with _networks_lock:
        _networks.clear()


def load_network() -> Network:
    """Published programmes that run or are planned (not proposed ones), with requirements, skills, occupations, languages and sites; occupations with their
    essential skills and segments; required fields of earlier education with the fields' names (12 queries, whatever
    the size of the data).

    Entry requirements, skills, occupations, languages and sites come as plain values, in one query each, set on
    each programme as ``requirement_pairs`` (accepted qualification type id, minimum EQF level), ``required_field_ids``
    and ``required_field_names``, ``skill_ids``,
    ``occupation_ids``, ``language_codes``, ``site_rows`` (``ProgrammeSite``) and ``countries``: the search compares
    nothing else, and a model instance for every requirement, link and site was most of the time of loading.
    """
    # Proposed programmes are ideas that may never run: no route goes through them. Planned ones are steps with a
    # condition to check (eligibility._planned).
    published = Programme.objects.published().exclude(
        availability=Programme.Availability.PROPOSED
    )
    programmes = list(
        published.select_related(
            "provider", "awarded_level", "audience_region", "min_age_waived_from"
        )
        .only(*_SHOWN_PROGRAMME_COLUMNS)
        .order_by("slug")
    )
    requirements = _links(
        EntryRequirement, ("qualification_type_id", "min_level__level"), published
    )
    skills = _links(Programme.skills.through, "skill_id", published)
    links = _links(Programme.occupations.through, "occupation_id", published)
    languages = _links(Programme.languages.through, "language__code", published)
    sites = _programme_sites(published)
    required_fields = _links(
        Programme.required_fields.through, "educationfield_id", published
    )
    field_names = {
        field.pk: shown(field, "name").text
        for field in EducationField.objects.only("name")
    }
    for programme in programmes:
        programme.required_field_ids = frozenset(required_fields.get(programme.pk, ()))
        programme.required_field_names = tuple(
            sorted(field_names[pk] for pk in programme.required_field_ids)
        )
        if programme.audience_region_id is not None:
            programme.audience_region_name = shown(
                programme.audience_region, "name"
            ).text
        programme.requirement_pairs = tuple(requirements.get(programme.pk, ()))
        programme.skill_ids = frozenset(skills.get(programme.pk, ()))
        programme.occupation_ids = frozenset(links.get(programme.pk, ()))
        programme.language_codes = tuple(sorted(languages.get(programme.pk, ())))
        programme.site_rows = tuple(sites.get(programme.pk, ()))
        programme.countries = tuple(
            dict.fromkeys(site.country for site in programme.site_rows)
        ) or (programme.provider.country,)
    # What routes show of their occupation: its page, label and ESCO address (not the descriptions), and its ISCO code
    # (routes.highest_level_for).
    occupations = {
        o.pk: o
        for o in Occupation.objects.only("slug", "label", "esco_uri", "isco_code")
    }
    segments: dict[int, set[int]] = defaultdict(set)
    for occupation_id, segment_id in Occupation.segments.through.objects.values_list(
        "occupation_id", "segment_id"
    ):
        segments[occupation_id].add(segment_id)
    essential: dict[int, set[int]] = defaultdict(set)
    for occupation_id, skill_id in OccupationSkill.objects.filter(
        relation=OccupationSkill.Relation.ESSENTIAL
    ).values_list("occupation_id", "skill_id"):
        essential[occupation_id].add(skill_id)
    levels = dict(QualificationType.objects.values_list("pk", "level__level"))
    return Network(
        programmes=programmes,
        occupations=occupations,
        essential={k: frozenset(v) for k, v in essential.items()},
        qualification_levels=levels,
        occupation_segments={k: frozenset(v) for k, v in segments.items()},
    )


def _links(
    model: type[Model], value: str | tuple[str, ...], programmes: QuerySet
) -> dict[int, list]:
    """The values of one table's rows for each of the programmes, by programme id, in the order of the rows
    (1 query). A tuple of names gives tuples of values."""
    names = value if isinstance(value, tuple) else (value,)
    rows = (
        model.objects.filter(programme__in=programmes)
        .order_by("pk")
        .values_list("programme_id", *names)
    )
    by_programme: dict[int, list] = defaultdict(list)
    for programme_id, *values in rows:
        by_programme[programme_id].append(
            tuple(values) if len(names) > 1 else values[0]
        )
    return by_programme


def _programme_sites(programmes: QuerySet) -> dict[int, list[ProgrammeSite]]:
    """The site of each offering of the programmes, by programme id, in the order of the offerings (1 query)."""
    rows = _links(
        Offering,
        (
            "site__slug",
            "site__town_fi",
            "site__town_sv",
            "site__town_en",
            "site__latitude",
            "site__longitude",
            "site__region__country",
            *_REGION_CHAIN,
        ),
        programmes,
    )
    return {
        programme_id: [
            ProgrammeSite(*values[:7], frozenset(filter(None, values[7:])))
            for values in offerings
        ]
        for programme_id, offerings in rows.items()
    }


def untrained_occupations(network: Network) -> frozenset[int]:
    """The occupations no programme in the data leads to, by id (no queries).

    An approximation that is cheap to work out and never wrong in the other direction. Of the programmes that may
    be on a route to the occupation (awarding no level, or a level not above routes.highest_level_for), none is
    linked to it, and all of them together teach less than the coverage threshold of its essential skills: a route
    neither leads there directly nor teaches enough, whatever the starting point. A few occupations outside it may
    still be out of reach.
    """
    threshold = settings.PATHWAY_COVERAGE_THRESHOLD
    by_highest: dict[int | None, list[Occupation]] = defaultdict(list)
    for occupation in network.occupations.values():
        by_highest[highest_level_for(occupation)].append(occupation)
    untrained = set()
    for highest, occupations in by_highest.items():
        programmes = [
            p
            for p in network.programmes
            if highest is None
            or p.awarded_level_id is None
            or p.awarded_level.level <= highest
        ]
        linked = frozenset().union(*(p.occupation_ids for p in programmes))
        taught = frozenset().union(*(p.skill_ids for p in programmes))
        for occupation in occupations:
            essential = network.essential.get(occupation.pk, frozenset())
            if occupation.pk not in linked and (
                not essential or len(essential & taught) / len(essential) < threshold
            ):
                untrained.add(occupation.pk)
    return frozenset(untrained)
