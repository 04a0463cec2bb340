"""schema.org JSON-LD of the programmes API: content negotiation, the EducationalOccupationalProgram's required and
recommended properties, list pages as ItemLists with paging links, expansion without the network, query costs."""

import json

import pytest
from pyld import jsonld

from tests.api.factories import complete_programme, copies_of
from tests.factories import SkillFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/programmes/"
LD = "application/ld+json"
SCHEMA = "https://schema.org/"
HYDRA = "http://www.w3.org/ns/hydra/core#"


def offline_loader(url: str, options: dict) -> dict:
    """Documents for pyld without the network: schema.org's context stands as its vocabulary (every term a
    schema.org term); any other remote document is refused."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": SCHEMA}},
        }
    raise AssertionError(f"the document asked for {url}")


def expanded(document: dict) -> list[dict]:
    return jsonld.expand(document, {"documentLoader": offline_loader})


@pytest.fixture
def programme():
    return complete_programme(slug="battery-operator")


def test_the_detail_answers_json_ld_to_its_media_type_and_to_format_jsonld(
    api_client, programme
):
    by_header = api_client.get(f"{LIST}battery-operator/", HTTP_ACCEPT=LD)
    by_format = api_client.get(f"{LIST}battery-operator/", {"format": "jsonld"})

    assert by_header.status_code == by_format.status_code == 200
    assert by_header["Content-Type"] == by_format["Content-Type"] == LD
    assert json.loads(by_header.content) == json.loads(by_format.content)
    # Plain JSON stays the default.
    assert api_client.get(f"{LIST}battery-operator/")["Content-Type"] == (
        "application/json"
    )


def test_a_programme_has_the_required_and_recommended_properties(api_client, programme):
    document = json.loads(
        api_client.get(f"{LIST}battery-operator/", HTTP_ACCEPT=LD).content
    )
    skill, occupation = programme.skills.get(), programme.occupations.get()

    assert document["@context"] == "https://schema.org"
    assert document["@type"] == "EducationalOccupationalProgram"
    # Required: a name; an identity and a provider with its name.
    assert document["name"] == [
        {"@language": "fi", "@value": programme.name_fi},
        {"@language": "sv", "@value": programme.name_sv},
        {"@language": "en", "@value": programme.name_en},
    ]
    assert (
        document["@id"]
        == document["url"]
        == ("http://testserver/en/programmes/battery-operator/")
    )
    assert document["provider"]["@type"] == "EducationalOrganization"
    assert {value["@language"] for value in document["provider"]["name"]} == {
        "fi",
        "sv",
        "en",
    }
    # Recommended ones this programme has.
    assert document["timeToComplete"] == f"P{programme.duration_months}M"
    assert document["maximumEnrollment"] == programme.places_per_year
    assert document["inLanguage"] == ["fi"]
    assert {"@language": "en", "@value": "On site"} in document[
        "educationalProgramMode"
    ]
    assert document["numberOfCredits"]["value"] == 180.0
    assert document["startDate"] == "2027-08-16"
    assert document["educationalLevel"] == {
        "@type": "DefinedTerm",
        "@id": "http://data.europa.eu/snb/eqf/4",
        "name": "EQF 4",
        "termCode": "4",
        "inDefinedTermSet": "http://data.europa.eu/snb/eqf/25831c2",
    }
    assert document["occupationalCategory"][0]["sameAs"] == occupation.esco_uri
    assert document["teaches"][0]["url"] == skill.esco_uri
    assert document["location"][0]["address"]["addressCountry"] == "FI"
    assert document["location"][0]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 65.0121,
        "longitude": 25.4651,
    }


def test_a_local_skill_is_taught_without_an_esco_link(api_client, programme):
    programme.skills.set([SkillFactory(is_local=True, esco_uri=None)])

    document = json.loads(
        api_client.get(f"{LIST}battery-operator/", HTTP_ACCEPT=LD).content
    )

    assert "url" not in document["teaches"][0]


def test_the_document_expands_to_schema_org_terms_without_the_network(
    api_client, programme
):
    document = json.loads(
        api_client.get(f"{LIST}battery-operator/", HTTP_ACCEPT=LD).content
    )

    [node] = expanded(document)

    assert node["@type"] == [f"{SCHEMA}EducationalOccupationalProgram"]
    assert {"@language": "sv", "@value": programme.name_sv} in node[f"{SCHEMA}name"]
    assert node[f"{SCHEMA}educationalLevel"][0]["@id"] == (
        "http://data.europa.eu/snb/eqf/4"
    )


def test_a_list_page_is_an_item_list_with_links_to_the_next_and_previous_pages(
    api_client, programme
):
    copies_of(programme, 2, children=("offerings",))

    first = api_client.get(LIST, {"page_size": 2}, HTTP_ACCEPT=LD)
    second = api_client.get(LIST, {"page_size": 2, "page": 2}, HTTP_ACCEPT=LD)
    page_one, page_two = json.loads(first.content), json.loads(second.content)

    assert page_one["@type"] == "ItemList"
    assert page_one["numberOfItems"] == 3
    assert [element["position"] for element in page_one["itemListElement"]] == [1, 2]
    assert [element["position"] for element in page_two["itemListElement"]] == [3]
    assert {element["item"]["@type"] for element in page_one["itemListElement"]} == {
        "EducationalOccupationalProgram"
    }
    next_page = "http://testserver/api/v1/programmes/?page=2&page_size=2"
    assert page_one["hydra:view"]["hydra:next"] == {"@id": next_page}
    assert "hydra:previous" not in page_one["hydra:view"]
    assert "hydra:next" not in page_two["hydra:view"]
    assert first["Link"] == f'<{next_page}>; rel="next"'
    assert 'rel="prev"' in second["Link"]
    [node] = expanded(page_one)
    assert node[f"{HYDRA}view"][0][f"{HYDRA}next"] == [{"@id": next_page}]
    assert len(node[f"{SCHEMA}itemListElement"]) == 2


def test_the_list_keeps_its_filters_in_json_ld(api_client, programme):
    complete_programme(slug="other", kind="course")

    page = json.loads(
        api_client.get(LIST, {"kind": "course", "format": "jsonld"}).content
    )

    assert page["numberOfItems"] == 1
    assert page["itemListElement"][0]["item"]["@id"].endswith("/programmes/other/")


def test_the_json_ld_list_does_the_same_queries_for_1_and_100_programmes(
    api_client, programme, django_assert_num_queries
):
    # 1 count, 2 programmes and joins, 3 languages, segments and fields (one UNION ALL), 4 offerings, 5 entry
    # requirements, 6 skills and occupations with their labels (one UNION ALL), 7 intakes
    with django_assert_num_queries(7):
        small = json.loads(
            api_client.get(LIST, {"page_size": 200}, HTTP_ACCEPT=LD).content
        )
    copies_of(programme, 99, children=("offerings", "entry_requirements"))
    with django_assert_num_queries(7):
        large = json.loads(
            api_client.get(LIST, {"page_size": 200}, HTTP_ACCEPT=LD).content
        )

    assert small["numberOfItems"] == 1
    assert len(large["itemListElement"]) == 100


def test_errors_stay_json_and_other_resources_refuse_json_ld(api_client, programme):
    missing = api_client.get(f"{LIST}nope/", HTTP_ACCEPT=LD)
    bad_page = api_client.get(LIST, {"page": "9"}, HTTP_ACCEPT=LD)

    assert missing.status_code == 404
    assert "detail" in json.loads(missing.content)
    assert bad_page.status_code == 404
    assert "page" in json.loads(bad_page.content)
    assert api_client.get("/api/v1/actors/", HTTP_ACCEPT=LD).status_code == 406
    # A format the resource does not have is a bad parameter that names itself (batteryregion/query_parameters.py).
    refused = api_client.get("/api/v1/skills/", {"format": "jsonld"})
    assert refused.status_code == 400
    assert list(refused.json()) == ["format"]


def test_the_schema_documents_the_json_ld_media_types(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    for path in ("/api/v1/programmes/", "/api/v1/programmes/{slug}/"):
        content = schema["paths"][path]["get"]["responses"]["200"]["content"]
        assert LD in content
        assert (
            'application/ld+json; profile="http://data.europa.eu/snb/model/elm/"'
            in (content)
        )
    actors = schema["paths"]["/api/v1/actors/"]["get"]["responses"]["200"]["content"]
    assert LD not in actors
