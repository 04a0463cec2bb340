"""Reads of the shared vocabulary and the demand side, each in a fixed number of queries whatever the rows."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    Model,
    Prefetch,
    Q,
    QuerySet,
)

from batteryregion.records import PublicationState
from skills.models import (
    Actor,
    CompetenceNeed,
    EducationField,
    EducationLevel,
    Municipality,
    Occupation,
    OccupationSkill,
    QualificationType,
    Region,
    Segment,
    Site,
    Skill,
    Workshop,
    sees_workshop_contacts,
)
from skills.models.workshops import visible_workshops


def public_successor(record: Model) -> Model | None:
    """The record's successor when it has a public page (a draft successor is not named); from the joined row."""
    successor = getattr(record, "successor", None)
    if successor is None or successor.state == PublicationState.DRAFT:
        return None
    return successor


def segments_for_api() -> QuerySet[Segment]:
    """Segments in value-chain order (1 query)."""
    return Segment.objects.order_by("order", "code")


def regions_for_api(*, with_boundary: bool = False) -> QuerySet[Region]:
    """Regions with their parent's code (1 query); boundaries are large, so only a detail loads its own."""
    queryset = (
        Region.objects.select_related("parent")
        .defer("parent__boundary")
        .order_by("code")
    )
    return queryset if with_boundary else queryset.defer("boundary")


def municipalities_for_api() -> QuerySet[Municipality]:
    """Municipalities by code with their NUTS 3 region (1 query); the region's boundary is not read."""
    return (
        Municipality.objects.select_related("region")
        .defer("region__boundary")
        .order_by("code")
    )


def education_fields_for_api() -> QuerySet[EducationField]:
    """ISCED-F broad fields by code (1 query)."""
    return EducationField.objects.order_by("code")


def levels_for_api() -> QuerySet[EducationLevel]:
    """EQF levels 1–8 with their descriptors (1 query)."""
    return EducationLevel.objects.order_by("level")


def qualification_types_for_api() -> QuerySet[QualificationType]:
    """Qualification types with their EQF level (1 query)."""
    return QualificationType.objects.select_related("level").order_by("order", "code")


def skills_for_api() -> QuerySet[Skill]:
    """Skills by slug (1 query)."""
    return Skill.objects.order_by("slug")


def occupations_for_api(*, with_skills: bool = False) -> QuerySet[Occupation]:
    """Occupations with their segments (2 queries), and with their skill links (3 queries)."""
    queryset = Occupation.objects.prefetch_related("segments").order_by("slug")
    if with_skills:
        links = OccupationSkill.objects.select_related("skill").order_by("skill__slug")
        queryset = queryset.prefetch_related(Prefetch("skill_links", links))
    return queryset


def actors_for_api(*, include_drafts: bool = False) -> QuerySet[Actor]:
    """Published and discontinued actors (drafts too when asked) with their successor, segments and sites with
    region (3 queries); the list's ?state= filter narrows them to published ones by default."""
    sites = (
        Site.objects.select_related("region")
        .defer("region__boundary")
        .order_by("-is_main", "slug")
    )
    actors = Actor.objects.all() if include_drafts else Actor.objects.public()
    return (
        actors.select_related("successor")
        .prefetch_related("segments", Prefetch("sites", sites))
        .order_by("slug")
    )


def competence_needs_for_api(
    user: AbstractBaseUser | AnonymousUser,
) -> QuerySet[CompetenceNeed]:
    """The published needs the user may see, with employer, occupation, region, skills and segments (3 queries)."""
    return (
        CompetenceNeed.objects.published()
        .visible_to(user)
        .select_related("employer", "occupation", "region")
        .defer("region__boundary")
        .prefetch_related("skills", "segments")
        .order_by("-stated_on", "slug")
    )


def workshops_for_page(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Workshop]:
    """The workshops with a page for the user (coordinators: all; others: public summaries), with organiser,
    participants, segments and regions: 4 queries once evaluated."""
    return (
        Workshop.objects.visible_to(user)
        .select_related("organiser")
        .prefetch_related(
            Prefetch("participants", Actor.objects.order_by("name")),
            "segments",
            Prefetch("regions", Region.objects.defer("boundary").order_by("code")),
        )
        .order_by("-held_on", "slug")
    )


def workshop_needs_for_page(
    workshop: Workshop, user: AbstractBaseUser | AnonymousUser
) -> QuerySet[CompetenceNeed]:
    """The workshop's needs the user may see, with what a row shows: 3 queries. Coordinators see drafts too (marked);
    everyone else published needs by the visibility rule."""
    needs = workshop.competence_needs.visible_to(user)
    if not sees_workshop_contacts(user):
        needs = needs.published()
    return (
        needs.select_related("employer", "occupation", "region")
        .defer("region__boundary")
        .prefetch_related("skills", "segments")
        .order_by("region__code", "slug")
    )


def needs_shown_in_workshops(
    user: AbstractBaseUser | AnonymousUser,
) -> QuerySet[CompetenceNeed]:
    """The competence needs a workshop names to this viewer in the partner API: those the API itself answers to them
    (published and visible, as competence_needs_for_api()), by slug."""
    return CompetenceNeed.objects.published().visible_to(user).order_by("slug")


def actors_shown_in_workshops() -> QuerySet[Actor]:
    """The organisations a workshop names in the partner API: those that are not drafts (a draft has no public page
    and no item in the API), by slug."""
    return Actor.objects.exclude(state=PublicationState.DRAFT).order_by("slug")


def workshops_for_api(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Workshop]:
    """The workshops of the partner API the user may see (the pages' rule: public summaries, or every one for
    coordinators), newest first. The API's serializer reads its rows itself; the prefetches are the same related rows
    for model instances (DRF's own fields, in the tests)."""
    return (
        Workshop.objects.visible_to(user)
        .select_related("organiser")
        .prefetch_related(
            "segments",
            Prefetch("regions", Region.objects.defer("boundary")),
            Prefetch("participants", actors_shown_in_workshops()),
            Prefetch("competence_needs", needs_shown_in_workshops(user)),
        )
        .order_by("-held_on", "slug")
    )


def with_shown_workshop(
    needs: QuerySet[CompetenceNeed], user: AbstractBaseUser | AnonymousUser
) -> QuerySet[CompetenceNeed]:
    """The needs with their workshop joined and ``workshop_is_shown``: whether the user may see the workshop or survey
    that identified the need (visible_workshops, the one rule), so that a row links to it ("From: …") only then. In
    the needs' own query: no query of its own.

    The workshop's contact and summary are not read; a queryset restricted with only() names the columns the link
    shows itself (SHOWN_WORKSHOP_COLUMNS)."""
    return (
        needs.select_related("workshop")
        .annotate(
            workshop_is_shown=ExpressionWrapper(
                visible_workshops(user, "workshop__"), output_field=BooleanField()
            )
        )
        .defer(*WORKSHOP_NOT_SHOWN)
    )


# What a need's "From:" link reads of its workshop, and what it never reads.
SHOWN_WORKSHOP_COLUMNS = (
    "workshop__slug",
    "workshop__title_fi",
    "workshop__title_sv",
    "workshop__title_en",
)
WORKSHOP_NOT_SHOWN = (
    "workshop__contact_name",
    "workshop__contact_email",
    "workshop__summary",
    "workshop__summary_fi",
    "workshop__summary_sv",
    "workshop__summary_en",
)


def workshops_of_actor(
    actor: Actor, user: AbstractBaseUser | AnonymousUser
) -> QuerySet[Workshop]:
    """The workshops and surveys the actor organised or took part in that the user may see, newest first (1 query:
    a subquery, so that an organiser who also took part is listed once)."""
    involved = Workshop.objects.filter(Q(organiser=actor) | Q(participants=actor))
    return (
        Workshop.objects.visible_to(user)
        .filter(pk__in=involved.values("pk"))
        .only(
            "slug",
            "kind",
            "held_on",
            "organiser_id",
            "title_fi",
            "title_sv",
            "title_en",
        )
        .order_by("-held_on", "slug")
    )
