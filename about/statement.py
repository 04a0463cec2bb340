"""The facts of the accessibility statement that change over time, in one place: when the statement was prepared and
last reviewed, how soon feedback is answered, and the supervisory authorities of both countries.

Review the statement (templates/about/accessibility.html) at least once a year and whenever the portal changes a
lot, and move REVIEWED_ON to the day of the review.
"""

import datetime
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PREPARED_ON = datetime.date(2026, 12, 4)
REVIEWED_ON = datetime.date(2026, 12, 4)
# The Finnish Act on the Provision of Digital Services asks for an answer to accessibility feedback within two weeks.
REPLY_DAYS = 14


@dataclass(frozen=True)
class SupervisoryAuthority:
    """Where a visitor turns when the portal does not answer their accessibility feedback, or answers badly."""

    name: Promise
    website: str
    website_label: str
    email: str
    phone: str
    phone_href: str
    report_form: str = ""


# Finland: Traficom's unit has supervised digital accessibility since 2025 (before it, the Regional State
# Administrative Agency for Southern Finland, whose agencies closed at the end of 2025); the website is the same.
FINLAND = SupervisoryAuthority(
    name=_(
        "Finnish Transport and Communications Agency Traficom, Digital Accessibility Supervision Unit"
    ),
    # The authority's site in each language: saavutettavuusvaatimukset.fi, tillganglighetskrav.fi, webaccessibility.fi.
    website=_("https://www.webaccessibility.fi/"),
    website_label=_("www.webaccessibility.fi"),
    email="saavutettavuus@traficom.fi",
    phone="029 534 5000",
    phone_href="tel:+358295345000",
)
SWEDEN = SupervisoryAuthority(
    name=_("Agency for Digital Government (Digg), Sweden"),
    website="https://www.digg.se/",
    website_label="digg.se",
    email="info@digg.se",
    phone="0771-11 44 00",
    phone_href="tel:+46771114400",
    report_form="https://www.digg.se/tdosanmalan",
)
