"""Partner API representation of a pathway search: the query as understood, the routes, and what blocked them. A route's
steps are written by gaps/pathways/step_serializers.py.

The search returns plain dataclasses (gaps.pathways.search); these serializers only read their attributes, the rows
load_network() has already joined and the steps' application details the view has read beforehand (context["applying"],
gaps.pathways.applying), so writing a response makes no queries.
"""

import functools
from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from batteryregion.row_serializers import PageUrls, iso_date, rounded
from batteryregion.serializers import (
    EnumField,
    PublicSerializer,
    TranslatedField,
    translated_text,
)
from gaps.api_fields import CountriesField, RoundedFloatField
from gaps.pathways.applying import ApplicationDetails
from gaps.pathways.search import (
    BORDER_PENALTY_MONTHS,
    COVERAGE_BONUS_MONTHS,
    STEP_PENALTY_MONTHS,
    PathwayQuery,
    PathwayResult,
    Route,
    Step,
)
from gaps.pathways.step_serializers import (
    PathwayProgrammeSerializer,
    RouteStepsField,
    skill_share,
)
from skills.models import Occupation

# Schema text for partners, in English like the rest of the schema's descriptions.
REACHED_BY = [
    ("link", "A programme on the route is linked to the occupation."),
    ("coverage", "The route teaches enough of the occupation's essential skills."),
]
CONSTRAINTS = [
    ("languages", "The languages of instruction asked for."),
    ("countries", "The countries asked for."),
    ("regions", "The regions asked for."),
    ("duration", "The longest study time asked for (months)."),
    ("mobility", "How the person can study (mobility: commute or distance)."),
    (
        "entry",
        "The entry requirements: nothing open to the starting point leads there.",
    ),
    (
        "untrained",
        "The occupation: no programme in the data is linked to it or teaches any of its essential skills.",
    ),
]
PREFERENCES = CONSTRAINTS[:5]


class PathwayQuerySerializer(serializers.Serializer):
    """The search as the API understood it: codes instead of rows, repeated values once and sorted."""

    start = serializers.CharField(
        read_only=True, help_text="Code of the starting point."
    )
    occupation = serializers.CharField(
        read_only=True, allow_null=True, help_text="Slug of the target occupation."
    )
    segment = serializers.CharField(
        read_only=True, allow_null=True, help_text="Code of the target segment."
    )
    country = CountriesField()
    region = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="NUTS 2021 codes."
    )
    language = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Language codes."
    )
    months = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Longest total study time."
    )
    max_months = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="The same as months, under its earlier name (deprecated).",
    )
    field = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="ISCED-F broad field of the person's qualification.",
    )
    home = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="Municipality, NUTS 3 or country code of home.",
    )
    age = serializers.CharField(read_only=True, allow_null=True, help_text="Age group.")
    situation = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        allow_null=True,
        help_text="What applies to the person; null when not answered, [] for none of these.",
    )
    mobility = serializers.CharField(
        read_only=True, allow_null=True, help_text="move, commute or distance."
    )

    def to_representation(self, query: PathwayQuery) -> dict[str, Any]:
        situations = query.situations
        return super().to_representation(
            {
                "start": query.starting_point.code,
                "occupation": query.occupation.slug if query.occupation else None,
                "segment": query.segment.code if query.segment else None,
                "country": sorted(query.countries),
                "region": sorted(region.code for region in query.regions),
                "language": sorted(query.languages),
                "months": query.max_months,
                "max_months": query.max_months,
                "field": query.field.code if query.field else None,
                "home": query.home.code if query.home else None,
                "age": query.age,
                "situation": None if situations is None else sorted(situations),
                "mobility": query.mobility,
            }
        )


class PathwayOccupationSerializer(PublicSerializer):
    """The occupation a route leads to."""

    label = TranslatedField()

    class Meta:
        model = Occupation
        fields = ["slug", "label", "esco_uri"]


class ReachedByField(EnumField):
    """How the route reaches its occupation: "link" or "coverage"."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("ReachedByEnum", choices=REACHED_BY, source="*", **kwargs)

    def to_representation(self, route: Route) -> str:
        return "link" if route.by_link else "coverage"


class PathwayRouteSerializer(serializers.Serializer):
    """A chain of one to three programmes from the starting point to an occupation."""

    # The fields below are the schema; to_representation() writes the same values directly, because DRF's field
    # machinery cost more than the routes themselves (tests/api/test_api_costs.py compares the two).

    key = serializers.CharField(
        read_only=True,
        help_text="Stable identifier: the programme slugs and the occupation slug, joined by '>'.",
    )
    occupation = PathwayOccupationSerializer(read_only=True)
    reached_by = ReachedByField()
    coverage = RoundedFloatField(
        3,
        help_text="Share of the occupation's essential skills taught along the route, 0–1.",
    )
    covered_skills = serializers.IntegerField(read_only=True)
    essential_skills = serializers.IntegerField(read_only=True)
    total_months = serializers.IntegerField(
        read_only=True, help_text="Sum of the known durations."
    )
    duration_known = serializers.BooleanField(
        read_only=True,
        help_text="False when a step has no recorded duration: total_months is then a lower bound.",
    )
    border_crossings = serializers.IntegerField(read_only=True)
    countries = CountriesField(
        help_text="Countries of the steps in order; a country comes again only after a border crossing (SE, FI, SE)."
    )
    places = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="The fewest places per year along the route; null unless every step has a figure.",
    )
    score = RoundedFloatField(
        2,
        help_text=(
            f"Months, lower is better: the total duration (a step without a recorded duration weighs a fixed number "
            f"of months), plus {STEP_PENALTY_MONTHS} for each step after the first and {BORDER_PENALTY_MONTHS} for "
            f"each border crossing, minus up to {COVERAGE_BONUS_MONTHS} for skill coverage."
        ),
    )
    steps = RouteStepsField()

    @functools.cached_property
    def page_urls(self) -> PageUrls:
        return PageUrls("programmes:programme_detail", self.context.get("request"))

    def to_representation(self, route: Route) -> dict[str, Any]:
        occupation = route.occupation
        return {
            "key": route.key,
            "occupation": {
                "slug": occupation.slug,
                "label": translated_text(occupation, "label"),
                "esco_uri": occupation.esco_uri or None,
            },
            "reached_by": "link" if route.by_link else "coverage",
            "coverage": rounded(route.coverage, 3),
            "covered_skills": int(route.covered_skills),
            "essential_skills": int(route.essential_skills),
            "total_months": int(route.total_months),
            "duration_known": route.duration_known,
            "border_crossings": int(route.border_crossings),
            "countries": list(route.countries),
            "places": route.places,
            "score": rounded(route.score, 2),
            "steps": [self.step_item(step, route) for step in route.steps],
        }

    def step_item(self, step: Step, route: Route) -> dict[str, Any]:
        """A step as PathwayStepSerializer writes it."""
        programme, level = step.programme, step.programme.awarded_level
        details: ApplicationDetails | None = self.context.get("applying", {}).get(
            programme.pk
        )
        period = details.next_period if details else None
        return {
            "programme": {
                "slug": programme.slug,
                "name": translated_text(programme, "name"),
                "page_url": self.page_urls(programme.slug),
            },
            "provider": {
                "slug": programme.provider.slug,
                "name": translated_text(programme.provider, "name"),
            },
            "awarded_level": None if level is None else int(level.level),
            "countries": list(step.countries),
            "months": step.months,
            "languages": list(step.languages),
            "places": step.places,
            "reason": str(step.reason),
            "conditions": list(step.conditions),
            "availability": programme.availability,
            "expected_start": iso_date(programme.expected_start),
            "distance_km": step.distance_km,
            "near_home": step.near,
            "leads_directly": step.linked,
            "skill_share": rounded(skill_share(step, route), 2),
            "delivery_mode": details.delivery_mode if details else None,
            "pace": (details.pace or None) if details else None,
            "free_of_charge": details.free_of_charge if details else None,
            "recognition_of_prior_learning": (
                details.recognition_of_prior_learning if details else None
            ),
            "next_application": None
            if period is None
            else {
                "opens_on": iso_date(period.opens_on),
                "closes_on": iso_date(period.closes_on),
                "open_now": period.is_open_now,
                "service": period.service,
                "apply_url": period.apply_url,
            },
        }


class PathwayRemovalSerializer(serializers.Serializer):
    """A preference that is set, and how many routes it removed: routes the search finds without it and not with it."""

    constraint = EnumField("PathwayPreferenceEnum", choices=PREFERENCES)
    routes = serializers.IntegerField(read_only=True)


class PathwayBlockerSerializer(serializers.Serializer):
    """A preference that removed every route, and how many routes relaxing it alone would give."""

    constraint = EnumField("PathwayConstraintEnum", choices=CONSTRAINTS)
    message = serializers.CharField(
        read_only=True, help_text="In the language of Accept-Language."
    )
    routes_if_relaxed = serializers.IntegerField(read_only=True)


class PathwayNotOpenSerializer(serializers.Serializer):
    """A programme the person may not apply to, and the admission rules it has that they do not meet."""

    programme = PathwayProgrammeSerializer(read_only=True)
    reasons = serializers.ListField(child=serializers.CharField(), read_only=True)


# many=False: the endpoint is a list action, but it answers one search result, not an array of them.
@extend_schema_serializer(many=False)
class PathwayResultSerializer(serializers.Serializer):
    """Routes best first (see score); blockers only when there are no routes."""

    query = PathwayQuerySerializer(read_only=True)
    count = serializers.SerializerMethodField(help_text="Number of routes.")
    total = serializers.IntegerField(
        read_only=True,
        help_text="Number of routes found before the cap on the routes answered (count is at most this).",
    )
    total_complete = serializers.BooleanField(
        read_only=True,
        help_text=(
            "False when the search stopped trying routes that could not be among those answered: total is then a "
            "lower bound."
        ),
    )
    routes = PathwayRouteSerializer(many=True, read_only=True)
    unknown_duration_routes = PathwayRouteSerializer(
        source="unknown_duration",
        many=True,
        read_only=True,
        help_text=(
            "Routes that fit max_months only if their steps without a recorded duration are short enough; "
            "empty without max_months (such routes are then among routes)."
        ),
    )
    removed = PathwayRemovalSerializer(
        many=True,
        read_only=True,
        help_text="Each preference that is set, with the routes it removed.",
    )
    blockers = PathwayBlockerSerializer(many=True, read_only=True)
    not_open = PathwayNotOpenSerializer(
        many=True,
        read_only=True,
        help_text=(
            "Programmes on the best routes found without the admission rules that the person does not meet, with "
            "the rules in words (Accept-Language); at most ten."
        ),
    )

    def get_count(self, result: PathwayResult) -> int:
        return len(result.routes)
