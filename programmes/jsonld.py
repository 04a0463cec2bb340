"""schema.org EducationalOccupationalProgram for a programme page, so that search engines understand it."""

from django.http import HttpRequest
from django.urls import reverse

from batteryregion.i18n import shown
from batteryregion.records import PublicationState
from batteryregion.templatetags.portal import http_url
from programmes.selectors import ProgrammePage


def programme_json_ld(page: ProgrammePage, request: HttpRequest) -> dict:
    """The JSON-LD document of one programme (from its page's lists; no queries); a discontinued one has its
    endDate.

    Stored addresses go in only when they are http(s) (http_url): search engines follow them like links.
    """
    programme = page.programme
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
    document: dict = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "@id": page_url,
        "url": page_url,
        "name": shown(programme, "name").text,
        "description": shown(programme, "description").text,
        "provider": {
            "@type": "EducationalOrganization",
            "name": shown(provider, "name").text,
        },
        "inLanguage": [language.code for language in page.languages],
        "educationalProgramMode": programme.get_delivery_mode_display(),
    }
    if provider_url := http_url(provider.website) or provider_page:
        document["provider"]["url"] = provider_url
    if programme.is_discontinued and programme.ended_on:
        document["endDate"] = programme.ended_on.isoformat()
    if source := http_url(programme.source_url):
        document["sameAs"] = source
    if programme.duration_months:
        document["timeToComplete"] = f"P{programme.duration_months}M"
    if programme.credits:
        document["numberOfCredits"] = {
            "@type": "StructuredValue",
            "value": float(programme.credits),
            "unitText": programme.get_credit_unit_display(),
        }
    if programme.places_per_year:
        document["maximumEnrollment"] = programme.places_per_year
    if programme.awarded_qualification_id:
        document["educationalCredentialAwarded"] = shown(
            programme.awarded_qualification, "name"
        ).text
    if programme.awarded_level_id:
        document["educationalLevel"] = f"EQF {programme.awarded_level.level}"
    if programme.entry_notes:
        document["programPrerequisites"] = shown(programme, "entry_notes").text
    occupations = [
        {
            "@type": "Occupation",
            "name": shown(o, "label").text,
            **({"sameAs": http_url(o.esco_uri)} if http_url(o.esco_uri) else {}),
        }
        for o in page.occupations
    ]
    if occupations:
        document["occupationalCategory"] = occupations
    skills = [
        {
            "@type": "DefinedTerm",
            "name": shown(s, "label").text,
            **({"url": http_url(s.esco_uri)} if http_url(s.esco_uri) else {}),
        }
        for s in page.skills
    ]
    if skills:
        document["teaches"] = skills
    starts = sorted({o.starts_on.isoformat() for o in page.offerings if o.starts_on})
    if starts:
        document["startDate"] = starts[0]
    places = [
        {
            "@type": "Place",
            "name": shown(o.site, "town").text,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": shown(o.site, "town").text,
                "addressCountry": o.site.region.country,
            },
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(o.site.latitude),
                "longitude": float(o.site.longitude),
            },
        }
        for o in page.offerings
    ]
    if places:
        document["location"] = places
    return document
