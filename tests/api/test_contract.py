"""The query-string rules of the partner API, on every endpoint: an unknown or repeated parameter and an unknown
format are a 400 naming them, an empty value is no value, and the names each endpoint takes are the ones its schema
documents. The schema side of the contract is in test_contract_schema.py."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from batteryregion.api import router
from batteryregion.query_parameters import known_parameters
from tests.api.factories import complete_actor, complete_programme, region_chain
from tests.factories import (
    ActionFactory,
    ActorLinkFactory,
    CompetenceNeedFactory,
    EducationFieldFactory,
    MunicipalityFactory,
    OccupationFactory,
    QualificationTypeFactory,
    SkillFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db

UNKNOWN = "“%(name)s” is not a parameter of this address. It takes: %(names)s."
REPEATED = "Give “%(name)s” once."
UNKNOWN_VALUE = "Select a valid choice. %(value)s is not one of the available choices."
SEARCHES = {"pathways": {"start": "fi-basic"}}


def lists() -> list[str]:
    return [prefix for prefix, _viewset, _basename in router.registry]


def details() -> list[str]:
    return [
        prefix
        for prefix, viewset, _basename in router.registry
        if hasattr(viewset, "retrieve")
    ]


@pytest.fixture
def data() -> dict[str, str]:
    """One row behind each detail; the address of each."""
    programme = complete_programme()
    actor = complete_actor()
    chain = region_chain("FI")
    QualificationTypeFactory(code="fi-basic", is_starting_point=True)
    segment = programme.segments.first()
    return {
        "programmes": programme.slug,
        "actors": actor.slug,
        "segments": segment.code,
        "regions": chain[0].code,
        "levels": str(programme.awarded_level.level),
        "qualification-types": "fi-basic",
        "skills": programme.skills.first().slug,
        "occupations": programme.occupations.first().slug,
        "municipalities": MunicipalityFactory().code,
        "education-fields": EducationFieldFactory().code,
        "competence-needs": CompetenceNeedFactory().slug,
        "actor-links": str(ActorLinkFactory().pk),
        "cooperation-actions": ActionFactory().slug,
        "workshops": WorkshopFactory().slug,
    }


@pytest.mark.parametrize("prefix", lists())
def test_an_unknown_parameter_of_a_list_is_a_400_that_names_it_and_lists_the_known_ones(
    api_client, prefix
):
    response = api_client.get(
        f"/api/v1/{prefix}/", {**SEARCHES.get(prefix, {}), "segmnet": "recycling"}
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    (message,) = response.json()["segmnet"]
    assert message.startswith(
        "“segmnet” is not a parameter of this address. It takes: "
    )
    assert "format" in message
    assert list(response.json()) == ["segmnet"]


@pytest.mark.parametrize("prefix", details())
def test_a_detail_takes_format_only(api_client, data, prefix):
    address = f"/api/v1/{prefix}/{data[prefix]}/"

    filtered = api_client.get(address, {"q": "x"})
    plain = api_client.get(address, {"format": "json"})

    assert filtered.status_code == 400
    assert filtered.json() == {"q": [UNKNOWN % {"name": "q", "names": "format"}]}
    assert plain.status_code == 200


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_reasons_come_in_the_requests_language(api_client, language):
    response = api_client.get(
        "/api/v1/levels/",
        {"region": "FI1D9", "page": ["1", "2"], "format": "xml"},
        headers={"accept-language": language},
    )

    with translation.override(language):
        assert response.json() == {
            "format": [gettext(UNKNOWN_VALUE) % {"value": "xml"}],
            "page": [gettext(REPEATED) % {"name": "page"}],
            "region": [
                gettext(UNKNOWN)
                % {"name": "region", "names": "format, modified_since, page, page_size"}
            ],
        }


def test_region_is_a_filter_where_a_resource_has_a_region_and_an_error_elsewhere(
    api_client,
):
    actor = complete_actor()
    region = actor.sites.first().region

    actors = api_client.get("/api/v1/actors/", {"region": region.code})
    skills = api_client.get("/api/v1/skills/", {"region": region.code})
    segments = api_client.get("/api/v1/segments/", {"region": region.code})

    assert [row["slug"] for row in actors.json()["results"]] == [actor.slug]
    assert (skills.status_code, list(skills.json())) == (400, ["region"])
    assert (segments.status_code, list(segments.json())) == (400, ["region"])


def test_a_repeatable_parameter_may_be_repeated_and_a_single_one_may_not(api_client):
    complete_programme()

    either = api_client.get(
        "/api/v1/programmes/", {"segment": ["recycling", "cell-manufacturing"]}
    )
    twice = api_client.get("/api/v1/programmes/", {"country": ["FI", "SE"]})
    search = api_client.get("/api/v1/gaps/", {"min_level": ["2", "3"]})

    assert either.status_code == 200
    assert either.json()["count"] == 1
    assert twice.json() == {"country": [REPEATED % {"name": "country"}]}
    assert search.json() == {"min_level": [REPEATED % {"name": "min_level"}]}


@pytest.mark.parametrize(
    ("address", "empty"),
    [
        ("/api/v1/programmes/", "segment=&country=&q=&level=&state=&page=&page_size="),
        ("/api/v1/actors/", "segment=&kind=&region=&q="),
        ("/api/v1/skills/", "is_local=&type=&q="),
        ("/api/v1/competence-needs/", "is_example=&target_year=&status="),
        ("/api/v1/gaps/", "country=&status=&horizon=&key="),
        ("/api/v1/overlaps/", "segment=&across_border=&min_similarity="),
    ],
)
def test_an_empty_value_is_the_same_as_no_parameter(api_client, address, empty):
    complete_programme()
    complete_actor()

    plain = api_client.get(address)
    with_empty = api_client.get(f"{address}?{empty}")

    assert with_empty.status_code == 200, with_empty.content
    assert with_empty.json()["count"] == plain.json()["count"]
    assert with_empty.json()["results"] == plain.json()["results"]


@pytest.mark.parametrize(
    ("value", "status"), [("json", 200), ("api", 200), ("xml", 400)]
)
def test_format_takes_the_formats_of_the_renderers(api_client, value, status):
    response = api_client.get("/api/v1/segments/", {"format": value})

    assert response.status_code == status
    if status == 400:
        assert response.json() == {"format": [UNKNOWN_VALUE % {"value": "xml"}]}


# Values the filters refuse that test_parameters.py leaves out: every choice is checked.
@pytest.mark.parametrize(
    ("address", "parameter", "value"),
    [
        ("/api/v1/programmes/", "state", "draft"),
        ("/api/v1/actors/", "state", "foo"),
        ("/api/v1/municipalities/", "country", "NO"),
        ("/api/v1/municipalities/", "region", "XX999"),
        ("/api/v1/occupations/", "isco", "81\n"),
        ("/api/v1/competence-needs/", "target_year", "99999999999999999999"),
        ("/api/v1/skills/", "esco_uri", "x" * 201),
        ("/api/v1/gaps/", "dimension", "nope"),
        ("/api/v1/gaps/", "examples", "maybe"),
        ("/api/v1/overlaps/", "across_border", "maybe"),
        ("/api/v1/pathways/", "mobility", "fly"),
    ],
)
def test_an_unknown_value_is_a_400_naming_its_parameter(
    api_client, address, parameter, value
):
    QualificationTypeFactory(code="fi-basic", is_starting_point=True)
    query = {"start": "fi-basic"} if "pathways" in address else {}

    response = api_client.get(address, {**query, parameter: value})

    assert response.status_code == 400
    assert list(response.json()) == [parameter]


def test_each_endpoint_takes_exactly_the_parameters_its_schema_documents(api_client):
    schema = api_client.get("/api/schema/?format=json").json()
    views = {prefix: viewset for prefix, viewset, _basename in router.registry}

    for path, methods in schema["paths"].items():
        documented = {
            parameter["name"]
            for parameter in methods["get"].get("parameters", [])
            if parameter["in"] == "query"
        }
        # /api/v1/<prefix>/, /api/v1/<prefix>/{id}/ or an extra action /api/v1/<prefix>/<action>/
        prefix, *rest = path.removeprefix("/api/v1/").strip("/").split("/")
        action = "retrieve" if "{" in path else rest[0] if rest else "list"
        view = views[prefix](action=action, detail=action == "retrieve")
        view.format_kwarg = None
        assert set(known_parameters(view)) == documented, path


def translated(field: str, fi: str, sv: str, en: str) -> dict[str, str]:
    return {f"{field}_fi": fi, f"{field}_sv": sv, f"{field}_en": en}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_q_searches_finnish_swedish_and_english_whatever_the_request_language(
    api_client, language
):
    programme = complete_programme(
        **translated("name", "Akkukemia", "Batterikemi", "Battery chemistry")
    )
    actor = complete_actor(
        **translated("name", "Kaivosyhtiö", "Gruvbolaget", "Mining company")
    )
    skill = SkillFactory(**translated("label", "hitsaus", "svetsning", "welding"))
    occupation = OccupationFactory(
        **translated("label", "prosessinhoitaja", "processoperatör", "process operator")
    )
    searches = [
        ("programmes", "slug", programme.slug, ["akkukemia", "batterikemi", "battery chem"]),
        ("actors", "slug", actor.slug, ["kaivosyhtiö", "gruvbolaget", "mining comp"]),
        ("skills", "slug", skill.slug, ["hitsaus", "svetsning", "welding"]),
        ("occupations", "slug", occupation.slug, ["prosessinhoit", "processoperat", "process operator"]),
    ]  # fmt: skip

    for prefix, key, expected, texts in searches:
        for text in texts:
            response = api_client.get(
                f"/api/v1/{prefix}/",
                {"q": text},
                headers={"accept-language": language},
            )
            found = [row[key] for row in response.json()["results"]]
            assert found == [expected], (prefix, text, language)


def test_every_q_says_in_the_schema_that_it_searches_all_three_languages(api_client):
    schema = api_client.get("/api/schema/?format=json").json()

    searched = {
        path: parameter
        for path, methods in schema["paths"].items()
        for parameter in methods["get"].get("parameters", [])
        if parameter["name"] == "q"
    }

    assert set(searched) == {
        "/api/v1/programmes/",
        "/api/v1/actors/",
        "/api/v1/skills/",
        "/api/v1/occupations/",
    }
    for parameter in searched.values():
        assert (
            "Finnish, Swedish and English are all searched" in parameter["description"]
        )
        assert parameter["schema"]["maxLength"] == 200


def test_a_search_in_three_languages_costs_no_more_queries(
    api_client, django_assert_num_queries
):
    complete_programme(**translated("name", "Akkukemia", "Batterikemi", "Battery"))

    # The same five queries as without ?q= (tests/api/test_api_costs.py): the search is part of the list's query.
    with django_assert_num_queries(5):
        response = api_client.get("/api/v1/programmes/", {"q": "batterikemi"})

    assert response.json()["count"] == 1
