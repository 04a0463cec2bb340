"""The one FilterSet of the cooperation page: the board and the table show the same filtered actions.

Filters take public identifiers (a segment's code, a region's NUTS code, an organisation's, occupation's or skill's
slug). The choices of organisations, occupations and skills are those of the actions the viewer may see: a few, not
the whole vocabulary, and never a hint of an action hidden from them. Each choice list is one query.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from batteryregion.i18n import by_translated_name
from gaps.cooperation.models import Action, ActionParticipant
from programmes.filters import PlainSelect, linked_code_filter, names
from skills.models import Actor, Country, Occupation, Skill

# Which side of the border an action's organisations are on: Finland only, Sweden only, or both.
FINLAND_ONLY = "fi"
SWEDEN_ONLY = "se"
BOTH = "fi-se"
COUNTRY_PAIRS = [
    (FINLAND_ONLY, _("Finland only")),
    (SWEDEN_ONLY, _("Sweden only")),
    (BOTH, _("Finland and Sweden together")),
]


def _visible_actions(request: HttpRequest | None) -> QuerySet[Action]:
    user = request.user if request is not None else AnonymousUser()
    return Action.objects.visible_to(user).values("pk")


def organisations(request: HttpRequest | None) -> QuerySet[Actor]:
    taking_part = ActionParticipant.objects.filter(
        actor=OuterRef("pk"), action__in=_visible_actions(request)
    )
    return by_translated_name(
        Actor.objects.filter(Exists(taking_part)).only("slug", "country", *names())
    ).order_by("_shown_name")


def occupations(request: HttpRequest | None) -> QuerySet[Occupation]:
    addressed = Action.occupations.through.objects.filter(
        occupation=OuterRef("pk"), action__in=_visible_actions(request)
    )
    return Occupation.objects.filter(Exists(addressed)).order_by("slug")


def skills(request: HttpRequest | None) -> QuerySet[Skill]:
    addressed = Action.skills.through.objects.filter(
        skill=OuterRef("pk"), action__in=_visible_actions(request)
    )
    return Skill.objects.filter(Exists(addressed)).order_by("slug")


class ActionFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("Type of action"),
        empty_label=_("All types"),
        choices=Action.Kind.choices,
    )
    state = filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("State"),
        empty_label=_("All states"),
        choices=Action.State.choices,
    )
    segment = linked_code_filter("segments")
    occupation = filters.ModelChoiceFilter(
        widget=PlainSelect,
        label=_("Occupation"),
        empty_label=_("All occupations"),
        field_name="occupations",
        to_field_name="slug",
        queryset=occupations,
        distinct=True,
    )
    skill = filters.ModelChoiceFilter(
        widget=PlainSelect,
        label=_("Skill"),
        empty_label=_("All skills"),
        field_name="skills",
        to_field_name="slug",
        queryset=skills,
        distinct=True,
    )
    region = linked_code_filter("regions")
    countries = filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("Countries of the organisations"),
        empty_label=_("Any"),
        choices=COUNTRY_PAIRS,
        method="filter_countries",
    )
    organisation = filters.ModelChoiceFilter(
        widget=PlainSelect,
        label=_("Organisation"),
        empty_label=_("All organisations"),
        field_name="participants__actor",
        to_field_name="slug",
        queryset=organisations,
        distinct=True,
    )

    class Meta:
        model = Action
        fields: list[str] = []

    def filter_countries(
        self, queryset: QuerySet[Action], name: str, value: str
    ) -> QuerySet[Action]:
        return with_countries(queryset, value)


def with_countries(queryset: QuerySet[Action], pair: str) -> QuerySet[Action]:
    """The actions whose organisations are of the country pair: Finland only, Sweden only, or both (the board's and
    the follow-up's filter)."""

    def taking_part(country: str) -> Exists:
        return Exists(
            ActionParticipant.objects.filter(
                action=OuterRef("pk"), actor__country=country
            )
        )

    finnish, swedish = taking_part(Country.FINLAND), taking_part(Country.SWEDEN)
    if pair == FINLAND_ONLY:
        return queryset.filter(finnish, ~swedish)
    if pair == SWEDEN_ONLY:
        return queryset.filter(swedish, ~finnish)
    return queryset.filter(finnish, swedish)
