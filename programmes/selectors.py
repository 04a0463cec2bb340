"""Reads of the supply side: exactly the rows and joins each page or endpoint needs, in a fixed number of queries."""

from typing import TypeVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection
from django.db.models import Count, F, Model, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from batteryregion.i18n import (
    by_translated_name,
    shown,
)
from batteryregion.records import PublicationState
from programmes.models import EntryRequirement, Offering, Programme
from skills.models import (
    Actor,
    CompetenceNeed,
    Country,
    Language,
    Occupation,
    OccupationSkill,
    Region,
    Segment,
    Site,
    Skill,
)

M = TypeVar("M", bound=Model)


def segments_for_home() -> QuerySet[Segment]:
    """Segments with their published programmes per country and their published actors, in one query (only the
    columns the home page shows, which are also what SQLite groups by)."""
    published = Q(programmes__state=PublicationState.PUBLISHED)
    return (
        Segment.objects.only(
            "code",
            "order",
            "is_cross_cutting",
            *translated_columns("name"),
            *translated_columns("description"),
        )
        .annotate(
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
        )
        .order_by("order", "code")
    )


def totals_for_home() -> dict[str, int]:
    """The home page's figures (published programmes and actors, occupations, NUTS 3 regions) in one query of
    four COUNT subqueries instead of four queries; SQLite and PostgreSQL both take a SELECT without FROM."""
    counted = {
        "programmes": Programme.objects.published(),
        "actors": Actor.objects.published(),
        "occupations": Occupation.objects.all(),
        "regions": Region.objects.filter(level=3),
    }
    columns, params = [], []
    for name, queryset in counted.items():
        sql, query_params = queryset.order_by().values("pk").query.sql_with_params()
        columns.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted) AS {name}")
        params.extend(query_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}", params)
        return dict(zip(counted, cursor.fetchone(), strict=True))


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
    """What an API item shows, sorted by shown name (6 queries)."""
    return by_translated_name(
        programmes.select_related(
            "provider", "awarded_level", "awarded_qualification"
        ).prefetch_related("segments", "languages", offerings_with_places())
    )


def programmes_for_catalogue() -> QuerySet[Programme]:
    """Published programmes with only the columns a catalogue card shows, sorted by shown name (1 query;
    programme_cards() adds towns and languages in 2)."""
    return programmes_for_cards()


def translated_columns(field: str, prefix: str = "") -> list[str]:
    """["name_fi", "name_sv", "name_en"]: the columns shown() reads, for .only()."""
    return [f"{prefix}{field}_{code}" for code, _name in settings.LANGUAGES]


# What a programme's line or card shows; the rest of its 60-odd columns would cost time to read and build.
LINE_COLUMNS = [
    "slug",
    *translated_columns("name"),
    "provider__slug",
    "provider__country",
    *translated_columns("name", "provider__"),
    "awarded_level__level",
]


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
    page and its JSON-LD show and its successor (8 queries); raises Programme.DoesNotExist.

    The joined and prefetched records load only the columns the page reads: compiling and converting some 300
    columns was most of the time these queries took."""
    programmes = (
        Programme.objects.all() if include_drafts else Programme.objects.public()
    )
    offerings = (
        Offering.objects.select_related("site__region", "language")
        .only(
            "programme",
            "starts_on",
            "places",
            "site__slug",
            "site__latitude",
            "site__longitude",
            *translated_columns("town", "site__"),
            "site__region__country",
            *translated_columns("name", "site__region__"),
            *translated_columns("name", "language__"),
        )
        .order_by("starts_on", "site__slug")
    )
    requirements = (
        EntryRequirement.objects.select_related("qualification_type", "min_level")
        .only(
            "programme",
            *translated_columns("name", "qualification_type__"),
            "min_level__level",
        )
        .order_by(
            F("min_level__level").asc(nulls_first=True),
            "qualification_type__order",
            "pk",
        )
    )
    return (
        programmes.select_related(
            "provider", "awarded_level", "awarded_qualification", "successor"
        )
        .only(
            *own_columns(Programme),
            "provider__slug",
            "provider__state",
            "provider__country",
            "provider__website",
            *translated_columns("name", "provider__"),
            "awarded_level__level",
            *translated_columns("name", "awarded_level__"),
            *translated_columns("name", "awarded_qualification__"),
            "successor__slug",
            "successor__state",
            *translated_columns("name", "successor__"),
        )
        .prefetch_related(
            Prefetch("segments", Segment.objects.only(*translated_columns("name"))),
            Prefetch(
                "languages",
                Language.objects.only("code", *translated_columns("name")),
            ),
            Prefetch("skills", _concepts(Skill)),
            Prefetch("occupations", _concepts(Occupation)),
            "intakes",
            Prefetch("offerings", offerings),
            Prefetch("entry_requirements", requirements),
        )
        .get(slug=slug)
    )


def _concepts(model: type[Skill] | type[Occupation]) -> QuerySet:
    """Skills or occupations as a page links them: slug, label, ESCO address."""
    return model.objects.only("slug", "esco_uri", *translated_columns("label"))


def own_columns(model: type[Model]) -> list[str]:
    """Every field of the model itself, for an .only() that narrows just the records joined to it."""
    return [field.name for field in model._meta.concrete_fields]


def programmes_for_cards() -> QuerySet[Programme]:
    """Published programmes with provider and level joined and only the columns a card shows, by shown name
    (1 query; programme_cards() adds two). A dozen columns instead of every description keeps a page cheap."""
    return by_translated_name(
        Programme.objects.published()
        .select_related("provider", "awarded_level")
        .only("kind", "duration_months", "places_per_year", *LINE_COLUMNS)
    )


def programmes_for_lists() -> QuerySet[Programme]:
    """Published programmes with the columns of a line in the occupation and skill pages' lists (name, provider,
    level), by shown name (1 query)."""
    return by_translated_name(
        Programme.objects.published()
        .select_related("provider", "awarded_level")
        .only(*LINE_COLUMNS)
    )


def actors_for_list() -> QuerySet[Actor]:
    """Published actors with their number of published programmes, by shown name (1 query; actor_rows() adds 1)."""
    return by_translated_name(
        Actor.objects.published()
        .only("slug", "kind", "country", *translated_columns("name"))
        .annotate(
            programme_count=Count(
                "programmes", filter=Q(programmes__state=PublicationState.PUBLISHED)
            )
        )
    )


def actor_for_page(slug: str, *, include_drafts: bool = False) -> Actor:
    """One actor with a public page (published or discontinued; a draft too when asked) with its successor, sites
    and segments (3 queries), the joined and prefetched records with only the columns the page reads; raises
    Actor.DoesNotExist."""
    actors = Actor.objects.all() if include_drafts else Actor.objects.public()
    sites = (
        Site.objects.select_related("region")
        .only(
            "actor",
            "slug",
            "is_main",
            "latitude",
            "longitude",
            *translated_columns("town"),
            *translated_columns("name", "region__"),
        )
        .order_by("-is_main", "slug")
    )
    return (
        actors.select_related("successor")
        .only(
            *own_columns(Actor),
            "successor__slug",
            "successor__state",
            *translated_columns("name", "successor__"),
        )
        .prefetch_related(
            Prefetch("segments", Segment.objects.only(*translated_columns("name"))),
            Prefetch("sites", sites),
        )
        .get(slug=slug)
    )


def needs_for_actor(
    actor: Actor, user: AbstractBaseUser | AnonymousUser
) -> QuerySet[CompetenceNeed]:
    """The published needs the user may see of one employer, by status and target year, with the columns of the
    actor page's table (3 queries)."""
    return (
        CompetenceNeed.objects.published()
        .visible_to(user)
        .filter(employer=actor)
        .select_related("occupation", "region")
        .only(
            "status",
            "headcount",
            "target_year",
            "is_example",
            "occupation__slug",
            *translated_columns("label", "occupation__"),
            *translated_columns("name", "region__"),
        )
        .prefetch_related(
            Prefetch("skills", Skill.objects.only(*translated_columns("label"))),
            Prefetch("segments", Segment.objects.only(*translated_columns("name"))),
        )
        .order_by("status", "target_year", "slug")
    )


def occupations_for_list() -> QuerySet[Occupation]:
    """Occupations with how many published programmes lead to each, by shown label (1 query; occupation_rows()
    adds 1)."""
    return by_translated_name(
        Occupation.objects.only(
            "slug", "is_local", *translated_columns("label")
        ).annotate(
            programme_count=Count(
                "programmes",
                filter=Q(programmes__state=PublicationState.PUBLISHED),
                distinct=True,
            )
        ),
        field="label",
    )


def occupation_for_page(slug: str) -> Occupation:
    """One occupation with its segments and skills by relation; raises Occupation.DoesNotExist."""
    links = (
        OccupationSkill.objects.select_related("skill")
        .only(
            "occupation",
            "relation",
            "skill__slug",
            *translated_columns("label", "skill__"),
        )
        .order_by("relation", "skill__slug")
    )
    return Occupation.objects.prefetch_related(
        Prefetch("segments", Segment.objects.only(*translated_columns("name"))),
        Prefetch("skill_links", links),
    ).get(slug=slug)


def programmes_teaching_skills(
    skill_ids: list[int], *, exclude: QuerySet | None = None
) -> QuerySet[Programme]:
    """Published programmes that teach any of the skills, with how many of them each teaches, most first."""
    queryset = (
        programmes_for_lists()
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
    links = (
        OccupationSkill.objects.select_related("occupation")
        .only(
            "skill",
            "relation",
            "occupation__slug",
            *translated_columns("label", "occupation__"),
        )
        .order_by("relation", "occupation__slug")
    )
    return Skill.objects.prefetch_related(Prefetch("occupation_links", links)).get(
        slug=slug
    )


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
