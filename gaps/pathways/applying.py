"""What a step of a route tells about taking its programme: how it is studied, whether it costs anything, and when and
where to apply next (issue 12).

The pathway search reads only the programme columns it compares (gaps.pathways.network), so these facts are read
afterwards, for the programmes of the routes shown only, in one query whatever the number of routes
(``load_application_details``). The pathway page and the API call it once per request.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import FilteredRelation, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from programmes.models import ApplicationPeriod, Programme

Service = ApplicationPeriod.Service

LANGUAGES = ("fi", "sv", "en")
OPINTOPOLKU_URL = "https://opintopolku.fi/konfo/{language}/"
ANTAGNING_URL = "https://www.antagning.se/"
UNIVERSITY_ADMISSIONS_URL = "https://www.universityadmissions.se/"
"""Antagning.se in English."""


@dataclass(frozen=True)
class NextApplication:
    """The application period of a programme that is open today or opens next, over all its offerings."""

    opens_on: date
    closes_on: date
    is_open_now: bool
    service: str  # an ApplicationPeriod.Service value
    apply_url: str  # the period's own address, else the service's (see default_apply_url); "" when there is none

    @property
    def service_label(self) -> str:
        return str(Service(self.service).label)

    @property
    def link_text(self) -> str:
        """The words of the link to apply, naming where it leads, in the active language."""
        if self.service == Service.OPINTOPOLKU:
            # Translators: the service's own name in each language: Opintopolku, Studieinfo, Studyinfo.
            return _("Apply in Studyinfo")
        if self.service == Service.ANTAGNING:
            # Translators: Antagning.se; its English version is called University Admissions in Sweden.
            return _("Apply at University Admissions in Sweden")
        if self.service == Service.GYMNASIEANTAGNING:
            return _("Apply through Gymnasieantagningen")
        if self.service == Service.PROVIDER:
            return _("Apply to the provider")
        return _("How to apply")


@dataclass(frozen=True)
class ApplicationDetails:
    """How a programme is studied and how to get in, as a step of a route shows it."""

    delivery_mode: str  # a Programme.DeliveryMode value
    pace: str  # a Programme.Pace value; "" when not known
    free_of_charge: bool | None  # None when not known
    recognition_of_prior_learning: bool | None  # None when not known
    next_period: NextApplication | None  # None when no period is open or to come

    @property
    def study_mode(self) -> str:
        """The delivery mode and the pace when known: "On site, full-time"."""
        mode = str(Programme.DeliveryMode(self.delivery_mode).label)
        if not self.pace:
            return mode
        return f"{mode}, {str(Programme.Pace(self.pace).label).lower()}"


def load_application_details(
    programmes: Iterable[Programme], today: date, language: str | None = None
) -> dict[int, ApplicationDetails]:
    """Each programme's study mode, charges and next application period, by programme id (one query; none without
    programmes).

    ``today`` decides which periods are still to come (the page and the API pass timezone.localdate()); the links
    to Opintopolku and Antagning.se are in ``language``, the active language unless told.
    """
    ids = {programme.pk for programme in programmes}
    if not ids:
        return {}
    language = _language(language or get_language())
    # One row per programme and period still open or to come, or one row with empty period columns: the periods
    # are joined on their offerings with the date condition in the join, so that a programme without any stays.
    rows = (
        Programme.objects.filter(pk__in=ids)
        .annotate(
            period=FilteredRelation(
                "offerings__application_periods",
                condition=Q(offerings__application_periods__closes_on__gte=today),
            )
        )
        .order_by()
        .values_list(
            "pk",
            "delivery_mode",
            "pace",
            "free_of_charge",
            "recognition_of_prior_learning",
            "source_url",
            "period__opens_on",
            "period__closes_on",
            "period__service",
            "period__apply_url",
        )
    )
    facts: dict[int, tuple] = {}
    periods: dict[int, list[tuple[date, date, str, str]]] = {}
    for pk, mode, pace, free, prior, source, opens, closes, service, url in rows:
        facts[pk] = (mode, pace, free, prior, source)
        periods.setdefault(pk, [])
        if opens is not None:
            periods[pk].append((opens, closes, service, url))
    return {
        pk: ApplicationDetails(
            delivery_mode=mode,
            pace=pace,
            free_of_charge=free,
            recognition_of_prior_learning=prior,
            next_period=next_period(periods[pk], today, language, source),
        )
        for pk, (mode, pace, free, prior, source) in facts.items()
    }


def next_period(
    periods: list[tuple[date, date, str, str]],
    today: date,
    language: str,
    source_url: str = "",
) -> NextApplication | None:
    """Of (opens_on, closes_on, service, apply_url) periods, the one open today that closes first (its deadline is
    the nearest), else the one that opens next; None when every period has closed or there are none."""
    current = [period for period in periods if period[0] <= today <= period[1]]
    if current:
        opens, closes, service, url = min(
            current, key=lambda p: (p[1], p[0], p[2], p[3])
        )
    else:
        coming = [period for period in periods if period[0] > today]
        if not coming:
            return None
        opens, closes, service, url = min(coming)
    return NextApplication(
        opens_on=opens,
        closes_on=closes,
        is_open_now=opens <= today,
        service=service,
        apply_url=url or default_apply_url(service, language, source_url),
    )


def default_apply_url(service: str, language: str, source_url: str = "") -> str:
    """Where to apply when a period records no address: the joint application service's front page in the
    language, else the programme's own page at its source."""
    if service == Service.OPINTOPOLKU:
        return OPINTOPOLKU_URL.format(language=_language(language))
    if service == Service.ANTAGNING:
        return (
            UNIVERSITY_ADMISSIONS_URL if _language(language) == "en" else ANTAGNING_URL
        )
    return source_url


def _language(code: str | None) -> str:
    """fi, sv or en, from a language code such as "sv" or "en-gb"; English for any other."""
    code = (code or "").split("-")[0].lower()
    return code if code in LANGUAGES else "en"
