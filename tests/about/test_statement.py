"""The accessibility statement has what the Finnish Act on the Provision of Digital Services and the EU model
statement ask for, and the privacy notice says what the portal really stores."""

import re

import pytest
from django.test import override_settings
from django.utils import translation
from django.utils.formats import date_format

from about import statement
from about.models import PartnerOrganisation
from tests.factories import PartnerOrganisationFactory

pytestmark = pytest.mark.django_db


def section(html: str, heading_id: str) -> str:
    """The text from a heading with the id to the next <h2>."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start)
    return html[start : end if end != -1 else None]


def test_the_statement_has_every_statutory_part_in_english(client):
    html = client.get("/en/accessibility/").content.decode()
    assert "Act on the Provision of Digital Services (306/2019)" in html
    assert "(2016/2102)" in html
    assert (
        "partially compliant with the Web Content Accessibility Guidelines (WCAG) 2.1, level AA"
        in section(html, "status")
    )
    shortcomings = section(html, "shortcomings")
    for criterion in ["2.1.1 Keyboard", "1.1.1 Non-text Content"]:
        assert criterion in shortcomings
    assert "exist in only one or two languages" in shortcomings
    assert "list beside it" in shortcomings  # the map's alternative
    preparation = section(html, "preparation")
    assert (
        "self-assessment" in preparation
        and "axe" in preparation
        and "Chromium" in preparation
    )
    prepared = statement.PREPARED_ON.isoformat()
    reviewed = statement.REVIEWED_ON.isoformat()
    assert re.search(
        rf'prepared on <time datetime="{prepared}">.*?last reviewed on\s+<time datetime="{reviewed}">',
        preparation,
        re.S,
    )
    assert "We reply within 14 days." in section(html, "feedback")
    enforcement = section(html, "enforcement")
    assert "Finnish Transport and Communications Agency Traficom" in enforcement
    assert 'href="https://www.webaccessibility.fi/"' in enforcement
    assert 'href="mailto:saavutettavuus@traficom.fi"' in enforcement
    assert 'href="tel:+358295345000">029 534 5000</a>' in enforcement
    assert "Agency for Digital Government (Digg)" in enforcement
    assert 'href="https://www.digg.se/tdosanmalan"' in enforcement


@pytest.mark.parametrize(
    ("language", "status", "authority_fi", "site_fi", "authority_se", "reply", "month"),
    [
        (
            "fi",
            "täyttää saavutettavuusvaatimukset osittain",
            "Liikenne- ja viestintävirasto Traficom, digitaalisen esteettömyyden ja saavutettavuuden valvontayksikkö",
            "https://www.saavutettavuusvaatimukset.fi/",
            "Digg",
            "Vastaamme 14 päivän kuluessa.",
            "joulukuuta 2026",
        ),
        (
            "sv",
            "uppfyller delvis",
            "Transport- och kommunikationsverket Traficom, enheten för tillsyn över digital tillgänglighet",
            "https://www.tillganglighetskrav.fi/",
            "Myndigheten för digital förvaltning (Digg)",
            "Vi svarar inom 14 dagar.",
            "december 2026",
        ),
    ],
)
def test_the_statement_reads_in_finnish_and_swedish_with_the_dates_in_the_language(
    client, language, status, authority_fi, site_fi, authority_se, reply, month
):
    html = client.get(f"/{language}/accessibility/").content.decode()
    assert status in section(html, "status")
    with translation.override(language):
        prepared = date_format(statement.PREPARED_ON, "DATE_FORMAT")
    assert month in prepared  # the language's own date format, its month name
    assert f">{prepared}</time>" in section(html, "preparation")
    assert reply in section(html, "feedback")
    enforcement = section(html, "enforcement")
    assert authority_fi in enforcement and f'href="{site_fi}"' in enforcement
    assert authority_se in enforcement


def test_the_statement_reads_nothing_from_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        client.get("/fi/accessibility/")


def test_the_privacy_notice_names_the_coordinating_partners_as_controller(client):
    PartnerOrganisationFactory(
        name_en="Council of Oulu Region", role=PartnerOrganisation.Role.COORDINATOR
    )
    PartnerOrganisationFactory(name_en="A funder", role=PartnerOrganisation.Role.FUNDER)
    html = client.get("/en/privacy/").content.decode()
    controller = html[
        html.index("Who is responsible") : html.index("Visitors of the public pages")
    ]
    assert "Council of Oulu Region" in controller
    assert "A funder" not in controller


def test_without_coordinating_partners_the_notice_points_to_the_about_page(client):
    html = client.get("/en/privacy/").content.decode()
    assert 'will be named on the <a href="/en/about/">About page</a>.' in html


@pytest.mark.parametrize(
    ("tile_url", "says"),
    [
        (
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "which comes from tile.openstreetmap.org",
        ),
        ("", "your browser sends no requests to other servers"),
    ],
)
def test_the_privacy_notice_names_the_map_service_only_when_maps_load_one(
    client, tile_url, says
):
    with override_settings(TILE_URL=tile_url):
        html = client.get("/en/privacy/").content.decode()
    assert says in html


def test_the_privacy_notice_gives_the_real_cookies_and_login_protection(
    client, settings
):
    html = client.get("/en/privacy/").content.decode()
    assert f"<code>{settings.LANGUAGE_COOKIE_NAME}</code>" in html
    assert "<code>csrftoken</code>" in html and "<code>sessionid</code>" in html
    assert (
        settings.LANGUAGE_COOKIE_AGE is None
        and "Deleted when you close the browser." in html
    )
    assert "after 14 days" in html  # SESSION_COOKIE_AGE
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"once the {minutes}-minute lockout is over" in html


def test_the_cookies_the_notice_names_are_the_ones_the_portal_sets(client):
    """Public pages set none; the login page the CSRF cookie; a login the session; "For coordinators" the language."""
    assert not client.get("/en/").cookies
    assert set(client.get("/admin/login/").cookies) == {"csrftoken"}
    assert set(client.get("/fi/coordinators/").cookies) == {"django_language"}
