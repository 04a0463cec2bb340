"""The OpenAPI description of /api/v1/gaps/ and /api/v1/overlaps/: their query parameters, errors and examples.

Kept apart from the views (gaps/analysis/api.py), which it only describes: drf-spectacular reads it to write the schema.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse

from gaps.analysis.forms import EXAMPLES_EXCLUDE, EXAMPLES_INCLUDE
from gaps.analysis.overlaps import MIN_SHARED, MIN_SIMILARITY
from gaps.analysis.parameters import Dimension
from gaps.analysis.serializers import AnalysisPagination, thresholds
from skills.models import CompetenceNeed, Country

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
                "planned_places": 0.0,
                "planned_programmes": 0,
                "planned_status": "under-supplied",
                "needs": 1,
                "sources": 1,
                "examples": 0,
                "example_people": 0,
                "example_demand": 0.0,
                "example_programmes": 0,
                "example_places": 0.0,
                "rests_on_examples": False,
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
        "planned": [],
    },
)
