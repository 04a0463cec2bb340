"""Reads of the supply side: exactly the rows and joins each page or endpoint needs, in a fixed number of queries. The
actor pages' reads are in programmes/actor_selectors.py."""

from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.db import connection
from django.db.models import Count, F, Model, Prefetch, Q, QuerySet
from django.utils import timezone

from batteryregion.i18n import by_translated_name
from batteryregion.records import PublicationState
from programmes.models import (
    ApplicationPeriod,
    EntryRequirement,
    Intake,
    Offering,
    Programme,
)
from skills.models import (
    Actor,
    Country,
    EducationField,
    Language,
    Occupation,
    OccupationSkill,
    Region,
    Segment,
    Skill,
)

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class SegmentFigures:
    """A row of the home page's table: a segment with its published programmes per country and published actors."""

    segment: Segment
    finnish_programmes: int
    swedish_programmes: int
    actor_count: int


def segments_for_home() -> list[SegmentFigures]:
    """Segments in value-chain order with their published programmes per country and published actors (3 queries).

    Counting programmes and actors in one query joined both to each segment, so it read programmes × actors rows
    per segment (a hundred times more at ten times the data); a grouped count per side reads each link once (rows
    without a segment group under None and are not looked up)."""
    programmes = (
        Programme.objects.published()
        .values_list("segments", "provider__country")
        .annotate(count=Count("pk"))
        .order_by()
    )
    per_country = {(segment, country): count for segment, country, count in programmes}
    actors = (
        Actor.objects.published()
        .values_list("segments")
        .annotate(count=Count("pk"))
        .order_by()
    )
    actor_counts = dict(actors)
    segments = Segment.objects.only(
        "code",
        "is_cross_cutting",
        *translated_columns("name"),
        *translated_columns("description"),
    ).order_by("order", "code")
    return [
        SegmentFigures(
            segment=segment,
            finnish_programmes=per_country.get((segment.pk, Country.FINLAND), 0),
            swedish_programmes=per_country.get((segment.pk, Country.SWEDEN), 0),
            actor_count=actor_counts.get(segment.pk, 0),
        )
        for segment in segments
    ]


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
            "provider", "awarded_level", "awarded_qualification", "min_age_waived_from"
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
    "availability",  # a planned or proposed programme's badge: "Planned — expected to start …"
    "expected_start",
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


@dataclass(frozen=True)
class ProgrammePage:
    """One programme and the lists its page and its JSON-LD show."""

    programme: Programme
    segments: list[Segment]
    languages: list[Language]
    skills: list[Skill]
    occupations: list[Occupation]
    offerings: list[Offering]
    entry_requirements: list[EntryRequirement]
    intakes: list[Intake]
    required_fields: list[EducationField]
    application_periods: list[ApplicationPeriod]


def upcoming_application_periods(programme: Programme) -> QuerySet[ApplicationPeriod]:
    """The programme's application periods still open or yet to open, soonest first, with the offering's town
    (1 query)."""
    return (
        ApplicationPeriod.objects.filter(
            offering__programme=programme, closes_on__gte=timezone.localdate()
        )
        .select_related("offering__site")
        .only(
            "opens_on",
            "closes_on",
            "service",
            "apply_url",
            "offering__starts_on",
            *translated_columns("town", "offering__site__"),
        )
        .order_by("opens_on", "closes_on", "pk")
    )


def programme_for_page(slug: str, *, include_drafts: bool = False) -> ProgrammePage:
    """One programme with a public page (published or discontinued; a draft too when asked) with its provider,
    level, qualification, successor and region of residence joined, and the lists its page and its JSON-LD show
    (10 queries); raises
    Programme.DoesNotExist.

    Each list is a plain query filtered on the programme rather than a prefetch_related() lookup, whose
    bookkeeping cost more than the query; each loads only the columns the page reads."""
    programmes = (
        Programme.objects.all() if include_drafts else Programme.objects.public()
    )
    programme = (
        programmes.select_related(
            "provider",
            "awarded_level",
            "awarded_qualification",
            "successor",
            "audience_region",
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
            *translated_columns("name", "audience_region__"),
        )
        .get(slug=slug)
    )
    offerings = (
        Offering.objects.filter(programme=programme)
        .select_related("site__region", "language")
        .only(
            "starts_on",
            "places",
            "site__slug",
            "site__latitude",
            "site__longitude",
            *translated_columns("town", "site__"),
            "site__region__code",
            "site__region__country",
            *translated_columns("name", "site__region__"),
            *translated_columns("name", "language__"),
        )
        .order_by("starts_on", "site__slug")
    )
    requirements = (
        EntryRequirement.objects.filter(programme=programme)
        .select_related("qualification_type", "min_level")
        .only(*translated_columns("name", "qualification_type__"), "min_level__level")
        .order_by(
            # NULLs sort first on SQLite and last on PostgreSQL unless told.
            F("min_level__level").asc(nulls_first=True),
            "qualification_type__order",
            "pk",
        )
    )
    return ProgrammePage(
        programme=programme,
        segments=list(
            Segment.objects.filter(programmes=programme).only(
                *translated_columns("name")
            )
        ),
        languages=list(
            Language.objects.filter(programmes=programme).only(
                "code", *translated_columns("name")
            )
        ),
        skills=list(_concepts(Skill).filter(programmes=programme)),
        occupations=list(_concepts(Occupation).filter(programmes=programme)),
        offerings=list(offerings),
        entry_requirements=list(requirements),
        intakes=list(Intake.objects.filter(programme=programme)),
        required_fields=list(
            EducationField.objects.filter(requiring_programmes=programme).only(
                "code", *translated_columns("name")
            )
        ),
        application_periods=list(upcoming_application_periods(programme)),
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
        .only(
            "kind",
            "duration_months",
            "places_per_year",
            *LINE_COLUMNS,
        )
    )


def programmes_for_lists() -> QuerySet[Programme]:
    """Published programmes with the columns of a line in the occupation and skill pages' lists (name, provider,
    level), by shown name (1 query)."""
    return by_translated_name(
        Programme.objects.published()
        .select_related("provider", "awarded_level")
        .only(*LINE_COLUMNS)
    )


def occupations_for_list() -> QuerySet[Occupation]:
    """Occupations with how many published programmes lead to each today (running ones) and how many planned and
    proposed ones would, counted apart, by shown label (1 query; occupation_rows() adds 1)."""

    def leading(availability: str) -> Count:
        return Count(
            "programmes",
            filter=Q(
                programmes__state=PublicationState.PUBLISHED,
                programmes__availability=availability,
            ),
            distinct=True,
        )

    return by_translated_name(
        Occupation.objects.only(
            "slug", "is_local", *translated_columns("label")
        ).annotate(
            # Today's offer counts only programmes that run; planned and proposed ones never add to it.
            programme_count=leading(Programme.Availability.RUNNING),
            planned_count=leading(Programme.Availability.PLANNED),
            proposed_count=leading(Programme.Availability.PROPOSED),
        ),
        field="label",
    )


@dataclass(frozen=True)
class OccupationPage:
    """One occupation with its segments and its skill links (skill joined), essential ones first."""

    occupation: Occupation
    segments: list[Segment]
    skill_links: list[OccupationSkill]


def occupation_for_page(slug: str) -> OccupationPage:
    """One occupation with its segments and skills by relation (3 queries); raises Occupation.DoesNotExist. Plain
    queries filtered on the occupation rather than prefetch_related(), whose bookkeeping cost more than the queries."""
    occupation = Occupation.objects.get(slug=slug)
    links = (
        OccupationSkill.objects.filter(occupation=occupation)
        .select_related("skill")
        .only(
            "relation",
            "skill__slug",
            "skill__esco_uri",
            *translated_columns("label", "skill__"),
        )
        .order_by("relation", "skill__slug")
    )
    return OccupationPage(
        occupation=occupation,
        segments=list(
            Segment.objects.filter(occupations=occupation).only(
                *translated_columns("name")
            )
        ),
        skill_links=list(links),
    )


def programmes_teaching_skills(
    skill_ids: list[int], *, exclude: list[int] | None = None
) -> QuerySet[Programme]:
    """Published programmes that teach any of the skills, with how many of them each teaches, most first; `exclude`
    are programme ids already listed (a list rather than a subquery, which cost more to compile)."""
    # Count() after filter() on the same relation counts only the matching skills, once each.
    queryset = (
        programmes_for_lists()
        .filter(skills__in=skill_ids)
        .annotate(skills_taught=Count("skills"))
    )
    if exclude is not None:
        queryset = queryset.exclude(pk__in=exclude)
    return queryset.order_by("-skills_taught", "_shown_name", "pk")


@dataclass(frozen=True)
class SkillPage:
    """One skill with the links of the occupations that need it (occupation joined), essential ones first."""

    skill: Skill
    occupation_links: list[OccupationSkill]


def skill_for_page(slug: str) -> SkillPage:
    """One skill with the occupations that need it (2 queries); raises Skill.DoesNotExist."""
    skill = Skill.objects.get(slug=slug)
    links = (
        OccupationSkill.objects.filter(skill=skill)
        .select_related("occupation")
        .only(
            "relation",
            "occupation__slug",
            "occupation__esco_uri",
            *translated_columns("label", "occupation__"),
        )
        .order_by("relation", "occupation__slug")
    )
    return SkillPage(skill=skill, occupation_links=list(links))
