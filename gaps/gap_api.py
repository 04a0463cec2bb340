"""Partner API of the gap analysis and of overlapping programmes: /api/v1/gaps/ and /api/v1/overlaps/.

The same analyses as the gap pages (rules: gaps/analysis.py, gaps/overlaps.py), with the same filters (GapForm) and
the same visibility rule: anonymous callers get the public aggregate, logged-in partners and coordinators more.
Both answer one analysis in pages of rows; the rows are computed in a fixed number of queries and paged in Python.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
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

from batteryregion.serializers import PartnerPagination
from gaps.analysis import analyse
from gaps.forms import EXAMPLES_EXCLUDE, EXAMPLES_INCLUDE, GapForm
from gaps.gap_serializers import (
    GapPageSerializer,
    key_code,
    thresholds,
)
from gaps.overlap_serializers import (
    OverlapPageSerializer,
)
from gaps.overlaps import (
    MIN_SHARED,
    MIN_SIMILARITY,
    OverlapQuery,
    find_overlaps,
    groups,
)
from gaps.parameters import KEY_MODELS, Dimension, GapQuery
from skills.models import CompetenceNeed, Country, Segment

# Django's own message, already translated in Django's and our catalogues; it names the value.
UNKNOWN = _("Select a valid choice. %(value)s is not one of the available choices.")
UNKNOWN_KEY = {
    Dimension.SEGMENT: _("“%(value)s” is not a part of the value chain."),
    Dimension.OCCUPATION: _("“%(value)s” is not an occupation on the map."),
    Dimension.SKILL: _("“%(value)s” is not a skill on the map."),
}
LEVELS_REVERSED = _("The highest level must not be below the lowest level.")


class AnalysisPagination(PartnerPagination):
    """Pages of 100 rows, ?page_size= from 1 to 500: an analysis is more often read whole than a catalogue."""

    page_size = 100
    max_page_size = 500


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


# --- schema ----------------------------------------------------------------------------------------------------------

LEVEL_PARAMETERS = [
    OpenApiParameter(
        "min_level",
        {"type": "integer", "minimum": 1, "maximum": 8, "default": 1},
        description="Lowest EQF level of the band; programmes that award no level count in every band.",
    ),
    OpenApiParameter(
        "max_level",
        {"type": "integer", "minimum": 1, "maximum": 8, "default": 8},
        description="Highest EQF level of the band; not below min_level.",
    ),
]
PAGE_PARAMETERS = [
    OpenApiParameter(
        "page",
        {"type": "integer", "minimum": 1, "default": 1},
        description="Page number; a page past the last is a 404.",
    ),
    OpenApiParameter(
        "page_size",
        {
            "type": "integer",
            "minimum": 1,
            "maximum": AnalysisPagination.max_page_size,
            "default": AnalysisPagination.page_size,
        },
        description="Rows per page.",
    ),
]

GAP_PARAMETERS = [
    OpenApiParameter(
        "dimension",
        str,
        enum=Dimension.values,
        default=Dimension.SEGMENT,
        description=(
            "What a row is about: a value-chain segment, an occupation or a skill. A need counts in full toward "
            "each segment, occupation or skill it belongs to, so rows are not added up."
        ),
    ),
    OpenApiParameter(
        "key",
        str,
        description=(
            "Only the rows of one segment (its code, /api/v1/segments/), occupation or skill (its slug, "
            "/api/v1/occupations/, /api/v1/skills/), as dimension says."
        ),
    ),
    OpenApiParameter(
        "horizon",
        {"type": "integer", "minimum": 2000, "maximum": 2100},
        description="Last target year counted; without it, needs of every year count.",
    ),
    *LEVEL_PARAMETERS,
    OpenApiParameter(
        "country",
        str,
        many=True,
        enum=Country.values,
        description="Countries whose needs and regions are shown; repeatable. Empty: both. Programmes across the "
        "border still decide the status across-border.",
    ),
    OpenApiParameter(
        "status",
        str,
        many=True,
        enum=CompetenceNeed.Status.values,
        description="Statuses of the needs counted; repeatable. Empty: standing needs only.",
    ),
    OpenApiParameter(
        "examples",
        str,
        enum=[EXAMPLES_INCLUDE, EXAMPLES_EXCLUDE],
        default=EXAMPLES_INCLUDE,
        description=(
            "include: needs and intake figures marked as example data (written by the project to show how the map "
            "works) count; exclude: only real ones do. Each row says how much of it is example data either way."
        ),
    ),
    *PAGE_PARAMETERS,
]

OVERLAP_PARAMETERS = [
    *LEVEL_PARAMETERS,
    OpenApiParameter(
        "country",
        str,
        many=True,
        enum=Country.values,
        description="A programme counts when it is given in one of these countries; repeatable. Empty: both.",
    ),
    OpenApiParameter(
        "segment",
        str,
        description="Only programmes serving this value-chain segment: its code (/api/v1/segments/).",
    ),
    OpenApiParameter(
        "across_border",
        bool,
        default=False,
        description="true: only pairs with one programme in a country the other is not given in.",
    ),
    OpenApiParameter(
        "min_similarity",
        {"type": "number", "minimum": 0, "maximum": 1, "default": MIN_SIMILARITY},
        description=(
            "Lowest similarity listed: skills taught by both / skills taught by either. Pairs also share at "
            f"least {MIN_SHARED} skills."
        ),
    ),
    *PAGE_PARAMETERS,
]


def parameter_errors(*examples: OpenApiExample) -> OpenApiResponse:
    return OpenApiResponse(
        response={
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        description=(
            "A parameter is invalid, names nothing we hold, or contradicts another: each such parameter with its "
            "reasons, in the language of Accept-Language."
        ),
        examples=list(examples),
    )


LEVELS_EXAMPLE = OpenApiExample(
    "Levels in the wrong order",
    value={"max_level": ["The highest level must not be below the lowest level."]},
)
NO_PAGE = OpenApiResponse(
    response={
        "type": "object",
        "properties": {"page": {"type": "array", "items": {"type": "string"}}},
    },
    description="There is no such page: the reason, in the language of Accept-Language.",
    examples=[
        OpenApiExample(
            "Past the last page",
            value={"page": ["There is no page 9 of these results."]},
        )
    ],
)

NAME = {"fi": "Kierrätys", "sv": "Återvinning", "en": "Recycling"}
REGION = {
    "code": "FI1D9",
    "name": {
        "fi": "Pohjois-Pohjanmaa",
        "sv": "Norra Österbotten",
        "en": "North Ostrobothnia",
    },
    "country": "FI",
    "level": 3,
}
GAP_EXAMPLE = OpenApiExample(
    "Recycling in North Ostrobothnia",
    response_only=True,
    value={
        "parameters": {
            "dimension": "segment",
            "key": "recycling",
            "horizon": None,
            "min_level": 1,
            "max_level": 8,
            "countries": ["FI", "SE"],
            "statuses": ["standing"],
            "reference_year": 2026,
            "examples": "include",
            "oldest_intake_year": 2024,
        },
        "thresholds": thresholds(),
        "inputs": {
            "needs_oldest": "2026-05-01",
            "needs_newest": "2026-05-01",
            "programmes_oldest": "2026-03-15",
            "programmes_newest": "2026-03-15",
        },
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "key": {"code": "recycling", "name": NAME},
                "region": REGION,
                "people": 10,
                "demand": 7.5,
                "supply": 4.0,
                "filled": 3.6,
                "difference": -3.5,
                "ratio": 0.533,
                "unmet": 3.9,
                "status": "under-supplied",
                "needs": 1,
                "sources": 1,
                "examples": 0,
                "example_people": 0,
                "example_demand": 0.0,
                "example_programmes": 0,
                "example_places": 0.0,
                "rests_on_examples": False,
                "withheld": False,
                "programmes": 1,
                "unknown_places": 0,
                "programmes_in_country": 1,
                "programmes_across_border": 0,
                "needs_oldest": "2026-05-01",
                "needs_newest": "2026-05-01",
                "programmes_oldest": "2026-03-15",
                "programmes_newest": "2026-03-15",
                "page_url": {
                    code: f"https://example.org/{code}/gaps/segment/recycling/"
                    for code in ("fi", "sv", "en")
                },
            }
        ],
    },
)


def programme_example(slug: str, name: str, provider: str, region: str) -> dict:
    return {
        "slug": slug,
        "name": {"fi": name, "sv": name, "en": name},
        "provider": {
            "slug": provider,
            "name": {"fi": provider, "sv": provider, "en": provider},
        },
        "level": 5,
        "countries": [region[:2]],
        "regions": [region],
        "page_url": {
            code: f"https://example.org/{code}/programmes/{slug}/"
            for code in ("fi", "sv", "en")
        },
    }


OVERLAP_EXAMPLE = OpenApiExample(
    "Two battery technician programmes across the border",
    response_only=True,
    value={
        "parameters": {
            "min_level": 1,
            "max_level": 8,
            "countries": ["FI", "SE"],
            "segment": None,
            "across_border": True,
            "min_similarity": 0.5,
        },
        "count": 1,
        "next": None,
        "previous": None,
        "groups": [["battery-technician-fi", "battery-technician-se"]],
        "results": [
            {
                "similarity": 0.6,
                "across_border": True,
                "first": programme_example(
                    "battery-technician-fi", "Battery technician", "osao", "FI1D9"
                ),
                "second": programme_example(
                    "battery-technician-se",
                    "Battery technician",
                    "skelleftea-yh",
                    "SE331",
                ),
                "shared": ["battery-assembly", "cell-chemistry", "quality-control"],
                "only_first": ["electrical-safety"],
                "only_second": ["lean-production"],
            }
        ],
    },
)


# --- views -----------------------------------------------------------------------------------------------------------


class GapViewSet(viewsets.ViewSet):
    """Demand (competence needs) against supply (study places) per segment, occupation or skill and region.

    The same analysis as the gap pages (rules: "How the gap analysis works"): demand in weighted people per year,
    supply in places per year, a status per row. Needs the caller may not see count only when they come from at
    least thresholds.min_sources sources; otherwise the row says withheld. Rows in value-chain order (segments) or
    by slug, then by region code; paged, with the parameters, rules and data dates of the whole answer on every page.
    """

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
        # Queries (the same with examples included or excluded): analyse()'s five for segments (regions, demand of needs naming segments and of needs naming
        # none, supply, the segments) or four otherwise; one more for key; a logged-in caller's session and user,
        # then their permissions (two). Nothing per row: the same count for 10 rows or 10,000.
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


class OverlapViewSet(viewsets.ViewSet):
    """Pairs of programmes that teach largely the same skills: candidates for joint teaching, shared teachers and
    joint student recruitment.

    Two published programmes at the same EQF level, from different providers (or one provider in different
    regions), whose skills overlap by at least min_similarity (Jaccard index) with at least two shared skills. Pairs
    best first; groups chain the pairs of the whole answer (A–B, B–C) and are the same on every page.
    """

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
        # Queries: find_overlaps()'s six (pairs; programmes; their offerings, sites and regions; skills), or one
        # when there is no pair; one more for segment; a logged-in caller's session and user. Nothing per pair.
        parameters = OverlapParameters(request.query_params)
        if not parameters.is_valid():
            raise translate_validation(parameters.errors)
        paginator = AnalysisPagination()
        paginator.get_page_size(request)
        query = parameters.query()
        overlaps = find_overlaps(query)
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
        }
        return Response(OverlapPageSerializer(body, context={"request": request}).data)
