"""The OpenAPI schema is valid and describes the real responses; its documentation pages load nothing from elsewhere."""

import re

import pytest
from django.contrib.staticfiles import finders
from drf_spectacular.drainage import GENERATOR_STATS
from openapi_spec_validator import validate

from batteryregion.api import REDOC_STYLE_HASHES
from tests.api.factories import (
    complete_actor,
    complete_occupation,
    complete_programme,
    region_chain,
)
from tests.factories import (
    ActionFactory,
    ActorLinkFactory,
    CompetenceNeedFactory,
    EducationFieldFactory,
    MunicipalityFactory,
    SegmentFactory,
    SkillFactory,
    WorkshopFactory,
    pathway_programme,
)

pytestmark = pytest.mark.django_db

SCHEMA = "/api/schema/?format=json"
# Searches answer one result object, not pages of a resource; they have no detail.
SEARCHES = {"/api/v1/pathways/"}
# Analyses answer pages of computed rows with the parameters they used; they have no detail either.
ANALYSES = {"/api/v1/gaps/", "/api/v1/overlaps/"}
# The bulk export answers a zip and its manifest: files, not pages of records (tests/api/test_export.py).
EXPORTS = {"/api/v1/export/", "/api/v1/export/manifest/"}
# The change feed answers pages of changes across the resources, cursor-paged; it has no detail (test_sync_feed.py).
FEEDS = {"/api/v1/changes/"}


@pytest.fixture
def one_of_everything() -> None:
    """A row behind every endpoint, so that each list has an item to compare with the schema."""
    region_chain("FI")
    complete_programme()
    complete_actor()
    complete_occupation()
    CompetenceNeedFactory()
    EducationFieldFactory()
    MunicipalityFactory()
    ActorLinkFactory()
    ActionFactory()
    WorkshopFactory()


@pytest.fixture
def schema(api_client) -> dict:
    response = api_client.get(SCHEMA)
    assert response.status_code == 200
    return response.json()


def resolve(schema: dict, node: dict) -> dict:
    """The component a {"$ref": "#/components/schemas/X"} points to (or the node itself)."""
    if "$ref" not in node:
        return node
    return schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]


def response_schema(schema: dict, path: str) -> dict:
    return resolve(
        schema,
        schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"][
            "schema"
        ],
    )


def test_the_schema_is_a_valid_openapi_3_document(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")


def test_generating_the_schema_gives_no_warnings(api_client, capsys):
    GENERATOR_STATS.reset()

    api_client.get(SCHEMA)

    assert not GENERATOR_STATS, capsys.readouterr().err


def test_the_schema_describes_every_resource_with_list_and_detail(schema):
    resources = [
        "segments",
        "regions",
        "municipalities",
        "levels",
        "qualification-types",
        "education-fields",
        "skills",
        "occupations",
        "actors",
    ]
    resources += [
        "programmes",
        "competence-needs",
        "actor-links",
        "cooperation-actions",
        "workshops",
    ]
    lists = {
        path for path in schema["paths"] if path.endswith("s/") and "{" not in path
    } - (SEARCHES | ANALYSES | FEEDS)

    assert lists == {f"/api/v1/{resource}/" for resource in resources}
    for path in lists:
        assert (
            len(
                [
                    detail
                    for detail in schema["paths"]
                    if detail.startswith(path) and detail != path
                ]
            )
            == 1
        )


def test_each_list_and_detail_item_has_exactly_the_properties_of_its_schema(
    api_client, schema, one_of_everything
):
    for path in schema["paths"]:
        if "{" in path or path in SEARCHES | ANALYSES | EXPORTS | FEEDS:
            continue
        page = response_schema(schema, path)
        item_schema = resolve(schema, page["properties"]["results"]["items"])
        item = api_client.get(path).json()["results"][0]
        assert set(item) == set(item_schema["properties"]), path

        (detail_path,) = (
            detail
            for detail in schema["paths"]
            if detail.startswith(path) and detail != path
        )
        lookup = re.search(r"{(\w+)}", detail_path).group(1)
        detail = api_client.get(detail_path.replace(f"{{{lookup}}}", str(item[lookup])))
        assert detail.status_code == 200, detail_path
        assert set(detail.json()) == set(
            response_schema(schema, detail_path)["properties"]
        ), detail_path


def assert_same_properties(schema: dict, node: dict, value: object, where: str) -> None:
    """Every object in `value`, however deep, has exactly the properties its schema node lists."""
    node = resolve(schema, node)
    if "allOf" in node:
        (node,) = (resolve(schema, part) for part in node["allOf"])
        node = resolve(schema, node)
    if "oneOf" in node and isinstance(value, dict):
        # The one alternative whose properties the object has (a gap row's key: {code, name} or {slug, name}).
        (node,) = (
            alternative
            for alternative in (resolve(schema, part) for part in node["oneOf"])
            if set(alternative["properties"]) == set(value)
        )
    if isinstance(value, dict) and "properties" in node:
        assert set(value) == set(node["properties"]), where
        for key, item in value.items():
            assert_same_properties(
                schema, node["properties"][key], item, f"{where}.{key}"
            )
    elif isinstance(value, list) and "items" in node:
        for item in value:
            assert_same_properties(schema, node["items"], item, f"{where}[]")


def test_a_pathway_search_has_exactly_the_properties_of_its_schema_at_every_depth(
    api_client, schema, one_of_everything
):
    # complete_programme() is open to fi-basic and leads to an occupation; within one month nothing is.
    found = api_client.get("/api/v1/pathways/", {"start": "fi-basic"}).json()
    blocked = api_client.get(
        "/api/v1/pathways/", {"start": "fi-basic", "max_months": 1}
    ).json()
    assert found["routes"][0]["steps"] and blocked["blockers"]

    for result in [found, blocked]:
        assert_same_properties(
            schema, response_schema(schema, "/api/v1/pathways/"), result, "result"
        )
    pathways = schema["paths"]["/api/v1/pathways/"]["get"]
    assert {parameter["name"] for parameter in pathways["parameters"]} == {
        "start",
        "occupation",
        "segment",
        "country",
        "region",
        "language",
        "months",
        "max_months",
        "field",
        "home",
        "age",
        "situation",
        "mobility",
        "format",
    }
    assert all(parameter.get("description") for parameter in pathways["parameters"])
    assert "400" in pathways["responses"]


def test_translated_fields_are_described_as_an_object_with_every_language(schema):
    translated = schema["components"]["schemas"]["TranslatedText"]
    name = schema["components"]["schemas"]["Programme"]["properties"]["name"]

    assert translated["properties"] == {
        code: {"type": "string", "nullable": True} for code in ["fi", "sv", "en"]
    }
    assert sorted(translated["required"]) == ["en", "fi", "sv"]
    assert name["allOf"] == [{"$ref": "#/components/schemas/TranslatedText"}]


def assets(html: str) -> list[str]:
    return re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)


def test_the_swagger_page_loads_only_our_own_static_files(api_client):
    response = api_client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    urls = assets(html)
    assert urls, html
    assert not [url for url in urls if re.match(r"(https?:)?//", url)]
    # The start-up script and the page's styles are files too, for the strict Content Security Policy.
    assert "<script>" not in html and "<style" not in html
    for url in urls:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url
        else:
            assert api_client.get(url).status_code == 200, url


def test_the_redoc_page_loads_only_our_own_static_files(api_client):
    response = api_client.get("/api/redoc/")

    assert response.status_code == 200
    html = response.content.decode()
    urls = assets(html)
    assert urls == [
        "/static/css/redoc.css",
        "/static/js/redoc.js",
        "/static/js/api_docs.js",
        "/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js",
    ]
    for url in urls:
        assert finders.find(url.removeprefix("/static/")), url
    assert "<script>" not in html and "<style" not in html
    assert 'spec-url="/api/schema/"' in html


def test_the_redoc_page_allows_only_the_styles_and_worker_redoc_makes(api_client):
    header = api_client.get("/api/redoc/")["Content-Security-Policy"]
    policy = dict(directive.strip().split(" ", 1) for directive in header.split(";"))
    # Two hashes of exact style texts (batteryregion/api.py), never 'unsafe-inline'.
    assert policy["style-src"].split() == ["'self'", *REDOC_STYLE_HASHES]
    assert policy["worker-src"] == "blob:"
    assert policy["script-src"] == "'self'"


@pytest.fixture
def gaps_and_overlaps(db) -> None:
    """A segment row, an occupation row and a skill row, and two overlapping programmes."""
    skills = SkillFactory.create_batch(3)
    segment = SegmentFactory(code="recycling")
    need = CompetenceNeedFactory(region=region_chain("FI")[3])
    need.segments.set([segment])
    need.skills.set(skills[:1])
    for slug, country in [("overlap-fi", "FI"), ("overlap-se", "SE")]:
        programme = pathway_programme(
            slug, country=country, teaches=skills, leads_to=[need.occupation]
        )
        programme.segments.set([segment])


@pytest.mark.parametrize(
    ("path", "parameters"),
    [
        ("/api/v1/gaps/", {}),
        ("/api/v1/gaps/", {"dimension": "occupation"}),
        ("/api/v1/gaps/", {"dimension": "skill"}),
        ("/api/v1/overlaps/", {}),
    ],
)
def test_gaps_and_overlaps_have_exactly_the_properties_of_their_schema_at_every_depth(
    api_client, schema, gaps_and_overlaps, path, parameters
):
    body = api_client.get(path, parameters).json()
    assert body["results"]

    page = response_schema(schema, path)
    assert_same_properties(schema, page, body, path)
    operation = schema["paths"][path]["get"]
    assert all(parameter.get("description") for parameter in operation["parameters"])
    assert {"400", "404"} <= set(operation["responses"])
    # The documented example has the shape of a real answer, too.
    (example,) = operation["responses"]["200"]["content"]["application/json"][
        "examples"
    ].values()
    assert_same_properties(schema, page, example["value"], f"{path} example")
    assert set(example["value"]["results"][0]) == set(body["results"][0])


def test_the_gap_parameters_are_those_of_the_gap_form_and_pages(schema):
    names = {
        path: {
            parameter["name"]
            for parameter in schema["paths"][path]["get"]["parameters"]
        }
        for path in ANALYSES
    }

    assert names["/api/v1/gaps/"] == {
        "dimension",
        "key",
        "horizon",
        "min_level",
        "max_level",
        "country",
        "status",
        "examples",
        "page",
        "page_size",
        "format",
    }
    assert names["/api/v1/overlaps/"] == {
        "min_level",
        "max_level",
        "country",
        "segment",
        "across_border",
        "min_similarity",
        "page",
        "page_size",
        "format",
    }
