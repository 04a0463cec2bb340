"""Partner API representation of a pathway route's steps: each step's programme and provider, why it is open to the
person at that point, how it is studied, its application period, and the share of the route's essential skills it
teaches.

Like the rest of the pathway serializers (gaps/pathways/serializers.py), they only read the search's dataclasses and
the steps' application details the view has read beforehand (context["applying"], gaps.pathways.applying), so writing
a step makes no queries.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import fields, serializers

from batteryregion.serializers import (
    EnumField,
    PageUrlField,
    PublicSerializer,
    TranslatedField,
)
from gaps.api_fields import CountriesField, RoundedFloatField
from gaps.pathways.search import Route, Step
from programmes.models import ApplicationPeriod, Programme
from programmes.serializers import ProviderSerializer


class PathwayProgrammeSerializer(PublicSerializer):
    """The programme of a step, with its public page in each language."""

    name = TranslatedField()
    page_url = PageUrlField("programmes:programme_detail")

    class Meta:
        model = Programme
        fields = ["slug", "name", "page_url"]


class FromApplicationDetails:
    """A step's fact that the Step does not hold: its programme's, read from the ApplicationDetails in
    context["applying"] (gaps.pathways.applying); null without them, and for a fact not known ("")."""

    def get_attribute(self, step: Step) -> Any:
        details = self.context.get("applying", {}).get(step.programme.pk)
        value = (
            None
            if details is None
            else fields.get_attribute(details, self.source_attrs)
        )
        return None if value == "" else value


class ApplicationChoiceField(FromApplicationDetails, serializers.ChoiceField):
    def __init__(self, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(choices, read_only=True, **kwargs)


# The schema's enum hook already names the programmes' delivery modes and paces (the "delivery_mode" and "pace" of
# /api/v1/programmes/); a field of its own would give the same choices a second name (and a warning), so refer to them.
@extend_schema_field({"$ref": "#/components/schemas/DeliveryModeEnum"})
class DeliveryModeField(ApplicationChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Programme.DeliveryMode.choices, **kwargs)


@extend_schema_field(
    {
        "oneOf": [
            {"$ref": "#/components/schemas/PaceEnum"},
            {"$ref": "#/components/schemas/NullEnum"},
        ]
    }
)
class PaceField(ApplicationChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Programme.Pace.choices, allow_null=True, **kwargs)


class ApplicationBooleanField(FromApplicationDetails, serializers.BooleanField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, allow_null=True, **kwargs)


class PathwayApplicationSerializer(FromApplicationDetails, serializers.Serializer):
    """The application period that is open today or opens next, over all the offerings of the programme."""

    opens_on = serializers.DateField(read_only=True)
    closes_on = serializers.DateField(read_only=True)
    open_now = serializers.BooleanField(
        source="is_open_now", read_only=True, help_text="The period is open today."
    )
    service = EnumField(
        "ApplicationServiceEnum", choices=ApplicationPeriod.Service.choices
    )
    apply_url = serializers.CharField(
        read_only=True,
        help_text=(
            "Where to apply: the period's own address, else the service's front page in the language of "
            "Accept-Language (Opintopolku/Studyinfo, Antagning.se/University Admissions), else the programme's "
            "source page; empty when none is known."
        ),
    )


class SkillShareField(RoundedFloatField):
    """The share of the route's essential skills the step's programme teaches; the route is context["route"]."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(2, source="*", **kwargs)

    def get_attribute(self, step: Step) -> float:
        return skill_share(step, self.context["route"])


def skill_share(step: Step, route: Route) -> float:
    """A step's covered skills as a share of its route's essential skills, 0–1 (0 when the occupation has none)."""
    return (
        step.covered_skills / route.essential_skills if route.essential_skills else 0.0
    )


class PathwayStepSerializer(serializers.Serializer):
    """One programme on a route, why it is open to the person at that point, how it is studied and how to apply."""

    programme = PathwayProgrammeSerializer(read_only=True)
    provider = ProviderSerializer(source="programme.provider", read_only=True)
    awarded_level = serializers.IntegerField(
        source="programme.awarded_level.level",
        read_only=True,
        allow_null=True,
        help_text="EQF level the programme awards; null for courses that award no qualification.",
    )
    countries = CountriesField(help_text="Where the programme is given.")
    months = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Duration; null when not recorded."
    )
    languages = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Codes of the languages of instruction; empty when not recorded.",
    )
    places = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Places per year, when known."
    )
    reason = serializers.CharField(
        read_only=True,
        help_text="Why the programme is open at this point, in the language of Accept-Language.",
    )
    conditions = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=(
            "Admission rules to check before applying, in the language of Accept-Language: rules about something "
            "the person did not tell (audience, age, field) and required prior studies. Empty when none."
        ),
    )
    availability = serializers.ChoiceField(
        choices=["running", "planned"],
        source="programme.availability",
        read_only=True,
        help_text=(
            "running, or planned: the programme does not run yet and starts around expected_start (its conditions "
            "say so in words). Proposed programmes are never on a route."
        ),
    )
    expected_start = serializers.DateField(
        source="programme.expected_start",
        read_only=True,
        allow_null=True,
        help_text="When a planned programme is expected to start; null for a running one.",
    )
    distance_km = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Kilometres from home to the programme's nearest site; null without a home with a point.",
    )
    near_home = serializers.BooleanField(
        source="near",
        read_only=True,
        help_text=(
            "Given within 100 km of home, or studied at a distance or part-time; true when no home is given."
        ),
    )
    leads_directly = serializers.BooleanField(
        source="linked",
        read_only=True,
        help_text="The programme is linked to the route's occupation.",
    )
    skill_share = SkillShareField(
        help_text=(
            "Share of the occupation's essential skills the programme teaches, 0–1 (the route's coverage counts "
            "every step together)."
        ),
    )
    delivery_mode = DeliveryModeField()
    pace = PaceField(help_text="Null when not known.")
    free_of_charge = ApplicationBooleanField(help_text="Null when not known.")
    recognition_of_prior_learning = ApplicationBooleanField(
        help_text="Whether earlier competence can be shown and credited; null when not known."
    )
    next_application = PathwayApplicationSerializer(
        source="next_period",
        read_only=True,
        allow_null=True,
        help_text="Null when no application period is open or to come in the data.",
    )


@extend_schema_field(PathwayStepSerializer(many=True))
class RouteStepsField(serializers.Field):
    """A route's steps as PathwayStepSerializer writes them. A step's skill_share is a share of its route's essential
    skills, so the steps are written with the route in their context: a nested serializer would see the steps alone."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, route: Route) -> list[dict[str, Any]]:
        steps = PathwayStepSerializer(context={**self.context, "route": route})
        return [steps.to_representation(step) for step in route.steps]
