"""Partner API of the pathway search, under /api/v1/pathways/: the search of the pathway pages, as JSON."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.utils import translate_validation
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from batteryregion.query_parameters import KnownQueryParameters
from gaps.pathways.applying import load_application_details
from gaps.pathways.forms import PathwayChoices, PathwayForm
from gaps.pathways.search import find_pathways
from gaps.pathways.serializers import PathwayResultSerializer
from skills.models import (
    Country,
)

# Django's own message, already translated in Django's and our catalogues; it names the value.
UNKNOWN = _("Select a valid choice. %(value)s is not one of the available choices.")


class PathwayParameters(PathwayForm):
    """The query string of /api/v1/pathways/: the pathway page's own parameters, with the same names and checks
    (gaps/pathways/forms.py), so that a search on the page and in the API are one and the same.

    Two differences, both for programs: ``months`` takes any number of months, not only the page's choices, and
    ``max_months``, its earlier name, is still understood. A parameter the search does not know is an error (400),
    never silently ignored (batteryregion/query_parameters.py).
    """

    months = forms.IntegerField(min_value=1, required=False)
    max_months = forms.IntegerField(min_value=1, required=False)

    def __init__(self, data: Any) -> None:
        super().__init__(data, choices=PathwayChoices.load())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("months") is None and data.get("max_months") is not None:
            data["months"] = data["max_months"]
        return data


PARAMETERS = [
    OpenApiParameter(
        "start",
        str,
        required=True,
        description=(
            "Where the person starts: the code of a qualification type that is a starting point "
            "(is_starting_point in /api/v1/qualification-types/), such as fi-vocational or work-experience."
        ),
    ),
    OpenApiParameter(
        "occupation",
        str,
        description=(
            "Target occupation: its slug (/api/v1/occupations/). Not together with segment; "
            "without either, routes to every occupation are searched."
        ),
    ),
    OpenApiParameter(
        "segment",
        str,
        description=(
            "Target value-chain segment: its code (/api/v1/segments/); routes to the occupations of the "
            "segment. Not together with occupation."
        ),
    ),
    OpenApiParameter(
        "country",
        str,
        many=True,
        enum=Country.values,
        description="Countries where the programmes are given; repeatable (either). Empty: both.",
    ),
    OpenApiParameter(
        "region",
        str,
        many=True,
        description=(
            "NUTS 2021 codes of any level (/api/v1/regions/), such as SE331; programmes given at a site in "
            "one of them. Repeatable (any)."
        ),
    ),
    OpenApiParameter(
        "language",
        str,
        many=True,
        description=(
            "Languages the person can study in (ISO 639-1 codes such as fi, sv, en); repeatable (any). "
            "Programmes without recorded languages are kept."
        ),
    ),
    OpenApiParameter(
        "months",
        {"type": "integer", "minimum": 1},
        description=(
            "Longest total study time in months. A route with a step whose duration is not recorded does "
            "not fit it: if its recorded durations fit, it is in unknown_duration_routes instead of routes."
        ),
    ),
    OpenApiParameter(
        "max_months",
        {"type": "integer", "minimum": 1},
        deprecated=True,
        description="The earlier name of months, still understood; months wins when both are given.",
    ),
    OpenApiParameter(
        "field",
        str,
        description=(
            "Broad ISCED-F field of the person's highest qualification (codes of /api/v1/education-fields/, such as "
            "07). Checked against programmes' required fields; a first step at or below the person's level is "
            "allowed only in another field. Not given: required fields are conditions (maybe) and only the level "
            "counts."
        ),
    ),
    OpenApiParameter(
        "home",
        str,
        description=(
            "Where the person lives: a municipality code of /api/v1/municipalities/ (FI564, SE2580), a NUTS 3 code "
            "(the whole region) or FI / "
            "SE (elsewhere in the country). Routes whose first step is near home rank first; residence rules are "
            "checked; steps carry distance_km."
        ),
    ),
    OpenApiParameter(
        "age",
        str,
        enum=["under_18", "18_19", "20_24", "25_plus"],
        description="Age group, checked against programmes' minimum ages; not given: a minimum age is a condition.",
    ),
    OpenApiParameter(
        "situation",
        str,
        many=True,
        enum=[
            "job_seeker_fi",
            "job_seeker_se",
            "employee",
            "teacher",
            "foreign_degree",
            "none",
        ],
        description=(
            "What applies to the person, repeatable; none answers the question without any of the others. Checked "
            "against programmes' audiences; not given: an audience is a condition, and a programme only for a group "
            "(job seekers, employees, teachers, foreign degree) ranks lower."
        ),
    ),
    OpenApiParameter(
        "mobility",
        str,
        enum=["move", "commute", "distance"],
        description=(
            "move: anywhere; commute: only programmes within 100 km of home (home required) or studied at a "
            "distance or part-time; distance: only programmes studied online, blended, part-time or self-paced."
        ),
    ),
]

PARAMETER_ERRORS = OpenApiResponse(
    response={
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    },
    description=(
        "A parameter is missing, names nothing we hold, or contradicts another: each such parameter "
        "with its reasons, in the language of Accept-Language."
    ),
    examples=[
        OpenApiExample(
            "Unknown starting point",
            value={
                "start": [
                    "Select a valid choice. nope is not one of the available choices."
                ]
            },
        ),
        OpenApiExample(
            "Occupation and segment together",
            value={
                "occupation": ["Give an occupation or a segment, not both."],
                "segment": ["Give an occupation or a segment, not both."],
            },
        ),
    ],
)


class PathwayViewSet(KnownQueryParameters, viewsets.ViewSet):
    """Routes from a starting point through one to three programmes to the occupations of the battery industry.

    The same search as the pathway pages (rules: gaps/pathways/search.py). Not paginated: the answer holds at most a few
    dozen routes, best first, and total says how many there are before that cap. removed counts the routes each
    preference removed; when there are none, blockers say which preference removed them and how many routes
    relaxing it would give. Texts meant for people (reason, message) follow Accept-Language.
    """

    query_form = PathwayParameters

    @extend_schema(
        operation_id="v1_pathways_search",
        parameters=PARAMETERS,
        responses={200: PathwayResultSerializer, 400: PARAMETER_ERRORS},
    )
    def list(self, request: Request) -> Response:
        # Queries: the page form's choices (gaps.pathways.forms.PathwayChoices), then load_network()'s fixed few,
        # and one for the steps' application details when there are routes; nothing per programme or route.
        parameters = PathwayParameters(request.query_params)
        if not parameters.is_valid():
            raise translate_validation(parameters.errors)  # 400 {parameter: [reasons]}
        result = find_pathways(parameters.query())
        routes = [*result.routes, *result.unknown_duration]
        applying = load_application_details(
            [step.programme for route in routes for step in route.steps],
            timezone.localdate(),
        )
        serializer = PathwayResultSerializer(
            result, context={"request": request, "applying": applying}
        )
        return Response(serializer.data)
