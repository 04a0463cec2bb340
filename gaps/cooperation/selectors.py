"""Reads of the cooperation pages and of the gap pages' action badges: exactly the rows each page needs, in a fixed
number of queries whatever the number of actions."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import CharField, Count, F, Model, Prefetch, QuerySet, Value

from batteryregion.records import PublicationState
from gaps.cooperation.models import Action, ActionParticipant
from programmes.models import Programme
from skills.models import CompetenceNeed, Occupation, Segment, Skill
from skills.selectors import with_shown_workshop

User = AbstractBaseUser | AnonymousUser

# The dimensions of the gap analysis an action can address, with their models and link tables' key columns.
ADDRESSED = (
    ("segment", Segment, Action.segments.through, "segment_id"),
    ("occupation", Occupation, Action.occupations.through, "occupation_id"),
    ("skill", Skill, Action.skills.through, "skill_id"),
)


def actions_for_board(user: User) -> QuerySet[Action]:
    """The actions the user may see, with their organisations and figures: 3 queries (actions, participants with
    their organisations, figures)."""
    return (
        Action.objects.visible_to(user)
        .prefetch_related(
            Prefetch(
                "participants",
                ActionParticipant.objects.select_related("actor").order_by(
                    "actor__country", "role", "pk"
                ),
            ),
            "figures",
        )
        .order_by("starts_on", "slug")
    )


def action_for_page(user: User, slug: str) -> Action | None:
    """One action the user may see, with everything its page shows (9 queries), or None."""
    return (
        Action.objects.visible_to(user)
        .select_related("responsible__user")
        .prefetch_related(
            Prefetch(
                "participants",
                ActionParticipant.objects.select_related("actor").order_by(
                    "actor__country", "role", "pk"
                ),
            ),
            "figures",
            Prefetch("segments", Segment.objects.order_by("order", "code")),
            Prefetch("occupations", Occupation.objects.order_by("slug")),
            Prefetch("skills", Skill.objects.order_by("slug")),
            "regions",
            Prefetch(
                "needs",
                with_shown_workshop(
                    CompetenceNeed.objects.visible_to(user)
                    .exclude(state=PublicationState.DRAFT)
                    .select_related("employer", "occupation", "region"),
                    user,
                ),
                to_attr="visible_needs",
            ),
            Prefetch(
                "programmes",
                Programme.objects.exclude(state=PublicationState.DRAFT).select_related(
                    "provider"
                ),
                to_attr="shown_programmes",
            ),
        )
        .filter(slug=slug)
        .first()
    )


def action_counts(
    user: User, dimension: str | None = None, key: Model | None = None
) -> dict[tuple[type[Model], int], int]:
    """How many actions the user may see address each segment, occupation and skill, keyed by (model, primary key);
    only those addressed by one at least. One grouped query (the three link tables' counts in one UNION), or one
    count for a single ``dimension`` and ``key`` (a drill-down page)."""
    visible = Action.objects.visible_to(user).values("pk")
    parts = []
    for name, _model, link, column in ADDRESSED:
        if dimension is not None and name != dimension:
            continue
        links = link.objects.filter(action_id__in=visible)
        if key is not None:
            links = links.filter(**{column: key.pk})
        parts.append(
            links.annotate(
                dimension=Value(name, output_field=CharField()), key=F(column)
            )
            .values("dimension", "key")
            .annotate(actions=Count("action_id"))
            .order_by()
        )
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    models = {name: model for name, model, _link, _column in ADDRESSED}
    return {(models[row["dimension"]], row["key"]): row["actions"] for row in rows}


def needs_shown_in_actions(user: User) -> QuerySet[CompetenceNeed]:
    """The competence needs an action may name to this viewer in the partner API: those the API itself answers to
    them (published and visible, skills.selectors.competence_needs_for_api), in the needs' own order."""
    return CompetenceNeed.objects.published().visible_to(user)


def programmes_shown_in_actions() -> QuerySet[Programme]:
    """The programmes an action names in the partner API: every one that is not a draft."""
    return Programme.objects.exclude(state=PublicationState.DRAFT)


def participants_shown_in_actions() -> QuerySet[ActionParticipant]:
    """The organisations an action names in the partner API: those that are not drafts (a draft has no public page
    and no item in the API), by country, role and entry."""
    return (
        ActionParticipant.objects.exclude(actor__state=PublicationState.DRAFT)
        .select_related("actor")
        .order_by("actor__country", "role", "pk")
    )


def actions_for_api(user: User) -> QuerySet[Action]:
    """The actions of the partner API the user may see (the board's rule), by slug. The API's serializer reads its
    rows itself; the prefetches are the same related rows for model instances (DRF's own fields, in the tests): an
    instance's needs, programmes and participants are then only those the API shows."""
    return (
        Action.objects.visible_to(user)
        .prefetch_related(
            "segments",
            "occupations",
            "skills",
            "regions",
            Prefetch("needs", needs_shown_in_actions(user)),
            Prefetch("programmes", programmes_shown_in_actions()),
            Prefetch("participants", participants_shown_in_actions()),
            "figures",
        )
        .order_by("slug")
    )
