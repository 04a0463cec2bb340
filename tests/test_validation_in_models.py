"""Bad values are refused through the model's full_clean (which the bundled-data loader calls) with a translated message
that names the field, and unique and check constraints speak plainly.

Each message is compared with gettext of its text under translation.override, in Finnish, Swedish and English.
"""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import translation

from batteryregion.validators import MAX_PLACES
from programmes.models import Programme
from skills.models import Actor
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    IntakeFactory,
    OfferingFactory,
    ProgrammeFactory,
)
from tests.validation_messages import (
    LANGUAGES,
    PLACES_AT_LEAST_1,
    PLACES_PER_YEAR_AT_LEAST_1,
    VERIFIED_IN_FUTURE,
    clean_errors,
    date_in,
    expected,
    messages,
    today,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", LANGUAGES)
def test_full_clean_refuses_a_verified_date_in_the_future(language):
    day = today() + datetime.timedelta(days=400)
    for model in (Programme, Actor):
        record = (ProgrammeFactory if model is Programme else ActorFactory)()
        record.verified_on = day

        error = clean_errors(record, validate_unique=False)

        assert messages(error, "verified_on", language) == [
            expected(VERIFIED_IN_FUTURE, language, date=date_in(language, day))
        ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("starts_on", "msgid", "params"),
    [
        (
            datetime.date(1999, 12, 31),
            "The start date must not be before %(earliest)s.",
            lambda language: {"earliest": date_in(language, datetime.date(2000, 1, 1))},
        ),
        (
            "six years ahead",
            "The start date must be at most %(years)s years from today, on %(latest)s at the latest.",
            lambda language: {
                "years": 5,
                "latest": date_in(language, today().replace(year=today().year + 5)),
            },
        ),
    ],
)
def test_full_clean_refuses_an_offering_start_out_of_range(
    language, starts_on, msgid, params
):
    if starts_on == "six years ahead":
        starts_on = today().replace(year=today().year + 5) + datetime.timedelta(days=1)
    offering = OfferingFactory.build(
        programme=ProgrammeFactory(), site=OfferingFactory().site, starts_on=starts_on
    )

    error = clean_errors(offering)

    assert messages(error, "starts_on", language) == [
        expected(msgid, language, **params(language))
    ]


def test_full_clean_accepts_the_first_day_of_2000_and_five_years_from_today():
    for day in (datetime.date(2000, 1, 1), today().replace(year=today().year + 5)):
        OfferingFactory.build(
            programme=ProgrammeFactory(), site=OfferingFactory().site, starts_on=day
        ).full_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_full_clean_refuses_bad_intake_figures(language):
    programme = ProgrammeFactory()
    intake = IntakeFactory.build(
        programme=programme,
        year=today().year + 3,
        places=MAX_PLACES + 1,
        applicants=5,
        enrolled=50,
    )

    error = clean_errors(intake)

    assert messages(error, "year", language) == [
        expected(
            "The year of an intake can be next year (%(latest)s) at the latest.",
            language,
            latest=today().year + 1,
        )
    ]
    assert messages(error, "places", language) == [
        expected(
            "Places must be at most %(limit_value)s.", language, limit_value=MAX_PLACES
        )
    ]
    assert messages(error, "enrolled", language) == [
        expected(
            "Enrolled students (%(enrolled)s) cannot be more than applicants (%(applicants)s).",
            language,
            enrolled=50,
            applicants=5,
        )
    ]


def test_enrolled_without_applicants_or_up_to_applicants_is_fine():
    programme = ProgrammeFactory()
    IntakeFactory.build(
        programme=programme, year=2025, applicants=None, enrolled=50
    ).full_clean()
    IntakeFactory.build(
        programme=programme, year=2024, applicants=50, enrolled=50
    ).full_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_full_clean_says_which_places_must_be_at_least_one(language):
    programme = ProgrammeFactory.build(
        provider=ActorFactory(), places_per_year=0, slug="zero-places"
    )
    offering = OfferingFactory.build(
        programme=ProgrammeFactory(), site=OfferingFactory().site, places=0
    )

    assert messages(
        clean_errors(programme, validate_unique=False), "places_per_year", language
    ) == [expected(PLACES_PER_YEAR_AT_LEAST_1, language)]
    assert messages(clean_errors(offering), "places", language) == [
        expected(PLACES_AT_LEAST_1, language)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_unique_constraint_speaks_plainly(language):
    intake = IntakeFactory(year=2025)
    again = IntakeFactory.build(programme=intake.programme, year=2025)

    with translation.override(language):
        error = clean_errors(again)

    assert messages(error, NON_FIELD_ERRORS, language) == [
        expected("The programme already has an intake for this year.", language)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_check_constraint_speaks_plainly_through_full_clean(language):
    need = CompetenceNeedFactory.build(
        region=CompetenceNeedFactory().region,
        occupation=None,
        employer=None,
        source_name="",
    )

    with translation.override(language):
        error = clean_errors(need, validate_unique=False)

    assert messages(error, NON_FIELD_ERRORS, language) == [
        expected(
            "Choose the employer, or name the workshop, survey or report the need comes from.",
            language,
        )
    ]
