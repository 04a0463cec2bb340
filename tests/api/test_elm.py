"""Programmes as Europass Learning Model (ELM 3) learning opportunities: how to ask for them, the documented
required properties of each class, expansion with pyld from the inline context (no network), query costs."""

import json

import pytest
from pyld import jsonld

from programmes.elm import ELM
from tests.api.factories import complete_programme, copies_of
from tests.factories import SkillFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/programmes/"
ELM_MEDIA_TYPE = 'application/ld+json; profile="http://data.europa.eu/snb/model/elm/"'
DC = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"

# The ELM's required properties of the classes these documents use (ELM 3 application profiles: a title for
# learning opportunities, specifications and outcomes; a legal name for an organisation; a country code for an
# address; an identifier and type for a concept); and what a learning opportunity of this catalogue always gives.
REQUIRED = {
    "LearningOpportunity": {
        "id",
        "title",
        "learningAchievementSpecification",
        "providedBy",
        "homepage",
    },
    "LearningAchievementSpecification": {"id", "title", "language", "mode"},
    "LearningOutcome": {"id", "title"},
    "Organisation": {"id", "legalName", "location"},
    "Location": {"id", "address", "spatialCode"},
    "Address": {"countryCode"},
    "Concept": {"type"},
    "WebResource": {"id", "contentURL"},
}


def no_network(url: str, options: dict) -> dict:
    raise AssertionError(f"the document asked for {url}")


def expanded(document: dict) -> list[dict]:
    return jsonld.expand(document, {"documentLoader": no_network})


def nodes(value: object):
    """Every JSON object inside a document that has a type."""
    if isinstance(value, dict):
        if "type" in value:
            yield value
        for child in value.values():
            yield from nodes(child)
    elif isinstance(value, list):
        for child in value:
            yield from nodes(child)


@pytest.fixture
def programme():
    return complete_programme(slug="battery-operator")


def elm_detail(api_client) -> dict:
    response = api_client.get(f"{LIST}battery-operator/", {"format": "elm"})
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_elm_is_asked_for_by_format_or_by_the_profile_of_the_json_ld_media_type(
    api_client, programme
):
    by_format = api_client.get(f"{LIST}battery-operator/", {"format": "elm"})
    by_profile = api_client.get(f"{LIST}battery-operator/", HTTP_ACCEPT=ELM_MEDIA_TYPE)
    plain = api_client.get(
        f"{LIST}battery-operator/", HTTP_ACCEPT="application/ld+json"
    )

    assert by_format["Content-Type"] == by_profile["Content-Type"] == ELM_MEDIA_TYPE
    assert json.loads(by_format.content) == json.loads(by_profile.content)
    assert json.loads(by_format.content)["type"] == "LearningOpportunity"
    # Without the profile, JSON-LD is schema.org.
    assert json.loads(plain.content)["@type"] == "EducationalOccupationalProgram"


def test_every_node_has_the_required_properties_of_its_class(api_client, programme):
    document = elm_detail(api_client)

    found = list(nodes(document))
    assert {node["type"] for node in found} >= set(REQUIRED)
    for node in found:
        missing = REQUIRED.get(node["type"], set()) - set(node)
        assert not missing, (node["type"], missing)


def test_a_learning_opportunity_says_what_the_programme_is_in_every_language(
    api_client, programme
):
    document = elm_detail(api_client)
    specification = document["learningAchievementSpecification"]
    skill = programme.skills.get()

    assert document["id"] == "http://testserver/api/v1/programmes/battery-operator/"
    assert document["title"] == {
        "fi": programme.name_fi,
        "sv": programme.name_sv,
        "en": programme.name_en,
    }
    assert document["duration"] == f"P{programme.duration_months}M"
    assert document["temporal"]["startDate"] == "2027-08-16T00:00:00"
    assert document["providedBy"]["id"] == (
        f"http://testserver/api/v1/actors/{programme.provider.slug}/"
    )
    assert document["providedBy"]["legalName"]["sv"] == programme.provider.name_sv
    [location] = document["location"]
    assert location["geographicName"] == {"fi": "Oulu", "sv": "Uleåborg", "en": "Oulu"}
    assert location["spatialCode"][0]["id"] == "http://data.europa.eu/nuts/code/FI1D9"
    assert location["spatialCode"][0]["inScheme"]["id"] == (
        "http://data.europa.eu/nuts/scheme/2021"
    )
    assert location["address"][0]["countryCode"]["id"] == (
        "http://publications.europa.eu/resource/authority/country/FIN"
    )
    assert specification["educationLevel"][0]["id"] == "http://data.europa.eu/snb/eqf/4"
    assert specification["language"][0]["id"] == (
        "http://publications.europa.eu/resource/authority/language/FIN"
    )
    assert specification["mode"][0]["prefLabel"] == {
        "fi": "Lähiopetus",
        "sv": "Närundervisning",
        "en": "On site",
    }
    [outcome] = specification["learningOutcome"]
    assert outcome["title"]["en"] == skill.label_en
    assert outcome["relatedESCOSkill"][0]["id"] == skill.esco_uri
    # Competence points are not ECTS credits: no credit point claims they are.
    assert "creditPoint" not in specification


def test_a_local_skill_is_an_outcome_without_an_esco_skill(api_client, programme):
    programme.skills.set([SkillFactory(is_local=True, esco_uri=None)])

    [outcome] = elm_detail(api_client)["learningAchievementSpecification"][
        "learningOutcome"
    ]

    assert "relatedESCOSkill" not in outcome
    assert outcome["title"]


def test_ects_credits_are_an_elm_credit_point(api_client, programme):
    programme.credit_unit = "ects"
    programme.save()

    [credit] = elm_detail(api_client)["learningAchievementSpecification"]["creditPoint"]

    assert credit["point"] == "180"


def test_the_document_expands_to_elm_terms_from_its_inline_context(
    api_client, programme
):
    [node] = expanded(elm_detail(api_client))

    assert node["@type"] == [f"{ELM}LearningOpportunity"]
    assert {"@language": "fi", "@value": programme.name_fi} in node[f"{DC}title"]
    [specification] = node[f"{ELM}learningAchievementSpecification"]
    assert specification["@type"] == [f"{ELM}LearningAchievementSpecification"]
    assert specification[f"{ELM}educationLevel"][0]["@id"] == (
        "http://data.europa.eu/snb/eqf/4"
    )
    [outcome] = specification[f"{ELM}learningOutcome"]
    assert outcome[f"{ELM}relatedESCOSkill"][0]["@id"] == (
        programme.skills.get().esco_uri
    )
    assert outcome[f"{ELM}relatedESCOSkill"][0]["@type"] == [f"{SKOS}Concept"]
    assert node[f"{ELM}duration"][0]["@type"] == (
        "http://www.w3.org/2001/XMLSchema#duration"
    )


def test_a_list_page_is_a_collection_of_learning_opportunities_with_paging_links(
    api_client, programme, django_assert_num_queries
):
    # 1 count, 2 programmes, 3 languages, segments and fields, 4 offerings, 5 entry requirements, 6 skills and
    # occupations, 7 intakes: the same for 1 and 100 programmes
    with django_assert_num_queries(7):
        api_client.get(LIST, {"format": "elm", "page_size": 200})
    copies_of(programme, 99, children=("offerings",))
    with django_assert_num_queries(7):
        response = api_client.get(LIST, {"format": "elm", "page_size": 40})
    page = json.loads(response.content)

    assert page["type"] == "hydra:Collection"
    assert page["hydra:totalItems"] == 100
    assert len(page["hydra:member"]) == 40
    assert {member["type"] for member in page["hydra:member"]} == {
        "LearningOpportunity"
    }
    assert page["hydra:view"]["hydra:next"]["@id"].endswith(
        "format=elm&page=2&page_size=40"
    )
    [node] = expanded(page)
    assert len(node["http://www.w3.org/ns/hydra/core#member"]) == 40
