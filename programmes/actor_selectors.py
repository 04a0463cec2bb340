"""Reads of the actor pages: the actor list, one actor's page and the needs it shows, each exactly the rows and joins
it needs, in a fixed number of queries."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects

from batteryregion.i18n import by_translated_name
from batteryregion.records import PublicationState
from programmes.models import Programme
from programmes.selectors import own_columns, translated_columns
from skills.models import Actor, CompetenceNeed, Segment, Site, Skill
from skills.selectors import SHOWN_WORKSHOP_COLUMNS, with_shown_workshop


def actors_for_list() -> QuerySet[Actor]:
    """Published actors with their number of published programmes that run today, and of planned and proposed ones
    apart, by shown name (1 query; actor_rows() adds 1)."""

    def given(availability: str) -> Count:
        return Count(
            "programmes",
            filter=Q(
                programmes__state=PublicationState.PUBLISHED,
                programmes__availability=availability,
            ),
        )

    return by_translated_name(
        Actor.objects.published()
        .only("slug", "kind", "country", *translated_columns("name"))
        .annotate(
            # Today's offer counts only programmes that run; planned and proposed ones never add to it.
            programme_count=given(Programme.Availability.RUNNING),
            planned_count=given(Programme.Availability.PLANNED),
            proposed_count=given(Programme.Availability.PROPOSED),
        )
    )


@dataclass(frozen=True)
class ActorPage:
    """One actor and the lists its page shows above its programmes and needs."""

    actor: Actor
    segments: list[Segment]
    sites: list[Site]  # main site first


def actor_for_page(slug: str, *, include_drafts: bool = False) -> ActorPage:
    """One actor with a public page (published or discontinued; a draft too when asked) with its successor joined,
    its segments and its sites with their region (3 queries), each with only the columns the page reads; raises
    Actor.DoesNotExist. Plain queries filtered on the actor rather than prefetch_related(), whose bookkeeping cost
    more than the queries."""
    actors = Actor.objects.all() if include_drafts else Actor.objects.public()
    actor = (
        actors.select_related("successor")
        .only(
            *own_columns(Actor),
            "successor__slug",
            "successor__state",
            *translated_columns("name", "successor__"),
        )
        .get(slug=slug)
    )
    sites = (
        Site.objects.filter(actor=actor)
        .select_related("region")
        .only(
            "slug",
            "is_main",
            "latitude",
            "longitude",
            *translated_columns("town"),
            "region__code",
            *translated_columns("name", "region__"),
        )
        .order_by("-is_main", "slug")
    )
    return ActorPage(
        actor=actor,
        segments=list(
            Segment.objects.filter(actors=actor).only(*translated_columns("name"))
        ),
        sites=list(sites),
    )


def needs_for_actor(
    actor: Actor, user: AbstractBaseUser | AnonymousUser
) -> QuerySet[CompetenceNeed]:
    """The published needs the user may see of one employer, by status and target year, with the columns of the
    actor page's table and the workshop each came from when the user may see it (1 query; with_need_labels() adds
    what the rows without an occupation show)."""
    needs = (
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
            *SHOWN_WORKSHOP_COLUMNS,
        )
        .order_by("status", "target_year", "slug")
    )
    return with_shown_workshop(needs, user)


def with_need_labels(needs: list[CompetenceNeed]) -> list[CompetenceNeed]:
    """The needs with the skills and segments of those that name no occupation, the only rows that show them
    (0 or 2 queries): most needs name one, and their skills were most of the page's rows."""
    prefetch_related_objects(
        [need for need in needs if need.occupation_id is None],
        Prefetch("skills", Skill.objects.only(*translated_columns("label"))),
        Prefetch("segments", Segment.objects.only(*translated_columns("name"))),
    )
    return needs
