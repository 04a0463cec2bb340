"""Rows of the public lists, worked out once per list in Python so that templates only print them.

A programme card, an actor line or an occupation line holds its shown names (with their fallback marks), labels and
page address; each list adds one query per kind of related text (towns, languages, segments) and one reverse().
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Choices, Model, QuerySet
from django.urls import reverse
from django.utils.translation import ngettext

from batteryregion.i18n import Shown, shown, translated_name_expression
from programmes.models import Offering, Programme
from skills.models import Actor, Country, Occupation, Site

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class ProgrammeCard:
    """What a programme's card shows, worked out once in Python so that the template only prints it."""

    url: str
    name: Shown
    provider: Shown
    kind: str
    eqf_level: int | None
    towns: list[str]  # where it is given, each site once, in start order
    country: str
    languages: list[str]
    duration: str  # "24 months", or "" when not known
    places_per_year: int | None
    availability: str = "running"  # Programme.Availability
    availability_text: str = (
        ""  # "Planned — expected to start …" or "Proposed"; empty when it runs
    )


def programme_cards(programmes: Iterable[Programme]) -> list[ProgrammeCard]:
    """Cards of programmes from programmes_for_cards(), with their towns and languages (2 queries)."""
    programmes = list(programmes)
    ids = [programme.pk for programme in programmes]
    towns = _towns_by_programme(ids)
    languages = _languages_by_programme(ids)
    url = url_for_slug("programmes:programme_detail")
    kinds, countries = choice_labels(Programme.Kind), choice_labels(Country)
    return [
        ProgrammeCard(
            url=url(programme.slug),
            name=shown(programme, "name"),
            provider=shown(programme.provider, "name"),
            kind=kinds.get(programme.kind, programme.kind),
            eqf_level=programme.awarded_level.level
            if programme.awarded_level
            else None,
            towns=list(towns[programme.pk].values()),
            country=countries.get(
                programme.provider.country, programme.provider.country
            ),
            languages=languages[programme.pk],
            duration=_months(programme.duration_months),
            places_per_year=programme.places_per_year,
            availability=programme.availability,
            availability_text=programme.availability_text,
        )
        for programme in programmes
    ]


def _towns_by_programme(ids: list[int]) -> dict[int, dict[int, str]]:
    """Each programme's site towns in the shown language, each site once, in start order (1 query).

    values_list() rather than a prefetch: building a model and a related manager per row cost more than the rows."""
    rows = (
        Offering.objects.filter(programme__in=ids)
        .annotate(shown_town=translated_name_expression("site__town"))
        .order_by("starts_on", "site__slug")
        .values_list("programme_id", "site_id", "shown_town")
    )
    towns: dict[int, dict[int, str]] = defaultdict(dict)
    for programme_id, site_id, town in rows:
        towns[programme_id].setdefault(site_id, town or "")
    return towns


def _languages_by_programme(ids: list[int]) -> dict[int, list[str]]:
    """Each programme's languages of instruction by code, named in the shown language (1 query)."""
    rows = (
        Programme.languages.through.objects.filter(programme__in=ids)
        .annotate(shown_name=translated_name_expression("language__name"))
        .order_by("language__code")
        .values_list("programme_id", "shown_name")
    )
    languages: dict[int, list[str]] = defaultdict(list)
    for programme_id, name in rows:
        languages[programme_id].append(name or "")
    return languages


def _months(months: int | None) -> str:
    """ "24 months" (the card's msgid), once per card instead of a {% blocktranslate %} per card."""
    if not months:
        return ""
    return ngettext("%(months)s month", "%(months)s months", months) % {
        "months": months
    }


def choice_labels(choices: type[Choices]) -> dict[str, str]:
    """{value: label} for a list's rows, translated once per list: get_<field>_display() hashes, and so translates,
    every choice per call, and a lazy label is translated again wherever a row prints it."""
    return {value: str(label) for value, label in choices.choices}


def with_urls(records: Iterable[M], view_name: str) -> list[tuple[M, str]]:
    """(record, its page address) for each record of a list, for {% for skill, url in skills %}."""
    url = url_for_slug(view_name)
    return [(record, url(record.slug)) for record in records]


def url_for_slug(view_name: str) -> Callable[[str], str]:
    """The page address of each slug in a list, from one reverse() (a reverse() per row costs more than the row)."""
    placeholder = "slug-placeholder"
    address = reverse(view_name, args=[placeholder])
    return lambda slug: address.replace(placeholder, slug)


@dataclass(frozen=True)
class ActorRow:
    """A line of the actor list, worked out once in Python."""

    url: str
    name: Shown
    kind: str
    towns: list[str]  # main site first
    country: str
    programme_count: int  # running programmes: today's offer
    planned_count: int = 0  # published planned programmes, counted apart from today's
    proposed_count: int = 0


def actor_rows(actors: Iterable[Actor]) -> list[ActorRow]:
    """Lines of the actor list for actors from actors_for_list(), with their sites' towns (1 query)."""
    actors = list(actors)
    towns = shown_texts(
        Site.objects.filter(actor__in=[actor.pk for actor in actors]).order_by(
            "-is_main", "slug"
        ),
        "actor_id",
        "town",
    )
    url = url_for_slug("programmes:actor_detail")
    kinds, countries = choice_labels(Actor.Kind), choice_labels(Country)
    return [
        ActorRow(
            url=url(actor.slug),
            name=shown(actor, "name"),
            kind=kinds.get(actor.kind, actor.kind),
            towns=towns[actor.pk],
            country=countries.get(actor.country, actor.country),
            programme_count=actor.programme_count,
            planned_count=actor.planned_count,
            proposed_count=actor.proposed_count,
        )
        for actor in actors
    ]


def shown_texts(queryset: QuerySet, key: str, field: str) -> dict[int, list[str]]:
    """{key: [field's text in the shown language, per row]} in the queryset's order (1 query, no model instances).

    A list's towns or segment names this way cost a fraction of a prefetch, which builds a model per row and
    a related manager per parent."""
    rows = queryset.annotate(shown_text=translated_name_expression(field)).values_list(
        key, "shown_text"
    )
    texts: dict[int, list[str]] = defaultdict(list)
    for parent, text in rows:
        texts[parent].append(text or "")
    return texts


@dataclass(frozen=True)
class OccupationRow:
    """A line of the occupation list, worked out once in Python."""

    url: str
    label: Shown
    is_local: bool
    segments: list[str]
    programme_count: int  # running programmes: today's offer
    planned_count: int = 0  # published planned programmes, counted apart from today's
    proposed_count: int = 0


def occupation_rows(occupations: Iterable[Occupation]) -> list[OccupationRow]:
    """Lines of the occupation list for occupations from occupations_for_list(), with their segments (1 query)."""
    occupations = list(occupations)
    segments = shown_texts(
        Occupation.segments.through.objects.filter(
            occupation__in=[occupation.pk for occupation in occupations]
        ).order_by("segment__order", "segment__code"),
        "occupation_id",
        "segment__name",
    )
    url = url_for_slug("programmes:occupation_detail")
    return [
        OccupationRow(
            url=url(occupation.slug),
            label=shown(occupation, "label"),
            is_local=occupation.is_local,
            segments=segments[occupation.pk],
            programme_count=occupation.programme_count,
            planned_count=occupation.planned_count,
            proposed_count=occupation.proposed_count,
        )
        for occupation in occupations
    ]
