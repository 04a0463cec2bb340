"""schema.org EducationalOccupationalProgram of a programme: for its page (so that search engines understand it) and
for the partner API's JSON-LD (?format=jsonld, Accept: application/ld+json).

Both describe the same facts (ProgramFacts) with one builder; the page gives its texts in the page's language, the
API in every language it has, as language-tagged values.

Planned training (``Programme.availability``) never claims to be offered today. schema.org has no status for an
EducationalOccupationalProgram, so the document says it with what the vocabulary has:

* a *planned* programme's ``startDate`` is its expected start (not an intake date), and its badge text ("Planned —
  expected to start August 2027") is its ``disambiguatingDescription``; it keeps its planned places
  (``maximumEnrollment``) and sites, and, like every programme here, has no ``offers``, ``applicationStartDate`` or
  ``applicationDeadline``;
* a *proposed* programme is only an idea that may never run: its page has no JSON-LD at all, so that search engines
  do not list it as a programme; the partner API's JSON-LD, which lists every programme the JSON lists, marks it
  "Proposed" (``disambiguatingDescription``) and leaves out any start date and places.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from batteryregion.i18n import shown
from batteryregion.records import PublicationState
from batteryregion.serializers import LANGUAGE_CODES
from batteryregion.templatetags.portal import http_url
from programmes.models import Programme
from programmes.selectors import ProgrammePage
from skills.serializers import EQF_SCHEME_URI, eqf_uri

SCHEMA_ORG = "https://schema.org"

# A text as JSON-LD takes it: a plain string, or language-tagged values.
Text = str | list[dict[str, str]]


@dataclass(frozen=True)
class Place:
    """A place where the programme is given."""

    town: Text
    country: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class ProgramFacts:
    """What the JSON-LD says about one programme, whatever it was read from."""

    url: str
    name: Text
    description: Text | None
    provider_name: Text
    provider_url: str | None
    languages: list[str]
    mode: Text
    level: Any = None  # "EQF 4" on the page, a DefinedTerm in the API
    ended_on: str | None = None
    same_as: str | None = None
    duration_months: int | None = None
    credits: float | None = None
    credit_unit: Text | None = None
    places_per_year: int | None = None
    credential: Text | None = None
    prerequisites: Text | None = None
    occupations: list[tuple[Text, str | None]] = field(default_factory=list)
    skills: list[tuple[Text, str | None]] = field(default_factory=list)
    starts: list[str] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    availability_note: Text | None = (
        None  # "Planned — expected to start …" or "Proposed"; None when it runs
    )


def planned_start(
    availability: str, expected_start: str | None, intake_starts: list[str]
) -> list[str]:
    """The start dates a document may give: a running programme's intake starts, a planned one's expected start
    only, a proposed one's none (it may never run)."""
    if availability == Programme.Availability.PLANNED:
        return [expected_start] if expected_start else []
    if availability == Programme.Availability.PROPOSED:
        return []
    return intake_starts


def educational_program(facts: ProgramFacts) -> dict:
    """The EducationalOccupationalProgram (without @context) of these facts; properties without a value are left
    out."""
    document: dict = {
        "@type": "EducationalOccupationalProgram",
        "@id": facts.url,
        "url": facts.url,
        "name": facts.name,
        "provider": {"@type": "EducationalOrganization", "name": facts.provider_name},
        "inLanguage": facts.languages,
        "educationalProgramMode": facts.mode,
    }
    if facts.description:
        document["description"] = facts.description
    if facts.availability_note:
        document["disambiguatingDescription"] = facts.availability_note
    if facts.provider_url:
        document["provider"]["url"] = facts.provider_url
    if facts.ended_on:
        document["endDate"] = facts.ended_on
    if facts.same_as:
        document["sameAs"] = facts.same_as
    if facts.duration_months:
        document["timeToComplete"] = f"P{facts.duration_months}M"
    if facts.credits:
        document["numberOfCredits"] = {
            "@type": "StructuredValue",
            "value": facts.credits,
            "unitText": facts.credit_unit,
        }
    if facts.places_per_year:
        document["maximumEnrollment"] = facts.places_per_year
    if facts.credential:
        document["educationalCredentialAwarded"] = facts.credential
    if facts.level:
        document["educationalLevel"] = facts.level
    if facts.prerequisites:
        document["programPrerequisites"] = facts.prerequisites
    if facts.occupations:
        document["occupationalCategory"] = [
            {"@type": "Occupation", "name": name, **({"sameAs": uri} if uri else {})}
            for name, uri in facts.occupations
        ]
    if facts.skills:
        document["teaches"] = [
            {"@type": "DefinedTerm", "name": name, **({"url": uri} if uri else {})}
            for name, uri in facts.skills
        ]
    if facts.starts:
        document["startDate"] = facts.starts[0]
    if facts.places:
        document["location"] = [_place(place) for place in facts.places]
    return document


def _place(place: Place) -> dict:
    item: dict = {
        "@type": "Place",
        "name": place.town,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": place.town,
            "addressCountry": place.country,
        },
    }
    if place.latitude is not None and place.longitude is not None:
        item["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": place.latitude,
            "longitude": place.longitude,
        }
    return item


# --- the programme page ----------------------------------------------------------------------------------------------


def programme_json_ld(page: ProgrammePage, request: HttpRequest) -> dict | None:
    """The JSON-LD document of one programme (from its page's lists; no queries); a discontinued one has its
    endDate, a planned one its expected start; a proposed one has none (None).

    Stored addresses go in only when they are http(s) (http_url): search engines follow them like links.
    """
    programme = page.programme
    if programme.availability == Programme.Availability.PROPOSED:
        return None  # an idea, not a programme anyone can find or join: nothing for search engines
    page_url = request.build_absolute_uri(
        reverse("programmes:programme_detail", args=[programme.slug])
    )
    provider = programme.provider
    # A provider in draft has no public page; its own website (or nothing) stands for it.
    provider_page = (
        request.build_absolute_uri(
            reverse("programmes:actor_detail", args=[provider.slug])
        )
        if provider.state != PublicationState.DRAFT
        else None
    )
    facts = ProgramFacts(
        url=page_url,
        name=shown(programme, "name").text,
        # The page has always written its description, even an empty one.
        description=shown(programme, "description").text,
        provider_name=shown(provider, "name").text,
        provider_url=http_url(provider.website) or provider_page,
        languages=[language.code for language in page.languages],
        mode=programme.get_delivery_mode_display(),
        level=(
            f"EQF {programme.awarded_level.level}"
            if programme.awarded_level_id
            else None
        ),
        ended_on=(
            programme.ended_on.isoformat()
            if programme.is_discontinued and programme.ended_on
            else None
        ),
        same_as=http_url(programme.source_url) or None,
        duration_months=programme.duration_months,
        credits=float(programme.credits) if programme.credits else None,
        credit_unit=programme.get_credit_unit_display(),
        places_per_year=programme.places_per_year,
        credential=(
            shown(programme.awarded_qualification, "name").text
            if programme.awarded_qualification_id
            else None
        ),
        prerequisites=(
            shown(programme, "entry_notes").text if programme.entry_notes else None
        ),
        occupations=[
            (shown(o, "label").text, http_url(o.esco_uri) or None)
            for o in page.occupations
        ],
        skills=[
            (shown(s, "label").text, http_url(s.esco_uri) or None) for s in page.skills
        ],
        starts=planned_start(
            programme.availability,
            programme.expected_start.isoformat() if programme.expected_start else None,
            sorted({o.starts_on.isoformat() for o in page.offerings if o.starts_on}),
        ),
        availability_note=programme.availability_text or None,
        places=[
            Place(
                town=shown(o.site, "town").text,
                country=o.site.region.country,
                latitude=float(o.site.latitude),
                longitude=float(o.site.longitude),
            )
            for o in page.offerings
        ],
    )
    document = {"@context": SCHEMA_ORG, **educational_program(facts)}
    # The page has always said what its description is, even when empty.
    document.setdefault("description", facts.description)
    return document


# --- the partner API -------------------------------------------------------------------------------------------------


def tagged(texts: dict[str, str | None] | None) -> list[dict[str, str]]:
    """A translated API text as language-tagged JSON-LD values, in fi, sv, en order; missing languages left out."""
    return [
        {"@language": code, "@value": value}
        for code in LANGUAGE_CODES
        if (value := (texts or {}).get(code))
    ]


def availability_notes(availability: str, expected_start: str | None) -> Text | None:
    """The badge of a programme that does not run yet in every language, language-tagged; None when it runs."""
    if availability == Programme.Availability.RUNNING:
        return None
    programme = Programme(
        availability=availability,
        expected_start=datetime.date.fromisoformat(expected_start)
        if expected_start
        else None,
    )
    texts = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            texts[code] = programme.availability_text
    return tagged(texts)


def eqf_term(level: int) -> dict:
    """An EQF level as a schema.org DefinedTerm of the EU's EQF vocabulary."""
    return {
        "@type": "DefinedTerm",
        "@id": eqf_uri(level),
        "name": f"EQF {level}",
        "termCode": str(level),
        "inDefinedTermSet": EQF_SCHEME_URI,
    }


def choice_labels() -> dict[str, dict[str, Text]]:
    """The display texts of the choices the API names by code, language-tagged: {"delivery_mode": {"online": […]}}."""
    labels: dict[str, dict[str, dict[str, str | None]]] = {
        "delivery_mode": {},
        "credit_unit": {},
    }
    for code in LANGUAGE_CODES:
        with translation.override(code):
            for name, choices in (
                ("delivery_mode", Programme.DeliveryMode.choices),
                ("credit_unit", Programme.CreditUnit.choices),
            ):
                for value, label in choices:
                    labels[name].setdefault(value, {})[code] = str(label)
    return {
        name: {value: tagged(texts) for value, texts in by_value.items()}
        for name, by_value in labels.items()
    }


def api_program(item: dict, labels: dict[str, dict[str, Text]], language: str) -> dict:
    """The EducationalOccupationalProgram (without @context) of one programme as the API's detail writes it.

    `labels` gives the translated display texts of the choices the item names by code (delivery modes, credit
    units); `language` picks the page address that identifies the programme.
    """
    availability = item.get("availability", Programme.Availability.RUNNING)
    facts = ProgramFacts(
        url=item["page_url"][language],
        name=tagged(item["name"]),
        description=tagged(item["description"]) or None,
        provider_name=tagged(item["provider"]["name"]),
        provider_url=None,
        languages=item["languages"],
        mode=labels["delivery_mode"].get(item["delivery_mode"], item["delivery_mode"]),
        level=eqf_term(item["awarded_level"]) if item["awarded_level"] else None,
        ended_on=item["ended_on"] if item["state"] == "discontinued" else None,
        same_as=http_url(item["source_url"]) or None,
        duration_months=item["duration_months"],
        credits=item["credits"],
        credit_unit=labels["credit_unit"].get(item["credit_unit"] or ""),
        # A proposed programme's places are a guess, not a capacity.
        places_per_year=item["places_per_year"]
        if availability != Programme.Availability.PROPOSED
        else None,
        prerequisites=tagged(item["entry_notes"]) or None,
        occupations=[
            (tagged(o["label"]), http_url(o["esco_uri"]) or None)
            for o in item["occupations"]
        ],
        skills=[
            (tagged(s["label"]), http_url(s["esco_uri"]) or None)
            for s in item["skills"]
        ],
        starts=planned_start(
            availability,
            item.get("expected_start"),
            sorted({o["starts_on"] for o in item["offerings"] if o["starts_on"]}),
        ),
        availability_note=availability_notes(availability, item.get("expected_start")),
        places=[
            Place(
                town=tagged(o["town"]),
                country=o["region"][:2],
                latitude=o["latitude"],
                longitude=o["longitude"],
            )
            for o in item["offerings"]
        ],
    )
    return educational_program(facts)
