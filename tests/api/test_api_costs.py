"""What the partner API costs: a fixed number of queries per list (the same for 1 and 200 rows) and per detail, and
the fast paths (row serializers, hand-written items, the orjson renderer) writing exactly what DRF's own field
machinery and JSON renderer write for the same records."""

import json
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Model
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils.functional import lazy
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from batteryregion.renderers import FastJSONRenderer
from gaps.analysis.compare import analyse
from gaps.analysis.overlap_serializers import (
    OverlapSerializer,
)
from gaps.analysis.overlaps import OverlapQuery, find_overlaps
from gaps.analysis.parameters import Dimension, GapQuery
from gaps.analysis.serializers import (
    GapCellSerializer,
)
from gaps.cooperation.api_serializers import ActionSerializer
from gaps.cooperation.selectors import actions_for_api
from gaps.pathways.search import PathwayQuery, find_pathways
from gaps.pathways.serializers import PathwayRouteSerializer
from programmes import selectors as programme_selectors
from programmes.models import Programme
from programmes.network_selectors import links_for_api
from programmes.network_serializers import ActorLinkSerializer
from programmes.serializers import ProgrammeDetailSerializer, ProgrammeSerializer
from skills import selectors
from skills.actor_serializers import (
    ActorSerializer,
    CompetenceNeedSerializer,
)
from skills.esco_serializers import (
    OccupationDetailSerializer,
    OccupationSerializer,
    SkillSerializer,
)
from skills.models import CompetenceNeed, QualificationType, Region
from skills.serializers import (
    EducationLevelSerializer,
    QualificationTypeSerializer,
    RegionDetailSerializer,
    RegionSerializer,
    SegmentSerializer,
)
from tests.api.factories import (
    complete_action,
    complete_actor,
    complete_link,
    complete_occupation,
    complete_programme,
    copies_of,
    more_links,
    region_chain,
)
from tests.factories import (
    ActionFactory,
    ActorLinkFactory,
    CompetenceNeedFactory,
    EducationLevelFactory,
    ProgrammeFactory,
    QualificationTypeFactory,
    RegionFactory,
    SegmentFactory,
    SkillFactory,
    pathway_programme,
)

pytestmark = pytest.mark.django_db


def need() -> CompetenceNeed:
    need = CompetenceNeedFactory()
    need.skills.set([SkillFactory()])
    need.segments.set([SegmentFactory()])
    return need


def qualification_type() -> QualificationType:
    return QualificationTypeFactory(
        code=f"type-{QualificationType.objects.count()}",
        level=EducationLevelFactory(level=4),
    )


def region() -> Region:
    """A NUTS 3 region with its parent (made once)."""
    parent = RegionFactory(code="FI1D", level=2)
    # Region codes begin with their country and are at most 5 characters (PostgreSQL enforces it): FI plus 3 digits.
    return RegionFactory(code=f"FI{Region.objects.count():03d}", parent=parent)


def copied(*children: str) -> Callable[[Model, int], None]:
    """More rows like the first, as bulk copies with their links and the named child rows."""
    return lambda record, count: copies_of(record, count, children=children)


def made(make_row: Callable[[], object]) -> Callable[[Model, int], None]:
    """More rows from the factory that made the first (rows with a code rather than a slug)."""
    return lambda record, count: [make_row() for _ in range(count)]


# (list, one row with every kind of related row it shows, more like it, queries)
LISTS = [
    # 1 count, 2 programmes + provider + level + qualification + successor (joined), 3 languages, segments, skills
    # and occupations (one UNION ALL), 4 offerings + site + region + language, 5 entry requirements + type + level
    (
        "/api/v1/programmes/",
        complete_programme,
        copied("offerings", "entry_requirements"),
        5,
    ),
    # 1 count, 2 actors + successor, 3 segments, 4 sites + region
    ("/api/v1/actors/", complete_actor, copied("sites"), 4),
    # 1 count, 2 occupations, 3 segments
    ("/api/v1/occupations/", complete_occupation, copied("skill_links"), 3),
    # 1 count, 2 needs + employer + occupation + region, 3 skills and segments (one UNION ALL)
    ("/api/v1/competence-needs/", need, copied(), 3),
    # 1 count, 2 links + both actors (joined), 3 segments
    ("/api/v1/actor-links/", complete_link, more_links, 3),
    # 1 count, 2 actions, 3 segments, occupations, skills and regions (one UNION ALL), 4 the needs the caller may
    # see, 5 programmes that are not drafts, 6 participants + organisation (joined), 7 figures
    (
        "/api/v1/cooperation-actions/",
        complete_action,
        copied("participants", "figures"),
        7,
    ),
    # 1 count, 2 rows (with their parent region or EQF level joined)
    ("/api/v1/skills/", SkillFactory, copied(), 2),
    ("/api/v1/segments/", SegmentFactory, made(SegmentFactory), 2),
    ("/api/v1/regions/", region, made(region), 2),
    ("/api/v1/qualification-types/", qualification_type, made(qualification_type), 2),
]


@pytest.mark.parametrize(("address", "make_row", "make_more", "queries"), LISTS)
def test_a_list_does_the_same_queries_for_1_and_200_rows(
    api_client, django_assert_num_queries, address, make_row, make_more, queries
):
    first = make_row()
    with django_assert_num_queries(queries):
        small = api_client.get(address, {"page_size": 200}).json()
    make_more(first, 200 - small["count"])
    with django_assert_num_queries(queries):
        large = api_client.get(address, {"page_size": 200}).json()

    assert len(small["results"]) == small["count"] >= 1
    assert len(large["results"]) == large["count"] == 200


def test_the_levels_list_does_two_queries_for_1_and_all_8_levels(
    api_client, django_assert_num_queries
):
    EducationLevelFactory(level=1)
    with django_assert_num_queries(2):
        api_client.get("/api/v1/levels/")
    for level in range(2, 9):
        EducationLevelFactory(level=level)
    with django_assert_num_queries(2):
        assert api_client.get("/api/v1/levels/").json()["count"] == 8


def test_a_logged_in_partner_adds_only_the_session_the_user_and_the_permissions(
    partner_client, django_assert_num_queries
):
    first = need()
    # 1 session, 2 user, 3 and 4 the user's and the groups' permissions (visible_to()), then the 3 of a list
    with django_assert_num_queries(7):
        partner_client.get("/api/v1/competence-needs/", {"page_size": 200})
    copies_of(first, 199)
    with django_assert_num_queries(7):
        response = partner_client.get("/api/v1/competence-needs/", {"page_size": 200})
    assert len(response.json()["results"]) == 200


def detail_addresses() -> list[tuple[str, int]]:
    programme = complete_programme()
    actor = complete_actor()
    occupation = complete_occupation()
    public_need = need()
    link = complete_link()
    action = complete_action()
    return [
        # 1 programme and joins, 2 languages and segments (one UNION ALL), 3 offerings, 4 entry requirements,
        # 5 skills and occupations with their labels (one UNION ALL), 6 intakes
        (f"/api/v1/programmes/{programme.slug}/", 6),
        # 1 actor, 2 segments, 3 sites
        (f"/api/v1/actors/{actor.slug}/", 3),
        # 1 occupation, 2 segments, 3 skill links + skill
        (f"/api/v1/occupations/{occupation.slug}/", 3),
        # 1 need and joins, 2 skills and segments
        (f"/api/v1/competence-needs/{public_need.slug}/", 2),
        # 1 link + both actors, 2 segments
        (f"/api/v1/actor-links/{link.pk}/", 2),
        # 1 action, 2 segments, occupations, skills and regions, 3 needs, 4 programmes, 5 participants, 6 figures
        (f"/api/v1/cooperation-actions/{action.slug}/", 6),
        (f"/api/v1/skills/{occupation.skills.first().slug}/", 1),
        ("/api/v1/segments/recycling/", 1),
        ("/api/v1/regions/FI1D9/", 1),
        ("/api/v1/levels/4/", 1),
        ("/api/v1/qualification-types/fi-basic/", 1),
    ]


def test_each_detail_does_a_fixed_number_of_queries(
    api_client, django_assert_num_queries
):
    for address, queries in detail_addresses():
        with django_assert_num_queries(queries):
            response = api_client.get(address)
        assert response.status_code == 200, address


# --- the fast paths write what DRF writes ----------------------------------------------------------------------------


@pytest.fixture
def http_request():
    return RequestFactory().get("/api/v1/")


def drf_item(
    serializer_class: type[serializers.Serializer], instance: object, request
) -> dict:
    """What DRF's own field machinery writes for the instance, through DRF's JSON renderer: the reference."""
    serializer = serializer_class(context={"request": request})
    data = serializers.Serializer.to_representation(serializer, instance)
    return json.loads(JSONRenderer().render(data))


def sparse_programme() -> Programme:
    """A programme with blanks and nulls wherever they may be, and a draft successor (which is not named)."""
    return ProgrammeFactory(
        description_sv="",
        entry_notes_en="",
        credit_unit="",
        places_per_year=None,
        duration_months=None,
        successor=ProgrammeFactory(state="draft"),
    )


# (list, selector of the records in list order, list serializer, detail serializer, records to make)
RESOURCES: list[tuple[str, Callable, type, type, Callable]] = [
    (
        "/api/v1/programmes/",
        lambda: (
            programme_selectors.programmes_for_api()
            .filter(state="published")
            .prefetch_related("intakes")
        ),
        ProgrammeSerializer,
        ProgrammeDetailSerializer,
        lambda: [
            complete_programme(),
            sparse_programme(),
            complete_programme(kind="course"),
        ],
    ),
    (
        "/api/v1/actors/",
        lambda: selectors.actors_for_api().filter(state="published"),
        ActorSerializer,
        ActorSerializer,
        lambda: [complete_actor(), complete_actor(website="", description_en="")],
    ),
    (
        "/api/v1/occupations/",
        lambda: selectors.occupations_for_api(),
        OccupationSerializer,
        OccupationDetailSerializer,
        lambda: [complete_occupation(), complete_occupation(esco_uri="", isco_code="")],
    ),
    (
        "/api/v1/competence-needs/",
        lambda: selectors.competence_needs_for_api(AnonymousUser()),
        CompetenceNeedSerializer,
        CompetenceNeedSerializer,
        lambda: [
            need(),
            CompetenceNeedFactory(
                employer=None,
                occupation=None,
                source_kind=CompetenceNeed.SourceKind.SURVEY,
                source_name="Survey 2026",
                source_url="",
            ),
        ],
    ),
    (
        "/api/v1/actor-links/",
        lambda: links_for_api().filter(state="published"),
        ActorLinkSerializer,
        ActorLinkSerializer,
        lambda: [
            complete_link(),
            ActorLinkFactory(
                description_sv="",
                started_on=None,
                verified_on=None,
                partner__country="FI",
            ),
        ],
    ),
    (
        "/api/v1/cooperation-actions/",
        lambda: actions_for_api(AnonymousUser()),
        ActionSerializer,
        ActionSerializer,
        lambda: [
            complete_action(),
            ActionFactory(
                description_sv="",
                starts_on=None,
                ends_on=None,
                state="dropped",
                dropped_reason="No funding",
            ),
            ActionFactory(visibility="partners"),
        ],
    ),
    (
        "/api/v1/skills/",
        selectors.skills_for_api,
        SkillSerializer,
        SkillSerializer,
        lambda: [SkillFactory(), SkillFactory(esco_uri="", reuse_level="")],
    ),
    (
        "/api/v1/segments/",
        selectors.segments_for_api,
        SegmentSerializer,
        SegmentSerializer,
        lambda: [SegmentFactory()],
    ),
    (
        "/api/v1/regions/",
        lambda: selectors.regions_for_api(with_boundary=True),
        RegionSerializer,
        RegionDetailSerializer,
        lambda: [region_chain("SE")],
    ),
    (
        "/api/v1/levels/",
        selectors.levels_for_api,
        EducationLevelSerializer,
        EducationLevelSerializer,
        lambda: [EducationLevelFactory(level=2, source_url="")],
    ),
    (
        "/api/v1/qualification-types/",
        selectors.qualification_types_for_api,
        QualificationTypeSerializer,
        QualificationTypeSerializer,
        lambda: [
            qualification_type(),
            QualificationTypeFactory(code="no-level", level=None, country=""),
        ],
    ),
]


@pytest.mark.parametrize(
    ("address", "records", "list_class", "detail_class", "make"), RESOURCES
)
def test_lists_and_details_write_what_drf_writes_for_the_same_records(
    api_client, http_request, address, records, list_class, detail_class, make
):
    make()
    listed = api_client.get(address, {"page_size": 200}).json()["results"]
    expected = [drf_item(list_class, record, http_request) for record in records()]

    assert listed == expected
    for record, item in zip(records(), listed, strict=True):
        identifier = (
            item.get("slug") or item.get("code") or item.get("level") or item.get("id")
        )
        detail = api_client.get(f"{address}{identifier}/").json()
        # DRF leaves out a declared field it cannot read from the record (an occupation's skill lists, which
        # test_an_occupation_detail_lists_… checks); everything else must be equal.
        reference = drf_item(detail_class, record, http_request)
        assert {name: detail[name] for name in reference} == reference
        assert list(detail) == detail_class.Meta.fields


def test_an_occupation_detail_lists_its_essential_and_optional_skills_in_slug_order(
    api_client,
):
    occupation = complete_occupation()
    essential, optional = SkillFactory(slug="a-skill"), SkillFactory(slug="z-skill")
    occupation.skill_links.create(skill=essential, relation="essential")
    occupation.skill_links.create(skill=optional, relation="optional")
    links = occupation.skill_links.select_related("skill").order_by("skill__slug")

    detail = api_client.get(f"/api/v1/occupations/{occupation.slug}/").json()

    assert detail == {
        **drf_item(
            OccupationSerializer,
            selectors.occupations_for_api().get(),
            RequestFactory().get("/"),
        ),
        "essential_skills": [
            link.skill.slug for link in links if link.relation == "essential"
        ],
        "optional_skills": [
            link.skill.slug for link in links if link.relation == "optional"
        ],
        "essential_skill_esco_uris": [
            link.skill.esco_uri for link in links if link.relation == "essential"
        ],
        "optional_skill_esco_uris": [
            link.skill.esco_uri for link in links if link.relation == "optional"
        ],
    }
    assert detail["essential_skills"][0] == "a-skill"


def test_gap_rows_overlaps_and_routes_write_what_drf_writes(http_request):
    recycling = SegmentFactory(code="recycling")
    chain = region_chain("FI")
    need_row = need()
    need_row.segments.set([recycling])
    need_row.region = chain[3]
    need_row.save()
    level = EducationLevelFactory(level=4)
    first = pathway_programme(
        "first", level=level, teaches=SkillFactory.create_batch(3), places=None
    )
    second = pathway_programme(
        "second", level=level, country="SE", teaches=first.skills.all()
    )
    for programme in (first, second):
        programme.segments.set([recycling])
    start = QualificationTypeFactory(
        code="fi-basic", is_starting_point=True, level=None
    )
    pathway_programme("route", accepts=[start], leads_to=[need_row.occupation])

    cells = analyse(GapQuery(dimension=Dimension.SEGMENT), AnonymousUser()).cells
    overlaps = list(find_overlaps(OverlapQuery(min_similarity=0.1)))
    routes = find_pathways(PathwayQuery(starting_point=start)).routes
    assert cells and overlaps and routes

    for serializer_class, rows, context in [
        (GapCellSerializer, cells, {"dimension": Dimension.SEGMENT}),
        (OverlapSerializer, overlaps, {}),
        (PathwayRouteSerializer, routes, {}),
    ]:
        serializer = serializer_class(context={"request": http_request, **context})
        for row in rows:
            fast = json.loads(
                FastJSONRenderer().render(serializer.to_representation(row))
            )
            reference = json.loads(
                JSONRenderer().render(
                    serializers.Serializer.to_representation(serializer, row)
                )
            )
            assert fast == reference


# --- the renderer ----------------------------------------------------------------------------------------------------


def test_the_fast_renderer_writes_the_bytes_of_drfs_renderer():
    lazy_text = lazy(lambda: "Återvinning", str)()
    data = {
        "results": [
            {
                "name": {"fi": "Kierrätys", "sv": lazy_text, "en": None},
                "credits": Decimal("180.0"),
                "latitude": Decimal("65.01210"),
                "ratio": 0.667,
                "count": 2**40,
                "ok": True,
                "text": "line\u2028separator\u2029",
                "nested": [[1, 2.5], {"a": []}],
            }
        ]
    }

    fast = FastJSONRenderer().render(data, "application/json", {})

    assert fast == JSONRenderer().render(data, "application/json", {})
    assert "Kierrätys".encode() in fast  # UTF-8, not \\u escapes
    assert json.loads(fast) == json.loads(JSONRenderer().render(data))


def test_a_value_orjson_refuses_and_indented_json_take_drfs_way():
    huge = {"n": 2**70}
    assert FastJSONRenderer().render(huge) == JSONRenderer().render(huge)
    indented = FastJSONRenderer().render({"a": [1]}, "application/json; indent=4", {})
    assert indented == b'{\n    "a": [\n        1\n    ]\n}'


def test_the_api_answers_json_and_the_browsable_api_to_browsers(api_client):
    complete_programme()

    response = api_client.get(
        "/api/v1/programmes/", headers={"accept": "application/json"}
    )
    page = api_client.get("/api/v1/programmes/", headers={"accept": "text/html"})

    assert response["Content-Type"] == "application/json"
    assert response.json()["count"] == 1
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    assert b"Battery technology" in page.content or b"Akkutekniikka" in page.content


def test_a_list_counts_its_records_without_the_joins_of_its_columns(api_client):
    # The needs' rows join employer, occupation and region for their columns; the count needs none of them.
    need()
    with CaptureQueriesContext(connection) as queries:
        assert api_client.get("/api/v1/competence-needs/").json()["count"] == 1
    [count] = [query["sql"] for query in queries if "COUNT(" in query["sql"]]
    assert "JOIN" not in count


def test_the_needs_list_has_an_index_for_its_filter_and_order():
    # Published needs of one visibility, newest first: the count and the page read the index, not every need.
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, "skills_competenceneed"
        )
    index = constraints["skills_need_list_idx"]
    assert index["columns"] == ["state", "visibility", "stated_on", "slug"]
    assert index["orders"] == ["ASC", "ASC", "DESC", "ASC"]


def test_the_browsable_api_is_a_page_of_the_portal_in_the_visitors_language(
    api_client,
):
    """A browser gets the answer inside the portal's layout (its language, header and footer), with the list's filters
    in a plain form and the JSON link; nothing of DRF's own page (its dialog, scripts or unnamed buttons) remains."""
    complete_programme()

    page = api_client.get(
        "/api/v1/programmes/",
        headers={"accept": "text/html", "accept-language": "sv"},
    ).content.decode()

    assert '<html lang="sv">' in page
    assert '<h1 lang="en">Programme List</h1>' in page
    assert 'href="/api/docs/"' in page and "?format=json" in page
    assert '<form class="api-filter-form" method="get"' in page
    assert "filtersModal" not in page and "data-toggle" not in page
    assert page.count("<main") == 1
