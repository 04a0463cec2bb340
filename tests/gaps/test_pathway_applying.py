"""How to take a step's programme (issue 12, point 10): the application period open today or opening next, the link to
apply, the study mode and charges, on the pathway page's step cards and in the API's steps, in a fixed number of
queries."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation
from rest_framework import serializers
from rest_framework.test import APIClient, APIRequestFactory

from gaps.pathways.applying import (
    ApplicationDetails,
    NextApplication,
    default_apply_url,
    load_application_details,
    next_period,
)
from gaps.pathways.search import PathwayQuery, find_pathways
from gaps.pathways.serializers import PathwayRouteSerializer
from programmes.models import Programme
from skills.models import OccupationSkill
from tests.factories import (
    ApplicationPeriodFactory,
    EducationLevelFactory,
    LanguageFactory,
    OccupationFactory,
    OfferingFactory,
    QualificationTypeFactory,
    SiteFactory,
    SkillFactory,
    pathway_programme,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 10)
DAY = datetime.timedelta(days=1)


def period(
    opens: datetime.date,
    closes: datetime.date,
    service: str = "opintopolku",
    url: str = "",
):
    return (opens, closes, service, url)


# --- choosing the period --------------------------------------------------------------------------------------------


def test_a_period_open_today_is_chosen_over_one_that_opens_later():
    chosen = next_period(
        [
            period(TODAY + 5 * DAY, TODAY + 20 * DAY),
            period(TODAY - 9 * DAY, TODAY + 8 * DAY, url="https://a.fi/"),
        ],
        TODAY,
        "en",
    )
    assert chosen == NextApplication(
        opens_on=TODAY - 9 * DAY,
        closes_on=TODAY + 8 * DAY,
        is_open_now=True,
        service="opintopolku",
        apply_url="https://a.fi/",
    )


def test_a_period_that_closes_today_is_still_open_and_one_that_opens_today_is_open():
    assert next_period([period(TODAY - 3 * DAY, TODAY)], TODAY, "en").is_open_now
    assert next_period([period(TODAY, TODAY + 3 * DAY)], TODAY, "en").is_open_now


def test_of_several_open_periods_the_one_closing_first_is_chosen():
    chosen = next_period(
        [
            period(TODAY - 9 * DAY, TODAY + 30 * DAY),
            period(TODAY - 2 * DAY, TODAY + 4 * DAY, "antagning"),
        ],
        TODAY,
        "en",
    )
    assert (chosen.closes_on, chosen.service) == (TODAY + 4 * DAY, "antagning")


def test_without_an_open_period_the_one_opening_next_is_chosen_and_past_ones_are_ignored():
    chosen = next_period(
        [period(TODAY - 60 * DAY, TODAY - DAY), period(TODAY + 40 * DAY, TODAY + 50 * DAY), period(TODAY + 7 * DAY, TODAY + 21 * DAY)],
        TODAY,
        "en",
    )  # fmt: skip
    assert (chosen.opens_on, chosen.is_open_now) == (TODAY + 7 * DAY, False)
    assert next_period([period(TODAY - 60 * DAY, TODAY - DAY)], TODAY, "en") is None
    assert next_period([], TODAY, "en") is None


def test_the_details_choose_over_every_offering_and_ignore_closed_periods():
    programme = pathway_programme("two-sites")
    Programme.objects.filter(pk=programme.pk).update(
        pace="full_time", free_of_charge=True, recognition_of_prior_learning=False
    )
    first = programme.offerings.get()
    second = OfferingFactory(
        programme=programme, site=SiteFactory(actor=programme.provider)
    )
    ApplicationPeriodFactory(
        offering=first, opens_on=TODAY - 90 * DAY, closes_on=TODAY - 60 * DAY
    )
    ApplicationPeriodFactory(
        offering=first, opens_on=TODAY + 30 * DAY, closes_on=TODAY + 44 * DAY
    )
    ApplicationPeriodFactory(offering=second, opens_on=TODAY + 5 * DAY, closes_on=TODAY + 19 * DAY,
                             service="provider", apply_url="https://college.example/apply")  # fmt: skip
    bare = pathway_programme("no-periods")

    with translation.override("fi"):
        details = load_application_details([programme, bare], TODAY)

    assert details == {
        programme.pk: ApplicationDetails(
            delivery_mode="on_site",
            pace="full_time",
            free_of_charge=True,
            recognition_of_prior_learning=False,
            next_period=NextApplication(
                opens_on=TODAY + 5 * DAY,
                closes_on=TODAY + 19 * DAY,
                is_open_now=False,
                service="provider",
                apply_url="https://college.example/apply",
            ),
        ),
        bare.pk: ApplicationDetails("on_site", "", None, None, None),
    }


def test_no_programmes_cost_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert load_application_details([], TODAY) == {}


def test_the_details_of_many_programmes_take_one_query(django_assert_num_queries):
    programmes = [pathway_programme(f"p-{n}") for n in range(5)]
    for programme in programmes:
        ApplicationPeriodFactory(
            offering=programme.offerings.get(), opens_on=TODAY, closes_on=TODAY + DAY
        )
    with django_assert_num_queries(1):
        details = load_application_details(programmes, TODAY)
    assert all(details[p.pk].next_period.is_open_now for p in programmes)


# --- where to apply ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "language", "expected"),
    [
        ("opintopolku", "fi", "https://opintopolku.fi/konfo/fi/"),
        ("opintopolku", "sv", "https://opintopolku.fi/konfo/sv/"),
        ("opintopolku", "en", "https://opintopolku.fi/konfo/en/"),
        ("opintopolku", "de", "https://opintopolku.fi/konfo/en/"),
        ("antagning", "fi", "https://www.antagning.se/"),
        ("antagning", "sv", "https://www.antagning.se/"),
        ("antagning", "en", "https://www.universityadmissions.se/"),
        ("gymnasieantagning", "sv", "https://provider.example/programme"),
        ("provider", "en", "https://provider.example/programme"),
        ("other", "fi", "https://provider.example/programme"),
    ],
)
def test_a_period_without_an_address_links_to_its_service_in_the_language_or_to_the_programme(
    service, language, expected
):
    assert (
        default_apply_url(service, language, "https://provider.example/programme")
        == expected
    )
    chosen = next_period(
        [period(TODAY, TODAY, service)],
        TODAY,
        language,
        "https://provider.example/programme",
    )
    assert chosen.apply_url == expected


def test_the_links_follow_the_active_language_unless_told():
    programme = pathway_programme("joint")
    ApplicationPeriodFactory(
        offering=programme.offerings.get(),
        opens_on=TODAY,
        closes_on=TODAY,
        apply_url="",
    )
    with translation.override("sv"):
        assert load_application_details([programme], TODAY)[
            programme.pk
        ].next_period.apply_url == ("https://opintopolku.fi/konfo/sv/")
    assert load_application_details([programme], TODAY, "fi")[
        programme.pk
    ].next_period.apply_url == ("https://opintopolku.fi/konfo/fi/")


def test_the_study_mode_reads_the_delivery_mode_and_the_pace_when_known():
    with translation.override("en"):
        assert (
            ApplicationDetails("on_site", "full_time", None, None, None).study_mode
            == "On site, full-time"
        )
        assert ApplicationDetails("online", "", None, None, None).study_mode == "Online"


# --- the page and the API --------------------------------------------------------------------------------------------


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def route():
    """Basic education → a vocational qualification that leads to battery cell operator and teaches one of its two
    essential skills; applications to it are open today in Opintopolku."""
    LanguageFactory(code="fi", name_fi="suomi", name_sv="finska", name_en="Finnish")
    basic = QualificationTypeFactory(
        code="fi-basic", level=EducationLevelFactory(level=2), order=1
    )
    operator = OccupationFactory(slug="cell-operator")
    skills = SkillFactory.create_batch(2)
    for skill in skills:
        OccupationSkill.objects.create(occupation=operator, skill=skill)
    programme = pathway_programme(
        "cell-vocational",
        level=EducationLevelFactory(level=4),
        accepts=[basic],
        leads_to=[operator],
        teaches=skills[:1],
        languages=("fi",),
    )
    Programme.objects.filter(pk=programme.pk).update(
        pace="full_time", free_of_charge=True
    )
    today = timezone.localdate()
    closes = today + 8 * DAY
    ApplicationPeriodFactory(
        offering=programme.offerings.get(),
        opens_on=today - 5 * DAY,
        closes_on=closes,
        apply_url="",
    )
    return {"programme": programme, "basic": basic, "closes": closes, "today": today}


def card(html: str, slug: str) -> str:
    (found,) = set(
        re.findall(
            rf'<p class="step-title"><a href="/\w+/programmes/{slug}/">.*?</details>',
            html,
            re.S,
        )
    )
    return found


@pytest.mark.parametrize(
    ("language", "study_mode", "link"),
    [
        (
            "en",
            "On site, full-time",
            '<a href="https://opintopolku.fi/konfo/en/">Apply in Studyinfo</a>',
        ),
        ("fi", None, '<a href="https://opintopolku.fi/konfo/fi/">'),
    ],
)
def test_the_step_card_shows_the_study_mode_the_charges_and_where_to_apply_until_when(
    client, route, language, study_mode, link
):
    html = client.get(f"/{language}/pathways/", {"start": "fi-basic"}).content.decode()

    step = card(html, "cell-vocational")
    with translation.override(language):
        closes = formats.date_format(route["closes"])
    assert closes in step and link in step
    if study_mode:
        assert f"<dd>{study_mode}</dd>" in step
        assert "<dt>Free of charge</dt><dd>Yes</dd>" in step
        assert f"Application open until {closes}</span> – {link}" in step


def test_a_period_to_come_shows_both_dates_and_unknown_facts_are_left_out(
    client, route
):
    programme = route["programme"]
    programme.offerings.get().application_periods.update(
        opens_on=route["today"] + 20 * DAY,
        closes_on=route["today"] + 30 * DAY,
        service="provider",
    )
    Programme.objects.filter(pk=programme.pk).update(
        free_of_charge=None, source_url="https://college.example/p"
    )

    step = card(
        client.get("/en/pathways/", {"start": "fi-basic"}).content.decode(),
        "cell-vocational",
    )

    opens, closes = (formats.date_format(route["today"] + n * DAY) for n in (20, 30))
    assert (
        f'Next application {opens}–{closes} – <a href="https://college.example/p">Apply to the provider</a>'
        in step
    )
    assert "Free of charge" not in step


def test_a_step_without_an_application_period_says_nothing_about_applying(
    client, route
):
    route["programme"].offerings.get().application_periods.all().delete()
    step = card(
        client.get("/en/pathways/", {"start": "fi-basic"}).content.decode(),
        "cell-vocational",
    )
    assert "Study mode" in step and "Apply" not in step


def test_an_api_step_carries_how_to_apply_whether_it_leads_directly_and_its_share_of_the_skills(
    api_client, route
):
    (found,) = api_client.get(
        "/api/v1/pathways/", {"start": "fi-basic"}, headers={"accept-language": "sv"}
    ).json()["routes"]
    (step,) = found["steps"]

    expected = {
        "leads_directly": True,
        "skill_share": 0.5,
        "delivery_mode": "on_site",
        "pace": "full_time",
        "free_of_charge": True,
        "recognition_of_prior_learning": None,
        "next_application": {
            "opens_on": (route["today"] - 5 * DAY).isoformat(),
            "closes_on": route["closes"].isoformat(),
            "open_now": True,
            "service": "opintopolku",
            "apply_url": "https://opintopolku.fi/konfo/sv/",
        },
    }
    assert {key: step[key] for key in expected} == expected


def test_the_api_steps_write_what_drf_writes(route):
    routes = find_pathways(PathwayQuery(starting_point=route["basic"])).routes
    request = APIRequestFactory().get("/api/v1/pathways/")
    applying = load_application_details(
        [s.programme for r in routes for s in r.steps], route["today"]
    )
    serializer = PathwayRouteSerializer(
        context={"request": request, "applying": applying}
    )

    for found in routes:
        fast = json.loads(json.dumps(serializer.to_representation(found)))
        reference = json.loads(
            json.dumps(
                serializers.Serializer.to_representation(serializer, found), default=str
            )
        )
        assert fast == reference
        assert fast["steps"][0]["next_application"]["open_now"] is True


def test_the_page_and_the_api_do_the_same_queries_for_1_and_13_routes_with_periods(
    client, api_client, route
):
    def count(get, path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert get(path).status_code == 200
        return len(queries)

    page, api = "/en/pathways/?start=fi-basic", "/api/v1/pathways/?start=fi-basic"
    before = count(client.get, page), count(api_client.get, api)
    for n in range(12):
        occupation = OccupationFactory(slug=f"occupation-{n}")
        programme = pathway_programme(
            f"more-{n}", accepts=[route["basic"]], leads_to=[occupation]
        )
        ApplicationPeriodFactory(
            offering=programme.offerings.get(),
            opens_on=route["today"],
            closes_on=route["today"],
        )
    html = client.get(page).content.decode()
    assert html.count("Application open until") == 13
    assert (count(client.get, page), count(api_client.get, api)) == before
