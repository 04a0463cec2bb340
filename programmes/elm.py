"""Programmes as learning opportunities of the Europass Learning Model (ELM 3), in JSON-LD, for the partner API
(?format=elm, or Accept: application/ld+json; profile="http://data.europa.eu/snb/model/elm/").

A programme is a LearningOpportunity: its title and description in every language it has, its provider as an
Organisation, where it is given (Location with the NUTS region and the country), its duration and start, and its
learning achievement specification: title, EQF level, languages of instruction, mode, volume of learning, and one
learning outcome per skill it teaches, linked to the ESCO skill (relatedESCOSkill) where the skill has an ESCO URI.

Planned training (the item's ``availability``): the ELM has no term for whether a learning opportunity runs today
(its ``status`` is the publication status of a record, e.g. "released"), so the honest minimum is in the dates. A
planned programme's ``temporal`` period starts at its expected start, never at an intake date; a proposed one, an idea
that may never run, has no start date and no ``maximumEnrollment``. The JSON answer's ``availability`` and
``expected_start`` say the rest.

The context is our own, written inline: it maps the ELM's JSON keys to the terms of the ELM ontology
(http://data.europa.eu/snb/model/elm/) and of the W3C vocabularies the ELM reuses (Dublin Core, SKOS, LOCN), so the
documents expand without fetching anything.
"""

from typing import Any

from batteryregion.serializers import LANGUAGE_CODES
from programmes.jsonld import planned_start
from skills.serializers import EQF_SCHEME_URI, NUTS_VERSION, eqf_uri

ELM = "http://data.europa.eu/snb/model/elm/"
# The media type parameter that asks for this profile of JSON-LD.
ELM_PROFILE = ELM

# EU authority tables of the Publications Office (the vocabularies ELM uses for languages and countries).
LANGUAGE_AUTHORITY = "http://publications.europa.eu/resource/authority/language/"
COUNTRY_AUTHORITY = "http://publications.europa.eu/resource/authority/country/"
LANGUAGES = {"fi": "FIN", "sv": "SWE", "en": "ENG", "se": "SME", "de": "DEU"}
COUNTRIES = {"FI": "FIN", "SE": "SWE", "NO": "NOR"}
# The EU's NUTS vocabulary: a region code's concept.
NUTS_CONCEPT = "http://data.europa.eu/nuts/code/"
ESCO_SKILLS_SCHEME = "http://data.europa.eu/esco/concept-scheme/skills"

DC = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
LOCN = "http://www.w3.org/ns/locn#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _language_map(term: str) -> dict[str, str]:
    return {"@id": term, "@container": "@language"}


def _link(term: str) -> dict[str, str]:
    return {"@id": term, "@type": "@id"}


ELM_CONTEXT: dict[str, Any] = {
    "@version": 1.1,
    "@protected": True,
    "id": "@id",
    "type": "@type",
    "elm": ELM,
    "dc": DC,
    "skos": SKOS,
    "locn": LOCN,
    "xsd": XSD,
    # Classes
    "LearningOpportunity": "elm:LearningOpportunity",
    "LearningAchievementSpecification": "elm:LearningAchievementSpecification",
    "LearningOutcome": "elm:LearningOutcome",
    "Organisation": "elm:Organisation",
    "Location": "dc:Location",
    "Address": "locn:Address",
    "PeriodOfTime": "dc:PeriodOfTime",
    "WebResource": "elm:WebResource",
    "Concept": "skos:Concept",
    "ConceptScheme": "skos:ConceptScheme",
    "CreditPoint": "elm:CreditPoint",
    # Properties
    "title": _language_map("dc:title"),
    "description": _language_map("dc:description"),
    "legalName": _language_map("elm:legalName"),
    "geographicName": _language_map("locn:geographicName"),
    "prefLabel": _language_map("skos:prefLabel"),
    "notation": "skos:notation",
    "inScheme": _link("skos:inScheme"),
    "homepage": _link("elm:homepage"),
    "contentURL": {"@id": "elm:contentURL", "@type": "xsd:anyURI"},
    "providedBy": _link("elm:providedBy"),
    "location": _link("dc:location"),
    "address": _link("locn:address"),
    "countryCode": _link("elm:countryCode"),
    "spatialCode": _link("elm:spatialCode"),
    "latitude": {"@id": "elm:latitude", "@type": "xsd:decimal"},
    "longitude": {"@id": "elm:longitude", "@type": "xsd:decimal"},
    "duration": {"@id": "elm:duration", "@type": "xsd:duration"},
    "temporal": _link("dc:temporal"),
    "startDate": {"@id": "elm:startDate", "@type": "xsd:dateTime"},
    "endDate": {"@id": "elm:endDate", "@type": "xsd:dateTime"},
    "learningAchievementSpecification": _link("elm:learningAchievementSpecification"),
    "educationLevel": _link("elm:educationLevel"),
    "language": _link("dc:language"),
    "mode": _link("elm:mode"),
    "volumeOfLearning": {"@id": "elm:volumeOfLearning", "@type": "xsd:duration"},
    "creditPoint": _link("elm:creditPoint"),
    "framework": _link("elm:framework"),
    "point": "elm:point",
    "learningOutcome": _link("elm:learningOutcome"),
    "relatedESCOSkill": _link("elm:relatedESCOSkill"),
    "maximumEnrollment": {"@id": "elm:maximumEnrollment", "@type": "xsd:integer"},
}


def language_map(texts: dict[str, str | None] | None) -> dict[str, str]:
    """A translated API text as an ELM language map ({"fi": "…", "sv": "…"}); missing languages left out."""
    return {
        code: value for code in LANGUAGE_CODES if (value := (texts or {}).get(code))
    }


def concept(uri: str | None, scheme: str | None = None, **extra: Any) -> dict[str, Any]:
    """A SKOS concept of an EU vocabulary (or, without a URI, one named only by its labels)."""
    item: dict[str, Any] = {"type": "Concept", **extra}
    if uri:
        item = {"id": uri, **item}
    if scheme:
        item["inScheme"] = {"id": scheme, "type": "ConceptScheme"}
    return item


def learning_opportunity(
    item: dict,
    *,
    url: str,
    provider_url: str,
    mode_labels: dict[str, dict[str, str]],
) -> dict:
    """The ELM LearningOpportunity (without @context) of one programme as the API's detail writes it.

    `url` identifies the programme (its API address), `provider_url` its provider; `mode_labels` gives the delivery
    modes' display texts per language.
    """
    title = language_map(item["name"])
    offerings = item["offerings"]
    specification: dict[str, Any] = {
        "id": f"{url}#specification",
        "type": "LearningAchievementSpecification",
        "title": title,
        "language": [
            concept(
                LANGUAGE_AUTHORITY + LANGUAGES[code] if code in LANGUAGES else None,
                LANGUAGE_AUTHORITY[:-1],
                notation=code,
            )
            for code in item["languages"]
        ],
        "mode": [concept(None, prefLabel=mode_labels.get(item["delivery_mode"], {}))],
        "learningOutcome": [
            {
                "id": f"{url}#outcome-{skill['slug']}",
                "type": "LearningOutcome",
                "title": language_map(skill["label"]),
                **(
                    {
                        "relatedESCOSkill": [
                            concept(
                                skill["esco_uri"],
                                ESCO_SKILLS_SCHEME,
                                prefLabel=language_map(skill["label"]),
                            )
                        ]
                    }
                    if skill["esco_uri"]
                    else {}
                ),
            }
            for skill in item["skills"]
        ],
    }
    if description := language_map(item["description"]):
        specification["description"] = description
    if item["awarded_level"]:
        specification["educationLevel"] = [
            concept(
                eqf_uri(item["awarded_level"]),
                EQF_SCHEME_URI,
                prefLabel={"en": f"EQF level {item['awarded_level']}"},
            )
        ]
    if item["duration_months"]:
        specification["volumeOfLearning"] = f"P{item['duration_months']}M"
    if item["credits"] and item["credit_unit"] == "ects":
        specification["creditPoint"] = [
            {
                "type": "CreditPoint",
                "framework": concept(None, prefLabel={"en": "ECTS"}),
                "point": f"{item['credits']:g}",
            }
        ]
    opportunity: dict[str, Any] = {
        "id": url,
        "type": "LearningOpportunity",
        "title": title,
        "homepage": [
            {"id": page, "type": "WebResource", "contentURL": page}
            for page in item["page_url"].values()
        ],
        "providedBy": {
            "id": provider_url,
            "type": "Organisation",
            "legalName": language_map(item["provider"]["name"]),
            "location": [_location(url, o) for o in offerings[:1]],
        },
        "location": [_location(url, o) for o in offerings],
        "learningAchievementSpecification": specification,
    }
    if description:
        opportunity["description"] = description
    if item["duration_months"]:
        opportunity["duration"] = f"P{item['duration_months']}M"
    availability = item.get("availability", "running")
    starts = planned_start(
        availability,
        item.get("expected_start"),
        sorted({o["starts_on"] for o in offerings if o["starts_on"]}),
    )
    if starts or item["ended_on"]:
        opportunity["temporal"] = {
            "type": "PeriodOfTime",
            **({"startDate": f"{starts[0]}T00:00:00"} if starts else {}),
            **({"endDate": f"{item['ended_on']}T00:00:00"} if item["ended_on"] else {}),
        }
    if item["places_per_year"] and availability != "proposed":
        opportunity["maximumEnrollment"] = item["places_per_year"]
    return opportunity


def _location(url: str, offering: dict) -> dict:
    """Where an offering is given: its town, NUTS region and country, and its coordinates."""
    country = offering["region"][:2]
    return {
        "id": f"{url}#location-{offering['site']}",
        "type": "Location",
        "geographicName": language_map(offering["town"]),
        "spatialCode": [
            concept(
                NUTS_CONCEPT + offering["region"],
                f"http://data.europa.eu/nuts/scheme/{NUTS_VERSION}",
                notation=offering["region"],
            )
        ],
        "address": [
            {
                "id": f"{url}#address-{offering['site']}",
                "type": "Address",
                "countryCode": concept(
                    COUNTRY_AUTHORITY + COUNTRIES.get(country, country),
                    COUNTRY_AUTHORITY[:-1],
                    notation=country,
                ),
            }
        ],
        **(
            {"latitude": offering["latitude"], "longitude": offering["longitude"]}
            if offering["latitude"] is not None
            else {}
        ),
    }
