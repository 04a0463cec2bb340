"""Partner API of the pathway search, under /api/v1/pathways/: the search of the pathway pages, as JSON."""

from typing import Any

from django import forms
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

from gaps.pathways.search import PathwayQuery, find_pathways
from gaps.pathways.serializers import PathwayResultSerializer
from skills.models import (
    Country,
    Language,
    Occupation,
    QualificationType,
    Region,
    Segment,
)

# Django's own message, already translated in Django's and our catalogues; it names the value.
UNKNOWN = _("Select a valid choice. %(value)s is not one of the available choices.")


class PathwayParameters(forms.Form):
    """The query string of /api/v1/pathways/: codes and slugs, never database ids.

    Each model parameter is one query, however many values it repeats (ModelMultipleChoiceField looks them up
    with one `code IN (…)`); an unknown value makes the form invalid, naming the parameter.
    """

    start = forms.ModelChoiceField(
        QualificationType.objects.filter(is_starting_point=True),
        to_field_name="code",
        error_messages={"invalid_choice": UNKNOWN},
    )
    occupation = forms.ModelChoiceField(
        Occupation.objects.all(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": UNKNOWN},
    )
    segment = forms.ModelChoiceField(
        Segment.objects.all(),
        to_field_name="code",
        required=False,
        error_messages={"invalid_choice": UNKNOWN},
    )
    country = forms.MultipleChoiceField(choices=Country.choices, required=False)
    region = forms.ModelMultipleChoiceField(
        Region.objects.defer("boundary"), to_field_name="code", required=False
    )
    language = forms.ModelMultipleChoiceField(
        Language.objects.all(), to_field_name="code", required=False
    )
    max_months = forms.IntegerField(min_value=1, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("occupation") and data.get("segment"):
            message = _("Give an occupation or a segment, not both.")
            self.add_error("occupation", message)
            self.add_error("segment", message)
        return data

    def query(self) -> PathwayQuery:
        """The search the valid parameters ask for."""
        data = self.cleaned_data
        return PathwayQuery(
            starting_point=data["start"],
            occupation=data["occupation"],
            segment=data["segment"],
            countries=frozenset(data["country"]),
            regions=tuple(sorted(data["region"], key=lambda region: region.code)),
            languages=frozenset(language.code for language in data["language"]),
            max_months=data["max_months"],
        )


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
        "max_months",
        {"type": "integer", "minimum": 1},
        description=(
            "Longest total study time in months. A route with a step whose duration is not recorded does "
            "not fit it: if its recorded durations fit, it is in unknown_duration_routes instead of routes."
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


class PathwayViewSet(viewsets.ViewSet):
    """Routes from a starting point through one to three programmes to the occupations of the battery industry.

    The same search as the pathway pages (rules: gaps/pathways/search.py). Not paginated: the answer holds at most a few
    dozen routes, best first, and total says how many there are before that cap. removed counts the routes each
    preference removed; when there are none, blockers say which preference removed them and how many routes
    relaxing it would give. Texts meant for people (reason, message) follow Accept-Language.
    """

    @extend_schema(
        operation_id="v1_pathways_search",
        parameters=PARAMETERS,
        responses={200: PathwayResultSerializer, 400: PARAMETER_ERRORS},
    )
    def list(self, request: Request) -> Response:
        # Queries: one per model parameter given (start, occupation or segment, region, language), then
        # load_network()'s fixed few; nothing per programme or route.
        parameters = PathwayParameters(request.query_params)
        if not parameters.is_valid():
            raise translate_validation(parameters.errors)  # 400 {parameter: [reasons]}
        result = find_pathways(parameters.query())
        serializer = PathwayResultSerializer(result, context={"request": request})
        return Response(serializer.data)
