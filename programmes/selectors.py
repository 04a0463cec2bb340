"""Reads of the supply side: exactly the rows and joins each page or endpoint needs, in a fixed number of queries."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from batteryregion.i18n import by_translated_name, shown
from batteryregion.records import PublicationState
from programmes.models import EntryRequirement, Offering, Programme
from skills.models import (
    Actor,
    CompetenceNeed,
    Country,
    Occupation,
    OccupationSkill,
    Segment,
    Site,
    Skill,
)


def segments_for_home() -> QuerySet[Segment]:
    """Segments with their published programmes per country and their published actors, in one query."""
    published = Q(programmes__state=PublicationState.PUBLISHED)
    return Segment.objects.annotate(
        finnish_programmes=Count(
            "programmes",
            filter=published & Q(programmes__provider__country=Country.FINLAND),
            distinct=True,
        ),
        swedish_programmes=Count(
            "programmes",
            filter=published & Q(programmes__provider__country=Country.SWEDEN),
            distinct=True,
        ),
        actor_count=Count(
            "actors",
            filter=Q(actors__state=PublicationState.PUBLISHED),
            distinct=True,
        ),
    ).order_by("order", "code")


def segments_by_name() -> QuerySet[Segment]:
    """Segments sorted by their name as shown in the active language."""
    return by_translated_name(Segment.objects.all())


def offerings_with_places() -> Prefetch:
    """Offerings with their site, region and language, in start order (region boundaries left out)."""
    return Prefetch(
        "offerings",
        Offering.objects.select_related("site__region", "site__actor", "language")
        .defer("site__region__boundary")
        .order_by("starts_on", "site__slug"),
    )


def entry_requirements_in_order() -> Prefetch:
    """Accepted qualification types first, then "any qualification from level n", with both joined (1 query)."""
    requirements = EntryRequirement.objects.select_related(
        "qualification_type__level", "min_level"
    ).order_by(
        # NULLs sort first on SQLite and last on PostgreSQL unless told.
        F("min_level__level").asc(nulls_first=True),
        "qualification_type__order",
        "pk",
    )
    return Prefetch("entry_requirements", requirements)


def _with_card_fields(programmes: QuerySet[Programme]) -> QuerySet[Programme]:
    """What a catalogue card or API item shows, sorted by shown name (6 queries)."""
    return by_translated_name(
        programmes.select_related(
            "provider", "awarded_level", "awarded_qualification"
        ).prefetch_related("segments", "languages", offerings_with_places())
    )


def programmes_for_catalogue() -> QuerySet[Programme]:
    """Published programmes with what a catalogue card shows, sorted by shown name (6 queries)."""
    return _with_card_fields(Programme.objects.published())


def programmes_for_api(*, include_drafts: bool = False) -> QuerySet[Programme]:
    """Published and discontinued programmes (drafts too when asked) with what an API item adds: successor, entry
    requirements, skills, occupations (9 queries); the list's ?state= filter narrows them to published by default."""
    programmes = (
        Programme.objects.all() if include_drafts else Programme.objects.public()
    )
    return (
        _with_card_fields(programmes)
        .select_related("successor")
        .prefetch_related(entry_requirements_in_order(), "skills", "occupations")
    )


def programme_for_page(slug: str, *, include_drafts: bool = False) -> Programme:
    """One programme with a public page (published or discontinued; a draft too when asked) with everything its
    page shows and its successor; raises Programme.DoesNotExist."""
    programmes = (
        Programme.objects.all() if include_drafts else Programme.objects.public()
    )
    return (
        programmes.select_related(
            "provider",
            "awarded_level",
            "awarded_qualification__level",
            "successor",
        )
        .prefetch_related(
            "segments",
            "languages",
            "skills",
            "occupations",
            "intakes",
            offerings_with_places(),
            entry_requirements_in_order(),
        )
        .get(slug=slug)
    )


def programmes_for_cards() -> QuerySet[Programme]:
    """Published programmes with what a short card shows (provider, level, towns), sorted by shown name."""
    return by_translated_name(
        Programme.objects.published()
        .select_related("provider", "awarded_level")
        .prefetch_related("languages", offerings_with_places())
    )


def actors_for_list() -> QuerySet[Actor]:
    """Published actors with their sites' regions and their number of published programmes, by shown name."""
    return by_translated_name(
        Actor.objects.published()
        .annotate(
            programme_count=Count(
                "programmes", filter=Q(programmes__state=PublicationState.PUBLISHED)
            )
        )
        .prefetch_related(
            Prefetch(
                "sites",
                Site.objects.select_related("region").order_by("-is_main", "slug"),
            )
        )
    )


def actor_for_page(slug: str, *, include_drafts: bool = False) -> Actor:
    """One actor with a public page (published or discontinued; a draft too when asked) with its successor, sites
    and segments; raises Actor.DoesNotExist."""
    actors = Actor.objects.all() if include_drafts else Actor.objects.public()
    return (
        actors.select_related("successor")
        .prefetch_related(
            "segments",
            Prefetch(
                "sites",
                Site.objects.select_related("region").order_by("-is_main", "slug"),
            ),
        )
        .get(slug=slug)
    )


def needs_for_actor(
    actor: Actor, user: AbstractBaseUser | AnonymousUser
) -> QuerySet[CompetenceNeed]:
    """The published needs the user may see of one employer, by status and target year."""
    return (
        CompetenceNeed.objects.published()
        .visible_to(user)
        .filter(employer=actor)
        .select_related("occupation", "region")
        .prefetch_related("skills", "segments")
        .order_by("status", "target_year", "slug")
    )


def occupations_for_list() -> QuerySet[Occupation]:
    """Occupations with their segments and how many published programmes lead to each, by shown label."""
    return by_translated_name(
        Occupation.objects.annotate(
            programme_count=Count(
                "programmes",
                filter=Q(programmes__state=PublicationState.PUBLISHED),
                distinct=True,
            )
        ).prefetch_related("segments"),
        field="label",
    )


def occupation_for_page(slug: str) -> Occupation:
    """One occupation with its segments and skills by relation; raises Occupation.DoesNotExist."""
    return Occupation.objects.prefetch_related(
        "segments",
        Prefetch(
            "skill_links",
            OccupationSkill.objects.select_related("skill").order_by(
                "relation", "skill__slug"
            ),
        ),
    ).get(slug=slug)


def programmes_teaching_skills(
    skill_ids: list[int], *, exclude: QuerySet | None = None
) -> QuerySet[Programme]:
    """Published programmes that teach any of the skills, with how many of them each teaches, most first."""
    queryset = (
        programmes_for_cards()
        .filter(skills__in=skill_ids)
        .annotate(
            skills_taught=Count("skills", filter=Q(skills__in=skill_ids), distinct=True)
        )
    )
    if exclude is not None:
        queryset = queryset.exclude(pk__in=exclude.values("pk"))
    return queryset.order_by("-skills_taught", "_shown_name", "pk")


def skill_for_page(slug: str) -> Skill:
    """One skill with the occupations that need it; raises Skill.DoesNotExist."""
    return Skill.objects.prefetch_related(
        Prefetch(
            "occupation_links",
            OccupationSkill.objects.select_related("occupation").order_by(
                "relation", "occupation__slug"
            ),
        )
    ).get(slug=slug)


def map_items_for_programme(programme: Programme) -> list[dict]:
    """The programme's sites for the small map (static/js/map.js contract), from the prefetched offerings."""
    sites = {offering.site.pk: offering.site for offering in programme.offerings.all()}
    return [
        _site_item(site, shown(programme, "name").text, "", "programme", _("Programme"))
        for site in sites.values()
    ]


def map_items_for_actor(actor: Actor) -> list[dict]:
    """The actor's sites for the small map, from the prefetched sites."""
    return [
        _site_item(
            site, shown(actor, "name").text, "", actor.kind, actor.get_kind_display()
        )
        for site in actor.sites.all()
    ]


def _site_item(site: Site, name: str, url: str, kind: str, kind_label: str) -> dict:
    return {
        "name": name,
        "url": url,
        "kind": kind,
        "kind_label": str(kind_label),
        "town": shown(site, "town").text,
        "lat": float(site.latitude),
        "lng": float(site.longitude),
    }
