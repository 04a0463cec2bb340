"""The About page, the privacy notice and the accessibility statement: in three languages, linked from every footer,
with the partnership as coordinators entered it and the parts the law asks of an accessibility statement."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from about.models import PartnerOrganisation
from batteryregion.bundled_data import load_bundled_data
from tests.factories import PartnerOrganisationFactory

pytestmark = pytest.mark.django_db

HEADINGS = {
    "about": {"fi": "Tietoa kartasta", "sv": "Om kartan", "en": "About the map"},
    "privacy": {
        "fi": "Tietosuojaseloste",
        "sv": "Dataskyddsbeskrivning",
        "en": "Privacy notice",
    },
    "accessibility": {
        "fi": "Saavutettavuusseloste",
        "sv": "Tillgänglighetsutlåtande",
        "en": "Accessibility statement",
    },
}


def h1_of(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("page", list(HEADINGS))
def test_each_page_answers_in_each_language_with_its_heading_translated(
    client, page, language
):
    response = client.get(f"/{language}/{page}/")
    assert response.status_code == 200
    assert h1_of(response.content.decode()) == HEADINGS[page][language]


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "fi",
            [
                "Tietoa kartasta",
                "Tietosuojaseloste",
                "Saavutettavuusseloste",
                "Työnantajat: kertokaa tarpeistanne",
            ],
        ),  # fmt: skip
        (
            "sv",
            [
                "Om kartan",
                "Dataskyddsbeskrivning",
                "Tillgänglighetsutlåtande",
                "Arbetsgivare: berätta om era behov",
            ],
        ),  # fmt: skip
        (
            "en",
            [
                "About the map",
                "Privacy notice",
                "Accessibility statement",
                "Employers: tell us your needs",
            ],
        ),  # fmt: skip
    ],
)
def test_the_footer_links_the_three_pages_and_the_needs_form_in_the_page_language(
    client, language, texts
):
    html = client.get(f"/{language}/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', footer)
    assert links == [
        (f"/{language}/about/", texts[0]),
        (f"/{language}/privacy/", texts[1]),
        (f"/{language}/accessibility/", texts[2]),
        (f"/{language}/needs/new/", texts[3]),
    ]


def test_the_footer_marks_the_page_being_read(client):
    html = client.get("/sv/privacy/").content.decode()
    assert '<a href="/sv/privacy/" aria-current="page">' in html
    assert '<a href="/sv/about/">' in html


def test_the_about_page_lists_the_organisations_by_role_with_contacts_per_country(
    client,
):
    PartnerOrganisationFactory(
        name_fi="Pohjois-Pohjanmaan liitto",
        name_sv="Norra Österbottens förbund",
        name_en="Council of Oulu Region",
        role=PartnerOrganisation.Role.COORDINATOR,
        country="FI",
        website="https://www.pohjois-pohjanmaa.fi/",
        email="kirjaamo@example.fi",
    )
    PartnerOrganisationFactory(
        name_fi="Region Västerbotten",
        name_sv="Region Västerbotten",
        name_en="Region Västerbotten",
        role=PartnerOrganisation.Role.COORDINATOR,
        country="SE",
        email="region@example.se",
        position=1,
    )
    PartnerOrganisationFactory(
        name_fi="EU-ohjelma",
        name_sv="EU-programmet",
        name_en="EU programme",
        role=PartnerOrganisation.Role.FUNDER,
        country="",
        email="",
        website="",
    )

    html = client.get("/sv/about/").content.decode()

    assert (
        "inte listats här ännu" not in html.split("Kontakter")[0]
    )  # no empty state above the contacts
    coordinators = html[html.index("Samordnande partner") : html.index("Finansiering")]
    assert coordinators.index("Norra Österbottens förbund") < coordinators.index(
        "Region Västerbotten"
    )
    assert (
        '<a href="https://www.pohjois-pohjanmaa.fi/">pohjois-pohjanmaa.fi</a>'
        in coordinators
    )
    funding = html[html.index("Finansiering") : html.index("Kontakter")]
    assert "EU-programmet" in funding and "Region Västerbotten" not in funding
    contacts = html[html.index('<dl class="contacts">') : html.index("</dl>")]
    assert re.findall(r"<dt>(.*?)</dt>", contacts) == ["Finland", "Sverige"]
    assert '<a href="mailto:region@example.se">region@example.se</a>' in contacts
    assert "EU-programmet" not in contacts  # no address, so no contact


def test_the_bundled_partnership_shows_on_the_about_page_and_in_the_privacy_notice(
    client,
):
    load_bundled_data()
    name_h4 = r'<h4><span lang="fi">(.*?)</span></h4>'

    html = client.get("/fi/about/").content.decode()
    partnership = html[html.index('id="partnership-title"') : html.index("Rahoitus")]
    coordinators, partners = partnership.split("<h3>Kumppanit</h3>")
    assert "<h3>Koordinoiva kumppani</h3>" in coordinators  # one, so singular
    assert re.findall(name_h4, coordinators) == ["Region Västerbotten"]
    assert re.findall(name_h4, partners) == [
        "Skellefteån kunta",
        "Pohjois-Pohjanmaan liitto",
        "OSAO – Oulun seudun ammattiopisto",
    ]
    funding = html[html.index("Rahoitus") : html.index("Yhteystiedot")]
    assert re.findall(r'<h3><span lang="fi">(.*?)</span></h3>', funding) == [
        "Interreg Pohjoinen",
        "Lapin liitto",
    ]
    assert '<a href="https://www.osao.fi">osao.fi</a>' in partners
    assert "ei ole vielä lueteltu" not in html.split("Yhteystiedot")[0]

    privacy = client.get("/sv/privacy/").content.decode()
    assert (
        "Personuppgiftsansvarig är partnerskapet Battery Region, genom sin samordnande "
        'partner:</p>\n  <ul><li><span lang="sv">Region Västerbotten</span></li></ul>'
    ) in privacy


def test_the_about_page_says_what_is_missing_when_nothing_is_entered(client):
    html = client.get("/en/about/").content.decode()
    assert "The organisations of the partnership have not been listed here yet." in html
    assert "The funders of the portal have not been listed here yet." in html
    assert (
        "No contact addresses of the partner organisations have been listed here yet."
        in html
    )
    assert "mailto:" not in html


def test_a_name_missing_in_the_page_language_is_shown_in_another_and_marked(client):
    PartnerOrganisationFactory(name_fi="Kokkolan kaupunki", name_sv="", name_en="")
    html = client.get("/sv/about/").content.decode()
    assert '<span lang="fi">Kokkolan kaupunki</span> <span class="fallback">' in html


@override_settings(FEEDBACK_EMAIL="palaute@example.org")
@pytest.mark.parametrize("page", list(HEADINGS))
def test_each_page_gives_the_feedback_address_when_one_is_set(client, page):
    html = client.get(f"/en/{page}/").content.decode()
    assert '<a href="mailto:palaute@example.org">palaute@example.org</a>' in html


@override_settings(FEEDBACK_EMAIL="")
@pytest.mark.parametrize("page", list(HEADINGS))
def test_without_a_feedback_address_the_pages_say_where_to_turn_instead(client, page):
    html = client.get(f"/fi/{page}/").content.decode()
    assert "Portaalilla ei ole vielä omaa palauteosoitetta." in html
    assert 'href="/fi/actors/"' in html
    # The only addresses are the supervisory authorities' (on the accessibility statement).
    assert set(re.findall(r'href="mailto:([^"]+)"', html)) <= {
        "saavutettavuus@traficom.fi",
        "info@digg.se",
    }


def test_the_about_page_reads_every_organisation_in_one_query(
    client, django_assert_num_queries
):
    PartnerOrganisationFactory.create_batch(3, role=PartnerOrganisation.Role.FUNDER)
    PartnerOrganisationFactory.create_batch(3, country="SE")
    with django_assert_num_queries(1):
        html = client.get("/en/about/").content.decode()
    assert html.count('<li class="card">') == 6


def test_an_organisation_needs_a_name_in_some_language():
    organisation = PartnerOrganisation(
        slug="nameless", name_fi="", name_sv="", name_en=""
    )
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert error.value.messages == [
        "Enter the organisation's name in at least one language."
    ]
    PartnerOrganisation(
        slug="region-vasterbotten", name_sv="Region Västerbotten"
    ).full_clean()
