"""Partner API of the gap analysis and of overlapping programmes: /api/v1/gaps/ and /api/v1/overlaps/.

The same analyses as the gap pages (rules: gaps/analysis/compare.py, gaps/analysis/overlaps.py), with the same filters (GapForm) and
the same visibility rule: every figure counts only the needs the caller may see (anonymous callers public needs,
logged-in partners also partners' needs, coordinators all).
Both answer one analysis in pages of rows; the rows are computed in a fixed number of queries and paged in Python.
Their OpenAPI parameters and examples are in gaps/analysis/api_schema.py.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_filters.utils import translate_validation
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
)
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from batteryregion.query_parameters import KnownQueryParameters
from gaps.analysis.api_schema import (
    GAP_EXAMPLE,
    GAP_PARAMETERS,
    LEVELS_EXAMPLE,
    NO_PAGE,
    OVERLAP_EXAMPLE,
    OVERLAP_PARAMETERS,
    parameter_errors,
)
from gaps.analysis.compare import analyse
from gaps.analysis.forms import EXAMPLES_EXCLUDE, EXAMPLES_INCLUDE, GapForm
from gaps.analysis.overlap_serializers import (
    OverlapPageSerializer,
)
from gaps.analysis.overlaps import (
    MIN_SIMILARITY,
    OverlapQuery,
    groups,
    split_overlaps,
)
from gaps.analysis.parameters import KEY_MODELS, Dimension, GapQuery
from gaps.analysis.serializers import (
    AnalysisPagination,
    GapPageSerializer,
    key_code,
    thresholds,
)
from skills.models import Country, Segment

# Django's own message, already translated in Django's and our catalogues; it names the value.
UNKNOWN = _("Select a valid choice. %(value)s is not one of the available choices.")
UNKNOWN_KEY = {
    Dimension.SEGMENT: _("“%(value)s” is not a part of the value chain."),
    Dimension.OCCUPATION: _("“%(value)s” is not an occupation on the map."),
    Dimension.SKILL: _("“%(value)s” is not a skill on the map."),
}
LEVELS_REVERSED = _("The highest level must not be below the lowest level.")
PAGE_PARAMETER_NAMES = (
    AnalysisPagination.page_query_param,
    AnalysisPagination.page_size_query_param,
)


class GapParameters(GapForm):
    """The query string of /api/v1/gaps/: GapForm's filters, plus the dimension and optionally one key of it.

    Validating costs one query when `key` is given (looking it up), none otherwise.
    """

    dimension = forms.ChoiceField(choices=Dimension.choices, required=False)
    key = forms.CharField(required=False, max_length=250)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.key_object = None
        if "dimension" in self.errors:
            return data  # the key cannot be looked up without knowing what it names
        data["dimension"] = dimension = data.get("dimension") or Dimension.SEGMENT
        if key := data.get("key"):
            field = "code" if dimension == Dimension.SEGMENT else "slug"
            self.key_object = (
                KEY_MODELS[dimension].objects.filter(**{field: key}).first()
            )
            if self.key_object is None:
                message = ValidationError(
                    UNKNOWN_KEY[dimension],
                    code="invalid_choice",
                    params={"value": Truncator(key).chars(40)},
                )
                self.add_error("key", message)
        return data

    def query(self) -> GapQuery:
        """The analysis the valid parameters ask for."""
        keys = (self.key_object.pk,) if self.key_object else ()
        return self.gap_query(self.cleaned_data["dimension"], keys=keys)


class BooleanParameter(forms.TypedChoiceField):
    """true or false (also 1 or 0, any case); anything else is an error, not a silent false."""

    def __init__(self, **kwargs: Any) -> None:
        choices = [(v, v) for v in ("true", "false", "1", "0")]
        super().__init__(
            choices=choices,
            coerce=lambda value: value in ("true", "1"),
            empty_value=False,
            required=False,
            error_messages={"invalid_choice": UNKNOWN},
            **kwargs,
        )

    def to_python(self, value: Any) -> str:
        return super().to_python(value).lower()


class OverlapParameters(forms.Form):
    """The query string of /api/v1/overlaps/: GapForm's level band and countries, a segment code, across_border
    and min_similarity. Validating costs one query when `segment` is given, none otherwise."""

    # The very fields of GapForm, so that labels, choices and messages stay the same (forms copy them per instance).
    min_level = GapForm.base_fields["min_level"]
    max_level = GapForm.base_fields["max_level"]
    country = GapForm.base_fields["country"]
    segment = forms.ModelChoiceField(
        Segment.objects.all(),
        to_field_name="code",
        required=False,
        error_messages={"invalid_choice": UNKNOWN},
    )
    across_border = BooleanParameter()
    min_similarity = forms.FloatField(min_value=0, max_value=1, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("min_level"), data.get("max_level")
        if low is not None and high is not None and low > high:
            self.add_error("max_level", LEVELS_REVERSED)
        return data

    def query(self) -> OverlapQuery:
        """The search the valid parameters ask for."""
        data = self.cleaned_data
        similarity = data["min_similarity"]
        return OverlapQuery(
            min_level=data["min_level"],
            max_level=data["max_level"],
            countries=tuple(sorted(data["country"])),
            segment=data["segment"].pk if data["segment"] else None,
            across_border=data["across_border"],
            min_similarity=MIN_SIMILARITY if similarity is None else similarity,
        )


# --- views -----------------------------------------------------------------------------------------------------------


class GapViewSet(KnownQueryParameters, viewsets.ViewSet):
    """Demand (competence needs) against supply (study places) per segment, occupation or skill and region.

    The same analysis as the gap pages (rules: "How the gap analysis works"): demand in weighted people per year,
    supply in places per year, a status per row. Every figure counts only the needs the caller may see: anonymous
    callers public needs, logged-in partners also partners' needs, coordinators all, confidential ones included (not
    to be published as such). A need the caller may not see changes nothing in the answer, whatever the parameters.
    Rows in value-chain order (segments) or by slug, then by region code; paged, with the parameters, rules and data
    dates of the whole answer on every page.

    Changed in December 2026: the row field `withheld` and `thresholds.min_sources` are gone. Needs hidden from the
    caller used to count when they came from at least three sources; they no longer count at all.
    """

    query_form = GapParameters
    query_parameters = PAGE_PARAMETER_NAMES

    @extend_schema(
        operation_id="v1_gaps_list",
        parameters=GAP_PARAMETERS,
        responses={
            200: GapPageSerializer,
            400: parameter_errors(
                LEVELS_EXAMPLE,
                OpenApiExample(
                    "Unknown key",
                    value={"key": ["“nope” is not a part of the value chain."]},
                ),
            ),
            404: NO_PAGE,
        },
        examples=[GAP_EXAMPLE],
    )
    def list(self, request: Request) -> Response:
        # Queries (the same with examples included or excluded): analyse()'s five (regions, needs, offerings, the keys
        # of their programmes, the keys of the rows); one more for key; a logged-in caller's session and user, then
        # their permissions (two). Nothing per row: the same count for 10 rows or 10,000.
        parameters = GapParameters(request.query_params)
        if not parameters.is_valid():
            raise translate_validation(parameters.errors)  # 400 {parameter: [reasons]}
        paginator = AnalysisPagination()
        paginator.get_page_size(request)  # a bad page size is a 400 before the work
        query = parameters.query()
        analysis = analyse(query, request.user)
        page = paginator.paginate_queryset(analysis.cells, request, view=self)
        body = {
            "parameters": {
                "dimension": query.dimension,
                "key": key_code(parameters.key_object)
                if parameters.key_object
                else None,
                "horizon": query.horizon,
                "min_level": query.min_level,
                "max_level": query.max_level,
                "countries": sorted(query.country_codes),
                "statuses": sorted(query.statuses),
                "reference_year": query.reference_year,
                "examples": EXAMPLES_INCLUDE if query.examples else EXAMPLES_EXCLUDE,
                "oldest_intake_year": query.oldest_intake_year,
            },
            "thresholds": thresholds(),
            "inputs": analysis.inputs(),
            "count": paginator.page.paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": page,
        }
        context = {"request": request, "dimension": query.dimension}
        return Response(GapPageSerializer(body, context=context).data)


class OverlapViewSet(KnownQueryParameters, viewsets.ViewSet):
    """Pairs of programmes that teach largely the same skills: candidates for joint teaching, shared teachers and
    joint student recruitment.

    Two published programmes at the same EQF level, from different providers (or one provider in different
    regions), whose skills overlap by at least min_similarity (Jaccard index) with at least two shared skills. Pairs
    best first; groups chain the pairs of the whole answer (A–B, B–C) and are the same on every page.

    Today's pairs (`count`, `results`, `groups`) are between programmes that run today. Planned and proposed
    programmes that would overlap a programme by the same rule are listed apart, in `planned`, with their
    availability and expected start (added in December 2026; before, they were mixed into today's pairs).
    """

    query_form = OverlapParameters
    query_parameters = PAGE_PARAMETER_NAMES

    @extend_schema(
        operation_id="v1_overlaps_list",
        parameters=OVERLAP_PARAMETERS,
        responses={
            200: OverlapPageSerializer,
            400: parameter_errors(
                LEVELS_EXAMPLE,
                OpenApiExample(
                    "Similarity out of range",
                    value={
                        "min_similarity": [
                            "Ensure this value is less than or equal to 1."
                        ]
                    },
                ),
            ),
            404: NO_PAGE,
        },
        examples=[OVERLAP_EXAMPLE],
    )
    def list(self, request: Request) -> Response:
        # Queries: the pairs (1); today's page's programmes, offerings (with sites and regions) and skills (3) and the
        # planned pairs' (3), each only when there are such pairs; one more for segment; a logged-in caller's session
        # and user. Nothing per pair.
        parameters = OverlapParameters(request.query_params)
        if not parameters.is_valid():
            raise translate_validation(parameters.errors)
        paginator = AnalysisPagination()
        paginator.get_page_size(request)
        query = parameters.query()
        split = split_overlaps(query)
        overlaps = (
            split.today
        )  # planned and proposed programmes are apart, in "planned"
        page = paginator.paginate_queryset(overlaps, request, view=self)
        segment = parameters.cleaned_data["segment"]
        body = {
            "parameters": {
                "min_level": query.min_level,
                "max_level": query.max_level,
                "countries": sorted(query.countries or Country.values),
                "segment": segment.code if segment else None,
                "across_border": query.across_border,
                "min_similarity": query.min_similarity,
            },
            "count": paginator.page.paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "groups": [
                [programme.slug for programme in group] for group in groups(overlaps)
            ],
            "results": page,
            "planned": list(split.planned),
        }
        return Response(OverlapPageSerializer(body, context={"request": request}).data)
